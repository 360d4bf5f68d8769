"""Reviewing a plan (s.23) and requests for a review: each decision's effect, refusals that
change nothing, and requests as tasks with an owner."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.errors import ServiceError
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import PlanError, ReviewDecision, ReviewError, ReviewRequester
from aln.domain.process import ProcessError
from aln.idps.models import Idp, IdpVersion, RequestState, Review, ReviewProgress, ReviewRequest
from aln.idps.selectors.plans import current_version
from aln.idps.services.drafting import idp_start_revision
from aln.idps.services.reviews import (
    review_record,
    review_request_assign,
    review_request_make,
    review_request_record,
    review_request_refuse,
)
from aln.notifications.models import OutboxMessage
from aln.organisations.models import HealthBoard
from tests.aln.idps.conftest import GOOD_OUTCOME, D
from tests.aln.idps.review_helpers import give_plan
from tests.conftest import signed_in
from tests.factories import (
    ElementFactory,
    LearnerAccessGrantFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

REVIEW_DAY = D("2027-06-16")


@pytest.fixture
def in_force(plan, alnco):
    """The plan given on 14 October 2026; the test then runs on 16 June 2027."""
    give_plan(alnco, plan)
    noon = datetime.datetime(2027, 6, 16, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield Idp.objects.select_related("case", "learner").get(pk=plan.pk)


def _progress(idp, text="Cai now reads 31 of the 40 words."):
    version = current_version(idp=idp)
    return {element.key: text for element in version.elements.all()} if version else {}


def _review(actor, idp, **changes):
    idp.case.refresh_from_db()
    values = {
        "actor": actor,
        "idp": idp,
        "case_version": idp.case.version,
        "invited": "Cai, Mrs Evans (mum), class teacher, speech and language therapist",
        "invited_on": D("2027-05-26"),
        "held_on": D("2027-06-14"),
        "attended": "Cai, Mrs Evans, class teacher",
        "learner_views": "I like reading with Mr Hughes. I want harder books.",
        "family_views": "Reading at home is much better.",
        "others_views": "",
        "progress": _progress(idp),
        "decision": ReviewDecision.REVISE,
        "reasons": "Outcome 1 is nearly met; set a new target for reading fluency.",
        **changes,
    }
    return review_record(**values)


def _snapshot(idp):
    case = Case.objects.get(pk=idp.case_id)
    return {
        "events": AuditEvent.objects.count(),
        "reviews": Review.objects.count(),
        "progress": ReviewProgress.objects.count(),
        "versions": IdpVersion.objects.filter(idp=idp).count(),
        "case": (case.stage, case.version),
        "deadlines": list(case.deadlines.values_list("rule_id", "state", "due_on")),
        "requests": list(ReviewRequest.objects.values_list("state", "owner_id")),
        "outbox": OutboxMessage.objects.count(),
    }


def refused(idp, call, code, field=None):
    before = _snapshot(idp)
    with pytest.raises(ServiceError) as raised:
        call()
    assert raised.value.code == code
    if field is not None:
        assert raised.value.field == field
    assert _snapshot(idp) == before
    return raised.value


# --- Recording a review -----------------------------------------------------------------------


def test_revise_records_the_review_and_starts_a_new_draft(in_force, alnco):
    case_version = Case.objects.get(pk=in_force.case_id).version
    deadlines_before = list(in_force.case.deadlines.values_list("rule_id", "state", "due_on"))
    review = _review(alnco, in_force)

    assert review.decision == "revise"
    assert review.version.number == 1
    (row,) = review.progress.all()
    assert (row.outcome, row.progress) == (GOOD_OUTCOME, "Cai now reads 31 of the 40 words.")
    case = Case.objects.get(pk=in_force.case_id)
    assert (case.stage, case.version) == ("maintaining", case_version + 1)
    draft = IdpVersion.objects.get(idp=in_force, state="draft")
    assert (draft.number, draft.why_revised) == (2, review.reasons)
    # The next period starts only when the revised plan is given.
    assert list(case.deadlines.values_list("rule_id", "state", "due_on")) == deadlines_before
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"case.reviewed", "idp.reviewed", "idp.revision_started"} <= events


def test_a_revision_without_reasons_is_named_after_the_review(in_force, alnco):
    _review(alnco, in_force, reasons="")
    draft = IdpVersion.objects.get(idp=in_force, state="draft")
    assert draft.why_revised == "Review on 14 June 2027"


def test_revise_keeps_a_draft_already_being_written(in_force, alnco):
    idp_start_revision(actor=alnco, idp=in_force, why_revised="New speech therapy report")
    _review(alnco, in_force)
    assert IdpVersion.objects.filter(idp=in_force, state="draft").count() == 1
    assert IdpVersion.objects.get(idp=in_force, state="draft").why_revised == (
        "New speech therapy report"
    )


def test_proposing_to_cease_records_the_review_only(in_force, alnco):
    review = _review(
        alnco,
        in_force,
        decision=ReviewDecision.PROPOSE_CEASE,
        reasons="Cai reads at the expected level and no longer needs ALP.",
    )
    case = Case.objects.get(pk=in_force.case_id)
    assert case.stage == "maintaining"
    assert review.notice_id is None
    assert not IdpVersion.objects.filter(idp=in_force, state="draft").exists()
    assert AuditEvent.objects.filter(event_type="case.reviewed").exists()


def test_no_revision_gives_the_notice_and_starts_the_next_review_period(in_force, alnco):
    review = _review(
        alnco,
        in_force,
        decision=ReviewDecision.NO_REVISION,
        reasons="The plan is working: Cai is on track to meet every outcome.",
        notice_given_on=D("2027-06-15"),
        notice_method=DeliveryMethod.POST,
        notice_language=NoticeLanguage.EN,
    )
    review.refresh_from_db()
    assert review.notice.kind == "no_revision"
    assert review.notice.given_on == D("2027-06-15")
    case = Case.objects.get(pk=in_force.case_id)
    assert case.stage == "maintaining"
    periods = case.deadlines.filter(rule_id="idp-review").order_by("started_on")
    assert [(d.started_on, d.met_on) for d in periods] == [
        (D("2026-10-14"), D("2027-06-15")),
        (D("2027-06-15"), None),
    ]
    assert Idp.objects.get(pk=in_force.pk).review_period_started_on == D("2027-06-15")
    assert AuditEvent.objects.filter(event_type="case.no_revision_notice_given").exists()
    assert not IdpVersion.objects.filter(idp=in_force, state="draft").exists()


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"invited_on": D("2027-06-14")}, ReviewError.INVITED_AFTER_MEETING, "invited_on"),
        ({"progress": {}}, ReviewError.PROGRESS_REQUIRED, "progress_"),
        ({"learner_views": "  "}, ReviewError.VIEWS_REQUIRED, "learner_views"),
        (
            {"decision": ReviewDecision.NO_REVISION, "reasons": ""},
            ReviewError.REASONS_REQUIRED,
            "reasons",
        ),
        (
            {"decision": ReviewDecision.PROPOSE_CEASE, "reasons": ""},
            ReviewError.REASONS_REQUIRED,
            "reasons",
        ),
        (
            {"decision": ReviewDecision.NO_REVISION, "notice_given_on": D("2027-06-15")},
            ProcessError.REQUIRED,
            "notice_language",
        ),
        ({"held_on": D("2027-06-17")}, ProcessError.DATE_IN_FUTURE, "held_on"),
        ({"held_on": D("2026-10-01")}, ProcessError.DATE_BEFORE_START, "held_on"),
        ({"invited": ""}, ProcessError.REQUIRED, "invited"),
        ({"progress": {"not-an-element": "x"}}, PlanError.NOT_FOUND, None),
        ({"request_ids": ["00000000-0000-0000-0000-000000000000"]}, PlanError.NOT_FOUND, None),
    ],
    ids=[
        "invited-on-the-day",
        "no-progress",
        "no-views",
        "no-reasons-for-no-revision",
        "no-reasons-for-cease",
        "no-notice-language",
        "held-in-future",
        "held-before-plan-given",
        "nobody-invited",
        "unknown-element",
        "unknown-request",
    ],
)
def test_a_refused_review_changes_nothing(in_force, alnco, changes, code, field):
    error = refused(in_force, lambda: _review(alnco, in_force, **changes), code)
    if field == "progress_":
        key = current_version(idp=in_force).elements.get().key
        assert error.field == f"progress_{key}"
    elif field is not None:
        assert error.field == field


def test_missing_progress_for_one_of_two_elements_is_refused(in_force, alnco):
    version = current_version(idp=in_force)
    first = version.elements.get()
    second = ElementFactory(version=version, outcome="By July 2027, Cai will spell 20 words.")
    progress = {first.key: "Good progress", second.key: " "}
    error = refused(
        in_force,
        lambda: _review(alnco, in_force, progress=progress),
        ReviewError.PROGRESS_REQUIRED,
    )
    assert error.field == f"progress_{second.key}"


def test_someone_else_changed_the_case_first(in_force, alnco):
    stale = Case.objects.get(pk=in_force.case_id).version - 1
    refused(
        in_force,
        lambda: _review(alnco, in_force, case_version=stale),
        ProcessError.CHANGED_BY_SOMEONE_ELSE,
    )


def test_only_the_body_maintaining_the_plan_records_a_review(in_force, client, school):
    teacher = signed_in(client, "teacher", setting=school)
    refused(in_force, lambda: _review(teacher, in_force), PlanError.NOT_YOURS)
    parent = in_force.learner.family_links.get().family_member
    parent_user = MembershipFactory(role="parent").user
    parent.user = parent_user
    parent.save()
    refused(in_force, lambda: _review(parent_user, in_force), PlanError.NOT_YOURS)


def test_a_plan_not_yet_given_cannot_be_reviewed(plan, alnco):
    refused(plan, lambda: _review(alnco, plan), PlanError.NOT_IN_FORCE)


def test_a_review_answers_the_requests_it_names(in_force, alnco):
    asked = review_request_record(
        actor=alnco,
        idp=in_force,
        requested_by=ReviewRequester.PARENT,
        requester_name="Mrs Evans",
        received_on=D("2027-05-20"),
        reason="Cai is finding the new phonics group too easy.",
    )
    other = review_request_record(
        actor=alnco,
        idp=in_force,
        requested_by=ReviewRequester.NHS_BODY,
        requester_name="Speech and language therapy",
        received_on=D("2027-06-01"),
        reason="New assessment.",
    )
    review = _review(alnco, in_force, request_ids=[str(asked.pk)])
    asked.refresh_from_db()
    other.refresh_from_db()
    assert (asked.state, asked.review_id, asked.answered_on) == ("done", review.pk, review.held_on)
    assert other.state == "open"
    assert AuditEvent.objects.get(event_type="idp.reviewed").changes["requests"] == [str(asked.pk)]


# --- Requests for a review --------------------------------------------------------------------


def _parent_user(idp):
    """The learner's linked parent, with an account."""
    member = idp.learner.family_links.get().family_member
    user = MembershipFactory(role="parent").user
    member.user = user
    member.save()
    return user


def test_a_parents_request_is_a_task_for_the_case_owner_and_deciders_are_emailed(
    in_force, alnco, school
):
    head = MembershipFactory(role="headteacher", setting=school).user
    MembershipFactory(role="alnco", setting=SettingFactory())  # another school: not told
    parent = _parent_user(in_force)
    request = review_request_make(
        actor=parent, idp=in_force, reason="  Cai is unhappy in the reading group.  "
    )
    assert request.requested_by == ReviewRequester.PARENT
    assert (request.state, request.owner_id) == ("open", alnco.pk)
    assert request.received_on == REVIEW_DAY
    assert request.reason == "Cai is unhappy in the reading group."
    assert AuditEvent.objects.filter(event_type="idp.review_requested").count() == 1
    emails = OutboxMessage.objects.all()
    assert sorted(e.to_email for e in emails) == sorted([alnco.email, head.email])
    learner = in_force.learner
    for email in emails:
        text = email.subject + email.body
        assert learner.first_name not in text
        assert learner.last_name not in text
        assert "unhappy" not in text  # the reason may name the child: it stays in the service
        assert in_force.case.reference in text
        assert f"/plans/{in_force.pk}/requests/" in email.body


def test_the_email_is_in_welsh_for_someone_who_prefers_welsh(in_force, alnco):
    alnco.preferred_language = "cy"
    alnco.save()
    review_request_make(actor=_parent_user(in_force), idp=in_force, reason="Angen adolygiad")
    email = OutboxMessage.objects.get(to_email=alnco.email)
    assert email.language == "cy"


def test_a_young_person_and_an_nhs_professional_ask_as_themselves(in_force, client):
    learner = in_force.learner
    own = MembershipFactory(role="young_person").user
    learner.user = own
    learner.save()
    assert (
        review_request_make(
            actor=own, idp=in_force, reason="I want to change my plan."
        ).requested_by
        == ReviewRequester.YOUNG_PERSON
    )
    board = HealthBoard.objects.first() or HealthBoard.objects.create(
        code="7Z9", name_en="Test Health Board", name_cy="Bwrdd Iechyd Prawf"
    )
    therapist = MembershipFactory(role="health_professional", health_board=board).user
    LearnerAccessGrantFactory(learner=learner, user=therapist)
    asked = review_request_make(actor=therapist, idp=in_force, reason="New assessment results.")
    assert asked.requested_by == ReviewRequester.NHS_BODY


def test_nobody_can_ask_for_a_review_of_a_plan_not_yet_given(plan):
    parent = _parent_user(plan)
    refused(
        plan,
        lambda: review_request_make(actor=parent, idp=plan, reason="Please review"),
        PlanError.NOT_IN_FORCE,
    )


def test_a_request_needs_a_reason(in_force):
    parent = _parent_user(in_force)
    refused(
        in_force,
        lambda: review_request_make(actor=parent, idp=in_force, reason=" "),
        ProcessError.REQUIRED,
        "reason",
    )


def test_someone_unconnected_cannot_ask(in_force):
    stranger = MembershipFactory(role="parent").user
    refused(
        in_force,
        lambda: review_request_make(actor=stranger, idp=in_force, reason="Review it"),
        PlanError.NOT_YOURS,
    )


def test_staff_record_a_request_received_by_letter(in_force, alnco, client, school):
    request = review_request_record(
        actor=alnco,
        idp=in_force,
        requested_by=ReviewRequester.NHS_BODY,
        requester_name="Betsi Cadwaladr speech and language therapy",
        received_on=D("2027-06-10"),
        reason="New assessment suggests a change of approach.",
    )
    assert (request.owner_id, request.state) == (alnco.pk, "open")
    teacher = signed_in(client, "teacher", setting=school)
    refused(
        in_force,
        lambda: review_request_record(
            actor=alnco,
            idp=in_force,
            requested_by=ReviewRequester.PARENT,
            requester_name="",
            received_on=D("2027-06-10"),
            reason="Phone call from mum",
            owner=teacher,
        ),
        PlanError.NOT_YOURS,
        "owner",
    )
    refused(
        in_force,
        lambda: review_request_record(
            actor=teacher,
            idp=in_force,
            requested_by=ReviewRequester.PARENT,
            requester_name="",
            received_on=D("2027-06-10"),
            reason="Phone call from mum",
        ),
        PlanError.NOT_YOURS,
    )


def test_a_request_is_given_to_someone_else_to_deal_with(in_force, alnco, school):
    head = MembershipFactory(role="headteacher", setting=school).user
    request = review_request_make(actor=_parent_user(in_force), idp=in_force, reason="Review")
    review_request_assign(actor=alnco, request=request, owner=head)
    request.refresh_from_db()
    assert request.owner_id == head.pk
    event = AuditEvent.objects.get(event_type="idp.review_request_assigned")
    assert event.changes["owner"] == [alnco.pk, head.pk]
    other_school = MembershipFactory(role="alnco", setting=SettingFactory()).user
    refused(
        in_force,
        lambda: review_request_assign(actor=alnco, request=request, owner=other_school),
        PlanError.NOT_YOURS,
        "owner",
    )


def test_refusing_needs_reasons_and_changes_nothing_without_them(in_force, alnco):
    request = review_request_make(actor=_parent_user(in_force), idp=in_force, reason="Review")
    refused(
        in_force,
        lambda: review_request_refuse(
            actor=alnco,
            request=request,
            reasons="",
            given_on=REVIEW_DAY,
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        ),
        ReviewError.REASONS_REQUIRED,
        "reasons",
    )


def test_refusing_a_request_answers_it_with_a_notice(in_force, alnco):
    request = review_request_make(actor=_parent_user(in_force), idp=in_force, reason="Review")
    review_request_refuse(
        actor=alnco,
        request=request,
        reasons="The plan was reviewed last month and nothing has changed since.",
        given_on=REVIEW_DAY,
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    request.refresh_from_db()
    assert (request.state, request.answered_on) == (RequestState.REFUSED, REVIEW_DAY)
    assert request.answer.startswith("The plan was reviewed")
    event = AuditEvent.objects.get(event_type="idp.review_request_refused")
    notice = in_force.case.notices.get(pk=event.changes["notice"])
    assert notice.kind == "review_refused"
    # No deadline for the refusal notice: its period is UNVERIFIED (spec T13).
    assert (
        not in_force.case.deadlines.exclude(rule_id__in=["idp-review"])
        .filter(state="open")
        .exists()
    )
    # An answered request cannot be refused again.
    refused(
        in_force,
        lambda: review_request_refuse(
            actor=alnco,
            request=request,
            reasons="Again",
            given_on=REVIEW_DAY,
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        ),
        ProcessError.NOT_ALLOWED_NOW,
    )

"""The LA's answers to requests (Act ss.26-28, 32): every answer on every route through the
service, with its notice, recipients, right of appeal and last day, the copy to the governing
body, and its effects on the case, the plan and the clocks. A refused answer changes nothing."""

import pytest

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.cases.selectors import case_parties_for
from aln.common.errors import ServiceError
from aln.deadlines.models import Deadline
from aln.disputes.models import LaRequest
from aln.disputes.selectors.requests import request_subjects_for
from aln.disputes.services import outcomes
from aln.disputes.services.outcomes import la_request_decide, la_request_exception_notice
from aln.disputes.services.requests import la_request_record_exception
from aln.domain.disagreements import (
    DutyException,
    LaOutcome,
    OutcomeError,
    OutcomeProblem,
    Requester,
    RequestError,
    RequestProblem,
    Route,
    appeal_last_day,
)
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.process import Party, ProcessError
from aln.domain.timelines import due_date
from aln.idps.models import Idp, IdpVersion, Transfer
from aln.idps.selectors.plans import draft_of
from aln.idps.services.issuing import idp_give
from aln.notices.rendering import render_notice_html
from aln.notifications.models import OutboxMessage
from tests.aln.disputes.test_outcomes_setup import *  # noqa: F403 (fixtures)
from tests.aln.disputes.test_outcomes_setup import (
    DECIDED_ON,
    GIVEN_ON,
    PLAN_GIVEN_ON,
    RECEIVED_ON,
    D,
    a_case,
    request_on,
    snapshot,
)
from tests.factories import ActingForFactory, LocalAuthorityFactory, MembershipFactory

pytestmark = pytest.mark.django_db

REASONS = "The speech therapist's report shows needs beyond what others get."


@pytest.fixture
def letters(monkeypatch):
    """The content of every notice the service gives, in order."""
    given = []
    real = outcomes.notice_issue

    def capture(**kwargs):
        given.append(kwargs["content"])
        return real(**kwargs)

    monkeypatch.setattr(outcomes, "notice_issue", capture)
    return given


@pytest.fixture
def governors(school):
    return MembershipFactory(role="headteacher", setting=school, user__email="head@school.example")


def decide(actor, la_request, outcome, **changes):
    values = {
        "actor": actor,
        "la_request": la_request,
        "version": la_request.version,
        "outcome": outcome,
        "reasons": REASONS,
        "decided_on": DECIDED_ON,
        "given_on": GIVEN_ON,
        "method": DeliveryMethod.POST,
        "language": NoticeLanguage.EN,
        **changes,
    }
    return la_request_decide(**values)


def open_request(kind, route, learner, officer, **kwargs):
    return request_on(route, a_case(kind, learner, officer), officer, **kwargs)


def refused(call, code, field=None):
    before = snapshot()
    with pytest.raises(ServiceError) as raised:
        call()
    assert raised.value.code == code
    if field is not None:
        assert raised.value.field == field
    assert snapshot() == before


def events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


# --- What every answer records ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "route", "outcome", "extra", "notice_kind", "appeal"),
    [
        ("no_aln", Route.RECONSIDER_ALN, LaOutcome.ALN_DECISION_CONFIRMED, {"has_aln": False},
         "no_aln", True),
        ("no_aln", Route.RECONSIDER_ALN, LaOutcome.ALN_DECISION_CHANGED, {"has_aln": True},
         "has_aln", True),
        ("idp_due", Route.RECONSIDER_ALN, LaOutcome.ALN_DECISION_CHANGED, {"has_aln": False},
         "no_aln", True),
        ("plan", Route.RECONSIDER_IDP, LaOutcome.NO_REVISION, {}, "no_revision", True),
        ("plan", Route.RECONSIDER_IDP, LaOutcome.REVISED_SCHOOL_TO_MAINTAIN, {},
         "revision_decided", False),
        ("plan", Route.RECONSIDER_IDP, LaOutcome.REVISED_AND_TAKEN_OVER, {},
         "revision_decided", False),
        ("plan", Route.TAKE_OVER_IDP, LaOutcome.TAKEN_OVER, {}, "take_over_agreed", False),
        ("plan", Route.TAKE_OVER_IDP, LaOutcome.TAKE_OVER_REFUSED, {}, "take_over_refused", True),
        ("ceased", Route.RECONSIDER_CEASING, LaOutcome.CEASING_CONFIRMED, {}, "cease_confirmed",
         True),
        ("ceased", Route.RECONSIDER_CEASING, LaOutcome.CEASING_REVERSED, {}, "cease_reversed",
         False),
    ],
)  # fmt: skip
def test_every_answer_closes_the_request_meets_the_clock_and_gives_its_notice(
    learner, officer, parent, governors, letters, kind, route, outcome, extra, notice_kind, appeal
):
    la_request = open_request(kind, route, learner, officer)
    version = la_request.version
    notice = decide(officer, la_request, outcome, **extra)

    stored = LaRequest.objects.get(pk=la_request.pk)
    assert (stored.status, stored.outcome, stored.outcome_reasons) == ("decided", outcome, REASONS)
    assert (stored.decided_on, stored.closed_on, stored.decided_by) == (
        DECIDED_ON,
        DECIDED_ON,
        officer,
    )
    assert stored.notice == notice
    assert stored.version == version + 1
    deadline = Deadline.objects.get(pk=stored.deadline_id)
    assert (deadline.state, deadline.met_on) == ("met", DECIDED_ON)

    # The notice: the LA's, to the child and parent by name, appeal and its last day if adverse.
    assert notice.kind == notice_kind
    assert notice.recipients == ["child", "parent"]
    parent_name = learner.family_links.get().family_member.full_name
    assert set(notice.addressee_names) == {learner.full_name, parent_name}
    assert (notice.given_on, notice.method) == (GIVEN_ON, "post")
    assert ("appeal_to_tribunal" in notice.rights) is appeal
    assert notice.appeal_last_day == (appeal_last_day(GIVEN_ON, None) if appeal else None)
    content = letters[-1]
    assert content.body_name_en == la_request.local_authority.name_en
    assert not content.decided_by_school
    assert content.request_route == route
    assert content.copy_to_governing_body
    html = render_notice_html(content)
    assert f"Copy to: the governing body of {la_request.setting.name_en}" in html
    assert "section 68" in html  # disagreement resolution, whatever the answer

    # The governing body's deciders are told their copy is ready, without the learner's name.
    email = OutboxMessage.objects.get(to_email="head@school.example")
    assert learner.first_name not in email.subject + email.body
    assert learner.last_name not in email.subject + email.body
    assert str(notice.pk) in email.body

    decided = events("dispute.request_decided").get()
    assert decided.changes["outcome"] == outcome
    assert decided.changes["notice"] == str(notice.pk)


def test_a_notice_by_email_goes_to_the_family(learner, officer, parent):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    decide(
        officer,
        la_request,
        LaOutcome.ALN_DECISION_CONFIRMED,
        has_aln=False,
        method=DeliveryMethod.EMAIL,
    )
    assert OutboxMessage.objects.filter(to_email="mam@example.org").exists()


def test_a_young_person_is_told_alone(learner, officer, letters):
    Case.objects.filter(learner=learner).update()
    learner.date_of_birth = D("2009-05-04")
    learner.save()
    la_request = open_request(
        "no_aln", Route.RECONSIDER_ALN, learner, officer, requester=Requester.YOUNG_PERSON
    )
    learner.user = MembershipFactory(role="young_person").user
    learner.save()
    notice = decide(officer, la_request, LaOutcome.ALN_DECISION_CONFIRMED, has_aln=False)
    assert notice.recipients == ["young_person"]
    assert notice.addressee_names == [learner.full_name]


def test_a_case_friend_is_told_too(learner, officer, parent):
    ActingForFactory(learner=learner, kind="case_friend", name="Mr Case Friend")
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    notice = decide(officer, la_request, LaOutcome.ALN_DECISION_CONFIRMED, has_aln=False)
    assert notice.recipients == ["child", "parent", "case_friend"]
    assert "Mr Case Friend" in notice.addressee_names


# --- s.26: the LA's decision replaces the school's ----------------------------------------------


def test_the_las_no_aln_decision_replaces_the_schools(learner, officer, parent, letters):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    decide(officer, la_request, LaOutcome.ALN_DECISION_CONFIRMED, has_aln=False)
    case = Case.objects.get(pk=la_request.case_id)
    assert (case.stage, case.outcome, case.deciding_body) == ("closed", "no_aln", "local_authority")
    assert (case.reasons, case.decided_on, case.decided_by) == (REASONS, DECIDED_ON, officer)
    assert events("case.la_decision_replaced").count() == 1
    html = render_notice_html(letters[-1])
    assert "Our decision replaces the decision of" in html


def test_has_aln_after_the_schools_no_reopens_the_case_for_the_las_idp(
    learner, officer, parent, letters
):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    notice = decide(officer, la_request, LaOutcome.ALN_DECISION_CHANGED, has_aln=True)
    case = Case.objects.get(pk=la_request.case_id)
    due = due_date("la-decision", RECEIVED_ON)
    assert (case.stage, case.outcome, case.closed_on, case.closed_because) == (
        "idp_due",
        "has_aln",
        None,
        "",
    )
    assert (case.deciding_body, case.idp_preparer, case.idp_due_on) == (
        "local_authority",
        "local_authority",
        due,
    )
    clock = Deadline.objects.get(case=case, rule_id="la-decision")
    assert (clock.state, clock.started_on, clock.due_on) == ("open", RECEIVED_ON, due)
    assert notice.kind == "has_aln"
    assert letters[-1].idp_due_on == due
    assert Party.DECIDER in case_parties_for(user=officer, case=case)  # the LA writes the IDP


def test_the_la_may_direct_the_school_to_prepare_the_idp(
    learner, officer, parent, letters, school_alnco
):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    decide(
        officer,
        la_request,
        LaOutcome.ALN_DECISION_CHANGED,
        has_aln=True,
        directs_school=True,
        direction_due_on=D("2027-01-29"),
    )
    case = Case.objects.get(pk=la_request.case_id)
    assert (case.stage, case.deciding_body, case.idp_preparer, case.idp_due_on) == (
        "idp_due",
        "school",
        "school",
        D("2027-01-29"),
    )
    assert not Deadline.objects.filter(case=case, rule_id="la-decision").exists()
    assert LaRequest.objects.get().direction_due_on == D("2027-01-29")
    assert letters[-1].idp_preparer_name == la_request.setting.name_en
    assert Party.DECIDER in case_parties_for(user=school_alnco, case=case)


def test_no_aln_while_the_idp_is_due_closes_the_case_and_its_clocks(learner, officer, parent):
    la_request = open_request("idp_due", Route.RECONSIDER_ALN, learner, officer)
    case = Case.objects.get(pk=la_request.case_id)
    from aln.deadlines.services.deadlines import deadline_open  # noqa: PLC0415

    school_clock = deadline_open(
        actor=officer, case=case, rule_id="school-decision", started_on=D("2026-10-01")
    )
    decide(officer, la_request, LaOutcome.ALN_DECISION_CHANGED, has_aln=False)
    case.refresh_from_db()
    assert (case.stage, case.closed_on, case.closed_because) == (
        "closed",
        DECIDED_ON,
        "notice_given",
    )
    assert Deadline.objects.get(pk=school_clock.pk).state == "closed"


def test_no_aln_ends_a_plan_in_force(learner, officer, parent, letters):
    la_request = open_request("plan", Route.RECONSIDER_ALN, learner, officer)
    decide(officer, la_request, LaOutcome.ALN_DECISION_CHANGED, has_aln=False)
    case = Case.objects.get(pk=la_request.case_id)
    idp = Idp.objects.get(case=case)
    assert (case.stage, case.closed_because) == ("closed", "plan_ended")
    assert (idp.ceased_on, idp.cease_ground, idp.reconsideration_closes_on) == (
        DECIDED_ON,
        "no_longer_aln",
        None,
    )
    assert not Deadline.objects.filter(case=case, state="open").exists()
    assert letters[-1].ceases_on == DECIDED_ON
    assert "no longer maintained" in render_notice_html(letters[-1])


def test_has_aln_with_a_plan_in_force_the_la_maintains_it_itself(learner, officer, parent, letters):
    la_request = open_request("plan", Route.RECONSIDER_ALN, learner, officer)
    decide(officer, la_request, LaOutcome.ALN_DECISION_CONFIRMED, has_aln=True)
    idp = Idp.objects.get(case_id=la_request.case_id)
    assert (idp.maintained_by, idp.setting_id) == ("local_authority", None)
    assert Transfer.objects.get(idp=idp).kind == "la_takes_over"
    html = render_notice_html(letters[-1])
    assert "We have taken over" in html
    assert "We will prepare" not in html  # the plan exists already


def test_has_aln_with_a_plan_in_force_the_school_maintains_it_as_directed(
    learner, officer, parent, letters
):
    la_request = open_request("plan", Route.RECONSIDER_ALN, learner, officer)
    decide(
        officer,
        la_request,
        LaOutcome.ALN_DECISION_CONFIRMED,
        has_aln=True,
        directs_school=True,
        direction_due_on=D("2027-01-29"),
    )
    idp = Idp.objects.get(case_id=la_request.case_id)
    assert idp.maintained_by == "school"
    assert not Transfer.objects.exists()
    assert Case.objects.get(pk=idp.case_id).stage == "maintaining"
    assert "will go on maintaining" in render_notice_html(letters[-1])


@pytest.mark.parametrize(
    ("kind", "outcome"),
    [
        # The case is the school's to act on again (it prepares the IDP as directed)...
        ("no_aln", LaOutcome.ALN_DECISION_CHANGED),
        # ...or it goes on maintaining the plan as the LA directs.
        ("plan", LaOutcome.ALN_DECISION_CONFIRMED),
    ],
)
def test_after_the_las_s26_answer_the_decision_is_appealed_not_reconsidered_again(
    learner, officer, parent, kind, outcome
):
    la_request = open_request(kind, Route.RECONSIDER_ALN, learner, officer)
    decide(
        officer,
        la_request,
        outcome,
        has_aln=True,
        directs_school=True,
        direction_due_on=D("2027-01-29"),
    )
    case = Case.objects.get(pk=la_request.case_id)
    assert case.deciding_body == "school"
    assert request_subjects_for(user=officer, learner=learner)[
        Route.RECONSIDER_ALN
    ].school_decision_replaced
    refused(
        lambda: request_on(Route.RECONSIDER_ALN, case, officer, received_on=GIVEN_ON),
        RequestProblem.NOT_A_SCHOOL_DECISION,
        "route",
    )


def test_a_plan_the_las_no_aln_ended_is_not_a_decision_to_cease(learner, officer, parent):
    la_request = open_request("plan", Route.RECONSIDER_ALN, learner, officer)
    decide(officer, la_request, LaOutcome.ALN_DECISION_CHANGED, has_aln=False)
    case = Case.objects.get(pk=la_request.case_id)
    assert Idp.objects.get(case=case).cease_ground == "no_longer_aln"
    assert Route.RECONSIDER_CEASING not in request_subjects_for(user=officer, learner=learner)
    refused(
        lambda: request_on(Route.RECONSIDER_CEASING, case, officer, received_on=GIVEN_ON),
        RequestProblem.NO_DECISION,
        "route",
    )


def test_no_aln_leaves_another_request_open_with_its_clock(learner, officer, parent):
    s27 = open_request("plan", Route.RECONSIDER_IDP, learner, officer)
    s26 = request_on(Route.RECONSIDER_ALN, s27.case, officer)
    decide(officer, s26, LaOutcome.ALN_DECISION_CHANGED, has_aln=False)
    # The case closed with its clocks; the LA still owes an answer to the s.27 request.
    assert Deadline.objects.get(pk=s26.deadline_id).state == "met"
    assert Deadline.objects.get(pk=s27.deadline_id).state == "open"
    assert LaRequest.objects.get(pk=s27.pk).status == "open"
    assert Deadline.objects.get(case=s27.case, rule_id="idp-review").state == "closed"


# --- s.27, s.28, s.32 --------------------------------------------------------------------------


def test_no_revision_starts_the_next_review_period(learner, officer, parent, letters):
    la_request = open_request("plan", Route.RECONSIDER_IDP, learner, officer)
    decide(officer, la_request, LaOutcome.NO_REVISION)
    idp = Idp.objects.get(case_id=la_request.case_id)
    reviews = Deadline.objects.filter(case_id=idp.case_id, rule_id="idp-review")
    assert sorted(reviews.values_list("started_on", "state")) == [
        (PLAN_GIVEN_ON, "met"),
        (GIVEN_ON, "open"),
    ]
    assert idp.review_period_started_on == GIVEN_ON
    assert letters[-1].review_due_on == reviews.get(state="open").due_on
    html = render_notice_html(letters[-1])
    assert "decided not to revise it (section 27 of the Act)" in html
    assert la_request.setting.name_en + " will continue to maintain it" in html


def test_the_la_writes_and_gives_the_revision_the_school_then_maintains(
    learner, officer, parent, school_alnco, letters
):
    la_request = open_request("plan", Route.RECONSIDER_IDP, learner, officer)
    decide(officer, la_request, LaOutcome.REVISED_SCHOOL_TO_MAINTAIN)
    idp = Idp.objects.select_related("case").get(case_id=la_request.case_id)
    draft = draft_of(idp=idp)
    assert (draft.number, draft.why_revised) == (2, REASONS)
    assert idp.maintained_by == "school"
    assert idp.case.idp_preparer == "local_authority"
    assert Party.DECIDER in case_parties_for(user=officer, case=idp.case)  # s.27(6)

    notice = idp_give(
        actor=officer,
        idp=idp,
        version=draft,
        revision=draft.revision,
        case_version=idp.case.version,
        given_on=GIVEN_ON,
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    case = Case.objects.get(pk=idp.case_id)
    assert notice.kind == "revised_idp_given"
    assert "appeal_to_tribunal" in notice.rights  # the LA's revision: appealable (s.70)
    assert (case.idp_preparer, Idp.objects.get(pk=idp.pk).maintained_by) == ("school", "school")
    assert Party.DECIDER not in case_parties_for(user=officer, case=case)  # s.27(7)
    assert IdpVersion.objects.get(idp=idp, number=2).state == "issued"


def test_revise_and_take_over(learner, officer, parent):
    la_request = open_request("plan", Route.RECONSIDER_IDP, learner, officer)
    decide(officer, la_request, LaOutcome.REVISED_AND_TAKEN_OVER)
    idp = Idp.objects.select_related("case").get(case_id=la_request.case_id)
    assert idp.maintained_by == "local_authority"
    assert idp.case.deciding_body == "local_authority"
    assert draft_of(idp=idp).number == 2


def test_the_la_takes_over_a_plan_and_its_review_clock(learner, officer, parent, letters):
    la_request = open_request("plan", Route.TAKE_OVER_IDP, learner, officer)
    decide(officer, la_request, LaOutcome.TAKEN_OVER)
    idp = Idp.objects.select_related("case").get(case_id=la_request.case_id)
    assert (idp.maintained_by, idp.setting_id) == ("local_authority", None)
    assert (idp.case.deciding_body, idp.case.setting_id) == ("local_authority", None)
    transfer = Transfer.objects.get(idp=idp)
    assert (transfer.kind, transfer.from_body, transfer.to_body) == (
        "la_takes_over",
        "school",
        "local_authority",
    )
    review = Deadline.objects.get(case=idp.case, rule_id="idp-review", state="open")
    assert (review.started_on, review.setting_id) == (PLAN_GIVEN_ON, None)
    assert letters[-1].previous_body_name_en == la_request.setting.name_en
    assert "We have decided to take over responsibility" in render_notice_html(letters[-1])


def test_a_refusal_to_take_over_leaves_the_plan_with_the_school(learner, officer, parent):
    la_request = open_request("plan", Route.TAKE_OVER_IDP, learner, officer)
    before = Idp.objects.values_list("maintained_by", "setting").get()
    decide(officer, la_request, LaOutcome.TAKE_OVER_REFUSED)
    assert Idp.objects.values_list("maintained_by", "setting").get() == before


def test_a_confirmed_cease_stands(learner, officer, parent, letters):
    la_request = open_request("ceased", Route.RECONSIDER_CEASING, learner, officer)
    decide(officer, la_request, LaOutcome.CEASING_CONFIRMED)
    assert Case.objects.get(pk=la_request.case_id).stage == "closed"
    assert letters[-1].ceases_on == D("2026-11-02")


def test_a_reversed_cease_maintains_the_plan_again(learner, officer, parent, letters):
    la_request = open_request("ceased", Route.RECONSIDER_CEASING, learner, officer)
    decide(officer, la_request, LaOutcome.CEASING_REVERSED)
    case = Case.objects.get(pk=la_request.case_id)
    idp = Idp.objects.get(case=case)
    assert (case.stage, case.closed_on, case.closed_because) == ("maintaining", None, "")
    assert (idp.ceased_on, idp.cease_ground, idp.reconsideration_closes_on) == (None, "", None)
    review = Deadline.objects.get(case=case, rule_id="idp-review", state="open")
    assert review.due_on == due_date("idp-review", PLAN_GIVEN_ON)  # the old period runs again
    assert letters[-1].review_due_on == review.due_on


# --- Refusals ----------------------------------------------------------------------------------


def test_a_stale_version_is_refused(learner, officer, parent):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    refused(
        lambda: decide(
            officer,
            la_request,
            LaOutcome.ALN_DECISION_CONFIRMED,
            has_aln=False,
            version=la_request.version - 1,
        ),
        RequestError.CHANGED_BY_SOMEONE_ELSE,
    )


def test_a_decided_request_is_not_decided_again(learner, officer, parent):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    decide(officer, la_request, LaOutcome.ALN_DECISION_CONFIRMED, has_aln=False)
    la_request.refresh_from_db()
    refused(
        lambda: decide(officer, la_request, LaOutcome.ALN_DECISION_CONFIRMED, has_aln=False),
        ProcessError.NOT_ALLOWED_NOW,
    )


@pytest.mark.parametrize("who", ["school", "other_la"])
def test_only_the_las_deciders_answer(learner, officer, parent, school_alnco, who):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    actor = school_alnco
    if who == "other_la":
        actor = MembershipFactory(
            role="la_aln_officer", local_authority=LocalAuthorityFactory()
        ).user
    refused(
        lambda: decide(actor, la_request, LaOutcome.ALN_DECISION_CONFIRMED, has_aln=False),
        RequestError.NOT_YOURS,
    )


@pytest.mark.parametrize(
    ("outcome", "changes", "code", "field"),
    [
        (LaOutcome.NO_REVISION, {}, OutcomeProblem.NOT_FOR_THIS_ROUTE, "outcome"),
        (LaOutcome.ALN_DECISION_CONFIRMED, {}, OutcomeProblem.HAS_ALN_REQUIRED, "has_aln"),
        (LaOutcome.ALN_DECISION_CHANGED, {"has_aln": False, "directs_school": True,
         "direction_due_on": D("2027-01-29")}, OutcomeProblem.DIRECTION_NEEDS_ALN,
         "directs_school"),
        (LaOutcome.ALN_DECISION_CONFIRMED, {"has_aln": False, "reasons": "  "},
         OutcomeProblem.REASONS_REQUIRED, "reasons"),
        # The school decided "no ALN": "has ALN" is not the same decision.
        (LaOutcome.ALN_DECISION_CONFIRMED, {"has_aln": True},
         OutcomeProblem.NOT_THE_SCHOOLS_DECISION, "outcome"),
        (LaOutcome.ALN_DECISION_CHANGED, {"has_aln": False},
         OutcomeProblem.NOT_THE_SCHOOLS_DECISION, "outcome"),
        (LaOutcome.ALN_DECISION_CHANGED, {"has_aln": True, "directs_school": True},
         ProcessError.REQUIRED, "direction_due_on"),
        (LaOutcome.ALN_DECISION_CHANGED, {"has_aln": True, "directs_school": True,
         "direction_due_on": D("2026-11-20")}, ProcessError.DATE_BEFORE_START,
         "direction_due_on"),
        (LaOutcome.ALN_DECISION_CONFIRMED, {"has_aln": False, "decided_on": D("2026-11-13")},
         ProcessError.DATE_BEFORE_START, "decided_on"),
        (LaOutcome.ALN_DECISION_CONFIRMED, {"has_aln": False, "given_on": D("2026-11-26")},
         ProcessError.DATE_IN_FUTURE, "given_on"),
        (LaOutcome.ALN_DECISION_CONFIRMED, {"has_aln": False, "given_on": D("2026-11-20")},
         ProcessError.DATE_BEFORE_START, "given_on"),
    ],
)  # fmt: skip
def test_an_answer_the_law_refuses_changes_nothing(
    learner, officer, parent, outcome, changes, code, field
):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    refused(lambda: decide(officer, la_request, outcome, **changes), code, field)


def test_a_notice_that_cannot_be_given_leaves_nothing_half_done(learner, officer):
    """No parent and a child's letter needs one: nothing of the answer is kept."""
    la_request = open_request("plan", Route.TAKE_OVER_IDP, learner, officer)
    refused(
        lambda: decide(officer, la_request, LaOutcome.TAKEN_OVER, method=DeliveryMethod.EMAIL),
        "notice_email_address_required",
    )


def test_a_plan_answer_on_a_case_that_cannot_move_is_refused(learner, officer, parent):
    la_request = open_request("plan", Route.RECONSIDER_IDP, learner, officer)
    Case.objects.filter(pk=la_request.case_id).update(stage="cease_proposed")
    refused(
        lambda: decide(officer, la_request, LaOutcome.NO_REVISION), ProcessError.NOT_ALLOWED_NOW
    )


# --- The s.29 letter ---------------------------------------------------------------------------


def _exception(learner, officer):
    la_request = open_request("no_aln", Route.RECONSIDER_ALN, learner, officer)
    la_request_record_exception(
        actor=officer,
        la_request=la_request,
        version=la_request.version,
        exception=DutyException.PREVIOUSLY_RECONSIDERED_NO_CHANGE,
        reasons="We reconsidered in June and nothing has changed since.",
        decided_on=DECIDED_ON,
    )
    return la_request


def test_the_exception_letter_gives_the_reasons_and_no_right(
    learner, officer, parent, governors, letters
):
    la_request = _exception(learner, officer)
    version = la_request.version
    notice = la_request_exception_notice(
        actor=officer,
        la_request=la_request,
        version=version,
        given_on=GIVEN_ON,
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    stored = LaRequest.objects.get()
    assert stored.notice == notice
    assert stored.version == version + 1
    assert (notice.kind, notice.rights, notice.appeal_last_day) == ("request_exception", [], None)
    assert letters[-1].reasons == "We reconsidered in June and nothing has changed since."
    html = render_notice_html(letters[-1])
    assert "section 29 of the Act" in html
    assert "no material change" in html
    assert events("dispute.exception_notice_given").count() == 1
    assert OutboxMessage.objects.filter(to_email="head@school.example").exists()


def test_the_exception_letter_is_given_once_and_only_after_an_exception(learner, officer, parent):
    la_request = _exception(learner, officer)
    la_request_exception_notice(
        actor=officer,
        la_request=la_request,
        given_on=GIVEN_ON,
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    refused(
        lambda: la_request_exception_notice(
            actor=officer,
            la_request=la_request,
            given_on=GIVEN_ON,
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        ),
        OutcomeError.NOTICE_ALREADY_GIVEN,
    )
    still_open = open_request("idp_due", Route.RECONSIDER_ALN, learner, officer)
    refused(
        lambda: la_request_exception_notice(
            actor=officer,
            la_request=still_open,
            given_on=GIVEN_ON,
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        ),
        ProcessError.NOT_ALLOWED_NOW,
    )


def test_only_the_las_deciders_give_the_exception_letter(learner, officer, parent, school_alnco):
    la_request = _exception(learner, officer)
    refused(
        lambda: la_request_exception_notice(
            actor=school_alnco,
            la_request=la_request,
            given_on=GIVEN_ON,
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        ),
        RequestError.NOT_YOURS,
    )

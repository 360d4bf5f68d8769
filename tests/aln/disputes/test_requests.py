"""Requests to the LA (Act ss.26-28, 32): what is recorded, the LA's clock, the law's refusals
(nothing stored), representations, s.29 exceptions, withdrawal and stale versions."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from aln.audit.models import AuditEvent
from aln.common.errors import ServiceError
from aln.common.i18n import ERROR_MESSAGES, error_message
from aln.deadlines.models import Deadline
from aln.deadlines.selectors.deadlines import DeadlineFilters, deadline_list_for, deadline_may_act
from aln.disputes.models import LaRequest
from aln.disputes.selectors.requests import (
    la_request_get_for,
    la_requests_for_learner,
    open_la_requests_for,
    request_subjects_for,
)
from aln.disputes.services.requests import (
    RequestRefusedError,
    la_request_invite_representations,
    la_request_record,
    la_request_record_exception,
    la_request_record_representations,
    la_request_withdraw,
)
from aln.domain.disagreements import (
    DutyException,
    ExceptionProblem,
    OutcomeError,
    OutcomeProblem,
    Requester,
    RequestError,
    RequestProblem,
    Route,
)
from aln.domain.process import ProcessError
from aln.notifications.models import OutboxMessage
from tests.aln.disputes.test_requests_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_requests_setup import (
    TODAY,
    D,
    ceased_plan,
    school_decision,
    school_plan,
    snapshot,
)
from tests.factories import (
    ActingForFactory,
    CapacityRecordFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db


def _record(actor, case, **changes):
    values = {
        "actor": actor,
        "case": case,
        "route": Route.RECONSIDER_ALN,
        "requester": Requester.PARENT,
        "requester_name": "Siân Prys",
        "received_on": D("2026-11-16"),
        "details": "The school did not read the speech therapist's report.",
        **changes,
    }
    return la_request_record(**values)


def _refused(call, code, field=None):
    before = snapshot()
    with pytest.raises(ServiceError) as raised:
        call()
    assert raised.value.code == code
    if field is not None:
        assert raised.value.field == field
    assert snapshot() == before
    return raised.value


def _fresh(la_request):
    return LaRequest.objects.get(pk=la_request.pk)


# --- Recording a request ---------------------------------------------------------------------


def test_la_records_a_request_received_by_post_and_starts_its_clock(
    learner, officer, colleague, school_alnco
):
    case = school_decision(learner)
    la_request = _record(officer, case)

    stored = _fresh(la_request)
    assert (stored.status, stored.route, stored.requester, stored.requester_name) == (
        "open",
        "reconsider_aln",
        "parent",
        "Siân Prys",
    )
    assert stored.requested_by is None
    assert stored.setting_id == case.setting_id
    assert (stored.local_authority_id, stored.learner_id) == (case.local_authority_id, learner.pk)
    deadline = stored.deadline
    # Seven weeks from the day the LA received it (T4), on the LA's clock alone.
    assert (deadline.rule_id, deadline.started_on, deadline.due_on) == (
        "la-reconsideration",
        D("2026-11-16"),
        D("2027-01-04"),
    )
    assert deadline.setting_id is None
    assert deadline.case_id == case.pk
    event = AuditEvent.objects.get(event_type="dispute.request_recorded")
    assert event.subject_id == str(la_request.pk)
    assert event.changes["route"] == "reconsider_aln"
    assert event.changes["due_on"] == "2027-01-04"


def test_the_las_deciders_are_emailed_without_the_learners_name(
    learner, parent, officer, colleague
):
    case = school_decision(learner)
    la_request = _record(
        parent,
        case,
        requester=Requester.PARENT,
        received_on=TODAY,
        requested_by=parent,
    )
    emails = list(OutboxMessage.objects.order_by("to_email"))
    # Everyone who decides for the LA; not the school, not the parent who asked.
    assert sorted(e.to_email for e in emails) == sorted([officer.email, colleague.email])
    for email in emails:
        assert "Cai" not in email.subject + email.body
        assert "Zebedee" not in email.subject + email.body
        assert f"/disputes/requests/{la_request.pk}/" in email.body
        assert case.reference in email.subject
    welsh = OutboxMessage.objects.get(to_email=colleague.email)
    assert welsh.language == "cy"


def test_the_person_recording_is_not_emailed(learner, officer, colleague):
    _record(officer, school_decision(learner))
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == [colleague.email]


def test_a_parent_asks_online_as_the_childs_parent(learner, parent):
    case = school_decision(learner)
    la_request = _record(parent, case, received_on=TODAY, requested_by=parent)
    stored = _fresh(la_request)
    assert (stored.requester, stored.requested_by_id, stored.received_on) == (
        "parent",
        parent.pk,
        TODAY,
    )
    assert stored.deadline.started_on == TODAY


def test_the_las_clock_is_not_the_schools(learner, officer, school_alnco, school):
    la_request = _record(officer, school_decision(learner))
    deadline = Deadline.objects.get(pk=la_request.deadline_id)
    # The school sees the learner, but the duty is not under its filter and not its to act on.
    assert not deadline_may_act(user=school_alnco, deadline=deadline)
    assert deadline_may_act(user=officer, deadline=deadline)
    school_view = deadline_list_for(
        user=school_alnco, filters=DeadlineFilters(setting_id=school.pk)
    )
    assert deadline not in school_view


def test_the_clock_belongs_to_the_case_owner_when_they_work_for_the_la(learner, officer, colleague):
    case = school_decision(learner)
    case.owner = colleague
    case.save()
    assert _record(officer, case).deadline.owner_id == colleague.pk


def test_a_school_owner_does_not_own_the_las_clock(learner, officer, school_alnco):
    case = school_decision(learner)
    case.owner = school_alnco
    case.save()
    assert _record(officer, case).deadline.owner_id is None


@pytest.mark.parametrize(
    ("route", "rule_id"),
    [
        (Route.RECONSIDER_IDP, "la-idp-reconsideration"),
        (Route.TAKE_OVER_IDP, "la-takeover-decision"),
    ],
)
def test_plan_routes_open_their_own_clock(learner, officer, route, rule_id):
    idp = school_plan(learner)
    la_request = _record(officer, idp.case, route=route)
    assert la_request.deadline.rule_id == rule_id
    assert la_request.setting_id == idp.setting_id


def test_the_governing_body_asks_for_a_take_over(learner, school_alnco, school):
    idp = school_plan(learner)
    la_request = _record(
        school_alnco,
        idp.case,
        route=Route.TAKE_OVER_IDP,
        requester=Requester.GOVERNING_BODY,
        requester_name=school.name_en,
        received_on=TODAY,
        requested_by=school_alnco,
    )
    assert (la_request.requester, la_request.requested_by_id) == ("governing_body", school_alnco.pk)


def test_cease_reconsideration_on_the_last_day_of_the_window_is_accepted(learner, officer):
    idp = ceased_plan(learner, closes_on=D("2026-11-23"))
    la_request = _record(
        officer, idp.case, route=Route.RECONSIDER_CEASING, received_on=D("2026-11-23")
    )
    assert la_request.deadline.rule_id == "la-cease-reconsideration"


def test_cease_reconsideration_the_day_after_is_refused_with_the_last_day(learner, officer):
    idp = ceased_plan(learner, closes_on=D("2026-11-23"))
    error = _refused(
        lambda: _record(
            officer, idp.case, route=Route.RECONSIDER_CEASING, received_on=D("2026-11-24")
        ),
        RequestProblem.WINDOW_CLOSED,
        field="received_on",
    )
    assert isinstance(error, RequestRefusedError)
    assert error.closed_on == D("2026-11-23")


# --- The law's refusals: nothing stored -----------------------------------------------------


def test_a_parent_of_a_young_person_cannot_ask(officer, school):
    young = EnrolmentFactory(
        setting=school,
        learner__home_local_authority=school.local_authority,
        learner__date_of_birth=D("2009-03-01"),
    ).learner
    case = school_decision(young)
    _refused(lambda: _record(officer, case), RequestProblem.NO_STANDING, field="requester")
    # The young person holds the right (spec §7).
    assert _record(officer, case, requester=Requester.YOUNG_PERSON).requester == "young_person"


def test_a_child_who_lacks_capacity_asks_only_through_a_case_friend(learner, officer):
    case = school_decision(learner)
    CapacityRecordFactory(learner=learner, lacks_capacity=True, decided_on=D("2026-10-01"))
    _refused(
        lambda: _record(officer, case, requester=Requester.CHILD),
        RequestProblem.NO_STANDING,
    )
    _refused(
        lambda: _record(officer, case, requester=Requester.CASE_FRIEND),
        RequestProblem.NO_STANDING,
    )
    ActingForFactory(learner=learner, appointed_on=D("2026-10-12"))
    assert _record(officer, case, requester=Requester.CASE_FRIEND).requester == "case_friend"


def test_a_governing_body_cannot_ask_for_its_own_decision_to_be_reconsidered(learner, officer):
    case = school_decision(learner)
    _refused(
        lambda: _record(officer, case, requester=Requester.GOVERNING_BODY),
        RequestProblem.NO_STANDING,
    )


def test_nothing_to_reconsider_without_a_decision_notice(learner, officer):
    case = school_decision(learner, notice=False)  # decided, but the notice was never given
    _refused(lambda: _record(officer, case), RequestProblem.NO_DECISION, field="route")


def test_an_las_decision_is_appealed_not_reconsidered(learner, officer):
    case = school_decision(learner, deciding_body="local_authority")
    _refused(lambda: _record(officer, case), RequestProblem.NOT_A_SCHOOL_DECISION)
    message = error_message(RequestProblem.NOT_A_SCHOOL_DECISION)
    assert "appealed to the Education Tribunal for Wales" in message


def test_no_plan_to_reconsider_when_none_is_maintained(learner, officer):
    idp = school_plan(learner, stage="idp_due")
    _refused(
        lambda: _record(officer, idp.case, route=Route.RECONSIDER_IDP), RequestProblem.NO_DECISION
    )


def test_a_second_request_on_the_same_route_waits_for_the_first(learner, officer):
    case = school_decision(learner)
    first = _record(officer, case)
    _refused(lambda: _record(officer, case), RequestProblem.ALREADY_OPEN, field="route")
    la_request_withdraw(
        actor=officer, la_request=first, version=first.version, withdrawn_on=TODAY, reasons=""
    )
    assert _record(officer, case).status == "open"


def test_the_date_received_has_happened_and_follows_the_decision(learner, officer):
    case = school_decision(learner, decided_on=D("2026-11-09"))
    _refused(
        lambda: _record(officer, case, received_on=D("2026-11-26")),
        ProcessError.DATE_IN_FUTURE,
        field="received_on",
    )
    _refused(
        lambda: _record(officer, case, received_on=D("2026-11-06")),
        RequestError.BEFORE_DECISION,
        field="received_on",
    )
    _refused(lambda: _record(officer, case, details="  "), ProcessError.REQUIRED, field="details")


def test_only_the_la_records_requests_on_someones_behalf(learner, school_alnco):
    case = school_decision(learner)
    _refused(lambda: _record(school_alnco, case), RequestError.ONLY_LA_RECORDS)
    elsewhere = MembershipFactory(
        role="la_aln_officer", local_authority=LocalAuthorityFactory()
    ).user
    _refused(lambda: _record(elsewhere, case), RequestError.ONLY_LA_RECORDS)


def test_a_family_member_asks_only_as_who_they_are(learner, parent):
    case = school_decision(learner)
    _refused(
        lambda: _record(
            parent, case, requester=Requester.YOUNG_PERSON, received_on=TODAY, requested_by=parent
        ),
        RequestError.NOT_YOURS,
    )
    stranger = MembershipFactory(role="parent").user
    _refused(
        lambda: _record(stranger, case, received_on=TODAY, requested_by=stranger),
        RequestError.NOT_YOURS,
    )


def test_another_schools_staff_cannot_ask_for_a_take_over(learner):
    idp = school_plan(learner)
    other = MembershipFactory(role="alnco", setting=SettingFactory()).user
    _refused(
        lambda: _record(
            other,
            idp.case,
            route=Route.TAKE_OVER_IDP,
            requester=Requester.GOVERNING_BODY,
            received_on=TODAY,
            requested_by=other,
        ),
        RequestProblem.NO_STANDING,
    )


# --- Representations --------------------------------------------------------------------------


def test_inviting_the_governing_body_emails_the_school(learner, officer, school_alnco):
    la_request = _record(officer, school_decision(learner))
    OutboxMessage.objects.all().delete()
    la_request_invite_representations(
        actor=officer, la_request=la_request, version=1, invited_on=D("2026-11-18")
    )
    stored = _fresh(la_request)
    assert (stored.representations_invited_on, stored.version) == (D("2026-11-18"), 2)
    (email,) = OutboxMessage.objects.all()
    assert email.to_email == school_alnco.email
    assert f"/disputes/requests/{la_request.pk}/" in email.body
    assert "Cai" not in email.subject + email.body
    event = AuditEvent.objects.get(event_type="dispute.representations_invited")
    assert event.changes["invited"] == ["governing_body"]


def test_when_the_governing_body_asks_the_family_is_invited(learner, school_alnco, officer, parent):
    idp = school_plan(learner)
    la_request = _record(
        school_alnco,
        idp.case,
        route=Route.TAKE_OVER_IDP,
        requester=Requester.GOVERNING_BODY,
        received_on=TODAY,
        requested_by=school_alnco,
    )
    OutboxMessage.objects.all().delete()
    la_request_invite_representations(
        actor=officer, la_request=la_request, version=1, invited_on=TODAY
    )
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == ["mam@example.org"]
    event = AuditEvent.objects.get(event_type="dispute.representations_invited")
    assert event.changes["invited"] == ["child", "parent"]


def test_representations_are_invited_once(learner, officer):
    la_request = _record(officer, school_decision(learner))
    la_request_invite_representations(
        actor=officer, la_request=la_request, version=1, invited_on=TODAY
    )
    _refused(
        lambda: la_request_invite_representations(
            actor=officer, la_request=la_request, version=2, invited_on=TODAY
        ),
        RequestError.ALREADY_INVITED,
    )


def test_nobody_is_invited_on_a_cease_reconsideration(learner, officer):
    idp = ceased_plan(learner)
    la_request = _record(officer, idp.case, route=Route.RECONSIDER_CEASING, received_on=TODAY)
    _refused(
        lambda: la_request_invite_representations(
            actor=officer, la_request=la_request, version=1, invited_on=TODAY
        ),
        RequestError.NOBODY_TO_INVITE,
    )


def test_only_the_la_invites(learner, officer, school_alnco):
    la_request = _record(officer, school_decision(learner))
    _refused(
        lambda: la_request_invite_representations(
            actor=school_alnco, la_request=la_request, version=1, invited_on=TODAY
        ),
        RequestError.NOT_YOURS,
    )


def test_the_school_sends_its_own_representations(learner, officer, school_alnco):
    la_request = _record(officer, school_decision(learner))
    la_request_record_representations(
        actor=school_alnco,
        la_request=la_request,
        version=1,
        received_on=TODAY,
        representations="We followed the therapist's advice in class.",
    )
    stored = _fresh(la_request)
    assert (stored.representations, stored.representations_received_on, stored.version) == (
        "We followed the therapist's advice in class.",
        TODAY,
        2,
    )
    assert AuditEvent.objects.filter(event_type="dispute.representations_recorded").exists()


def test_the_family_cannot_make_the_schools_representations(learner, officer, parent):
    la_request = _record(officer, school_decision(learner))
    _refused(
        lambda: la_request_record_representations(
            actor=parent,
            la_request=la_request,
            version=1,
            received_on=TODAY,
            representations="We disagree.",
        ),
        RequestError.NOT_YOURS,
    )


def test_representations_arrive_after_the_request(learner, officer):
    la_request = _record(officer, school_decision(learner))
    _refused(
        lambda: la_request_record_representations(
            actor=officer,
            la_request=la_request,
            version=1,
            received_on=D("2026-11-13"),
            representations="Letter from the head.",
        ),
        RequestError.BEFORE_RECEIVED,
        field="received_on",
    )


def test_recording_representations_again_keeps_the_old_text_in_the_audit(learner, officer):
    la_request = _record(officer, school_decision(learner))
    for version, text in ((1, "First letter."), (2, "Second letter.")):
        la_request_record_representations(
            actor=officer,
            la_request=la_request,
            version=version,
            received_on=TODAY,
            representations=text,
        )
    assert _fresh(la_request).representations == "Second letter."
    last = AuditEvent.objects.filter(event_type="dispute.representations_recorded").latest("id")
    assert last.changes == {"representations": ["First letter.", "Second letter."]}


# --- s.29 exceptions --------------------------------------------------------------------------


def test_an_exception_closes_the_request_and_meets_the_clock(learner, officer):
    la_request = _record(officer, school_decision(learner))
    la_request_record_exception(
        actor=officer,
        la_request=la_request,
        version=1,
        exception=DutyException.PREVIOUSLY_RECONSIDERED_NO_CHANGE,
        reasons="Reconsidered in June; no new information since.",
        decided_on=D("2026-11-20"),
    )
    stored = _fresh(la_request)
    assert (stored.status, stored.duty_exception, stored.closed_on, stored.decided_by_id) == (
        "exception",
        "previously_reconsidered_no_change",
        D("2026-11-20"),
        officer.pk,
    )
    assert stored.notice_id is None  # the letter is given separately
    deadline = Deadline.objects.get(pk=stored.deadline_id)
    assert (deadline.state, deadline.met_on) == ("met", D("2026-11-20"))
    event = AuditEvent.objects.get(event_type="dispute.exception_recorded")
    assert event.reason == "Reconsidered in June; no new information since."


def test_an_exception_needs_reasons(learner, officer):
    la_request = _record(officer, school_decision(learner))
    _refused(
        lambda: la_request_record_exception(
            actor=officer,
            la_request=la_request,
            version=1,
            exception=DutyException.BECAME_DETAINED,
            reasons=" ",
            decided_on=TODAY,
        ),
        ExceptionProblem.REASONS_REQUIRED,
        field="reasons",
    )


def test_no_exception_on_a_cease_reconsideration(learner, officer):
    idp = ceased_plan(learner)
    la_request = _record(officer, idp.case, route=Route.RECONSIDER_CEASING, received_on=TODAY)
    _refused(
        lambda: la_request_record_exception(
            actor=officer,
            la_request=la_request,
            version=1,
            exception=DutyException.BECAME_DETAINED,
            reasons="Detained.",
            decided_on=TODAY,
        ),
        RequestError.NO_EXCEPTIONS,
    )


# --- Withdrawal -------------------------------------------------------------------------------


def test_the_parent_who_asked_withdraws_and_the_clock_stops(learner, parent):
    la_request = _record(parent, school_decision(learner), received_on=TODAY, requested_by=parent)
    la_request_withdraw(
        actor=parent, la_request=la_request, version=1, withdrawn_on=TODAY, reasons="Sorted out."
    )
    stored = _fresh(la_request)
    assert (stored.status, stored.closed_on) == ("withdrawn", TODAY)
    assert stored.withdrawal_reasons == "Sorted out."
    deadline = Deadline.objects.get(pk=stored.deadline_id)
    assert (deadline.state, deadline.met_on) == ("closed", None)
    event = AuditEvent.objects.get(event_type="dispute.request_withdrawn")
    assert event.reason == "Sorted out."


def test_only_the_requester_or_the_la_withdraws(learner, officer, parent):
    la_request = _record(officer, school_decision(learner))
    _refused(
        lambda: la_request_withdraw(
            actor=parent, la_request=la_request, version=1, withdrawn_on=TODAY, reasons=""
        ),
        RequestError.NOT_YOURS,
    )
    la_request_withdraw(
        actor=officer, la_request=la_request, version=1, withdrawn_on=TODAY, reasons=""
    )
    assert _fresh(la_request).status == "withdrawn"


def test_nothing_is_done_on_a_closed_request(learner, officer):
    la_request = _record(officer, school_decision(learner))
    la_request_withdraw(
        actor=officer, la_request=la_request, version=1, withdrawn_on=TODAY, reasons=""
    )
    _refused(
        lambda: la_request_record_exception(
            actor=officer,
            la_request=la_request,
            version=2,
            exception=DutyException.BECAME_DETAINED,
            reasons="Detained.",
            decided_on=TODAY,
        ),
        RequestError.NOT_OPEN,
    )


# --- Stale versions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda officer, r: la_request_invite_representations(
            actor=officer, la_request=r, version=1, invited_on=TODAY
        ),
        lambda officer, r: la_request_record_representations(
            actor=officer, la_request=r, version=1, received_on=TODAY, representations="Text."
        ),
        lambda officer, r: la_request_record_exception(
            actor=officer,
            la_request=r,
            version=1,
            exception=DutyException.BECAME_DETAINED,
            reasons="Detained.",
            decided_on=TODAY,
        ),
        lambda officer, r: la_request_withdraw(
            actor=officer, la_request=r, version=1, withdrawn_on=TODAY, reasons=""
        ),
    ],
    ids=["invite", "representations", "exception", "withdraw"],
)
def test_a_change_made_from_a_stale_page_is_refused(learner, officer, call):
    la_request = _record(officer, school_decision(learner))
    la_request_record_representations(
        actor=officer, la_request=la_request, version=1, received_on=TODAY, representations="A."
    )
    _refused(lambda: call(officer, la_request), RequestError.CHANGED_BY_SOMEONE_ELSE)


# --- Messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "codes", [RequestError, RequestProblem, OutcomeError, OutcomeProblem], ids=lambda e: e.__name__
)
def test_every_request_error_has_a_message_in_both_languages(codes):
    for code in codes:
        assert code in ERROR_MESSAGES, code
        with translation.override("en-gb"):
            english = error_message(code)
        with translation.override("cy"):
            assert error_message(code) != english, code


def test_the_closed_window_message_is_translated():
    with translation.override("cy"):
        assert gettext("The time to ask for this ended on %(date)s") != (
            "The time to ask for this ended on %(date)s"
        )


# --- Selectors: scoped, constant queries ------------------------------------------------------


def test_a_request_is_missing_for_people_who_may_not_see_the_learner(learner, officer, parent):
    la_request = _record(officer, school_decision(learner))
    assert la_request_get_for(user=parent, la_request_id=la_request.pk) == la_request
    other_parent = MembershipFactory(role="parent").user
    FamilyLinkFactory(
        learner=LearnerFactory(), family_member=FamilyMemberFactory(user=other_parent)
    )
    other_officer = MembershipFactory(
        role="la_aln_officer", local_authority=LocalAuthorityFactory()
    ).user
    for stranger in (other_parent, other_officer):
        with pytest.raises(LaRequest.DoesNotExist):
            la_request_get_for(user=stranger, la_request_id=la_request.pk)
        assert not la_requests_for_learner(user=stranger, learner=learner).exists()


def _requests_for_many_learners(school, officer, count):
    for _ in range(count):
        child = EnrolmentFactory(
            setting=school, learner__home_local_authority=school.local_authority
        ).learner
        _record(officer, school_decision(child))


@pytest.mark.parametrize("count", [1, 10])
def test_the_las_open_requests_in_constant_queries(
    school, officer, count, django_assert_max_num_queries
):
    _requests_for_many_learners(school, officer, count)
    other_la = MembershipFactory(role="la_aln_officer", local_authority=LocalAuthorityFactory())
    officer = type(officer).objects.get(pk=officer.pk)
    with django_assert_max_num_queries(2):
        rows = list(open_la_requests_for(user=officer))
        due = [(r.learner.last_name, r.deadline.due_on, r.setting.name_en) for r in rows]
    assert len(due) == count
    assert not open_la_requests_for(user=other_la.user).exists()


@pytest.mark.parametrize("count", [1, 10])
def test_a_learners_requests_in_constant_queries(
    learner, officer, count, django_assert_max_num_queries
):
    case = school_decision(learner)
    for _ in range(count):
        la_request = _record(officer, case)
        la_request_withdraw(
            actor=officer, la_request=la_request, version=1, withdrawn_on=TODAY, reasons=""
        )
    officer = type(officer).objects.get(pk=officer.pk)
    with django_assert_max_num_queries(2):
        rows = [
            (r.deadline.state, r.case.reference)
            for r in la_requests_for_learner(user=officer, learner=learner)
        ]
    assert len(rows) == count


@pytest.mark.parametrize("count", [1, 5])
def test_what_a_request_could_be_about_in_constant_queries(
    learner, officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        school_decision(learner)
    school_plan(learner)
    officer = type(officer).objects.get(pk=officer.pk)
    with django_assert_max_num_queries(8):
        subjects = request_subjects_for(user=officer, learner=learner)
    assert set(subjects) == {Route.RECONSIDER_ALN, Route.RECONSIDER_IDP, Route.TAKE_OVER_IDP}

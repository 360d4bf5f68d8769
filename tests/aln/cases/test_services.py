"""The case process through its services: who decides, the clocks, every move, and refusals.

Each refused move must leave nothing changed: no case, stage, record, deadline or audit event.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.cases.models import AdviceRequest, Case, Evidence, Meeting, NhsReferral, Views
from aln.cases.services.deciding import (
    case_decide,
    case_decide_necessity,
    case_give_notice,
    case_record_consent,
    case_record_no_consent,
    case_refer_to_la,
    case_withdraw_consent,
)
from aln.cases.services.gathering import (
    case_add_evidence,
    case_record_advice,
    case_record_meeting,
    case_record_nhs_response,
    case_record_views,
    case_refer_to_nhs,
    case_request_advice,
)
from aln.cases.services.opening import case_raise_concern
from aln.common.errors import ServiceError
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.models import Deadline
from aln.domain.cases import (
    AdviceFrom,
    ConcernSource,
    ConsentAnswer,
    DecidingBody,
    EvidenceKind,
    ViewsOf,
)
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.process import TRANSITIONS, CaseAction, Outcome, ProcessError, ReferralGround
from aln.domain.responsibility import DutyException
from aln.notices.models import Notice
from aln.organisations.models import HealthBoard
from tests.factories import (
    CalendarTermFactory,
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
TODAY = D("2026-10-14")  # a Wednesday in term
CONCERN_ON = D("2026-10-01")


def event_for(action: CaseAction) -> str:
    (event,) = {t.event for t in TRANSITIONS if t.action is action}
    return event


@pytest.fixture(autouse=True)
def _on_a_wednesday_in_term():
    noon = datetime.datetime(2026, 10, 14, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path


@pytest.fixture
def terms(authority):
    """The school year, so that school-day deadlines get a due date."""
    return CalendarTermFactory(
        local_authority=authority, starts_on=D("2026-09-01"), ends_on=D("2027-07-21")
    )


def staff(role, **organisation):
    return MembershipFactory(role=role, **organisation).user


@pytest.fixture
def teacher(school):
    return staff("teacher", setting=school)


@pytest.fixture
def headteacher(school):
    return staff("headteacher", setting=school)


@pytest.fixture
def officer(authority):
    return staff("la_aln_officer", local_authority=authority)


def raise_concern(actor, learner, **values):
    arguments = {
        "raised_by": ConcernSource.TEACHER,
        "raised_by_name": "Ms Jones",
        "concern": "Finds reading very hard despite support.",
        "brought_to_attention_on": CONCERN_ON,
        **values,
    }
    return case_raise_concern(actor=actor, learner=learner, **arguments)


@pytest.fixture
def school_case(terms, alnco, enrolled_learner):
    return raise_concern(alnco, enrolled_learner)


def fresh(case):
    return Case.objects.get(pk=case.pk)


def deadlines(case):
    return {d.rule_id: d for d in Deadline.objects.filter(case_id=case.pk).order_by("created_at")}


def case_events(case):
    return list(
        AuditEvent.objects.filter(subject_type="cases.case", subject_id=str(case.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )


def snapshot(case):
    """Everything a refused move must leave as it was."""
    row = Case.objects.filter(pk=case.pk).values().get()
    row.pop("updated_at")
    return {
        "case": row,
        "deadlines": sorted(
            Deadline.objects.filter(case_id=case.pk).values_list("rule_id", "state", "version")
        ),
        "records": [
            model.objects.filter(case_id=case.pk).count()
            for model in (Evidence, Views, AdviceRequest, NhsReferral, Meeting, Notice)
        ],
        "events": AuditEvent.objects.count(),
    }


def refused(call, code, field=None):
    with pytest.raises(ServiceError) as raised:
        call()
    assert raised.value.code is code
    if field is not None:
        assert raised.value.field == field
    return raised.value


def add_evidence(actor, case, **values):
    arguments = {
        "kind": EvidenceKind.TARGETED,
        "description": "Small-group phonics, three times a week.",
        "started_on": D("2026-09-07"),
        "ended_on": None,
        "provided_by": "Teaching assistant",
        "progress": "Some progress with blending.",
        **values,
    }
    return case_add_evidence(actor=actor, case=case, version=case.version, **arguments)


def decide(actor, case, outcome=Outcome.NO_ALN, **values):
    arguments = {
        "reasons": "The learner's needs are met by provision generally made for others.",
        "decided_on": D("2026-10-12"),
        **values,
    }
    return case_decide(actor=actor, case=case, version=case.version, outcome=outcome, **arguments)


def give_notice(actor, case, **values):
    arguments = {
        "language": NoticeLanguage.EN,
        "method": DeliveryMethod.POST,
        "given_on": D("2026-10-13"),
        **values,
    }
    return case_give_notice(actor=actor, case=case, version=case.version, **arguments)


def refer(actor, case, **values):
    arguments = {
        "grounds": [ReferralGround.CANNOT_DETERMINE_NEEDS],
        "summary": "We cannot work out the learner's needs without an educational psychologist.",
        "referred_on": D("2026-10-12"),
        **values,
    }
    return case_refer_to_la(actor=actor, case=case, version=case.version, **arguments)


# --- Recording a concern: who decides, and when the clock starts -------------------------------


def test_a_concern_about_a_pupil_goes_to_their_maintained_school(
    school_case, school, authority, alnco
):
    case = fresh(school_case)
    assert case.deciding_body == DecidingBody.SCHOOL.value
    assert case.setting == school
    assert case.local_authority == authority
    assert case.stage == "gathering"
    assert case.version == 1
    assert case.opened_on == CONCERN_ON
    assert case.brought_to_attention_on == CONCERN_ON
    assert case.is_young_person is False
    assert (case.responsibility_reason, case.responsibility_section) == (
        "registered_pupil",
        "s.11(1)",
    )
    assert case.concern == "Finds reading very hard despite support."
    assert (case.raised_by, case.raised_by_name) == ("teacher", "Ms Jones")
    (deadline,) = deadlines(case).values()
    assert (deadline.rule_id, deadline.started_on, deadline.state) == (
        "school-decision",
        CONCERN_ON,
        "open",
    )
    assert deadline.setting_id == school.pk
    assert deadline.due_on is not None
    assert (
        deadline.due_on
        == AuthorityClock.load(authority.pk).dates("school-decision", CONCERN_ON, school.pk)[0]
    )
    assert case_events(case) == ["case.opened"]
    assert AuditEvent.objects.filter(
        event_type="deadline.opened", subject_id=str(deadline.pk), actor=alnco
    ).exists()


def test_a_concern_about_a_pupil_at_two_schools_goes_to_the_one_the_recorder_works_at(
    terms, alnco, school, authority
):
    learner = EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner
    other = SettingFactory(local_authority=authority)
    EnrolmentFactory(learner=learner, setting=other, started_on=D("2022-09-01"))
    case = raise_concern(alnco, learner, actor_setting_ids=[school.pk])
    assert case.setting == school


@pytest.mark.parametrize(
    "setting_kind", [None, "non_maintained_early_years"], ids=["not-at-a-setting", "funded-nursery"]
)
def test_a_concern_about_an_under_five_not_at_school_goes_to_the_la(authority, setting_kind):
    early_years_lead = staff("early_years_lead", local_authority=authority)
    child = LearnerFactory(date_of_birth=D("2023-01-10"), home_local_authority=authority)
    if setting_kind:
        nursery = SettingFactory(local_authority=authority, kind=setting_kind)
        EnrolmentFactory(learner=child, setting=nursery, started_on=D("2025-09-01"))
    case = fresh(
        raise_concern(early_years_lead, child, raised_by=ConcernSource.EARLY_YEARS_SETTING)
    )
    assert case.deciding_body == DecidingBody.LOCAL_AUTHORITY.value
    assert case.setting is None
    assert case.local_authority == authority
    assert case.stage == "gathering"
    assert case.responsibility_reason == "under_school_age_not_at_school"
    (deadline,) = deadlines(case).values()
    assert (deadline.rule_id, deadline.started_on, deadline.state) == (
        "la-decision",
        CONCERN_ON,
        "open",
    )
    assert deadline.due_on == CONCERN_ON + datetime.timedelta(weeks=12)


def test_a_concern_about_a_looked_after_child_goes_to_the_la_that_looks_after_them(
    alnco, school, authority
):
    looking_after = LocalAuthorityFactory(name_en="Looking After Council")
    learner = EnrolmentFactory(
        setting=school,
        learner__home_local_authority=authority,
        learner__is_looked_after=True,
        learner__looked_after_by=looking_after,
    ).learner
    case = fresh(raise_concern(alnco, learner))
    assert case.local_authority == looking_after
    assert case.deciding_body == DecidingBody.LOCAL_AUTHORITY.value
    assert case.responsibility_reason == "looked_after"
    (deadline,) = deadlines(case).values()
    assert deadline.rule_id == "la-decision"
    assert deadline.local_authority == looking_after
    assert AuditEvent.objects.get(event_type="case.opened").local_authority == looking_after


@pytest.fixture
def college(authority):
    return SettingFactory(local_authority=authority, kind="fei", name_en="Test College")


@pytest.fixture
def college_lead(college):
    return staff("fei_aln_lead", setting=college)


@pytest.fixture
def student(college, authority):
    """A young person (17) at a further education college."""
    return EnrolmentFactory(
        setting=college,
        started_on=D("2025-09-01"),
        learner__date_of_birth=D("2009-03-01"),
        learner__home_local_authority=authority,
    ).learner


def test_a_young_persons_clock_starts_on_the_day_they_consent(
    terms, college_lead, student, college
):
    consent_on = D("2026-10-05")
    case = fresh(
        raise_concern(
            college_lead,
            student,
            raised_by=ConcernSource.YOUNG_PERSON,
            consent=ConsentAnswer.GIVEN,
            consent_on=consent_on,
        )
    )
    assert case.is_young_person is True
    assert (case.deciding_body, case.setting) == (DecidingBody.FEI.value, college)
    assert case.stage == "gathering"
    assert case.consent_on == consent_on
    assert case.opened_on == consent_on
    assert case.brought_to_attention_on == CONCERN_ON
    (deadline,) = deadlines(case).values()
    assert (deadline.rule_id, deadline.started_on) == ("fei-decision", consent_on)


def test_a_young_person_who_has_not_answered_yet_waits_and_no_clock_runs(
    terms, college_lead, student
):
    case = fresh(raise_concern(college_lead, student, consent=ConsentAnswer.NOT_YET))
    assert case.stage == "awaiting_consent"
    assert case.consent_on is None
    assert deadlines(case) == {}
    assert case.closed_on is None


def test_a_young_person_who_refuses_closes_the_case_and_no_clock_runs(terms, college_lead, student):
    case = fresh(raise_concern(college_lead, student, consent=ConsentAnswer.REFUSED))
    assert case.stage == "closed"
    assert case.closed_because == "no_consent"
    assert case.closed_on == CONCERN_ON
    assert case.duty_exception == DutyException.YOUNG_PERSON_NO_CONSENT.value
    assert deadlines(case) == {}
    assert case_events(case) == ["case.opened", "case.consent_refused"]


def test_a_young_persons_concern_without_a_consent_answer_is_refused(college_lead, student):
    refused(lambda: raise_concern(college_lead, student), ProcessError.REQUIRED, "consent")
    assert not Case.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_consent_date_before_the_concern_is_refused(college_lead, student):
    refused(
        lambda: raise_concern(
            college_lead, student, consent=ConsentAnswer.GIVEN, consent_on=D("2026-09-30")
        ),
        ProcessError.DATE_BEFORE_CONCERN,
        "consent_on",
    )
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"concern": "   "}, ProcessError.REQUIRED, "concern"),
        ({"concern": "x" * 10_001}, ProcessError.TEXT_TOO_LONG, "concern"),
        ({"brought_to_attention_on": None}, ProcessError.REQUIRED, "brought_to_attention_on"),
        (
            {"brought_to_attention_on": TODAY + datetime.timedelta(days=1)},
            ProcessError.DATE_IN_FUTURE,
            "brought_to_attention_on",
        ),
        (
            {"brought_to_attention_on": D("2016-05-03")},  # the day before the learner was born
            ProcessError.DATE_BEFORE_START,
            "brought_to_attention_on",
        ),
        ({"raised_by_name": "x" * 301}, ProcessError.TEXT_TOO_LONG, "raised_by_name"),
    ],
    ids=["empty", "too-long", "no-date", "future", "before-birth", "long-name"],
)
def test_a_bad_concern_is_refused_naming_the_field_and_nothing_is_saved(
    terms, alnco, enrolled_learner, values, code, field
):
    counts = (Case.objects.count(), Deadline.objects.count(), AuditEvent.objects.count())
    refused(lambda: raise_concern(alnco, enrolled_learner, **values), code, field)
    assert (Case.objects.count(), Deadline.objects.count(), AuditEvent.objects.count()) == counts


# --- Consent after the concern -----------------------------------------------------------------


@pytest.fixture
def waiting_case(terms, college_lead, student):
    return raise_concern(college_lead, student, consent=ConsentAnswer.NOT_YET)


def test_recording_consent_later_starts_the_clock_that_day(waiting_case, college_lead):
    case_record_consent(
        actor=college_lead, case=waiting_case, version=1, consent_on=D("2026-10-09")
    )
    case = fresh(waiting_case)
    assert (case.stage, case.version, case.consent_on, case.opened_on) == (
        "gathering",
        2,
        D("2026-10-09"),
        D("2026-10-09"),
    )
    (deadline,) = deadlines(case).values()
    assert (deadline.rule_id, deadline.started_on) == ("fei-decision", D("2026-10-09"))
    assert case_events(case)[-1] == event_for(CaseAction.RECORD_CONSENT)


def test_recording_no_consent_later_closes_the_case(waiting_case, college_lead):
    case_record_no_consent(actor=college_lead, case=waiting_case, version=1, on=D("2026-10-09"))
    case = fresh(waiting_case)
    assert (case.stage, case.closed_on, case.closed_because) == (
        "closed",
        D("2026-10-09"),
        "no_consent",
    )
    assert deadlines(case) == {}
    assert case_events(case)[-1] == event_for(CaseAction.RECORD_NO_CONSENT)


def test_consent_in_the_future_is_refused(waiting_case, college_lead):
    before = snapshot(waiting_case)
    refused(
        lambda: case_record_consent(
            actor=college_lead,
            case=waiting_case,
            version=1,
            consent_on=TODAY + datetime.timedelta(1),
        ),
        ProcessError.DATE_IN_FUTURE,
        "consent_on",
    )
    assert snapshot(waiting_case) == before


def test_withdrawing_consent_closes_the_case_and_its_clocks(waiting_case, college_lead):
    case_record_consent(
        actor=college_lead, case=waiting_case, version=1, consent_on=D("2026-10-09")
    )
    case_withdraw_consent(actor=college_lead, case=waiting_case, version=2, on=D("2026-10-13"))
    case = fresh(waiting_case)
    assert (case.stage, case.closed_because, case.closed_on) == (
        "closed",
        "consent_withdrawn",
        D("2026-10-13"),
    )
    assert {d.state for d in deadlines(case).values()} == {"closed"}
    assert case_events(case)[-1] == "case.consent_withdrawn"


def test_only_a_young_person_withdraws_consent(school_case, alnco):
    before = snapshot(school_case)
    refused(
        lambda: case_withdraw_consent(actor=alnco, case=school_case, version=1, on=TODAY),
        ProcessError.NOT_A_YOUNG_PERSON,
    )
    assert snapshot(school_case) == before


# --- Gathering information ---------------------------------------------------------------------


def test_adding_evidence_stores_it_and_audits_it(school_case, alnco):
    evidence = add_evidence(alnco, school_case, ended_on=D("2026-10-09"))
    stored = Evidence.objects.get(case_id=school_case.pk)
    assert stored == evidence
    assert (stored.kind, stored.started_on, stored.ended_on, stored.provided_by) == (
        "targeted",
        D("2026-09-07"),
        D("2026-10-09"),
        "Teaching assistant",
    )
    case = fresh(school_case)
    assert (case.stage, case.version) == ("gathering", 2)
    assert school_case.version == 2  # the caller's copy moves on too
    assert case_events(case) == ["case.opened", event_for(CaseAction.ADD_EVIDENCE)]
    assert AuditEvent.objects.get(event_type="case.evidence_added").changes == {"kind": "targeted"}


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"description": ""}, ProcessError.REQUIRED, "description"),
        ({"started_on": None}, ProcessError.REQUIRED, "started_on"),
        ({"started_on": D("2026-10-15")}, ProcessError.DATE_IN_FUTURE, "started_on"),
        ({"ended_on": D("2026-09-06")}, ProcessError.DATE_BEFORE_START, "ended_on"),
        ({"provided_by": "x" * 301}, ProcessError.TEXT_TOO_LONG, "provided_by"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_changes(school_case, alnco, values, code, field):
    before = snapshot(school_case)
    refused(lambda: add_evidence(alnco, school_case, **values), code, field)
    assert snapshot(school_case) == before


def test_evidence_from_before_the_concern_is_accepted(school_case, alnco):
    """Support already tried is, by its nature, older than the concern."""
    add_evidence(alnco, school_case, started_on=D("2025-09-01"))
    assert Evidence.objects.filter(case_id=school_case.pk).count() == 1


def test_recording_views(school_case, alnco):
    case_record_views(
        actor=alnco,
        case=school_case,
        version=1,
        whose=ViewsOf.CHILD,
        important_to="  Playing football with friends.  ",
        important_for="Short tasks with breaks.",
        how_to_support="Visual timetable.",
        gathered_on=D("2026-10-06"),
    )
    views = Views.objects.get(case_id=school_case.pk)
    assert (views.whose, views.important_to, views.gathered_on) == (
        "child",
        "Playing football with friends.",
        D("2026-10-06"),
    )
    assert case_events(school_case)[-1] == event_for(CaseAction.RECORD_VIEWS)


def test_views_gathered_before_the_concern_are_refused(school_case, alnco):
    before = snapshot(school_case)
    refused(
        lambda: case_record_views(
            actor=alnco,
            case=school_case,
            version=1,
            whose=ViewsOf.PARENT,
            important_to="That she is happy at school.",
            important_for="",
            how_to_support="",
            gathered_on=D("2026-09-30"),
        ),
        ProcessError.DATE_BEFORE_CONCERN,
        "gathered_on",
    )
    assert snapshot(school_case) == before


def request_advice(actor, case, **values):
    arguments = {
        "source": AdviceFrom.EDUCATIONAL_PSYCHOLOGY,
        "asked_of": "Educational Psychology Service",
        "question": "What is the nature of the reading difficulty?",
        "requested_on": D("2026-10-02"),
        "wanted_by": D("2026-11-02"),
        **values,
    }
    return case_request_advice(actor=actor, case=case, version=case.version, **arguments)


def test_requesting_and_recording_advice(school_case, alnco):
    request = request_advice(alnco, school_case)
    assert (request.source, request.wanted_by, request.received_on) == (
        "educational_psychology",
        D("2026-11-02"),
        None,
    )
    case_record_advice(
        actor=alnco,
        case=school_case,
        version=school_case.version,
        request=request,
        received_on=D("2026-10-13"),
        summary="A specific learning difficulty in reading.",
    )
    request.refresh_from_db()
    assert (request.received_on, request.summary) == (
        D("2026-10-13"),
        "A specific learning difficulty in reading.",
    )
    assert case_events(school_case)[-2:] == [
        event_for(CaseAction.REQUEST_ADVICE),
        event_for(CaseAction.RECORD_ADVICE),
    ]
    assert fresh(school_case).version == 3
    # The same answer cannot be recorded twice.
    before = snapshot(school_case)
    refused(
        lambda: case_record_advice(
            actor=alnco,
            case=school_case,
            version=school_case.version,
            request=request,
            received_on=D("2026-10-14"),
            summary="Again.",
        ),
        ProcessError.NOT_ALLOWED_NOW,
    )
    assert snapshot(school_case) == before


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"asked_of": ""}, ProcessError.REQUIRED, "asked_of"),
        ({"requested_on": D("2026-09-30")}, ProcessError.DATE_BEFORE_CONCERN, "requested_on"),
        ({"wanted_by": None}, ProcessError.REQUIRED, "wanted_by"),
        ({"wanted_by": D("2026-10-01")}, ProcessError.DATE_BEFORE_START, "wanted_by"),
    ],
)
def test_a_bad_advice_request_is_refused(school_case, alnco, values, code, field):
    before = snapshot(school_case)
    refused(lambda: request_advice(alnco, school_case, **values), code, field)
    assert snapshot(school_case) == before


def test_advice_received_before_it_was_asked_for_is_refused(school_case, alnco):
    request = request_advice(alnco, school_case)
    before = snapshot(school_case)
    refused(
        lambda: case_record_advice(
            actor=alnco,
            case=school_case,
            version=school_case.version,
            request=request,
            received_on=D("2026-10-01"),
            summary="Too early.",
        ),
        ProcessError.DATE_BEFORE_START,
        "received_on",
    )
    assert snapshot(school_case) == before


@pytest.fixture
def health_board(authority):
    board = HealthBoard.objects.get(code="7A1")
    board.served_authorities.add(authority)
    return board


def test_an_nhs_referral_starts_its_six_week_clock_and_the_answer_meets_it(
    school_case, alnco, health_board
):
    referral = case_refer_to_nhs(
        actor=alnco,
        case=school_case,
        version=1,
        health_board=health_board,
        question="Is there a hearing difficulty?",
        received_on=D("2026-10-05"),
    )
    nhs = deadlines(school_case)["nhs-response"]
    assert referral.deadline == nhs
    assert (nhs.started_on, nhs.state) == (D("2026-10-05"), "open")
    assert (
        nhs.due_on
        == AuthorityClock.load(school_case.local_authority_id).dates(
            "nhs-response", D("2026-10-05"), school_case.setting_id
        )[0]
    )
    assert D("2026-11-16") <= nhs.due_on <= D("2026-11-18")  # 6 weeks, next working day
    case_record_nhs_response(
        actor=alnco,
        case=school_case,
        version=2,
        referral=referral,
        responded_on=D("2026-10-13"),
        treatment_identified=True,
        in_welsh=True,
        response="Audiology assessment offered.",
    )
    referral.refresh_from_db()
    assert (referral.responded_on, referral.treatment_identified, referral.in_welsh) == (
        D("2026-10-13"),
        True,
        True,
    )
    nhs.refresh_from_db()
    assert (nhs.state, nhs.met_on) == ("met", D("2026-10-13"))
    assert deadlines(school_case)["school-decision"].state == "open"
    assert case_events(school_case)[-2:] == [
        event_for(CaseAction.REFER_TO_NHS),
        event_for(CaseAction.RECORD_NHS_RESPONSE),
    ]


def test_an_nhs_answer_must_say_whether_it_found_a_treatment(school_case, alnco, health_board):
    referral = case_refer_to_nhs(
        actor=alnco,
        case=school_case,
        version=1,
        health_board=health_board,
        question="Is there a hearing difficulty?",
        received_on=D("2026-10-05"),
    )
    before = snapshot(school_case)
    refused(
        lambda: case_record_nhs_response(
            actor=alnco,
            case=school_case,
            version=2,
            referral=referral,
            responded_on=D("2026-10-13"),
            treatment_identified=None,
            in_welsh=None,
            response="We saw the child.",
        ),
        ProcessError.REQUIRED,
        "treatment_identified",
    )
    assert snapshot(school_case) == before


def test_recording_a_meeting(school_case, teacher):
    meeting = case_record_meeting(
        actor=teacher,
        case=school_case,
        version=1,
        held_on=D("2026-10-08"),
        invited="Parent, class teacher, ALNCo",
        attended="Parent, class teacher",
        notes="Agreed to try a reading intervention.",
    )
    assert Meeting.objects.get(case_id=school_case.pk) == meeting
    assert case_events(school_case)[-1] == event_for(CaseAction.RECORD_MEETING)


def test_a_meeting_without_notes_is_refused(school_case, alnco):
    before = snapshot(school_case)
    refused(
        lambda: case_record_meeting(
            actor=alnco,
            case=school_case,
            version=1,
            held_on=D("2026-10-08"),
            invited="Parent",
            attended="",
            notes=" ",
        ),
        ProcessError.REQUIRED,
        "notes",
    )
    assert snapshot(school_case) == before


# --- Referral to the LA ------------------------------------------------------------------------


def test_a_referral_without_evidence_is_refused_and_nothing_changes(school_case, alnco):
    before = snapshot(school_case)
    error = refused(lambda: refer(alnco, school_case), ProcessError.REFERRAL_EVIDENCE_REQUIRED)
    assert not error.field  # about the case, not one field
    assert snapshot(school_case) == before
    assert fresh(school_case).deciding_body == DecidingBody.SCHOOL.value


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"grounds": []}, ProcessError.REFERRAL_GROUNDS_REQUIRED, "grounds"),
        ({"summary": ""}, ProcessError.REQUIRED, "summary"),
        ({"referred_on": None}, ProcessError.REQUIRED, "referred_on"),
        ({"referred_on": D("2026-10-15")}, ProcessError.DATE_IN_FUTURE, "referred_on"),
        ({"referred_on": D("2026-09-30")}, ProcessError.DATE_BEFORE_CONCERN, "referred_on"),
    ],
)
def test_a_bad_referral_is_refused(school_case, alnco, values, code, field):
    add_evidence(alnco, school_case)
    before = snapshot(school_case)
    refused(lambda: refer(alnco, school_case, **values), code, field)
    assert snapshot(school_case) == before


def test_a_referral_with_evidence_hands_the_case_and_the_clock_to_the_la(
    school_case, alnco, officer, school
):
    add_evidence(alnco, school_case)
    refer(alnco, school_case, grounds=[ReferralGround.NOT_REASONABLE_TO_SECURE])
    case = fresh(school_case)
    assert case.deciding_body == DecidingBody.LOCAL_AUTHORITY.value
    assert case.setting == school  # the school that referred
    assert case.stage == "gathering"
    assert (case.referred_on, case.referral_grounds) == (
        D("2026-10-12"),
        ["not_reasonable_to_secure"],
    )
    assert case.version == 3
    clocks = deadlines(case)
    assert clocks["school-decision"].state == "closed"
    assert clocks["school-decision"].met_on is None
    la = clocks["la-decision"]
    assert (la.started_on, la.state) == (D("2026-10-12"), "open")
    assert la.due_on == D("2026-10-12") + datetime.timedelta(weeks=12)
    assert case_events(case) == [
        "case.opened",
        event_for(CaseAction.ADD_EVIDENCE),
        event_for(CaseAction.REFER_TO_LA),
    ]
    referred = AuditEvent.objects.get(event_type="case.referred_to_la")
    assert referred.actor == alnco
    assert referred.changes["grounds"] == ["not_reasonable_to_secure"]
    assert AuditEvent.objects.filter(
        event_type="deadline.closed", subject_id=str(clocks["school-decision"].pk)
    ).exists()
    assert AuditEvent.objects.filter(event_type="deadline.opened", subject_id=str(la.pk)).exists()
    # The school now contributes; the LA decides.
    refused(lambda: decide(alnco, case), ProcessError.NOT_YOURS)
    decide(officer, case)
    assert fresh(case).stage == "notice_due"


def test_the_la_cannot_refer_to_itself(authority, officer):
    child = LearnerFactory(date_of_birth=D("2023-01-10"), home_local_authority=authority)
    case = raise_concern(officer, child)
    add_evidence(officer, case)
    before = snapshot(case)
    refused(lambda: refer(officer, case), ProcessError.ONLY_A_SETTING_REFERS)
    assert snapshot(case) == before


def test_an_idp_after_a_same_day_referral_is_due_by_the_las_deadline(school_case, alnco, officer):
    """Referred the day the concern arrived: the IDP is due by the LA's date, not the school's."""
    add_evidence(alnco, school_case)
    refer(alnco, school_case, referred_on=CONCERN_ON)
    case = fresh(school_case)
    decide(officer, case, Outcome.HAS_ALN)
    assert fresh(case).idp_due_on == deadlines(case)["la-decision"].due_on


def test_a_school_the_la_directs_to_prepare_the_idp_then_acts_on_the_case(
    school_case, alnco, officer
):
    """s.14(2)(b): once the has-ALN notice is given, the school must prepare the plan."""
    add_evidence(alnco, school_case)
    refer(alnco, school_case)
    case = fresh(school_case)
    decide(officer, case, Outcome.HAS_ALN, idp_preparer=DecidingBody.SCHOOL)
    give_notice(officer, fresh(case))
    case = fresh(case)
    assert (case.stage, case.deciding_body, case.owner) == ("idp_due", "school", None)
    assert deadlines(case)["la-decision"].state == "open"  # the plan is due by the LA's date


# --- The decision ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "values", "code", "field"),
    [
        (Outcome.NO_ALN, {"reasons": "  "}, ProcessError.REASONS_REQUIRED, "reasons"),
        (Outcome.HAS_ALN, {"reasons": ""}, ProcessError.REASONS_REQUIRED, "reasons"),
        (None, {}, ProcessError.OUTCOME_REQUIRED, "outcome"),
        (Outcome.NO_ALN, {"decided_on": None}, ProcessError.REQUIRED, "decided_on"),
        (
            Outcome.NO_ALN,
            {"decided_on": D("2026-10-15")},
            ProcessError.DATE_IN_FUTURE,
            "decided_on",
        ),
        (
            Outcome.NO_ALN,
            {"decided_on": D("2026-09-30")},
            ProcessError.DATE_BEFORE_CONCERN,
            "decided_on",
        ),
        (
            Outcome.DUTY_DOES_NOT_ARISE,
            {"duty_exception": ""},
            ProcessError.EXCEPTION_REQUIRED,
            "duty_exception",
        ),
    ],
    ids=[
        "no-reasons",
        "blank-reasons",
        "no-outcome",
        "no-date",
        "future",
        "before",
        "no-exception",
    ],
)
def test_a_bad_decision_is_refused_naming_the_field_and_nothing_changes(
    school_case, alnco, outcome, values, code, field
):
    before = snapshot(school_case)
    refused(lambda: decide(alnco, school_case, outcome, **values), code, field)
    assert snapshot(school_case) == before
    assert fresh(school_case).outcome == ""


def test_has_aln_means_a_notice_is_due_and_an_idp_by_the_decision_deadline(school_case, alnco):
    decide(alnco, school_case, Outcome.HAS_ALN, reasons="  Needs ALP for reading.  ")
    case = fresh(school_case)
    decision = deadlines(case)["school-decision"]
    assert case.stage == "notice_due"
    assert case.outcome == "has_aln"
    assert case.reasons == "Needs ALP for reading."
    assert (case.decided_on, case.decided_by) == (D("2026-10-12"), alnco)
    assert case.idp_due_on is not None
    assert case.idp_due_on == decision.due_on
    assert case.idp_preparer == DecidingBody.SCHOOL.value
    assert decision.state == "open"  # the IDP is still to come by the same date
    decided = AuditEvent.objects.get(event_type=event_for(CaseAction.DECIDE))
    assert decided.changes["stage"] == ["gathering", "notice_due"]
    assert decided.changes["outcome"] == "has_aln"


def test_the_duty_does_not_arise_with_its_exception(school_case, alnco):
    decide(
        alnco,
        school_case,
        Outcome.DUTY_DOES_NOT_ARISE,
        duty_exception=DutyException.IDP_ALREADY_MAINTAINED.value,
    )
    case = fresh(school_case)
    assert (case.stage, case.duty_exception, case.idp_due_on) == (
        "notice_due",
        "idp_already_maintained",
        None,
    )


@pytest.fixture
def young_person_case(authority, officer):
    """A young person (19) not in education, who consented: the LA decides, and then whether an
    IDP is necessary (Act s.14(1)(c))."""
    learner = LearnerFactory(
        date_of_birth=D("2007-03-01"),
        home_local_authority=authority,
        education_arrangement="not_in_education",
    )
    return raise_concern(
        officer,
        learner,
        raised_by=ConcernSource.YOUNG_PERSON,
        consent=ConsentAnswer.GIVEN,
        consent_on=D("2026-10-02"),
    )


def test_a_young_person_outside_school_or_college_gets_a_necessity_decision(
    young_person_case, officer
):
    case = fresh(young_person_case)
    assert (case.deciding_body, case.necessity_decision) == ("local_authority", True)
    assert case.responsibility_reason == "young_person_outside_school_fei"
    decide(officer, case, Outcome.HAS_ALN)
    case = fresh(case)
    assert case.stage == "deciding_necessity"
    necessity = deadlines(case)["young-person-necessity"]
    assert (necessity.started_on, necessity.state) == (D("2026-10-02"), "open")
    assert case.idp_due_on == deadlines(case)["la-decision"].due_on


def test_a_young_person_without_aln_needs_no_necessity_decision(young_person_case, officer):
    decide(officer, young_person_case, Outcome.NO_ALN)
    assert fresh(young_person_case).stage == "notice_due"
    assert "young-person-necessity" not in deadlines(young_person_case)


def test_an_idp_not_necessary_gives_that_notice_and_closes_the_case(young_person_case, officer):
    decide(officer, young_person_case, Outcome.HAS_ALN)
    before = snapshot(young_person_case)
    refused(
        lambda: case_decide_necessity(
            actor=officer,
            case=young_person_case,
            version=young_person_case.version,
            necessary=None,
            reasons="x",
            decided_on=TODAY,
        ),
        ProcessError.OUTCOME_REQUIRED,
        "necessary",
    )
    assert snapshot(young_person_case) == before
    case_decide_necessity(
        actor=officer,
        case=young_person_case,
        version=young_person_case.version,
        necessary=False,
        reasons="Their needs are met by the college course they are starting.",
        decided_on=D("2026-10-13"),
    )
    case = fresh(young_person_case)
    assert (case.stage, case.idp_necessary) == ("notice_due", False)
    notice = give_notice(officer, case, given_on=TODAY)
    assert notice.kind == "idp_not_necessary"
    assert notice.recipients == ["young_person"]
    assert notice.rights == ["appeal_to_tribunal"]
    assert notice.appeal_last_day is not None
    case = fresh(case)
    assert (case.stage, case.closed_because) == ("closed", "notice_given")
    assert {(d.rule_id, d.state, d.met_on) for d in deadlines(case).values()} == {
        ("la-decision", "met", TODAY),
        ("young-person-necessity", "met", TODAY),
    }


def test_an_idp_found_necessary_leads_to_the_idp(young_person_case, officer):
    decide(officer, young_person_case, Outcome.HAS_ALN)
    case_decide_necessity(
        actor=officer,
        case=young_person_case,
        version=young_person_case.version,
        necessary=True,
        reasons="Needs ALP to take part in training.",
        decided_on=D("2026-10-13"),
    )
    notice = give_notice(officer, young_person_case, given_on=TODAY)
    assert notice.kind == "has_aln"
    assert fresh(young_person_case).stage == "idp_due"


# --- The notice --------------------------------------------------------------------------------


def test_a_no_aln_notice_from_a_school_closes_the_case_and_meets_the_deadline(
    school_case, alnco, enrolled_learner
):
    decide(alnco, school_case, Outcome.NO_ALN)
    notice = give_notice(alnco, school_case)
    case = fresh(school_case)
    assert (case.stage, case.closed_on, case.closed_because) == (
        "closed",
        D("2026-10-13"),
        "notice_given",
    )
    decision = deadlines(case)["school-decision"]
    assert (decision.state, decision.met_on) == ("met", D("2026-10-13"))
    stored = Notice.objects.get(case_id=case.pk)
    assert stored == notice
    assert (stored.kind, stored.method, stored.given_on, stored.language) == (
        "no_aln",
        "post",
        D("2026-10-13"),
        "en",
    )
    assert stored.rights == ["ask_la_to_reconsider"]
    assert stored.appeal_last_day is None  # a school's decision is reconsidered, not appealed
    assert enrolled_learner.full_name in stored.addressee_names
    with stored.file.open("rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF")
    assert len(content) == stored.size_bytes
    assert len(stored.sha256) == 64
    assert case_events(case)[-1] == "case.notice_given"
    assert AuditEvent.objects.filter(event_type="notice.issued", subject_id=str(notice.pk)).exists()


def test_an_la_decision_notice_gives_the_last_day_to_appeal(authority, officer):
    child = LearnerFactory(date_of_birth=D("2023-01-10"), home_local_authority=authority)
    case = raise_concern(officer, child)
    decide(officer, case, Outcome.NO_ALN)
    notice = give_notice(officer, case)
    assert notice.rights == ["appeal_to_tribunal"]
    expected, _remind = AuthorityClock.load(authority.pk).dates("etw-appeal", D("2026-10-13"), None)
    assert notice.appeal_last_day == expected
    assert notice.appeal_last_day >= D("2026-10-13") + datetime.timedelta(weeks=8)
    assert fresh(case).stage == "closed"


def test_a_has_aln_notice_leaves_the_idp_due_and_the_clock_running(school_case, alnco):
    decide(alnco, school_case, Outcome.HAS_ALN)
    notice = give_notice(alnco, school_case)
    assert notice.kind == "has_aln"
    case = fresh(school_case)
    assert (case.stage, case.closed_on, case.closed_because) == ("idp_due", None, "")
    decision = deadlines(case)["school-decision"]
    assert (decision.state, decision.met_on) == ("open", None)


def test_a_duty_does_not_arise_notice_closes_the_clock_without_meeting_it(school_case, alnco):
    decide(
        alnco,
        school_case,
        Outcome.DUTY_DOES_NOT_ARISE,
        duty_exception=DutyException.DECIDED_NO_MATERIAL_CHANGE.value,
    )
    notice = give_notice(alnco, school_case)
    assert notice.kind == "duty_does_not_arise"
    case = fresh(school_case)
    assert case.stage == "closed"
    decision = deadlines(case)["school-decision"]
    assert (decision.state, decision.met_on) == ("closed", None)


def test_a_notice_by_email_goes_to_the_parents_address(school_case, alnco, enrolled_learner):
    link = FamilyLinkFactory(learner=enrolled_learner)
    decide(alnco, school_case, Outcome.NO_ALN)
    notice = give_notice(alnco, school_case, method=DeliveryMethod.EMAIL)
    assert notice.method == "email"
    assert notice.email_to == [link.family_member.email]
    assert link.family_member.full_name in notice.addressee_names
    assert notice.recipients == ["child", "parent"]


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        ({"given_on": None}, ProcessError.REQUIRED, "given_on"),
        ({"given_on": D("2026-10-15")}, ProcessError.DATE_IN_FUTURE, "given_on"),
        ({"given_on": D("2026-10-11")}, ProcessError.DATE_BEFORE_START, "given_on"),
    ],
)
def test_a_bad_notice_date_is_refused_and_nothing_changes(school_case, alnco, values, code, field):
    decide(alnco, school_case, Outcome.NO_ALN)
    before = snapshot(school_case)
    refused(lambda: give_notice(alnco, school_case, **values), code, field)
    assert snapshot(school_case) == before


# --- Concurrency, illegal moves and who may act ------------------------------------------------


def test_the_second_of_two_people_acting_on_the_same_version_is_told_and_nothing_changes(
    school_case, alnco, headteacher
):
    seen_by_alnco = fresh(school_case)
    seen_by_head = fresh(school_case)
    add_evidence(alnco, seen_by_alnco)
    before = snapshot(school_case)
    refused(
        lambda: case_decide(
            actor=headteacher,
            case=seen_by_head,
            version=seen_by_head.version,
            outcome=Outcome.HAS_ALN,
            reasons="Needs ALP.",
            decided_on=D("2026-10-12"),
        ),
        ProcessError.CHANGED_BY_SOMEONE_ELSE,
    )
    assert snapshot(school_case) == before
    case = fresh(school_case)
    assert (case.stage, case.outcome, case.version) == ("gathering", "", 2)


def test_a_stale_version_is_refused_for_gathering_too(school_case, alnco, teacher):
    add_evidence(alnco, school_case)
    before = snapshot(school_case)
    refused(
        lambda: case_record_meeting(
            actor=teacher,
            case=school_case,
            version=1,
            held_on=D("2026-10-08"),
            invited="Parent",
            attended="",
            notes="Notes.",
        ),
        ProcessError.CHANGED_BY_SOMEONE_ELSE,
    )
    assert snapshot(school_case) == before


def test_deciding_a_closed_case_is_not_allowed_now_and_nothing_changes(
    alnco, school, enrolled_learner
):
    case = CaseFactory(
        learner=enrolled_learner,
        setting=school,
        stage="closed",
        closed_on=D("2026-10-05"),
        closed_because="notice_given",
    )
    before = snapshot(case)
    refused(lambda: decide(alnco, case), ProcessError.NOT_ALLOWED_NOW)
    assert snapshot(case) == before


def test_giving_a_notice_before_any_decision_is_not_allowed_now(school_case, alnco):
    before = snapshot(school_case)
    refused(lambda: give_notice(alnco, school_case), ProcessError.NOT_ALLOWED_NOW)
    assert snapshot(school_case) == before


def test_deciding_twice_is_not_allowed(school_case, alnco):
    decide(alnco, school_case, Outcome.NO_ALN)
    before = snapshot(school_case)
    refused(lambda: decide(alnco, school_case, Outcome.HAS_ALN), ProcessError.NOT_ALLOWED_NOW)
    assert snapshot(school_case) == before


def test_a_teacher_contributes_evidence_but_does_not_decide(school_case, teacher):
    add_evidence(teacher, school_case)
    assert Evidence.objects.filter(case_id=school_case.pk, created_by=teacher).count() == 1
    before = snapshot(school_case)
    refused(lambda: decide(teacher, school_case), ProcessError.NOT_YOURS)
    refused(lambda: request_advice(teacher, school_case), ProcessError.NOT_YOURS)
    refused(lambda: refer(teacher, school_case), ProcessError.NOT_YOURS)
    assert snapshot(school_case) == before


def test_an_la_officer_does_not_decide_for_a_school(school_case, officer):
    before = snapshot(school_case)
    refused(lambda: decide(officer, school_case), ProcessError.NOT_YOURS)
    assert snapshot(school_case) == before

"""Recording appeals to the Education Tribunal for Wales and moving them through its stages (Act
s.70; ETW Regs regs 10, 14, 53; spec §6.1, T14, T15)."""

import pytest
from django.utils import translation

from aln.common.errors import ServiceError
from aln.common.i18n import AUDIT_EVENT_LABELS, ERROR_MESSAGES, error_message
from aln.deadlines.models import RuleSetting
from aln.disputes.models import Appeal
from aln.disputes.selectors.appeals import open_appeals_for
from aln.disputes.services.appeals import (
    AppealError,
    appeal_answer_late_permission,
    appeal_close,
    appeal_decide,
    appeal_list_hearing,
    appeal_options_for,
    appeal_record_review_application,
    appeal_register,
    appeal_withdraw,
)
from aln.domain.disagreements import (
    APPEAL_TRANSITIONS,
    AppealDecision,
    AppealMatter,
    AppealMoveError,
    AppealProblem,
    Appellant,
)
from aln.domain.process import ProcessError
from tests.aln.disputes.test_appeals_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_appeals_setup import (
    EXTENDED_LAST_DAY,
    GIVEN,
    IN_TIME,
    LAST_DAY,
    LATE,
    D,
    an_appeal,
    events,
    record,
)
from tests.factories import (
    ActingForFactory,
    LaRequestFactory,
    MembershipFactory,
    NoticeFactory,
    SupportReferralFactory,
)

pytestmark = pytest.mark.django_db


def _refused(code, call, *args, **kwargs):
    with pytest.raises(ServiceError) as refusal:
        call(*args, **kwargs)
    assert refusal.value.code == code
    return refusal.value


# --- Recording an appeal ------------------------------------------------------------------------


def test_an_appeal_against_the_las_decision_is_recorded_with_its_last_day(officer, la_notice):
    appeal = record(officer, la_notice)
    appeal.refresh_from_db()
    assert appeal.stage == "lodged"
    assert appeal.decided_by == "local_authority"
    assert appeal.matters == ["has_aln"]
    assert appeal.notice_given_on == GIVEN
    assert appeal.last_day == LAST_DAY  # the first working day after 8 weeks (reg 10)
    assert appeal.extended is False
    assert appeal.learner_id == la_notice.learner_id
    (event,) = events(appeal)
    assert event.event_type == "dispute.appeal_recorded"
    assert event.changes["last_day"] == "2027-01-18"
    assert event.changes["notice"] == str(la_notice.pk)


def test_a_schools_decision_is_refused_and_the_message_points_to_the_la(officer, school_notice):
    refusal = _refused(AppealProblem.NOT_APPEALABLE, record, officer, school_notice)
    assert refusal.field == "notice"
    with translation.override("en-gb"):
        assert "local authority first" in error_message(refusal.code)
    assert not Appeal.objects.exists()


def test_a_matter_the_decision_is_not_about_is_refused(officer, la_notice):
    # A decision that the learner has no ALN is not a decision about the provision in a plan.
    refusal = _refused(
        AppealProblem.NOT_APPEALABLE, record, officer, la_notice, matters=["has_aln", "alp"]
    )
    assert refusal.field == "matters"
    assert not Appeal.objects.exists()


def test_a_matter_the_body_does_not_decide_is_refused(officer, fei_notice):
    # A college's plan: its content is appealable, but only an LA names s.14(6) provision.
    refusal = _refused(
        AppealProblem.NOT_APPEALABLE, record, officer, fei_notice, matters=["la_provision"]
    )
    assert refusal.field == "matters"
    assert not Appeal.objects.exists()
    appeal = record(officer, fei_notice, matters=["alp", "welsh_provision"])
    assert appeal.decided_by == "fei"
    assert appeal.matters == ["alp", "welsh_provision"]


def test_no_matters_is_refused(officer, la_notice):
    refusal = _refused(AppealProblem.NO_MATTERS, record, officer, la_notice, matters=[])
    assert refusal.field == "matters"


def test_the_choices_are_the_las_and_the_colleges_decisions_with_what_they_decide(
    officer, la_notice, school_notice, fei_notice
):
    options = {
        option.notice.pk: option
        for option in appeal_options_for(actor=officer, learner=la_notice.learner)
    }
    assert set(options) == {la_notice.pk, fei_notice.pk}  # never the school's
    assert options[la_notice.pk].matters == (AppealMatter.HAS_ALN,)
    assert options[fei_notice.pk].matters == (
        AppealMatter.DESCRIPTION_OF_NEED,
        AppealMatter.ALP,
        AppealMatter.WELSH_PROVISION,
    )
    assert options[la_notice.pk].period.last_day == LAST_DAY


def test_another_las_officer_is_offered_nothing(other_officer, la_notice):
    assert appeal_options_for(actor=other_officer, learner=la_notice.learner) == []


def test_the_las_answer_to_a_request_can_be_appealed_on_what_it_refused(officer, school_notice):
    answer = NoticeFactory(
        case=school_notice.case, kind="no_aln", rights=["appeal_to_tribunal"], given_on=GIVEN
    )
    request = LaRequestFactory(
        case=school_notice.case,
        route="take_over_idp",
        status="decided",
        outcome="take_over_refused",
        notice=answer,
    )
    refusal = _refused(AppealProblem.NOT_APPEALABLE, record, officer, answer, matters=["has_aln"])
    assert refusal.field == "matters"
    appeal = record(officer, answer, matters=["refusal_to_take_over"])
    assert appeal.la_request_id == request.pk
    assert appeal.decided_by == "local_authority"


@pytest.mark.parametrize(
    ("referred_on", "kind", "last_day", "extended"),
    [
        (D("2026-12-01"), "disagreement_resolution", EXTENDED_LAST_DAY, True),
        # The last day of the original 8 weeks (a Sunday) is still in time.
        (D("2027-01-17"), "disagreement_resolution", EXTENDED_LAST_DAY, True),
        # The day after the period expired is too late, though the appeal is due that day.
        (D("2027-01-18"), "disagreement_resolution", LAST_DAY, False),
        # Advocacy (s.69) never extends the period.
        (D("2026-12-01"), "advocacy", LAST_DAY, False),
    ],
)
def test_a_referral_to_disagreement_resolution_in_time_extends_the_period(
    officer, la_notice, referred_on, kind, last_day, extended
):
    referral = SupportReferralFactory(
        learner=la_notice.learner,
        case=la_notice.case,
        notice=la_notice,
        kind=kind,
        referred_on=referred_on,
    )
    appeal = record(officer, la_notice, received_on=D("2027-02-01"))
    assert appeal.last_day == last_day
    assert appeal.extended is extended
    (event,) = events(appeal, "dispute.appeal_recorded")
    assert event.changes["resolution_referral"] == (str(referral.pk) if extended else None)
    # Received on 1 February: in time only when the period was extended.
    assert appeal.stage == ("lodged" if extended else "late_permission_sought")


def test_a_referral_about_another_decision_does_not_extend(officer, la_notice):
    other = NoticeFactory(case=la_notice.case, rights=["appeal_to_tribunal"], given_on=GIVEN)
    SupportReferralFactory(learner=la_notice.learner, notice=other, referred_on=D("2026-12-01"))
    assert record(officer, la_notice).last_day == LAST_DAY


def test_a_late_appeal_waits_for_the_presidents_permission(officer, la_notice):
    appeal = record(officer, la_notice, received_on=LATE)
    assert appeal.stage == "late_permission_sought"
    assert appeal.late_permission is None
    assert [e.event_type for e in events(appeal)] == [
        "dispute.appeal_recorded",
        "dispute.appeal_late_permission_sought",
    ]


def test_a_late_appeal_already_accepted_is_lodged(officer, la_notice):
    appeal = record(officer, la_notice, received_on=LATE, late_permission=True)
    assert appeal.stage == "lodged"
    assert appeal.late_permission is True


def test_a_late_appeal_the_president_refused_is_not_stored(officer, la_notice):
    refusal = _refused(
        AppealProblem.LATE_REFUSED,
        record,
        officer,
        la_notice,
        received_on=LATE,
        late_permission=False,
    )
    assert refusal.field == "late_permission"
    assert not Appeal.objects.exists()


def test_a_permission_answer_on_an_appeal_in_time_is_not_kept(officer, la_notice):
    appeal = record(officer, la_notice, late_permission=False)
    assert appeal.stage == "lodged"
    assert appeal.late_permission is None


@pytest.mark.parametrize(
    ("appellant", "acting_for", "allowed"),
    [
        (Appellant.PARENT, None, True),
        (Appellant.CHILD, None, True),
        (Appellant.YOUNG_PERSON, None, False),  # Cai is a child
        (Appellant.CASE_FRIEND, None, False),  # none appointed
        (Appellant.CASE_FRIEND, "case_friend", True),
        (Appellant.REPRESENTATIVE, None, False),
    ],
)
def test_the_appellant_must_be_able_to_act_for_the_learner(
    officer, la_notice, appellant, acting_for, allowed
):
    if acting_for:
        ActingForFactory(learner=la_notice.learner, kind=acting_for, appointed_on=GIVEN)
    if allowed:
        assert record(officer, la_notice, appellant=appellant).appellant == appellant.value
    else:
        refusal = _refused(
            AppealProblem.NO_STANDING, record, officer, la_notice, appellant=appellant
        )
        assert refusal.field == "appellant"
        assert not Appeal.objects.exists()


def test_only_the_las_deciders_record_an_appeal(la_notice, school, other_officer):
    alnco = MembershipFactory(role="alnco", setting=school).user
    for person in (alnco, other_officer):
        _refused(AppealError.NOT_YOURS, record, person, la_notice)
    assert not Appeal.objects.exists()


@pytest.mark.parametrize(
    ("received_on", "code"),
    [
        (None, ProcessError.REQUIRED),
        (D("2026-11-22"), AppealError.RECEIVED_BEFORE_NOTICE),
        (D("2027-02-11"), ProcessError.DATE_IN_FUTURE),
    ],
)
def test_the_date_received_is_checked(officer, la_notice, received_on, code):
    refusal = _refused(code, record, officer, la_notice, received_on=received_on)
    assert refusal.field == "received_on"
    assert not Appeal.objects.exists()


def test_the_notice_must_be_on_the_case(officer, la_notice, school_notice):
    _refused(AppealError.WRONG_NOTICE, record, officer, la_notice, case=school_notice.case)


# --- The appeal's moves (aln.domain.disagreements.APPEAL_TRANSITIONS) ---------------------------


def _register(actor, appeal):
    appeal_register(
        actor=actor, appeal=appeal, version=appeal.version, case_statement_due_on=D("2027-03-01")
    )


def _hearing(actor, appeal):
    appeal_list_hearing(
        actor=actor, appeal=appeal, version=appeal.version, hearing_on=D("2027-04-12")
    )


def _decide(decision):
    def move(actor, appeal):
        appeal_decide(
            actor=actor,
            appeal=appeal,
            version=appeal.version,
            decision=decision,
            summary="The Tribunal found that Cai has ALN.",
            decided_on=D("2027-02-01"),
            decision_sent_on=D("2027-02-02"),
        )

    return move


def _review(actor, appeal):
    appeal_record_review_application(
        actor=actor, appeal=appeal, version=appeal.version, applied_on=D("2027-02-05")
    )


def _close(actor, appeal):
    appeal_close(actor=actor, appeal=appeal, version=appeal.version, closed_on=D("2027-02-08"))


def _withdraw(actor, appeal):
    appeal_withdraw(
        actor=actor, appeal=appeal, version=appeal.version, withdrawn_on=D("2027-02-08")
    )


def _permission(granted):
    def move(actor, appeal):
        appeal_answer_late_permission(
            actor=actor,
            appeal=appeal,
            version=appeal.version,
            granted=granted,
            answered_on=D("2027-02-01"),
        )

    return move


MOVES = [
    ("lodged", _register, "case_statements", "dispute.appeal_registered"),
    ("late_permission_sought", _register, AppealMoveError.NOT_ALLOWED_NOW, None),
    ("lodged", _hearing, AppealMoveError.NOT_ALLOWED_NOW, None),
    ("case_statements", _hearing, "hearing_listed", "dispute.appeal_hearing_listed"),
    (
        "case_statements",
        _decide(AppealDecision.ALLOWED),
        AppealMoveError.DECISION_NEEDS_HEARING,
        None,
    ),
    ("case_statements", _decide(AppealDecision.CONCEDED), "decided", "dispute.appeal_decided"),
    ("hearing_listed", _decide(AppealDecision.ALLOWED), "decided", "dispute.appeal_decided"),
    ("hearing_listed", _decide(None), AppealMoveError.DECISION_REQUIRED, None),
    ("hearing_listed", _review, AppealMoveError.NOT_ALLOWED_NOW, None),
    ("decided", _review, "decided", "dispute.appeal_review_applied_for"),
    ("decided", _close, "closed", "dispute.appeal_closed"),
    ("hearing_listed", _close, AppealMoveError.NOT_ALLOWED_NOW, None),
    ("lodged", _withdraw, "withdrawn", "dispute.appeal_withdrawn"),
    ("hearing_listed", _withdraw, "withdrawn", "dispute.appeal_withdrawn"),
    ("decided", _withdraw, AppealMoveError.NOT_ALLOWED_NOW, None),
    (
        "late_permission_sought",
        _permission(True),
        "lodged",
        "dispute.appeal_late_permission_granted",
    ),
    (
        "late_permission_sought",
        _permission(False),
        "closed",
        "dispute.appeal_late_permission_refused",
    ),
    ("lodged", _permission(True), AppealMoveError.NOT_ALLOWED_NOW, None),
    ("closed", _withdraw, AppealMoveError.NOT_ALLOWED_NOW, None),
]


@pytest.mark.parametrize(("stage", "move", "expected", "event"), MOVES)
def test_each_move_is_allowed_or_refused_by_the_stage(
    officer, la_notice, stage, move, expected, event
):
    late = stage == "late_permission_sought"
    appeal = an_appeal(la_notice, stage=stage, received_on=LATE if late else IN_TIME)
    if event is None:
        _refused(expected, move, officer, appeal)
        appeal.refresh_from_db()
        assert (appeal.stage, appeal.version) == (stage, 1)
        assert events(appeal) == []
        return
    move(officer, appeal)
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.version) == (expected, 2)
    assert [e.event_type for e in events(appeal)] == [event]


def test_a_late_appeal_is_registered_only_once_permission_is_recorded(officer, la_notice):
    appeal = record(officer, la_notice, received_on=LATE)
    _refused(AppealMoveError.NOT_ALLOWED_NOW, _register, officer, appeal)
    _permission(True)(officer, appeal)
    appeal.refresh_from_db()
    assert appeal.stage == "lodged"
    assert appeal.late_permission is True
    _register(officer, appeal)
    appeal.refresh_from_db()
    assert appeal.stage == "case_statements"


def test_a_late_appeal_without_permission_cannot_be_registered(officer, la_notice):
    appeal = an_appeal(la_notice, stage="lodged", received_on=LATE)
    _refused(AppealMoveError.LATE_NEEDS_PERMISSION, _register, officer, appeal)


def test_a_refused_late_appeal_is_closed_on_the_day_of_the_answer(officer, la_notice):
    appeal = record(officer, la_notice, received_on=LATE)
    _permission(False)(officer, appeal)
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.late_permission, appeal.closed_on) == (
        "closed",
        False,
        D("2027-02-01"),
    )


def test_registering_records_the_dates_the_tribunal_set(officer, la_notice):
    appeal = an_appeal(la_notice, stage="lodged", tribunal_reference="")
    appeal_register(
        actor=officer,
        appeal=appeal,
        version=1,
        case_statement_due_on=D("2027-03-01"),  # in the future: the Tribunal sets it
        tribunal_reference="ETW/27/0099",
    )
    appeal.refresh_from_db()
    assert appeal.case_statement_due_on == D("2027-03-01")
    assert appeal.tribunal_reference == "ETW/27/0099"


def test_a_stale_version_is_refused_and_nothing_changes(officer, colleague, la_notice):
    appeal = an_appeal(la_notice, stage="lodged")
    seen = appeal.version
    _register(colleague, appeal)
    stale = Appeal.objects.get(pk=appeal.pk)
    _refused(
        AppealError.CHANGED_BY_SOMEONE_ELSE,
        appeal_withdraw,
        actor=officer,
        appeal=stale,
        version=seen,
        withdrawn_on=D("2027-02-08"),
    )
    stale.refresh_from_db()
    assert (stale.stage, stale.version) == ("case_statements", 2)


def test_only_the_las_deciders_move_an_appeal(la_notice, other_officer, school):
    appeal = an_appeal(la_notice, stage="lodged")
    for person in (MembershipFactory(role="alnco", setting=school).user, other_officer):
        _refused(AppealError.NOT_YOURS, _register, person, appeal)
    appeal.refresh_from_db()
    assert appeal.stage == "lodged"


def test_the_decision_gives_the_last_day_to_ask_for_a_review(officer, la_notice):
    appeal = an_appeal(la_notice, stage="hearing_listed", hearing_on=D("2027-01-25"))
    appeal_decide(
        actor=officer,
        appeal=appeal,
        version=1,
        decision=AppealDecision.ALLOWED_IN_PART,
        summary="The description of need must change.",
        decided_on=D("2027-01-28"),
        decision_sent_on=D("2027-01-29"),
    )
    appeal.refresh_from_db()
    assert (appeal.decision, appeal.decided_on, appeal.decision_sent_on) == (
        "allowed_in_part",
        D("2027-01-28"),
        D("2027-01-29"),
    )
    (event,) = events(appeal)
    assert event.changes["review_last_day"] == "2027-02-26"  # 28 days (reg 53; T15)


@pytest.mark.parametrize(
    ("roll_forward", "last_day"), [(None, "2027-03-01"), (False, "2027-02-28")]
)
def test_the_review_last_day_follows_the_las_roll_forward_setting(
    officer, la_notice, roll_forward, last_day
):
    """28 days from Sunday 31 January 2027 end on a Sunday: by default the last day rolls forward
    to the Monday (T18); an LA that set `etw-review` not to roll forward keeps the Sunday."""
    appeal = an_appeal(la_notice, stage="hearing_listed")
    if roll_forward is not None:
        RuleSetting.objects.create(
            local_authority_id=appeal.local_authority_id,
            rule_id="etw-review",
            roll_forward=roll_forward,
        )
    appeal_decide(
        actor=officer,
        appeal=appeal,
        version=1,
        decision=AppealDecision.DISMISSED,
        summary="Dismissed.",
        decided_on=D("2027-01-28"),
        decision_sent_on=D("2027-01-31"),
    )
    (event,) = events(appeal)
    assert event.changes["review_last_day"] == last_day


@pytest.mark.parametrize(
    ("decided_on", "sent_on", "code", "field"),
    [
        (D("2027-01-04"), D("2027-01-29"), AppealError.DATE_BEFORE_RECEIVED, "decided_on"),
        (D("2027-01-28"), D("2027-01-27"), AppealError.SENT_BEFORE_DECIDED, "decision_sent_on"),
        (D("2027-01-28"), None, ProcessError.REQUIRED, "decision_sent_on"),
    ],
)
def test_the_decision_dates_are_checked(officer, la_notice, decided_on, sent_on, code, field):
    appeal = an_appeal(la_notice, stage="hearing_listed")
    refusal = _refused(
        code,
        appeal_decide,
        actor=officer,
        appeal=appeal,
        version=1,
        decision=AppealDecision.DISMISSED,
        summary="Dismissed.",
        decided_on=decided_on,
        decision_sent_on=sent_on,
    )
    assert refusal.field == field
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.decision) == ("hearing_listed", "")


def test_a_review_application_after_the_28_days_is_recorded_as_late(officer, la_notice):
    appeal = an_appeal(la_notice, stage="decided", decision_sent_on=D("2027-01-05"))
    appeal_record_review_application(
        actor=officer, appeal=appeal, version=1, applied_on=D("2027-02-03")
    )
    (event,) = events(appeal)
    assert event.changes["review_last_day"] == "2027-02-02"
    assert event.changes["in_time"] is False
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.review_applied_on) == ("decided", D("2027-02-03"))


# --- Words for every code and event -------------------------------------------------------------


def test_every_appeal_error_has_a_message_in_both_languages():
    for code in AppealError:
        with translation.override("en-gb"):
            english = error_message(code)
        with translation.override("cy"):
            welsh = error_message(code)
        assert welsh != english, code  # translated once the Welsh catalogue is merged


def test_every_audit_event_has_a_label():
    wanted = {"dispute." + t.event.replace(".", "_", 1) for t in APPEAL_TRANSITIONS} | {
        "dispute.appeal_recorded",
        "dispute.order_recorded",
        "dispute.order_assigned",
        "dispute.order_completed",
    }
    assert wanted <= set(AUDIT_EVENT_LABELS)


# --- The LA's list of open appeals (the dashboard reads it) -------------------------------------


def test_open_appeals_are_the_las_own_not_finished_ones(officer, other_officer, la_notice):
    lodged = an_appeal(la_notice, stage="lodged")
    decided = an_appeal(la_notice, stage="decided", received_on=D("2027-01-06"))
    an_appeal(la_notice, stage="closed")
    an_appeal(la_notice, stage="withdrawn")
    assert open_appeals_for(user=officer) == [lodged, decided]
    assert open_appeals_for(user=other_officer) == []


def test_open_appeals_take_the_same_queries_for_1_or_10(
    officer, la_notice, django_assert_num_queries
):
    an_appeal(la_notice, stage="lodged")
    officer.active_memberships  # noqa: B018 (loaded once per request, before the list)
    with django_assert_num_queries(1):
        appeals = open_appeals_for(user=officer)
        assert [a.learner.full_name for a in appeals] == ["Cai Zebedee-Prys"]
    for _ in range(9):
        an_appeal(la_notice, stage="hearing_listed")
    with django_assert_num_queries(1):
        appeals = open_appeals_for(user=officer)
        assert len({a.case.reference for a in appeals}) == 1
        assert len(appeals) == 10


# --- Withdrawal reasons -------------------------------------------------------------------------


def test_a_withdrawal_keeps_the_reasons_on_the_appeal_and_in_the_audit(officer, la_notice):
    appeal = an_appeal(la_notice, stage="case_statements")
    appeal_withdraw(
        actor=officer,
        appeal=appeal,
        version=1,
        withdrawn_on=D("2027-02-08"),
        reasons="  The family and the LA agreed a revised plan.  ",
    )
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.closed_on, appeal.version) == ("withdrawn", D("2027-02-08"), 2)
    assert appeal.withdrawal_reasons == "The family and the LA agreed a revised plan."
    (event,) = events(appeal)
    assert event.reason == "The family and the LA agreed a revised plan."
    assert event.changes == {
        "stage": ["case_statements", "withdrawn"],
        "withdrawn_on": "2027-02-08",
    }


def test_a_refused_withdrawal_keeps_no_reasons(officer, la_notice):
    appeal = an_appeal(la_notice, stage="decided")
    _refused(
        AppealMoveError.NOT_ALLOWED_NOW,
        appeal_withdraw,
        actor=officer,
        appeal=appeal,
        version=1,
        withdrawn_on=D("2027-02-08"),
        reasons="Too late.",
    )
    appeal.refresh_from_db()
    assert appeal.withdrawal_reasons == ""


def test_appeal_error_messages_are_keyed_by_the_codes_themselves():
    keyed = {key for key in ERROR_MESSAGES if isinstance(key, AppealError)}
    assert keyed == set(AppealError)

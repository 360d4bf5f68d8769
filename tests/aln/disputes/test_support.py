"""Referrals to disagreement resolution (s.68) and advocacy (s.69): who records them, which
provider, what they do to the time to appeal (ETW Regs reg 10; T14), and how they end."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.common.errors import ServiceError
from aln.common.i18n import ERROR_MESSAGES
from aln.disputes.models import SupportReferral
from aln.disputes.selectors.support import appeal_effect, resolution_referred_on
from aln.disputes.services.support import support_record_outcome, support_refer
from aln.domain.disagreements import (
    ActingForProblem,
    CapacityProblem,
    ResolutionOutcome,
    SupportKind,
    SupportProblem,
)
from aln.domain.process import ProcessError
from tests.factories import (
    CaseFactory,
    EnrolmentFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NoticeFactory,
    SupportProviderFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
NOON = datetime.datetime(2026, 12, 15, 12, 0, tzinfo=ZoneInfo("Europe/London"))
# A notice of an LA decision given on Monday 5 October 2026: the 8 weeks end on Sunday 29
# November, so the Tribunal must receive the appeal by Monday 30 November; 16 weeks after a
# timely referral: Monday 25 January 2027.
GIVEN_ON = D(2026, 10, 5)
PERIOD_ENDS = D(2026, 11, 29)
LAST_DAY = D(2026, 11, 30)
EXTENDED_LAST_DAY = D(2027, 1, 25)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def world(authority, school):
    learner = EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner
    case = CaseFactory(learner=learner, local_authority=authority, setting=school)
    return {
        "authority": authority,
        "school": school,
        "learner": learner,
        "case": case,
        "notice": NoticeFactory(
            case=case,
            kind="no_aln",
            given_on=GIVEN_ON,
            rights=["appeal_to_tribunal"],
            appeal_last_day=LAST_DAY,
        ),
        "resolution": SupportProviderFactory(
            local_authority=authority, kind="disagreement_resolution", name_en="SNAP Cymru"
        ),
        "advocacy": SupportProviderFactory(local_authority=authority, kind="independent_advocacy"),
        "officer": MembershipFactory(role="la_aln_officer", local_authority=authority).user,
        "alnco": MembershipFactory(role="alnco", setting=school).user,
    }


def refer(world, **changes):
    values = {
        "actor": world["officer"],
        "learner": world["learner"],
        "kind": SupportKind.DISAGREEMENT_RESOLUTION,
        "provider": world["resolution"],
        "referred_on": D(2026, 11, 9),
        "referred_by_name": "Siân Prys",
        "about": "The family disagree that Cai has no additional learning needs.",
        "notice": world["notice"],
    }
    values.update(changes)
    return support_refer(**values)


def _nothing_written():
    return (
        not SupportReferral.objects.exists()
        and not AuditEvent.objects.filter(event_type__startswith="dispute.").exists()
    )


# --- Recording a referral -----------------------------------------------------------------------


def test_a_referral_is_recorded_on_the_learners_la_with_its_case_and_audit(world):
    referral = refer(world)
    assert referral.local_authority == world["authority"]
    assert referral.case == world["case"]  # from the notice
    assert referral.provider == world["resolution"]
    assert referral.version == 1
    event = AuditEvent.objects.get(event_type="dispute.referral_recorded")
    assert event.subject_id == str(referral.pk)
    assert event.local_authority_id == world["authority"].pk
    assert event.changes["extends_appeal"] is True
    assert event.changes["appeal_last_day"] == EXTENDED_LAST_DAY.isoformat()


@pytest.mark.parametrize(
    ("referred_on", "extends", "last_day"),
    [
        (D(2026, 11, 29), True, EXTENDED_LAST_DAY),  # the last day of the 8 weeks (a Sunday)
        (D(2026, 11, 30), False, LAST_DAY),  # the day after: too late, even before the due day
    ],
    ids=["last-day-of-period", "day-after"],
)
def test_a_referral_extends_the_time_to_appeal_only_before_the_period_ends(
    world, referred_on, extends, last_day
):
    referral = refer(world, referred_on=referred_on)
    effect = appeal_effect(
        kind=SupportKind.DISAGREEMENT_RESOLUTION, notice=referral.notice, referred_on=referred_on
    )
    assert effect is not None
    assert effect.period_ends_on == PERIOD_ENDS
    assert effect.extends is extends
    assert effect.last_day == last_day
    event = AuditEvent.objects.get(event_type="dispute.referral_recorded")
    assert event.changes["extends_appeal"] is extends


def test_advocacy_and_notices_without_an_appeal_right_leave_the_time_to_appeal_alone(world):
    advocacy = refer(world, kind=SupportKind.ADVOCACY, provider=world["advocacy"])
    assert (
        appeal_effect(kind=SupportKind.ADVOCACY, notice=advocacy.notice, referred_on=D(2026, 11, 9))
        is None
    )
    school_notice = NoticeFactory(case=world["case"], rights=["ask_la_to_reconsider"])
    referral = refer(world, notice=school_notice)
    assert (
        appeal_effect(
            kind=SupportKind.DISAGREEMENT_RESOLUTION,
            notice=referral.notice,
            referred_on=D(2026, 11, 9),
        )
        is None
    )
    assert (
        "extends_appeal"
        not in AuditEvent.objects.filter(
            event_type="dispute.referral_recorded", subject_id=str(referral.pk)
        )
        .get()
        .changes
    )


def test_the_appeal_reads_the_earliest_resolution_referral_on_the_notice(world):
    refer(world, kind=SupportKind.ADVOCACY, provider=world["advocacy"], referred_on=D(2026, 10, 20))
    refer(world, referred_on=D(2026, 11, 20))
    refer(world, referred_on=D(2026, 11, 2))
    refer(world, notice=None, referred_on=D(2026, 10, 10))  # not about this notice
    assert resolution_referred_on(notice=world["notice"]) == D(2026, 11, 2)


def test_no_referral_no_extension(world):
    assert resolution_referred_on(notice=world["notice"]) is None


# --- Refusals: nothing written ------------------------------------------------------------------


def test_a_provider_of_the_wrong_kind_is_refused(world):
    with pytest.raises(ServiceError) as refused:
        refer(world, provider=world["advocacy"])  # advocacy provider for disagreement resolution
    assert refused.value.code is SupportProblem.PROVIDER_WRONG_KIND
    assert refused.value.field == "provider"
    assert _nothing_written()


def test_another_las_provider_is_refused(world):
    elsewhere = SupportProviderFactory(
        local_authority=LocalAuthorityFactory(), kind="disagreement_resolution"
    )
    with pytest.raises(ServiceError) as refused:
        refer(world, provider=elsewhere)
    assert refused.value.code is SupportProblem.PROVIDER_NOT_AVAILABLE
    assert _nothing_written()


def test_a_removed_provider_is_refused(world):
    removed = SupportProviderFactory(
        local_authority=world["authority"], kind="disagreement_resolution", is_active=False
    )
    with pytest.raises(ServiceError) as refused:
        refer(world, provider=removed)
    assert refused.value.code is SupportProblem.PROVIDER_NOT_AVAILABLE
    assert _nothing_written()


def test_a_provider_is_required(world):
    with pytest.raises(ServiceError) as refused:
        refer(world, provider=None)
    assert refused.value.code is SupportProblem.PROVIDER_REQUIRED
    assert _nothing_written()


@pytest.mark.parametrize("who", ["alnco", "other_la", "parent"])
def test_only_the_las_deciders_record_referrals(world, who):
    actor = {
        "alnco": lambda: world["alnco"],
        "other_la": lambda: (
            MembershipFactory(role="la_aln_officer", local_authority=LocalAuthorityFactory()).user
        ),
        "parent": lambda: MembershipFactory(role="parent").user,
    }[who]()
    with pytest.raises(ServiceError) as refused:
        refer(world, actor=actor)
    assert refused.value.code is SupportProblem.NOT_YOURS
    assert _nothing_written()


def test_a_notice_about_another_learner_is_refused(world):
    other = NoticeFactory(case=CaseFactory(local_authority=world["authority"]))
    with pytest.raises(ServiceError) as refused:
        refer(world, notice=other)
    assert refused.value.code is SupportProblem.NOT_ABOUT_THIS_LEARNER
    assert _nothing_written()


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"referred_on": D(2026, 12, 16)}, ProcessError.DATE_IN_FUTURE, "referred_on"),
        ({"referred_on": None}, ProcessError.REQUIRED, "referred_on"),
        ({"about": "  "}, ProcessError.REQUIRED, "about"),
        ({"referred_by_name": ""}, ProcessError.REQUIRED, "referred_by_name"),
    ],
)
def test_the_referral_needs_its_facts(world, changes, code, field):
    with pytest.raises(ServiceError) as refused:
        refer(world, **changes)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert _nothing_written()


# --- How it ended -------------------------------------------------------------------------------


def _outcome(world, referral, **changes):
    values = {
        "actor": world["officer"],
        "referral": referral,
        "version": referral.version,
        "outcome": ResolutionOutcome.RESOLVED,
        "outcome_on": D(2026, 12, 10),
        "notes": "Agreed a meeting with the school.",
    }
    values.update(changes)
    return support_record_outcome(**values)


def test_the_outcome_is_recorded_once_with_audit_and_a_new_version(world):
    referral = refer(world)
    _outcome(world, referral)
    referral.refresh_from_db()
    assert referral.outcome == "resolved"
    assert referral.outcome_on == D(2026, 12, 10)
    assert referral.outcome_notes == "Agreed a meeting with the school."
    assert referral.version == 2
    event = AuditEvent.objects.get(event_type="dispute.referral_outcome_recorded")
    assert event.changes["outcome"] == ["", "resolved"]
    with pytest.raises(ServiceError) as refused:
        _outcome(world, referral, outcome=ResolutionOutcome.NOT_RESOLVED)
    assert refused.value.code is SupportProblem.OUTCOME_RECORDED
    referral.refresh_from_db()
    assert referral.outcome == "resolved"


def test_a_stale_version_is_refused_and_nothing_changes(world):
    referral = refer(world)
    with pytest.raises(ServiceError) as refused:
        _outcome(world, referral, version=referral.version + 1)
    assert refused.value.code is SupportProblem.CHANGED_BY_SOMEONE_ELSE
    referral.refresh_from_db()
    assert (referral.outcome, referral.version) == ("", 1)
    assert not AuditEvent.objects.filter(event_type="dispute.referral_outcome_recorded").exists()


def test_the_outcome_cannot_be_before_the_referral(world):
    referral = refer(world)
    with pytest.raises(ServiceError) as refused:
        _outcome(world, referral, outcome_on=D(2026, 11, 8))
    assert (refused.value.code, refused.value.field) == (
        ProcessError.DATE_BEFORE_START,
        "outcome_on",
    )
    referral.refresh_from_db()
    assert referral.outcome == ""


def test_only_the_referrals_la_records_the_outcome(world):
    referral = refer(world)
    with pytest.raises(ServiceError) as refused:
        _outcome(world, referral, actor=world["alnco"])
    assert refused.value.code is SupportProblem.NOT_YOURS
    referral.refresh_from_db()
    assert referral.outcome == ""


def test_support_and_capacity_messages_are_keyed_by_the_codes_themselves():
    codes = (SupportProblem, CapacityProblem, ActingForProblem)
    keyed = {key for key in ERROR_MESSAGES if isinstance(key, codes)}
    assert keyed == {code for enum in codes for code in enum}

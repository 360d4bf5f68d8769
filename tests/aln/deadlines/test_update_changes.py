"""Changing term dates, the LA's clock settings or why a deadline was missed records, in its
audit event, exactly the fields that changed, before and after."""

import datetime

import pytest

from aln.audit.models import AuditEvent
from aln.common.clock import today
from aln.deadlines.services.calendar import calendar_term_update
from aln.deadlines.services.deadlines import deadline_record_missed_reason
from aln.deadlines.services.settings import RuleChoice, clock_settings_update
from aln.domain.deadlines import MissedReason
from tests.factories import CalendarTermFactory, CaseFactory, DeadlineFactory, MembershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def manager(authority):
    return MembershipFactory(role="la_aln_manager", local_authority=authority).user


def _changes(event_type: str) -> dict:
    return AuditEvent.objects.filter(event_type=event_type).latest("id").changes


def test_moving_only_the_start_of_a_term_records_only_the_start(manager, authority):
    term = CalendarTermFactory(
        local_authority=authority, starts_on=D(2026, 9, 1), ends_on=D(2026, 10, 23)
    )
    calendar_term_update(
        actor=manager,
        term_id=term.pk,
        starts_on=D(2026, 9, 2),
        ends_on=D(2026, 10, 23),
        updated_at=term.updated_at.isoformat(),
    )
    assert _changes("calendar.term_changed") == {"starts_on": ["2026-09-01", "2026-09-02"]}


def test_changing_clock_settings_records_each_setting_that_changed(manager, authority):
    clock_settings_update(
        actor=manager,
        local_authority=authority,
        reminder_school_days=3,
        rules={"la-reconsideration": RuleChoice(length=8)},
        version=1,
    )
    assert _changes("clock_settings.changed") == {
        "reminder_school_days": [5, 3],
        "la-reconsideration.length": [None, 8],
    }
    clock_settings_update(
        actor=manager,
        local_authority=authority,
        reminder_school_days=3,
        rules={"la-reconsideration": RuleChoice(length=9)},
        version=2,
    )
    assert _changes("clock_settings.changed") == {"la-reconsideration.length": [8, 9]}


def test_recording_why_a_deadline_was_missed_again_records_only_what_changed(alnco, school):
    case = CaseFactory(learner__home_local_authority=school.local_authority, setting=school)
    deadline = DeadlineFactory(
        case=case, due_on=today() - datetime.timedelta(days=10), started_on=D(2026, 1, 5)
    )
    deadline_record_missed_reason(
        actor=alnco,
        deadline=deadline,
        reason=MissedReason.BEYOND_CONTROL,
        circumstance="The clinic was closed by flooding.",
        version=deadline.version,
    )
    assert _changes("deadline.missed_reason_recorded") == {
        "reason": ["", "beyond_control"],
        "circumstance": ["", "The clinic was closed by flooding."],
    }
    deadline_record_missed_reason(
        actor=alnco,
        deadline=deadline,
        reason=MissedReason.BEYOND_CONTROL,
        circumstance="The clinic was closed by flooding for two weeks.",
        version=deadline.version,
    )
    assert _changes("deadline.missed_reason_recorded") == {
        "circumstance": [
            "The clinic was closed by flooding.",
            "The clinic was closed by flooding for two weeks.",
        ]
    }

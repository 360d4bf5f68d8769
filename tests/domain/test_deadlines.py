"""A deadline's status, the rules for closing it or recording why it was missed, and reminders."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.calendar import CalendarError, CalendarNotKnownError, is_working_day
from aln.domain.deadlines import (
    DeadlineError,
    DeadlineState,
    DeadlineStatus,
    MissedReason,
    check_met,
    check_missed_reason,
    check_reminder_days,
    deadline_status,
    is_missed,
    reminder_on,
)
from tests.domain.test_calendar import CALENDAR

D = datetime.date.fromisoformat
OPEN, MET, CLOSED = DeadlineState.OPEN, DeadlineState.MET, DeadlineState.CLOSED


@pytest.mark.parametrize(
    ("state", "due_on", "met_on", "today", "expected"),
    [
        (OPEN, D("2026-12-01"), None, D("2026-11-30"), DeadlineStatus.DUE),
        (OPEN, D("2026-12-01"), None, D("2026-12-01"), DeadlineStatus.DUE),  # due today: not late
        (OPEN, D("2026-12-01"), None, D("2026-12-02"), DeadlineStatus.OVERDUE),
        (OPEN, None, None, D("2026-12-02"), DeadlineStatus.DATE_UNKNOWN),
        (MET, D("2026-12-01"), D("2026-12-01"), D("2027-01-10"), DeadlineStatus.MET),
        (MET, D("2026-12-01"), D("2026-12-02"), D("2027-01-10"), DeadlineStatus.MET_LATE),
        (MET, None, D("2026-12-02"), D("2027-01-10"), DeadlineStatus.MET),
        (CLOSED, D("2026-12-01"), None, D("2027-01-10"), DeadlineStatus.CLOSED),
    ],
)
def test_status(state, due_on, met_on, today, expected):
    assert deadline_status(state, due_on, met_on, today) is expected


@pytest.mark.parametrize(
    ("state", "met_on", "expected"),
    [
        (OPEN, D("2026-10-01"), None),  # the day the clock started
        (OPEN, D("2026-11-23"), None),  # today
        (OPEN, D("2026-09-30"), DeadlineError.MET_BEFORE_START),
        (OPEN, D("2026-11-24"), DeadlineError.MET_IN_FUTURE),
        (MET, D("2026-11-01"), DeadlineError.NOT_OPEN),
        (CLOSED, D("2026-11-01"), DeadlineError.NOT_OPEN),
    ],
)
def test_check_met(state, met_on, expected):
    assert check_met(state, D("2026-10-01"), met_on, D("2026-11-23")) is expected


def _missed(**overrides):
    values = {
        "due_on": D("2026-11-20"),
        "met_on": None,
        "today": D("2026-11-23"),
        "reason": MissedReason.BEYOND_CONTROL,
        "circumstance": "The health board's report arrived on 19 November.",
    }
    return check_missed_reason(**{**values, **overrides})


def test_a_reason_with_the_circumstance_is_accepted_for_an_overdue_deadline():
    assert _missed() is None


def test_a_reason_is_accepted_for_a_deadline_met_late():
    assert _missed(met_on=D("2026-11-21")) is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"today": D("2026-11-20")}, DeadlineError.NOT_MISSED),  # due today: not missed yet
        ({"met_on": D("2026-11-20")}, DeadlineError.NOT_MISSED),  # done on the last day
        ({"due_on": None}, DeadlineError.NOT_MISSED),  # no due date known
        ({"reason": None}, DeadlineError.REASON_REQUIRED),
        ({"circumstance": "   "}, DeadlineError.CIRCUMSTANCE_REQUIRED),
        ({"circumstance": "x" * 2001}, DeadlineError.CIRCUMSTANCE_TOO_LONG),
    ],
)
def test_a_reason_is_refused(overrides, expected):
    assert _missed(**overrides) is expected


def test_is_missed():
    assert not is_missed(D("2026-11-20"), None, D("2026-11-20"))
    assert is_missed(D("2026-11-20"), None, D("2026-11-21"))
    assert is_missed(D("2026-11-20"), D("2026-11-21"), D("2026-11-21"))
    assert not is_missed(None, None, D("2030-01-01"))


@pytest.mark.parametrize(("days", "ok"), [(0, False), (1, True), (30, True), (31, False)])
def test_reminder_days_range(days, ok):
    assert (check_reminder_days(days) is None) is ok


# Worked examples on the 2026/27 Welsh calendar (half-term 26-30 October 2026).
@pytest.mark.parametrize(
    ("due_on", "n", "expected"),
    [
        (D("2026-11-06"), 4, D("2026-11-02")),  # Fri -> the Monday of the same week
        (D("2026-11-03"), 2, D("2026-10-23")),  # across half-term: Mon 2 Nov, Fri 23 Oct
        (D("2026-11-01"), 1, D("2026-10-23")),  # a Sunday in half-term counts back to Friday
    ],
)
def test_reminder_counts_school_days_back(due_on, n, expected):
    assert reminder_on(due_on, n, CALENDAR) == expected


def test_reminder_without_a_calendar_counts_working_days():
    # 4 January 2027 is a Monday; 1 January is a bank holiday.
    assert reminder_on(D("2027-01-05"), 2, None) == D("2026-12-31")


def test_reminder_before_the_calendar_starts_falls_back_to_working_days():
    # Tue 1 Sep, (Mon 31 Aug is the summer bank holiday), Fri 28 Aug, Thu 27 Aug.
    assert reminder_on(D("2026-09-02"), 3, CALENDAR) == D("2026-08-27")


def test_subtract_school_days_mirrors_add():
    assert CALENDAR.subtract_school_days(D("2026-11-02"), 1) == D("2026-10-23")
    with pytest.raises(CalendarError):
        CALENDAR.subtract_school_days(D("2026-11-02"), 0)
    with pytest.raises(CalendarNotKnownError):
        CALENDAR.subtract_school_days(D("2027-09-01"), 1)  # after the known terms
    with pytest.raises(CalendarNotKnownError):
        CALENDAR.subtract_school_days(D("2026-09-02"), 2)  # only one school day before


@given(
    day=st.dates(D("2026-09-01"), D("2027-07-20")),
    n=st.integers(1, 40),
)
def test_subtract_then_add_round_trips(day, n):
    if CALENDAR.school_days_between(D("2026-08-31"), day) <= n:
        return
    back = CALENDAR.subtract_school_days(day, n)
    assert CALENDAR.is_school_day(back)
    assert back < day
    # Exactly n - 1 school days lie strictly between.
    assert CALENDAR.school_days_between(back, day - datetime.timedelta(days=1)) == n - 1
    # Going back n school days from a school day and forward n again returns to it.
    if CALENDAR.is_school_day(day):
        assert CALENDAR.add_school_days(back, n) == day


@given(due_on=st.dates(D("2020-01-01"), D("2035-12-31")), n=st.integers(1, 30))
def test_reminder_is_before_the_due_date_and_a_working_day(due_on, n):
    day = reminder_on(due_on, n, None)
    assert day < due_on
    assert is_working_day(day)

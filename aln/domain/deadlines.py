"""A statutory deadline's life: open, met (on time or late), missed with a recorded reason.

The clock is never stopped (spec §3.2, §13 rule 2; architecture §3): a deadline that passes stays
overdue until the duty is done, and the owner records *why* it was missed. The law allows a limit
to be missed only where it was "impractical ... due to circumstances beyond [the body's] control"
(ALN (Wales) Regs 2021 regs 10(4), 11(3); Newport CC for the LA's 12 weeks; spec T1, T3, T8, T9)
or, for the LA's 7-week reconsideration, in "exceptional circumstances" (Newport CC; spec T4). Any
other miss is recorded honestly as a miss with no exception.

`reminder_on` decides when the owner is reminded: N school days before the due date on the
institution's calendar (N is an LA setting).
"""

import datetime
from enum import StrEnum

from aln.domain.calendar import CalendarNotKnownError, SchoolCalendar, is_working_day

_ONE_DAY = datetime.timedelta(days=1)
_SUNDAY = 6

# The statutory default is not a legal rule: it is how many school days' warning an owner gets
# before a due date until the LA changes it.
DEFAULT_REMINDER_SCHOOL_DAYS = 5
MAX_REMINDER_SCHOOL_DAYS = 30
# Upper bound on a missed-deadline circumstance, so a pasted document is refused, not truncated.
MAX_CIRCUMSTANCE_LENGTH = 2000


class DeadlineState(StrEnum):
    """What is stored. Overdue and late are worked out from the dates (`deadline_status`)."""

    OPEN = "open"  # the duty is still to be done
    MET = "met"  # done on `met_on` (which may be after the due date)
    CLOSED = "closed"  # the duty fell away (the case ended another way); kept for the record


class DeadlineStatus(StrEnum):
    """What a person sees."""

    DUE = "due"
    OVERDUE = "overdue"
    DATE_UNKNOWN = "date_unknown"  # the calendar does not reach the due date yet
    MET = "met"
    MET_LATE = "met_late"
    CLOSED = "closed"


class MissedReason(StrEnum):
    BEYOND_CONTROL = "beyond_control"  # Regs regs 10(4), 11(3); Newport CC (spec T1, T3, T8, T9)
    EXCEPTIONAL_CIRCUMSTANCES = "exceptional_circumstances"  # Newport CC (spec T4)
    NO_EXCEPTION = "no_exception"  # missed without a lawful exception: recorded, not hidden


class DeadlineError(StrEnum):
    NOT_OPEN = "deadline.not_open"
    MET_BEFORE_START = "deadline.met_before_start"
    MET_IN_FUTURE = "deadline.met_in_future"
    NOT_MISSED = "deadline.not_missed"
    REASON_REQUIRED = "deadline.reason_required"
    CIRCUMSTANCE_REQUIRED = "deadline.circumstance_required"
    CIRCUMSTANCE_TOO_LONG = "deadline.circumstance_too_long"
    CHANGED_BY_SOMEONE_ELSE = "deadline.changed_by_someone_else"
    REMINDER_DAYS_OUT_OF_RANGE = "deadline.reminder_days_out_of_range"


def deadline_status(
    state: DeadlineState,
    due_on: datetime.date | None,
    met_on: datetime.date | None,
    today: datetime.date,
) -> DeadlineStatus:
    """The status a person sees. A deadline is overdue from the day after its due date."""
    state = DeadlineState(state)  # accept the stored string as well as the enum
    if state is DeadlineState.CLOSED:
        return DeadlineStatus.CLOSED
    if state is DeadlineState.MET:
        late = due_on is not None and met_on is not None and met_on > due_on
        return DeadlineStatus.MET_LATE if late else DeadlineStatus.MET
    if due_on is None:
        return DeadlineStatus.DATE_UNKNOWN
    return DeadlineStatus.OVERDUE if today > due_on else DeadlineStatus.DUE


def is_missed(
    due_on: datetime.date | None, met_on: datetime.date | None, today: datetime.date
) -> bool:
    """Whether the limit has been missed: done late, or not done and the due date has passed."""
    if due_on is None:
        return False
    return (met_on or today) > due_on


def check_met(
    state: DeadlineState, started_on: datetime.date, met_on: datetime.date, today: datetime.date
) -> DeadlineError | None:
    """A duty can be marked done once, on a day between its start and today."""
    if DeadlineState(state) is not DeadlineState.OPEN:
        return DeadlineError.NOT_OPEN
    if met_on < started_on:
        return DeadlineError.MET_BEFORE_START
    if met_on > today:
        return DeadlineError.MET_IN_FUTURE
    return None


def check_missed_reason(
    *,
    due_on: datetime.date | None,
    met_on: datetime.date | None,
    today: datetime.date,
    reason: MissedReason | None,
    circumstance: str,
) -> DeadlineError | None:
    """A reason is recorded only for a missed limit, and always with the circumstance in words.

    The circumstance is required for every reason: "beyond our control" means nothing to a parent
    or an inspector without what the circumstance was (spec §13 rule 2).
    """
    if not is_missed(due_on, met_on, today):
        return DeadlineError.NOT_MISSED
    if reason is None:
        return DeadlineError.REASON_REQUIRED
    if not circumstance.strip():
        return DeadlineError.CIRCUMSTANCE_REQUIRED
    if len(circumstance) > MAX_CIRCUMSTANCE_LENGTH:
        return DeadlineError.CIRCUMSTANCE_TOO_LONG
    return None


def check_reminder_days(days: int) -> DeadlineError | None:
    if not 1 <= days <= MAX_REMINDER_SCHOOL_DAYS:
        return DeadlineError.REMINDER_DAYS_OUT_OF_RANGE
    return None


def reminder_on(
    due_on: datetime.date, school_days: int, calendar: SchoolCalendar | None
) -> datetime.date:
    """The day to remind the owner: `school_days` school days before `due_on`.

    Counted on the institution's calendar. Where there is none (an LA's week-based limit with no
    term dates entered) or it does not reach back far enough, working days are counted instead:
    a reminder a little early is better than none. This only times a reminder; it never moves a
    due date.
    """
    if calendar is not None:
        try:
            return calendar.subtract_school_days(due_on, school_days)
        except CalendarNotKnownError:
            pass
    day, remaining = due_on, school_days
    while remaining:
        day -= _ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day


def end_of_week(day: datetime.date) -> datetime.date:
    """The Sunday of `day`'s week (weeks run Monday to Sunday); `day` itself on a Sunday."""
    return day + datetime.timedelta(days=_SUNDAY - day.weekday())


def due_soon_until(
    day: datetime.date, school_days: int, calendar: SchoolCalendar | None
) -> datetime.date:
    """The `school_days`th school day after `day`: "due soon" runs from `day` to this date.

    Counted on the institution's calendar; where it is not known (no term dates, or they do not
    reach far enough) working days are counted instead, the same fallback as reminders
    (`aln.domain.deadlines.reminder_on`): a window a little short is better than none.
    """
    if calendar is not None:
        try:
            return calendar.add_school_days(day, school_days)
        except CalendarNotKnownError:
            pass
    remaining = school_days
    while remaining:
        day += _ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day

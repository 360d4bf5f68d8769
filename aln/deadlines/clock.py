"""Turn a stored deadline into its due date and reminder date, with the LA's settings.

The dates come only from `aln.domain.timelines.due_date` and `aln.domain.deadlines.reminder_on`;
this module gathers their inputs (the right calendar, the LA's values for configurable rules).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from aln.deadlines.calendars import AuthorityCalendars
from aln.deadlines.models import ClockSettings, RuleSetting
from aln.domain.calendar import CalendarNotKnownError
from aln.domain.deadlines import DEFAULT_REMINDER_SCHOOL_DAYS, reminder_on
from aln.domain.timelines import (
    CALENDAR_UNITS,
    TimelineError,
    TimelineErrorCode,
    due_date,
    get_rule,
)


@dataclass
class AuthorityClock:
    """Everything needed to date an LA's deadlines, loaded once (three queries)."""

    local_authority_id: Any
    calendars: AuthorityCalendars
    reminder_school_days: int = DEFAULT_REMINDER_SCHOOL_DAYS
    lengths: dict[str, int] = field(default_factory=dict)
    roll_forward: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def load(cls, local_authority_id: Any) -> "AuthorityClock":
        settings = ClockSettings.objects.filter(local_authority_id=local_authority_id).first()
        clock = cls(
            local_authority_id,
            AuthorityCalendars.load(local_authority_id),
            settings.reminder_school_days if settings else DEFAULT_REMINDER_SCHOOL_DAYS,
        )
        for rule_id, length, roll in RuleSetting.objects.filter(
            local_authority_id=local_authority_id
        ).values_list("rule_id", "length", "roll_forward"):
            if length is not None:
                clock.lengths[rule_id] = length
            if roll is not None:
                clock.roll_forward[rule_id] = roll
        return clock

    def dates(
        self, rule_id: str, started_on: datetime.date, setting_id: Any, *, extended: bool = False
    ) -> tuple[datetime.date | None, datetime.date | None]:
        """(due on, remind on); both None when the calendar does not reach the due date yet."""
        calendar = self.calendars.for_setting(setting_id)
        try:
            due = due_date(
                rule_id,
                started_on,
                calendar if get_rule(rule_id).unit in CALENDAR_UNITS else None,
                length=self.lengths.get(rule_id),
                roll_forward=self.roll_forward.get(rule_id),
                extended=extended,
            )
        except CalendarNotKnownError:
            return None, None
        except TimelineError as error:
            if error.code is not TimelineErrorCode.CALENDAR_REQUIRED:
                raise
            return None, None  # no term dates recorded at all: unknown, never guessed
        return due, reminder_on(due, self.reminder_school_days, calendar)

"""Build `SchoolCalendar`s from the term dates and closures stored for an LA and its settings.

A setting counts on its own terms if it has any (an FEI's term-time days, an independent school),
otherwise on its LA's terms; closures add up (the LA's for all its settings, plus the setting's
own). Bank holidays in Wales come from the domain. One `AuthorityCalendars` loads an LA's rows in
two queries, so recomputing every deadline in an LA builds each calendar once.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from aln.deadlines.models import CalendarClosure, CalendarTerm
from aln.domain.calendar import CalendarError, Closure, SchoolCalendar, Term


@dataclass
class AuthorityCalendars:
    local_authority_id: Any
    _terms: dict[Any, list[Term]] = field(default_factory=dict)
    _closures: dict[Any, list[Closure]] = field(default_factory=dict)
    _built: dict[Any, SchoolCalendar | None] = field(default_factory=dict)

    @classmethod
    def load(cls, local_authority_id: Any) -> "AuthorityCalendars":
        calendars = cls(local_authority_id)
        for setting_id, start, end in CalendarTerm.objects.filter(
            local_authority_id=local_authority_id
        ).values_list("setting_id", "starts_on", "ends_on"):
            calendars._terms.setdefault(setting_id, []).append(Term(start, end))
        for setting_id, start, end, reason in CalendarClosure.objects.filter(
            local_authority_id=local_authority_id
        ).values_list("setting_id", "starts_on", "ends_on", "reason"):
            calendars._closures.setdefault(setting_id, []).append(Closure(start, end, reason))
        return calendars

    def for_setting(self, setting_id: Any = None) -> SchoolCalendar | None:
        """The calendar the setting counts school days on (the LA's with no setting); None when
        no term dates are recorded or they do not make a valid calendar."""
        if setting_id not in self._built:
            self._built[setting_id] = self._build(setting_id)
        return self._built[setting_id]

    def _build(self, setting_id: Any) -> SchoolCalendar | None:
        terms = self._terms.get(setting_id) or self._terms.get(None) or []
        closures = list(self._closures.get(None, []))
        if setting_id is not None:
            closures += self._closures.get(setting_id, [])
        if not terms:
            return None
        try:
            return SchoolCalendar(
                name=str(setting_id or self.local_authority_id),
                terms=tuple(terms),
                closures=tuple(closures),
            )
        except CalendarError:
            return None


def academic_year_of(day: datetime.date) -> int:
    """The year an academic year (1 September to 31 August) starts in."""
    return day.year if day.month >= 9 else day.year - 1

"""Term dates and closures as people see them, scoped to what the user works with.

LA staff see their LA's calendar, and the calendar of any setting in their LA; setting staff see
their own setting's. A setting counts on its own terms if it has any, otherwise on its LA's, plus
the LA's closures and its own (the same rule as `aln.deadlines.calendars`).
"""

import calendar as month_calendar
import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from aln.deadlines.calendars import academic_year_of
from aln.deadlines.models import CalendarClosure, CalendarTerm
from aln.domain.access import Action, role_may
from aln.domain.calendar import CalendarError, Closure, SchoolCalendar, Term
from aln.domain.roles import LA_ROLES
from aln.organisations.models import LocalAuthority, Setting
from aln.organisations.selectors import setting_list_for

# Warn when the recorded terms run out this soon: a 35-school-day limit started in the summer
# term needs the next academic year's dates.
WARN_MONTHS_AHEAD = 9
MIN_ACADEMIC_YEARS = 2


def calendar_manager_authority_ids(*, user: Any) -> set[Any]:
    """LAs whose term dates and closures the user manages (LA ALN managers)."""
    return {
        m.local_authority_id
        for m in user.active_memberships
        if role_may(m.role_enum, Action.CALENDAR_MANAGE) and m.local_authority_id
    }


def calendar_closure_setting_ids(*, user: Any) -> set[Any]:
    """Settings whose own closures the user manages (ALNCo, headteacher, FEI ALN lead)."""
    return {
        m.setting_id
        for m in user.active_memberships
        if role_may(m.role_enum, Action.SETTING_CLOSURE_MANAGE) and m.setting_id
    }


def calendar_manageable_settings_for(*, user: Any) -> QuerySet[Setting]:
    """Settings the user may record a setting's own terms or closures for."""
    return setting_list_for(user=user).filter(
        Q(local_authority_id__in=calendar_manager_authority_ids(user=user))
        | Q(pk__in=calendar_closure_setting_ids(user=user))
    )


def calendar_term_settings_for(*, user: Any) -> QuerySet[Setting]:
    """Settings the user may record a setting's own term dates for (settings in their LA)."""
    return setting_list_for(user=user).filter(
        local_authority_id__in=calendar_manager_authority_ids(user=user)
    )


@dataclass(frozen=True)
class CalendarScope:
    """Whose calendar a page shows: an LA's (setting None), or the one a setting counts on."""

    local_authority: LocalAuthority
    setting: Setting | None = None


def calendar_scope_for(*, user: Any, setting: Setting | None = None) -> CalendarScope | None:
    """The calendar to show: the setting chosen (one the user works with), else the user's LA's
    for LA staff, else their own setting's. None when the user has neither (views answer 404)."""
    if setting is not None:
        if not setting_list_for(user=user).filter(pk=setting.pk).exists():
            return None
        return CalendarScope(setting.local_authority, setting)
    for membership in user.active_memberships:
        if membership.role_enum in LA_ROLES and membership.local_authority is not None:
            return CalendarScope(membership.local_authority)
    first = setting_list_for(user=user).first()
    return CalendarScope(first.local_authority, first) if first is not None else None


@dataclass(frozen=True)
class CalendarEntry:
    """A term or closure as listed. `setting` is None for the LA's own."""

    id: uuid.UUID
    starts_on: datetime.date
    ends_on: datetime.date
    setting: Setting | None
    can_change: bool
    reason: str = ""


@dataclass
class AcademicYear:
    """1 September to 31 August, named by the year it starts in."""

    starts_in: int
    terms: list[CalendarEntry] = field(default_factory=list)
    closures: list[CalendarEntry] = field(default_factory=list)
    school_days: int | None = None

    @property
    def ends_in(self) -> int:
        return self.starts_in + 1


@dataclass(frozen=True)
class CalendarOverview:
    scope: CalendarScope
    years: list[AcademicYear]
    uses_own_terms: bool  # the setting keeps term dates of its own
    recorded_until: datetime.date | None  # the last day of the last term
    runs_out_soon: bool  # fewer than two academic years, or the terms end within nine months


def _months_after(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last_day = month_calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


def _school_days(calendar: SchoolCalendar | None, starts_in: int) -> int | None:
    if calendar is None:
        return None
    after = max(datetime.date(starts_in, 8, 31), calendar.first_known_day - datetime.timedelta(1))
    until = min(datetime.date(starts_in + 1, 8, 31), calendar.last_known_day)
    return calendar.school_days_between(after, until)


def _build_calendar(
    terms: list[CalendarTerm], closures: list[CalendarClosure]
) -> SchoolCalendar | None:
    if not terms:
        return None
    try:
        return SchoolCalendar(
            name="overview",
            terms=tuple(Term(t.starts_on, t.ends_on) for t in terms),
            closures=tuple(Closure(c.starts_on, c.ends_on, c.reason) for c in closures),
        )
    except CalendarError:
        return None  # stored rows are validated on the way in; never fail a page over them


def calendar_overview_for(
    *, user: Any, scope: CalendarScope, today: datetime.date
) -> CalendarOverview:
    """Terms and closures of the scope's calendar grouped by academic year, newest first (2
    queries), with which ones the user may change and the school days in each year."""
    la, setting = scope.local_authority, scope.setting
    setting_id = setting.pk if setting is not None else None
    rows = list(
        CalendarTerm.objects.filter(local_authority=la)
        .filter(Q(setting__isnull=True) | Q(setting_id=setting_id))
        .order_by("starts_on")
    )
    own = [t for t in rows if setting_id is not None and t.setting_id == setting_id]
    terms = own or [t for t in rows if t.setting_id is None]
    closures = list(
        CalendarClosure.objects.filter(local_authority=la)
        .filter(Q(setting__isnull=True) | Q(setting_id=setting_id))
        .order_by("starts_on")
    )
    manages_la = la.pk in calendar_manager_authority_ids(user=user)
    closure_settings = calendar_closure_setting_ids(user=user)

    years: dict[int, AcademicYear] = {}
    for term in terms:
        year = years.setdefault(academic_year_of(term.starts_on), AcademicYear(0))
        year.terms.append(
            CalendarEntry(
                term.pk, term.starts_on, term.ends_on, setting if own else None, manages_la
            )
        )
    for closure in closures:
        year = years.setdefault(academic_year_of(closure.starts_on), AcademicYear(0))
        owner = setting if closure.setting_id is not None else None
        can_change = manages_la or (owner is not None and closure.setting_id in closure_settings)
        year.closures.append(
            CalendarEntry(
                closure.pk, closure.starts_on, closure.ends_on, owner, can_change, closure.reason
            )
        )
    calendar = _build_calendar(terms, closures)
    for starts_in, year in years.items():
        year.starts_in = starts_in
        year.school_days = _school_days(calendar, starts_in) if year.terms else None

    recorded_until = max((t.ends_on for t in terms), default=None)
    years_with_terms = {academic_year_of(t.starts_on) for t in terms}
    runs_out_soon = (
        recorded_until is None
        or recorded_until <= _months_after(today, WARN_MONTHS_AHEAD)
        or len(years_with_terms) < MIN_ACADEMIC_YEARS
    )
    return CalendarOverview(
        scope=scope,
        years=[years[y] for y in sorted(years, reverse=True)],
        uses_own_terms=bool(own),
        recorded_until=recorded_until,
        runs_out_soon=runs_out_soon,
    )


def calendar_term_get_for(*, user: Any, term_id: uuid.UUID) -> CalendarTerm:
    """A term the user may change, or CalendarTerm.DoesNotExist (views answer 404)."""
    return CalendarTerm.objects.select_related("setting", "local_authority").get(
        pk=term_id, local_authority_id__in=calendar_manager_authority_ids(user=user)
    )


def calendar_closure_get_for(*, user: Any, closure_id: uuid.UUID) -> CalendarClosure:
    """A closure the user may remove, or CalendarClosure.DoesNotExist (views answer 404)."""
    return CalendarClosure.objects.select_related("setting", "local_authority").get(
        Q(local_authority_id__in=calendar_manager_authority_ids(user=user))
        | Q(setting_id__in=calendar_closure_setting_ids(user=user)),
        pk=closure_id,
    )

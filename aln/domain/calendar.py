"""School days, term-time days and working days: the calendars the statutory clock counts in.

Two different calendars (style guide §3):

* **School days** (the school's 35-day limit; ALN Code paras 12.12, 12.21 *(secondary)*; spec T1)
  and **term-time days** (an FEI's 35-day limit, Code para 16.16 *(secondary)*, spec T2; the
  FEI's reply to a take-over request, ALN (Wales) Regs 2021 reg 13, spec T10) are counted on a
  per-institution `SchoolCalendar`. A school day is a Monday to Friday inside one of the
  institution's terms that is not a recorded closure, not an extra non-working day and not a bank
  holiday in Wales. The same type serves FEIs: their "term-time days" are counted the same way.
  Spec §3.2: the ALN Code's own definitions of "school day" and "term time day" are UNVERIFIED;
  whether INSET days count is therefore a data decision (record them as closures or not), not a
  rule in this module.
* **Working days** (ALN (Wales) Regs 2021 reg 2(4), spec T18): any day except a Saturday, a Sunday
  or a bank holiday in Wales. Christmas Day and Good Friday are bank holidays in the `holidays`
  package's data for Wales, so they are excluded too. This calendar is the same everywhere.

Bank holidays in Wales come from the `holidays` package (`country_holidays("GB", subdiv="WLS")`),
which follows the Banking and Financial Dealings Act 1971 and royal proclamations. A one-off bank
holiday proclaimed after a due date was computed only moves that date when it is recomputed with
a `holidays` release that knows it.

A `SchoolCalendar` never guesses: a question whose answer depends on a day outside the known terms
raises `CalendarNotKnownError`. Days *between* two known terms are holidays, and are known; to stop
a missing academic year from silently counting as one long holiday, two consecutive terms may not
be more than `LONGEST_HOLIDAY_DAYS` apart.
"""

import bisect
import datetime
import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import holidays

# Longer than any school or FEI holiday (the Welsh summer holiday is about six weeks). A longer gap
# between two terms almost certainly means a missing academic year, which must not be counted as
# holiday. Not a legal rule: a data sanity limit.
LONGEST_HOLIDAY_DAYS = 100

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE_DAY = datetime.timedelta(days=1)
_SATURDAY = 5


class CalendarErrorCode(StrEnum):
    MISSING_FIELD = "calendar.missing_field"
    UNKNOWN_FIELD = "calendar.unknown_field"
    BAD_VALUE = "calendar.bad_value"
    BAD_DATE = "calendar.bad_date"
    NO_TERMS = "calendar.no_terms"
    TERM_ENDS_BEFORE_START = "calendar.term_ends_before_start"
    TERMS_OVERLAP = "calendar.terms_overlap"
    TERMS_TOO_FAR_APART = "calendar.terms_too_far_apart"
    CLOSURE_ENDS_BEFORE_START = "calendar.closure_ends_before_start"
    COUNT_NOT_POSITIVE = "calendar.count_not_positive"
    NOT_KNOWN = "calendar.not_known"


class CalendarError(ValueError):
    """Calendar data (or a count) that cannot be used.

    `code` is stable and is what the interface layer translates; `where` points at the offending
    item (for example ``"terms[2].end"``) so an importer can report the row.
    """

    def __init__(self, code: CalendarErrorCode, where: str = "", value: object = None) -> None:
        super().__init__(f"{code.value} at {where or '-'}: {value!r}")
        self.code = code
        self.where = where
        self.value = value


class CalendarNotKnownError(LookupError):
    """The answer depends on days outside the calendar's known terms. The calendar never guesses."""

    code = CalendarErrorCode.NOT_KNOWN

    def __init__(
        self,
        calendar_name: str,
        asked: datetime.date,
        first_known_day: datetime.date,
        last_known_day: datetime.date,
    ) -> None:
        super().__init__(
            f"{calendar_name!r} has no term dates for {asked.isoformat()}; "
            f"it knows {first_known_day.isoformat()} to {last_known_day.isoformat()}"
        )
        self.calendar_name = calendar_name
        self.asked = asked
        self.first_known_day = first_known_day
        self.last_known_day = last_known_day


# --- Working days ------------------------------------------------------------------------------


@functools.cache
def bank_holidays_in_wales(year: int) -> frozenset[datetime.date]:
    """Bank holidays in Wales in `year`, substitute days included.

    Source: Banking and Financial Dealings Act 1971 Sch. 1 and proclamations, as published in the
    `holidays` package (`country_holidays("GB", subdiv="WLS")`).
    """
    return frozenset(holidays.country_holidays("GB", subdiv="WLS", years=year).keys())


def is_bank_holiday_in_wales(day: datetime.date) -> bool:
    """Whether `day` is a bank holiday in Wales (see `bank_holidays_in_wales`)."""
    return day in bank_holidays_in_wales(day.year)


def is_working_day(day: datetime.date) -> bool:
    """Whether `day` is a working day: not a Saturday, a Sunday or a bank holiday in Wales.

    Source: ALN (Wales) Regs 2021 reg 2(4) (a period whose last day is not a working day is
    extended to the following working day); spec T18.
    """
    return day.weekday() < _SATURDAY and not is_bank_holiday_in_wales(day)


def next_working_day_on_or_after(day: datetime.date) -> datetime.date:
    """`day` itself if it is a working day, otherwise the next working day after it.

    Source: ALN (Wales) Regs 2021 reg 2(4): "the last day of that period is not a working day, the
    period is extended to include the following working day"; spec T18.
    """
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def next_working_day_after(day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`.

    Source: ETW Regs 2021 reg 10 ("the first working day after the expiry of" the appeal period,
    via Nodi 12.07 *(secondary)*); spec T14.
    """
    return next_working_day_on_or_after(day + _ONE_DAY)


# --- School and term-time days -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A term (or FEI term), first and last day inclusive."""

    start: datetime.date
    end: datetime.date


@dataclass(frozen=True, slots=True)
class Closure:
    """Days inside a term when the institution does not meet (INSET, polling day, emergency).

    A closure partly or wholly outside the terms is allowed; the days outside terms are already
    not school days, so that part has no effect.
    """

    start: datetime.date
    end: datetime.date
    reason: str


def _days(start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    day = start
    while day <= end:
        yield day
        day += _ONE_DAY


def _check_terms(terms: Sequence[Term]) -> None:
    if not terms:
        raise CalendarError(CalendarErrorCode.NO_TERMS, "terms")
    for index, term in enumerate(terms):
        if term.end < term.start:
            raise CalendarError(
                CalendarErrorCode.TERM_ENDS_BEFORE_START, f"terms[{index}].end", term.end
            )
    ordered = sorted(terms, key=lambda term: term.start)
    for earlier, later in itertools.pairwise(ordered):
        where = f"terms[{terms.index(later)}].start"
        if later.start <= earlier.end:
            raise CalendarError(CalendarErrorCode.TERMS_OVERLAP, where, later.start)
        if (later.start - earlier.end).days - 1 > LONGEST_HOLIDAY_DAYS:
            raise CalendarError(CalendarErrorCode.TERMS_TOO_FAR_APART, where, later.start)


def _check_closures(closures: Sequence[Closure]) -> None:
    for index, closure in enumerate(closures):
        if closure.end < closure.start:
            raise CalendarError(
                CalendarErrorCode.CLOSURE_ENDS_BEFORE_START, f"closures[{index}].end", closure.end
            )


@dataclass(frozen=True, slots=True)
class SchoolCalendar:
    """One school's (or FEI's) school days, with O(log n) counting.

    A school day (or an FEI's term-time day) is a Monday to Friday inside a term that is not in a
    closure, not one of `extra_non_working_days` and not a bank holiday in Wales. Sources: ALN
    Code paras 12.12, 12.21, 16.16 *(secondary)*; Education (School Day and School Year) (Wales)
    Regulations 2003 reg 4 (schools meet on about 190 days a year); ALN (Wales) Regs 2021 reg 13;
    spec T1, T2, T10 and §3.2.

    The known range is from the first day of the first term to the last day of the last term.
    Terms are kept sorted by start date. Construction validates and raises `CalendarError`.
    """

    name: str
    terms: tuple[Term, ...]
    closures: tuple[Closure, ...] = ()
    extra_non_working_days: frozenset[datetime.date] = frozenset()
    _ordinals: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_terms(self.terms)
        _check_closures(self.closures)
        terms = tuple(sorted(self.terms, key=lambda term: term.start))
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "closures", tuple(self.closures))
        object.__setattr__(self, "extra_non_working_days", frozenset(self.extra_non_working_days))
        # Only the part of a closure inside the known range matters (and a typo'd year 2206
        # must not make construction walk two centuries).
        first, last = terms[0].start, terms[-1].end
        closed = {
            day
            for closure in self.closures
            for day in _days(max(closure.start, first), min(closure.end, last))
        }
        closed |= self.extra_non_working_days
        ordinals = tuple(
            day.toordinal()
            for term in terms
            for day in _days(term.start, term.end)
            if is_working_day(day) and day not in closed
        )
        object.__setattr__(self, "_ordinals", ordinals)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "SchoolCalendar":
        """Build a calendar from plain data (JSON, a form, an import), validating every field.

        ``{"name": str, "terms": [{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}, ...],
        "closures": [{"start": ..., "end": ..., "reason": str}, ...],
        "extra_non_working_days": ["YYYY-MM-DD", ...]}``. `closures` and
        `extra_non_working_days` are optional. Dates may also be `datetime.date` values. Unknown
        keys are refused (a misspelt "closure" must not be silently ignored). Raises
        `CalendarError` with a code and the path of the offending item.
        """
        _check_keys(
            data, "", required={"name", "terms"}, optional={"closures", "extra_non_working_days"}
        )
        name = data["name"]
        if not isinstance(name, str) or not name.strip():
            raise CalendarError(CalendarErrorCode.BAD_VALUE, "name", name)
        terms = tuple(
            Term(_date(item, "start", where), _date(item, "end", where))
            for where, item in _items(data["terms"], "terms", required={"start", "end"})
        )
        closures = tuple(
            Closure(_date(item, "start", where), _date(item, "end", where), _reason(item, where))
            for where, item in _items(
                data.get("closures", []), "closures", required={"start", "end", "reason"}
            )
        )
        extra = data.get("extra_non_working_days", [])
        if not isinstance(extra, list | tuple):
            raise CalendarError(CalendarErrorCode.BAD_VALUE, "extra_non_working_days", extra)
        days = frozenset(
            _parse_date(value, f"extra_non_working_days[{index}]")
            for index, value in enumerate(extra)
        )
        return cls(name=name, terms=terms, closures=closures, extra_non_working_days=days)

    @property
    def first_known_day(self) -> datetime.date:
        """The first day of the first term."""
        return self.terms[0].start

    @property
    def last_known_day(self) -> datetime.date:
        """The last day of the last term: nothing after it is known."""
        return self.terms[-1].end

    @property
    def school_days(self) -> int:
        """How many school (or term-time) days the calendar holds."""
        return len(self._ordinals)

    def knows(self, day: datetime.date) -> bool:
        """Whether `day` is inside the known range, so `is_school_day(day)` has an answer."""
        return self.first_known_day <= day <= self.last_known_day

    def is_school_day(self, day: datetime.date) -> bool:
        """Whether the institution meets on `day` (ALN Code paras 12.12, 16.16; spec §3.2).

        Raises `CalendarNotKnownError` for a day outside the known terms.
        """
        if not self.knows(day):
            raise self._not_known(day)
        ordinal = day.toordinal()
        index = bisect.bisect_left(self._ordinals, ordinal)
        return index < len(self._ordinals) and self._ordinals[index] == ordinal

    def add_school_days(self, start: datetime.date, n: int) -> datetime.date:
        """The `n`th school day strictly after `start` (`start` itself never counts).

        This is how "within N school days" / "N term-time days" is counted (ALN Code paras 12.12,
        16.16 *(secondary)*; ALN (Wales) Regs 2021 reg 13; spec T1, T2, T10). `n` must be at
        least 1: "the 0th school day" is not a limit in any source, and an off-by-one caller should
        fail loudly (`CalendarError` COUNT_NOT_POSITIVE). Raises `CalendarNotKnownError` if the
        days after `start` are not all known: `start` earlier than the day before the first term,
        or fewer than `n` school days left in the known terms.
        """
        if n < 1:
            raise CalendarError(CalendarErrorCode.COUNT_NOT_POSITIVE, "n", n)
        self._check_counts_from(start)
        index = bisect.bisect_right(self._ordinals, start.toordinal()) + n - 1
        if index >= len(self._ordinals):
            raise self._not_known(self.last_known_day + _ONE_DAY)
        return datetime.date.fromordinal(self._ordinals[index])

    def subtract_school_days(self, end: datetime.date, n: int) -> datetime.date:
        """The `n`th school day strictly before `end` (`end` itself never counts).

        Used to remind an owner "N school days before" a due date; the mirror of
        `add_school_days`. Raises `CalendarNotKnownError` if fewer than `n` known school days
        come before `end`, or `end` is after the day following the last term.
        """
        if n < 1:
            raise CalendarError(CalendarErrorCode.COUNT_NOT_POSITIVE, "n", n)
        if end > self.last_known_day + _ONE_DAY:
            raise self._not_known(end - _ONE_DAY)
        index = bisect.bisect_left(self._ordinals, end.toordinal()) - n
        if index < 0:
            raise self._not_known(self.first_known_day - _ONE_DAY)
        return datetime.date.fromordinal(self._ordinals[index])

    def school_days_between(self, a: datetime.date, b: datetime.date) -> int:
        """How many school days `d` there are with ``a < d <= b``; 0 when `b` is not after `a`.

        The inverse of `add_school_days`: ``school_days_between(a, add_school_days(a, n)) == n``.
        Raises `CalendarNotKnownError` if any day in the range is outside the known terms.
        """
        if b <= a:
            return 0
        self._check_counts_from(a)
        if b > self.last_known_day:
            raise self._not_known(b)
        return bisect.bisect_right(self._ordinals, b.toordinal()) - bisect.bisect_right(
            self._ordinals, a.toordinal()
        )

    def _check_counts_from(self, start: datetime.date) -> None:
        # Counting looks at the days after `start`; they are all known only if `start` is no
        # earlier than the day before the first term.
        if start < self.first_known_day - _ONE_DAY:
            raise self._not_known(start + _ONE_DAY)

    def _not_known(self, day: datetime.date) -> CalendarNotKnownError:
        return CalendarNotKnownError(self.name, day, self.first_known_day, self.last_known_day)


# --- Parsing helpers for from_dict --------------------------------------------------------------


def _check_keys(data: object, where: str, *, required: set[str], optional: set[str]) -> None:
    if not isinstance(data, Mapping):
        raise CalendarError(CalendarErrorCode.BAD_VALUE, where or "(calendar)", data)
    prefix = f"{where}." if where else ""
    for key in sorted(required):
        if key not in data:
            raise CalendarError(CalendarErrorCode.MISSING_FIELD, f"{prefix}{key}")
    for key in data:
        if key not in required | optional:
            raise CalendarError(CalendarErrorCode.UNKNOWN_FIELD, f"{prefix}{key}", key)


def _items(
    value: object, where: str, *, required: set[str]
) -> Iterable[tuple[str, Mapping[str, Any]]]:
    if not isinstance(value, list | tuple):
        raise CalendarError(CalendarErrorCode.BAD_VALUE, where, value)
    for index, item in enumerate(value):
        item_where = f"{where}[{index}]"
        _check_keys(item, item_where, required=required, optional=set())
        yield item_where, item


def _date(item: Mapping[str, Any], key: str, where: str) -> datetime.date:
    return _parse_date(item[key], f"{where}.{key}")


def _parse_date(value: object, where: str) -> datetime.date:
    if isinstance(value, datetime.datetime):  # a datetime is a date, but not a calendar day
        raise CalendarError(CalendarErrorCode.BAD_DATE, where, value)
    if isinstance(value, datetime.date):
        return value
    # Python 3.11's fromisoformat also takes "20260901" and week dates: insist on YYYY-MM-DD.
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise CalendarError(CalendarErrorCode.BAD_DATE, where, value)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CalendarError(CalendarErrorCode.BAD_DATE, where, value) from None


def _reason(item: Mapping[str, Any], where: str) -> str:
    reason = item["reason"]
    if not isinstance(reason, str):
        raise CalendarError(CalendarErrorCode.BAD_VALUE, f"{where}.reason", reason)
    return reason

"""School days, term-time days and working days (aln.domain.calendar).

The school calendar is illustrative (plausible Welsh term dates for 2026/27, not any LA's), with
one INSET day recorded as a closure on the first day of the spring term.
"""

import dataclasses
import datetime
import functools
import itertools

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aln.domain.calendar import (
    LONGEST_HOLIDAY_DAYS,
    CalendarError,
    CalendarErrorCode,
    CalendarNotKnownError,
    Closure,
    SchoolCalendar,
    Term,
    bank_holidays_in_wales,
    is_working_day,
    next_working_day_after,
    next_working_day_on_or_after,
)

D = datetime.date.fromisoformat

WALES_2026_27 = {
    "name": "Ysgol Enghraifft 2026/27",
    "terms": [
        {"start": "2026-09-01", "end": "2026-10-23"},  # autumn 1; half-term 26-30 Oct
        {"start": "2026-11-02", "end": "2026-12-18"},  # autumn 2; Christmas 21 Dec - 1 Jan
        {"start": "2027-01-04", "end": "2027-02-12"},  # spring 1; half-term 15-19 Feb
        {"start": "2027-02-22", "end": "2027-03-26"},  # spring 2 (26 Mar is Good Friday)
        {"start": "2027-04-12", "end": "2027-05-28"},  # summer 1 (3 May is May Day)
        {"start": "2027-06-07", "end": "2027-07-20"},  # summer 2
    ],
    "closures": [{"start": "2027-01-04", "end": "2027-01-04", "reason": "INSET day"}],
}
CALENDAR = SchoolCalendar.from_dict(WALES_2026_27)


def _with(**changes):
    return {**WALES_2026_27, **changes}


# --- Building a calendar ------------------------------------------------------------------------


def test_known_range_and_size():
    assert CALENDAR.name == "Ysgol Enghraifft 2026/27"
    assert CALENDAR.first_known_day == D("2026-09-01")
    assert CALENDAR.last_known_day == D("2027-07-20")
    # Every weekday in the six terms, less the three that fall inside a term: Good Friday
    # (26 Mar), May Day (3 May) and the INSET day (4 Jan). Late Summer (31 Aug), Christmas,
    # Easter Monday and Spring Bank Holiday (31 May) all fall in holidays.
    weekdays_in_terms = sum(
        1
        for term in CALENDAR.terms
        for offset in range((term.end - term.start).days + 1)
        if (term.start + datetime.timedelta(days=offset)).weekday() < 5
    )
    assert CALENDAR.school_days == weekdays_in_terms - 3  # Good Friday, May Day, INSET
    assert CALENDAR.school_days == 193


@pytest.mark.parametrize(
    ("changes", "code", "where"),
    [
        ({"name": ""}, CalendarErrorCode.BAD_VALUE, "name"),
        ({"name": 3}, CalendarErrorCode.BAD_VALUE, "name"),
        ({"terms": []}, CalendarErrorCode.NO_TERMS, "terms"),
        ({"terms": "2026-09-01"}, CalendarErrorCode.BAD_VALUE, "terms"),
        ({"terms": [{"start": "2026-09-01"}]}, CalendarErrorCode.MISSING_FIELD, "terms[0].end"),
        (
            {"terms": [{"start": "2026-09-01", "end": "2026-10-23", "reason": "x"}]},
            CalendarErrorCode.UNKNOWN_FIELD,
            "terms[0].reason",
        ),
        (
            {"terms": [{"start": "2026-09-31", "end": "2026-10-23"}]},  # no 31 September
            CalendarErrorCode.BAD_DATE,
            "terms[0].start",
        ),
        (
            {"terms": [{"start": "01/09/2026", "end": "2026-10-23"}]},
            CalendarErrorCode.BAD_DATE,
            "terms[0].start",
        ),
        (
            {"terms": [{"start": "20260901", "end": "2026-10-23"}]},  # ISO basic: refused
            CalendarErrorCode.BAD_DATE,
            "terms[0].start",
        ),
        (
            {"terms": [{"start": datetime.datetime(2026, 9, 1), "end": "2026-10-23"}]},  # noqa: DTZ001
            CalendarErrorCode.BAD_DATE,
            "terms[0].start",
        ),
        (
            {"terms": [{"start": "2026-10-23", "end": "2026-09-01"}]},
            CalendarErrorCode.TERM_ENDS_BEFORE_START,
            "terms[0].end",
        ),
        (
            {
                "terms": [
                    {"start": "2026-09-01", "end": "2026-10-23"},
                    {"start": "2026-10-23", "end": "2026-12-18"},  # shares 23 Oct
                ]
            },
            CalendarErrorCode.TERMS_OVERLAP,
            "terms[1].start",
        ),
        (
            {
                "terms": [
                    {"start": "2026-09-01", "end": "2027-07-20"},
                    {"start": "2028-09-04", "end": "2028-12-15"},  # 2027/28 missing
                ]
            },
            CalendarErrorCode.TERMS_TOO_FAR_APART,
            "terms[1].start",
        ),
        (
            {"closures": [{"start": "2026-10-02", "end": "2026-10-01", "reason": "INSET"}]},
            CalendarErrorCode.CLOSURE_ENDS_BEFORE_START,
            "closures[0].end",
        ),
        (
            {"closures": [{"start": "2026-10-01", "end": "2026-10-01"}]},
            CalendarErrorCode.MISSING_FIELD,
            "closures[0].reason",
        ),
        (
            {"closures": [{"start": "2026-10-01", "end": "2026-10-01", "reason": None}]},
            CalendarErrorCode.BAD_VALUE,
            "closures[0].reason",
        ),
        ({"closures": [["2026-10-01"]]}, CalendarErrorCode.BAD_VALUE, "closures[0]"),
        ({"extra_non_working_days": "2026-10-01"}, CalendarErrorCode.BAD_VALUE, None),
        ({"extra_non_working_days": ["2026-13-01"]}, CalendarErrorCode.BAD_DATE, None),
        ({"closure": []}, CalendarErrorCode.UNKNOWN_FIELD, "closure"),  # misspelt: refused
    ],
)
def test_bad_calendar_data_is_refused_with_a_code_and_where(changes, code, where):
    with pytest.raises(CalendarError) as caught:
        SchoolCalendar.from_dict(_with(**changes))
    assert caught.value.code is code
    if where is not None:
        assert caught.value.where == where


def test_missing_name_and_non_mapping_are_refused():
    with pytest.raises(CalendarError) as caught:
        SchoolCalendar.from_dict({"terms": WALES_2026_27["terms"]})
    assert caught.value.code is CalendarErrorCode.MISSING_FIELD
    with pytest.raises(CalendarError) as caught:
        SchoolCalendar.from_dict(["not", "a", "mapping"])  # type: ignore[arg-type]
    assert caught.value.code is CalendarErrorCode.BAD_VALUE


def test_terms_in_any_order_are_sorted_and_dates_may_be_date_objects():
    shuffled = _with(
        terms=[
            {"start": D("2026-11-02"), "end": D("2026-12-18")},
            {"start": "2026-09-01", "end": "2026-10-23"},
        ],
        closures=[],
    )
    calendar = SchoolCalendar.from_dict(shuffled)
    assert calendar.terms == (
        Term(D("2026-09-01"), D("2026-10-23")),
        Term(D("2026-11-02"), D("2026-12-18")),
    )


def test_a_gap_of_exactly_the_longest_holiday_is_allowed():
    end = D("2027-07-20")
    restart = end + datetime.timedelta(days=LONGEST_HOLIDAY_DAYS + 1)
    calendar = SchoolCalendar(
        "x", (Term(D("2027-06-07"), end), Term(restart, restart + datetime.timedelta(days=6)))
    )
    assert calendar.last_known_day == restart + datetime.timedelta(days=6)


def test_calendar_is_frozen_hashable_and_compares_by_value():
    again = SchoolCalendar.from_dict(WALES_2026_27)
    assert again == CALENDAR
    assert hash(again) == hash(CALENDAR)
    assert len({again, CALENDAR}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        CALENDAR.name = "other"  # type: ignore[misc]


def test_closures_outside_terms_are_allowed_and_change_nothing():
    holiday_closure = {"start": "2026-12-21", "end": "2027-01-01", "reason": "Christmas"}
    calendar = SchoolCalendar.from_dict(
        _with(closures=[*WALES_2026_27["closures"], holiday_closure])
    )
    assert calendar.school_days == CALENDAR.school_days


def test_a_closure_far_outside_the_terms_is_cheap_and_harmless():
    calendar = SchoolCalendar.from_dict(
        _with(closures=[{"start": "0001-01-01", "end": "9999-12-31", "reason": "typo"}])
    )
    assert calendar.school_days == 0
    assert not calendar.is_school_day(D("2026-09-01"))


def test_extra_non_working_days_are_not_school_days():
    calendar = SchoolCalendar.from_dict(
        _with(extra_non_working_days=["2026-10-01", "2027-12-01"])  # second is outside terms
    )
    assert not calendar.is_school_day(D("2026-10-01"))
    assert calendar.school_days == CALENDAR.school_days - 1


# --- Asking questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-09-01", True),  # first day of term (Tue)
        ("2026-09-05", False),  # Saturday
        ("2026-10-23", True),  # last day before half-term
        ("2026-10-26", False),  # half-term
        ("2026-12-18", True),
        ("2026-12-25", False),  # Christmas holiday (and Christmas Day)
        ("2027-01-04", False),  # INSET closure
        ("2027-01-05", True),
        ("2027-03-26", False),  # Good Friday, a bank holiday, on the last day of term
        ("2027-03-29", False),  # Easter Monday, in the Easter holiday anyway
        ("2027-05-03", False),  # May Day bank holiday inside the summer term
        ("2027-05-04", True),
        ("2027-07-20", True),  # last known day
    ],
)
def test_is_school_day(day, expected):
    assert CALENDAR.is_school_day(D(day)) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-08-31", 1, "2026-09-01"),  # the day before the first term may be a start
        ("2026-09-01", 1, "2026-09-02"),  # the start day itself never counts
        ("2026-10-23", 1, "2026-11-02"),  # half-term skipped
        ("2026-10-24", 1, "2026-11-02"),  # a start in the holiday: next school day
        ("2026-12-18", 1, "2027-01-05"),  # Christmas holiday and the INSET day skipped
        ("2027-03-25", 1, "2027-04-12"),  # Good Friday and the Easter holiday skipped
        ("2027-04-30", 1, "2027-05-04"),  # May Day skipped
        ("2027-07-19", 1, "2027-07-20"),  # the last known day
    ],
)
def test_add_school_days(start, n, expected):
    assert CALENDAR.add_school_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2026-09-01", "2026-09-01", 0),
        ("2026-09-02", "2026-09-01", 0),  # reversed: 0, never negative
        ("2020-01-01", "2019-01-01", 0),  # reversed and unknown: still 0
        ("2026-08-31", "2026-09-04", 4),  # Tue-Fri of the first week
        ("2026-10-23", "2026-11-02", 1),  # only 2 Nov: the half-term does not count
        ("2026-12-18", "2027-01-05", 1),  # only 5 Jan
        ("2026-08-31", "2027-07-20", 193),  # the whole year
    ],
)
def test_school_days_between(a, b, expected):
    assert CALENDAR.school_days_between(D(a), D(b)) == expected


def test_zero_or_negative_counts_are_refused():
    for n in (0, -1):
        with pytest.raises(CalendarError) as caught:
            CALENDAR.add_school_days(D("2026-09-01"), n)
        assert caught.value.code is CalendarErrorCode.COUNT_NOT_POSITIVE


@pytest.mark.parametrize(
    "ask",
    [
        lambda c: c.is_school_day(D("2027-07-21")),  # after the last term
        lambda c: c.is_school_day(D("2026-08-31")),  # before the first term
        lambda c: c.add_school_days(D("2027-07-20"), 1),  # nothing after the last day
        lambda c: c.add_school_days(D("2027-07-01"), 35),  # runs off the end
        lambda c: c.add_school_days(D("2026-08-30"), 1),  # 31 Aug is unknown
        lambda c: c.school_days_between(D("2026-08-30"), D("2026-09-10")),
        lambda c: c.school_days_between(D("2027-07-01"), D("2027-07-21")),
    ],
)
def test_asking_beyond_the_calendar_raises_and_never_guesses(ask):
    with pytest.raises(CalendarNotKnownError) as caught:
        ask(CALENDAR)
    error = caught.value
    assert error.code is CalendarErrorCode.NOT_KNOWN
    assert error.calendar_name == "Ysgol Enghraifft 2026/27"
    assert error.last_known_day == D("2027-07-20")
    assert error.first_known_day == D("2026-09-01")
    assert "Ysgol Enghraifft 2026/27" in str(error)
    assert "2027-07-20" in str(error)


def test_running_off_the_end_reports_the_first_unknown_day():
    with pytest.raises(CalendarNotKnownError) as caught:
        CALENDAR.add_school_days(D("2027-07-01"), 35)
    assert caught.value.asked == D("2027-07-21")


# --- Working days (ALN (Wales) Regs 2021 reg 2(4)) ----------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-12-24", True),  # Christmas Eve is a working day
        ("2026-12-25", False),  # Christmas Day (Friday)
        ("2026-12-26", False),  # Saturday (Boxing Day)
        ("2026-12-28", False),  # Boxing Day substitute (Monday)
        ("2026-12-29", True),
        ("2027-01-01", False),  # New Year's Day
        ("2027-03-26", False),  # Good Friday
        ("2027-03-29", False),  # Easter Monday: a bank holiday in Wales (not in Scotland)
        ("2027-05-03", False),  # May Day
        ("2027-05-31", False),  # Spring Bank Holiday
        ("2027-08-30", False),  # Summer Bank Holiday
        ("2027-08-31", True),
        ("2027-12-27", False),  # Christmas Day substitute
        ("2027-12-28", False),  # Boxing Day substitute
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(D(day)) is expected


@pytest.mark.parametrize(
    ("day", "on_or_after", "after"),
    [
        ("2026-12-24", "2026-12-24", "2026-12-29"),
        ("2026-12-25", "2026-12-29", "2026-12-29"),
        ("2027-03-26", "2027-03-30", "2027-03-30"),
        ("2027-03-25", "2027-03-25", "2027-03-30"),
        ("2027-12-24", "2027-12-24", "2027-12-29"),
    ],
)
def test_next_working_day(day, on_or_after, after):
    assert next_working_day_on_or_after(D(day)) == D(on_or_after)
    assert next_working_day_after(D(day)) == D(after)


def test_bank_holidays_come_from_the_holidays_package_for_wales():
    assert D("2027-03-29") in bank_holidays_in_wales(2027)  # Easter Monday
    assert D("2026-01-02") not in bank_holidays_in_wales(2026)  # 2 January: Scotland only


# --- Properties ---------------------------------------------------------------------------------


@functools.cache
def _wales_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="WLS", years=year))


@st.composite
def calendars(draw):
    """A random but valid calendar: terms with holidays between, closures and extra days."""
    day = datetime.date(2026, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 700)))
    terms = []
    for _ in range(draw(st.integers(1, 6))):
        length = draw(st.integers(0, 70))
        terms.append(Term(day, day + datetime.timedelta(days=length)))
        day += datetime.timedelta(days=length + 1 + draw(st.integers(0, LONGEST_HOLIDAY_DAYS)))
    first, last = terms[0].start, terms[-1].end
    span = (last - first).days
    days_in = st.integers(-10, span + 10).map(lambda offset: first + datetime.timedelta(offset))
    closures = [
        Closure(start, start + datetime.timedelta(days=draw(st.integers(0, 5))), "closed")
        for start in draw(st.lists(days_in, max_size=4))
    ]
    extra = frozenset(draw(st.lists(days_in, max_size=4)))
    order = draw(st.permutations(terms))  # any order in, sorted out
    return SchoolCalendar("random", tuple(order), tuple(closures), extra)


def _oracle(calendar, day):
    """The definition, spelt out naively."""
    return (
        day.weekday() < 5
        and any(term.start <= day <= term.end for term in calendar.terms)
        and not any(closure.start <= day <= closure.end for closure in calendar.closures)
        and day not in calendar.extra_non_working_days
        and day not in _wales_holidays(day.year)
    )


@settings(max_examples=50)  # each example checks every day of a random calendar
@given(calendar=calendars())
def test_is_school_day_matches_the_definition_on_every_known_day(calendar):
    span = (calendar.last_known_day - calendar.first_known_day).days
    known = [calendar.first_known_day + datetime.timedelta(days=i) for i in range(span + 1)]
    assert [calendar.is_school_day(day) for day in known] == [
        _oracle(calendar, day) for day in known
    ]
    assert calendar.school_days == sum(_oracle(calendar, day) for day in known)
    assert all(earlier.end < later.start for earlier, later in itertools.pairwise(calendar.terms))


@settings(max_examples=50)
@given(calendar=calendars(), data=st.data())
def test_add_then_count_round_trips(calendar, data):
    if calendar.school_days == 0:
        return
    start = calendar.first_known_day + datetime.timedelta(
        days=data.draw(st.integers(-1, (calendar.last_known_day - calendar.first_known_day).days))
    )
    available = calendar.school_days_between(start, calendar.last_known_day)
    if available == 0:
        with pytest.raises(CalendarNotKnownError):
            calendar.add_school_days(start, 1)
        return
    n = data.draw(st.integers(1, available))
    result = calendar.add_school_days(start, n)
    assert result > start
    assert calendar.is_school_day(result)
    assert calendar.school_days_between(start, result) == n
    # It is the nth, not a later one: the day before has only n - 1 after `start`.
    assert calendar.school_days_between(start, result - datetime.timedelta(days=1)) == n - 1
    with pytest.raises(CalendarNotKnownError):
        calendar.add_school_days(start, available + 1)


@given(day=st.dates(datetime.date(2026, 9, 1), datetime.date(2027, 7, 20)), n=st.integers(1, 60))
def test_school_day_results_are_school_days_in_the_welsh_calendar(day, n):
    try:
        result = CALENDAR.add_school_days(day, n)
    except CalendarNotKnownError:
        assert CALENDAR.school_days_between(day, CALENDAR.last_known_day) < n
        return
    assert CALENDAR.is_school_day(result)
    assert CALENDAR.school_days_between(day, result) == n


@given(
    day=st.one_of(
        st.dates(datetime.date(2000, 1, 1), datetime.date(2026, 8, 31)),
        st.dates(datetime.date(2027, 7, 21), datetime.date(2099, 12, 31)),
    )
)
def test_any_day_outside_the_terms_raises(day):
    with pytest.raises(CalendarNotKnownError):
        CALENDAR.is_school_day(day)


@given(day=st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)))
def test_next_working_day_is_a_working_day_and_skips_only_non_working_days(day):
    result = next_working_day_on_or_after(day)
    assert is_working_day(result)
    assert result >= day
    assert (result - day).days <= 4  # the longest run: Christmas on a Saturday
    skipped = [day + datetime.timedelta(days=i) for i in range((result - day).days)]
    assert not any(is_working_day(d) for d in skipped)
    assert next_working_day_after(day) > day

"""Statutory time limits (aln.domain.timelines): worked examples for every rule, then properties.

Calendars are illustrative (plausible Welsh term dates for 2026/27, not any LA's or college's).
Weekdays and bank holidays in Wales are given in the comments.
"""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain import timelines
from aln.domain.calendar import (
    CalendarNotKnownError,
    SchoolCalendar,
    is_working_day,
)
from aln.domain.timelines import (
    CALENDAR_UNITS,
    RULES,
    DueOn,
    TimelineError,
    TimelineErrorCode,
    Unit,
    due_date,
    get_rule,
    months_period_end,
)
from tests.domain.test_calendar import CALENDAR as SCHOOL

D = datetime.date.fromisoformat

FEI = SchoolCalendar.from_dict(
    {
        "name": "Coleg Enghraifft 2026/27",
        "terms": [
            {"start": "2026-09-07", "end": "2026-10-23"},
            {"start": "2026-11-02", "end": "2026-12-18"},
            {"start": "2027-01-04", "end": "2027-02-12"},
            {"start": "2027-02-22", "end": "2027-03-26"},
            {"start": "2027-04-12", "end": "2027-05-28"},
            {"start": "2027-06-07", "end": "2027-07-02"},
        ],
        "closures": [],
    }
)

ISSUE_RULE_IDS = {
    "school-decision",
    "fei-decision",
    "la-decision",
    "la-reconsideration",
    "young-person-necessity",
    "nhs-response",
    "cease-reconsideration-request",
    "fei-takeover-response",
    "idp-review",
    "etw-appeal",
    "etw-appeal-extended",
    "etw-review",
}

# (rule id, trigger day, calendar, due day): the arithmetic is in the comment; the test id
# carries the source.
WORKED_EXAMPLES = [
    pytest.param(
        "school-decision",
        "2026-11-02",
        SCHOOL,
        "2027-01-05",
        # School days after Mon 2 Nov: 3-6 Nov (4), then five full weeks to 11 Dec (29), 14-18 Dec
        # (34); Christmas holiday skipped; Mon 4 Jan is the INSET closure; Tue 5 Jan is the 35th.
        id="school-decision: Code 12.12 (spec T1), Christmas and INSET skipped",
    ),
    pytest.param(
        "school-decision",
        "2027-03-01",
        SCHOOL,
        "2027-05-05",
        # 2-5 Mar (4), 8-12 (9), 15-19 (14), 22-25 (18; Fri 26 Mar is Good Friday), Easter holiday
        # skipped, 12-16 Apr (23), 19-23 (28), 26-30 (33), Mon 3 May is May Day, Tue 4 (34),
        # Wed 5 May is the 35th.
        id="school-decision: Code 12.12 (spec T1), Good Friday and May Day skipped",
    ),
    pytest.param(
        "school-decision",
        "2026-10-20",
        SCHOOL,
        "2026-12-15",
        # 21-23 Oct (3), half-term 26-30 Oct skipped, 2 Nov-11 Dec (3 + 30 = 33), 14, 15 Dec.
        id="school-decision: Code 12.12 (spec T1), half-term skipped",
    ),
    pytest.param(
        "fei-decision",
        "2026-09-14",
        FEI,
        "2026-11-09",
        # Term-time days after Mon 14 Sep: 15-18 Sep (4), five full weeks to 23 Oct (29),
        # half-term, 2-6 Nov (34), Mon 9 Nov is the 35th.
        id="fei-decision: Code 16.16 (spec T2)",
    ),
    pytest.param(
        "fei-takeover-response",
        "2026-12-09",
        FEI,
        "2027-01-20",
        # After Wed 9 Dec: 10-11 Dec (2), 14-18 Dec (7), holiday, 4-8 Jan (12), 11-15 Jan (17),
        # 18, 19, Wed 20 Jan is the 20th.
        id="fei-takeover-response: Regs reg 13 (spec T10)",
    ),
    pytest.param(
        "la-decision",
        "2026-11-02",
        None,
        "2027-01-25",
        # 12 weeks beginning with the day after Mon 2 Nov 2026: 2 Nov + 84 days = Mon 25 Jan 2027,
        # a working day. Holidays are not excluded from weeks.
        id="la-decision: Code 11.17 (spec T3), 12 weeks to a Monday",
    ),
    pytest.param(
        "la-decision",
        "2026-10-02",
        None,
        "2026-12-29",
        # Fri 2 Oct + 84 = Fri 25 Dec (Christmas Day); Sat, Sun, Mon 28 Dec (Boxing Day
        # substitute) are not working days: Tue 29 Dec. Reg 2(4) applied (spec T18 default).
        id="la-decision: Code 11.17 + Regs reg 2(4) (spec T3, T18), rolls past Christmas",
    ),
    pytest.param(
        "la-reconsideration",
        "2026-11-04",
        None,
        "2026-12-23",
        # 7 weeks (UNVERIFIED default) beginning the day after Wed 4 Nov: + 49 = Wed 23 Dec.
        id="la-reconsideration: Act s.26, Newport CC (spec T4)",
    ),
    pytest.param(
        "la-idp-reconsideration",
        "2026-11-04",
        None,
        "2026-12-23",
        id="la-idp-reconsideration: Act s.27 (spec T5, UNVERIFIED 7 weeks)",
    ),
    pytest.param(
        "la-takeover-decision",
        "2026-11-04",
        None,
        "2026-12-23",
        id="la-takeover-decision: Act s.28 (spec T6, UNVERIFIED 7 weeks)",
    ),
    pytest.param(
        "la-cease-reconsideration",
        "2026-11-06",
        None,
        "2026-12-29",
        # 7 weeks (UNVERIFIED default) beginning the day after Fri 6 Nov: + 49 = Fri 25 Dec
        # (Christmas Day); Sat, Sun, Mon 28 Dec (Boxing Day substitute) are not working days.
        id="la-cease-reconsideration: Act s.32 (spec T7, UNVERIFIED 7 weeks), rolls past Christmas",
    ),
    pytest.param(
        "young-person-necessity",
        "2027-02-08",
        None,
        "2027-05-04",
        # Consent Mon 8 Feb 2027 + 84 = Mon 3 May 2027, May Day bank holiday: Tue 4 May.
        id="young-person-necessity: Regs reg 10(3) + reg 2(4) (spec T8), rolls past May Day",
    ),
    pytest.param(
        "young-person-necessity",
        "2026-11-02",
        None,
        "2027-01-25",
        id="young-person-necessity: Regs reg 10(3) (spec T8)",
    ),
    pytest.param(
        "nhs-response",
        "2026-11-13",
        None,
        "2026-12-29",
        # Referral received Fri 13 Nov + 42 = Fri 25 Dec; Sat, Sun, Mon 28 Dec (substitute):
        # Tue 29 Dec.
        id="nhs-response: Regs reg 11 + reg 2(4) (spec T9), rolls past Christmas",
    ),
    pytest.param(
        "nhs-response",
        "2027-01-05",
        None,
        "2027-02-16",
        # Tue 5 Jan + 42 = Tue 16 Feb.
        id="nhs-response: Regs reg 11 (spec T9)",
    ),
    pytest.param(
        "cease-reconsideration-request",
        "2027-03-01",
        None,
        "2027-03-30",
        # Notifications Mon 1 Mar + 28 = Mon 29 Mar, Easter Monday: Tue 30 Mar.
        id="cease-reconsideration-request: Regs reg 12 + reg 2(4) (spec T7), Easter Monday",
    ),
    pytest.param(
        "cease-reconsideration-request",
        "2026-11-03",
        None,
        "2026-12-01",
        id="cease-reconsideration-request: Regs reg 12 (spec T7)",
    ),
    pytest.param(
        "idp-review",
        "2026-09-15",
        None,
        "2027-09-14",
        # The 12-month period beginning on 15 Sep 2026 ends on 14 Sep 2027.
        id="idp-review: Act s.23 (spec T11)",
    ),
    pytest.param(
        "idp-review",
        "2028-02-29",
        None,
        "2029-02-28",
        # Beginning 29 Feb 2028: no 29 Feb 2029, so the period runs to the end of February.
        id="idp-review: Act s.23 (spec T11), begins on 29 February",
    ),
    pytest.param(
        "idp-review",
        "2027-03-01",
        None,
        "2028-02-29",
        # Beginning 1 Mar 2027: ends the day before 1 Mar 2028, i.e. 29 Feb 2028 (leap year).
        id="idp-review: Act s.23 (spec T11), ends on 29 February",
    ),
    pytest.param(
        "idp-review",
        "2026-10-12",
        None,
        "2027-10-11",
        # No roll-forward for the review period: Mon 11 Oct 2027 here, but see the Sunday case.
        id="idp-review: Act s.23 (spec T11), ordinary",
    ),
    pytest.param(
        "idp-review",
        "2026-09-13",
        None,
        "2027-09-12",
        # Sun 12 Sep 2027 stays: s.23 is an Act period, reg 2(4) does not extend it.
        id="idp-review: Act s.23 (spec T11), last day a Sunday, not rolled",
    ),
    pytest.param(
        "etw-appeal",
        "2027-02-01",
        None,
        "2027-03-30",
        # 8 weeks beginning WITH Mon 1 Feb 2027 expire at the end of Sun 28 Mar (1 Feb + 55);
        # Mon 29 Mar is Easter Monday, so the first working day after expiry is Tue 30 Mar.
        id="etw-appeal: ETW Regs reg 10 via Nodi 12.07 (spec T14)",
    ),
    pytest.param(
        "etw-appeal",
        "2026-11-04",
        None,
        "2026-12-30",
        # Wed 4 Nov + 55 = Tue 29 Dec (expiry, a working day); the appeal may be received on
        # the first working day AFTER expiry: Wed 30 Dec.
        id="etw-appeal: ETW Regs reg 10 (spec T14), day after expiry",
    ),
    pytest.param(
        "etw-appeal-extended",
        "2027-02-01",
        None,
        "2027-05-24",
        # 16 weeks beginning with Mon 1 Feb expire Sun 23 May (1 Feb + 111): Mon 24 May.
        id="etw-appeal-extended: ETW Regs reg 10, Act s.68 referral (spec T14)",
    ),
    pytest.param(
        "etw-review",
        "2026-12-03",
        None,
        "2026-12-31",
        # Decision sent Thu 3 Dec + 28 days = Thu 31 Dec.
        id="etw-review: ETW Regs reg 53(2)(b) (spec T15)",
    ),
    pytest.param(
        "etw-review",
        "2026-12-04",
        None,
        "2027-01-04",
        # Fri 4 Dec + 28 = Fri 1 Jan 2027 (New Year's Day): rolled to Mon 4 Jan (assumption).
        id="etw-review: ETW Regs reg 53(2)(b) (spec T15), rolled (assumption)",
    ),
]


@pytest.mark.parametrize(("rule_id", "start", "calendar", "expected"), WORKED_EXAMPLES)
def test_worked_examples(rule_id, start, calendar, expected):
    assert due_date(rule_id, D(start), calendar) == D(expected)


def test_every_rule_has_a_worked_example():
    assert {param.values[0] for param in WORKED_EXAMPLES} == set(RULES)


# --- The rules as data --------------------------------------------------------------------------


def test_the_issue_rule_ids_all_exist():
    assert set(RULES) >= ISSUE_RULE_IDS


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.id)
def test_rule_data_is_consistent(rule):
    assert RULES[rule.id] is rule
    assert get_rule(rule.id) is rule
    assert rule.length >= 1
    assert rule.default_length == rule.length
    assert "spec T" in rule.source
    assert rule.starts_on_description
    # A rule resting on an UNVERIFIED fact is an LA setting (spec §0, how-to step 5), and only
    # such rules are.
    unverified = "UNVERIFIED" in rule.source
    assert unverified is (rule.configurable or rule.roll_forward_configurable)


def test_configurable_rules_are_those_the_spec_marks_unverified():
    assert {rule.id for rule in RULES.values() if rule.configurable} == {
        "la-reconsideration",  # T4
        "la-idp-reconsideration",  # T5
        "la-takeover-decision",  # T6
        "la-cease-reconsideration",  # T7
    }
    assert {rule.id for rule in RULES.values() if rule.roll_forward_configurable} == {
        "la-decision",  # T18: reg 2(4) for Code limits
        "la-reconsideration",
        "la-idp-reconsideration",
        "la-takeover-decision",
        "la-cease-reconsideration",
        "etw-review",  # T15: ETW Regs own computation of time not seen
    }


@pytest.mark.parametrize(
    ("rule_id", "unit", "length"),
    [
        ("school-decision", Unit.SCHOOL_DAYS, 35),
        ("fei-decision", Unit.TERM_TIME_DAYS, 35),
        ("la-decision", Unit.WEEKS, 12),
        ("la-reconsideration", Unit.WEEKS, 7),
        ("young-person-necessity", Unit.WEEKS, 12),
        ("nhs-response", Unit.WEEKS, 6),
        ("cease-reconsideration-request", Unit.WEEKS, 4),
        ("fei-takeover-response", Unit.TERM_TIME_DAYS, 20),
        ("idp-review", Unit.MONTHS, 12),
        ("etw-appeal", Unit.WEEKS, 8),
        ("etw-appeal-extended", Unit.WEEKS, 16),
        ("etw-review", Unit.DAYS, 28),
    ],
)
def test_rule_lengths_and_units_match_the_spec(rule_id, unit, length):
    assert (RULES[rule_id].unit, RULES[rule_id].length) == (unit, length)


# --- Options and errors -------------------------------------------------------------------------


def test_an_la_may_set_its_own_length_for_a_configurable_rule():
    # 6 weeks beginning the day after Wed 4 Nov: + 42 = Wed 16 Dec.
    assert due_date("la-reconsideration", D("2026-11-04"), length=6) == D("2026-12-16")


def test_a_statutory_length_cannot_be_changed_but_may_be_restated():
    with pytest.raises(TimelineError) as caught:
        due_date("nhs-response", D("2026-11-04"), length=8)
    assert caught.value.code is TimelineErrorCode.LENGTH_NOT_CONFIGURABLE
    assert caught.value.rule_id == "nhs-response"
    assert due_date("nhs-response", D("2027-01-05"), length=6) == D("2027-02-16")


def test_a_configured_length_must_be_positive():
    with pytest.raises(TimelineError) as caught:
        due_date("la-reconsideration", D("2026-11-04"), length=0)
    assert caught.value.code is TimelineErrorCode.LENGTH_NOT_POSITIVE


def test_an_la_may_switch_off_roll_forward_for_code_limits():
    # Fri 2 Oct + 84 = Fri 25 Dec 2026: kept when the LA decides reg 2(4) does not reach the Code.
    assert due_date("la-decision", D("2026-10-02"), roll_forward=False) == D("2026-12-25")
    # Fri 4 Dec + 28 = Fri 1 Jan 2027.
    assert due_date("etw-review", D("2026-12-04"), roll_forward=False) == D("2027-01-01")


def test_roll_forward_under_the_regs_cannot_be_switched_off():
    with pytest.raises(TimelineError) as caught:
        due_date("nhs-response", D("2026-11-13"), roll_forward=False)
    assert caught.value.code is TimelineErrorCode.ROLL_FORWARD_NOT_CONFIGURABLE
    assert due_date("nhs-response", D("2026-11-13"), roll_forward=True) == D("2026-12-29")


def test_extended_etw_appeal_is_the_extended_rule():
    for start in ("2027-02-01", "2026-09-07", "2026-12-21"):
        assert due_date("etw-appeal", D(start), extended=True) == due_date(
            "etw-appeal-extended", D(start)
        )


@pytest.mark.parametrize("rule_id", ["la-decision", "etw-appeal-extended", "school-decision"])
def test_only_the_etw_appeal_can_be_extended(rule_id):
    with pytest.raises(TimelineError) as caught:
        due_date(rule_id, D("2026-11-02"), SCHOOL, extended=True)
    assert caught.value.code is TimelineErrorCode.NOT_EXTENDABLE


@pytest.mark.parametrize("rule_id", ["school-decision", "fei-decision", "fei-takeover-response"])
def test_school_day_rules_need_a_calendar(rule_id):
    with pytest.raises(TimelineError) as caught:
        due_date(rule_id, D("2026-11-02"))
    assert caught.value.code is TimelineErrorCode.CALENDAR_REQUIRED


def test_unknown_rule():
    with pytest.raises(TimelineError) as caught:
        due_date("la-decison", D("2026-11-02"))
    assert caught.value.code is TimelineErrorCode.UNKNOWN_RULE


def test_a_school_day_limit_beyond_the_calendar_raises():
    # 35 school days after 1 Jul 2027 need the 2027/28 calendar, which is not loaded.
    with pytest.raises(CalendarNotKnownError) as caught:
        due_date("school-decision", D("2027-07-01"), SCHOOL)
    assert caught.value.last_known_day == D("2027-07-20")


def test_a_calendar_is_ignored_by_calendar_time_rules():
    assert due_date("la-decision", D("2026-11-02"), SCHOOL) == D("2027-01-25")


@pytest.mark.parametrize(
    ("first", "months", "last"),
    [
        ("2026-09-15", 12, "2027-09-14"),
        ("2028-02-29", 12, "2029-02-28"),
        ("2027-03-01", 12, "2028-02-29"),
        ("2027-01-31", 1, "2027-02-28"),  # no 31 Feb: to the end of February
        ("2028-01-30", 1, "2028-02-29"),
        ("2026-12-01", 1, "2026-12-31"),
        ("2026-11-15", 2, "2027-01-14"),  # across the year end
        ("2026-01-01", 24, "2027-12-31"),
    ],
)
def test_months_period_end(first, months, last):
    assert months_period_end(D(first), months) == D(last)


# --- Properties ---------------------------------------------------------------------------------

CALENDAR_TIME_RULES = sorted(rule.id for rule in RULES.values() if rule.unit not in CALENDAR_UNITS)
SCHOOL_DAY_RULES = sorted(rule.id for rule in RULES.values() if rule.unit in CALENDAR_UNITS)
WEEK_RULES = sorted(rule.id for rule in RULES.values() if rule.unit is Unit.WEEKS)
ANY_DAY = st.dates(datetime.date(2000, 1, 1), datetime.date(2090, 12, 31))


@given(rule_id=st.sampled_from(CALENDAR_TIME_RULES), start=ANY_DAY)
def test_a_due_date_is_never_before_its_start(rule_id, start):
    assert due_date(rule_id, start) > start


@given(rule_id=st.sampled_from(WEEK_RULES), start=ANY_DAY)
def test_week_rules_never_land_on_a_non_working_day(rule_id, start):
    due = due_date(rule_id, start)
    assert is_working_day(due)
    rule = RULES[rule_id]
    if rule.due_on is DueOn.LAST_DAY:
        # Rolled forward only over non-working days, never further.
        last = start + datetime.timedelta(days=7 * rule.length)
        assert due >= last
        skipped = [last + datetime.timedelta(days=i) for i in range((due - last).days)]
        assert not any(is_working_day(day) for day in skipped)


@given(rule_id=st.sampled_from(CALENDAR_TIME_RULES), start=ANY_DAY)
def test_rules_that_roll_forward_never_land_on_a_non_working_day(rule_id, start):
    if RULES[rule_id].roll_forward:
        assert is_working_day(due_date(rule_id, start))


@given(start=ANY_DAY)
def test_etw_appeal_is_the_first_working_day_after_expiry(start):
    expiry = start + datetime.timedelta(days=8 * 7 - 1)
    due = due_date("etw-appeal", start)
    assert due > expiry
    assert is_working_day(due)
    between = [expiry + datetime.timedelta(days=i) for i in range(1, (due - expiry).days)]
    assert not any(is_working_day(day) for day in between)


@given(
    rule_id=st.sampled_from(SCHOOL_DAY_RULES),
    start=st.dates(datetime.date(2026, 9, 7), datetime.date(2027, 4, 30)),
)
def test_school_day_results_are_school_days_and_round_trip(rule_id, start):
    calendar = FEI if RULES[rule_id].unit is Unit.TERM_TIME_DAYS else SCHOOL
    due = due_date(rule_id, start, calendar)
    assert due > start
    assert calendar.is_school_day(due)
    assert is_working_day(due)
    assert calendar.school_days_between(start, due) == RULES[rule_id].length


@given(
    rule_id=st.sampled_from(SCHOOL_DAY_RULES),
    start=st.dates(datetime.date(2027, 7, 21), datetime.date(2030, 1, 1)),
)
def test_school_day_rules_beyond_the_calendar_raise(rule_id, start):
    with pytest.raises(CalendarNotKnownError):
        due_date(rule_id, start, SCHOOL)


@given(start=ANY_DAY, months=st.integers(1, 36))
def test_months_periods_have_the_calendar_length(start, months):
    last = months_period_end(start, months)
    assert 28 * months <= (last - start).days + 1 <= 31 * months


@given(start=ANY_DAY)
def test_a_12_month_period_ends_the_day_before_the_anniversary(start):
    after = months_period_end(start, 12) + datetime.timedelta(days=1)
    if (start.month, start.day) == (2, 29) and after.year % 4:
        assert after == datetime.date(start.year + 1, 3, 1)  # no 29 Feb next year
    else:
        assert after == start.replace(year=start.year + 1)


# --- What an LA may configure -------------------------------------------------------------------


def test_configurable_rules_are_the_unverified_ones():
    assert {r.id for r in timelines.configurable_rules()} == {
        "la-decision",
        "la-reconsideration",
        "la-idp-reconsideration",
        "la-takeover-decision",
        "la-cease-reconsideration",
        "etw-review",
    }


@pytest.mark.parametrize(
    ("rule_id", "length", "roll_forward", "expected"),
    [
        ("la-reconsideration", 8, None, None),
        ("la-reconsideration", None, False, None),
        ("la-reconsideration", 0, None, TimelineErrorCode.LENGTH_NOT_POSITIVE),
        ("la-reconsideration", 53, None, TimelineErrorCode.LENGTH_TOO_LONG),
        ("la-decision", 12, True, None),  # the statutory values are always allowed
        ("la-decision", 10, None, TimelineErrorCode.LENGTH_NOT_CONFIGURABLE),
        ("nhs-response", None, False, TimelineErrorCode.ROLL_FORWARD_NOT_CONFIGURABLE),
    ],
)
def test_check_rule_setting(rule_id, length, roll_forward, expected):
    assert timelines.check_rule_setting(rule_id, length, roll_forward) is expected

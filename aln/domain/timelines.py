"""Statutory time limits as data, and `due_date()`.

Each `TimelineRule` says how long a limit is, in what unit, from what event, whether a last day
that is not a working day rolls forward, and where the rule comes from (the spec rows are in
`/work/shared/docs/aln-statutory-spec.md` §3.1, T1 to T21). `docs/statutory-clock.md` has the
table, the counting conventions and the worked examples.

Counting conventions:

* **N school days / N term-time days**: the Nth school (term-time) day strictly after the trigger
  day, on the institution's `SchoolCalendar` (spec T1, T2, T10).
* **N weeks (or days) beginning with the day after X** (Regs regs 10-13): the last day is
  X + 7N (X + N) days.
* **N weeks beginning with X** (ETW Regs reg 10): the period expires at the end of X + 7N - 1.
* **12 months beginning on X** (Act s.23): the period ends the day before the corresponding date
  12 months later; when that month has no such day (29 February), it ends on the last day of the
  month before the overflow, so a period beginning 29 Feb 2028 ends 28 Feb 2029.
* **Roll-forward** (ALN (Wales) Regs 2021 reg 2(4), spec T18): a period whose last day is not a
  working day is extended to include the following working day.

Limits and choices the spec marks UNVERIFIED are not literals in the code: each is a named
constant marked UNVERIFIED with its spec row (``grep -rn UNVERIFIED aln/domain``), and the rule is
`configurable` (an LA setting, passed in as `length=`) or `roll_forward_configurable` (passed in
as `roll_forward=`).
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from aln.domain.calendar import (
    SchoolCalendar,
    next_working_day_after,
    next_working_day_on_or_after,
)

_ONE_DAY = datetime.timedelta(days=1)
_DAYS_PER_WEEK = 7
_MONTHS_PER_YEAR = 12


class Unit(StrEnum):
    SCHOOL_DAYS = "school_days"
    TERM_TIME_DAYS = "term_time_days"
    WEEKS = "weeks"
    DAYS = "days"
    MONTHS = "months"


CALENDAR_UNITS = frozenset({Unit.SCHOOL_DAYS, Unit.TERM_TIME_DAYS})


class PeriodStart(StrEnum):
    """Which day is the first day of a calendar-time period (weeks, days, months)."""

    DAY_AFTER = "day_after"  # "beginning with the day after the day on which X" (Regs regs 10-13)
    SAME_DAY = "same_day"  # "beginning with the date X" (ETW Regs reg 10; Act s.23)


class DueOn(StrEnum):
    """Which day the duty or right falls due, given the period."""

    LAST_DAY = "last_day"  # the last day of the period (rolled forward if `roll_forward`)
    FIRST_WORKING_DAY_AFTER = "first_working_day_after"  # ETW Regs reg 10: after the expiry


class TimelineErrorCode(StrEnum):
    UNKNOWN_RULE = "timeline.unknown_rule"
    CALENDAR_REQUIRED = "timeline.calendar_required"
    LENGTH_NOT_CONFIGURABLE = "timeline.length_not_configurable"
    LENGTH_NOT_POSITIVE = "timeline.length_not_positive"
    ROLL_FORWARD_NOT_CONFIGURABLE = "timeline.roll_forward_not_configurable"
    NOT_EXTENDABLE = "timeline.not_extendable"
    LENGTH_TOO_LONG = "timeline.length_too_long"


class TimelineError(ValueError):
    """A due date that cannot be computed as asked. `code` is stable; `rule_id` says which rule."""

    def __init__(self, code: TimelineErrorCode, rule_id: str) -> None:
        super().__init__(f"{code.value}: {rule_id}")
        self.code = code
        self.rule_id = rule_id


@dataclass(frozen=True, slots=True)
class TimelineRule:
    """One statutory time limit.

    `length` is the limit the law sets (or, for an UNVERIFIED limit, the believed figure) and
    `default_length` is the value an LA setting starts at and the screen shows as the statutory
    default; they are equal for every built-in rule. `configurable` rules accept an LA's own
    `length`; `roll_forward_configurable` rules accept an LA's own `roll_forward`. `extension` is
    how many more units `extended=True` adds (ETW appeals, s.68 referral). `starts_on_description`
    is developer-facing English, for documentation; screens translate by rule id.
    """

    id: str
    length: int
    unit: Unit
    source: str
    starts_on_description: str
    roll_forward: bool
    configurable: bool
    default_length: int
    period_starts: PeriodStart = PeriodStart.DAY_AFTER
    due_on: DueOn = DueOn.LAST_DAY
    extension: int = 0
    roll_forward_configurable: bool = False


# --- Limits the spec marks UNVERIFIED: LA settings, never literals in a rule ---------------------

# UNVERIFIED (spec T4, Medium-high): LA reconsideration of a school's ALN decision (Act s.26) in
# 7 weeks, "subject to there being no exceptional circumstances" (Newport CC; not seen in the Code).
LA_RECONSIDERATION_WEEKS = 7
# UNVERIFIED (spec T5): LA reconsideration of a school IDP with a view to revision (Act s.27),
# "believed 7 weeks".
LA_IDP_RECONSIDERATION_WEEKS = 7
# UNVERIFIED (spec T6): LA decision whether to take over a governing body's IDP (Act s.28),
# "believed 7 weeks".
LA_TAKEOVER_DECISION_WEEKS = 7
# UNVERIFIED (spec T7): "The LA's decision time is UNVERIFIED" for a reconsideration of a school's
# decision to cease an IDP (Act s.32). Default 7 weeks, chosen to match the other LA
# reconsiderations (T4-T6); not a figure from any source.
LA_CEASE_RECONSIDERATION_WEEKS = 7
# UNVERIFIED (spec T18): whether reg 2(4) roll-forward applies to limits set by the Code rather
# than the Regs. Default: it does (spec §13 rule 1 and the convention); an LA may switch it
# off for these rules.
CODE_LIMITS_ROLL_FORWARD = True
# UNVERIFIED (spec T15): ETW Regs 2021 reg 53(2)(b) says "no later than 28 days after the date on
# which the decision was sent"; whether the ETW Regs extend a period ending on a non-working day
# was not seen. Default: roll forward, as for every other deadline (spec §13 rule 1).
ETW_REVIEW_ROLL_FORWARD = True

_ETW_APPEAL_STARTS = "the date notice of the decision and of the right of appeal was given"

_RULES: tuple[TimelineRule, ...] = (
    TimelineRule(
        id="school-decision",
        length=35,
        unit=Unit.SCHOOL_DAYS,
        source="ALN Code paras 12.12, 12.21 (secondary, via Nodi); Newport CC; spec T1",
        starts_on_description=(
            "child: the day the possible ALN is brought to the school's attention or otherwise "
            "appears; young person: the day the young person consents"
        ),
        roll_forward=False,  # moot: a school day is always a working day
        configurable=False,
        default_length=35,
    ),
    TimelineRule(
        id="fei-decision",
        length=35,
        unit=Unit.TERM_TIME_DAYS,
        source="ALN Code para 16.16 (secondary, via Nodi); spec T2",
        starts_on_description="the day the young person consents to the FEI deciding",
        roll_forward=False,  # moot: a term-time day is always a working day
        configurable=False,
        default_length=35,
    ),
    TimelineRule(
        id="la-decision",
        length=12,
        unit=Unit.WEEKS,
        source=(
            "ALN Code paras 11.17, 11.24 (secondary, via Nodi); Newport CC; spec T3, T21; "
            "roll-forward: Regs reg 2(4), UNVERIFIED for Code limits (spec T18)"
        ),
        starts_on_description=(
            "the day the possible ALN is brought to the LA's attention (young person: consent; "
            "transition case: the IDP notice)"
        ),
        roll_forward=CODE_LIMITS_ROLL_FORWARD,
        configurable=False,
        default_length=12,
        roll_forward_configurable=True,
    ),
    TimelineRule(
        id="la-reconsideration",
        length=LA_RECONSIDERATION_WEEKS,
        unit=Unit.WEEKS,
        source="Act s.26; Newport CC (UNVERIFIED in the Code); spec T4, T18",
        starts_on_description="the day the LA receives the request to reconsider",
        roll_forward=CODE_LIMITS_ROLL_FORWARD,
        configurable=True,
        default_length=LA_RECONSIDERATION_WEEKS,
        roll_forward_configurable=True,
    ),
    TimelineRule(
        id="la-idp-reconsideration",
        length=LA_IDP_RECONSIDERATION_WEEKS,
        unit=Unit.WEEKS,
        source="Act s.27; length UNVERIFIED (believed 7 weeks); spec T5, T18",
        starts_on_description="the day the LA receives the request to reconsider the IDP",
        roll_forward=CODE_LIMITS_ROLL_FORWARD,
        configurable=True,
        default_length=LA_IDP_RECONSIDERATION_WEEKS,
        roll_forward_configurable=True,
    ),
    TimelineRule(
        id="la-takeover-decision",
        length=LA_TAKEOVER_DECISION_WEEKS,
        unit=Unit.WEEKS,
        source="Act s.28; length UNVERIFIED (believed 7 weeks); spec T6, T18",
        starts_on_description="the day the LA receives the request to take over the IDP",
        roll_forward=CODE_LIMITS_ROLL_FORWARD,
        configurable=True,
        default_length=LA_TAKEOVER_DECISION_WEEKS,
        roll_forward_configurable=True,
    ),
    TimelineRule(
        id="la-cease-reconsideration",
        length=LA_CEASE_RECONSIDERATION_WEEKS,
        unit=Unit.WEEKS,
        source=(
            "Act s.32; length UNVERIFIED (no figure found; 7 weeks to match T4-T6); spec T7, T18"
        ),
        starts_on_description="the day the LA receives the request to reconsider ceasing the IDP",
        roll_forward=CODE_LIMITS_ROLL_FORWARD,
        configurable=True,
        default_length=LA_CEASE_RECONSIDERATION_WEEKS,
        roll_forward_configurable=True,
    ),
    TimelineRule(
        id="young-person-necessity",
        length=12,
        unit=Unit.WEEKS,
        source="ALN (Wales) Regs 2021 reg 10(3)-(4), reg 2(4); Act s.14(1)(c); spec T8",
        starts_on_description="the day the young person consented (period begins the day after)",
        roll_forward=True,
        configurable=False,
        default_length=12,
    ),
    TimelineRule(
        id="nhs-response",
        length=6,
        unit=Unit.WEEKS,
        source="ALN (Wales) Regs 2021 reg 11, reg 2(4); Act ss.20-21; spec T9",
        starts_on_description=(
            "the day the NHS body receives the referral (period begins the day after)"
        ),
        roll_forward=True,
        configurable=False,
        default_length=6,
    ),
    TimelineRule(
        id="cease-reconsideration-request",
        length=4,
        unit=Unit.WEEKS,
        source="ALN (Wales) Regs 2021 reg 12, reg 2(4); Act ss.31-32; spec T7",
        starts_on_description=(
            "the day the governing body gives the s.31(8) and (9) notifications, the later of "
            "them if given on different days (period begins the day after)"
        ),
        roll_forward=True,
        configurable=False,
        default_length=4,
    ),
    TimelineRule(
        id="fei-takeover-response",
        length=20,
        unit=Unit.TERM_TIME_DAYS,
        source="ALN (Wales) Regs 2021 reg 13, reg 2(4); Act s.36; spec T10",
        starts_on_description=(
            "the day the FEI receives the LA's written request (count from the day after)"
        ),
        roll_forward=True,  # a Regs period, though a term-time day is always a working day
        configurable=False,
        default_length=20,
    ),
    TimelineRule(
        id="idp-review",
        length=12,
        unit=Unit.MONTHS,
        source="Act s.23(1)-(6), s.24 (looked after children); spec T11",
        starts_on_description=(
            "the date the IDP, a revised IDP or a s.23(10) / s.27(4) no-revision notice was given"
        ),
        roll_forward=False,  # an Act period, not a Regs one: reg 2(4) does not reach it
        configurable=False,
        default_length=12,
        period_starts=PeriodStart.SAME_DAY,
    ),
    TimelineRule(
        id="etw-appeal",
        length=8,
        unit=Unit.WEEKS,
        source="ETW Regs 2021 reg 10 (via Nodi 12.07, secondary); Act s.70; spec T14",
        starts_on_description=_ETW_APPEAL_STARTS,
        roll_forward=True,  # always lands on a working day (first working day after expiry)
        configurable=False,
        default_length=8,
        period_starts=PeriodStart.SAME_DAY,
        due_on=DueOn.FIRST_WORKING_DAY_AFTER,
        extension=8,
    ),
    TimelineRule(
        id="etw-appeal-extended",
        length=16,
        unit=Unit.WEEKS,
        source=(
            "ETW Regs 2021 reg 10 (via Nodi 12.07, secondary): +8 weeks on a referral to s.68 "
            "disagreement resolution before the original period expires; Act s.68; spec T14"
        ),
        starts_on_description=_ETW_APPEAL_STARTS,
        roll_forward=True,
        configurable=False,
        default_length=16,
        period_starts=PeriodStart.SAME_DAY,
        due_on=DueOn.FIRST_WORKING_DAY_AFTER,
    ),
    TimelineRule(
        id="etw-review",
        length=28,
        unit=Unit.DAYS,
        source=(
            "ETW Regs 2021 reg 53(2)(b); spec T15; roll-forward UNVERIFIED (assumed as for "
            "every deadline, spec §13)"
        ),
        starts_on_description="the date the Tribunal's decision was sent to the parties",
        roll_forward=ETW_REVIEW_ROLL_FORWARD,
        configurable=False,
        default_length=28,
        roll_forward_configurable=True,
    ),
)

RULES: dict[str, TimelineRule] = {rule.id: rule for rule in _RULES}


def get_rule(rule_id: str) -> TimelineRule:
    """The rule with this id; `TimelineError` UNKNOWN_RULE if there is none."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise TimelineError(TimelineErrorCode.UNKNOWN_RULE, rule_id) from None


def due_date(
    rule_id: str,
    start: datetime.date,
    calendar: SchoolCalendar | None = None,
    *,
    length: int | None = None,
    extended: bool = False,
    roll_forward: bool | None = None,
) -> datetime.date:
    """The day by which the duty must be done, or the right exercised, under rule `rule_id`.

    `start` is the trigger day (the day notice was given, a request received, consent given; for
    a notice, the day it counts as given: Act s.88(6) as inserted by ALN (Wales) Regs 2021 reg 4,
    spec T19). `calendar` is the institution's `SchoolCalendar`, required for school-day and
    term-time-day rules (`TimelineError` CALENDAR_REQUIRED). `length` is the LA's setting for a
    `configurable` rule; `roll_forward` the LA's setting for a `roll_forward_configurable` rule
    (passing the rule's own value is always allowed). `extended=True` adds the rule's `extension`
    (ETW Regs 2021 reg 10: a s.68 referral before expiry extends the appeal period by 8 weeks).

    Sources: see each rule's `source`; conventions in the module docstring; roll-forward from ALN
    (Wales) Regs 2021 reg 2(4). Raises `CalendarNotKnownError` when the calendar does not reach.
    """
    rule = get_rule(rule_id)
    count = _length(rule, length)
    if extended:
        if not rule.extension:
            raise TimelineError(TimelineErrorCode.NOT_EXTENDABLE, rule_id)
        count += rule.extension
    last = _last_day(rule, start, count, calendar)
    if rule.due_on is DueOn.FIRST_WORKING_DAY_AFTER:
        return next_working_day_after(last)
    if _rolls_forward(rule, roll_forward):
        return next_working_day_on_or_after(last)
    return last


# A sanity bound on an LA's own length for a configurable limit (in the rule's unit): no limit in
# the Act, Regs or Code is longer than a year. Not a legal rule.
MAX_CONFIGURED_LENGTH = 52


def configurable_rules() -> tuple[TimelineRule, ...]:
    """The rules an LA may set (length or roll-forward): the UNVERIFIED ones (spec §0)."""
    return tuple(r for r in _RULES if r.configurable or r.roll_forward_configurable)


def check_rule_setting(
    rule_id: str, length: int | None, roll_forward: bool | None
) -> TimelineErrorCode | None:
    """Whether an LA may store this value for the rule (None means "use the default")."""
    rule = get_rule(rule_id)
    if length is not None and length != rule.length:
        if not rule.configurable:
            return TimelineErrorCode.LENGTH_NOT_CONFIGURABLE
        if length < 1:
            return TimelineErrorCode.LENGTH_NOT_POSITIVE
        if length > MAX_CONFIGURED_LENGTH:
            return TimelineErrorCode.LENGTH_TOO_LONG
    changes_roll = roll_forward is not None and roll_forward != rule.roll_forward
    if changes_roll and not rule.roll_forward_configurable:
        return TimelineErrorCode.ROLL_FORWARD_NOT_CONFIGURABLE
    return None


def _length(rule: TimelineRule, length: int | None) -> int:
    if length is None or length == rule.length:
        return rule.length
    if not rule.configurable:
        raise TimelineError(TimelineErrorCode.LENGTH_NOT_CONFIGURABLE, rule.id)
    if length < 1:
        raise TimelineError(TimelineErrorCode.LENGTH_NOT_POSITIVE, rule.id)
    return length


def _rolls_forward(rule: TimelineRule, roll_forward: bool | None) -> bool:
    if roll_forward is None or roll_forward == rule.roll_forward:
        return rule.roll_forward
    if not rule.roll_forward_configurable:
        raise TimelineError(TimelineErrorCode.ROLL_FORWARD_NOT_CONFIGURABLE, rule.id)
    return roll_forward


def _last_day(
    rule: TimelineRule, start: datetime.date, count: int, calendar: SchoolCalendar | None
) -> datetime.date:
    """The last day of the period (for ETW appeals: the day the period expires)."""
    if rule.unit in CALENDAR_UNITS:
        if calendar is None:
            raise TimelineError(TimelineErrorCode.CALENDAR_REQUIRED, rule.id)
        return calendar.add_school_days(start, count)
    first = start + _ONE_DAY if rule.period_starts is PeriodStart.DAY_AFTER else start
    if rule.unit is Unit.MONTHS:
        return months_period_end(first, count)
    days = count * _DAYS_PER_WEEK if rule.unit is Unit.WEEKS else count
    return first + datetime.timedelta(days=days - 1)


def months_period_end(first: datetime.date, months: int) -> datetime.date:
    """The last day of a period of `months` months whose first day is `first`.

    The period ends the day before the corresponding date `months` later (the corresponding-date
    rule, Dodds v Walker [1981] 1 WLR 1027 (HL)). When the later month has no corresponding date
    (a period beginning 29, 30 or 31 of the month), the period ends on that month's last day.
    Used for the IDP review period (Act s.23): 12 months beginning 15 Sep 2026 ends 14 Sep 2027;
    beginning 29 Feb 2028 it ends 28 Feb 2029.
    """
    index = first.month - 1 + months
    year, month = first.year + index // _MONTHS_PER_YEAR, index % _MONTHS_PER_YEAR + 1
    try:
        corresponding = first.replace(year=year, month=month)
    except ValueError:  # no such day in that month: the period runs to the month's end
        next_index = index + 1
        corresponding = datetime.date(
            first.year + next_index // _MONTHS_PER_YEAR, next_index % _MONTHS_PER_YEAR + 1, 1
        )
    return corresponding - _ONE_DAY

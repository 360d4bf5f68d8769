"""The demo LA's term dates, closures and cases with deadlines at every stage.

Term dates are illustrative (the usual Welsh pattern, not any council's published dates) for the
academic year before today's, today's and the next, so every deadline can be dated. Cases are
placed relative to the day the demo is loaded, so the dashboard always has something overdue, due
this week and done late. Rows are bulk-inserted like the rest of the demo; due dates still come
only from the statutory clock (`AuthorityClock`, which calls `aln.domain.timelines.due_date`).
"""

import datetime
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dateutil.easter import easter

from aln.accounts.models import User
from aln.audit.services import audit_record_many
from aln.cases.models import Case
from aln.deadlines.calendars import academic_year_of
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.models import CalendarClosure, CalendarTerm, ClockSettings, Deadline
from aln.domain.cases import DECISION_RULE, CaseKind, DecidingBody
from aln.domain.deadlines import DeadlineState, MissedReason
from aln.domain.organisations import MAINTAINED_SCHOOL_KINDS, SettingKind
from aln.organisations.models import LocalAuthority, Setting

_DAY = datetime.timedelta(days=1)
_WEEK = datetime.timedelta(days=7)
# About one learner in sixteen has an open or recent ALN decision case; more at the schools
# whose staff have demo logins, so each of them has a worklist to try.
CASE_SHARE = 16
DEMO_SCHOOL_CASE_SHARE = 4
DEMO_SCHOOLS = frozenset({"bryn_derw", "oakfield_high"})
BATCH_SIZE = 2000
CIRCUMSTANCES = (
    "The educational psychologist's report arrived after the deadline.",
    "The health board's advice was delayed; we chased it twice.",
    "The family asked to move the person-centred meeting twice.",
    "Staff absence in the ALN team during the autumn term.",
)


def _weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _last_weekday(year: int, month: int, weekday: int) -> datetime.date:
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    return _weekday_on_or_after(next_month - _WEEK, weekday)


def illustrative_terms(start_year: int) -> list[tuple[datetime.date, datetime.date]]:
    """Six terms of a Welsh school year starting in September `start_year` (illustrative)."""
    monday, friday, saturday = 0, 4, 5
    autumn = datetime.date(start_year, 9, 1)
    if autumn.weekday() >= saturday:
        autumn = _weekday_on_or_after(autumn, monday)
    october_half_term = _last_weekday(start_year, 10, monday)
    christmas = _weekday_on_or_after(datetime.date(start_year, 12, 18), friday)
    spring = _weekday_on_or_after(datetime.date(start_year + 1, 1, 3), monday)
    february_half_term = _weekday_on_or_after(datetime.date(start_year + 1, 2, 12), monday)
    easter_monday = easter(start_year + 1) + _DAY
    may_half_term = _last_weekday(start_year + 1, 5, monday)
    summer_end = _weekday_on_or_after(datetime.date(start_year + 1, 7, 16), friday)
    return [
        (autumn, october_half_term - 3 * _DAY),
        (october_half_term + _WEEK, christmas),
        (spring, february_half_term - 3 * _DAY),
        (february_half_term + _WEEK, easter_monday - 10 * _DAY),
        (easter_monday + _WEEK, may_half_term - 3 * _DAY),
        (may_half_term + _WEEK, summer_end),
    ]


def create_calendar(la: LocalAuthority, settings: dict[str, Setting], today: datetime.date) -> None:
    """LA terms for last, this and next academic year; a college with its own terms; closures."""
    years = range(academic_year_of(today) - 1, academic_year_of(today) + 2)
    terms = [
        CalendarTerm(local_authority=la, starts_on=start, ends_on=end)
        for year in years
        for start, end in illustrative_terms(year)
    ]
    college = settings["demo_college"]
    # The college teaches from the second week of September to the end of June.
    terms += [
        CalendarTerm(
            local_authority=la,
            setting=college,
            starts_on=max(start, datetime.date(year, 9, 8)) if index == 0 else start,
            ends_on=min(end, datetime.date(year + 1, 6, 26)),
        )
        for year in years
        for index, (start, end) in enumerate(illustrative_terms(year))
        if start < datetime.date(year + 1, 6, 26)
    ]
    CalendarTerm.objects.bulk_create(terms)
    closures = []
    for year in years:
        first_day = illustrative_terms(year)[0][0]
        closures.append(
            CalendarClosure(
                local_authority=la,
                starts_on=_weekday_on_or_after(datetime.date(year + 1, 1, 3), 0),
                ends_on=_weekday_on_or_after(datetime.date(year + 1, 1, 3), 0),
                reason="INSET day (all schools)",
            )
        )
        closures.append(
            CalendarClosure(
                local_authority=la,
                setting=settings["bryn_derw"],
                starts_on=first_day + 15 * _DAY,
                ends_on=first_day + 15 * _DAY,
                reason="Polling station (school used for an election)",
            )
        )
    CalendarClosure.objects.bulk_create(closures)
    ClockSettings.objects.create(local_authority=la)


@dataclass
class _CaseSeed:
    learner_id: uuid.UUID
    setting: Setting | None
    body: DecidingBody
    owner: User | None
    opened_on: datetime.date
    rule_id: str
    extra_rules: list[tuple[str, User | None]] = field(default_factory=list)


@dataclass
class _Rows:
    cases: list[Case] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)


def _body_for(setting: Setting | None) -> DecidingBody:
    if setting is None or setting.kind == SettingKind.NON_MAINTAINED_EARLY_YEARS.value:
        return DecidingBody.LOCAL_AUTHORITY  # Act s.13: not a registered pupil of a school
    if setting.kind == SettingKind.FEI.value:
        return DecidingBody.FEI
    if SettingKind(setting.kind) in MAINTAINED_SCHOOL_KINDS:
        return DecidingBody.SCHOOL
    return DecidingBody.LOCAL_AUTHORITY  # independent schools: the home LA decides (s.13)


class _CasePlanner:
    def __init__(
        self,
        plan: Any,
        la: LocalAuthority,
        settings: dict[str, Setting],
        users: dict[str, User],
        today: datetime.date,
    ):
        self.rng = random.Random(f"demo-cases:{plan.seed}")
        self.plan, self.la, self.settings, self.users, self.today = plan, la, settings, users, today
        self.setting_of = {row.learner_id: row.setting_key for row in plan.enrolments}
        self.owner_by_setting = {
            "bryn_derw": self._user("alnco"),
            "oakfield_high": self._user("headteacher"),
            "demo_college": self._user("fei.lead"),
        }

    def _user(self, local: str) -> User | None:
        return next((u for e, u in self.users.items() if e.startswith(f"{local}@")), None)

    def seeds(self) -> Iterator[_CaseSeed]:
        learners = self.plan.learners
        # The parent's daughter Megan: a decision under way at her Welsh-medium school.
        yield self._seed(learners[0], days_ago=24)
        # Dylan, the young person, consented to his college deciding a fortnight ago.
        yield self._seed(learners[2], days_ago=14)
        declo, officer = self._user("declo"), self._user("la.officer")
        granted_to_declo = {
            row.learner_id for row in self.plan.grants if row.user_email.startswith("declo@")
        }
        for index, row in enumerate(learners[3:]):
            if row.id in granted_to_declo:
                seed = self._seed(row, days_ago=self.rng.randint(5, 40))
                seed.extra_rules.append(("nhs-response", declo))
                yield seed
            elif index % CASE_SHARE == 0 or (
                self.setting_of.get(row.id) in DEMO_SCHOOLS and index % DEMO_SCHOOL_CASE_SHARE == 0
            ):
                seed = self._seed(row, days_ago=self.rng.randint(0, 150))
                if index % (CASE_SHARE * 12) == 0:
                    seed.extra_rules.append(("la-reconsideration", officer))
                yield seed

    def _seed(self, row: Any, *, days_ago: int) -> _CaseSeed:
        key = self.setting_of.get(row.id)
        setting = self.settings[key] if key else None
        body = _body_for(setting)
        if body is DecidingBody.LOCAL_AUTHORITY:
            lead = "early.years" if row.age < 5 else "la.officer"
            owner = self._user(lead)
        else:
            owner = self.owner_by_setting.get(key or "")
        return _CaseSeed(
            learner_id=row.id,
            setting=setting if body is not DecidingBody.LOCAL_AUTHORITY else None,
            body=body,
            owner=owner,
            opened_on=self.today - datetime.timedelta(days=days_ago),
            rule_id=DECISION_RULE[body],
        )


def create_cases(
    plan: Any,
    la: LocalAuthority,
    settings: dict[str, Setting],
    users: dict[str, User],
    today: datetime.date,
) -> int:
    """Cases with deadlines at every stage; returns how many deadlines were created."""
    planner = _CasePlanner(plan, la, settings, users, today)
    clock = AuthorityClock.load(la.pk)
    rows = _Rows()
    for number, seed in enumerate(planner.seeds(), start=1):
        case = Case(
            id=uuid.UUID(int=planner.rng.getrandbits(128), version=4),
            reference=f"ALN-D{number:07d}",
            learner_id=seed.learner_id,
            local_authority=la,
            setting=seed.setting,
            kind=CaseKind.ALN_DECISION.value,
            deciding_body=seed.body.value,
            opened_on=seed.opened_on,
            owner=seed.owner,
        )
        rows.cases.append(case)
        for rule_id, owner in [(seed.rule_id, seed.owner), *seed.extra_rules]:
            rows.deadlines.append(_deadline(planner.rng, clock, case, rule_id, owner, today))
    Case.objects.bulk_create(rows.cases, batch_size=BATCH_SIZE)
    Deadline.objects.bulk_create(rows.deadlines, batch_size=BATCH_SIZE)
    audit_record_many(
        actor=None,
        event_type="case.opened",
        items=((c, la.pk, {"kind": c.kind, "deciding_body": c.deciding_body}) for c in rows.cases),
        reason="Demo data",
    )
    audit_record_many(
        actor=None,
        event_type="deadline.opened",
        items=(
            (d, la.pk, {"rule_id": d.rule_id, "due_on": d.due_on and d.due_on.isoformat()})
            for d in rows.deadlines
        ),
        reason="Demo data",
    )
    return len(rows.deadlines)


def _deadline(  # noqa: PLR0917 (a private helper called from one place)
    rng: random.Random,
    clock: AuthorityClock,
    case: Case,
    rule_id: str,
    owner: User | None,
    today: datetime.date,
) -> Deadline:
    due_on, remind_on = clock.dates(rule_id, case.opened_on, case.setting_id)
    deadline = Deadline(
        case=case,
        rule_id=rule_id,
        local_authority_id=case.local_authority_id,
        setting_id=case.setting_id,
        owner=owner,
        started_on=case.opened_on,
        due_on=due_on,
        reminder_on=remind_on,
    )
    roll = rng.random()
    if due_on is not None and due_on < today:
        if roll < 0.65:  # done: mostly on time, some late
            latest = min(today, due_on + datetime.timedelta(days=15))
            span = (latest - case.opened_on).days
            deadline.state = DeadlineState.MET.value
            deadline.met_on = case.opened_on + datetime.timedelta(days=rng.randint(1, span))
        if (deadline.met_on is None or deadline.met_on > due_on) and rng.random() < 0.5:
            deadline.missed_reason = rng.choice(list(MissedReason)).value
            deadline.missed_circumstance = rng.choice(CIRCUMSTANCES)
            deadline.missed_recorded_by = owner
    elif roll < 0.1 and today > case.opened_on:  # done early
        deadline.state = DeadlineState.MET.value
        deadline.met_on = case.opened_on + datetime.timedelta(
            days=rng.randint(1, (today - case.opened_on).days)
        )
    return deadline

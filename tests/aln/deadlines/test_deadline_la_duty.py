"""A duty of the LA alone on a school's case (its answer to a request to reconsider, Act
ss.26-28, 32): no setting on the deadline, counted on the LA's calendar, the school's staff not
acting on it. Every other deadline still copies the case's setting."""

import datetime

import pytest

from aln.deadlines.selectors.deadlines import deadline_may_act
from aln.deadlines.services.deadlines import deadline_open
from tests.factories import (
    CalendarClosureFactory,
    CalendarTermFactory,
    CaseFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat


@pytest.fixture
def case(school, authority):
    CalendarTermFactory(
        local_authority=authority, starts_on=D("2026-09-01"), ends_on=D("2027-07-21")
    )
    # The school is closed for a week the LA's calendar counts: its school days run later.
    CalendarClosureFactory(
        local_authority=authority,
        setting=school,
        starts_on=D("2026-10-05"),
        ends_on=D("2026-10-09"),
        reason="Building work",
    )
    return CaseFactory(setting=school, learner__home_local_authority=authority)


def test_a_deadline_copies_the_cases_setting_by_default(case, school):
    deadline = deadline_open(
        actor=None, case=case, rule_id="school-decision", started_on=D("2026-09-14")
    )
    assert deadline.setting_id == school.pk


def test_an_la_duty_has_no_setting_and_counts_on_the_las_calendar(case):
    schools = deadline_open(
        actor=None, case=case, rule_id="school-decision", started_on=D("2026-09-14")
    )
    las = deadline_open(
        actor=None, case=case, rule_id="school-decision", started_on=D("2026-09-14"), la_duty=True
    )
    assert las.setting_id is None
    assert las.local_authority_id == case.local_authority_id
    # The school's closure week does not count against the LA.
    assert las.due_on < schools.due_on


def test_the_school_cannot_act_on_the_las_duty(case, school, authority):
    alnco = MembershipFactory(role="alnco", setting=school).user
    officer = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    deadline = deadline_open(
        actor=None,
        case=case,
        rule_id="la-reconsideration",
        started_on=D("2026-11-16"),
        la_duty=True,
    )
    assert not deadline_may_act(user=alnco, deadline=deadline)
    assert deadline_may_act(user=officer, deadline=deadline)
    assert deadline.due_on == D("2027-01-04")

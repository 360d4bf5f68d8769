import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.deadlines.models import ClockSettings, Deadline
from aln.deadlines.selectors.deadlines import (
    DeadlineFilters,
    DeadlineView,
    deadline_counts_for,
    deadline_get_for,
    deadline_list_for,
    deadline_owner_list_for,
    deadline_visible_queryset,
    deadline_windows_for,
)
from aln.domain.access import MembershipFacts, may_act_on_deadline
from aln.domain.calendar import Closure, SchoolCalendar, Term
from aln.domain.deadlines import due_soon_until, end_of_week
from aln.domain.roles import Role
from tests.factories import (
    CalendarClosureFactory,
    CalendarTermFactory,
    CaseFactory,
    DeadlineFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LearnerFactory,
    MembershipFactory,
    SettingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime.date(2026, 10, 14)
AT_NOON = datetime.datetime(2026, 10, 14, 12, 0, tzinfo=ZoneInfo("Europe/London"))
DAY = datetime.timedelta(days=1)


def deadline_at(setting, **kwargs):
    """A deadline on a case for a learner enrolled at `setting` who lives in its LA."""
    learner = EnrolmentFactory(
        setting=setting, learner__home_local_authority=setting.local_authority
    ).learner
    return DeadlineFactory(case=CaseFactory(learner=learner, setting=setting), **kwargs)


def member(role, **organisation):
    return MembershipFactory(role=role, **organisation).user


# --- Pure date rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "sunday"),
    [
        (datetime.date(2026, 10, 12), datetime.date(2026, 10, 18)),  # Monday
        (WEDNESDAY, datetime.date(2026, 10, 18)),
        (datetime.date(2026, 10, 18), datetime.date(2026, 10, 18)),  # Sunday itself
    ],
)
def test_end_of_week_is_the_sunday(day, sunday):
    assert end_of_week(day) == sunday


def test_due_soon_counts_school_days_on_the_calendar():
    calendar = SchoolCalendar(
        name="test",
        terms=(Term(datetime.date(2026, 9, 1), datetime.date(2026, 10, 23)),),
        closures=(Closure(datetime.date(2026, 10, 16), datetime.date(2026, 10, 16), "INSET"),),
    )
    # 15, (16 closed), 19, 20, 21, 22
    assert due_soon_until(WEDNESDAY, 5, calendar) == datetime.date(2026, 10, 22)


def test_due_soon_falls_back_to_working_days_when_the_calendar_stops_short():
    calendar = SchoolCalendar(
        name="test", terms=(Term(datetime.date(2026, 9, 1), datetime.date(2026, 10, 16)),)
    )
    assert due_soon_until(WEDNESDAY, 5, calendar) == datetime.date(2026, 10, 21)
    assert due_soon_until(WEDNESDAY, 5, None) == datetime.date(2026, 10, 21)


def test_due_soon_skips_bank_holidays_in_working_days():
    # Christmas Day and Boxing Day 2026 (Friday, and Monday 28th as the substitute).
    assert due_soon_until(datetime.date(2026, 12, 23), 2, None) == datetime.date(2026, 12, 29)


# --- Who may act --------------------------------------------------------------------------------

LA, OTHER_LA, SCHOOL, OTHER_SCHOOL, ME = "la", "la2", "school", "school2", "me"


def _may(role, *, organisation=None, owner=None, rule="school-decision"):
    membership = MembershipFacts(
        role=role,
        local_authority_id=organisation if organisation in {LA, OTHER_LA} else None,
        setting_id=organisation if organisation in {SCHOOL, OTHER_SCHOOL} else None,
    )
    return may_act_on_deadline(
        user_id=ME,
        memberships=[membership],
        owner_id=owner,
        local_authority_id=LA,
        setting_id=SCHOOL,
        rule_id=rule,
    )


@pytest.mark.parametrize(
    ("role", "organisation", "owner", "rule", "expected"),
    [
        (Role.LA_ALN_OFFICER, LA, None, "school-decision", True),
        (Role.LA_ALN_OFFICER, OTHER_LA, None, "school-decision", False),
        (Role.LA_ALN_MANAGER, LA, None, "la-decision", True),
        (Role.ALNCO, SCHOOL, None, "school-decision", True),
        (Role.HEADTEACHER, SCHOOL, None, "school-decision", True),
        (Role.FEI_ALN_LEAD, SCHOOL, None, "fei-decision", True),
        (Role.ALNCO, OTHER_SCHOOL, None, "school-decision", False),
        (Role.ALNCO, OTHER_SCHOOL, ME, "school-decision", True),  # named owner
        (Role.TEACHER, SCHOOL, None, "school-decision", False),
        (Role.TEACHER, SCHOOL, ME, "school-decision", False),  # owning is not a role
        (Role.DECLO, None, None, "nhs-response", True),
        (Role.DECLO, None, None, "school-decision", False),
        (Role.HEALTH_PROFESSIONAL, None, None, "nhs-response", False),
        (Role.PARENT, None, None, "school-decision", False),
        (Role.PARENT, None, ME, "school-decision", False),
    ],
)
def test_who_may_act_on_a_deadline(role, organisation, owner, rule, expected):
    assert _may(role, organisation=organisation, owner=owner, rule=rule) is expected


def test_a_deadline_for_a_setting_free_case_is_not_any_schools():
    facts = MembershipFacts(role=Role.ALNCO, setting_id=None)
    assert not may_act_on_deadline(
        user_id=ME,
        memberships=[facts],
        owner_id=None,
        local_authority_id=LA,
        setting_id=None,
        rule_id="la-decision",
    )


# --- Visibility ---------------------------------------------------------------------------------


def test_alnco_sees_only_their_schools_deadlines(school):
    mine = deadline_at(school)
    deadline_at(SettingFactory(local_authority=school.local_authority))
    deadline_at(SettingFactory())
    alnco = member("alnco", setting=school)
    assert list(deadline_visible_queryset(user=alnco)) == [mine]


def test_la_officer_sees_their_authoritys_deadlines(authority, school):
    in_school = deadline_at(school)
    at_home = DeadlineFactory(
        case__learner=LearnerFactory(home_local_authority=authority), case__setting=school
    )
    deadline_at(SettingFactory())
    officer = member("la_aln_officer", local_authority=authority)
    assert set(deadline_visible_queryset(user=officer)) == {in_school, at_home}


def test_parent_sees_only_their_childs_deadlines(school):
    child = deadline_at(school)
    deadline_at(school)
    parent = member("parent")
    FamilyLinkFactory(learner=child.case.learner, family_member=FamilyMemberFactory(user=parent))
    assert list(deadline_visible_queryset(user=parent)) == [child]


def test_get_for_answers_does_not_exist_for_a_deadline_in_another_school(school):
    elsewhere = deadline_at(SettingFactory())
    alnco = member("alnco", setting=school)
    with pytest.raises(Deadline.DoesNotExist):
        deadline_get_for(user=alnco, deadline_id=elsewhere.pk)
    with pytest.raises(Deadline.DoesNotExist):
        deadline_get_for(user=alnco, deadline_id=uuid.uuid4())


def test_get_for_action_needs_the_owning_body(authority, school):
    deadline = deadline_at(school)
    teacher = member("teacher", setting=school)
    assert deadline_get_for(user=teacher, deadline_id=deadline.pk) == deadline
    with pytest.raises(Deadline.DoesNotExist):
        deadline_get_for(user=teacher, deadline_id=deadline.pk, for_action=True)
    # An LA that maintains the school but is not the learner's home LA sees, but does not act.
    visiting = deadline_at(school)
    visiting.local_authority = SettingFactory().local_authority
    visiting.save()
    officer = member("la_aln_officer", local_authority=authority)
    assert deadline_get_for(user=officer, deadline_id=visiting.pk) == visiting
    with pytest.raises(Deadline.DoesNotExist):
        deadline_get_for(user=officer, deadline_id=visiting.pk, for_action=True)
    assert deadline_get_for(user=officer, deadline_id=deadline.pk, for_action=True) == deadline


def test_owners_are_those_of_visible_deadlines(school):
    owner = UserFactory(full_name="Aled Owen")
    deadline_at(school, owner=owner)
    deadline_at(SettingFactory(), owner=UserFactory())
    alnco = member("alnco", setting=school)
    assert list(deadline_owner_list_for(user=alnco)) == [owner]


# --- Views and counts ---------------------------------------------------------------------------


@pytest.fixture
def spread(school):
    """One deadline in each situation, seen from Wednesday 14 October 2026."""
    return {
        "overdue": deadline_at(school, due_on=WEDNESDAY - DAY),
        "today": deadline_at(school, due_on=WEDNESDAY),
        "sunday": deadline_at(school, due_on=datetime.date(2026, 10, 18)),
        "next_tuesday": deadline_at(school, due_on=datetime.date(2026, 10, 20)),
        "next_thursday": deadline_at(school, due_on=datetime.date(2026, 10, 22)),
        "far": deadline_at(school, due_on=datetime.date(2026, 12, 1)),
        "unknown": deadline_at(school, due_on=None, reminder_on=None),
        "met_late": deadline_at(
            school, due_on=WEDNESDAY - 5 * DAY, state="met", met_on=WEDNESDAY - DAY
        ),
        "met": deadline_at(school, due_on=WEDNESDAY, state="met", met_on=WEDNESDAY - DAY),
        "closed": deadline_at(school, due_on=WEDNESDAY - 9 * DAY, state="closed"),
    }


EXPECTED = {
    DeadlineView.OVERDUE: ["overdue"],
    DeadlineView.DUE_THIS_WEEK: ["today", "sunday"],
    # No term dates: five working days after Wednesday is the next Wednesday.
    DeadlineView.DUE_SOON: ["today", "sunday", "next_tuesday"],
    DeadlineView.MET_LATE: ["met_late"],
    DeadlineView.DATE_UNKNOWN: ["unknown"],
    DeadlineView.OPEN: [
        "overdue",
        "today",
        "sunday",
        "next_tuesday",
        "next_thursday",
        "far",
        "unknown",
    ],
}


@time_machine.travel(AT_NOON, tick=False)
@pytest.mark.parametrize("view", list(DeadlineView), ids=[v.value for v in DeadlineView])
def test_each_view_lists_its_deadlines_soonest_first(school, spread, view):
    alnco = member("alnco", setting=school)
    listed = list(deadline_list_for(user=alnco, filters=DeadlineFilters(view=view)))
    assert listed == [spread[name] for name in EXPECTED[view]]


@time_machine.travel(AT_NOON, tick=False)
def test_counts_match_the_lists_in_one_query(school, spread, django_assert_num_queries):
    alnco = member("alnco", setting=school)
    windows = deadline_windows_for(user=alnco)
    filters = DeadlineFilters()
    with django_assert_num_queries(1):
        counts = deadline_counts_for(user=alnco, filters=filters, windows=windows)
    assert counts == {view: len(names) for view, names in EXPECTED.items()}
    for view in DeadlineView:
        listed = deadline_list_for(user=alnco, filters=DeadlineFilters(view=view), windows=windows)
        assert listed.count() == counts[view], view


@time_machine.travel(AT_NOON, tick=False)
def test_due_soon_uses_the_las_calendar_and_reminder_days(authority, school, spread):
    CalendarTermFactory(
        local_authority=authority,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 10, 23),
    )
    CalendarClosureFactory(
        local_authority=authority,
        starts_on=datetime.date(2026, 10, 16),
        ends_on=datetime.date(2026, 10, 16),
    )
    alnco = member("alnco", setting=school)
    windows = deadline_windows_for(user=alnco)
    assert windows.soon_school_days == 5
    assert windows.soon_until == datetime.date(2026, 10, 22)  # 16 October is closed
    due_soon = DeadlineFilters(view=DeadlineView.DUE_SOON)
    assert spread["next_thursday"] in deadline_list_for(user=alnco, filters=due_soon)

    ClockSettings.objects.create(local_authority=authority, reminder_school_days=2)
    alnco = member("alnco", setting=school)
    windows = deadline_windows_for(user=alnco)
    assert (windows.soon_school_days, windows.soon_until) == (2, datetime.date(2026, 10, 19))
    assert list(deadline_list_for(user=alnco, filters=due_soon)) == [
        spread["today"],
        spread["sunday"],
    ]


@time_machine.travel(AT_NOON, tick=False)
def test_filters_narrow_lists_and_counts(school):
    owner = UserFactory()
    other_school = SettingFactory(local_authority=school.local_authority)
    wanted = deadline_at(school, owner=owner, rule_id="la-decision", due_on=WEDNESDAY - DAY)
    deadline_at(school, due_on=WEDNESDAY - DAY)
    deadline_at(school, owner=owner, due_on=WEDNESDAY - DAY)
    deadline_at(other_school, owner=owner, rule_id="la-decision", due_on=WEDNESDAY - DAY)
    officer = member("la_aln_officer", local_authority=school.local_authority)
    filters = DeadlineFilters(
        view=DeadlineView.OVERDUE, setting_id=school.pk, owner_id=owner.pk, rule_id="la-decision"
    )
    assert list(deadline_list_for(user=officer, filters=filters)) == [wanted]
    assert deadline_counts_for(user=officer, filters=filters)[DeadlineView.OVERDUE] == 1

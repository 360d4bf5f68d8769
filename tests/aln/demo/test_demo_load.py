import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from aln.accounts.models import Membership, User
from aln.audit.models import AuditEvent
from aln.common.clock import today
from aln.demo import builder
from aln.domain import upn
from aln.domain.organisations import LanguageMedium, LAServiceKind, SettingKind
from aln.domain.roles import Role
from aln.learners.models import (
    Enrolment,
    FamilyLink,
    FamilyMember,
    Learner,
    LearnerAccessGrant,
)
from aln.learners.selectors import learner_list_for
from aln.organisations.models import HealthBoard, LAService, LocalAuthority, Setting

pytestmark = pytest.mark.django_db

LEARNERS = 200


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("demo_load", "--learners", str(LEARNERS), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_la(demo_output):
    # Loaded once for the module (tests/aln/demo/conftest.py): its stories take tens of seconds.
    return LocalAuthority.objects.get(code="699")


def test_builds_the_fictional_authority(demo_la):
    assert demo_la.is_demo
    assert demo_la.gss_code == "W06999999"
    assert demo_la.name_cy == "Cyngor Bwrdeistref Sirol Demo"
    assert demo_la in HealthBoard.objects.get(code="7A1").served_authorities.all()
    assert Learner.objects.filter(home_local_authority=demo_la).count() == LEARNERS


def test_settings_of_every_kind_and_language_medium(demo_la):
    settings = Setting.objects.filter(local_authority=demo_la)
    assert set(settings.values_list("kind", flat=True)) == {kind.value for kind in SettingKind}
    assert set(settings.values_list("language_medium", flat=True)) == {
        medium.value for medium in LanguageMedium
    }
    numbers = list(settings.values_list("establishment_number", flat=True))
    assert all(len(number) == 4 and number.isdigit() for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_specialist_classes_in_mainstream_schools(demo_la):
    hosts = Setting.objects.filter(local_authority=demo_la, specialist_classes__isnull=False)
    assert hosts.count() >= 2
    assert set(hosts.values_list("kind", flat=True)) <= {"primary", "secondary", "all_age"}
    assert hosts.filter(specialist_classes__language_medium="welsh").exists()


def test_services_of_every_kind_and_a_regional_one(demo_la):
    services = LAService.objects.filter(lead_authority=demo_la, served_authorities=demo_la)
    assert set(services.values_list("kind", flat=True)) == {kind.value for kind in LAServiceKind}
    regional = LAService.objects.get(lead_authority=demo_la, kind="sensory_support")
    assert set(regional.served_authorities.values_list("code", flat=True)) == {"699", "663", "664"}


def test_a_user_for_every_role_who_can_sign_in(demo_la, settings):
    for role in Role:
        membership = Membership.objects.select_related("user").get(
            role=role.value, user__email__endswith="@demo.example"
        )
        user = authenticate(
            request=RequestFactory().post("/"),
            username=membership.user.email,
            password=settings.DEMO_PASSWORD,
        )
        assert user == membership.user, role
    assert User.objects.get(email="alnco@demo.example").preferred_language == "cy"


def test_every_upn_is_valid_and_unique(demo_la):
    upns = list(Learner.objects.exclude(upn="").values_list("upn", flat=True))
    assert len(upns) > LEARNERS / 2
    assert len(set(upns)) == len(upns)
    assert all(upn.validate(value).is_valid for value in upns)
    assert all(value[1:4] == "699" for value in upns)


def test_learners_are_enrolled_as_their_age_and_arrangement_say(demo_la):
    at_setting = Learner.objects.filter(education_arrangement="at_setting")
    assert not at_setting.filter(enrolments__isnull=True).exists()
    home_educated = Learner.objects.exclude(education_arrangement="at_setting")
    assert not Enrolment.objects.filter(learner__in=home_educated).exists()
    for enrolment in Enrolment.objects.select_related("learner"):
        assert enrolment.ended_on is None
        assert enrolment.learner.date_of_birth <= enrolment.started_on <= builder.REFERENCE_DATE


def test_running_again_changes_nothing(demo_la):
    models = [
        Learner, Enrolment, FamilyMember, FamilyLink, User, Membership, Setting, LAService,
        LearnerAccessGrant, AuditEvent,
    ]  # fmt: skip
    before = {model: model.objects.count() for model in models}
    output = load("--seed", "7")
    assert {model: model.objects.count() for model in models} == before
    assert "already loaded" in output
    assert "la.officer@demo.example" in output
    assert "http://127.0.0.1:8000/" in output


def test_the_load_is_audited_once(demo_la):
    event = AuditEvent.objects.get(event_type="demo.loaded")
    assert event.actor is None
    assert event.subject_id == str(demo_la.pk)
    assert event.changes == {"learners": [None, LEARNERS]}


def test_the_same_seed_gives_the_same_learners(demo_la):
    def people(plan):
        return [(r.first_name, r.last_name, r.date_of_birth, r.upn) for r in plan.learners]

    first = builder.make_plan(seed=2026, learners=LEARNERS)
    assert people(first) == people(builder.make_plan(seed=2026, learners=LEARNERS))
    assert people(first) != people(builder.make_plan(seed=2027, learners=LEARNERS))
    stored = sorted(Learner.objects.values_list("first_name", "last_name", "date_of_birth", "upn"))
    assert stored == sorted(people(first))


def test_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    authorities = LocalAuthority.objects.count()  # the module's demo may be loaded already
    with pytest.raises(CommandError, match="DEMO_MODE"):
        load()
    assert LocalAuthority.objects.count() == authorities


def test_parent_sees_exactly_their_two_children(demo_la):
    parent = User.objects.get(email="parent@demo.example")
    children = set(
        FamilyLink.objects.filter(family_member__user=parent).values_list("learner_id", flat=True)
    )
    assert len(children) == 2
    assert {learner.pk for learner in learner_list_for(user=parent)} == children
    # The ALNCo at the Welsh-medium primary sees them too: they are enrolled there.
    alnco = User.objects.get(email="alnco@demo.example")
    assert children <= {learner.pk for learner in learner_list_for(user=alnco)}


def test_young_person_and_granted_roles_see_their_learners(demo_la):
    young_person = User.objects.get(email="young.person@demo.example")
    (own,) = learner_list_for(user=young_person)
    assert own.user == young_person
    assert 17 <= (builder.REFERENCE_DATE - own.date_of_birth).days // 365 <= 19
    assert own.enrolments.get().setting.kind == "fei"
    for email in ("practitioner", "health", "declo", "advocate"):
        user = User.objects.get(email=f"{email}@demo.example")
        granted = set(user.learner_grants.values_list("learner_id", flat=True))
        assert granted
        assert {learner.pk for learner in learner_list_for(user=user)} == granted


def test_two_academic_years_of_term_dates_and_closures(demo_la):
    from aln.deadlines.calendars import AuthorityCalendars, academic_year_of  # noqa: PLC0415

    calendars = AuthorityCalendars.load(demo_la.pk)
    la_calendar = calendars.for_setting(None)
    this_year = academic_year_of(today())
    assert la_calendar.first_known_day.year == this_year - 1
    assert la_calendar.last_known_day.year == this_year + 2
    # Each year has about 190 school days (Education (School Day and School Year) (Wales) Regs).
    days = la_calendar.school_days_between(
        datetime.date(this_year, 8, 31), datetime.date(this_year + 1, 8, 31)
    )
    assert 180 <= days <= 195
    college = Setting.objects.get(local_authority=demo_la, kind=SettingKind.FEI.value)
    assert calendars.for_setting(college.pk).last_known_day < la_calendar.last_known_day


def test_deadlines_at_every_status_with_dates_from_the_clock(demo_la):
    from aln.deadlines.clock import AuthorityClock  # noqa: PLC0415
    from aln.deadlines.models import Deadline  # noqa: PLC0415
    from aln.domain.deadlines import deadline_status  # noqa: PLC0415

    deadlines = list(Deadline.objects.filter(local_authority=demo_la))
    statuses = {deadline_status(d.state, d.due_on, d.met_on, today()) for d in deadlines}
    assert {"due", "overdue", "met", "met_late"} <= statuses
    assert any(d.missed_reason for d in deadlines)
    clock = AuthorityClock.load(demo_la.pk)
    for deadline in deadlines:
        expected = clock.dates(deadline.rule_id, deadline.started_on, deadline.setting_id)
        assert (deadline.due_on, deadline.reminder_on) == expected


def test_the_parents_daughter_has_a_case_at_her_school(demo_la):
    from aln.cases.models import Case  # noqa: PLC0415

    parent = User.objects.get(email=builder.PARENT_EMAIL)
    megan = learner_list_for(user=parent).get(first_name="Megan")
    case = Case.objects.get(learner=megan)
    assert case.deciding_body == "school"
    assert case.owner.email == f"alnco@{builder.DEMO_EMAIL_DOMAIN}"

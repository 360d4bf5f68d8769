"""Parity: what every scoped selector lists is exactly what the pure policy allows.

`aln.domain.access.may_see_learner` decides, from plain facts, whether someone may see a learner.
Every read of learner data goes through a selector that applies the same rule as a query filter
(`aln.learners.selectors.visibility_filter`). These tests build learners in every relationship
(at the person's school or another, in their LA or another, looked after by their LA, family,
their own record, granted access and a grant that has run out, an enrolment that has ended) and,
for every role, compare each selector's answer with the policy's, record by record.

The facts are built from the database the way the code builds them (`aln.learners.facts`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aln.accounts.models import User
from aln.cases.models import Case
from aln.cases.selectors import case_get_for, case_visible_queryset
from aln.common.clock import today
from aln.deadlines.models import Deadline
from aln.deadlines.selectors.deadlines import (
    DeadlineFilters,
    deadline_get_for,
    deadline_list_for,
    deadline_visible_queryset,
)
from aln.disputes.models import (
    ActingFor,
    Appeal,
    CapacityRecord,
    LaRequest,
    SupportReferral,
    TribunalOrder,
)
from aln.disputes.selectors.appeals import (
    appeal_get_for,
    appeal_visible_queryset,
    appeals_for_learner,
    open_appeals_for,
    order_get_for,
)
from aln.disputes.selectors.dashboard import dashboard_for
from aln.disputes.selectors.requests import (
    la_request_get_for,
    la_requests_for_learner,
    open_la_requests_for,
)
from aln.disputes.selectors.support import acting_for_get_for, capacity_get_for, referral_get_for
from aln.domain.access import may_see_learner
from aln.domain.roles import LA_ROLES, ROLE_ORGANISATION, OrganisationKind, Role
from aln.idps.models import Idp
from aln.idps.selectors.plans import idp_get_for, idp_visible_queryset
from aln.learners.facts import actor_facts, learner_facts
from aln.learners.models import Learner
from aln.learners.selectors import (
    LearnerSearch,
    learner_count_for,
    learner_get_for,
    learner_list_for,
    learner_visible_queryset,
)
from aln.notices.models import Notice
from aln.notices.selectors import notice_get_for
from aln.organisations.models import HealthBoard
from tests.factories import (
    ActingForFactory,
    AppealFactory,
    CapacityRecordFactory,
    CaseFactory,
    DeadlineFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    IdpFactory,
    LaRequestFactory,
    LAServiceFactory,
    LearnerAccessGrantFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NoticeFactory,
    SettingFactory,
    SupportReferralFactory,
    TribunalOrderFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path  # the notices' stand-in PDFs


# --- The world ----------------------------------------------------------------------------------


@dataclass
class World:
    authorities: list
    schools: list  # schools[0] and [1] in authorities[0], schools[2] in authorities[1]
    service: Any
    board: Any
    users: dict[str, User] = field(default_factory=dict)
    learners: dict[str, Learner] = field(default_factory=dict)


def _base_world() -> World:
    own, other = LocalAuthorityFactory(code="990"), LocalAuthorityFactory(code="991")
    return World(
        authorities=[own, other],
        schools=[
            SettingFactory(local_authority=own),
            SettingFactory(local_authority=own),
            SettingFactory(local_authority=other),
        ],
        service=LAServiceFactory(lead_authority=own),
        board=HealthBoard.objects.get(code="7A1"),
    )


def _member(world: World, role: Role, where: int = 0) -> User:
    """A user with one role, in organisation number `where` of its kind (0: the "own" one)."""
    organisation = {
        OrganisationKind.LOCAL_AUTHORITY: {"local_authority": world.authorities[where % 2]},
        OrganisationKind.SETTING: {"setting": world.schools[where % 3]},
        OrganisationKind.LA_SERVICE: {"service": world.service},
        OrganisationKind.HEALTH_BOARD: {"health_board": world.board},
        OrganisationKind.NONE: {},
    }[ROLE_ORGANISATION[role]]
    return MembershipFactory(role=role.value, **organisation).user


def _records(learner: Learner, school) -> None:
    """Every kind of record about a learner, held by its home LA."""
    case = CaseFactory(
        learner=learner,
        local_authority=learner.home_local_authority,
        setting=school or SettingFactory(local_authority=learner.home_local_authority),
    )
    DeadlineFactory(case=case, rule_id="nhs-response", due_on=today() + 10 * DAY)
    IdpFactory(case=case, learner=learner)
    NoticeFactory(case=case)
    LaRequestFactory(case=case)
    appeal = AppealFactory(case=case)
    TribunalOrderFactory(appeal=appeal)
    SupportReferralFactory(learner=learner, case=case)
    CapacityRecordFactory(learner=learner)
    ActingForFactory(learner=learner)


def _learner(world: World, name: str, *, home: int, school: int | None, **extra) -> Learner:
    learner = LearnerFactory(home_local_authority=world.authorities[home], **extra)
    setting = world.schools[school] if school is not None else None
    if setting is not None:
        EnrolmentFactory(learner=learner, setting=setting, started_on=today() - 400 * DAY)
    _records(learner, setting)
    world.learners[name] = learner
    return learner


def _named_world() -> World:
    """One user per role in the "own" organisations, and learners in every relationship."""
    world = _base_world()
    for role in Role:
        world.users[role.value] = _member(world, role)
    # Someone with two roles: an ALNCo at the other school of the LA who is also a parent.
    both = _member(world, Role.ALNCO, where=1)
    MembershipFactory(user=both, role=Role.PARENT.value)
    world.users["alnco-and-parent"] = both

    _learner(world, "at-own-school", home=0, school=0)
    _learner(world, "at-other-school-in-own-la", home=0, school=1)
    _learner(world, "home-educated-in-own-la", home=0, school=None)
    _learner(world, "in-another-la", home=1, school=2)
    _learner(
        world,
        "looked-after-by-own-la",
        home=1,
        school=2,
        is_looked_after=True,
        looked_after_by=world.authorities[0],
    )
    _learner(world, "from-another-la-at-own-school", home=1, school=0)
    left = _learner(world, "left-own-school-yesterday", home=1, school=None)
    EnrolmentFactory(
        learner=left,
        setting=world.schools[0],
        started_on=today() - 400 * DAY,
        ended_on=today() - DAY,
    )
    starting = _learner(world, "starts-at-own-school-tomorrow", home=1, school=None)
    EnrolmentFactory(learner=starting, setting=world.schools[0], started_on=today() + DAY)
    family = _learner(world, "parents-child", home=1, school=2)
    for parent in (world.users["parent"], both):
        FamilyLinkFactory(learner=family, family_member=FamilyMemberFactory(user=parent))
    _learner(world, "young-persons-own-record", home=1, school=2, user=world.users["young_person"])
    granted = _learner(world, "granted", home=1, school=2)
    expired = _learner(world, "grant-ran-out-yesterday", home=1, school=2)
    lasting = _learner(world, "grant-lasts-until-today", home=1, school=2)
    for role in (Role.HEALTH_PROFESSIONAL, Role.DECLO, Role.LA_SERVICE_PRACTITIONER, Role.ADVOCATE):
        user = world.users[role.value]
        LearnerAccessGrantFactory(learner=granted, user=user, expires_on=None)
        LearnerAccessGrantFactory(learner=expired, user=user, expires_on=today() - DAY)
        LearnerAccessGrantFactory(learner=lasting, user=user, expires_on=today())
    return world


# --- What the policy allows, and what each selector gives ---------------------------------------


def _by_policy(user: User) -> set:
    learners = Learner.objects.prefetch_related(
        "enrolments__setting", "family_links__family_member", "access_grants"
    )
    actor = actor_facts(user)
    return {row.pk for row in learners if may_see_learner(actor, learner_facts(row, today()))}


def _learner_ids(queryset) -> set:
    return set(queryset.values_list("learner_id", flat=True))


# What each list selector shows, as the learners it is about.
LISTS: dict[str, Callable[[User], set]] = {
    "learners: search page": lambda u: {row.pk for row in learner_list_for(user=u)},
    "learners: empty search": lambda u: {
        row.pk for row in learner_list_for(user=u, search=LearnerSearch())
    },
    "learners: visible": lambda u: set(
        learner_visible_queryset(user=u).values_list("pk", flat=True)
    ),
    "cases": lambda u: _learner_ids(case_visible_queryset(user=u)),
    "deadlines: dashboard": lambda u: {
        d.case.learner_id for d in deadline_list_for(user=u, filters=DeadlineFilters())
    },
    "deadlines: visible": lambda u: set(
        deadline_visible_queryset(user=u).values_list("case__learner_id", flat=True)
    ),
    "plans": lambda u: _learner_ids(idp_visible_queryset(user=u)),
    "appeals": lambda u: _learner_ids(appeal_visible_queryset(user=u)),
}

# Each record, fetched by id through its selector: found exactly when its learner is visible.
GETS: dict[type, tuple[Callable[..., Any], str, Callable[[Any], Any]]] = {
    Learner: (lambda u, pk: learner_get_for(user=u, learner_id=pk), "pk", lambda r: r.pk),
    Case: (lambda u, pk: case_get_for(user=u, case_id=pk), "pk", lambda r: r.learner_id),
    Deadline: (
        lambda u, pk: deadline_get_for(user=u, deadline_id=pk),
        "pk",
        lambda r: r.case.learner_id,
    ),
    Idp: (lambda u, pk: idp_get_for(user=u, idp_id=pk), "pk", lambda r: r.learner_id),
    Notice: (lambda u, pk: notice_get_for(user=u, notice_id=pk), "pk", lambda r: r.learner_id),
    LaRequest: (
        lambda u, pk: la_request_get_for(user=u, la_request_id=pk),
        "pk",
        lambda r: r.learner_id,
    ),
    Appeal: (lambda u, pk: appeal_get_for(user=u, appeal_id=pk), "pk", lambda r: r.learner_id),
    TribunalOrder: (
        lambda u, pk: order_get_for(user=u, order_id=pk),
        "pk",
        lambda r: r.appeal.learner_id,
    ),
    SupportReferral: (
        lambda u, pk: referral_get_for(user=u, referral_id=pk),
        "pk",
        lambda r: r.learner_id,
    ),
    CapacityRecord: (
        lambda u, pk: capacity_get_for(user=u, capacity_id=pk),
        "pk",
        lambda r: r.learner_id,
    ),
    ActingFor: (
        lambda u, pk: acting_for_get_for(user=u, acting_for_id=pk),
        "pk",
        lambda r: r.learner_id,
    ),
}


def _found(get, user, pk) -> bool:
    try:
        get(user, pk)
    except ObjectDoesNotExist:
        return False
    return True


def _assert_parity(user: User, *, each_record: bool = True) -> set:
    """The policy's learners for `user`, after checking every list selector gives the same (and,
    with `each_record`, that every record of every kind is found by id exactly when allowed)."""
    user = User.objects.get(pk=user.pk)  # fresh memberships
    allowed = _by_policy(user)
    for name, listed in LISTS.items():
        assert listed(user) == allowed, (name, user.active_memberships)
    assert learner_count_for(user=user) == len(allowed)
    if not each_record:
        return allowed
    for model, (get, _key, learner_of) in GETS.items():
        for record in model.objects.all():
            expected = learner_of(record) in allowed
            assert _found(get, user, record.pk) == expected, (
                model.__name__,
                user.active_memberships,
            )
    learners = Learner.objects.filter(pk__in=allowed)
    for learner in learners:
        # The per-learner lists on a learner's pages hold all their records the user may see.
        assert {r.learner_id for r in la_requests_for_learner(user=user, learner=learner)} == {
            learner.pk
        }
        assert {a.learner_id for a in appeals_for_learner(user=user, learner=learner)} == {
            learner.pk
        }
    return allowed


USERS = [role.value for role in Role] + ["alnco-and-parent"]

# Who sees whom in the named world: the policy's answer, written out so a change to the policy
# shows up here as well as in tests/domain/test_access.py.
OWN_LA = frozenset(
    {
        "at-own-school",
        "at-other-school-in-own-la",
        "home-educated-in-own-la",
        "looked-after-by-own-la",
        "from-another-la-at-own-school",
    }
)
AT_OWN_SCHOOL = frozenset({"at-own-school", "from-another-la-at-own-school"})
GRANTED = frozenset({"granted", "grant-lasts-until-today"})
EXPECTED = {
    **dict.fromkeys(("la_aln_officer", "la_aln_manager", "early_years_lead"), OWN_LA),
    **dict.fromkeys(("alnco", "headteacher", "teacher", "fei_aln_lead"), AT_OWN_SCHOOL),
    **dict.fromkeys(
        ("la_service_practitioner", "health_professional", "declo", "advocate"), GRANTED
    ),
    "parent": {"parents-child"},
    "young_person": {"young-persons-own-record"},
    "system_admin": set(),
    "data_protection_officer": set(),
    "alnco-and-parent": {"at-other-school-in-own-la", "parents-child"},
}


@pytest.fixture
def named_world():
    return _named_world()


@pytest.mark.parametrize("who", USERS)
def test_every_selector_lists_exactly_what_the_policy_allows(named_world, who):
    allowed = _assert_parity(named_world.users[who])
    names = {name for name, learner in named_world.learners.items() if learner.pk in allowed}
    assert names == EXPECTED[who]


def test_the_expected_answers_cover_every_role():
    assert set(EXPECTED) == set(USERS)


# --- The LA's dashboard -------------------------------------------------------------------------


@pytest.mark.parametrize("who", USERS)
def test_the_la_dashboard_lists_only_its_own_las_records_of_learners_it_may_see(named_world, who):
    """The disagreement dashboard is scoped by the LA that holds each record (the LA's own
    work), and every learner on it is one the policy lets the person see."""
    user = User.objects.get(pk=named_world.users[who].pk)
    allowed = _by_policy(user)
    la_ids = {m.local_authority_id for m in user.active_memberships if m.role_enum in LA_ROLES}
    held = {r.pk for r in LaRequest.objects.filter(local_authority_id__in=la_ids)}
    assert {r.pk for r in open_la_requests_for(user=user)} == held
    held_appeals = {a.pk for a in Appeal.objects.filter(local_authority_id__in=la_ids)}
    assert {a.pk for a in open_appeals_for(user=user)} == held_appeals
    dashboard = dashboard_for(user=user)
    shown = {r.learner_id for r in dashboard.requests}
    shown |= {a.learner_id for a in dashboard.appeals}
    shown |= {o.appeal.learner_id for o in dashboard.orders}
    assert shown <= allowed


@pytest.mark.xfail(
    strict=True,
    reason="The dashboard lists an LA's open requests, appeals and orders by the LA that holds "
    "them, not by the learner's relationship: a learner who has moved to another LA stays on "
    "the old LA's dashboard (name shown), while the record's own page answers 404.",
)
def test_a_learner_who_moved_away_leaves_the_old_las_dashboard():
    world = _base_world()
    manager = _member(world, Role.LA_ALN_MANAGER)
    learner = _learner(world, "moved", home=0, school=None)
    Learner.objects.filter(pk=learner.pk).update(home_local_authority=world.authorities[1])
    manager = User.objects.get(pk=manager.pk)
    assert learner.pk not in _by_policy(manager)
    dashboard = dashboard_for(user=manager)
    assert learner.pk not in {r.learner_id for r in dashboard.requests}


# --- Random worlds ------------------------------------------------------------------------------

_ENROLMENT = st.sampled_from(["none", "current", "ended", "future", "ends-today"])
_GRANT = st.sampled_from(["none", "open-ended", "expired", "until-today"])
_LEARNER = st.fixed_dictionaries(
    {
        "home": st.integers(0, 1),
        "looked_after_by": st.sampled_from([None, 0, 1]),
        "school": st.integers(0, 2),
        "enrolment": _ENROLMENT,
        "second_school": st.sampled_from([None, 0, 1, 2]),
        "family_of": st.sampled_from([None, 0, 1]),  # which parent-ish user, if any
        "own_user": st.booleans(),
        "grant": _GRANT,
        "grantee": st.sampled_from(
            [Role.HEALTH_PROFESSIONAL, Role.DECLO, Role.LA_SERVICE_PRACTITIONER, Role.ADVOCATE]
        ),
    }
)
_USER_PLACES = st.fixed_dictionaries({role: st.integers(0, 2) for role in Role})


def _enrol(learner, setting, state):
    starts, ends = {
        "current": (today() - 100 * DAY, None),
        "ended": (today() - 100 * DAY, today() - DAY),
        "future": (today() + DAY, None),
        "ends-today": (today() - 100 * DAY, today()),
    }[state]
    EnrolmentFactory(learner=learner, setting=setting, started_on=starts, ended_on=ends)


def _random_world(places, specs) -> World:
    world = _base_world()
    for role in Role:
        world.users[role.value] = _member(world, role, where=places[role])
    # Two users who may be family: the parent, and a headteacher who is also a parent.
    extra = _member(world, Role.HEADTEACHER, where=places[Role.HEADTEACHER] + 1)
    MembershipFactory(user=extra, role=Role.PARENT.value)
    world.users["headteacher-and-parent"] = extra
    family = [world.users["parent"], extra]
    own_user_taken = False
    for number, spec in enumerate(specs):
        looked_after = spec["looked_after_by"]
        learner = LearnerFactory(
            home_local_authority=world.authorities[spec["home"]],
            is_looked_after=looked_after is not None,
            looked_after_by=world.authorities[looked_after] if looked_after is not None else None,
        )
        if spec["enrolment"] != "none":
            _enrol(learner, world.schools[spec["school"]], spec["enrolment"])
        if spec["second_school"] is not None:
            _enrol(learner, world.schools[spec["second_school"]], "current")
        if spec["family_of"] is not None:
            parent = family[spec["family_of"]]
            member = getattr(parent, "family_member", None) or FamilyMemberFactory(user=parent)
            FamilyLinkFactory(learner=learner, family_member=member)
        if spec["own_user"] and not own_user_taken:
            Learner.objects.filter(pk=learner.pk).update(user=world.users["young_person"])
            own_user_taken = True
        if spec["grant"] != "none":
            expires = {"open-ended": None, "expired": today() - DAY, "until-today": today()}
            LearnerAccessGrantFactory(
                learner=learner,
                user=world.users[spec["grantee"].value],
                expires_on=expires[spec["grant"]],
            )
        _records(learner, world.schools[spec["school"]] if spec["enrolment"] != "none" else None)
        world.learners[str(number)] = learner
    return world


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(places=_USER_PLACES, specs=st.lists(_LEARNER, min_size=1, max_size=5))
def test_selectors_and_policy_agree_in_random_worlds(places, specs):
    # Each example builds its world in a savepoint and throws it away, so examples never mix.
    with transaction.atomic():
        world = _random_world(places, specs)
        for user in world.users.values():
            _assert_parity(user, each_record=False)  # the named world tries every record
        transaction.set_rollback(True)

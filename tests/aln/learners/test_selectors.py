import datetime
import random

import pytest

from aln.common.clock import today
from aln.domain.access import may_see_learner
from aln.domain.roles import ROLE_ORGANISATION, OrganisationKind, Role
from aln.learners.facts import actor_facts, learner_facts
from aln.learners.models import Learner
from aln.learners.selectors import LearnerSearch, learner_list_for, learner_visible_queryset
from aln.organisations.models import HealthBoard
from tests.factories import (
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LAServiceFactory,
    LearnerAccessGrantFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db


def _random_world(rng: random.Random):
    authorities = [LocalAuthorityFactory(code=code) for code in ("990", "991")]
    settings = [SettingFactory(local_authority=rng.choice(authorities)) for _ in range(3)]
    service = LAServiceFactory(lead_authority=authorities[0])
    board = HealthBoard.objects.get(code="7A1")
    users = []
    for role in Role:
        for _ in range(2):
            kind = ROLE_ORGANISATION[role]
            organisation = {
                OrganisationKind.LOCAL_AUTHORITY: {"local_authority": rng.choice(authorities)},
                OrganisationKind.SETTING: {"setting": rng.choice(settings)},
                OrganisationKind.LA_SERVICE: {"service": service},
                OrganisationKind.HEALTH_BOARD: {"health_board": board},
                OrganisationKind.NONE: {},
            }[kind]
            users.append(MembershipFactory(role=role.value, **organisation).user)
    on = today()
    for _ in range(15):
        looked_after = rng.random() < 0.2
        learner = LearnerFactory(
            home_local_authority=rng.choice(authorities),
            is_looked_after=looked_after,
            looked_after_by=rng.choice(authorities) if looked_after else None,
        )
        for _ in range(rng.randint(0, 2)):
            ended = rng.choice(
                [None, on - datetime.timedelta(days=1), on, on + datetime.timedelta(days=30)]
            )
            EnrolmentFactory(
                learner=learner,
                setting=rng.choice(settings),
                ended_on=ended,
                started_on=on - datetime.timedelta(days=400),
            )
        if rng.random() < 0.5:
            parent = rng.choice(users)
            member = getattr(parent, "family_member", None) or FamilyMemberFactory(user=parent)
            FamilyLinkFactory(learner=learner, family_member=member)
        if rng.random() < 0.5:
            expires = rng.choice([None, on - datetime.timedelta(days=1), on])
            LearnerAccessGrantFactory(learner=learner, user=rng.choice(users), expires_on=expires)
        if rng.random() < 0.2:
            candidate = rng.choice(users)
            if not Learner.objects.filter(user=candidate).exists():
                learner.user = candidate
                learner.save()
    return users


@pytest.mark.parametrize("seed", range(4))
def test_selector_and_policy_agree_on_who_sees_whom(seed):
    users = _random_world(random.Random(seed))
    on = today()
    learners = list(
        Learner.objects.prefetch_related(
            "enrolments__setting", "family_links__family_member", "access_grants"
        )
    )
    for stale in users:
        user = type(stale).objects.get(pk=stale.pk)  # fresh memberships cache
        by_policy = {
            row.pk for row in learners if may_see_learner(actor_facts(user), learner_facts(row, on))
        }
        by_query = set(learner_visible_queryset(user=user).values_list("pk", flat=True))
        assert by_query == by_policy, user.active_memberships


def test_search_combines_filters(alnco, school):
    wanted = EnrolmentFactory(
        setting=school, learner__first_name="Cerys", learner__last_name="Pritchard"
    ).learner
    EnrolmentFactory(setting=school, learner__first_name="Cerys", learner__last_name="Jones")
    found = learner_list_for(user=alnco, search=LearnerSearch(name="cerys prit"))
    assert list(found) == [wanted]


def test_list_has_current_settings_prefetched(alnco, school, django_assert_num_queries):
    EnrolmentFactory.create_batch(5, setting=school)
    fresh = type(alnco).objects.get(pk=alnco.pk)
    with django_assert_num_queries(3):  # memberships, learners, current enrolments
        rows = list(learner_list_for(user=fresh))
        assert all(r.current_enrolments[0].setting == school for r in rows)

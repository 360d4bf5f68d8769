"""Every role against every URL: what the policy allows answers 200, anything else 404."""

import pytest
from django.urls import reverse

from aln.domain.access import role_may
from aln.domain.roles import ROLE_ORGANISATION, OrganisationKind, Role
from aln.organisations.models import HealthBoard
from tests.architecture.url_walk import all_routes
from tests.factories import (
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LAServiceFactory,
    LearnerAccessGrantFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

PROTECTED = [r for r in all_routes() if not getattr(r.view_class, "public", False)]


def _member(role: Role, authority, school, service, board):
    kind = ROLE_ORGANISATION[role]
    organisation = {
        OrganisationKind.LOCAL_AUTHORITY: {"local_authority": authority},
        OrganisationKind.SETTING: {"setting": school},
        OrganisationKind.LA_SERVICE: {"service": service},
        OrganisationKind.HEALTH_BOARD: {"health_board": board},
        OrganisationKind.NONE: {},
    }[kind]
    return MembershipFactory(role=role.value, **organisation).user


@pytest.fixture
def world():
    authority = LocalAuthorityFactory(code="998")
    school = SettingFactory(local_authority=authority, kind="primary")
    service = LAServiceFactory(lead_authority=authority)
    board = HealthBoard.objects.get(code="7A1")
    learner = EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner
    stranger = EnrolmentFactory(setting=SettingFactory()).learner
    return {
        "authority": authority,
        "school": school,
        "service": service,
        "board": board,
        "learner": learner,
        "stranger": stranger,
    }


def _link_to_learner(role: Role, user, learner):
    """Give relationship-based roles their relationship with `learner`."""
    if role is Role.PARENT:
        FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=user))
    elif role is Role.YOUNG_PERSON:
        learner.user = user
        learner.save()
    elif role in {
        Role.HEALTH_PROFESSIONAL,
        Role.DECLO,
        Role.LA_SERVICE_PRACTITIONER,
        Role.ADVOCATE,
    }:
        LearnerAccessGrantFactory(learner=learner, user=user)


def _url(route, learner):
    if "<uuid:learner_id>" in route.pattern:
        return reverse(route.name, kwargs={"learner_id": learner.pk})
    return reverse(route.name)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_on_each_url(client, world, role):
    user = _member(role, world["authority"], world["school"], world["service"], world["board"])
    _link_to_learner(role, user, world["learner"])
    client.force_login(user)
    for route in PROTECTED:
        action = route.view_class.required_action
        expected = 200 if role_may(role, action) else 404
        response = client.get(_url(route, world["learner"]))
        assert response.status_code == expected, (role, route.name, response.status_code)
        if "<uuid:learner_id>" in route.pattern:
            # Nobody has a relationship with the stranger: same 404 as a missing record.
            assert client.get(_url(route, world["stranger"])).status_code == 404, (role, route.name)


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for route in PROTECTED:
        response = client.get(_url(route, world["learner"]))
        assert response.status_code == 302, route.name
        assert response.url.startswith(reverse("accounts:sign-in")), route.name


def test_a_user_with_no_role_gets_only_the_home_page(client, world):
    user = MembershipFactory(role="alnco", setting=world["school"], is_active=False).user
    client.force_login(user)
    for route in PROTECTED:
        expected = 200 if route.name == "home:home" else 404
        assert client.get(_url(route, world["learner"])).status_code == expected, route.name
    home = client.get(reverse("home:home"))
    assert b"has no role yet" in home.content

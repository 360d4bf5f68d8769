"""Every role against every URL: what the policy allows answers 200, anything else 404."""

import datetime

import pytest
from django.urls import reverse

from aln.accounts.views import TwoStepPageMixin
from aln.audit.services import audit_record
from aln.cases.views.actions import CaseActionView
from aln.disputes.views.base import DisputeMoveMixin
from aln.domain.access import role_may
from aln.domain.roles import ROLE_ORGANISATION, OrganisationKind, Role
from aln.idps.views.base import PlanActionMixin
from aln.idps.views.editor import IdpStartView
from aln.organisations.models import HealthBoard
from tests.architecture.url_walk import all_routes
from tests.factories import (
    ActingForFactory,
    AppealFactory,
    AttachmentFactory,
    CalendarClosureFactory,
    CalendarTermFactory,
    CapacityRecordFactory,
    CaseFactory,
    DeadlineFactory,
    ElementFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    IdpFactory,
    IdpVersionFactory,
    LaRequestFactory,
    LAServiceFactory,
    LearnerAccessGrantFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NeedFactory,
    NoticeFactory,
    ReviewFactory,
    ReviewRequestFactory,
    SettingFactory,
    SupportProviderFactory,
    SupportReferralFactory,
    TransferFactory,
    TribunalOrderFactory,
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
        "records": {
            learner.pk: _records(learner, authority, school),
            stranger.pk: _records(stranger, stranger.home_local_authority, None),
        },
        "authority": authority,
        "school": school,
        "service": service,
        "board": board,
        "learner": learner,
        "stranger": stranger,
    }


def _records(learner, authority, school):
    """A case and a missed NHS-response deadline for the learner, and term dates in its LA.

    An NHS response is the one deadline every role allowed to act on deadlines acts on: the LA
    (responsible for the learner), the school's ALNCo, headteacher and FEI lead, and the DECLO.
    """
    case = CaseFactory(
        learner=learner,
        local_authority=learner.home_local_authority,
        setting=school or SettingFactory(),
    )
    deadline = DeadlineFactory(
        case=case,
        rule_id="nhs-response",
        due_on=datetime.date(2020, 1, 31),
        started_on=datetime.date(2019, 12, 1),
    )
    term = CalendarTermFactory(local_authority=authority)
    closure = CalendarClosureFactory(local_authority=authority, setting=school)
    plan = _plan(learner, school)
    return {
        **plan,
        **_disputes(learner, case),
        "case_id": case.pk,
        "deadline_id": deadline.pk,
        "term_id": term.pk,
        "closure_id": closure.pk,
        "notice_id": NoticeFactory(case=case).pk,
        "provider_id": SupportProviderFactory(local_authority=authority).pk,
        # An audit event of the authority: its data protection officer opens it, nobody else.
        "event_id": audit_record(
            actor=None,
            event_type="learner.viewed",
            subject=learner,
            local_authority_id=authority.pk,
        ).pk,
    }


def _plan(learner, school):
    """A school plan in force (version 1 given) with a revision draft, and its records."""
    idp = IdpFactory(
        case__learner=learner,
        case__local_authority=learner.home_local_authority,
        case__setting=school or SettingFactory(),
    )
    given = IdpVersionFactory(
        idp=idp, number=1, state="issued", issued_on=datetime.date(2026, 1, 12)
    )
    draft = IdpVersionFactory(idp=idp, number=2)
    need = NeedFactory(version=draft)
    element = ElementFactory(version=draft, need_keys=[need.key])
    return {
        "idp_id": idp.pk,
        "number": 1,
        "section": "about",
        "version_id": draft.pk,
        "need_id": need.pk,
        "element_id": element.pk,
        "attachment_id": AttachmentFactory(idp=idp).pk,
        "review_id": ReviewFactory(idp=idp, version=given).pk,
        "request_id": ReviewRequestFactory(idp=idp).pk,
        "transfer_id": TransferFactory(idp=idp).pk,
    }


def _disputes(learner, case):
    """An open request to the LA, a lodged appeal with an open order, a referral to
    disagreement resolution, a view on capacity and a case friend, all about the learner."""
    appeal = AppealFactory(case=case)
    return {
        "la_request_id": LaRequestFactory(case=case).pk,
        "appeal_id": appeal.pk,
        "order_id": TribunalOrderFactory(appeal=appeal).pk,
        "referral_id": SupportReferralFactory(learner=learner, case=case).pk,
        "capacity_id": CapacityRecordFactory(learner=learner).pk,
        "acting_for_id": ActingForFactory(learner=learner).pk,
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


def _url(route, learner, records):
    """The route for a record about `learner` (its own, or one of its records)."""
    kwargs = {"learner_id": learner.pk, **records[learner.pk]}
    wanted = {
        name: kwargs[name]
        for name in kwargs
        if any(f"<{kind}:{name}>" in route.pattern for kind in ("uuid", "int", "slug"))
    }
    return reverse(route.name, kwargs=wanted)


def _is_case_move(route) -> bool:
    # Starting a plan is a move on the case: it, too, goes back to the case page when refused.
    return issubclass(route.view_class, (CaseActionView, IdpStartView))


def _is_plan_change(route) -> bool:
    return issubclass(route.view_class, PlanActionMixin)


def _is_dispute_move(route) -> bool:
    return issubclass(route.view_class, DisputeMoveMixin)


def _is_two_step_page(route) -> bool:
    # A page about the person's own two-step sign-in with nothing to do on it (no app set up, no
    # new recovery codes to show, no code owed) sends them on to their account or the home page.
    return issubclass(route.view_class, TwoStepPageMixin)


def _about_a_record(route) -> bool:
    return "<uuid:" in route.pattern or "<int:event_id>" in route.pattern


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_on_each_url(client, world, role):
    user = _member(role, world["authority"], world["school"], world["service"], world["board"])
    _link_to_learner(role, user, world["learner"])
    client.force_login(user)
    for route in PROTECTED:
        action = route.view_class.required_action
        expected = 200 if role_may(role, action) else 404
        response = client.get(_url(route, world["learner"], world["records"]))
        if expected == 200 and _is_case_move(route) and response.status_code == 302:
            # A move the case's stage (or the person's part in it) does not allow now goes back
            # to the case page, which says why.
            case_page = reverse(
                "cases:case-detail", args=[world["records"][world["learner"].pk]["case_id"]]
            )
            assert response.url == case_page, (role, route.name)
            continue
        if expected == 200 and _is_plan_change(route) and response.status_code == 302:
            # Someone who may see the plan but does not act for the body maintaining it, or a
            # change the plan's stage does not allow now, goes back to the plan page.
            plan_page = reverse("idps:plan", args=[world["records"][world["learner"].pk]["idp_id"]])
            assert response.url == plan_page, (role, route.name)
            continue
        if expected == 200 and _is_dispute_move(route) and response.status_code == 302:
            # A move the record's stage (or the person's part in it) does not allow now goes
            # back to the record's page under /disputes/, which says why.
            assert response.url.startswith("/disputes/"), (role, route.name, response.url)
            continue
        if expected == 200 and _is_two_step_page(route) and response.status_code == 302:
            assert response.url in {reverse("accounts:account"), reverse("home:home")}, (
                role,
                route.name,
            )
            continue
        assert response.status_code == expected, (role, route.name, response.status_code)
        if _about_a_record(route):
            # Nobody has a relationship with the stranger: same 404 as a missing record.
            stranger = _url(route, world["stranger"], world["records"])
            assert client.get(stranger).status_code == 404, (role, route.name)


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for route in PROTECTED:
        response = client.get(_url(route, world["learner"], world["records"]))
        assert response.status_code == 302, route.name
        assert response.url.startswith(reverse("accounts:sign-in")), route.name


# A signed-in person with no role yet still reaches the home page and their own account (and the
# inactivity warning's keep-alive, which every page for a signed-in person uses).
NEEDS_NO_ROLE = {
    "home:home",
    "accounts:account",
    "accounts:sign-out-everywhere",
    "common:session-keep-alive",
}


def test_a_user_with_no_role_gets_only_the_home_page_and_their_account(client, world):
    user = MembershipFactory(role="alnco", setting=world["school"], is_active=False).user
    client.force_login(user)
    for route in PROTECTED:
        expected = 200 if route.name in NEEDS_NO_ROLE or _is_two_step_page(route) else 404
        status = client.get(_url(route, world["learner"], world["records"])).status_code
        if _is_two_step_page(route) and status == 302:
            continue  # nothing to do there, as above
        assert status == expected, route.name
    home = client.get(reverse("home:home"))
    assert b"has no role yet" in home.content

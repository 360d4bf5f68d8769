"""The demo's disagreements: requests to the LA on every route and in every status, appeals at
each stage with their orders, referrals, and a case friend, made through the disputes services."""

from collections import Counter

import pytest
from django.urls import reverse

from aln.accounts.models import User
from aln.audit.models import AuditEvent
from aln.common.clock import today
from aln.demo import builder
from aln.demo.disputes import create_demo_disputes, demo_disputes
from aln.disputes.models import (
    ActingFor,
    Appeal,
    CapacityRecord,
    LaRequest,
    SupportReferral,
    TribunalOrder,
)
from aln.disputes.selectors.dashboard import dashboard_for
from aln.disputes.selectors.standing import standing_for
from aln.disputes.selectors.support import appeal_effect
from aln.domain.disagreements import SupportKind
from aln.domain.process import Stage
from aln.domain.responsibility import Body
from aln.idps.models import Transfer
from aln.organisations.models import LocalAuthority
from tests.aln.demo.loading import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def la(demo_output):
    return LocalAuthority.objects.get(code=builder.DEMO_LA_CODE)


@pytest.fixture
def officer(la):
    return User.objects.get(email="la.officer@demo.example")


@pytest.fixture
def requests(la):
    return list(
        LaRequest.objects.filter(local_authority=la).select_related(
            "case__idp", "notice", "requested_by", "deadline"
        )
    )


def one(rows, **wanted):
    found = [row for row in rows if all(getattr(row, k) == v for k, v in wanted.items())]
    assert len(found) == 1, wanted
    return found[0]


def test_requests_on_every_route_and_in_every_status(requests):
    assert Counter((r.route, r.status) for r in requests) == {
        ("reconsider_aln", "open"): 1,
        ("reconsider_aln", "decided"): 1,
        ("reconsider_aln", "exception"): 1,
        ("reconsider_idp", "decided"): 1,
        ("reconsider_idp", "withdrawn"): 1,
        ("take_over_idp", "decided"): 1,
        ("reconsider_ceasing", "open"): 1,
    }
    # s.26, open: the governing body invited to make representations, the LA's answer due.
    waiting = one(requests, route="reconsider_aln", status="open")
    assert waiting.representations_invited_on is not None
    assert waiting.deadline.state == "open"
    assert waiting.deadline.due_on > today()
    # s.26, a different decision: the learner has ALN and the LA prepares the plan.
    changed = one(requests, route="reconsider_aln", status="decided")
    assert changed.outcome == "aln_decision_changed"
    assert changed.representations
    assert changed.notice.kind == "has_aln"
    assert changed.case.stage == Stage.IDP_DUE
    assert changed.case.deciding_body == Body.LOCAL_AUTHORITY.value
    # s.27, the LA will not revise the plan.
    kept = one(requests, route="reconsider_idp", status="decided")
    assert kept.outcome == "no_revision"
    assert kept.notice.kind == "no_revision"
    # s.28, asked for by the school's governing body online, the family invited; taken over.
    taken = one(requests, route="take_over_idp")
    assert taken.requester == "governing_body"
    assert taken.requested_by.email == "headteacher@demo.example"
    assert taken.outcome == "taken_over"
    assert taken.case.idp.maintained_by == Body.LOCAL_AUTHORITY.value
    assert Transfer.objects.filter(idp=taken.case.idp, kind="la_takes_over").exists()
    # s.32, within the 4 weeks, open.
    ceasing = one(requests, route="reconsider_ceasing")
    assert ceasing.received_on <= ceasing.case.idp.reconsideration_closes_on
    assert ceasing.deadline.state == "open"
    # s.29: the duty did not apply, with the letter giving the reasons.
    exception = one(requests, status="exception")
    assert exception.duty_exception
    assert exception.exception_reasons
    assert exception.notice.kind == "request_exception"
    assert exception.notice.size_bytes > 0
    # Withdrawn by the demo parent, who asked online.
    withdrawn = one(requests, status="withdrawn")
    assert withdrawn.requested_by.email == builder.PARENT_EMAIL
    assert withdrawn.deadline.state == "closed"


def test_appeals_at_each_stage_with_their_orders(la, officer):
    appeals = list(Appeal.objects.filter(local_authority=la))
    assert Counter(a.stage for a in appeals) == {
        "lodged": 1,
        "late_permission_sought": 1,
        "hearing_listed": 1,
        "decided": 1,
    }
    lodged = one(appeals, stage="lodged")
    assert lodged.extended
    assert lodged.received_on <= lodged.last_day
    assert lodged.la_request is not None  # against the LA's answer to a request
    late = one(appeals, stage="late_permission_sought")
    assert late.received_on > late.last_day
    assert late.late_permission is None
    listed = one(appeals, stage="hearing_listed")
    assert listed.hearing_on > today()
    assert listed.case_statement_due_on
    decided = one(appeals, stage="decided")
    assert decided.decision == "allowed"
    assert decided.decision_sent_on <= today()
    orders = list(TribunalOrder.objects.filter(appeal=decided))
    assert len(orders) == 2
    done = [order for order in orders if order.completed_on is not None]
    assert len(done) == 1
    assert done[0].completed_on <= today()
    open_order = one(orders, completed_on=None)
    assert open_order.owner == officer
    assert open_order.comply_by >= today()


def test_referrals_and_a_case_friend(la):
    referrals = list(SupportReferral.objects.filter(local_authority=la).select_related("notice"))
    assert Counter(r.kind for r in referrals) == {"disagreement_resolution": 1, "advocacy": 1}
    resolution = one(referrals, kind="disagreement_resolution")
    effect = appeal_effect(
        kind=SupportKind.DISAGREEMENT_RESOLUTION,
        notice=resolution.notice,
        referred_on=resolution.referred_on,
    )
    assert effect is not None
    assert effect.extends
    assert Appeal.objects.get(notice=resolution.notice).last_day == effect.last_day
    advocacy = one(referrals, kind="advocacy")
    assert advocacy.outcome
    assert advocacy.outcome_on <= today()
    friend = ActingFor.objects.get(learner__home_local_authority=la, kind="case_friend")
    view = CapacityRecord.objects.get(learner=friend.learner)
    assert view.lacks_capacity
    assert view.assessor == "local_authority"
    standing = standing_for(learner=friend.learner, on=today())
    assert standing.child_lacks_capacity
    assert standing.has_case_friend


def test_made_through_the_services(la, requests):
    events = Counter(
        AuditEvent.objects.filter(event_type__startswith="dispute.").values_list(
            "event_type", flat=True
        )
    )
    assert events["dispute.request_recorded"] == len(requests)
    for event in (
        "dispute.representations_invited",
        "dispute.representations_recorded",
        "dispute.request_decided",
        "dispute.exception_recorded",
        "dispute.exception_notice_given",
        "dispute.request_withdrawn",
        "dispute.appeal_recorded",
        "dispute.appeal_late_permission_sought",
        "dispute.appeal_registered",
        "dispute.appeal_hearing_listed",
        "dispute.appeal_decided",
        "dispute.order_recorded",
        "dispute.order_completed",
        "dispute.referral_recorded",
        "dispute.referral_outcome_recorded",
        "dispute.capacity_recorded",
        "dispute.acting_for_appointed",
    ):
        assert events[event] >= 1, event
    now = today()
    assert all(r.received_on <= now and (r.decided_on or now) <= now for r in requests)


def test_the_parent_sees_a_request_on_their_childs_log(client, la):
    parent = User.objects.get(email=builder.PARENT_EMAIL)
    mine = LaRequest.objects.get(local_authority=la, requested_by=parent)
    client.force_login(parent)
    response = client.get(reverse("disputes:log", kwargs={"learner_id": mine.learner_id}))
    assert response.status_code == 200
    assert reverse("disputes:request", kwargs={"la_request_id": mine.pk}) in response.text
    assert (
        client.get(reverse("disputes:request", kwargs={"la_request_id": mine.pk})).status_code
        == 200
    )


def test_the_la_officer_has_them_on_the_dashboard_and_home_page(client, la, officer):
    board = dashboard_for(user=officer)
    open_requests = LaRequest.objects.filter(local_authority=la, status="open")
    assert {r.pk for r in board.requests} == set(open_requests.values_list("pk", flat=True))
    assert len(board.requests) == 2
    assert {a.stage for a in board.appeals} >= {
        "lodged",
        "late_permission_sought",
        "hearing_listed",
        "decided",
    }
    assert len(board.orders) == 1
    client.force_login(officer)
    page = client.get(reverse("disputes:dashboard")).text
    for la_request in open_requests:
        assert reverse("disputes:request", kwargs={"la_request_id": la_request.pk}) in page
    order = TribunalOrder.objects.get(appeal__local_authority=la, completed_on__isnull=True)
    home = client.get(reverse("home:home")).text
    assert reverse("disputes:order", kwargs={"order_id": order.pk}) in home


def test_the_printout_and_loading_again_adds_nothing(la, demo_output):
    rows = demo_disputes(la)
    assert "Example disagreements, one of each kind" in demo_output
    for row in rows:
        assert f"{row.path} ({row.sign_in_as})" in demo_output
        assert row.sign_in_as.endswith("@demo.example")
    models = (LaRequest, Appeal, TribunalOrder, SupportReferral, CapacityRecord, ActingFor)
    counts = [model.objects.count() for model in (*models, AuditEvent)]
    again = load_demo()
    assert "already loaded" in again
    assert "Example disagreements, one of each kind" in again
    assert create_demo_disputes(la, {}, {}, today()) == []
    assert [model.objects.count() for model in (*models, AuditEvent)] == counts

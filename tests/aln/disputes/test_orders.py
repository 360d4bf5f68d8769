"""What the Tribunal ordered: recorded after a decision that allows the appeal, owned by someone
at the LA, shown on their home page, and followed to completion (spec §6.1, T20; an order to
revise the IDP counts as the review, Act s.23(6))."""

import pytest
from django.urls import reverse

from aln.common.errors import ServiceError
from aln.deadlines.models import Deadline
from aln.disputes.models import TribunalOrder
from aln.disputes.selectors.appeals import orders_owned_by
from aln.disputes.services.appeals import (
    AppealError,
    order_assign,
    order_complete,
    order_record,
)
from aln.domain.disagreements import OrderKind, OrderProblem
from aln.domain.process import ProcessError
from aln.notifications.models import OutboxMessage
from tests.aln.disputes.test_appeals_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_appeals_setup import D, an_appeal, events
from tests.conftest import signed_in
from tests.factories import DeadlineFactory, MembershipFactory, TribunalOrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(la_notice):
    """The appeal allowed on 28 January 2027 (decision sent the next day)."""
    return an_appeal(la_notice, stage="decided")


def _record(actor, appeal, **changes):
    arguments = {
        "actor": actor,
        "appeal": appeal,
        "kind": OrderKind.PREPARE_IDP,
        "details": "The local authority must prepare an IDP for Cai.",
        "made_on": D("2027-01-28"),
        "comply_by": D("2027-03-25"),
        **changes,
    }
    return order_record(**arguments)


def _refused(code, call, *args, **kwargs):
    with pytest.raises(ServiceError) as refusal:
        call(*args, **kwargs)
    assert refusal.value.code == code
    return refusal.value


# --- Recording orders ---------------------------------------------------------------------------


def test_an_order_is_recorded_with_the_date_it_states_and_owned_by_the_recorder(officer, decided):
    order = _record(officer, decided)
    order.refresh_from_db()
    assert (order.kind, order.comply_by, order.owner_id) == (
        "prepare_idp",
        D("2027-03-25"),
        officer.pk,
    )
    (event,) = events(decided, "dispute.order_recorded")
    assert event.changes["order"] == str(order.pk)
    assert event.changes["comply_by"] == "2027-03-25"
    assert not OutboxMessage.objects.exists()  # nobody to tell: the owner recorded it


def test_another_owner_is_emailed_in_their_language_without_the_learners_name(
    officer, colleague, decided
):
    order = _record(officer, decided, owner=colleague)
    assert order.owner_id == colleague.pk
    (email,) = OutboxMessage.objects.all()
    assert email.to_email == "manager@la.example"
    assert email.language == "cy"
    assert reverse("disputes:order", args=[order.pk]) in email.body
    assert "Cai" not in email.body
    assert "Zebedee" not in email.subject + email.body


@pytest.mark.parametrize(
    ("stage", "decision"),
    [
        ("decided", "dismissed"),
        ("decided", "struck_out"),
        ("hearing_listed", ""),
        ("closed", "allowed"),
    ],
)
def test_orders_follow_only_a_decision_that_allows_the_appeal(officer, la_notice, stage, decision):
    appeal = an_appeal(la_notice, stage=stage, decision=decision)
    _refused(AppealError.ORDER_NOT_ALLOWED, _record, officer, appeal)
    assert not TribunalOrder.objects.exists()


def test_a_concession_leads_to_orders(officer, la_notice):
    appeal = an_appeal(la_notice, stage="decided", decision="conceded")
    assert _record(officer, appeal).appeal_id == appeal.pk


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"comply_by": None}, OrderProblem.COMPLY_BY_REQUIRED, "comply_by"),
        ({"comply_by": D("2027-01-27")}, OrderProblem.COMPLY_BY_BEFORE_ORDER, "comply_by"),
        ({"made_on": D("2027-01-27")}, AppealError.ORDER_BEFORE_DECISION, "made_on"),
        ({"made_on": D("2027-02-11")}, ProcessError.DATE_IN_FUTURE, "made_on"),
        ({"details": "  "}, ProcessError.REQUIRED, "details"),
    ],
)
def test_the_order_is_checked(officer, decided, changes, code, field):
    refusal = _refused(code, _record, officer, decided, **changes)
    assert refusal.field == field
    assert not TribunalOrder.objects.exists()
    assert events(decided) == []


def test_the_owner_must_act_for_the_la(officer, other_officer, decided, school):
    for person in (other_officer, MembershipFactory(role="alnco", setting=school).user):
        refusal = _refused(AppealError.OWNER_NOT_ALLOWED, _record, officer, decided, owner=person)
        assert refusal.field == "owner"
    assert not TribunalOrder.objects.exists()


def test_only_the_las_deciders_record_orders(other_officer, decided):
    _refused(AppealError.NOT_YOURS, _record, other_officer, decided)


# --- Following an order up ----------------------------------------------------------------------


def test_an_order_is_given_to_someone_else(officer, colleague, decided):
    order = _record(officer, decided)
    order_assign(actor=officer, order=order, version=1, owner=colleague)
    order.refresh_from_db()
    assert (order.owner_id, order.version) == (colleague.pk, 2)
    (event,) = events(decided, "dispute.order_assigned")
    assert event.changes["owner"] == [officer.pk, colleague.pk]
    assert OutboxMessage.objects.get().to_email == "manager@la.example"


def test_a_stale_version_of_an_order_is_refused(officer, colleague, decided):
    order = _record(officer, decided)
    order_assign(actor=colleague, order=order, version=1, owner=colleague)
    stale = TribunalOrder.objects.get(pk=order.pk)
    _refused(
        AppealError.ORDER_CHANGED_BY_SOMEONE_ELSE,
        order_complete,
        actor=officer,
        order=stale,
        version=1,
        completed_on=D("2027-02-09"),
    )
    stale.refresh_from_db()
    assert stale.completed_on is None


def test_an_order_is_complied_with_once(officer, decided):
    order = _record(officer, decided)
    order_complete(
        actor=officer, order=order, version=1, completed_on=D("2027-02-09"), notes="IDP given."
    )
    order.refresh_from_db()
    assert (order.completed_on, order.completion_notes) == (D("2027-02-09"), "IDP given.")
    (event,) = events(decided, "dispute.order_completed")
    assert event.changes["review_deadline_met"] is None
    _refused(
        AppealError.ORDER_ALREADY_COMPLETE,
        order_complete,
        actor=officer,
        order=order,
        version=2,
        completed_on=D("2027-02-10"),
    )


def test_completion_before_the_order_is_refused(officer, decided):
    order = _record(officer, decided)
    refusal = _refused(
        AppealError.COMPLETED_BEFORE_ORDER,
        order_complete,
        actor=officer,
        order=order,
        version=1,
        completed_on=D("2027-01-27"),
    )
    assert refusal.field == "completed_on"
    order.refresh_from_db()
    assert order.completed_on is None


def _review_deadline(case, due_on):
    return DeadlineFactory(
        case=case, rule_id="idp-review", started_on=D("2026-06-01"), due_on=due_on, setting=None
    )


@pytest.mark.parametrize(
    ("kind", "review_due_on", "met"),
    [
        # Ordered on 28 January 2027, within the period that ends on 31 May 2027: the review.
        (OrderKind.REVISE_IDP, D("2027-05-31"), True),
        # The period ended before the order was made: it does not count.
        (OrderKind.REVISE_IDP, D("2027-01-27"), False),
        # Only an order to revise the plan counts (s.23(6)).
        (OrderKind.AMEND_ALP, D("2027-05-31"), False),
    ],
)
def test_an_order_to_revise_the_idp_counts_as_the_review(
    officer, decided, kind, review_due_on, met
):
    deadline = _review_deadline(decided.case, review_due_on)
    order = _record(officer, decided, kind=kind)
    order_complete(actor=officer, order=order, version=1, completed_on=D("2027-02-09"))
    deadline.refresh_from_db()
    if met:
        assert (deadline.state, deadline.met_on) == ("met", D("2027-01-28"))  # the order's day
        (event,) = events(decided, "dispute.order_completed")
        assert event.changes["review_deadline_met"] == str(deadline.pk)
    else:
        assert (deadline.state, deadline.met_on) == ("open", None)
    assert Deadline.objects.filter(state="open").count() == (0 if met else 1)


# --- The owner's home page ----------------------------------------------------------------------


def _owned(owner, appeal, count, **fields):
    return TribunalOrderFactory.create_batch(count, appeal=appeal, owner=owner, **fields)


def test_the_owners_open_orders_earliest_first(officer, colleague, decided):
    later = _owned(officer, decided, 1, comply_by=D("2027-03-01"))[0]
    overdue = _owned(officer, decided, 1, comply_by=D("2027-02-01"))[0]
    _owned(officer, decided, 1, completed_on=D("2027-02-02"))
    _owned(colleague, decided, 1)
    assert orders_owned_by(user=officer) == [overdue, later]


def test_the_home_page_lists_the_owners_orders_overdue_first(client, page, authority, decided):
    user = signed_in(client, "la_aln_officer", local_authority=authority)
    _owned(user, decided, 1, comply_by=D("2027-03-01"), kind="revise_idp")
    _owned(user, decided, 1, comply_by=D("2027-02-01"), kind="prepare_idp")
    soup = page.get("/").soup
    rows = soup.select("#tribunal-order-tasks tbody tr")
    assert [row.select_one("td").get_text(strip=True) for row in rows] == [
        "Cai Zebedee-Prys",
        "Cai Zebedee-Prys",
    ]
    assert "Prepare an IDP" in rows[0].get_text()
    assert rows[0].select_one(".govuk-tag--red")  # overdue
    assert not rows[1].select_one(".govuk-tag--red")


def test_the_home_page_of_someone_else_lists_none(client, page, authority, decided, officer):
    _owned(officer, decided, 2)
    signed_in(client, "la_aln_officer", local_authority=authority)
    assert not page.get("/").soup.select_one("#tribunal-order-tasks")


def test_the_home_page_query_count_does_not_grow_with_orders(
    client, page, authority, decided, django_assert_max_num_queries
):
    user = signed_in(client, "la_aln_officer", local_authority=authority)
    _owned(user, decided, 1)
    with django_assert_max_num_queries(40) as few:
        page.get("/")
    _owned(user, decided, 9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        soup = page.get("/").soup
    assert len(soup.select("#tribunal-order-tasks tbody tr")) == 10

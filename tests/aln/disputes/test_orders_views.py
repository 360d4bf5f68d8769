"""The order pages in English and Welsh: recording what the Tribunal ordered, an order's page
(families see it too), giving it to someone else and recording that it was complied with."""

import pytest
from django.urls import reverse
from django.utils import translation

from aln.common.i18n import ORDER_KIND_LABELS, error_message
from aln.disputes.models import TribunalOrder
from aln.disputes.services.appeals import AppealError
from aln.domain.disagreements import OrderKind
from tests.aln.disputes.test_appeals_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_appeals_setup import D, an_appeal
from tests.factories import TribunalOrderFactory

pytestmark = pytest.mark.django_db


def _signed_in(client, user, language="en-gb"):
    user.preferred_language = "cy" if language == "cy" else "en"
    user.save(update_fields=["preferred_language"])
    client.force_login(user)
    return user


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _order_url(name, order):
    return reverse(f"disputes:{name}", kwargs={"order_id": order.pk})


def _new_url(appeal):
    return reverse("disputes:order-new", kwargs={"appeal_id": appeal.pk})


def _appeal_url(appeal):
    return reverse("disputes:appeal", kwargs={"appeal_id": appeal.pk})


@pytest.fixture
def decided(la_notice):
    return an_appeal(la_notice, stage="decided")


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_recording_an_order(client, page, officer, colleague, decided, language):
    _signed_in(client, officer, language)
    soup = page.get(_new_url(decided), language=language).soup
    assert [r["value"] for r in soup.select("input[name=kind]")] == [k.value for k in OrderKind]
    owners = {o["value"] for o in soup.select("select[name=owner] option")}
    assert owners == {str(officer.pk), str(colleague.pk)}
    response = page.client.post(
        _new_url(decided),
        {
            "kind": "revise_idp",
            "details": "Revise section 2B of the IDP.",
            **_date("made_on", D("2027-01-28")),
            **_date("comply_by", D("2027-03-11")),
            "owner": str(colleague.pk),
        },
    )
    order = TribunalOrder.objects.get()
    assert response.url == _order_url("order", order)
    assert (order.kind, order.owner_id, order.comply_by) == (
        "revise_idp",
        colleague.pk,
        D("2027-03-11"),
    )


def test_a_date_to_comply_by_before_the_order_is_refused_on_its_field(
    client, page, officer, decided
):
    _signed_in(client, officer)
    response = page.post(
        _new_url(decided),
        {
            "kind": "prepare_idp",
            "details": "Prepare an IDP.",
            **_date("made_on", D("2027-01-28")),
            **_date("comply_by", D("2027-01-20")),
            "owner": str(officer.pk),
        },
    )
    assert response.soup.select_one("#id_comply_by-error")
    assert not TribunalOrder.objects.exists()


def test_no_orders_before_a_decision_that_allows_them(client, page, officer, la_notice):
    appeal = an_appeal(la_notice, stage="hearing_listed")
    _signed_in(client, officer)
    response = page.client.get(_new_url(appeal))
    assert response.status_code == 302
    assert response.url == _appeal_url(appeal)
    with translation.override("en-gb"):
        assert error_message(AppealError.ORDER_NOT_ALLOWED) in page.get(response.url).soup.text


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_order_page_for_the_la(client, page, officer, decided, language):
    order = TribunalOrderFactory(
        appeal=decided, owner=officer, kind="revise_idp", comply_by=D("2027-02-01")
    )
    _signed_in(client, officer, language)
    soup = page.get(_order_url("order", order), language=language).soup
    with translation.override(language):
        assert str(ORDER_KIND_LABELS[OrderKind.REVISE_IDP]) in soup.select_one("#the-order").text
    assert soup.select_one("#order-status .govuk-tag--red")  # overdue
    assert soup.select_one("#counts-as-review")
    links = {a["href"] for a in soup.select("#order-actions a")}
    assert links == {_order_url("order-complete", order), _order_url("order-assign", order)}


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_family_sees_the_order_but_no_actions(client, page, parent, decided, language):
    order = TribunalOrderFactory(appeal=decided)
    _signed_in(client, parent, language)
    soup = page.get(_order_url("order", order), language=language).soup
    assert soup.select_one("#the-order")
    assert not soup.select_one("#order-actions")
    page.get(_order_url("order-complete", order), status=404)


def test_others_do_not_find_the_order(client, page, other_parent, other_officer, decided):
    order = TribunalOrderFactory(appeal=decided)
    for person in (other_parent, other_officer):
        client.force_login(person)
        page.get(_order_url("order", order), status=404)
        page.get(_order_url("order-complete", order), status=404)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_recording_that_an_order_was_complied_with(client, page, officer, decided, language):
    order = TribunalOrderFactory(appeal=decided, owner=officer, made_on=D("2027-01-28"))
    _signed_in(client, officer, language)
    soup = page.get(_order_url("order-complete", order), language=language).soup
    assert soup.select_one("input[name=version]")["value"] == "1"
    response = page.client.post(
        _order_url("order-complete", order),
        {"version": 1, **_date("completed_on", D("2027-02-09")), "notes": "IDP prepared."},
    )
    assert response.url == _order_url("order", order)
    order.refresh_from_db()
    assert order.completed_on == D("2027-02-09")
    # Complied with: the page now sends the person back with the reason.
    again = page.client.get(_order_url("order-complete", order))
    assert again.status_code == 302
    assert again.url == _order_url("order", order)


def test_giving_an_order_to_a_colleague(client, page, officer, colleague, decided):
    order = TribunalOrderFactory(appeal=decided, owner=officer)
    _signed_in(client, officer)
    page.get(_order_url("order-assign", order))
    page.client.post(_order_url("order-assign", order), {"version": 1, "owner": colleague.pk})
    order.refresh_from_db()
    assert order.owner_id == colleague.pk


def test_an_officer_of_another_la_cannot_be_chosen(client, page, officer, other_officer, decided):
    order = TribunalOrderFactory(appeal=decided, owner=officer)
    _signed_in(client, officer)
    response = page.post(
        _order_url("order-assign", order), {"version": 1, "owner": other_officer.pk}
    )
    assert response.soup.select_one("#id_owner-error")
    order.refresh_from_db()
    assert order.owner_id == officer.pk

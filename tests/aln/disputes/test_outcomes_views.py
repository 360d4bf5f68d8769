"""The LA's answer page and the s.29 letter page, in English and Welsh: only the answers that fit
the route, each explained; refusals in the error summary with nothing saved; stale forms and
answered requests sent back to the request; a 404 for anyone else."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aln.disputes.models import LaRequest
from aln.disputes.services.requests import la_request_record_exception
from aln.domain.disagreements import DutyException, Route
from tests.aln.disputes.test_outcomes_setup import *  # noqa: F403 (fixtures)
from tests.aln.disputes.test_outcomes_setup import (
    DECIDED_ON,
    GIVEN_ON,
    D,
    a_case,
    request_on,
    snapshot,
)
from tests.factories import LocalAuthorityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _url(name, la_request):
    return reverse(f"disputes:{name}", kwargs={"la_request_id": la_request.pk})


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _speaks(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _summary(response):
    return [item.get_text(strip=True) for item in response.soup.select(".govuk-error-summary li")]


def _answer(la_request, **changes):
    return {
        "version": la_request.version,
        "outcome": "aln_decision_changed",
        "has_aln": "yes",
        "directs_school": "no",
        "reasons": "The speech therapist's report shows needs beyond what others get.",
        **_date("decided_on", DECIDED_ON),
        "language": "en",
        "method": "post",
        **_date("given_on", GIVEN_ON),
        **changes,
    }


@pytest.fixture
def aln_request(learner, officer, parent):
    return request_on(Route.RECONSIDER_ALN, a_case("no_aln", learner, officer), officer)


@pytest.fixture
def plan_request(learner, officer, parent):
    return request_on(Route.RECONSIDER_IDP, a_case("plan", learner, officer), officer)


def test_the_la_is_offered_only_the_answers_to_this_route(client, page, officer, aln_request):
    client.force_login(officer)
    response = page.get(_url("request-decide", aln_request))
    soup = response.soup
    outcomes = [radio["value"] for radio in soup.select("input[name=outcome]")]
    assert outcomes == ["aln_decision_confirmed", "aln_decision_changed"]
    # Each answer is explained, and the s.26 questions are always shown (no conditional reveal).
    assert len(soup.select("#answers .govuk-summary-list__row")) == 2
    assert soup.select("input[name=has_aln]")
    assert soup.select("input[name=directs_school]")
    assert not soup.select("[data-aria-controls]")
    assert soup.select_one("#schools-decision").get_text(strip=True)


def test_a_plan_route_asks_no_aln_question(client, page, officer, plan_request):
    client.force_login(officer)
    soup = page.get(_url("request-decide", plan_request)).soup
    outcomes = [radio["value"] for radio in soup.select("input[name=outcome]")]
    assert outcomes == ["no_revision", "revised_school_to_maintain", "revised_and_taken_over"]
    assert not soup.select("input[name=has_aln], input[name=direction_due_on_0]")


def test_the_answer_is_recorded_and_the_person_goes_back_to_the_request(
    client, page, officer, aln_request
):
    client.force_login(officer)
    response = page.post(_url("request-decide", aln_request), _answer(aln_request), status=302)
    assert response.url == _url("request", aln_request)
    stored = LaRequest.objects.get()
    assert (stored.status, stored.outcome) == ("decided", "aln_decision_changed")
    assert stored.notice is not None
    banner = page.get(response.url).soup.select_one(".govuk-notification-banner")
    assert "decision is recorded" in banner.get_text()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reasons": ""}, "id_reasons"),
        ({"outcome": ""}, "id_outcome"),
        ({"outcome": "aln_decision_confirmed"}, "id_outcome"),  # not the school's decision
        ({"has_aln": "no", "directs_school": "yes"}, "id_directs_school"),
        ({"directs_school": "yes"}, "id_direction_due_on_0"),
        (_date("given_on", D("2026-11-26")), "id_given_on_0"),
    ],
)
def test_a_refused_answer_is_shown_on_its_field_and_nothing_is_saved(
    client, page, officer, aln_request, changes, field
):
    client.force_login(officer)
    before = snapshot()
    response = page.post(_url("request-decide", aln_request), _answer(aln_request, **changes))
    links = [a["href"] for a in response.soup.select(".govuk-error-summary a")]
    assert f"#{field}" in links
    assert snapshot() == before


def test_a_stale_form_goes_back_to_the_request(client, page, officer, aln_request):
    client.force_login(officer)
    before = snapshot()
    data = _answer(aln_request, version=aln_request.version - 1)
    response = page.post(_url("request-decide", aln_request), data, status=302)
    assert response.url == _url("request", aln_request)
    assert snapshot() == before


def test_an_answered_request_sends_the_person_back(client, page, officer, aln_request):
    client.force_login(officer)
    page.post(_url("request-decide", aln_request), _answer(aln_request), status=302)
    response = page.get(_url("request-decide", aln_request), status=302)
    assert response.url == _url("request", aln_request)


@pytest.mark.parametrize("who", ["parent", "school", "other_la"])
def test_nobody_else_finds_the_answer_page(client, page, aln_request, parent, school_alnco, who):
    user = {
        "parent": parent,
        "school": school_alnco,
        "other_la": MembershipFactory(
            role="la_aln_officer", local_authority=LocalAuthorityFactory()
        ).user,
    }[who]
    client.force_login(user)
    page.get(_url("request-decide", aln_request), status=404)


def test_the_answer_page_in_welsh(client, page, officer, aln_request):
    _speaks(officer, "cy")
    client.force_login(officer)
    response = page.get(_url("request-decide", aln_request), language="cy")
    soup = response.soup
    assert soup.select("#answers .govuk-summary-list__row")
    with translation.override("cy"):
        assert soup.select_one("h1").get_text(strip=True) == gettext(
            "Record the local authority's decision"
        )
        assert gettext("Record the local authority's decision") != (
            "Record the local authority's decision"
        )
    response = page.post(
        _url("request-decide", aln_request), _answer(aln_request, reasons=""), language="cy"
    )
    with translation.override("cy"):
        assert gettext("Enter the reasons for the decision") in _summary(response)


# --- The s.29 letter ---------------------------------------------------------------------------


@pytest.fixture
def exception_request(aln_request, officer):
    la_request_record_exception(
        actor=officer,
        la_request=aln_request,
        version=aln_request.version,
        exception=DutyException.PREVIOUSLY_RECONSIDERED_NO_CHANGE,
        reasons="We reconsidered in June and nothing has changed since.",
        decided_on=DECIDED_ON,
    )
    return LaRequest.objects.get(pk=aln_request.pk)


def _letter(la_request, **changes):
    return {
        "version": la_request.version,
        "language": "en",
        "method": "post",
        **_date("given_on", GIVEN_ON),
        **changes,
    }


def test_the_exception_letter_is_given_from_its_page(client, page, officer, exception_request):
    client.force_login(officer)
    soup = page.get(_url("request-exception-notice", exception_request)).soup
    assert soup.select_one("#exception").get_text(strip=True)
    response = page.post(
        _url("request-exception-notice", exception_request),
        _letter(exception_request),
        status=302,
    )
    assert response.url == _url("request", exception_request)
    assert LaRequest.objects.get().notice.kind == "request_exception"
    # Once given, the page sends the person back.
    page.get(_url("request-exception-notice", exception_request), status=302)


def test_the_exception_letter_page_refuses_a_date_in_the_future(
    client, page, officer, exception_request
):
    client.force_login(officer)
    before = snapshot()
    response = page.post(
        _url("request-exception-notice", exception_request),
        _letter(exception_request, **_date("given_on", D("2026-12-01"))),
    )
    assert "#id_given_on_0" in [a["href"] for a in response.soup.select(".govuk-error-summary a")]
    assert snapshot() == before


def test_the_exception_letter_page_needs_an_exception(client, page, officer, aln_request):
    client.force_login(officer)
    response = page.get(_url("request-exception-notice", aln_request), status=302)
    assert response.url == _url("request", aln_request)


def test_the_exception_letter_page_in_welsh(client, page, officer, exception_request):
    _speaks(officer, "cy")
    client.force_login(officer)
    soup = page.get(_url("request-exception-notice", exception_request), language="cy").soup
    with translation.override("cy"):
        assert soup.select_one("h1").get_text(strip=True) == gettext(
            "Give the letter with the reasons"
        )


def test_a_school_cannot_give_the_exception_letter(client, page, exception_request, school_alnco):
    client.force_login(school_alnco)
    page.get(_url("request-exception-notice", exception_request), status=404)

"""The request pages in English and Welsh: asking, recording, reading a request, the moves on
it, refusals in the error summary (nothing saved), stale forms, and who gets a 404."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aln.disputes.models import LaRequest
from aln.disputes.services.requests import la_request_record
from aln.domain.disagreements import Requester, Route
from tests.aln.disputes.test_requests_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_requests_setup import (
    TODAY,
    D,
    ceased_plan,
    school_decision,
    school_plan,
    snapshot,
)
from tests.factories import (
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LaRequestFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def _new_url(learner):
    return reverse("disputes:request-new", kwargs={"learner_id": learner.pk})


def _url(name, la_request):
    return reverse(f"disputes:{name}", kwargs={"la_request_id": la_request.pk})


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _speaks(user, language):
    """A signed-in person's saved language wins over the cookie."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _recorded(officer, case, **changes):
    values = {
        "actor": officer,
        "case": case,
        "route": Route.RECONSIDER_ALN,
        "requester": Requester.PARENT,
        "requester_name": "Siân Prys",
        "received_on": D("2026-11-16"),
        "details": "The school did not read the speech therapist's report.",
        **changes,
    }
    return la_request_record(**values)


def _summary(response):
    return [item.get_text(strip=True) for item in response.soup.select(".govuk-error-summary li")]


# --- Asking -----------------------------------------------------------------------------------


def test_a_parent_is_offered_what_they_can_ask_about(client, page, learner, parent):
    school_decision(learner)
    client.force_login(parent)
    response = page.get(_new_url(learner))
    routes = [radio["value"] for radio in response.soup.select("input[name=route]")]
    assert routes == ["reconsider_aln"]
    # Who asks and when follow from the account: no such questions for a family.
    assert not response.soup.select("input[name=requester], input[name=received_on_0]")
    assert "section 26" in response.soup.select_one("#route-explanations").get_text()


def test_a_parent_sends_a_request(client, page, learner, parent, officer):
    case = school_decision(learner)
    client.force_login(parent)
    response = page.post(
        _new_url(learner),
        {"route": "reconsider_aln", "details": "They ignored the therapist's report."},
        status=302,
    )
    la_request = LaRequest.objects.get()
    assert response.url == _url("request", la_request)
    assert (la_request.case_id, la_request.requester, la_request.requested_by_id) == (
        case.pk,
        "parent",
        parent.pk,
    )
    assert la_request.received_on == TODAY
    shown = page.get(response.url)
    banner = shown.soup.select_one(
        ".govuk-notification-banner, .govuk-notification-banner--success"
    )
    assert banner is not None
    assert "13 January 2027" in banner.get_text()


def test_a_refused_request_shows_the_reason_and_saves_nothing(client, page, school, officer):
    young = EnrolmentFactory(
        setting=school,
        learner__home_local_authority=school.local_authority,
        learner__date_of_birth=D("2009-03-01"),
    ).learner
    user = MembershipFactory(role="parent").user
    FamilyLinkFactory(learner=young, family_member=FamilyMemberFactory(user=user))
    school_decision(young)
    client.force_login(user)
    before = snapshot()
    response = page.post(_new_url(young), {"route": "reconsider_aln", "details": "Please."})
    assert _summary(response) == ["The person asking cannot make this request for this learner"]
    assert snapshot() == before


def test_the_la_records_a_request_with_who_and_when(client, page, learner, officer):
    school_decision(learner)
    client.force_login(officer)
    response = page.get(_new_url(learner))
    assert response.soup.select("input[name=requester]")
    assert response.soup.select("input[name=received_on_0]")
    page.post(
        _new_url(learner),
        {
            "route": "reconsider_aln",
            "requester": "parent",
            "requester_name": "Siân Prys",
            **_date("received_on", D("2026-11-16")),
            "details": "Letter of 14 November.",
        },
        status=302,
    )
    la_request = LaRequest.objects.get()
    assert (la_request.received_on, la_request.requested_by_id) == (D("2026-11-16"), None)


def test_a_late_cease_request_shows_the_day_the_window_closed(client, page, learner, officer):
    ceased_plan(learner, closes_on=D("2026-11-23"))
    client.force_login(officer)
    response = page.get(_new_url(learner))
    assert "23 November 2026" in response.soup.select_one(".route-last-day").get_text()
    before = snapshot()
    response = page.post(
        _new_url(learner),
        {
            "route": "reconsider_ceasing",
            "requester": "parent",
            "requester_name": "Siân Prys",
            **_date("received_on", D("2026-11-24")),
            "details": "We disagree that he no longer needs support.",
        },
    )
    assert _summary(response) == ["The time to ask for this ended on 23 November 2026"]
    link = response.soup.select_one(".govuk-error-summary a")["href"]
    assert link == "#id_received_on_0"
    assert snapshot() == before


def test_nothing_to_ask_about_says_so(client, page, learner, parent):
    client.force_login(parent)
    response = page.get(_new_url(learner))
    assert response.soup.select_one("#cannot-ask")
    assert not response.soup.select("form input[name=route]")


def test_an_la_decision_points_to_the_tribunal(client, page, learner, parent):
    school_decision(learner, deciding_body="local_authority")
    client.force_login(parent)
    response = page.get(_new_url(learner))
    assert response.soup.select_one("#cannot-ask")
    assert "Education Tribunal for Wales" in response.soup.select_one("#appeal-instead").get_text()


def test_a_decision_the_las_answer_replaced_points_to_the_tribunal(client, page, learner, parent):
    # The LA answered "has ALN" and directed the school to prepare the plan: the case is the
    # school's to act on, but the decision is the LA's.
    case = school_decision(learner, outcome="has_aln")
    LaRequestFactory(case=case, status="decided", outcome="aln_decision_changed")
    client.force_login(parent)
    response = page.get(_new_url(learner))
    assert response.soup.select_one("#cannot-ask")
    assert "Education Tribunal for Wales" in response.soup.select_one("#appeal-instead").get_text()


def test_the_school_may_ask_only_for_a_take_over(client, page, learner, school_alnco):
    school_plan(learner)
    client.force_login(school_alnco)
    response = page.get(_new_url(learner))
    routes = [radio["value"] for radio in response.soup.select("input[name=route]")]
    assert routes == ["take_over_idp"]


def test_asking_in_welsh(client, page, learner, parent):
    school_decision(learner)
    _speaks(parent, "cy")
    client.force_login(parent)
    response = page.get(_new_url(learner), language="cy")
    assert response.soup.select("input[name=route]")
    with translation.override("cy"):
        title = gettext("Ask the local authority to reconsider")
    assert title != "Ask the local authority to reconsider"
    assert response.soup.select_one("h1").get_text(strip=True) == title


# --- Reading a request --------------------------------------------------------------------------


def test_the_request_page_shows_the_las_time_limit_and_actions(client, page, learner, officer):
    la_request = _recorded(officer, school_decision(learner))
    client.force_login(officer)
    response = page.get(_url("request", la_request))
    assert response.soup.select_one("#request-status").get_text(strip=True) == (
        "Waiting for the local authority"
    )
    deadline = response.soup.select_one("#request-deadline").get_text(" ", strip=True)
    assert "4 January 2027" in deadline
    assert "Local authority reconsiders a school's decision" in deadline
    assert response.soup.select_one("#days-left").get_text(strip=True) == "40 days left"
    links = {a["href"] for a in response.soup.select("#request-actions a")}
    assert {
        _url("request-invite", la_request),
        _url("request-exception", la_request),
        _url("request-withdraw", la_request),
        _url("request-representations", la_request),
    } <= links


def test_a_family_reads_the_request_and_may_only_withdraw_their_own(
    client, page, learner, parent, officer
):
    on_paper = _recorded(officer, school_decision(learner))
    client.force_login(parent)
    response = page.get(_url("request", on_paper))
    assert not response.soup.select("#request-actions")
    online = _recorded(
        parent,
        ceased_plan(learner).case,
        route=Route.RECONSIDER_CEASING,
        received_on=TODAY,
        requested_by=parent,
    )
    response = page.get(_url("request", online))
    links = [a["href"] for a in response.soup.select("#request-actions a")]
    assert links == [_url("request-withdraw", online)]


def test_the_request_page_in_welsh(client, page, learner, officer):
    la_request = _recorded(officer, school_decision(learner))
    _speaks(officer, "cy")
    client.force_login(officer)
    response = page.get(_url("request", la_request), language="cy")
    assert response.soup.select_one("#request-deadline")
    with translation.override("cy"):
        heading = gettext("Request to the local authority")
    assert heading != "Request to the local authority"
    assert response.soup.select_one("h1").get_text(strip=True) == heading


def test_strangers_get_404(client, page, learner, officer):
    la_request = _recorded(officer, school_decision(learner))
    other_parent = MembershipFactory(role="parent").user
    FamilyLinkFactory(
        learner=LearnerFactory(), family_member=FamilyMemberFactory(user=other_parent)
    )
    other_officer = MembershipFactory(
        role="la_aln_officer", local_authority=LocalAuthorityFactory()
    ).user
    for stranger in (other_parent, other_officer):
        client.force_login(stranger)
        for name in ("request", "request-withdraw", "request-representations"):
            page.get(_url(name, la_request), status=404)
        page.get(_new_url(learner), status=404)
    client.force_login(other_officer)
    for name in ("request-invite", "request-exception"):
        page.get(_url(name, la_request), status=404)


@pytest.mark.parametrize("count", [1, 10])
def test_the_request_page_in_constant_queries(
    client, learner, officer, count, django_assert_max_num_queries
):
    case = school_decision(learner)
    la_request = None
    for _ in range(count):
        la_request = _recorded(officer, case)
        la_request.status = "withdrawn"  # let the next one be recorded
        LaRequest.objects.filter(pk=la_request.pk).update(status="withdrawn")
    LaRequest.objects.filter(pk=la_request.pk).update(status="open")
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        assert client.get(_url("request", la_request)).status_code == 200


# --- Moves ------------------------------------------------------------------------------------


def test_the_la_invites_representations(client, page, learner, officer, school_alnco):
    la_request = _recorded(officer, school_decision(learner))
    client.force_login(officer)
    response = page.get(_url("request-invite", la_request))
    assert response.soup.select_one("#invitees").get_text(strip=True) == (
        "The school's or college's governing body"
    )
    page.post(
        _url("request-invite", la_request),
        {"version": la_request.version, **_date("invited_on", TODAY)},
        status=302,
    )
    assert LaRequest.objects.get(pk=la_request.pk).representations_invited_on == TODAY


def test_a_stale_form_is_refused_and_nothing_saved(client, page, learner, officer):
    la_request = _recorded(officer, school_decision(learner))
    LaRequest.objects.filter(pk=la_request.pk).update(version=2)  # someone else got there first
    client.force_login(officer)
    before = snapshot()
    response = page.post(
        _url("request-exception", la_request),
        {
            "version": 1,
            "exception": "became_detained",
            "reasons": "Detained since October.",
            **_date("decided_on", TODAY),
        },
        status=302,
    )
    assert response.url == _url("request", la_request)
    assert snapshot() == before
    shown = page.get(response.url)
    assert "Someone else changed this request" in shown.soup.select_one("main").get_text()


def test_the_school_sends_its_representations(client, page, learner, officer, school_alnco):
    la_request = _recorded(officer, school_decision(learner))
    client.force_login(school_alnco)
    response = page.get(_url("request-representations", la_request))
    assert not response.soup.select("input[name=received_on_0]")  # sent today
    page.post(
        _url("request-representations", la_request),
        {"version": 1, "representations": "We followed the report."},
        status=302,
    )
    stored = LaRequest.objects.get(pk=la_request.pk)
    assert (stored.representations, stored.representations_received_on) == (
        "We followed the report.",
        TODAY,
    )


def test_an_empty_exception_form_shows_errors(client, page, learner, officer):
    la_request = _recorded(officer, school_decision(learner))
    client.force_login(officer)
    response = page.post(_url("request-exception", la_request), {"version": 1})
    assert _summary(response) == [
        "Select why the duty does not apply",
        "Enter the reasons the duty does not apply",
        "Enter the date of the decision",
    ]


def test_a_parent_withdraws_their_request(client, page, learner, parent):
    la_request = _recorded(parent, school_decision(learner), received_on=TODAY, requested_by=parent)
    client.force_login(parent)
    response = page.get(_url("request-withdraw", la_request))
    assert not response.soup.select("input[name=withdrawn_on_0]")
    page.post(_url("request-withdraw", la_request), {"version": 1, "reasons": ""}, status=302)
    assert LaRequest.objects.get(pk=la_request.pk).status == "withdrawn"


def test_the_reasons_for_withdrawing_show_on_the_request_and_in_the_log(
    client, page, learner, parent
):
    la_request = _recorded(parent, school_decision(learner), received_on=TODAY, requested_by=parent)
    client.force_login(parent)
    page.post(
        _url("request-withdraw", la_request),
        {"version": 1, "reasons": "The school agreed to a new assessment."},
        status=302,
    )
    shown = page.get(_url("request", la_request)).soup.select_one("#withdrawal-reasons")
    assert "The school agreed to a new assessment." in shown.get_text()
    log = page.get(reverse("disputes:log", kwargs={"learner_id": learner.pk}))
    assert "The school agreed to a new assessment." in log.soup.select_one(".log-entry").get_text()
    _speaks(parent, "cy")
    page.get(_url("request", la_request), language="cy")


def test_a_move_the_person_may_not_make_goes_back_with_the_reason(
    client, page, learner, officer, parent
):
    la_request = _recorded(officer, school_decision(learner))
    client.force_login(parent)
    response = page.get(_url("request-withdraw", la_request), status=302)
    assert response.url == _url("request", la_request)
    shown = page.get(response.url)
    assert "You cannot do this on this request" in shown.soup.select_one("main").get_text()


def test_a_move_page_in_welsh(client, page, learner, officer):
    la_request = _recorded(officer, school_decision(learner))
    _speaks(officer, "cy")
    client.force_login(officer)
    response = page.get(_url("request-exception", la_request), language="cy")
    assert response.soup.select("input[name=exception]")
    response = page.post(_url("request-exception", la_request), {"version": 1}, language="cy")
    with translation.override("cy"):
        first = gettext("Select why the duty does not apply")
    assert first != "Select why the duty does not apply"
    assert _summary(response)[0] == first

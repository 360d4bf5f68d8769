"""The review pages in English and Welsh, who may open them, and review requests as tasks on
the home page."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from aln.domain.plans import ReviewDecision, ReviewRequester
from aln.idps.models import Idp, IdpVersion, Review, ReviewRequest
from aln.idps.selectors.plans import current_version
from aln.idps.services.reviews import review_record, review_request_record
from tests.aln.idps.conftest import GOOD_OUTCOME, D
from tests.aln.idps.review_helpers import give_plan
from tests.conftest import signed_in
from tests.factories import IdpFactory, MembershipFactory, SettingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_force(client, plan, alnco):
    """The plan given on 14 October 2026; the test runs on 16 June 2027, the ALNCo signed in."""
    give_plan(alnco, plan)
    noon = datetime.datetime(2027, 6, 16, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        client.force_login(alnco)  # the session from October has expired
        yield Idp.objects.select_related("case", "learner").get(pk=plan.pk)


def _speaks(user, language):
    """A signed-in person's saved language wins over the cookie."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _url(name, idp, **kwargs):
    return reverse(f"idps:{name}", kwargs={"idp_id": idp.pk, **kwargs})


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _element(idp):
    return current_version(idp=idp).elements.get()


def _post_data(idp, **changes):
    idp.case.refresh_from_db()
    element = _element(idp)
    data = {
        "version": idp.case.version,
        "invited": "Cai, Mrs Evans, class teacher",
        **_date("invited_on", D("2027-05-26")),
        **_date("held_on", D("2027-06-14")),
        "attended": "Cai, Mrs Evans",
        "learner_views": "I want harder books.",
        "family_views": "",
        "others_views": "",
        f"progress_{element.key}": "Reads 31 of the 40 words.",
        "decision": ReviewDecision.REVISE.value,
        "reasons": "Set a new reading target.",
        "notice_language": "en",
        "notice_method": "post",
        **_date("notice_given_on", D("2027-06-16")),
    }
    data.update(changes)
    return data


def _parent(client, idp):
    user = signed_in(client, "parent")
    member = idp.learner.family_links.get().family_member
    member.user = user
    member.save()
    return user


def _review(alnco, idp):
    idp.case.refresh_from_db()
    return review_record(
        actor=alnco,
        idp=idp,
        case_version=idp.case.version,
        invited="Cai, Mrs Evans",
        invited_on=D("2027-05-26"),
        held_on=D("2027-06-14"),
        attended="Cai, Mrs Evans",
        learner_views="I want harder books.",
        family_views="Much better at home.",
        others_views="",
        progress={_element(idp).key: "Reads 31 of the 40 words."},
        decision=ReviewDecision.PROPOSE_CEASE,
        reasons="Cai no longer needs ALP for reading.",
    )


# --- Recording a review -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_review_page_asks_for_progress_on_each_outcome(page, in_force, alnco, language):
    _speaks(alnco, language)
    response = page.get(_url("review", in_force), language=language)
    element = _element(in_force)
    field = response.soup.select_one(f"#id_progress_{element.key}")
    assert field.name == "textarea"
    assert GOOD_OUTCOME in response.soup.select_one(f"#id_progress_{element.key}-hint").text
    radios = response.soup.select("input[name=decision]")
    assert [r["value"] for r in radios] == ["revise", "no_revision", "propose_cease"]
    # The no-revision notice questions are always shown (no conditional reveal).
    assert response.soup.select("input[name=notice_method]")
    assert not response.soup.select(".govuk-radios__conditional")


def test_the_plan_page_offers_the_review(page, in_force, alnco):
    response = page.get(_url("plan", in_force))
    assert _url("review", in_force) in {a["href"] for a in response.soup.select("a")}


def test_recording_a_review_that_revises_the_plan(page, in_force, alnco):
    response = page.client.post(_url("review", in_force), _post_data(in_force))
    assert response.status_code == 302
    assert response.url == _url("plan", in_force)
    review = Review.objects.get()
    assert review.progress.get().progress == "Reads 31 of the 40 words."
    assert IdpVersion.objects.filter(idp=in_force, state="draft", number=2).exists()


def test_keeping_the_plan_gives_the_notice_and_shows_the_review(page, in_force, alnco):
    data = _post_data(in_force, decision="no_revision", reasons="Cai is on track.")
    response = page.client.post(_url("review", in_force), data)
    review = Review.objects.get()
    assert response.url == _url("review-detail", in_force, review_id=review.pk)
    soup = page.get(response.url).soup
    link = soup.select_one("#review-decision a")
    assert link["href"] == reverse("notices:download", args=[review.notice_id])


def test_proposing_to_cease_goes_on_to_the_proposal(page, in_force, alnco):
    data = _post_data(in_force, decision="propose_cease", reasons="No longer has ALN.")
    response = page.client.post(_url("review", in_force), data)
    assert response.status_code == 302
    assert response.url == _url("cease-propose", in_force)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_missing_progress_shows_the_error_on_the_outcome_and_records_nothing(
    page, in_force, alnco, language
):
    _speaks(alnco, language)
    key = _element(in_force).key
    data = _post_data(in_force, **{f"progress_{key}": ""})
    response = page.post(_url("review", in_force), data, language=language)
    link = response.soup.select_one(".govuk-error-summary a")
    assert link["href"] == f"#id_progress_{key}"
    assert not Review.objects.exists()


def test_invitations_on_the_day_of_the_meeting_are_refused(page, in_force, alnco):
    data = _post_data(in_force, **_date("invited_on", D("2027-06-14")))
    response = page.post(_url("review", in_force), data)
    error = response.soup.select_one("#id_invited_on-error").text
    assert "before the date of the review meeting" in error
    assert not Review.objects.exists()


def test_no_revision_without_reasons_is_refused(page, in_force, alnco):
    data = _post_data(in_force, decision="no_revision", reasons="")
    response = page.post(_url("review", in_force), data)
    assert response.soup.select_one("#id_reasons-error")
    assert not Review.objects.exists()
    assert response.soup.select_one("input[name=decision][value=no_revision]").has_attr("checked")


def test_a_parent_cannot_record_a_review(client, in_force):
    _parent(client, in_force)
    assert client.get(_url("review", in_force)).status_code == 404
    assert client.post(_url("review", in_force), _post_data(in_force)).status_code == 404
    assert not Review.objects.exists()


def test_another_schools_alnco_gets_404(client, in_force):
    signed_in(client, "alnco", setting=SettingFactory(local_authority=in_force.local_authority))
    assert client.get(_url("review", in_force)).status_code == 404
    assert client.get(_url("review-requests", in_force)).status_code == 404


def test_la_staff_who_do_not_maintain_the_plan_go_back_to_it(client, in_force, la_officer):
    response = client.get(_url("review", in_force))
    assert response.status_code == 302
    assert response.url == _url("plan", in_force)


def test_a_plan_not_yet_given_cannot_be_reviewed_yet(client, plan, alnco):
    response = client.get(_url("review", plan))
    assert (response.status_code, response.url) == (302, _url("plan", plan))


# --- What a review found --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_a_family_reads_what_the_review_found(page, client, in_force, alnco, language):
    review = _review(alnco, in_force)
    _speaks(_parent(client, in_force), language)
    response = page.get(_url("review-detail", in_force, review_id=review.pk), language=language)
    progress = response.soup.select_one(".review-progress").text
    assert GOOD_OUTCOME in progress
    assert "Reads 31 of the 40 words." in progress
    assert (
        "Cai no longer needs ALP for reading." in response.soup.select_one("#review-decision").text
    )


def test_another_plans_review_is_missing(client, in_force, alnco):
    review = _review(alnco, in_force)
    other = IdpFactory(
        case__learner=in_force.learner,
        case__setting=in_force.setting,
        case__reference="ALN-OTHER001",
    )
    assert client.get(_url("review-detail", other, review_id=review.pk)).status_code == 404


# --- Asking for a review --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_a_parent_asks_for_a_review(page, client, in_force, alnco, language):
    _speaks(_parent(client, in_force), language)
    response = page.get(_url("request-review", in_force), language=language)
    assert response.soup.select_one("textarea[name=reason]")
    response = client.post(_url("request-review", in_force), {"reason": "Reading group too easy"})
    assert response.status_code == 302
    assert response.url == _url("review-requests", in_force)
    request = ReviewRequest.objects.get()
    assert (request.requested_by, request.owner_id) == ("parent", alnco.pk)
    listed = page.get(_url("review-requests", in_force), language=language)
    assert "Reading group too easy" in listed.soup.select_one(".review-request").text
    # Families are not shown who deals with it, nor the staff actions.
    assert alnco.full_name not in listed.soup.text
    assert not listed.soup.select(".govuk-summary-card__actions")


def test_a_parent_cannot_ask_before_the_plan_is_given(page, client, plan):
    _parent(client, plan)
    response = page.get(_url("request-review", plan))
    assert response.soup.select_one("#cannot-ask")
    assert not response.soup.select("textarea")


def test_the_request_page_needs_a_reason(page, client, in_force):
    _parent(client, in_force)
    response = page.post(_url("request-review", in_force), {"reason": ""})
    assert response.soup.select_one("#id_reason-error")
    assert not ReviewRequest.objects.exists()


def test_school_staff_cannot_use_the_family_request_page(client, in_force, alnco):
    assert client.get(_url("request-review", in_force)).status_code == 404


# --- Answering requests ---------------------------------------------------------------------


def _request(alnco, idp, **changes):
    values = {
        "actor": alnco,
        "idp": idp,
        "requested_by": ReviewRequester.PARENT,
        "requester_name": "Mrs Evans",
        "received_on": D("2027-06-10"),
        "reason": "Phone call: Cai is unhappy in the reading group.",
        **changes,
    }
    return review_request_record(**values)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_staff_see_requests_with_their_actions(page, in_force, alnco, language):
    _speaks(alnco, language)
    request = _request(alnco, in_force)
    response = page.get(_url("review-requests", in_force), language=language)
    hrefs = {a["href"] for a in response.soup.select(".govuk-summary-card__actions a")}
    assert hrefs == {
        _url("review", in_force),
        _url("review-request-assign", in_force, request_id=request.pk),
        _url("review-request-refuse", in_force, request_id=request.pk),
    }


def test_staff_record_a_request_received_by_phone(page, in_force, alnco):
    _speaks(alnco, "cy")
    page.get(_url("review-request-record", in_force), language="cy")
    response = page.client.post(
        _url("review-request-record", in_force),
        {
            "requested_by": "nhs_body",
            "requester_name": "Speech and language therapy",
            **_date("received_on", D("2027-06-15")),
            "reason": "New assessment results.",
            "owner": "",
        },
    )
    assert response.status_code == 302
    request = ReviewRequest.objects.get()
    assert (request.requested_by, request.owner_id) == ("nhs_body", alnco.pk)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_assigning_a_request(page, in_force, alnco, school, language):
    _speaks(alnco, language)
    head = MembershipFactory(role="headteacher", setting=school).user
    request = _request(alnco, in_force)
    url = _url("review-request-assign", in_force, request_id=request.pk)
    response = page.get(url, language=language)
    options = {o["value"] for o in response.soup.select("select[name=owner] option")}
    assert {str(alnco.pk), str(head.pk)} <= options
    response = page.client.post(url, {"owner": str(head.pk)})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.owner_id == head.pk


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_refusal_page_asks_for_reasons_and_how_the_notice_is_given(
    page, in_force, alnco, language
):
    _speaks(alnco, language)
    request = _request(alnco, in_force)
    url = _url("review-request-refuse", in_force, request_id=request.pk)
    response = page.get(url, language=language)
    assert response.soup.select_one("textarea[name=reasons]")
    assert response.soup.select("input[name=method]")
    response = page.post(
        url, {"reasons": "", "language": "en", "method": "post"}, language=language
    )
    assert response.soup.select_one("#id_reasons-error")
    request.refresh_from_db()
    assert request.state == "open"


def test_refusing_a_request_gives_the_notice(page, in_force, alnco):
    request = _request(alnco, in_force)
    url = _url("review-request-refuse", in_force, request_id=request.pk)
    data = {
        "reasons": "The plan was reviewed two days ago.",
        "language": "en",
        "method": "post",
        **_date("given_on", D("2027-06-16")),
    }
    response = page.client.post(url, data)
    assert response.url == _url("review-requests", in_force)
    request.refresh_from_db()
    assert request.state == "refused"
    listed = page.get(response.url).soup.select_one(".review-request").text
    assert "The plan was reviewed two days ago." in listed


def test_an_answered_request_cannot_be_refused(client, in_force, alnco):
    request = _request(alnco, in_force)
    ReviewRequest.objects.filter(pk=request.pk).update(state="done")
    response = client.get(_url("review-request-refuse", in_force, request_id=request.pk))
    assert (response.status_code, response.url) == (302, _url("plan", in_force))


def test_the_requests_page_query_count_is_constant(
    page, in_force, alnco, django_assert_max_num_queries
):
    _request(alnco, in_force)
    with django_assert_max_num_queries(40) as few:
        page.get(_url("review-requests", in_force))
    for _ in range(5):
        _request(alnco, in_force)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page.get(_url("review-requests", in_force))


# --- Tasks on the home page -----------------------------------------------------------------


def test_the_owner_sees_open_requests_on_the_home_page(page, client, in_force, alnco, school):
    request = _request(alnco, in_force)
    _request(alnco, in_force, reason="Another")
    ReviewRequest.objects.filter(pk=request.pk).update(state="refused")
    response = page.get("/")
    rows = response.soup.select("#review-request-tasks tbody tr")
    assert len(rows) == 1
    assert rows[0].select_one("a")["href"] == _url("review-requests", in_force)
    assert in_force.learner.full_name in rows[0].text
    # Somebody else at the school does not own it.
    signed_in(client, "headteacher", setting=school)
    assert not page.get("/").soup.select("#review-request-tasks")


def test_the_home_page_query_count_does_not_grow_with_requests(
    page, in_force, alnco, django_assert_max_num_queries
):
    _request(alnco, in_force)
    with django_assert_max_num_queries(40) as few:
        page.get("/")
    for _ in range(10):
        _request(alnco, in_force)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = page.get("/")
    assert len(response.soup.select("#review-request-tasks tbody tr")) == 11

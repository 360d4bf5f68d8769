"""The appeal pages in English and Welsh: recording an appeal against a decision, the appeal's
page (families see it too), the pages that move it on, and who may open them."""

import pytest
from django.urls import reverse
from django.utils import translation

from aln.common.i18n import APPEAL_STAGE_LABELS, error_message
from aln.disputes.models import Appeal
from aln.disputes.services.appeals import AppealError
from aln.domain.disagreements import AppealMoveError, AppealProblem, AppealStage
from tests.aln.disputes.test_appeals_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_appeals_setup import D, an_appeal
from tests.factories import (
    EnrolmentFactory,
    MembershipFactory,
    SettingFactory,
    SupportReferralFactory,
    TribunalOrderFactory,
)

pytestmark = pytest.mark.django_db


def _speaks(user, language):
    """A signed-in person's saved language wins over the cookie."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _signed_in(client, user, language="en-gb"):
    _speaks(user, "cy" if language == "cy" else "en")
    client.force_login(user)
    return user


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _new_url(learner, notice=None):
    url = reverse("disputes:appeal-new", kwargs={"learner_id": learner.pk})
    return f"{url}?notice={notice.pk}" if notice else url


def _url(name, appeal):
    return reverse(f"disputes:{name}", kwargs={"appeal_id": appeal.pk})


# --- Recording an appeal ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_first_page_lists_only_decisions_that_can_be_appealed(
    client, page, officer, la_notice, school_notice, language
):
    _signed_in(client, officer, language)
    soup = page.get(_new_url(la_notice.learner), language=language).soup
    radios = soup.select("input[name=notice]")
    assert [r["value"] for r in radios] == [str(la_notice.pk)]  # not the school's decision
    if language == "en-gb":
        assert "Last day to appeal: 18 January 2027" in soup.select_one("label").get_text()


def test_choosing_a_decision_leads_to_the_appeal_form(client, page, officer, la_notice):
    _signed_in(client, officer)
    response = page.client.post(_new_url(la_notice.learner), {"notice": la_notice.pk})
    assert response.status_code == 302
    assert response.url == _new_url(la_notice.learner, la_notice)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_form_offers_only_what_the_decision_can_be_appealed_on(
    client, page, officer, la_notice, language
):
    _signed_in(client, officer, language)
    soup = page.get(_new_url(la_notice.learner, la_notice), language=language).soup
    assert [c["value"] for c in soup.select("input[name=matters]")] == ["has_aln"]
    assert (
        soup.select_one("#last-day")
        .get_text(strip=True)
        .startswith("18 January 2027" if language == "en-gb" else "18 Ionawr 2027")
    )
    # The question about a late appeal is always shown (no conditional reveal).
    assert soup.select("input[name=late_permission]")
    assert not soup.select(".govuk-radios__conditional, [data-aria-controls]")


def test_the_form_says_the_period_was_extended(client, page, officer, la_notice):
    SupportReferralFactory(learner=la_notice.learner, notice=la_notice, referred_on=D("2026-12-01"))
    _signed_in(client, officer)
    text = page.get(_new_url(la_notice.learner, la_notice)).soup.select_one("#last-day").text
    assert "15 March 2027" in text
    assert "1 December 2026" in text


def _appeal_data(**changes):
    return {
        "appellant": "parent",
        "appellant_name": "Siân Prys",
        "matters": ["has_aln"],
        **_date("received_on", D("2027-01-05")),
        "tribunal_reference": "ETW/27/0042",
        "late_permission": "undecided",
        "notes": "",
        **changes,
    }


def test_recording_an_appeal(client, page, officer, la_notice):
    _signed_in(client, officer)
    response = page.client.post(_new_url(la_notice.learner, la_notice), _appeal_data())
    appeal = Appeal.objects.get()
    assert response.url == _url("appeal", appeal)
    assert (appeal.stage, appeal.appellant_name, appeal.notice_id) == (
        "lodged",
        "Siân Prys",
        la_notice.pk,
    )


def test_a_late_appeal_is_recorded_waiting_for_permission(client, page, officer, la_notice):
    _signed_in(client, officer)
    page.client.post(
        _new_url(la_notice.learner, la_notice),
        _appeal_data(**_date("received_on", D("2027-01-19"))),
    )
    assert Appeal.objects.get().stage == "late_permission_sought"


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_an_appellant_who_cannot_act_for_the_learner_is_refused_on_the_field(
    client, page, officer, la_notice, language
):
    _signed_in(client, officer, language)
    response = page.post(
        _new_url(la_notice.learner, la_notice),
        _appeal_data(appellant="young_person"),
        language=language,
    )
    error = response.soup.select_one("#id_appellant-error").get_text(strip=True)
    with translation.override(language):
        assert error_message(AppealProblem.NO_STANDING) in error
    assert not Appeal.objects.exists()


def test_a_learner_with_no_appealable_decision_says_so(client, page, officer, school_notice):
    _signed_in(client, officer)
    soup = page.get(_new_url(school_notice.learner)).soup
    assert soup.select_one("#no-decisions")
    assert not soup.select("input[name=notice]")


def test_a_school_decision_cannot_be_chosen_by_its_address(client, page, officer, school_notice):
    _signed_in(client, officer)
    page.get(_new_url(school_notice.learner, school_notice), status=404)


def test_families_cannot_record_an_appeal(client, page, parent, la_notice):
    client.force_login(parent)
    page.get(_new_url(la_notice.learner), status=404)


# --- The appeal's page --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_appeal_page_shows_the_stage_and_what_the_la_may_do_now(
    client, page, officer, la_notice, language
):
    appeal = an_appeal(la_notice, stage="lodged")
    _signed_in(client, officer, language)
    soup = page.get(_url("appeal", appeal), language=language).soup
    with translation.override(language):
        assert soup.select_one("#appeal-stage").get_text(strip=True) == str(
            APPEAL_STAGE_LABELS[AppealStage.LODGED]
        )
    links = {a["href"] for a in soup.select("#appeal-actions a")}
    assert links == {_url("appeal-register", appeal), _url("appeal-withdraw", appeal)}
    assert soup.select_one("#no-orders")


def test_the_appeal_page_explains_an_extended_period(client, page, officer, la_notice):
    SupportReferralFactory(learner=la_notice.learner, notice=la_notice, referred_on=D("2026-12-01"))
    appeal = an_appeal(la_notice, stage="lodged", last_day=D("2027-03-15"), extended=True)
    _signed_in(client, officer)
    text = page.get(_url("appeal", appeal)).soup.select_one("#last-day").get_text(" ")
    assert "15 March 2027" in text
    assert "1 December 2026" in text


def test_the_appeal_page_gives_the_last_day_to_ask_for_a_review(client, page, officer, la_notice):
    appeal = an_appeal(la_notice, stage="decided")
    _signed_in(client, officer)
    soup = page.get(_url("appeal", appeal)).soup
    assert soup.select_one("#review-last-day").get_text(" ").startswith("26 February 2027")
    assert _url("order-new", appeal) in {a["href"] for a in soup.select("#appeal-actions a")}


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_family_sees_the_appeal_but_no_actions(client, page, parent, la_notice, language):
    appeal = an_appeal(la_notice, stage="hearing_listed", hearing_on=D("2027-03-02"))
    _signed_in(client, parent, language)
    soup = page.get(_url("appeal", appeal), language=language).soup
    assert soup.select_one("#appeal-summary")
    assert not soup.select_one("#appeal-actions")


def test_others_do_not_find_the_appeal(client, page, other_parent, other_officer, la_notice):
    appeal = an_appeal(la_notice, stage="lodged")
    for person in (other_parent, other_officer):
        client.force_login(person)
        page.get(_url("appeal", appeal), status=404)
        page.get(_url("appeal-register", appeal), status=404)


def test_the_appeal_page_query_count_does_not_grow_with_orders(
    client, page, officer, la_notice, django_assert_max_num_queries
):
    appeal = an_appeal(la_notice, stage="decided")
    _signed_in(client, officer)
    TribunalOrderFactory(appeal=appeal, owner=officer)
    with django_assert_max_num_queries(40) as few:
        page.get(_url("appeal", appeal))
    TribunalOrderFactory.create_batch(9, appeal=appeal, owner=officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        soup = page.get(_url("appeal", appeal)).soup
    assert len(soup.select("#appeal-orders tbody tr")) == 10


# --- The pages that move an appeal on -----------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_registering_an_appeal(client, page, officer, la_notice, language):
    appeal = an_appeal(la_notice, stage="lodged")
    _signed_in(client, officer, language)
    soup = page.get(_url("appeal-register", appeal), language=language).soup
    assert soup.select_one("input[name=version]")["value"] == "1"
    response = page.client.post(
        _url("appeal-register", appeal),
        {"version": 1, **_date("case_statement_due_on", D("2027-03-01"))},
    )
    assert response.url == _url("appeal", appeal)
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.case_statement_due_on) == ("case_statements", D("2027-03-01"))


def test_a_move_the_stage_does_not_allow_goes_back_with_the_reason(
    client, page, officer, la_notice
):
    appeal = an_appeal(la_notice, stage="lodged")
    _signed_in(client, officer)
    response = page.client.get(_url("appeal-hearing", appeal))
    assert response.status_code == 302
    assert response.url == _url("appeal", appeal)
    soup = page.get(response.url).soup
    with translation.override("en-gb"):
        assert error_message(AppealMoveError.NOT_ALLOWED_NOW) in soup.get_text()


def test_an_officer_who_does_not_act_for_the_la_goes_back(client, page, la_notice):
    """An officer of another LA sees the learner, who attends a school that LA maintains, but
    does not act for the learner's LA: sent back from a move with the reason."""
    appeal = an_appeal(la_notice, stage="lodged")
    other_school = SettingFactory()
    EnrolmentFactory(learner=la_notice.learner, setting=other_school)
    outsider = MembershipFactory(
        role="la_aln_officer", local_authority=other_school.local_authority
    ).user
    client.force_login(outsider)
    assert not page.get(_url("appeal", appeal)).soup.select_one("#appeal-actions")
    response = page.client.get(_url("appeal-register", appeal))
    assert response.status_code == 302
    assert response.url == _url("appeal", appeal)
    with translation.override("en-gb"):
        assert error_message(AppealError.NOT_YOURS) in page.get(response.url).soup.get_text()


def test_the_decision_page_offers_only_what_can_end_an_appeal_before_a_hearing(
    client, page, officer, la_notice
):
    appeal = an_appeal(la_notice, stage="case_statements")
    _signed_in(client, officer)
    soup = page.get(_url("appeal-decide", appeal)).soup
    assert [r["value"] for r in soup.select("input[name=decision]")] == [
        "conceded",
        "struck_out",
    ]


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_recording_the_decision(client, page, officer, la_notice, language):
    appeal = an_appeal(la_notice, stage="hearing_listed", hearing_on=D("2027-01-25"))
    _signed_in(client, officer, language)
    page.get(_url("appeal-decide", appeal), language=language)
    response = page.client.post(
        _url("appeal-decide", appeal),
        {
            "version": 1,
            "decision": "allowed",
            "decision_summary": "Cai has ALN.",
            **_date("decided_on", D("2027-01-28")),
            **_date("decision_sent_on", D("2027-01-29")),
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.decision) == ("decided", "allowed")


def test_a_date_refused_by_the_service_goes_on_its_field(client, page, officer, la_notice):
    appeal = an_appeal(la_notice, stage="hearing_listed")
    _signed_in(client, officer)
    response = page.post(
        _url("appeal-decide", appeal),
        {
            "version": 1,
            "decision": "dismissed",
            "decision_summary": "Dismissed.",
            **_date("decided_on", D("2027-01-28")),
            **_date("decision_sent_on", D("2027-01-27")),
        },
    )
    error = response.soup.select_one("#id_decision_sent_on-error").get_text()
    with translation.override("en-gb"):
        assert error_message(AppealError.SENT_BEFORE_DECIDED) in error


def test_someone_elses_change_sends_the_person_back(client, page, officer, la_notice):
    appeal = an_appeal(la_notice, stage="lodged")
    _signed_in(client, officer)
    response = page.client.post(
        _url("appeal-withdraw", appeal),
        {"version": 0, **_date("withdrawn_on", D("2027-02-01"))},
    )
    assert response.url == _url("appeal", appeal)
    appeal.refresh_from_db()
    assert appeal.stage == "lodged"


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_late_permission_page(client, page, officer, la_notice, language):
    appeal = an_appeal(la_notice, stage="late_permission_sought", received_on=D("2027-01-19"))
    _signed_in(client, officer, language)
    soup = page.get(_url("appeal-late-permission", appeal), language=language).soup
    assert [r["value"] for r in soup.select("input[name=answer]")] == ["granted", "refused"]
    page.client.post(
        _url("appeal-late-permission", appeal),
        {"version": 1, "answer": "granted", **_date("answered_on", D("2027-02-01"))},
    )
    appeal.refresh_from_db()
    assert (appeal.stage, appeal.late_permission) == ("lodged", True)


def test_a_withdrawn_appeal_shows_the_day_and_the_reasons(client, page, officer, la_notice):
    appeal = an_appeal(la_notice, stage="lodged")
    _signed_in(client, officer)
    response = page.client.post(
        _url("appeal-withdraw", appeal),
        {
            "version": 1,
            **_date("withdrawn_on", D("2027-02-01")),
            "reasons": "The LA agreed to revise the plan.",
        },
    )
    assert response.status_code == 302
    soup = page.get(_url("appeal", appeal)).soup
    assert soup.select_one("#closed-on").get_text(strip=True) == "1 February 2027"
    reasons = soup.select_one("#withdrawal-reasons").get_text(strip=True)
    assert reasons == "The LA agreed to revise the plan."

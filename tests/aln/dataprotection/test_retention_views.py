"""The data protection officer's pages: records past their retention period, erasing them with
a typed confirmation, and the authority's periods."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from aln.audit.models import AuditEvent
from aln.dataprotection.models import RetentionSetting
from aln.learners.models import Learner
from tests.aln.dataprotection.conftest import build_file
from tests.conftest import signed_in
from tests.factories import LearnerFactory, LocalAuthorityFactory

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
LIST = "dataprotection:retention"
REVIEW = "dataprotection:retention-review"
SETTINGS = "dataprotection:retention-settings"


@pytest.fixture(autouse=True)
def _today():
    noon = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


def _welsh(user):
    user.preferred_language = "cy"
    user.save()


def test_the_list_shows_what_the_officer_needs_to_decide(page, dpo, old_learner, young_learner):
    build_file(old_learner)
    theirs = LearnerFactory(
        home_local_authority=LocalAuthorityFactory(), date_of_birth=D("1960-01-01")
    )
    response = page.get(reverse(LIST))
    rows = response.soup.select("#candidates tbody tr")
    assert len(rows) == 1
    cells = [cell.get_text(" ", strip=True) for cell in rows[0].select("td")]
    assert cells[0] == old_learner.full_name
    assert cells[1] == "14 Mar 1980"
    assert cells[2] == old_learner.upn
    assert cells[3] == "15 Jun 2026"
    assert cells[4].startswith("the whole file: ")
    assert "including 3 documents" in cells[4]
    text = response.soup.get_text()
    assert young_learner.full_name not in text
    assert theirs.full_name not in text
    assert "31 years after the date of birth" in text
    event = AuditEvent.objects.get(event_type="retention.list_viewed")
    assert event.actor == dpo


def test_the_list_with_nothing_past_its_period(page, dpo, young_learner):
    response = page.get(reverse(LIST))
    assert response.soup.select_one("#none")
    assert not response.soup.select_one("#review")


def test_the_list_in_welsh(page, dpo, old_learner):
    _welsh(dpo)
    response = page.get(reverse(LIST), language="cy")
    # Welsh after the lead merges /tmp/issue7/cy-dataprotection.json into the catalogue.
    assert "Cofnodion" in response.soup.h1.get_text()


def test_a_learner_with_an_open_case_is_shown_but_not_offered(page, dpo, old_learner):
    build_file(old_learner, case_stage="maintaining")
    listed = page.get(reverse(LIST))
    assert "Open case" in listed.soup.select_one("#candidates").get_text()
    review = page.get(reverse(REVIEW))
    assert not review.soup.select("input[name=learners]")
    assert old_learner.full_name in review.soup.select_one("#open-cases").get_text()


def _erase(page, learners, *, confirm="erase", reason="Annual retention review", status=302):
    data = {"learners": [str(learner.pk) for learner in learners]}
    data.update(reason=reason, confirm=confirm)
    return page.post(reverse(REVIEW), data, status=status)


def test_ticking_confirming_and_erasing(client, page, dpo, old_learner):
    build_file(old_learner)
    review = page.get(reverse(REVIEW))
    [box] = review.soup.select("input[name=learners]")
    assert box["value"] == str(old_learner.pk)
    label = review.soup.select_one(f"label[for={box['id']}]").get_text()
    assert old_learner.full_name in label
    assert "born 14 March 1980" in label

    response = _erase(page, [old_learner])

    assert response.url == reverse(LIST)
    assert not Learner.objects.filter(pk=old_learner.pk).exists()
    listed = page.get(reverse(LIST))
    assert "The records of 1 learner have been erased." in listed.soup.get_text()
    assert AuditEvent.objects.filter(event_type="retention.erased").count() == 1


@pytest.mark.parametrize(
    ("confirm", "reason", "message"),
    [
        ("", "Annual review", "Type the word erase to confirm"),
        ("delete", "Annual review", "Type the word erase to confirm"),
        ("erase", "", "Enter why these records are being erased"),
    ],
)
def test_erasing_needs_the_typed_word_and_a_reason(
    page, dpo, old_learner, confirm, reason, message
):
    response = _erase(page, [old_learner], confirm=confirm, reason=reason, status=200)
    assert message in response.soup.select_one(".govuk-error-summary").get_text()
    assert Learner.objects.filter(pk=old_learner.pk).exists()


def test_the_word_may_be_typed_in_capitals_with_spaces(page, dpo, old_learner):
    _erase(page, [old_learner], confirm="  ERASE ")
    assert not Learner.objects.filter(pk=old_learner.pk).exists()


def test_nothing_ticked_erases_nothing(page, dpo, old_learner):
    response = _erase(page, [], status=200)
    assert "Select the records to erase" in response.soup.select_one(".govuk-error-summary").text
    assert Learner.objects.filter(pk=old_learner.pk).exists()
    # The page offers the records again, so the officer can tick one and send the form.
    offered = [box["value"] for box in response.soup.select("input[name=learners]")]
    assert offered == [str(old_learner.pk)]


def test_a_posted_learner_not_past_their_period_is_refused_and_nothing_erased(
    page, dpo, old_learner, young_learner
):
    response = _erase(page, [old_learner, young_learner], status=200)
    summary = response.soup.select_one(".govuk-error-summary").get_text()
    assert "not past their retention period" in summary
    assert Learner.objects.filter(pk__in=[old_learner.pk, young_learner.pk]).count() == 2
    assert not AuditEvent.objects.filter(event_type="retention.erased").exists()


def test_another_authoritys_learner_cannot_be_erased(page, dpo, old_learner):
    theirs = LearnerFactory(
        home_local_authority=LocalAuthorityFactory(), date_of_birth=D("1960-01-01")
    )
    _erase(page, [theirs], status=200)
    assert Learner.objects.filter(pk=theirs.pk).exists()


def test_erasing_in_welsh_takes_the_welsh_word(page, dpo, old_learner, young_learner):
    _welsh(dpo)
    page.client.cookies["django_language"] = "cy"
    # Welsh after the lead merges /tmp/issue7/cy-dataprotection.json into the catalogue.
    _erase(page, [old_learner], confirm="dileu", status=302)
    assert not Learner.objects.filter(pk=old_learner.pk).exists()


@pytest.mark.parametrize("role", ["la_aln_manager", "la_aln_officer"])
def test_other_la_staff_cannot_open_the_pages(client, authority, old_learner, role):
    signed_in(client, role, local_authority=authority)
    for name in (LIST, REVIEW, SETTINGS):
        assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse(REVIEW), {"learners": [str(old_learner.pk)]}).status_code == 404
    assert Learner.objects.filter(pk=old_learner.pk).exists()


def test_the_list_takes_the_same_number_of_queries_for_5_or_15_learners(
    client, dpo, authority, django_assert_max_num_queries
):
    def add(number):
        for n in range(number):
            learner = LearnerFactory(
                home_local_authority=authority,
                date_of_birth=D("1980-01-01") + datetime.timedelta(n),
            )
            build_file(learner)

    add(5)
    with django_assert_max_num_queries(80) as few:
        assert client.get(reverse(LIST)).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(LIST)).status_code == 200


def test_the_settings_page_shows_and_saves_the_periods(page, dpo, authority):
    response = page.get(reverse(SETTINGS))
    values = {i["name"]: i["value"] for i in response.soup.select("input.govuk-input")}
    assert values == {
        "years__learner_file": "31",
        "years__documents": "31",
        "years__audit_events": "31",
    }
    response = page.post(
        reverse(SETTINGS),
        {"years__learner_file": "35", "years__documents": "30", "years__audit_events": "40"},
        status=302,
    )
    assert set(RetentionSetting.objects.values_list("record_type", "years")) == {
        ("learner_file", 35),
        ("documents", 30),
        ("audit_events", 40),
    }
    assert "Retention periods saved." in page.get(reverse(SETTINGS)).soup.get_text()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"years__learner_file": "20"}, "years__learner_file", "between 26 and 100"),
        ({"years__documents": "40"}, "years__documents", "longer than the learner's file"),
        ({"years__learner_file": "thirty"}, "years__learner_file", "whole number"),
    ],
)
def test_the_settings_page_refuses_bad_periods(page, dpo, data, field, message):
    posted = {"years__learner_file": "31", "years__documents": "31", "years__audit_events": "31"}
    response = page.post(reverse(SETTINGS), {**posted, **data})
    summary = response.soup.select_one(".govuk-error-summary")
    assert message in summary.get_text()
    assert summary.select_one(f"a[href='#id_{field}']")
    assert not RetentionSetting.objects.exists()


def test_the_settings_page_in_welsh(page, dpo):
    _welsh(dpo)
    response = page.get(reverse(SETTINGS), language="cy")
    # Welsh after the lead merges /tmp/issue7/cy-dataprotection.json into the catalogue.
    assert "Cyfnodau cadw" in response.soup.h1.get_text()

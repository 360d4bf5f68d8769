"""A form refused by the CSRF check gets the service's own 403 page, in the person's language.

Django's reason for refusing goes to the log, never to the page. `tests/security/test_attacks.py`
proves every POST without its token is refused (403); this is what the person then sees.
"""

import logging

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

REASONS = ("CSRF", "token", "not set", "Referer", "Forbidden", "verification")


def _refused(client: Client, url: str, language: str) -> BeautifulSoup:
    client.cookies["django_language"] = language
    response = client.post(url, {"anything": "at all"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_says_what_happened_and_what_to_do(caplog):
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING, logger="aln.common.views"):
        soup = _refused(client, "/sign-in/", "en-gb")

    assert soup.html["lang"] == "en-GB"
    assert soup.title.get_text(strip=True) == (
        "Your form could not be sent \N{EN DASH} Additional learning needs"
    )
    main = soup.select_one("main")
    assert main.select_one("h1").get_text() == "Your form could not be sent"
    text = main.get_text(" ", strip=True)
    assert "the page was open for a long time" in text
    assert "your browser blocks cookies" in text
    assert "Go back, reload the page and try again." in text
    assert main.select_one("a[href='/']").get_text() == "Go to the home page"
    for word in REASONS:
        assert word not in text, word
    # The reason is for the people who run the service.
    (record,) = [r for r in caplog.records if r.name == "aln.common.views"]
    assert "CSRF cookie not set" in record.getMessage()
    assert "/sign-in/" in record.getMessage()


def test_the_page_is_in_welsh_for_a_welsh_speaker(school):
    client = Client(enforce_csrf_checks=True)
    user = MembershipFactory(role="alnco", setting=school, user__preferred_language="cy").user
    client.force_login(user)
    client.get("/")  # gives the browser its CSRF cookie: the refusal is for the missing token

    soup = _refused(client, "/account/sign-out-everywhere/", "en-gb")  # the saved language wins

    assert soup.html["lang"] == "cy"
    assert soup.select_one("main h1").get_text() == "Nid oedd modd anfon eich ffurflen"
    assert "Ewch yn ôl, ail-lwythwch y dudalen" in soup.select_one("main").get_text()
    # Still signed in: the page is the service's own, with its navigation.
    assert soup.select_one(".govuk-service-navigation__list")


def test_a_signed_out_visitor_choosing_welsh_gets_it_in_welsh():
    soup = _refused(Client(enforce_csrf_checks=True), "/password-reset/", "cy")
    assert soup.html["lang"] == "cy"
    assert soup.title.get_text(strip=True).startswith("Nid oedd modd anfon eich ffurflen")


def test_the_setting_names_the_view():
    assert settings.CSRF_FAILURE_VIEW == "aln.common.views.csrf_failure"

"""Signing people out after 30 minutes without a request, with the warning first (ADR 0016).

The clock is time-machine's: `clock.shift(...)` is the person leaving the page alone.
"""

import datetime
import json
import runpy
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from aln.audit.models import AuditEvent
from aln.common.i18n import AUDIT_EVENT_LABELS
from aln.common.middleware import IdleTimeoutMiddleware
from aln.common.sessions import LAST_ACTIVITY_KEY
from tests.conftest import signed_in
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 10, 14, 9, 0, tzinfo=ZoneInfo("Europe/London"))
KEEP_ALIVE = "/session/keep-alive/"
SECOND = datetime.timedelta(seconds=1)
MINUTE = datetime.timedelta(minutes=1)
BASE_SETTINGS = str(settings.BASE_DIR / "aln" / "config" / "settings" / "base.py")
SIGNED_OUT_EN = "You were signed out because you had not used the service for 30 minutes."
SIGNED_OUT_CY = (
    "Cawsoch eich allgofnodi oherwydd nad oeddech wedi defnyddio'r gwasanaeth am 30 munud."
)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def person(client, clock, school):
    """An ALNCo signed in at START (signing in starts the inactivity clock)."""
    return signed_in(client, "alnco", setting=school)


def _recorded(client) -> int | None:
    return client.session.get(LAST_ACTIVITY_KEY)


def _session_writes(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith('UPDATE "django_session"'))


def _idle_events():
    return AuditEvent.objects.filter(event_type="account.signed_out_idle")


def _sent_to_sign_in(response, next_url) -> bool:
    return response.status_code == 302 and response.url == f"/sign-in/?next={next_url}"


# The timeout -------------------------------------------------------------------------------------


def test_signing_in_starts_the_clock(clock, school):
    MembershipFactory(role="alnco", setting=school, user__email="gwen@example.org")
    browser = Client()
    browser.post("/sign-in/", {"username": "gwen@example.org", "password": "correct-horse-battery"})
    assert _recorded(browser) == int(START.timestamp())


def test_a_gap_of_thirty_minutes_is_allowed_and_a_second_more_is_not(client, clock, person):
    clock.shift(30 * MINUTE)
    assert client.get("/").status_code == 200
    clock.shift(30 * MINUTE)
    assert client.get("/").status_code == 200
    clock.shift(30 * MINUTE + SECOND)
    assert _sent_to_sign_in(client.get("/learners/"), "/learners/")


def test_an_idle_person_is_signed_out_with_an_audit_event_and_told_why(page, clock, person):
    clock.shift(31 * MINUTE)

    response = page.client.get("/learners/?name=Cai")

    assert _sent_to_sign_in(response, "/learners/%3Fname%3DCai")
    event = _idle_events().get()
    assert event.actor == person
    assert (event.subject_type, event.subject_id) == ("accounts.user", str(person.pk))
    assert event.changes == {"last_activity": [START.astimezone(datetime.UTC).isoformat(), None]}
    banner = page.get("/sign-in/").soup.select_one(".govuk-notification-banner")
    assert banner.get_text(" ", strip=True) == f"Important {SIGNED_OUT_EN}"
    # The session is over: the next page asks them to sign in, and nothing more is recorded.
    assert _sent_to_sign_in(page.client.get("/"), "/")
    assert _idle_events().count() == 1


def test_the_sign_in_page_says_why_in_welsh_for_a_welsh_speaker(page, clock, person):
    person.preferred_language = "cy"
    person.save()
    clock.shift(31 * MINUTE)
    page.client.get("/")
    text = page.get("/sign-in/", language="cy").soup.select_one("main").get_text(" ", strip=True)
    assert SIGNED_OUT_CY in text


def test_an_idle_person_opening_a_public_page_is_signed_out_and_the_page_answers(
    page, clock, person
):
    clock.shift(45 * MINUTE)
    soup = page.get("/privacy/").soup
    assert SIGNED_OUT_EN in soup.select_one("main").get_text(" ", strip=True)
    assert not soup.select_one("#timeout-warning")  # signed out: no warning to give
    assert _idle_events().count() == 1
    assert _sent_to_sign_in(page.client.get("/"), "/")


def test_a_form_sent_after_the_timeout_changes_nothing_and_goes_to_sign_in(client, clock, person):
    clock.shift(31 * MINUTE)
    response = client.post("/account/sign-out-everywhere/")
    assert _sent_to_sign_in(response, "/account/sign-out-everywhere/")
    assert not AuditEvent.objects.filter(event_type="account.signed_out_everywhere").exists()


# Writing the time: at most once a minute ---------------------------------------------------------


def test_the_time_is_written_at_most_once_a_minute(client, clock, person):
    start = int(START.timestamp())
    with CaptureQueriesContext(connection) as first:
        client.get("/")  # signing in wrote the time: the first page writes nothing
    clock.shift(59 * SECOND)
    with CaptureQueriesContext(connection) as within_the_minute:
        client.get("/")
    assert (_session_writes(first), _session_writes(within_the_minute)) == (0, 0)
    assert _recorded(client) == start

    clock.shift(SECOND)
    with CaptureQueriesContext(connection) as a_minute_on:
        client.get("/")
    assert _session_writes(a_minute_on) == 1
    assert _recorded(client) == start + 60

    clock.shift(30 * SECOND)
    with CaptureQueriesContext(connection) as again:
        client.get("/")
    assert _session_writes(again) == 0
    assert _recorded(client) == start + 60


def test_someone_clicking_through_pages_is_never_signed_out(client, clock, person):
    for _ in range(100):  # 83 minutes, a page every 50 seconds
        clock.shift(50 * SECOND)
        assert client.get("/").status_code == 200
    assert not _idle_events().exists()


# The keep-alive URL ------------------------------------------------------------------------------


def test_keep_alive_post_counts_as_activity(client, clock, person):
    clock.shift(29 * MINUTE)
    assert client.post(KEEP_ALIVE).status_code == 204
    assert _recorded(client) == int(START.timestamp()) + 29 * 60
    clock.shift(29 * MINUTE)
    assert client.get("/").status_code == 200


def test_keep_alive_post_records_the_time_even_within_the_minute(client, clock, person):
    clock.shift(10 * SECOND)
    client.post(KEEP_ALIVE)
    assert _recorded(client) == int(START.timestamp()) + 10


def test_keep_alive_get_tells_the_time_left_and_is_not_activity(client, clock, person):
    clock.shift(20 * MINUTE)
    response = client.get(KEEP_ALIVE)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    answer = json.loads(response.content)
    assert answer["seconds_left"] == 10 * 60
    assert answer["user"] == str(person.pk)
    assert answer["csrf_token"]
    assert _recorded(client) == int(START.timestamp())

    clock.shift(9 * MINUTE)
    assert json.loads(client.get(KEEP_ALIVE).content)["seconds_left"] == 60
    clock.shift(MINUTE + SECOND)
    assert _sent_to_sign_in(client.get(KEEP_ALIVE), KEEP_ALIVE)
    assert _idle_events().count() == 1


def test_keep_alive_sends_a_signed_out_visitor_to_sign_in(client, db):
    assert client.get(KEEP_ALIVE).status_code == 302
    assert client.post(KEEP_ALIVE).status_code == 302
    assert LAST_ACTIVITY_KEY not in client.session


def test_keep_alive_post_needs_the_csrf_token(clock, school):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(MembershipFactory(role="parent").user)
    clock.shift(10 * SECOND)
    assert browser.post(KEEP_ALIVE).status_code == 403
    assert browser.session[LAST_ACTIVITY_KEY] == int(START.timestamp())
    token = json.loads(browser.get(KEEP_ALIVE).content)["csrf_token"]
    assert browser.post(KEEP_ALIVE, headers={"X-CSRFToken": token}).status_code == 204


# The warning on the page -------------------------------------------------------------------------


def test_a_signed_in_page_carries_the_warning(page, clock, person):
    clock.shift(30 * SECOND)  # within the minute: the time signing in recorded still stands
    soup = page.get("/").soup
    dialog = soup.select_one("body > dialog#timeout-warning")
    assert {key: dialog[key] for key in dialog.attrs if key.startswith("data-")} == {
        "data-seconds-left": "1770",
        "data-timeout": "1800",
        "data-warning": "120",
        "data-activity-every": "60",
        "data-user": str(person.pk),
        "data-keep-alive-url": KEEP_ALIVE,
        "data-sign-in-url": "/sign-in/",
    }
    assert dialog["aria-labelledby"] == "timeout-warning-heading"
    assert dialog.select_one("#timeout-warning-heading").get_text() == "You will be signed out soon"
    countdown = dialog.select_one("#timeout-warning-text[aria-live=polite]")
    assert countdown.get_text(strip=True) == (
        "We will sign you out in 2 minutes to protect the information in this service. "
        "Anything you have not sent will be lost."
    )
    sentences = {t["data-minutes"]: t.get_text(strip=True) for t in dialog.select("template")}
    assert list(sentences) == ["2", "1"]
    assert sentences["1"].startswith("We will sign you out in 1 minute to protect")
    assert dialog.select_one("button[data-timeout-stay]").get_text() == "Stay signed in"
    sign_out = dialog.select_one("form[method=post]")
    assert sign_out["action"] == "/sign-out/"
    assert sign_out.select_one("input[name=csrfmiddlewaretoken]")
    assert soup.select_one('script[type=module][src$="aln/js/timeout-warning.mjs"]')
    banner = soup.select_one("main #timeout-signed-out[hidden]")
    assert SIGNED_OUT_EN in banner.get_text(" ", strip=True)
    assert banner.select_one("a[target=_blank]")["href"] == "/sign-in/"


def test_the_warning_is_in_welsh_for_a_welsh_speaker(page, clock, person):
    person.preferred_language = "cy"
    person.save()
    dialog = page.get("/", language="cy").soup.select_one("#timeout-warning")
    assert dialog.select_one("h2").get_text() == "Byddwch yn cael eich allgofnodi cyn bo hir"
    assert dialog.select_one("button[data-timeout-stay]").get_text() == "Aros wedi mewngofnodi"
    assert (
        dialog.select_one("#timeout-warning-text")
        .get_text(strip=True)
        .startswith("Byddwn yn eich allgofnodi ymhen 2 funud")
    )


def test_a_signed_out_page_has_no_warning(page, db):
    soup = page.get("/sign-in/").soup
    assert not soup.select_one("#timeout-warning")
    assert not soup.select_one("#timeout-signed-out")
    assert not soup.select_one('script[src$="timeout-warning.mjs"]')


# Settings ----------------------------------------------------------------------------------------


def test_the_timeout_and_warning_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("SESSION_IDLE_TIMEOUT_MINUTES", raising=False)
    monkeypatch.delenv("SESSION_IDLE_WARNING_MINUTES", raising=False)
    defaults = runpy.run_path(BASE_SETTINGS)
    assert (defaults["SESSION_IDLE_TIMEOUT"], defaults["SESSION_IDLE_WARNING"]) == (1800, 120)

    monkeypatch.setenv("SESSION_IDLE_TIMEOUT_MINUTES", "15")
    monkeypatch.setenv("SESSION_IDLE_WARNING_MINUTES", "3")
    configured = runpy.run_path(BASE_SETTINGS)
    assert (configured["SESSION_IDLE_TIMEOUT"], configured["SESSION_IDLE_WARNING"]) == (900, 180)


@override_settings(SESSION_IDLE_TIMEOUT=600)
def test_the_page_and_the_message_follow_the_setting(page, clock, person):
    soup = page.get("/").soup
    assert soup.select_one("#timeout-warning")["data-timeout"] == "600"
    assert soup.select_one("#timeout-warning")["data-activity-every"] == "20"
    clock.shift(11 * MINUTE)
    page.client.get("/")
    text = page.get("/sign-in/").soup.select_one("main").get_text(" ", strip=True)
    assert "had not used the service for 10 minutes." in text


@override_settings(SESSION_IDLE_TIMEOUT=60, SESSION_IDLE_WARNING=120)
def test_a_warning_longer_than_the_timeout_stops_the_service_at_boot():
    with pytest.raises(ValueError, match="warning"):
        IdleTimeoutMiddleware(lambda request: None)


@pytest.mark.parametrize(("language", "words"), [("en-gb", "Signed out after a period")])
def test_the_audit_event_has_a_label(language, words):
    with translation.override(language):
        assert str(AUDIT_EVENT_LABELS["account.signed_out_idle"]).startswith(words)

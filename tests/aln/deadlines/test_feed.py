"""A person's private calendar feed: the address is shown once, stored hashed, and revocable."""

import datetime
import hashlib

import icalendar
import pytest
import time_machine
from django.test import Client

from aln.audit.models import AuditEvent
from aln.deadlines.models import CalendarFeedToken
from aln.deadlines.services.feed import feed_token_create
from aln.deadlines.views import feed as feed_views
from tests.factories import CaseFactory, DeadlineFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/deadlines/calendar-feed/"
SITE = "http://127.0.0.1:8000"
D = datetime.date.fromisoformat


@pytest.fixture
def case(enrolled_learner, school):
    return CaseFactory(learner=enrolled_learner, setting=school)


def _feed_path(raw):
    return f"/deadlines/calendar-feed/{raw}.ics"


def _events(response):
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_the_page_offers_to_create_an_address(page, alnco):
    response = page.get(URL)
    assert response.soup.h1.get_text(strip=True) == "Add your deadlines to your calendar"
    assert "You do not have a calendar address." in response.soup.get_text()
    assert response.soup.select_one("button[name=action][value=create]")
    assert not response.soup.select_one("#feed-url")


def test_the_page_works_in_welsh(page, alnco):
    alnco.preferred_language = "cy"
    alnco.save()
    feed_token_create(actor=alnco)
    page.get(URL, language="cy")


def test_creating_shows_the_address_once_and_stores_only_its_hash(page, client, alnco):
    response = client.post(URL, {"action": "create"})
    assert response.status_code == 302

    shown = page.get(URL)
    address = shown.soup.select_one("input#feed-url")["value"]
    assert address.startswith(f"{SITE}/deadlines/calendar-feed/")
    assert address.endswith(".ics")
    label = shown.soup.select_one("label[for=feed-url]")
    assert label.get_text(strip=True) == "Copy this address into your calendar app"
    assert "Anyone who has this address can see the deadlines in it" in shown.soup.get_text()
    assert "no-store" in shown["Cache-Control"]

    raw = address.removeprefix(f"{SITE}/deadlines/calendar-feed/").removesuffix(".ics")
    token = CalendarFeedToken.objects.get()
    assert token.user == alnco
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in token.token_hash
    assert AuditEvent.objects.filter(event_type="calendar_feed.created", actor=alnco).exists()

    again = page.get(URL)
    assert not again.soup.select_one("#feed-url")  # shown once only
    assert raw not in again.content.decode()
    assert "On, created on" in again.soup.get_text()
    assert "Not used yet" in again.soup.get_text()


def test_the_feed_lists_the_users_open_deadlines_without_childrens_names(alnco, case, school):
    mine = DeadlineFactory(case=case, owner=alnco, due_on=D("2026-12-01"))
    DeadlineFactory(case=case, owner=alnco, state="met", met_on=D("2026-11-01"))
    DeadlineFactory(case=case, owner=alnco, due_on=None, reminder_on=None)
    colleague = MembershipFactory(role="alnco", setting=school).user
    DeadlineFactory(case=case, owner=colleague)
    elsewhere = CaseFactory()  # a learner this ALNCo cannot see any more
    DeadlineFactory(case=elsewhere, owner=alnco)
    raw = feed_token_create(actor=alnco)

    response = Client().get(_feed_path(raw))  # a calendar app: not signed in

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in response
    assert not response.cookies
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Additional learning needs deadlines"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{mine.pk}@aln"
    assert event.decoded("DTSTART") == D("2026-12-01")
    assert event.decoded("DTEND") == D("2026-12-02")
    assert str(event["SUMMARY"]) == (
        f"School decides whether the learner has ALN (35 school days) (case {case.reference})"
    )
    assert str(event["URL"]) == f"{SITE}/cases/{case.pk}/"
    text = response.content.decode()
    for name in (case.learner.first_name, case.learner.last_name):
        assert name not in text


def test_the_feed_is_written_in_the_users_language(monkeypatch, alnco, case):
    DeadlineFactory(case=case, owner=alnco)
    raw = feed_token_create(actor=alnco)
    # The Welsh words arrive with the catalogue; what matters here is which language is chosen.
    monkeypatch.setattr(
        feed_views, "label", lambda labels, code: f"[{feed_views.translation.get_language()}]"
    )

    assert str(_events(Client().get(_feed_path(raw)))[0]["SUMMARY"]).startswith("[en-gb]")
    alnco.preferred_language = "cy"
    alnco.save()
    assert str(_events(Client().get(_feed_path(raw)))[0]["SUMMARY"]).startswith("[cy]")


def test_an_unknown_address_is_not_found(client, db):
    assert client.get(_feed_path("not-a-real-token")).status_code == 404


def test_the_feed_only_answers_get(alnco):
    raw = feed_token_create(actor=alnco)
    assert Client().post(_feed_path(raw)).status_code == 405


def test_use_is_noted_at_most_once_an_hour(alnco):
    raw = feed_token_create(actor=alnco)
    start = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    for minutes, expected in [(0, 0), (59, 0), (61, 61)]:
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert Client().get(_feed_path(raw)).status_code == 200
        used = CalendarFeedToken.objects.get().last_used_at
        assert used == start + datetime.timedelta(minutes=expected)


def test_the_page_says_when_the_address_was_last_used(page, alnco):
    raw = feed_token_create(actor=alnco)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 5, tzinfo=datetime.UTC)):
        Client().get(_feed_path(raw))
    assert "23 November 2026 at 09:05" in page.get(URL).soup.get_text()


def test_a_new_address_turns_off_the_old_one(page, client, alnco):
    old = feed_token_create(actor=alnco)
    client.post(URL, {"action": "create"})
    new = page.get(URL).soup.select_one("#feed-url")["value"].rsplit("/", 1)[1][: -len(".ics")]

    assert Client().get(_feed_path(old)).status_code == 404
    assert Client().get(_feed_path(new)).status_code == 200
    assert CalendarFeedToken.objects.filter(revoked_at__isnull=True).count() == 1
    revoked = AuditEvent.objects.get(event_type="calendar_feed.revoked")
    assert revoked.reason == "replaced"


def test_turning_off_the_address_stops_the_feed(page, client, alnco):
    raw = feed_token_create(actor=alnco)

    response = client.post(URL, {"action": "revoke"}, follow=True)

    assert "Your calendar address has been turned off." in response.content.decode()
    assert Client().get(_feed_path(raw)).status_code == 404
    assert AuditEvent.objects.filter(event_type="calendar_feed.revoked", actor=alnco).exists()
    assert "You do not have a calendar address." in page.get(URL).soup.get_text()


def test_a_switched_off_account_or_role_stops_the_feed(alnco):
    raw = feed_token_create(actor=alnco)
    alnco.memberships.update(is_active=False)
    assert Client().get(_feed_path(raw)).status_code == 404
    alnco.memberships.update(is_active=True)
    alnco.is_active = False
    alnco.save()
    assert Client().get(_feed_path(raw)).status_code == 404


def test_an_unexpected_action_changes_nothing(client, alnco):
    assert client.post(URL, {"action": "delete-everything"}).status_code == 302
    assert not CalendarFeedToken.objects.exists()


def test_the_feed_takes_a_fixed_number_of_queries(django_assert_max_num_queries, alnco, case):
    raw = feed_token_create(actor=alnco)
    for _ in range(10):
        DeadlineFactory(case=case, owner=alnco)
    # 4 to answer, and 1 to write its access event (deadline.feed_downloaded).
    with django_assert_max_num_queries(4 + 1):
        response = Client().get(_feed_path(raw))
    assert len(_events(response)) == 10

"""The access log, proved: every page or file about a learner, opened by the LA, the school or
the family, writes one access event saying who, acting as which role, about which record, from
which request; a page that turns the person away writes none; and the log costs one query.

The learner and every record about them come from the script-injection test's builder
(`tests/security/test_attacks.py`), and the URLs from the same URL walker, so a new page about a
learner is tried here as soon as it is added. docs/security.md ("The access log") has the rule.
"""

import re
from itertools import count

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aln.audit.access import is_access_event
from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.i18n import AUDIT_EVENT_LABELS
from aln.common.permissions import AccessLoggedMixin
from aln.deadlines.services.feed import feed_token_create
from aln.learners.models import Learner
from tests.architecture.url_walk import all_routes
from tests.factories import DeadlineFactory, FamilyLinkFactory, FamilyMemberFactory
from tests.factories import MembershipFactory as Member
from tests.security.test_attacks import _learner_with_records, _urls

pytestmark = pytest.mark.django_db

# Pages that list many learners: one event per page shown, about the person looking (not one per
# learner), with what they searched for.
LIST_PAGES = {
    "home:home": "home.viewed",
    "learners:learner-search": "learner.list_viewed",
    "deadlines:deadline-list": "deadline.list_viewed",
    "disputes:dashboard": "dispute.dashboard_viewed",
}

# Pages that show no learner's personal data, so they open nobody's record and log nothing.
# A form that names the learner is NOT here: it is a view of their record, and it is logged.
NO_LEARNER_DATA = {
    "learners:learner-create": "a blank form to add a learner",
    "deadlines:feed-manage": "the person's own calendar address (the feed itself is logged)",
    "deadlines:calendar": "the LA's term dates and school closures",
    "deadlines:term-create": "term dates",
    "deadlines:term-update": "term dates",
    "deadlines:term-delete": "term dates",
    "deadlines:closure-create": "school closures",
    "deadlines:closure-delete": "school closures",
    "deadlines:calendar-import": "term dates",
    "deadlines:clock-settings": "the LA's time limits",
    "notices:provider-list": "the LA's disagreement-resolution and advocacy providers",
    "notices:provider-create": "providers",
    "notices:provider-update": "providers",
    "notices:provider-deactivate": "providers",
    "idps:check-outcome": "reads only the outcome text it is sent; a GET reads nothing",
}
# Whole areas about the person themselves: their account, sign-in and session.
NO_LEARNER_DATA_AREAS = {
    "accounts": "the person's own account and sign-in",
    "common": "language and session",
}
# Pages that should be logged and are not yet (none now; keep the shape for the next gap).
NOT_YET_LOGGED: dict[str, str] = {}

RELATIONSHIP = {"la_aln_manager": "la_responsible", "alnco": "enrolled_at_setting"}
RELATIONSHIP["parent"] = "family"


def _exempt(route) -> bool:
    """Pages that show nobody's data: listed above, or public (sign-in, privacy...). The one
    public address that does send data, the calendar feed, is logged and tried on its own."""
    view, name = route.view_class, route.name
    if getattr(view, "public", False) and not issubclass(view, AccessLoggedMixin):
        return True
    return (
        name in NO_LEARNER_DATA
        or name.split(":", maxsplit=1)[0] in NO_LEARNER_DATA_AREAS
        or name in NOT_YET_LOGGED
    )


@pytest.fixture
def world():
    """One learner with a case, a plan, requests, an appeal and the rest, and three people who
    may see them for three different reasons."""
    built = _learner_with_records("994")
    learner = Learner.objects.get(pk=built["records"]["learner_id"])
    parent = Member(role="parent").user
    FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=parent))
    built["people"] = {
        "la_aln_manager": Member(role="la_aln_manager", local_authority=built["authority"]).user,
        "alnco": Member(role="alnco", setting=built["school"]).user,
        "parent": parent,
    }
    built["learner"] = learner
    return built


def _learner_id_of(record) -> object:
    """The learner a logged record is about (a record about a record: through its parent)."""
    if isinstance(record, Learner):
        return record.pk
    for path in ("learner_id", "case.learner_id", "idp.learner_id", "appeal.learner_id"):
        value = record
        for name in path.split("."):
            value = getattr(value, name, None)
        if value is not None:
            return value
    return None


def _subject(event):
    model = apps.get_model(event.subject_type)
    return model.objects.get(pk=event.subject_id)


def _new_access_events(after_id: int) -> list[AuditEvent]:
    return [
        event
        for event in AuditEvent.objects.filter(id__gt=after_id).order_by("id")
        if is_access_event(event.event_type)
    ]


def _last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _check_record_page(event, route, world, role, user):
    """An event about one of the learner's records, in the learner's LA."""
    assert event.local_authority_id == world["authority"].pk, route.name
    assert _learner_id_of(_subject(event)) == world["learner"].pk, (route.name, event)
    if event.subject_type == "learners.learner":
        assert event.reason == RELATIONSHIP[role], (route.name, event.reason)


def _check_list_page(event, route, user):
    assert event.event_type == LIST_PAGES[route.name], route.name
    assert (event.subject_type, event.subject_id) == ("accounts.user", str(user.pk))


@pytest.mark.parametrize("role", ["la_aln_manager", "alnco", "parent"])
def test_every_page_about_a_learner_logs_who_saw_what(client, world, role):
    user = world["people"][role]
    client.force_login(user)
    request_ids = count()
    logged: set[str] = set()
    for route, url in _urls(world["records"]):
        request_id = f"access-log-{next(request_ids)}"
        before = _last_id()
        response = client.get(url, HTTP_X_REQUEST_ID=request_id)
        events = _new_access_events(before)
        if response.status_code != 200 or _exempt(route):
            # Turned away (404, or sent back to the record's page), or nobody's data: nothing.
            assert events == [], (route.name, url, response.status_code, events)
            continue
        assert len(events) == 1, (route.name, url, events)
        (event,) = events
        assert (event.actor, event.actor_roles, event.request_id) == (user, role, request_id)
        assert event.event_type == route.view_class.access_event, route.name
        if route.name in LIST_PAGES:
            _check_list_page(event, route, user)
        else:
            _check_record_page(event, route, world, role, user)
        logged.add(route.name)
    # The pages every one of them may open were among those tried, and logged.
    for name in ("learners:learner-detail", "cases:case-detail", "idps:plan", "idps:version"):
        assert name in logged, name
    for name in ("disputes:log", "disputes:request", "disputes:appeal", "disputes:order"):
        assert name in logged, name
    assert {"notices:download", "idps:attachment-download", "disputes:capacity"} <= logged


def test_the_school_and_the_la_are_logged_on_the_pages_only_they_may_open(client, world):
    """The pages only staff may open, each tried as the person who acts on it."""
    manager, alnco = world["people"]["la_aln_manager"], world["people"]["alnco"]
    logged = set()
    for user in (manager, alnco):
        client.force_login(user)
        for route, url in _urls(world["records"]):
            before = _last_id()
            if client.get(url).status_code == 200 and _new_access_events(before):
                logged.add(route.name)
    wanted = {
        "learners:learner-search",
        "deadlines:deadline-list",
        "disputes:dashboard",
        "deadlines:deadline-meet",
        "idps:edit",
        "idps:edit-section",
        "idps:need-edit",
        "idps:element-edit",
        "idps:preview",
        "idps:review-detail",
        "idps:review-request-assign",
        "disputes:request-invite",
        "disputes:referral-outcome",
        "disputes:acting-for-end",
        "disputes:request-new",
        "cases:concern-create",
    }
    assert wanted <= logged, sorted(wanted - logged)


def test_every_page_with_a_learner_record_in_its_address_is_logged_or_exempt(world):
    """Pages this world cannot open now (a move the record's stage does not allow) are covered
    by their class: each says which access event it writes."""
    about_a_learner = set(world["records"]) - {"term_id", "closure_id", "provider_id"}
    for route in all_routes():
        view = route.view_class
        arguments = set(re.findall(r"<(?:\w+:)?(\w+)>", route.pattern))
        if view is None or _exempt(route) or not arguments & about_a_learner:
            continue
        assert issubclass(view, AccessLoggedMixin), route.name
        assert is_access_event(view.access_event), (route.name, view.access_event)


def test_every_access_event_a_page_writes_has_words_for_the_audit_search():
    for route in all_routes():
        if route.view_class is not None and issubclass(route.view_class, AccessLoggedMixin):
            assert route.view_class.access_event in AUDIT_EVENT_LABELS, route.name


def test_a_list_page_logs_what_was_searched_for_not_each_learner(client, world):
    manager = world["people"]["la_aln_manager"]
    client.force_login(manager)
    before = _last_id()
    response = client.get(
        reverse("learners:learner-search"), {"name": "Prys", "worklist": "no-upn", "extra": "x"}
    )
    assert response.status_code == 200
    (event,) = _new_access_events(before)
    assert event.event_type == "learner.list_viewed"
    assert event.changes == {"name": "Prys", "worklist": "no-upn"}
    assert event.local_authority_id == world["authority"].pk
    before = _last_id()
    client.get(reverse("deadlines:deadline-list"), {"view": "overdue", "page": "1"})
    (event,) = _new_access_events(before)
    assert event.changes == {"view": "overdue", "page": "1"}


def test_a_search_term_is_kept_short_in_the_log(client, world):
    client.force_login(world["people"]["la_aln_manager"])
    before = _last_id()
    client.get(reverse("learners:learner-search"), {"name": "x" * 5000})
    (event,) = _new_access_events(before)
    assert event.changes == {"name": "x" * 100}


def test_the_calendar_feed_is_logged_as_a_download_by_its_owner(world):
    alnco = world["people"]["alnco"]
    DeadlineFactory(case=Case.objects.get(pk=world["records"]["case_id"]), owner=alnco)
    raw = feed_token_create(actor=alnco)
    before = _last_id()
    response = Client().get(
        reverse("deadlines:feed", kwargs={"token": raw}), HTTP_X_REQUEST_ID="calendar-app-1"
    )
    assert response.status_code == 200
    (event,) = _new_access_events(before)
    assert (event.event_type, event.actor, event.actor_roles) == (
        "deadline.feed_downloaded",
        alnco,
        "alnco",
    )
    assert (event.request_id, event.changes) == ("calendar-app-1", {"deadlines": 1})
    assert event.local_authority_id == world["authority"].pk
    Client().head(reverse("deadlines:feed", kwargs={"token": raw}))
    assert len(_new_access_events(before)) == 1  # a HEAD sends no data


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_logging_a_page_costs_one_insert_and_nothing_else(client, world, monkeypatch):
    client.force_login(world["people"]["la_aln_manager"])
    tried = set()
    for route, url in _urls(world["records"]):
        if route.name in tried or _exempt(route):
            continue
        if client.get(url).status_code != 200:  # also warms the page's caches
            continue
        tried.add(route.name)
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        logged = context.captured_queries
        with monkeypatch.context() as patched:
            patched.setattr(AccessLoggedMixin, "_log_access", lambda self, response=None: None)
            without = _queries(client, url)
        inserts = [
            q["sql"] for q in logged if q["sql"].startswith('INSERT INTO "audit_auditevent"')
        ]
        assert len(inserts) == 1, route.name
        assert len(logged) == without + 1, (route.name, len(logged), without)
    assert {
        "learners:learner-search",
        "learners:learner-detail",
        "cases:case-detail",
        "idps:plan",
        "idps:attachment-download",
        "disputes:request",
        "disputes:appeal",
        "notices:download",
    } <= tried


def test_the_home_page_is_logged_only_for_people_who_may_see_learners(client, world):
    """The data protection officer's home page names nobody; a parent's names their children."""
    dpo = Member(role="data_protection_officer", local_authority=world["authority"]).user
    client.force_login(dpo)
    before = _last_id()
    assert client.get(reverse("home:home")).status_code == 200
    assert _new_access_events(before) == []

    client.force_login(world["people"]["parent"])
    before = _last_id()
    assert client.get(reverse("home:home")).status_code == 200
    assert [e.event_type for e in _new_access_events(before)] == ["home.viewed"]

"""The audit trail pages: search, one event, in English and Welsh, for the DPO only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aln.audit.models import AuditEvent
from tests.aln.audit.helpers import event
from tests.conftest import signed_in
from tests.factories import CaseFactory, LearnerFactory, MembershipFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SEARCH = "/audit/"


@pytest.fixture
def signed_in_dpo(client, dpo):
    client.force_login(dpo)
    return dpo


@pytest.fixture
def officer(authority):
    return MembershipFactory(
        role="la_aln_officer",
        local_authority=authority,
        user__full_name="Owain Price",
        user__email="owain.price@example.org",
    ).user


def _in_welsh(user):
    """A signed-in person's saved language wins over the language cookie."""
    user.preferred_language = "cy"
    user.save(update_fields=["preferred_language"])


def _rows(response):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in response.soup.select("#audit-events tbody tr")
    ]


def test_the_search_lists_the_authoritys_events_newest_first(
    page, signed_in_dpo, authority, officer
):
    learner = LearnerFactory(home_local_authority=authority)
    event(
        learner,
        authority=authority,
        event_type="learner.created",
        actor=officer,
        at=datetime.datetime(2026, 9, 1, 9, 30, tzinfo=UTC),
    )
    case = CaseFactory(learner=learner)
    newest = event(
        case,
        authority=authority,
        event_type="case.opened",
        actor=officer,
        reason="Concern from the class teacher",
        at=datetime.datetime(2026, 9, 2, 14, 5, tzinfo=UTC),
    )
    response = page.get(SEARCH)
    assert response.soup.title.get_text(strip=True).startswith("Audit trail")
    assert response.soup.select_one("#results-count").get_text(strip=True) == "2 events"
    rows = _rows(response)
    assert rows[0] == [
        "2 September 2026, 15:05",  # British Summer Time
        "Owain Price owain.price@example.org Local authority ALN officer",
        f"Case opened (event {newest.pk})",
        f"Case {case.pk}",
        "Concern from the class teacher",
    ]
    assert rows[1][2].startswith("Learner added")
    link = response.soup.select_one("#audit-events tbody a")
    assert link["href"] == f"/audit/{newest.pk}/"


def test_an_event_type_without_words_shows_its_code(page, signed_in_dpo, authority):
    event(authority, authority=authority, event_type="future.thing_done")
    assert _rows(page.get(SEARCH))[0][2].startswith("future.thing_done")


def test_the_page_is_in_welsh_with_welsh_labels(page, signed_in_dpo, authority):
    _in_welsh(signed_in_dpo)
    event(
        CaseFactory(learner__home_local_authority=authority),
        authority=authority,
        event_type="case.opened",
    )
    response = page.get(SEARCH, language="cy")
    assert response.soup.title.get_text(strip=True).startswith("Trywydd archwilio")
    assert _rows(response)[0][2].startswith("Agorwyd yr achos")
    assert "Achos" in _rows(response)[0][3]
    assert response.soup.select_one("#results-count").get_text(strip=True) == "1 digwyddiad"


def test_filters_narrow_the_list_and_are_kept_in_the_form(page, signed_in_dpo, authority, officer):
    event(authority, authority=authority, event_type="case.opened", actor=officer)
    event(authority, authority=authority, event_type="learner.viewed")
    response = page.get(SEARCH, event_type="case.opened", who="owain")
    assert len(_rows(response)) == 1
    assert response.soup.select_one("#id_who")["value"] == "owain"
    chosen = response.soup.select_one("#id_event_type option[selected]")
    assert chosen["value"] == "case.opened"
    assert "event_type=case.opened" in response.soup.select_one("#audit-download a")["href"]


def test_the_event_types_are_listed_by_their_words(page, signed_in_dpo):
    options = page.get(SEARCH).soup.select("#id_event_type option")
    words = [option.get_text() for option in options[1:]]
    assert options[0]["value"] == ""
    assert words == sorted(words)
    assert "Case opened" in words


def test_a_to_date_before_the_from_date_is_an_error(page, signed_in_dpo, authority):
    event(authority, authority=authority)
    response = page.get(
        SEARCH,
        from_date_0="2",
        from_date_1="9",
        from_date_2="2026",
        to_date_0="1",
        to_date_1="9",
        to_date_2="2026",
    )
    summary = response.soup.select_one(".govuk-error-summary")
    assert "must be the same as or after" in summary.get_text()
    assert _rows(response) == []


def test_fifty_events_a_page(page, signed_in_dpo, authority):
    for _ in range(51):
        event(authority, authority=authority)
    first = page.get(SEARCH)
    assert len(_rows(first)) == 50
    assert first.soup.select_one("nav.govuk-pagination .govuk-pagination__next")
    second = page.get(SEARCH, page="2")
    assert len(_rows(second)) == 1
    assert second.soup.select_one("nav.govuk-pagination .govuk-pagination__prev")


def test_the_search_page_asks_the_same_number_of_queries_for_5_or_50_events(
    client, page, signed_in_dpo, authority
):
    people = [
        MembershipFactory(role="la_aln_officer", local_authority=authority).user for _ in range(5)
    ]
    for person in people:
        event(authority, authority=authority, actor=person, event_type="case.opened")
    page.get(SEARCH)  # sessions and caches settle
    with CaptureQueriesContext(connection) as few:
        page.get(SEARCH)
    for n in range(45):
        event(authority, authority=authority, actor=people[n % 5], event_type="case.opened")
    with CaptureQueriesContext(connection) as many:
        response = page.get(SEARCH)
    assert len(_rows(response)) == 50
    assert len(many.captured_queries) == len(few.captured_queries)


def test_searching_writes_nothing(page, signed_in_dpo, authority):
    event(authority, authority=authority)
    before = AuditEvent.objects.count()
    page.get(SEARCH, who="x")
    assert AuditEvent.objects.count() == before


def test_script_in_a_reason_is_shown_as_text(page, signed_in_dpo, authority):
    payload = '<script>alert("x")</script>'
    shown = event(authority, authority=authority, reason=payload, changes={"note": [None, payload]})
    for url in (SEARCH, f"/audit/{shown.pk}/"):
        html = page.get(url).content.decode()
        assert payload not in html
        assert "&lt;script&gt;" in html


# --- One event ---------------------------------------------------------------------------------


def test_the_event_page_shows_every_field_and_the_changes(page, signed_in_dpo, authority, officer):
    case = CaseFactory(learner__home_local_authority=authority)
    shown = event(
        case,
        authority=authority,
        event_type="case.decided",
        actor=officer,
        reason="Evidence from the educational psychologist",
        changes={"stage": ["deciding", "closed"], "outcome": [None, "has_aln"], "notes": "set"},
        request="9f1c",
        at=datetime.datetime(2026, 11, 23, 11, 28, 5, tzinfo=UTC),
    )
    soup = page.get(f"/audit/{shown.pk}/").soup
    fields = {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
        for row in soup.select("#event-fields .govuk-summary-list__row")
    }
    assert fields == {
        "When": "23 November 2026, 11:28:05",
        "Who": "Owain Price",
        "Email address": "owain.price@example.org",
        "Acting as": "Local authority ALN officer",
        "Local authority": authority.name_en,
        "What happened": "Decision made case.decided",
        "Type of record": "Case cases.case",
        "Record id": str(case.pk),
        "Reason": "Evidence from the educational psychologist",
        "Request id": "9f1c",
    }
    changes = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select("#event-changes tbody tr")
    ]
    assert changes == [["stage", "deciding", "closed"], ["outcome", "\N{EN DASH}", "has_aln"]]
    values = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select("#event-values tbody tr")
    ]
    assert values == [["notes", "set"]]
    related = [a["href"] for a in soup.select("#related-events a")]
    assert related == [
        f"/audit/?subject_id={case.pk}&subject_type=cases.case",
        "/audit/?request_id=9f1c",
    ]


def test_an_event_with_nothing_recorded_says_so(page, signed_in_dpo, authority):
    _in_welsh(signed_in_dpo)
    shown = event(authority, authority=authority)
    soup = page.get(f"/audit/{shown.pk}/", language="cy").soup
    assert soup.select_one("#no-changes")
    assert soup.select_one("#event-fields dd").get_text(strip=True)  # the date, in Welsh


def test_another_authoritys_event_answers_404(page, signed_in_dpo, other_authority):
    theirs = event(other_authority, authority=other_authority)
    page.get(f"/audit/{theirs.pk}/", status=404)
    page.get("/audit/999999/", status=404)


@pytest.mark.parametrize("role", ["la_aln_manager", "la_aln_officer", "system_admin"])
def test_nobody_but_the_dpo_opens_the_audit_trail(client, page, authority, role):
    organisation = {} if role == "system_admin" else {"local_authority": authority}
    signed_in(client, role, **organisation)
    ours = event(authority, authority=authority)
    for url in (SEARCH, f"/audit/{ours.pk}/", "/audit/export.csv"):
        page.get(url, status=404)


# --- Home ----------------------------------------------------------------------------------------


def test_the_dpo_home_page_shows_their_jobs_and_no_learners(page, signed_in_dpo):
    soup = page.get("/").soup
    links = {a.get_text(strip=True): a["href"] for a in soup.select("#data-protection-tasks a")}
    assert links == {
        "Search the audit trail": "/audit/",
        "Records past their retention period": "/data-protection/retention/",
    }
    assert not soup.select("#deadline-panel, #review-request-tasks")
    assert "Learners" not in [h.get_text(strip=True) for h in soup.select("main h2")]


def test_the_dpo_home_page_in_welsh(page, signed_in_dpo):
    _in_welsh(signed_in_dpo)
    soup = page.get("/", language="cy").soup
    assert soup.select_one("#data-protection-tasks a").get_text(strip=True) == (
        "Chwilio'r trywydd archwilio"
    )


def test_staff_who_work_on_cases_see_no_data_protection_tasks(page, la_officer):
    assert not page.get("/").soup.select("#data-protection-tasks")

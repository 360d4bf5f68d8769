"""The CSV download of the audit trail: what it holds, for whom, and that it is itself recorded."""

import csv
import datetime
import io
import json

import pytest

from aln.audit import exports
from aln.audit.models import AuditEvent
from tests.aln.audit.helpers import event
from tests.factories import CaseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
EXPORT = "/audit/export.csv"


@pytest.fixture
def signed_in_dpo(client, dpo):
    client.force_login(dpo)
    return dpo


def _download(client, **params):
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    return response, body


def _rows(body: bytes):
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_file_is_utf8_with_a_bom_and_the_columns_of_the_table(client, signed_in_dpo, authority):
    officer = MembershipFactory(
        role="la_aln_officer",
        local_authority=authority,
        user__full_name="Siân Roberts",
        user__email="sian@example.org",
    ).user
    case = CaseFactory(learner__home_local_authority=authority)
    shown = event(
        case,
        authority=authority,
        event_type="case.opened",
        actor=officer,
        reason="Pryder gan yr athro",
        changes={"stage": [None, "gathering"]},
        request="abc123",
        at=datetime.datetime(2026, 9, 2, 14, 5, tzinfo=UTC),
    )
    response, body = _download(client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    header, *rows = _rows(body)
    assert header == [
        "Event number",
        "When",
        "Name",
        "Email address",
        "Roles",
        "What happened",
        "Event code",
        "Type of record",
        "Record id",
        "Reason",
        "Changes (JSON)",
        "Request id",
    ]
    assert rows == [
        [
            str(shown.pk),
            "2026-09-02T15:05:00+01:00",
            "Siân Roberts",
            "sian@example.org",
            "Local authority ALN officer",
            "Case opened",
            "case.opened",
            "Case",
            str(case.pk),
            "Pryder gan yr athro",
            json.dumps({"stage": [None, "gathering"]}, ensure_ascii=False),
            "abc123",
        ]
    ]


def test_the_file_follows_the_filters_and_never_holds_another_authoritys_events(
    client, signed_in_dpo, authority, other_authority
):
    wanted = event(authority, authority=authority, event_type="case.opened")
    event(authority, authority=authority, event_type="learner.viewed")
    event(other_authority, authority=other_authority, event_type="case.opened")
    _response, body = _download(client, event_type="case.opened")
    ids = [row[0] for row in _rows(body)[1:]]
    assert ids == [str(wanted.pk)]
    _response, body = _download(client)
    codes = sorted(row[6] for row in _rows(body)[1:])
    # Our two events and the first download (not the other LA's event).
    assert codes == ["audit.exported", "case.opened", "learner.viewed"]


def test_the_download_is_recorded_with_the_filters_and_the_number_of_rows(
    client, signed_in_dpo, authority
):
    event(authority, authority=authority, event_type="case.opened")
    event(authority, authority=authority, event_type="case.opened")
    _download(
        client,
        event_type="case.opened",
        who="",
        from_date_0="1",
        from_date_1="9",
        from_date_2="2020",
    )
    recorded = AuditEvent.objects.get(event_type="audit.exported")
    assert recorded.actor == signed_in_dpo
    assert recorded.actor_roles == "data_protection_officer"
    assert recorded.local_authority == authority
    assert recorded.subject_type == "organisations.localauthority"
    assert recorded.subject_id == str(authority.pk)
    assert recorded.changes == {"event_type": "case.opened", "from_date": "2020-09-01", "rows": 2}


def test_the_download_does_not_hold_its_own_event(client, signed_in_dpo, authority):
    event(authority, authority=authority)
    _download(client)
    _response, body = _download(client)
    codes = [row[6] for row in _rows(body)[1:]]
    assert codes == ["audit.exported", "learner.viewed"]  # the first download, not this one


def test_a_big_search_is_cut_at_the_limit_with_a_message(
    client, signed_in_dpo, authority, monkeypatch
):
    monkeypatch.setattr(exports, "EXPORT_ROW_LIMIT", 2)
    for _ in range(3):
        event(authority, authority=authority)
    _response, body = _download(client)
    _header, *rows = _rows(body)
    assert len(rows) == 3
    assert rows[-1][0].startswith("This file holds the newest 2 events of 3.")
    assert AuditEvent.objects.get(event_type="audit.exported").changes == {"rows": 2}


def test_the_search_page_says_when_the_file_will_be_cut(
    page, signed_in_dpo, authority, monkeypatch
):
    monkeypatch.setattr("aln.audit.views.EXPORT_ROW_LIMIT", 2)
    event(authority, authority=authority)
    assert "up to 2 events" in page.get("/audit/").soup.select_one("#download-limit").get_text()
    for _ in range(2):
        event(authority, authority=authority)
    warning = page.get("/audit/").soup.select_one("#download-limit").get_text(" ", strip=True)
    assert "more than 2 events" in warning


def test_cells_a_spreadsheet_would_run_as_a_formula_are_made_text(client, signed_in_dpo, authority):
    event(authority, authority=authority, reason='=HYPERLINK("http://evil.example","x")')
    _response, body = _download(client)
    assert _rows(body)[1][9] == '\'=HYPERLINK("http://evil.example","x")'


def test_the_file_is_in_the_persons_language(client, signed_in_dpo, authority):
    signed_in_dpo.preferred_language = "cy"
    signed_in_dpo.save(update_fields=["preferred_language"])
    event(
        CaseFactory(learner__home_local_authority=authority),
        authority=authority,
        event_type="case.opened",
    )
    _response, body = _download(client)
    header, row = _rows(body)
    assert header[1] == "Pryd"
    assert row[5] == "Agorwyd yr achos"


def test_filters_with_mistakes_go_back_to_the_search_page(client, signed_in_dpo):
    response = client.get(EXPORT, {"from_date_0": "31", "from_date_1": "2", "from_date_2": "2026"})
    assert response.status_code == 302
    assert response.url.startswith("/audit/?")
    assert not AuditEvent.objects.filter(event_type="audit.exported").exists()

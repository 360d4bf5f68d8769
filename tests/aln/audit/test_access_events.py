"""The access log: which events are accesses (one rule), how they are written, and that they stay
out of a record's history."""

import datetime

import pytest

from aln.audit.access import access_events_q, is_access_event
from aln.audit.models import AuditEvent
from aln.audit.services import audit_record, audit_record_view
from aln.common.i18n import AUDIT_EVENT_LABELS
from aln.common.request_context import current_request_id
from tests.conftest import signed_in
from tests.factories import CaseFactory, DeadlineFactory, NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("event_type", "access"),
    [
        ("learner.viewed", True),
        ("learner.list_viewed", True),
        ("idp.preview_viewed", True),
        ("notice.downloaded", True),
        ("idp.attachment_downloaded", True),
        ("deadline.feed_downloaded", True),
        ("learner.subject_access_exported", True),
        ("audit.exported", True),
        # A review is a change, though "reviewed" ends in "viewed".
        ("idp.reviewed", False),
        ("case.reviewed", False),
        ("case.opened", False),
        ("calendar.term_changed", False),
    ],
)
def test_the_last_word_of_the_code_says_whether_it_is_an_access(event_type, access):
    assert is_access_event(event_type) is access


def test_the_query_filter_and_the_rule_agree_on_every_known_event_type(authority):
    case = CaseFactory(local_authority=authority)
    for event_type in AUDIT_EVENT_LABELS:
        audit_record(actor=None, event_type=event_type, subject=case)
    matched = set(AuditEvent.objects.filter(access_events_q()).values_list("event_type", flat=True))
    assert matched == {code for code in AUDIT_EVENT_LABELS if is_access_event(code)}
    assert {"learner.viewed", "case.viewed", "notice.downloaded"} <= matched


def test_an_access_event_records_who_as_what_when_and_from_which_request(client, authority):
    officer = signed_in(client, "la_aln_officer", local_authority=authority)
    case = CaseFactory(local_authority=authority)
    token = current_request_id.set("request-42")
    try:
        event = audit_record_view(
            actor=officer,
            event_type="case.viewed",
            subject=case,
            local_authority_id=authority.pk,
            details={"version": 2},
            reason="la_responsible",
        )
    finally:
        current_request_id.reset(token)
    event.refresh_from_db()
    assert (event.actor, event.actor_roles, event.request_id) == (
        officer,
        "la_aln_officer",
        "request-42",
    )
    assert (event.subject_type, event.subject_id) == ("cases.case", str(case.pk))
    assert (event.local_authority_id, event.changes, event.reason) == (
        authority.pk,
        {"version": 2},
        "la_responsible",
    )
    assert event.occurred_at is not None


def test_only_access_events_go_through_the_access_log(authority):
    with pytest.raises(ValueError, match="not an access event"):
        audit_record_view(actor=None, event_type="case.decided", subject=CaseFactory())
    assert not AuditEvent.objects.exists()


def test_a_case_history_leaves_out_every_access_to_the_case_and_its_records(
    client, page, authority
):
    officer = signed_in(client, "la_aln_officer", local_authority=authority)
    case = CaseFactory(local_authority=authority, learner__home_local_authority=authority)
    deadline = DeadlineFactory(case=case, rule_id="nhs-response", due_on=datetime.date(2026, 9, 1))
    notice = NoticeFactory(case=case)
    for subject, event_type in (
        (case, "case.viewed"),
        (deadline, "deadline.viewed"),
        (notice, "notice.downloaded"),
        (case, "learner.subject_access_exported"),
    ):
        audit_record_view(actor=officer, event_type=event_type, subject=subject)
    audit_record(actor=officer, event_type="deadline.met", subject=deadline)
    history = page.get(f"/cases/{case.pk}/").soup.select_one("#history").get_text(" ")
    assert "Marked as done" in history
    for event_type in ("case.viewed", "deadline.viewed", "notice.downloaded"):
        assert str(AUDIT_EVENT_LABELS[event_type]) not in history, event_type
    # The page's own opening is logged, and still not shown.
    assert AuditEvent.objects.filter(event_type="case.viewed").count() == 2

import datetime

import pytest

from aln.audit.models import AuditEvent
from aln.cases.services.opening import case_open
from aln.deadlines.models import ClockSettings, Deadline, RuleSetting
from aln.domain.cases import CaseKind, DecidingBody
from tests.conftest import signed_in
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db

URL = "/deadlines/settings/"


@pytest.fixture
def manager(client, authority):
    return signed_in(client, "la_aln_manager", local_authority=authority)


def _form(**overrides):
    data = {
        "version": "1",
        "reminder_school_days": "5",
        "length__la-reconsideration": "7",
        "roll__la-reconsideration": "yes",
        "length__la-idp-reconsideration": "7",
        "roll__la-idp-reconsideration": "yes",
        "length__la-takeover-decision": "7",
        "roll__la-takeover-decision": "yes",
        "length__la-cease-reconsideration": "7",
        "roll__la-cease-reconsideration": "yes",
        "roll__la-decision": "yes",
        "roll__etw-review": "yes",
    }
    return {**data, **overrides}


def test_page_shows_the_statutory_defaults(page, manager):
    response = page.get(URL)
    assert response.soup.select_one("#id_length__la-reconsideration")["value"] == "7"
    assert response.soup.select_one("#id_reminder_school_days")["value"] == "5"
    assert "Default: 7 weeks." in response.soup.get_text()
    manager.preferred_language = "cy"
    manager.save()
    page.get(URL, language="cy")


def test_changing_a_length_moves_open_deadlines_and_is_audited(page, client, manager, authority):
    learner = LearnerFactory(home_local_authority=authority)
    case = case_open(
        actor=manager,
        learner=learner,
        kind=CaseKind.RECONSIDERATION,
        deciding_body=DecidingBody.LOCAL_AUTHORITY,
        opened_on=datetime.date(2026, 11, 2),
    )
    deadline = Deadline.objects.get(case=case)
    assert deadline.due_on == datetime.date(2026, 12, 21)  # 7 weeks from Monday 2 November

    response = client.post(URL, _form(**{"length__la-reconsideration": "8"}), follow=True)

    assert "Settings saved. 1 deadline moved." in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.due_on == datetime.date(2026, 12, 29)  # 28 Dec is a bank holiday (Boxing Day)
    assert RuleSetting.objects.get(rule_id="la-reconsideration").length == 8
    moved = AuditEvent.objects.get(event_type="deadline.recomputed")
    assert moved.changes == {"due_on": ["2026-12-21", "2026-12-29"]}
    assert "la-reconsideration.length" in moved.reason


def test_the_default_value_is_not_stored(client, manager):
    client.post(URL, _form(reminder_school_days="3"))
    assert not RuleSetting.objects.exists()
    assert ClockSettings.objects.get().reminder_school_days == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reminder_school_days", "0", "Number of school days must be between 1 and 30"),
        ("length__la-reconsideration", "0", "Time limit must be at least 1"),
        ("length__la-reconsideration", "60", "Time limit must be 52 or fewer"),
        ("length__la-reconsideration", "seven", "Enter a whole number, like 7"),
    ],
)
def test_bad_values_are_refused_with_a_message_and_nothing_saved(
    page, manager, field, value, message
):
    response = page.post(URL, _form(**{field: value}))
    assert message in response.soup.select_one(".govuk-error-summary").get_text()
    assert not RuleSetting.objects.exists()
    assert not ClockSettings.objects.exists()


def test_a_stale_form_does_not_overwrite_someone_elses_change(page, client, manager):
    client.post(URL, _form(reminder_school_days="3"))
    response = page.post(URL, _form(reminder_school_days="10"))  # still says version 1
    assert "Someone else changed" in response.soup.select_one(".govuk-error-summary").get_text()
    assert ClockSettings.objects.get().reminder_school_days == 3


def test_other_la_staff_cannot_open_settings(page, client, authority):
    signed_in(client, "la_aln_officer", local_authority=authority)
    page.get(URL, status=404)

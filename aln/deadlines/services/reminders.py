"""Email the person responsible when a deadline is near, and once when it has been missed.

Runs hourly from the worker (`deadline_reminders_queue_task`); queueing is idempotent, so running
it again the same day (or after the worker was down) sends nothing twice. Email is not a secure
channel: messages name the rule, the case reference and the due date, never the child.
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from aln.common import clock
from aln.common.i18n import RULE_LABELS, label
from aln.deadlines.models import Deadline
from aln.domain.deadlines import DeadlineState
from aln.notifications.services import OutgoingEmail, outbox_queue_many

# A missed deadline is emailed only if its due date is this recent: a catch-up window for a worker
# that was down. Older misses are on the dashboard.
MISSED_CATCH_UP_DAYS = 14

# Emails are held until the start of the working day, not sent just after midnight.
SEND_FROM = datetime.time(7, 0)

_RELATED = ("case", "owner", "case__owner")


def _recipient(deadline: Deadline) -> Any:
    """The deadline's owner, or else the case's owner; None if neither can receive email.

    An owner who has left (inactive) falls back to the case owner, who is answerable for the case.
    """
    for person in (deadline.owner, deadline.case.owner):
        if person is not None and person.is_active and person.email:
            return person
    return None


def _locale(preferred_language: str) -> str:
    """The locale to write in: 'cy', or British English for 'en' / 'en-gb' / anything else."""
    return "cy" if preferred_language.lower().startswith("cy") else "en-gb"


def _email(
    deadline: Deadline,
    recipient: Any,
    kind: str,
    today: datetime.date,
    send_after: datetime.datetime,
) -> OutgoingEmail:
    assert deadline.due_on is not None  # noqa: S101 (both queries require a due date)
    locale = _locale(recipient.preferred_language)
    case_path = reverse("cases:case-detail", kwargs={"case_id": deadline.case_id})
    with translation.override(locale):
        context = {
            "rule": label(RULE_LABELS, deadline.rule_id),
            "reference": deadline.case.reference,
            "due_on": deadline.due_on,
            "days": abs((deadline.due_on - today).days),
            "case_url": settings.SITE_URL.rstrip("/") + case_path,
        }
        subject = render_to_string(f"deadlines/email/{kind}_subject.txt", context)
        body = render_to_string(f"deadlines/email/{kind}_body.txt", context)
    return OutgoingEmail(
        dedupe_key=f"deadline-{kind}:{deadline.pk}:{deadline.due_on.isoformat()}",
        to_email=recipient.email,
        language=locale,
        subject=subject,
        body=body,
        send_after=send_after,
    )


def _emails(
    deadlines: QuerySet[Deadline], kind: str, today: datetime.date
) -> Iterator[OutgoingEmail]:
    send_after = timezone.make_aware(datetime.datetime.combine(today, SEND_FROM))
    for deadline in deadlines.select_related(*_RELATED):
        recipient = _recipient(deadline)
        if recipient is not None:
            yield _email(deadline, recipient, kind, today, send_after)


@transaction.atomic
def deadline_reminders_queue(*, today: datetime.date | None = None) -> int:
    """Queue reminder and missed-deadline emails for open deadlines; returns how many are new.

    - reminder: from the deadline's `reminder_on` to its due date, once per due date (key
      `deadline-reminder:<id>:<due_on>`), so a due date that moves gets a new reminder;
    - missed: once the due date has passed (key `deadline-missed:<id>:<due_on>`), for due dates in
      the last `MISSED_CATCH_UP_DAYS` days, asking the owner to record why it was missed.

    Each goes to the deadline's owner, or the case's owner, in their language; nobody active to
    send to means no email; emails wait until `SEND_FROM` (7am) on the day. A constant number of
    queries whatever the number of deadlines. No audit event (nothing about the deadline
    changes); side effect: rows in the email outbox.
    """
    today = today or clock.today()
    open_deadlines = Deadline.objects.filter(state=DeadlineState.OPEN.value)
    due_soon = open_deadlines.filter(reminder_on__lte=today, due_on__gte=today)
    missed = open_deadlines.filter(
        due_on__lt=today,
        due_on__gte=today - datetime.timedelta(days=MISSED_CATCH_UP_DAYS),
        missed_reason="",
    )
    emails = [*_emails(due_soon, "reminder", today), *_emails(missed, "missed", today)]
    return outbox_queue_many(emails)

"""The email outbox: queue messages with the change that causes them, send them from the worker.

Queueing writes a row in the caller's transaction, so a rolled-back change sends nothing and a
committed one is never lost while the mail server is down. The worker (`outbox_send_pending_task`,
every minute, see `aln/config/schedule.py`) sends what is due and retries failures with backoff
(`aln.domain.notifications.next_attempt`).
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aln.domain.notifications import OutboxStatus, next_attempt
from aln.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

_ERROR_LENGTH = 200
_SUBJECT_LENGTH = 300
_KEY_BATCH = 500


@dataclass(frozen=True)
class OutgoingEmail:
    """One plain-text email to queue; `dedupe_key` names it so queueing twice keeps one."""

    dedupe_key: str
    to_email: str
    language: str
    subject: str
    body: str
    send_after: datetime.datetime | None = None


def _stored_language(language: str) -> str:
    """'cy' or 'en' (the column holds the language, not the locale: 'en-gb' is stored 'en')."""
    return "cy" if language.lower().startswith("cy") else "en"


def _one_line(subject: str) -> str:
    # A subject is a header: a newline in it would be refused (or worse, inject a header).
    return " ".join(subject.split())[:_SUBJECT_LENGTH]


def _row(email: OutgoingEmail, now: datetime.datetime) -> OutboxMessage:
    return OutboxMessage(
        dedupe_key=email.dedupe_key,
        to_email=email.to_email,
        language=_stored_language(email.language),
        subject=_one_line(email.subject),
        body=email.body,
        send_after=email.send_after or now,
    )


def outbox_queue(
    *,
    dedupe_key: str,
    to_email: str,
    language: str,
    subject: str,
    body: str,
    send_after: datetime.datetime | None = None,
) -> bool:
    """Queue one email; False (and nothing written) if `dedupe_key` was queued before.

    Call inside the transaction of the change that causes the email. The insert runs in a
    savepoint, so losing a race on the unique key does not break the caller's transaction.
    No audit event: the outbox row is the record.
    """
    email = OutgoingEmail(dedupe_key, to_email, language, subject, body, send_after)
    if OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return False
    try:
        with transaction.atomic():
            _row(email, timezone.now()).save(force_insert=True)
    except IntegrityError:
        if OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
            return False  # someone else queued it between our check and our insert
        raise
    return True


def outbox_queue_written(
    *,
    contacts: Iterable[tuple[str, str]],
    dedupe_key: str,
    template: str,
    values: Callable[[], dict[str, Any]],
) -> int:
    """Queue one email to each (address, preferred language) in `contacts`, written in that
    language from the templates `<template>_subject.txt` and `<template>_body.txt`. `values` is
    called in the reader's language, so the dates it formats read in it. The address is added
    to `dedupe_key`, so each person is emailed once. Returns how many were queued."""
    queued = 0
    for address, language in contacts:
        locale = "cy" if _stored_language(language) == "cy" else "en-gb"
        with translation.override(locale):
            context = values()
            subject = render_to_string(f"{template}_subject.txt", context)
            body = render_to_string(f"{template}_body.txt", context)
        queued += outbox_queue(
            dedupe_key=f"{dedupe_key}:{address.lower()}",
            to_email=address,
            language=_stored_language(language),
            subject=_one_line(subject),
            body=body.strip() + "\n",
        )
    return queued


def outbox_queue_many(messages: Iterable[OutgoingEmail]) -> int:
    """Queue many emails at once; returns how many were new (already-queued keys are skipped).

    A few queries whatever the number of messages; conflicts with rows queued meanwhile are
    ignored by the database, so running it twice, even at the same time, queues each key once.
    """
    now = timezone.now()
    wanted = {email.dedupe_key: email for email in messages}
    keys = list(wanted)
    existing: set[str] = set()
    for start in range(0, len(keys), _KEY_BATCH):
        batch = keys[start : start + _KEY_BATCH]
        existing.update(
            OutboxMessage.objects.filter(dedupe_key__in=batch).values_list("dedupe_key", flat=True)
        )
    rows = [_row(email, now) for key, email in wanted.items() if key not in existing]
    OutboxMessage.objects.bulk_create(rows, batch_size=_KEY_BATCH, ignore_conflicts=True)
    return len(rows)


def _next_due(now: datetime.datetime) -> OutboxMessage | None:
    pending = OutboxMessage.objects.filter(
        status=OutboxStatus.PENDING.value, send_after__lte=now
    ).order_by("send_after", "id")
    if connection.features.has_select_for_update_skip_locked:
        # Another worker holding a message skips it: two workers never send the same one.
        pending = pending.select_for_update(skip_locked=True)
    return pending.first()


def _short_error(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:_ERROR_LENGTH]


def _send_one(message: OutboxMessage, mail_connection: BaseEmailBackend) -> bool:
    """Send, then record the outcome on the row; True if it went."""
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        headers={"Content-Language": message.language},
        connection=mail_connection,
    )
    try:
        mail_connection.open()  # kept open for the next message (a no-op once open)
        email.send()
    except Exception as error:  # any failure: the message waits and is tried again
        with suppress(Exception):
            mail_connection.close()  # a broken connection is opened afresh for the next one
        message.attempts += 1
        status, send_after = next_attempt(message.attempts, timezone.now())
        message.status, message.send_after = status.value, send_after
        message.last_error = _short_error(error)
        message.save(update_fields=["attempts", "status", "send_after", "last_error"])
        logger.warning(
            "Outbox message %s failed (attempt %s): %s",
            message.pk,
            message.attempts,
            message.last_error,
        )
        return False
    message.status, message.sent_at = OutboxStatus.SENT.value, timezone.now()
    message.save(update_fields=["status", "sent_at"])
    return True


def outbox_send_pending(*, limit: int = 200) -> tuple[int, int]:
    """Send up to `limit` pending emails that are due; returns (sent, failed).

    Each message is taken, sent and marked in its own transaction, locked with SKIP LOCKED where
    the database has it (PostgreSQL), so parallel workers share the work and a crash loses at
    most the message being sent. A failure adds an attempt, keeps a short error and retries later
    with backoff, until `MAX_SEND_ATTEMPTS` marks it failed for a person to look at. SQLite has no
    row locks: the embedded mode runs one worker, and no transaction is held open while sending
    so the web process can still write.
    """
    started = timezone.now()
    locking = connection.features.has_select_for_update_skip_locked
    sent = failed = 0
    mail_connection = get_connection()
    try:
        for _ in range(limit):
            with transaction.atomic() if locking else nullcontext():
                message = _next_due(started)
                if message is None:
                    break
                if _send_one(message, mail_connection):
                    sent += 1
                else:
                    failed += 1
    finally:
        mail_connection.close()
    return sent, failed

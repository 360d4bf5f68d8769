"""The email outbox: queueing is idempotent and transactional; sending retries with backoff."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models.query import QuerySet

from aln.domain.notifications import MAX_SEND_ATTEMPTS, OutboxStatus
from aln.notifications.models import OutboxMessage
from aln.notifications.services import (
    OutgoingEmail,
    outbox_queue,
    outbox_queue_many,
    outbox_queue_written,
    outbox_send_pending,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def _queue(key="k1", **overrides):
    values = {
        "dedupe_key": key,
        "to_email": "owner@example.org",
        "language": "en",
        "subject": "Subject",
        "body": "Body text",
    }
    return outbox_queue(**{**values, **overrides})


def test_queueing_the_same_key_twice_keeps_one_message():
    assert _queue() is True
    assert _queue(subject="Something else") is False
    message = OutboxMessage.objects.get()
    assert (message.subject, message.status, message.attempts) == ("Subject", "pending", 0)


def test_a_duplicate_inside_a_transaction_leaves_the_transaction_usable():
    with transaction.atomic():
        _queue()
        assert _queue() is False
        assert _queue("k2") is True
    assert OutboxMessage.objects.count() == 2


def test_losing_a_race_on_the_key_is_not_an_error(monkeypatch):
    """Another worker inserted the key between our check and our insert: the constraint decides."""
    _queue()
    real_exists = QuerySet.exists
    calls = []

    def exists_says_no_once(self):
        calls.append(1)
        return False if len(calls) == 1 else real_exists(self)

    monkeypatch.setattr(QuerySet, "exists", exists_says_no_once)
    with transaction.atomic():
        assert _queue() is False
        assert OutboxMessage.objects.count() == 1  # the transaction still works


def test_nothing_is_queued_when_the_change_rolls_back():
    def change_that_fails():
        with transaction.atomic():
            _queue()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert not OutboxMessage.objects.exists()


def test_language_is_stored_as_the_language_and_subject_on_one_line():
    _queue(language="en-gb", subject="Line one\nInjected: header")
    _queue("k2", language="cy")
    english, welsh = OutboxMessage.objects.order_by("dedupe_key")
    assert english.language == "en"
    assert english.subject == "Line one Injected: header"
    assert welsh.language == "cy"


def test_queue_many_skips_keys_already_queued(django_assert_max_num_queries):
    _queue("a")
    emails = [OutgoingEmail(key, "x@example.org", "en", "S", "B") for key in ("a", "b", "c")]
    with django_assert_max_num_queries(2):
        assert outbox_queue_many(emails) == 2
    assert outbox_queue_many(emails) == 0
    assert sorted(OutboxMessage.objects.values_list("dedupe_key", flat=True)) == ["a", "b", "c"]


@time_machine.travel(NOW, tick=False)
def test_send_pending_sends_due_messages_and_marks_them_sent():
    _queue(language="cy")
    _queue("later", send_after=NOW + datetime.timedelta(minutes=5))

    assert outbox_send_pending() == (1, 0)

    [sent] = mail.outbox
    assert sent.to == ["owner@example.org"]
    assert sent.from_email == "aln-noreply@localhost"
    assert (sent.subject, sent.body) == ("Subject", "Body text")
    assert sent.extra_headers["Content-Language"] == "cy"
    message = OutboxMessage.objects.get(dedupe_key="k1")
    assert (message.status, message.sent_at) == ("sent", NOW)
    assert OutboxMessage.objects.get(dedupe_key="later").status == "pending"
    assert outbox_send_pending() == (0, 0)  # nothing is sent twice
    assert len(mail.outbox) == 1


def test_send_pending_stops_at_the_limit():
    for n in range(3):
        _queue(f"k{n}")
    assert outbox_send_pending(limit=2) == (2, 0)
    assert OutboxMessage.objects.filter(status="pending").count() == 1


def test_a_failed_send_is_retried_later_with_a_short_error(monkeypatch):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down " + "x" * 1000)

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with time_machine.travel(NOW, tick=False):
        _queue()
        assert outbox_send_pending() == (0, 1)
    message = OutboxMessage.objects.get()
    assert message.status == "pending"
    assert message.attempts == 1
    assert message.send_after == NOW + datetime.timedelta(minutes=1)
    assert message.last_error.startswith("ConnectionRefusedError: mail server down")
    assert len(message.last_error) <= 200

    with time_machine.travel(NOW + datetime.timedelta(seconds=30), tick=False):
        assert outbox_send_pending() == (0, 0)  # not yet due again

    monkeypatch.undo()
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        assert outbox_send_pending() == (1, 0)
    assert OutboxMessage.objects.get().status == "sent"


def test_the_outbox_gives_up_after_the_last_attempt(monkeypatch):
    monkeypatch.setattr(EmailMessage, "send", lambda self, fail_silently=False: 1 / 0)
    _queue()
    OutboxMessage.objects.update(attempts=MAX_SEND_ATTEMPTS - 1)
    assert outbox_send_pending() == (0, 1)
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, MAX_SEND_ATTEMPTS)
    assert outbox_send_pending() == (0, 0)


def test_each_message_is_taken_under_a_lock_where_the_database_can(monkeypatch):
    """PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, in a transaction per message."""
    monkeypatch.setattr(connection.features, "has_select_for_update_skip_locked", True)
    _queue()
    _queue("k2")
    assert outbox_send_pending() == (2, 0)
    assert len(mail.outbox) == 2


def test_a_written_email_reaches_each_person_once_in_their_own_language():
    contacts = [("Ffion@Example.org", "cy"), ("sam@example.org", "en-gb")]

    def values():
        return {"reference": "ALN-1", "given_on": "", "review_due_on": "", "url": "https://x/"}

    queued = outbox_queue_written(
        contacts=contacts, dedupe_key="test:1", template="idps/la_revision_email", values=values
    )
    again = outbox_queue_written(
        contacts=contacts, dedupe_key="test:1", template="idps/la_revision_email", values=values
    )

    assert (queued, again) == (2, 0)
    welsh = OutboxMessage.objects.get(to_email="Ffion@Example.org")
    english = OutboxMessage.objects.get(to_email="sam@example.org")
    assert (welsh.language, english.language) == ("cy", "en")
    assert welsh.dedupe_key == "test:1:ffion@example.org"
    assert welsh.subject.startswith("Mae'r awdurdod lleol wedi diwygio cynllun")
    assert english.subject == "The local authority has revised a plan you maintain (case ALN-1)"
    assert "\n" not in welsh.subject
    assert english.body.endswith(
        "https://x/\n\nThis email does not name the learner, to keep personal information safe.\n"
    )

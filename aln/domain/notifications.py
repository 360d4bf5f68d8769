"""The email outbox's rules: what state a message is in and when a failed send is retried."""

import datetime
from enum import StrEnum

# After this many failed attempts a message stops being retried and shows as failed, for a person
# to look at; the backoff doubles from one minute, so the last retry comes about two hours (127
# minutes) after the first failure.
MAX_SEND_ATTEMPTS = 8
_FIRST_RETRY = datetime.timedelta(minutes=1)


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after MAX_SEND_ATTEMPTS


def next_attempt(attempts: int, now: datetime.datetime) -> tuple[OutboxStatus, datetime.datetime]:
    """After `attempts` failed sends: keep trying (and when), or give up."""
    if attempts >= MAX_SEND_ATTEMPTS:
        return OutboxStatus.FAILED, now
    return OutboxStatus.PENDING, now + _FIRST_RETRY * 2 ** (attempts - 1)

"""When a failed email is tried again, and when the outbox gives up."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.notifications import MAX_SEND_ATTEMPTS, OutboxStatus, next_attempt

NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [(1, MINUTE), (2, 2 * MINUTE), (3, 4 * MINUTE), (7, 64 * MINUTE)],
)
def test_the_wait_doubles_after_each_failure(attempts, wait):
    assert next_attempt(attempts, NOW) == (OutboxStatus.PENDING, NOW + wait)


def test_every_retry_together_spans_about_two_hours():
    waits = [next_attempt(attempts, NOW)[1] - NOW for attempts in range(1, MAX_SEND_ATTEMPTS)]
    assert sum(waits, datetime.timedelta()) == 127 * MINUTE


@pytest.mark.parametrize("attempts", [MAX_SEND_ATTEMPTS, MAX_SEND_ATTEMPTS + 1, 100])
def test_it_gives_up_after_the_last_attempt(attempts):
    assert next_attempt(attempts, NOW) == (OutboxStatus.FAILED, NOW)


@given(st.integers(min_value=1, max_value=MAX_SEND_ATTEMPTS - 1))
def test_a_retry_is_always_later_than_the_previous_one(attempts):
    status, when = next_attempt(attempts, NOW)
    _, later = next_attempt(attempts + 1, NOW)
    assert status is OutboxStatus.PENDING
    assert when > NOW
    if attempts + 1 < MAX_SEND_ATTEMPTS:
        assert later == NOW + 2 * (when - NOW)


@given(st.integers(min_value=1, max_value=1000))
def test_a_message_is_either_retried_later_or_failed_now(attempts):
    status, when = next_attempt(attempts, NOW)
    assert (status is OutboxStatus.FAILED) == (attempts >= MAX_SEND_ATTEMPTS)
    assert when >= NOW

"""The inactivity timeout's arithmetic (aln.domain.idle_timeout, ADR 0016)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.idle_timeout import IdlePolicy

THIRTY_MINUTES = IdlePolicy(timeout=30 * 60, warning=2 * 60)
T = 1_800_000_000  # some moment, in seconds since the epoch


def test_a_gap_of_exactly_the_timeout_is_not_yet_idle_and_one_second_more_is():
    assert not THIRTY_MINUTES.is_idle(last=T, now=T + 1800)
    assert THIRTY_MINUTES.is_idle(last=T, now=T + 1801)


@pytest.mark.parametrize(
    ("timeout", "precision"),
    [(30 * 60, 60), (60 * 60, 60), (15 * 60, 30), (60, 2), (29, 0)],
)
def test_the_time_is_written_once_a_minute_or_more_often_for_a_short_timeout(timeout, precision):
    assert IdlePolicy(timeout=timeout, warning=0).precision == precision


def test_the_time_is_written_when_there_is_none_and_then_once_a_minute():
    assert THIRTY_MINUTES.needs_recording(last=None, now=T)
    assert not THIRTY_MINUTES.needs_recording(last=T, now=T + 59)
    assert THIRTY_MINUTES.needs_recording(last=T, now=T + 60)


def test_a_clock_that_went_back_writes_nothing_and_counts_as_just_used():
    assert not THIRTY_MINUTES.needs_recording(last=T, now=T - 300)
    assert THIRTY_MINUTES.seconds_left(last=T, now=T - 300) == 1800


def test_seconds_left_count_down_to_zero():
    assert THIRTY_MINUTES.seconds_left(last=T, now=T) == 1800
    assert THIRTY_MINUTES.seconds_left(last=T, now=T + 1680) == 120
    assert THIRTY_MINUTES.seconds_left(last=T, now=T + 5000) == 0


@pytest.mark.parametrize(
    ("timeout", "warning", "minutes", "warning_minutes"),
    [(1800, 120, 30, 2), (90, 30, 2, 1), (20, 10, 1, 1), (3600, 300, 60, 5)],
)
def test_minutes_are_rounded_up(timeout, warning, minutes, warning_minutes):
    policy = IdlePolicy(timeout=timeout, warning=warning)
    assert (policy.timeout_minutes, policy.warning_minutes) == (minutes, warning_minutes)


@pytest.mark.parametrize(("timeout", "warning"), [(0, 0), (-60, 0), (60, 61), (60, -1)])
def test_a_policy_that_makes_no_sense_is_refused(timeout, warning):
    with pytest.raises(ValueError, match="must"):
        IdlePolicy(timeout=timeout, warning=warning)


@given(
    timeout=st.integers(min_value=1, max_value=4 * 3600),
    gaps=st.lists(st.integers(min_value=0, max_value=5 * 3600), min_size=1, max_size=60),
)
def test_a_session_ends_only_after_the_timeout_less_the_precision_and_never_later(timeout, gaps):
    """Requests at increasing times, the time written as the middleware writes it: the recorded
    time lags the real last request by less than the precision, two writes are at least the
    precision apart, and a request is refused as idle exactly when its gap is too long."""
    policy = IdlePolicy(timeout=timeout, warning=0)
    now = T
    recorded = now  # signing in records the time
    last_real = now
    last_write = now
    for gap in gaps:
        now += gap
        idle = policy.is_idle(last=recorded, now=now)
        if gap > timeout:
            assert idle  # never late
        if gap <= timeout - policy.precision:
            assert not idle  # early by less than the precision, at most
        if idle:
            recorded = last_real = last_write = now  # signed in again
            continue
        assert 0 <= policy.seconds_left(last=recorded, now=now) <= timeout
        if policy.needs_recording(last=recorded, now=now):
            assert now - last_write >= policy.precision
            recorded = last_write = now
        last_real = now
        assert 0 <= last_real - recorded < max(policy.precision, 1)

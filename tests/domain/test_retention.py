"""Retention periods and when records may be erased (aln.domain.retention)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.ages import duties_end
from aln.domain.retention import (
    DEFAULT_YEARS,
    MAX_YEARS,
    MIN_YEARS,
    RecordType,
    RetentionError,
    check_periods,
    default_periods,
    due_for_erasure,
    erasable_from,
    erasure_refusal,
    is_expired,
    latest_expired_birth_date,
    periods_with_defaults,
)

D = datetime.date.fromisoformat

births = st.dates(min_value=D("1900-01-01"), max_value=D("2030-12-31"))
days = st.dates(min_value=D("1990-01-01"), max_value=D("2199-12-31"))
periods = st.integers(min_value=MIN_YEARS, max_value=MAX_YEARS)


def test_every_record_type_defaults_to_31_years_after_birth():
    assert DEFAULT_YEARS == 31
    assert default_periods() == {
        RecordType.LEARNER_FILE: 31,
        RecordType.DOCUMENTS: 31,
        RecordType.AUDIT_EVENTS: 31,
    }


def test_stored_periods_replace_the_default_and_unknown_types_are_ignored():
    periods = periods_with_defaults({"learner_file": 40, "something_new": 2})
    assert periods == {
        RecordType.LEARNER_FILE: 40,
        RecordType.DOCUMENTS: 31,
        RecordType.AUDIT_EVENTS: 31,
    }


@pytest.mark.parametrize(
    ("born", "years", "erasable"),
    [
        ("1995-05-04", 31, "2026-05-04"),
        ("1995-12-31", 31, "2026-12-31"),
        ("1996-02-29", 31, "2027-03-01"),  # a common year: 1 March, never a day early
        ("1996-02-29", 32, "2028-02-29"),  # a leap year: the birthday itself
        ("2000-02-29", 26, "2026-03-01"),
        ("1995-03-01", 31, "2026-03-01"),
    ],
)
def test_erasable_from_the_birthday_at_that_age(born, years, erasable):
    assert erasable_from(D(born), years) == D(erasable)


@pytest.mark.parametrize(
    ("born", "on", "expired"),
    [
        ("1995-05-04", "2026-05-03", False),  # the day before the 31st birthday
        ("1995-05-04", "2026-05-04", True),  # the birthday
        ("1996-02-29", "2027-02-28", False),
        ("1996-02-29", "2027-03-01", True),
        ("2010-01-01", "2026-06-01", False),
    ],
)
def test_expired_on_and_after_the_birthday(born, on, expired):
    assert is_expired(D(born), 31, D(on)) is expired


@pytest.mark.parametrize(
    ("years", "on", "latest"),
    [
        (31, "2026-05-04", "1995-05-04"),
        (31, "2027-02-28", "1996-02-28"),  # born 29 Feb 1996 attains 31 on 1 Mar 2027
        (31, "2027-03-01", "1996-03-01"),
        (31, "2028-02-29", "1997-02-28"),  # no 29 Feb in 1997
        (32, "2028-02-29", "1996-02-29"),
    ],
)
def test_latest_expired_birth_date(years, on, latest):
    assert latest_expired_birth_date(years, D(on)) == D(latest)


@given(born=births, years=periods, on=days)
def test_the_query_cut_off_agrees_with_is_expired(born, years, on):
    assert is_expired(born, years, on) == (born <= latest_expired_birth_date(years, on))


@given(born=births, years=periods)
def test_never_erasable_before_the_aln_duties_can_end(born, years):
    assert erasable_from(born, years) > duties_end(born)


@given(born=births, years=st.integers(min_value=0, max_value=MAX_YEARS), on=days)
def test_once_expired_always_expired(born, years, on):
    if is_expired(born, years, on):
        assert is_expired(born, years, on + datetime.timedelta(days=1))


@given(born=births, years=periods)
def test_a_longer_period_never_ends_sooner(born, years):
    assert erasable_from(born, years + 1) > erasable_from(born, years)


def test_the_defaults_may_be_saved():
    assert check_periods(default_periods()) == {}


@pytest.mark.parametrize("years", [MIN_YEARS - 1, 0, MAX_YEARS + 1])
def test_a_period_outside_the_range_is_refused(years):
    problems = check_periods({RecordType.LEARNER_FILE: years})
    assert problems[RecordType.LEARNER_FILE] is RetentionError.YEARS_OUT_OF_RANGE


def test_documents_may_go_sooner_than_the_file_but_not_later():
    sooner = {RecordType.LEARNER_FILE: 35, RecordType.DOCUMENTS: 28, RecordType.AUDIT_EVENTS: 40}
    assert check_periods(sooner) == {}
    later = {RecordType.LEARNER_FILE: 31, RecordType.DOCUMENTS: 32, RecordType.AUDIT_EVENTS: 31}
    assert check_periods(later) == {RecordType.DOCUMENTS: RetentionError.DOCUMENTS_OUTLIVE_FILE}


def test_audit_events_are_kept_at_least_as_long_as_the_file():
    shorter = {RecordType.LEARNER_FILE: 40, RecordType.DOCUMENTS: 40, RecordType.AUDIT_EVENTS: 35}
    assert check_periods(shorter) == {RecordType.AUDIT_EVENTS: RetentionError.AUDIT_BEFORE_FILE}


@given(file_years=periods, documents=periods, audit=periods)
def test_periods_that_pass_keep_the_order_documents_file_audit(file_years, documents, audit):
    chosen = {
        RecordType.LEARNER_FILE: file_years,
        RecordType.DOCUMENTS: documents,
        RecordType.AUDIT_EVENTS: audit,
    }
    assert (check_periods(chosen) == {}) == (documents <= file_years <= audit)


def test_due_for_erasure_by_record_type():
    periods = {RecordType.LEARNER_FILE: 31, RecordType.DOCUMENTS: 28, RecordType.AUDIT_EVENTS: 40}
    born = D("1995-05-04")
    assert due_for_erasure(born, periods, D("2023-05-03")) == frozenset()
    assert due_for_erasure(born, periods, D("2023-05-04")) == {RecordType.DOCUMENTS}
    assert due_for_erasure(born, periods, D("2026-05-04")) == {
        RecordType.DOCUMENTS,
        RecordType.LEARNER_FILE,
    }
    assert due_for_erasure(born, periods, D("2035-05-04")) == set(RecordType)


@given(born=births, file_years=periods, documents=periods, on=days)
def test_the_documents_are_due_whenever_the_file_is(born, file_years, documents, on):
    chosen = {RecordType.LEARNER_FILE: file_years, RecordType.DOCUMENTS: documents}
    due = due_for_erasure(born, chosen, on)
    if RecordType.LEARNER_FILE in due:
        assert RecordType.DOCUMENTS in due


def test_erasure_refused_before_the_period_ends_or_while_a_case_is_open():
    periods = default_periods()
    born = D("1990-01-01")
    early, late = D("2020-12-31"), D("2021-01-01")
    file = RecordType.LEARNER_FILE
    assert erasure_refusal(born, periods, early, scope=file, has_open_case=False) is (
        RetentionError.NOT_ERASABLE
    )
    assert erasure_refusal(born, periods, late, scope=file, has_open_case=False) is None
    assert erasure_refusal(born, periods, late, scope=file, has_open_case=True) is (
        RetentionError.HAS_OPEN_CASE
    )


def test_audit_events_are_never_erased_here():
    refusal = erasure_refusal(
        D("1900-01-01"),
        default_periods(),
        D("2026-01-01"),
        scope=RecordType.AUDIT_EVENTS,
        has_open_case=False,
    )
    assert refusal is RetentionError.NOT_ERASABLE


@given(born=births, years=periods, on=days, open_case=st.booleans())
def test_erasure_is_allowed_only_when_expired_and_no_case_is_open(born, years, on, open_case):
    chosen = {**default_periods(), RecordType.LEARNER_FILE: years}
    chosen[RecordType.DOCUMENTS] = min(chosen[RecordType.DOCUMENTS], years)
    refusal = erasure_refusal(
        born, chosen, on, scope=RecordType.LEARNER_FILE, has_open_case=open_case
    )
    assert (refusal is None) == (is_expired(born, years, on) and not open_case)

"""How long a learner's records are kept, and when they may be erased (UK GDPR art. 5(1)(e)).

No statute sets a period for ALN records in Wales: the spec has no retention rule, so it is
UNVERIFIED and each local authority sets its own (`RetentionSetting`). The default, **31 years
after the date of birth**, is the usual period for a pupil's special educational needs file in the
IRMS Information Management Toolkit for Schools *(secondary; not law)*: 25 years after birth, the
age at which the ALN duties end, plus the 6-year limitation period for a claim.

A period is counted from the date of birth, as a birthday: the records may be erased from the day
the learner attains that age (`aln.domain.ages.attains_age`: someone born on 29 February attains
it on 1 March in a common year, never a day early). Three kinds of record each have a period
(ADR 0017):

- the **learner file**: the learner and every record about them (family links, enrolments, cases
  and everything under them, plans and every version, disagreements, deadlines, notices with their
  PDFs, access grants). Erasing it erases them all.
- **documents**: the files uploaded to plans (professional reports, health care plans). They may
  be erased sooner than the file, never later: they are part of it. Notice PDFs are the evidence
  of what a family was told and when (ADR 0008): they stay with the notice, in the learner file.
- **audit events** about the learner's records: kept at least as long as the file, so the trail
  outlives what it proves. The audit trail is append-only, so the service cannot erase them yet.

A period may not end before the ALN duties can: `MIN_YEARS` (26) is after the last day of the
duties for everyone (`aln.domain.ages.duties_end`: the end of the academic year in which the
young person attains 25).

All functions take dates and numbers and return dates, booleans or codes; none reads today's date.
"""

import datetime
from collections.abc import Mapping
from enum import StrEnum

from aln.domain.ages import attains_age

DEFAULT_YEARS = 31
MIN_YEARS = 26
MAX_YEARS = 100


class RecordType(StrEnum):
    """What a retention period applies to (ADR 0017)."""

    LEARNER_FILE = "learner_file"
    DOCUMENTS = "documents"
    AUDIT_EVENTS = "audit_events"


class RetentionError(StrEnum):
    """Why a period, or an erasure, is refused. Stable codes; the interface words them."""

    YEARS_OUT_OF_RANGE = "retention.years_out_of_range"
    DOCUMENTS_OUTLIVE_FILE = "retention.documents_outlive_file"
    AUDIT_BEFORE_FILE = "retention.audit_before_file"
    NOTHING_SELECTED = "retention.nothing_selected"
    NOT_ERASABLE = "retention.not_erasable"
    HAS_OPEN_CASE = "retention.has_open_case"
    CONFIRMATION_WRONG = "retention.confirmation_wrong"
    REASON_REQUIRED = "retention.reason_required"


def default_periods() -> dict[RecordType, int]:
    """Every record type's default period: 31 years after the date of birth."""
    return dict.fromkeys(RecordType, DEFAULT_YEARS)


def periods_with_defaults(stored: Mapping[str, int]) -> dict[RecordType, int]:
    """An LA's periods: its stored values (by record type value), the default for the rest.

    Values for record types this version does not know are ignored.
    """
    periods = default_periods()
    for record_type in RecordType:
        if record_type.value in stored:
            periods[record_type] = stored[record_type.value]
    return periods


def check_periods(periods: Mapping[RecordType, int]) -> dict[RecordType, RetentionError]:
    """The problems with a set of periods, by record type; empty when they may be saved.

    Each is between `MIN_YEARS` and `MAX_YEARS`; documents go no later than the file, audit events
    no sooner.
    """
    problems: dict[RecordType, RetentionError] = {}
    for record_type, years in periods.items():
        if not MIN_YEARS <= years <= MAX_YEARS:
            problems[record_type] = RetentionError.YEARS_OUT_OF_RANGE
    file_years = periods.get(RecordType.LEARNER_FILE, DEFAULT_YEARS)
    documents = periods.get(RecordType.DOCUMENTS, file_years)
    if RecordType.DOCUMENTS not in problems and documents > file_years:
        problems[RecordType.DOCUMENTS] = RetentionError.DOCUMENTS_OUTLIVE_FILE
    audit = periods.get(RecordType.AUDIT_EVENTS, file_years)
    if RecordType.AUDIT_EVENTS not in problems and audit < file_years:
        problems[RecordType.AUDIT_EVENTS] = RetentionError.AUDIT_BEFORE_FILE
    return problems


def erasable_from(date_of_birth: datetime.date, years: int) -> datetime.date:
    """The first day the records may be erased: the day the learner attains `years` years.

    Born 4 May 1995, 31 years: 4 May 2026. Born 29 February 1996, 31 years: 1 March 2027 (a
    common year; Family Law Reform Act 1969 s.9(1), as `attains_age`).
    """
    return attains_age(date_of_birth, years)


def is_expired(date_of_birth: datetime.date, years: int, on: datetime.date) -> bool:
    """Whether the period has run out on `on` (the records may be erased that day)."""
    return on >= erasable_from(date_of_birth, years)


def latest_expired_birth_date(years: int, on: datetime.date) -> datetime.date:
    """The latest date of birth whose period has run out on `on`, for a query filter.

    `is_expired(born, years, on)` holds exactly when `born <= latest_expired_birth_date(years,
    on)`: `erasable_from` never goes down as the date of birth goes up. On 28 February 2027 a
    31-year period has run out for those born up to 28 February 1996 (not 29 February 1996, who
    attain 31 on 1 March 2027).
    """
    year = on.year - years
    try:
        return on.replace(year=year)
    except ValueError:  # `on` is 29 February and `year` is a common year
        return datetime.date(year, 2, 28)


def due_for_erasure(
    date_of_birth: datetime.date, periods: Mapping[RecordType, int], on: datetime.date
) -> frozenset[RecordType]:
    """The record types whose period has run out on `on` (with defaults for any not given).

    When the learner file is due, so are the documents (they are part of it).
    """
    full = {**default_periods(), **periods}
    due = {t for t, years in full.items() if is_expired(date_of_birth, years, on)}
    if RecordType.LEARNER_FILE in due:
        due.add(RecordType.DOCUMENTS)
    return frozenset(due)


def erasure_refusal(
    date_of_birth: datetime.date,
    periods: Mapping[RecordType, int],
    on: datetime.date,
    *,
    scope: RecordType,
    has_open_case: bool,
) -> RetentionError | None:
    """Why the learner's `scope` (the whole file, or only their documents) may not be erased on
    `on`, or None when it may.

    Its period must have run out; and nothing is erased while a case about the learner is still
    open (a date of birth entered wrongly must not destroy live work). Audit events are never
    erased here (append-only).
    """
    if scope is RecordType.AUDIT_EVENTS or scope not in due_for_erasure(date_of_birth, periods, on):
        return RetentionError.NOT_ERASABLE
    if has_open_case:
        return RetentionError.HAS_OPEN_CASE
    return None

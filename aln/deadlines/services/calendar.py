"""Every write to term dates and closures, each followed by recomputing the deadlines they move.

Who may write what:

* an LA ALN manager: their LA's terms and closures, and a setting's own terms and closures for any
  setting in their LA;
* an ALNCo, headteacher or FEI ALN lead: closures of their own setting only (INSET days, polling
  days).

Anything else raises `ServiceError(CalendarScopeError.OUTSIDE_YOUR_CALENDARS)`, which views answer
with 404. Each write checks the calendar it leaves behind with the domain (`SchoolCalendar`), so a
refused change saves nothing; then it writes an audit event and calls `deadlines_recompute` in the
same transaction, and returns how many deadlines moved.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import Q

from aln.audit.changes import field_changes
from aln.audit.services import audit_record
from aln.common.errors import ServiceError
from aln.deadlines.imports import ImportRefused, ParsedFile, check_rows
from aln.deadlines.models import CalendarClosure, CalendarTerm
from aln.deadlines.selectors.calendar import (
    calendar_closure_setting_ids,
    calendar_manager_authority_ids,
)
from aln.deadlines.services.deadlines import deadlines_recompute
from aln.domain.calendar import CalendarError, CalendarErrorCode, Closure, SchoolCalendar, Term
from aln.domain.deadlines import DeadlineError
from aln.organisations.models import LocalAuthority, Setting


class CalendarScopeError(StrEnum):
    """Not shown to anyone: views answer 404, the same as for a calendar that does not exist."""

    OUTSIDE_YOUR_CALENDARS = "calendar.outside_your_calendars"


_OUTSIDE = CalendarScopeError.OUTSIDE_YOUR_CALENDARS

# The form field each domain refusal is about.
_TERM_FIELDS = {
    CalendarErrorCode.TERM_ENDS_BEFORE_START: "ends_on",
    CalendarErrorCode.TERMS_OVERLAP: "starts_on",
    CalendarErrorCode.TERMS_TOO_FAR_APART: "starts_on",
}
_CLOSURE_FIELDS = {CalendarErrorCode.CLOSURE_ENDS_BEFORE_START: "ends_on"}
_TERM_DATES = ("starts_on", "ends_on")


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def _span(start: datetime.date, end: datetime.date) -> str:
    return f"{_iso(start)} to {_iso(end)}"


def _lock_authority(local_authority_id: Any) -> LocalAuthority:
    """Lock the LA row: calendar changes in one LA happen one at a time, so two people adding
    terms at once cannot together make an invalid calendar."""
    authority = LocalAuthority.objects.select_for_update().filter(pk=local_authority_id).first()
    if authority is None:
        raise ServiceError(_OUTSIDE)
    return authority


def _require_manager(actor: Any, local_authority_id: Any) -> None:
    if local_authority_id not in calendar_manager_authority_ids(user=actor):
        raise ServiceError(_OUTSIDE)


def _setting_in(local_authority_id: Any, setting_id: Any) -> Setting | None:
    if setting_id is None:
        return None
    setting = Setting.objects.filter(
        pk=setting_id, local_authority_id=local_authority_id, is_active=True
    ).first()
    if setting is None:
        raise ServiceError(_OUTSIDE, field="setting")
    return setting


def _require_closure_manager(actor: Any, local_authority_id: Any, setting_id: Any) -> None:
    """The LA's manager, or (for a setting's own closure) the setting's closure managers."""
    if local_authority_id in calendar_manager_authority_ids(user=actor):
        return
    if setting_id is None or setting_id not in calendar_closure_setting_ids(user=actor):
        raise ServiceError(_OUTSIDE)


def _scope_terms(local_authority_id: Any, setting_id: Any) -> list[CalendarTerm]:
    """The terms of one calendar: the LA's (setting None) or a setting's own."""
    return list(
        CalendarTerm.objects.filter(local_authority_id=local_authority_id, setting_id=setting_id)
    )


def _closures_for(local_authority_id: Any, setting_id: Any) -> list[Closure]:
    """Closures that apply to the calendar: the LA's, plus the setting's own."""
    condition = Q(setting__isnull=True)
    if setting_id is not None:
        condition |= Q(setting_id=setting_id)
    return [
        Closure(start, end, reason)
        for start, end, reason in CalendarClosure.objects.filter(
            condition, local_authority_id=local_authority_id
        ).values_list("starts_on", "ends_on", "reason")
    ]


def _counting_terms(local_authority_id: Any, setting_id: Any) -> list[Term]:
    """The terms a setting (or the LA) counts school days on."""
    own = _scope_terms(local_authority_id, setting_id) if setting_id is not None else []
    terms = own or _scope_terms(local_authority_id, None)
    return [Term(t.starts_on, t.ends_on) for t in terms]


def _check_calendar(
    name: str, terms: Sequence[Term], closures: Sequence[Closure], fields: dict
) -> None:
    """Ask the domain whether the calendar that would result is valid.

    With no terms there is no calendar to build (deleting the last term is allowed), but closures
    are still checked: against a one-day stand-in term, as a closure's own dates do not depend on
    the terms.
    """
    if not terms and not closures:
        return
    stand_in = (Term(closures[0].start, closures[0].start),) if not terms else ()
    try:
        SchoolCalendar(name=name, terms=tuple(terms) or stand_in, closures=tuple(closures))
    except CalendarError as error:
        raise ServiceError(error.code, field=fields.get(error.code)) from error


def _recompute(actor: Any, local_authority_id: Any, setting_id: Any, reason: str) -> int:
    return deadlines_recompute(
        actor=actor, local_authority_id=local_authority_id, reason=reason, setting_id=setting_id
    )


def _whose(setting: Setting | None) -> str:
    return f" for setting {setting.pk}" if setting is not None else ""


@transaction.atomic
def calendar_term_add(
    *,
    actor: Any,
    local_authority_id: Any,
    starts_on: datetime.date,
    ends_on: datetime.date,
    setting_id: Any = None,
) -> int:
    """Add a term to the LA's term dates, or to a setting's own; returns how many deadlines moved.

    Audit event: `calendar.term_added`. Side effect: open deadlines of the LA (or the setting) are
    recomputed, each move audited as `deadline.recomputed`.
    """
    _require_manager(actor, local_authority_id)
    setting = _setting_in(local_authority_id, setting_id)
    _lock_authority(local_authority_id)
    existing = [Term(t.starts_on, t.ends_on) for t in _scope_terms(local_authority_id, setting_id)]
    _check_calendar(
        str(setting_id or local_authority_id),
        [*existing, Term(starts_on, ends_on)],
        _closures_for(local_authority_id, setting_id),
        _TERM_FIELDS,
    )
    term = CalendarTerm.objects.create(
        local_authority_id=local_authority_id,
        setting=setting,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="calendar.term_added",
        subject=term,
        local_authority_id=local_authority_id,
        changes={
            "starts_on": [None, _iso(starts_on)],
            "ends_on": [None, _iso(ends_on)],
            "setting": [None, str(setting_id) if setting_id else None],
        },
    )
    reason = f"Term dates changed: term {_span(starts_on, ends_on)} added{_whose(setting)}"
    return _recompute(actor, local_authority_id, setting_id, reason)


@transaction.atomic
def calendar_term_update(
    *,
    actor: Any,
    term_id: Any,
    starts_on: datetime.date,
    ends_on: datetime.date,
    updated_at: str,
) -> int:
    """Change a term's dates; returns how many deadlines moved.

    `updated_at` is the term's `updated_at` (ISO format) as the person saw it: if someone changed
    the term since, nothing is saved (DeadlineError.CHANGED_BY_SOMEONE_ELSE).
    Audit event: `calendar.term_changed` with the dates that changed, before and after. Side
    effect: open
    deadlines recomputed, each move audited as `deadline.recomputed`.
    """
    term = CalendarTerm.objects.select_related("setting").filter(pk=term_id).first()
    if term is None:
        raise ServiceError(_OUTSIDE)
    _require_manager(actor, term.local_authority_id)
    _lock_authority(term.local_authority_id)
    term = (
        CalendarTerm.objects.select_for_update(of=("self",))
        .select_related("setting")
        .get(pk=term.pk)
    )
    if term.updated_at.isoformat() != updated_at:
        raise ServiceError(DeadlineError.CHANGED_BY_SOMEONE_ELSE)
    before = (term.starts_on, term.ends_on)
    changes = field_changes(term, {"starts_on": starts_on, "ends_on": ends_on}, _TERM_DATES)
    if not changes:
        return 0
    others = [
        Term(t.starts_on, t.ends_on)
        for t in _scope_terms(term.local_authority_id, term.setting_id)
        if t.pk != term.pk
    ]
    _check_calendar(
        str(term.setting_id or term.local_authority_id),
        [*others, Term(starts_on, ends_on)],
        _closures_for(term.local_authority_id, term.setting_id),
        _TERM_FIELDS,
    )
    term.starts_on, term.ends_on, term.updated_by = starts_on, ends_on, actor
    term.save(update_fields=["starts_on", "ends_on", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        event_type="calendar.term_changed",
        subject=term,
        local_authority_id=term.local_authority_id,
        changes=changes,
    )
    reason = (
        f"Term dates changed: term {_span(*before)} now runs {_span(starts_on, ends_on)}"
        f"{_whose(term.setting)}"
    )
    return _recompute(actor, term.local_authority_id, term.setting_id, reason)


@transaction.atomic
def calendar_term_delete(*, actor: Any, term_id: Any) -> int:
    """Remove a term; returns how many deadlines moved. Refused if it would leave more than
    100 days between the terms either side (the domain's TERMS_TOO_FAR_APART); removing the
    last term is allowed (deadlines counted in school days then have no due date).

    Audit event: `calendar.term_removed`. Side effect: open deadlines recomputed.
    """
    term = CalendarTerm.objects.select_related("setting").filter(pk=term_id).first()
    if term is None:
        raise ServiceError(_OUTSIDE)
    _require_manager(actor, term.local_authority_id)
    _lock_authority(term.local_authority_id)
    remaining = [
        Term(t.starts_on, t.ends_on)
        for t in _scope_terms(term.local_authority_id, term.setting_id)
        if t.pk != term.pk
    ]
    if remaining:
        _check_calendar(
            str(term.setting_id or term.local_authority_id),
            remaining,
            _closures_for(term.local_authority_id, term.setting_id),
            {},
        )
    audit_record(
        actor=actor,
        event_type="calendar.term_removed",
        subject=term,
        local_authority_id=term.local_authority_id,
        changes={
            "starts_on": [_iso(term.starts_on), None],
            "ends_on": [_iso(term.ends_on), None],
        },
    )
    la_id, setting_id, setting = term.local_authority_id, term.setting_id, term.setting
    span = _span(term.starts_on, term.ends_on)
    term.delete()
    reason = f"Term dates changed: term {span} removed{_whose(setting)}"
    return _recompute(actor, la_id, setting_id, reason)


@transaction.atomic
def calendar_closure_add(
    *,
    actor: Any,
    local_authority_id: Any,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
    setting_id: Any = None,
) -> int:
    """Record days a school does not meet: for all the LA's settings (setting None) or one.

    Audit event: `calendar.closure_added`. Side effect: open deadlines of the LA (or of the
    setting) recomputed, each move audited as `deadline.recomputed`.
    """
    _require_closure_manager(actor, local_authority_id, setting_id)
    setting = _setting_in(local_authority_id, setting_id)
    reason = " ".join(reason.split())
    if not reason:
        raise ServiceError(CalendarErrorCode.MISSING_FIELD, field="reason")
    _lock_authority(local_authority_id)
    _check_calendar(
        str(setting_id or local_authority_id),
        _counting_terms(local_authority_id, setting_id),
        [*_closures_for(local_authority_id, setting_id), Closure(starts_on, ends_on, reason)],
        _CLOSURE_FIELDS,
    )
    closure = CalendarClosure.objects.create(
        local_authority_id=local_authority_id,
        setting=setting,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="calendar.closure_added",
        subject=closure,
        local_authority_id=local_authority_id,
        changes={
            "starts_on": [None, _iso(starts_on)],
            "ends_on": [None, _iso(ends_on)],
            "reason": [None, reason],
            "setting": [None, str(setting_id) if setting_id else None],
        },
    )
    why = f"Closure added: {_span(starts_on, ends_on)} ({reason}){_whose(setting)}"
    return _recompute(actor, local_authority_id, setting_id, why)


@transaction.atomic
def calendar_closure_delete(*, actor: Any, closure_id: Any) -> int:
    """Remove a closure; returns how many deadlines moved.

    Audit event: `calendar.closure_removed`. Side effect: open deadlines recomputed.
    """
    closure = CalendarClosure.objects.select_related("setting").filter(pk=closure_id).first()
    if closure is None:
        raise ServiceError(_OUTSIDE)
    _require_closure_manager(actor, closure.local_authority_id, closure.setting_id)
    _lock_authority(closure.local_authority_id)
    audit_record(
        actor=actor,
        event_type="calendar.closure_removed",
        subject=closure,
        local_authority_id=closure.local_authority_id,
        changes={
            "starts_on": [_iso(closure.starts_on), None],
            "ends_on": [_iso(closure.ends_on), None],
            "reason": [closure.reason, None],
        },
    )
    la_id, setting_id, setting = closure.local_authority_id, closure.setting_id, closure.setting
    why = f"Closure removed: {_span(closure.starts_on, closure.ends_on)} ({closure.reason})"
    closure.delete()
    return _recompute(actor, la_id, setting_id, f"{why}{_whose(setting)}")


@dataclass(frozen=True)
class ImportOutcome:
    terms_added: int
    closures_added: int
    skipped: int  # rows already recorded
    moved: int  # deadlines whose due date changed


@transaction.atomic
def calendar_import(
    *, actor: Any, local_authority_id: Any, parsed: ParsedFile, setting_id: Any = None
) -> ImportOutcome:
    """Add every term and closure in an uploaded file, or none of them.

    Rows already recorded exactly are skipped. If the file has any problem (from reading it, or a
    term overlapping a recorded term or another row, or a gap of more than 100 days between
    terms), nothing is saved and `ImportRefused` lists every problem with its line.
    Audit event: `calendar.imported` with the counts and the dates added. Side effect: open
    deadlines recomputed, each move audited as `deadline.recomputed`.
    """
    _require_manager(actor, local_authority_id)
    setting = _setting_in(local_authority_id, setting_id)
    authority = _lock_authority(local_authority_id)
    recorded_terms = [
        Term(t.starts_on, t.ends_on) for t in _scope_terms(local_authority_id, setting_id)
    ]
    recorded_closures = [
        Closure(start, end, reason)
        for start, end, reason in CalendarClosure.objects.filter(
            local_authority_id=local_authority_id, setting_id=setting_id
        ).values_list("starts_on", "ends_on", "reason")
    ]
    checked = check_rows(parsed, recorded_terms, recorded_closures)
    if checked.problems:
        raise ImportRefused(checked.problems)
    stamps = {"created_by": actor, "updated_by": actor}
    CalendarTerm.objects.bulk_create(
        CalendarTerm(
            local_authority_id=local_authority_id,
            setting=setting,
            starts_on=row.start,
            ends_on=row.end,
            **stamps,
        )
        for row in checked.terms
    )
    CalendarClosure.objects.bulk_create(
        CalendarClosure(
            local_authority_id=local_authority_id,
            setting=setting,
            starts_on=row.start,
            ends_on=row.end,
            reason=row.reason,
            **stamps,
        )
        for row in checked.closures
    )
    audit_record(
        actor=actor,
        event_type="calendar.imported",
        subject=setting or authority,
        local_authority_id=local_authority_id,
        changes={
            "terms_added": len(checked.terms),
            "closures_added": len(checked.closures),
            "skipped": checked.skipped,
            "terms": [[_iso(r.start), _iso(r.end)] for r in checked.terms],
            "closures": [[_iso(r.start), _iso(r.end), r.reason] for r in checked.closures],
        },
    )
    moved = 0
    if checked.terms or checked.closures:
        reason = (
            f"Term dates imported: {len(checked.terms)} terms and {len(checked.closures)} "
            f"closures added{_whose(setting)}"
        )
        moved = _recompute(actor, local_authority_id, setting_id, reason)
    return ImportOutcome(len(checked.terms), len(checked.closures), checked.skipped, moved)

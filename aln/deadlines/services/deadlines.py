"""Every write to a deadline: open, mark done, record why it was missed, recompute.

Due dates are stored, never worked out on a page. Whatever changes what a due date depends on (the
case, the term dates, an LA setting) calls `deadlines_recompute` in the same transaction, and every
moved date is written to the audit log with the reason.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from aln.audit.changes import field_changes, snapshot
from aln.audit.services import audit_record, audit_record_many
from aln.cases.models import Case
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.models import Deadline
from aln.domain.deadlines import (
    DeadlineError,
    DeadlineState,
    MissedReason,
    check_met,
    check_missed_reason,
)
from aln.domain.disagreements import REQUEST_DEADLINE_RULES
from aln.domain.timelines import get_rule


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def deadline_open(
    *,
    actor: Any,
    case: Case,
    rule_id: str,
    started_on: datetime.date,
    owner: Any = None,
    clock: AuthorityClock | None = None,
    la_duty: bool = False,
) -> Deadline:
    """Start the clock on a statutory duty for the case.

    The deadline copies the case's setting, so the school or FEI deciding the case sees it and
    acts on it. `la_duty=True` is for a duty of the LA alone on a school's case (its answer to a
    request to reconsider, Act ss.26-28, 32): no setting, so it is counted on the LA's calendar,
    is not under the school's filter on the dashboard, and the school's staff cannot act on it.
    """
    get_rule(rule_id)  # unknown rule ids fail loudly
    clock = clock or AuthorityClock.load(case.local_authority_id)
    setting_id = None if la_duty else case.setting_id
    due_on, remind_on = clock.dates(rule_id, started_on, setting_id)
    deadline = Deadline.objects.create(
        case=case,
        rule_id=rule_id,
        local_authority_id=case.local_authority_id,
        setting_id=setting_id,
        owner=owner,
        started_on=started_on,
        due_on=due_on,
        reminder_on=remind_on,
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="deadline.opened",
        subject=deadline,
        local_authority_id=case.local_authority_id,
        changes={
            "rule_id": rule_id,
            "started_on": _iso(started_on),
            "due_on": _iso(due_on),
            "case": case.reference,
        },
    )
    return deadline


def _save_versioned(deadline: Deadline, version: int, actor: Any, **values: Any) -> None:
    """Write only if nobody changed the deadline since `version` was read."""
    updated = Deadline.objects.filter(pk=deadline.pk, version=version).update(
        version=version + 1, updated_by=actor, updated_at=timezone.now(), **values
    )
    if not updated:
        raise ServiceError(DeadlineError.CHANGED_BY_SOMEONE_ELSE)
    for name, value in values.items():
        setattr(deadline, name, value)
    deadline.version = version + 1


@transaction.atomic
def deadline_meet(*, actor: Any, deadline: Deadline, met_on: datetime.date, version: int) -> None:
    """Record that the duty was done on `met_on` (late or not: lateness shows, it is not hidden)."""
    error = check_met(DeadlineState(deadline.state), deadline.started_on, met_on, today())
    if error is not None:
        raise ServiceError(error, field="met_on")
    _save_versioned(deadline, version, actor, state=DeadlineState.MET.value, met_on=met_on)
    audit_record(
        actor=actor,
        event_type="deadline.met",
        subject=deadline,
        local_authority_id=deadline.local_authority_id,
        changes={"met_on": _iso(met_on), "due_on": _iso(deadline.due_on)},
    )


@transaction.atomic
def deadline_record_missed_reason(
    *,
    actor: Any,
    deadline: Deadline,
    reason: MissedReason | None,
    circumstance: str,
    version: int,
) -> None:
    """Record why a limit was missed. The deadline stays as it is: the clock never stops.

    Audit event: `deadline.missed_reason_recorded` with the reason and circumstances that changed,
    before and after (recording again replaces them; the event keeps what they said).
    """
    error = check_missed_reason(
        due_on=deadline.due_on,
        met_on=deadline.met_on,
        today=today(),
        reason=reason,
        circumstance=circumstance,
    )
    if error is not None:
        field = "reason" if error is DeadlineError.REASON_REQUIRED else "circumstance"
        raise ServiceError(error, field=field)
    assert reason is not None  # noqa: S101 (checked above; narrows the type)
    before = {"reason": deadline.missed_reason, "circumstance": deadline.missed_circumstance}
    after = {"reason": reason.value, "circumstance": circumstance.strip()}
    _save_versioned(
        deadline,
        version,
        actor,
        missed_reason=reason.value,
        missed_circumstance=circumstance.strip(),
        missed_recorded_by=actor,
        missed_recorded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        event_type="deadline.missed_reason_recorded",
        subject=deadline,
        local_authority_id=deadline.local_authority_id,
        changes=field_changes(before, after, ("reason", "circumstance")),
    )


def deadlines_recompute(
    *, actor: Any, local_authority_id: Any, reason: str, setting_id: Any = None
) -> int:
    """Recompute every open deadline of the LA (or of one setting); returns how many moved.

    Call inside the transaction that changed what the dates depend on. Each moved deadline gets a
    `deadline.recomputed` audit event with old and new dates and the reason.
    """
    clock = AuthorityClock.load(local_authority_id)
    open_deadlines = Deadline.objects.filter(
        local_authority_id=local_authority_id, state=DeadlineState.OPEN.value
    )
    if setting_id is not None:
        open_deadlines = open_deadlines.filter(setting_id=setting_id)
    moved: list[Deadline] = []
    events = []
    fields = ("id", "rule_id", "started_on", "setting_id", "extended", "due_on", "reminder_on")
    for deadline in open_deadlines.only(*fields).iterator(chunk_size=5000):
        due_on, remind_on = clock.dates(
            deadline.rule_id, deadline.started_on, deadline.setting_id, extended=deadline.extended
        )
        if (due_on, remind_on) == (deadline.due_on, deadline.reminder_on):
            continue
        if due_on != deadline.due_on:
            events.append(
                (deadline, local_authority_id, {"due_on": [_iso(deadline.due_on), _iso(due_on)]})
            )
        deadline.due_on, deadline.reminder_on = due_on, remind_on
        moved.append(deadline)
    Deadline.objects.bulk_update(moved, ["due_on", "reminder_on"], batch_size=1000)
    audit_record_many(actor=actor, event_type="deadline.recomputed", items=events, reason=reason)
    return len(events)


@transaction.atomic
def deadlines_settle(
    *,
    actor: Any,
    case: Case,
    rule_ids: Iterable[str] | None = None,
    deadline_ids: Iterable[Any] | None = None,
    met_on: datetime.date | None = None,
    reason: str = "",
) -> int:
    """Settle the case's open deadlines (only `rule_ids` or `deadline_ids`, if given).

    With `met_on` the duty was done that day (`deadline.met`); without, it fell away
    (`deadline.closed`, with the reason): a referral ends the school's duty, a young person's
    refusal of consent ends every duty. Settling the whole case (neither filter) leaves the LA's
    clocks for answering a request alone (`REQUEST_DEADLINE_RULES`): that duty lasts until the
    LA answers, records a s.29 exception or the request is withdrawn, and those settle the
    request's own deadline by id. Returns how many were settled.
    """
    deadlines = Deadline.objects.select_for_update().filter(
        case=case, state=DeadlineState.OPEN.value
    )
    if rule_ids is None and deadline_ids is None:
        deadlines = deadlines.exclude(rule_id__in=REQUEST_DEADLINE_RULES)
    if rule_ids is not None:
        deadlines = deadlines.filter(rule_id__in=list(rule_ids))
    if deadline_ids is not None:
        deadlines = deadlines.filter(pk__in=list(deadline_ids))
    settled = list(deadlines)
    for deadline in settled:
        changes: dict[str, Any]
        if met_on is not None:
            _save_versioned(
                deadline, deadline.version, actor, state=DeadlineState.MET.value, met_on=met_on
            )
            changes = {"met_on": _iso(met_on), "due_on": _iso(deadline.due_on)}
        else:
            _save_versioned(deadline, deadline.version, actor, state=DeadlineState.CLOSED.value)
            changes = {"state": [DeadlineState.OPEN.value, DeadlineState.CLOSED.value]}
        audit_record(
            actor=actor,
            event_type="deadline.met" if met_on is not None else "deadline.closed",
            subject=deadline,
            local_authority_id=deadline.local_authority_id,
            changes=changes,
            reason=reason,
        )
    return len(settled)


# What a deadline handed to a new body may change (its audit event keeps these before and after).
_HANDED_OVER = ("local_authority", "setting", "owner", "due_on")


@transaction.atomic
def deadlines_hand_over(
    *, actor: Any, case: Case, carry_on: Iterable[str], reason: str
) -> tuple[int, int]:
    """The case has passed to a new body (its authority and setting already changed): open
    deadlines under `carry_on` rules become the new body's (its LA and setting, no owner until
    someone there takes the case on, the due date worked out again on its calendar from the same
    start: `deadline.handed_over`); every other open deadline was the old body's and closes
    (`deadline.closed`), except the LA's clocks for answering a request
    (`REQUEST_DEADLINE_RULES`): they stay as they are, with the LA that owes the answer.
    Returns (handed over, closed).
    """
    carried = set(carry_on)
    clock = AuthorityClock.load(case.local_authority_id)
    handed = closed = 0
    for deadline in (
        Deadline.objects.select_for_update()
        .filter(case=case, state=DeadlineState.OPEN.value)
        .exclude(rule_id__in=REQUEST_DEADLINE_RULES - carried)
    ):
        if deadline.rule_id not in carried:
            _save_versioned(deadline, deadline.version, actor, state=DeadlineState.CLOSED.value)
            audit_record(
                actor=actor,
                event_type="deadline.closed",
                subject=deadline,
                local_authority_id=deadline.local_authority_id,
                changes={"state": [DeadlineState.OPEN.value, DeadlineState.CLOSED.value]},
                reason=reason,
            )
            closed += 1
            continue
        due_on, remind_on = clock.dates(
            deadline.rule_id, deadline.started_on, case.setting_id, extended=deadline.extended
        )
        before = snapshot(deadline, _HANDED_OVER)
        after = {
            "local_authority": case.local_authority_id,
            "setting": case.setting_id,
            "owner": None,
            "due_on": due_on,
        }
        _save_versioned(
            deadline,
            deadline.version,
            actor,
            local_authority_id=case.local_authority_id,
            setting_id=case.setting_id,
            owner=None,
            due_on=due_on,
            reminder_on=remind_on,
        )
        audit_record(
            actor=actor,
            event_type="deadline.handed_over",
            subject=deadline,
            local_authority_id=case.local_authority_id,
            changes=field_changes(before, after, _HANDED_OVER),
            reason=reason,
        )
        handed += 1
    return handed, closed

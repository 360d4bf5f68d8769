from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from aln.audit.access import is_access_event
from aln.audit.models import AuditEvent
from aln.common.request_context import current_request_id


def audit_record(
    *,
    actor: Any,
    event_type: str,
    subject: models.Model,
    local_authority_id: Any = None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit event. Call inside the service's transaction, never from signals.

    `changes` holds before/after values of the changed fields only; `event_type` is a dotted,
    past-tense code such as `learner.created`.
    """
    return AuditEvent.objects.create(
        actor=_actor(actor),
        actor_roles=_roles(actor),
        local_authority_id=local_authority_id,
        event_type=event_type,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        changes=dict(changes or {}),
        reason=reason,
        request_id=current_request_id.get(),
    )


def audit_record_view(
    *,
    actor: Any,
    event_type: str,
    subject: models.Model,
    local_authority_id: Any = None,
    details: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one access event: `actor` saw, downloaded or exported `subject` (ADR 0008).

    The access log is how a learner, or the LA's data protection officer, finds out who looked at
    a record. `event_type` must be an access event (`aln.audit.access.is_access_event`: its last
    word is `viewed`, `downloaded` or `exported`), so it never shows in a record's history.
    `reason` is the relationship that allowed it, where the caller knows it; `details` says what
    was seen (a version number, the filters of a list) and is stored as the event's `changes`.
    One row, one query: views call this once per request.
    """
    if not is_access_event(event_type):
        raise ValueError(f"{event_type} is not an access event")
    return audit_record(
        actor=actor,
        event_type=event_type,
        subject=subject,
        local_authority_id=local_authority_id,
        changes=details,
        reason=reason,
    )


def audit_record_many(
    *,
    actor: Any,
    event_type: str,
    items: Iterable[tuple[models.Model, Any, Mapping[str, Any]]],
    reason: str = "",
) -> int:
    """Append one event per `(subject, local_authority_id, changes)`, in bulk (recalculations).

    The same evidence as `audit_record`, one row per subject, written in batches so moving every
    deadline in an LA stays fast.
    """
    actor_user, roles, request_id = _actor(actor), _roles(actor), current_request_id.get()
    events = [
        AuditEvent(
            actor=actor_user,
            actor_roles=roles,
            local_authority_id=local_authority_id,
            event_type=event_type,
            subject_type=subject._meta.label_lower,
            subject_id=str(subject.pk),
            changes=dict(changes),
            reason=reason,
            request_id=request_id,
        )
        for subject, local_authority_id, changes in items
    ]
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    return len(events)


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _roles(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return ",".join(sorted({m.role for m in actor.active_memberships}))

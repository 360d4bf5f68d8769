from collections.abc import Mapping
from typing import Any

from django.db import models

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
    roles = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        roles = ",".join(sorted({m.role for m in actor.active_memberships}))
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_roles=roles,
        local_authority_id=local_authority_id,
        event_type=event_type,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        changes=dict(changes or {}),
        reason=reason,
        request_id=current_request_id.get(),
    )

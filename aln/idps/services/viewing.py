"""The access log for plans: opening a plan is a view of a learner's record."""

from typing import Any

from aln.audit.services import audit_record
from aln.idps.models import Idp


def idp_record_viewed(*, actor: Any, idp: Idp) -> None:
    """Log that someone opened a plan (special-category data). Audit event: `idp.viewed`."""
    audit_record(
        actor=actor, event_type="idp.viewed", subject=idp, local_authority_id=idp.local_authority_id
    )

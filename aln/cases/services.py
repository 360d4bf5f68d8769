"""Every write to a case. Opening a case starts its statutory clock."""

import datetime
import secrets
from typing import Any

from django.db import transaction

from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.deadlines.services.deadlines import deadline_open
from aln.domain.cases import DECISION_RULE, CaseKind, DecidingBody
from aln.learners.models import Learner
from aln.organisations.models import Setting

# Crockford's base32 without look-alikes (no I, L, O, U): easy to read out on the phone.
_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _new_reference() -> str:
    while True:
        reference = "ALN-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
        if not Case.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def case_open(
    *,
    actor: Any,
    learner: Learner,
    kind: CaseKind,
    deciding_body: DecidingBody,
    opened_on: datetime.date,
    setting: Setting | None = None,
    owner: Any = None,
) -> Case:
    """Open a case and start the clock that applies to the body deciding (spec T1-T4).

    The case process (issue 4) adds the checks on who may open which case from what evidence;
    today cases are opened by the demo and by the services that need one.
    """
    case = Case.objects.create(
        reference=_new_reference(),
        learner=learner,
        local_authority_id=learner.home_local_authority_id,
        setting=setting,
        kind=kind.value,
        deciding_body=deciding_body.value,
        opened_on=opened_on,
        owner=owner,
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="case.opened",
        subject=case,
        local_authority_id=case.local_authority_id,
        changes={"kind": kind.value, "deciding_body": deciding_body.value},
    )
    rule_id = (
        DECISION_RULE[deciding_body] if kind is CaseKind.ALN_DECISION else "la-reconsideration"
    )
    deadline_open(actor=actor, case=case, rule_id=rule_id, started_on=opened_on, owner=owner)
    return case


def case_record_viewed(*, actor: Any, case: Case) -> None:
    """Log that someone opened a case (special-category data access, like a learner's record).

    Audit event: `case.viewed`. Not shown in the case's history: it is the access log.
    """
    audit_record(
        actor=actor,
        event_type="case.viewed",
        subject=case,
        local_authority_id=case.local_authority_id,
    )

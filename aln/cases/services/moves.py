"""The one way a case changes stage: check the table, check nobody got there first, record it.

Every case service calls `case_take` inside its transaction. It locks the case row, refuses the
move if someone else changed the case since the person read it (their `version`) or if the table
in `aln.domain.process` does not allow it, then saves the new stage and writes the audit event the
table names. A refused move raises `ServiceError` before anything is written.
"""

from typing import Any

from django.utils import timezone

from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.cases.selectors import case_facts, case_parties_for
from aln.common.errors import ServiceError
from aln.domain.process import CaseAction, Outcome, Party, ProcessError, Transition, move


def case_lock(case: Case, version: int) -> Case:
    """The case row, locked for this transaction, if it is still at the version the person saw."""
    locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if locked.version != version:
        raise ServiceError(ProcessError.CHANGED_BY_SOMEONE_ELSE)
    return locked


def case_take(
    *,
    actor: Any,
    case: Case,
    action: CaseAction,
    version: int,
    deciding: Outcome | None = None,
    changes: dict[str, Any] | None = None,
    parties: frozenset[Party] | None = None,
    **values: Any,
) -> Transition:
    """Make the move (saving `values` on the case with it) and return the transition taken.

    `deciding` is the outcome of a decision being made (it picks DECIDE's next stage). `case` is
    updated in place with the new stage, version and values. `parties`: the actor's part in the
    move when it is not their part in the case (`case_parties_for`): the LA answering a request
    (`case_la_parties`).
    """
    locked = case_lock(case, version)
    stage_before = locked.stage
    # The move is judged on the case as it stands, before `values` change it (a referral's new
    # deciding body must not decide whether the school may refer).
    result = move(
        case_facts(locked, actor),
        action,
        case_parties_for(user=actor, case=locked) if parties is None else parties,
        outcome=deciding,
    )
    if result.transition is None:
        raise ServiceError(result.error or ProcessError.NOT_ALLOWED_NOW)
    transition = result.transition
    Case.objects.filter(pk=locked.pk).update(
        stage=transition.target.value,
        version=version + 1,
        updated_by=actor,
        updated_at=timezone.now(),
        **values,
    )
    for name, value in {**values, "stage": transition.target.value, "version": version + 1}.items():
        setattr(case, name, value)
    audit_changes = dict(changes or {})
    if transition.target.value != stage_before:
        audit_changes["stage"] = [stage_before, transition.target.value]
    audit_record(
        actor=actor,
        event_type=transition.event,
        subject=case,
        local_authority_id=case.local_authority_id,
        changes=audit_changes,
    )
    return transition

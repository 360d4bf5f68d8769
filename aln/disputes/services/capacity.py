"""Views on a child's capacity (Act s.84; EN paras 176-178) and the people who act for a
learner: a case friend the Tribunal appoints for a child who lacks capacity (s.85) and a
representative (deputy or attorney) of a parent or young person who lacks capacity (s.83).

What is recorded here feeds `selectors.standing.standing_for`, which requests, appeals and the
notice forms read: a notice goes to the case friend, and not to a child who lacks capacity and
has none (s.84). Records are never changed: a new view is a new record (the one that prevails
is `capacity_view`'s), and a case friend's appointment is ended, not deleted.

Who records what:
- a view on capacity: the LA's deciders any view, including the Tribunal's declaration and an
  NHS body's; the deciders of a school (or college) the child attends only their governing
  body's own. The LA's view prevails over the school's (EN para 178), and the LA tells the
  school's deciders when it records one (email, without the child's name);
- case friends and representatives: the LA's deciders (the Tribunal appoints a case friend; a
  deputyship or power of attorney is shown to the LA).
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from aln.audit.services import audit_record
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.disputes.models import ActingFor, ActingForKind, CapacityRecord
from aln.disputes.selectors.support import (
    current_acting_for,
    la_ids_acting_for,
    school_contacts_for,
    setting_decided_at,
)
from aln.domain.ages import is_child
from aln.domain.disagreements import (
    ActingForProblem,
    CapacityAssessor,
    CapacityProblem,
    capacity_assessors_for,
    check_capacity_view,
    check_case_friend,
)
from aln.domain.process import (
    MAX_SHORT_TEXT_LENGTH,
    InputError,
    ProcessError,
    check_date,
    check_text,
)
from aln.learners.models import Learner
from aln.notifications.services import outbox_queue_written


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field or None)


def _child_on(learner: Learner, on: datetime.date, field: str) -> bool:
    """Whether the learner is a child on `on` (Act s.99); a date before birth is refused."""
    if on < learner.date_of_birth:
        raise ServiceError(ProcessError.DATE_BEFORE_START, field=field)
    return is_child(learner.date_of_birth, on)


def assessors_for(*, actor: Any, learner: Learner) -> tuple[CapacityAssessor, ...]:
    """The views on capacity `actor` may record for `learner` (`capacity_assessors_for`), from
    whether they decide for an LA that stands to the learner or at a setting the learner
    attends."""
    return capacity_assessors_for(
        decides_for_la=bool(la_ids_acting_for(user=actor, learner=learner)),
        decides_at_setting=setting_decided_at(user=actor, learner=learner),
    )


def _tell_schools(record: CapacityRecord) -> None:
    """The LA informs the governing body of its view, which then prevails (EN para 178): every
    decider at the child's maintained schools is emailed through the outbox. The email does not
    name the child: it links to the disagreement log, which shows the view to those who may see
    the child."""
    url = settings.SITE_URL.rstrip("/") + reverse(
        "disputes:capacity", kwargs={"capacity_id": record.pk}
    )
    outbox_queue_written(
        contacts=school_contacts_for(learner=record.learner, on=record.decided_on),
        dedupe_key=f"capacity:{record.pk}",
        template="disputes/capacity_email",
        values=lambda: {"url": url, "decided_on": record.decided_on},
    )


@transaction.atomic
def capacity_record(
    *,
    actor: Any,
    learner: Learner,
    assessor: CapacityAssessor,
    lacks_capacity: bool,
    decided_on: datetime.date | None,
    decided_by_name: str,
    reasons: str,
) -> CapacityRecord:
    """Record a view on whether a child has capacity, or the Tribunal's declaration (s.84).

    Only for a child (a young person's own capacity is a matter for the Mental Capacity Act, and
    a s.83 representative acts for them); only a view `actor` may record (`assessors_for`); the
    date has happened; who formed the view and why are required. When the LA records a view the
    deciders at the child's maintained schools are told (outbox, no name), so the LA's view
    prevails over theirs (EN para 178). Audit event: `dispute.capacity_recorded`.
    """
    assessor = CapacityAssessor(assessor)
    allowed = assessors_for(actor=actor, learner=learner)
    if not allowed:
        raise ServiceError(CapacityProblem.NOT_YOURS)
    if assessor not in allowed:
        raise ServiceError(CapacityProblem.ASSESSOR_NOT_YOURS, field="assessor")
    _raise(
        check_date(decided_on, "decided_on", today=today())
        or check_text(decided_by_name, "decided_by_name", limit=MAX_SHORT_TEXT_LENGTH)
        or check_text(reasons, "reasons")
    )
    assert decided_on is not None  # noqa: S101 (checked above)
    problem = check_capacity_view(is_child=_child_on(learner, decided_on, "decided_on"))
    if problem is not None:
        raise ServiceError(problem, field="decided_on")
    record = CapacityRecord.objects.create(
        learner=learner,
        assessor=assessor.value,
        lacks_capacity=bool(lacks_capacity),
        decided_on=decided_on,
        decided_by_name=decided_by_name.strip(),
        reasons=reasons.strip(),
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="dispute.capacity_recorded",
        subject=record,
        local_authority_id=learner.home_local_authority_id,
        changes={
            "assessor": assessor.value,
            "lacks_capacity": bool(lacks_capacity),
            "decided_on": decided_on.isoformat(),
        },
        reason=reasons.strip(),
    )
    if assessor is CapacityAssessor.LOCAL_AUTHORITY:
        _tell_schools(record)
    return record


def _check_la(actor: Any, learner: Learner) -> None:
    if not la_ids_acting_for(user=actor, learner=learner):
        raise ServiceError(ActingForProblem.NOT_YOURS)


@transaction.atomic
def acting_for_appoint(
    *,
    actor: Any,
    learner: Learner,
    kind: ActingForKind | str,
    name: str,
    email: str,
    address: str,
    authority: str,
    appointed_on: datetime.date | None,
) -> ActingFor:
    """Record a case friend (s.85) or a representative (s.83) who acts for the learner.

    Only the LA's deciders. A case friend only for a child (on the day of the appointment: a
    young person holds the rights themselves, spec §7) and only one at a time (end the current
    one first); a representative for a parent or a young person. The name and the authority
    (the Tribunal's appointment, a deputyship, a power of attorney) are required; the date has
    happened. From then on `standing_for` reads them. Audit event:
    `dispute.acting_for_appointed` (the name and contact details are not copied to the audit).
    """
    _check_la(actor, learner)
    kind = ActingForKind(kind)
    _raise(
        check_text(name, "name", limit=MAX_SHORT_TEXT_LENGTH)
        or check_text(authority, "authority", limit=MAX_SHORT_TEXT_LENGTH)
        or check_text(address, "address", required=False)
        or check_date(appointed_on, "appointed_on", today=today())
    )
    assert appointed_on is not None  # noqa: S101 (checked above)
    if kind is ActingForKind.CASE_FRIEND:
        problem = check_case_friend(
            is_child=_child_on(learner, appointed_on, "appointed_on"),
            case_friend_acting=current_acting_for(learner=learner, kind=kind.value) is not None,
        )
        if problem is not None:
            raise ServiceError(problem, field="kind")
    person = ActingFor.objects.create(
        learner=learner,
        kind=kind.value,
        name=name.strip(),
        email=email.strip(),
        address=address.strip(),
        authority=authority.strip(),
        appointed_on=appointed_on,
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="dispute.acting_for_appointed",
        subject=person,
        local_authority_id=learner.home_local_authority_id,
        changes={"kind": kind.value, "appointed_on": appointed_on.isoformat()},
        reason=authority.strip(),
    )
    return person


@transaction.atomic
def acting_for_end(
    *,
    actor: Any,
    acting_for: ActingFor,
    version: int | None,
    ended_on: datetime.date | None,
    reasons: str,
) -> ActingFor:
    """Record that a case friend or representative no longer acts (the Tribunal ended the
    appointment, the child turned 16, the deputyship ended...).

    Only the LA's deciders; once; refused if someone changed the appointment since `version`
    was read; on or after the appointment and not in the future; with the reasons, kept on the
    appointment (`end_reasons`) and as the audit reason. Audit event: `dispute.acting_for_ended`.
    """
    locked = (
        ActingFor.objects.select_for_update(of=("self",))
        .select_related("learner")
        .get(pk=acting_for.pk)
    )
    _check_la(actor, locked.learner)
    if locked.ended_on is not None:
        raise ServiceError(ActingForProblem.ALREADY_ENDED)
    if version != locked.version:
        raise ServiceError(ActingForProblem.CHANGED_BY_SOMEONE_ELSE)
    _raise(
        check_date(
            ended_on,
            "ended_on",
            today=today(),
            not_before=locked.appointed_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
        or check_text(reasons, "reasons")
    )
    assert ended_on is not None  # noqa: S101 (checked above)
    saved = {"ended_on": ended_on, "end_reasons": reasons.strip(), "version": locked.version + 1}
    ActingFor.objects.filter(pk=locked.pk).update(updated_by=actor, **saved)
    audit_record(
        actor=actor,
        event_type="dispute.acting_for_ended",
        subject=locked,
        local_authority_id=locked.learner.home_local_authority_id,
        changes={"kind": locked.kind, "ended_on": ended_on.isoformat()},
        reason=reasons.strip(),
    )
    for name, value in saved.items():
        setattr(acting_for, name, value)
    return acting_for

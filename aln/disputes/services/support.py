"""Referrals to disagreement resolution (Act s.68) and independent advocacy (s.69).

The LA records that a disagreement was referred to one of the providers it has arranged (its
configured `SupportProvider`s: often SNAP Cymru, never hard-coded, spec §5), and later how it
ended. Families do not ask for a referral through this service: the LA and the provider arrange
it with them, and LA staff record it (`Action.DISPUTE_DECIDE`). School staff do not record
referrals either: the arrangements under ss.68 and 69 are the LA's duty.

A s.68 referral about a decision that carries a right of appeal, made before the 8 weeks
expire, extends the time to appeal by 8 weeks (ETW Regs reg 10; spec T14): the appeal records
read the earliest such referral on the notice (`selectors.support.resolution_referred_on`), and
pages show the new last day (`selectors.support.appeal_effect`). Either way the referral never
takes away a right of appeal (s.68(5)).
"""

import datetime
from typing import Any

from django.db import transaction

from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.disputes.models import SupportReferral
from aln.disputes.selectors.support import appeal_effect, la_ids_acting_for
from aln.domain.disagreements import (
    ResolutionOutcome,
    SupportKind,
    SupportProblem,
    provider_fits,
)
from aln.domain.process import (
    MAX_SHORT_TEXT_LENGTH,
    InputError,
    ProcessError,
    check_date,
    check_text,
)
from aln.learners.models import Learner
from aln.notices.models import Notice, SupportProvider


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field or None)


def _check_provider(
    provider: SupportProvider | None, kind: SupportKind, local_authority_id: Any
) -> SupportProvider:
    """One of the LA's active providers of the kind the referral needs (`provider_fits`)."""
    if provider is None:
        raise ServiceError(SupportProblem.PROVIDER_REQUIRED, field="provider")
    if provider.local_authority_id != local_authority_id or not provider.is_active:
        raise ServiceError(SupportProblem.PROVIDER_NOT_AVAILABLE, field="provider")
    if not provider_fits(kind, provider.kind):
        raise ServiceError(SupportProblem.PROVIDER_WRONG_KIND, field="provider")
    return provider


def _check_subject(
    learner: Learner, case: Case | None, notice: Notice | None
) -> tuple[Case | None, Notice | None]:
    """The case and notice, when given, are this learner's (the notice's case is the case)."""
    if notice is not None:
        if notice.learner_id != learner.pk or (case is not None and notice.case_id != case.pk):
            raise ServiceError(SupportProblem.NOT_ABOUT_THIS_LEARNER, field="notice")
        case = case or notice.case
    if case is not None and case.learner_id != learner.pk:
        raise ServiceError(SupportProblem.NOT_ABOUT_THIS_LEARNER, field="notice")
    return case, notice


@transaction.atomic
def support_refer(
    *,
    actor: Any,
    learner: Learner,
    kind: SupportKind,
    provider: SupportProvider | None,
    referred_on: datetime.date | None,
    referred_by_name: str,
    about: str,
    case: Case | None = None,
    notice: Notice | None = None,
) -> SupportReferral:
    """Record a referral to the LA's disagreement resolution (s.68) or advocacy (s.69) provider.

    Only someone deciding for an LA that stands to the learner (`la_ids_acting_for`; the LA where
    the learner lives first); the provider must be one of that LA's active providers of the
    matching kind; the case and notice, if given, must be the learner's. The referral date is a
    date that has happened. Audit event: `dispute.referral_recorded` (with, for a s.68 referral
    about a decision that carries a right of appeal, whether it extends the time to appeal and
    the new last day). No email: the LA arranges the referral with the family and the provider.
    A refusal raises ServiceError and writes nothing.
    """
    kind = SupportKind(kind)
    authorities = la_ids_acting_for(user=actor, learner=learner)
    if not authorities:
        raise ServiceError(SupportProblem.NOT_YOURS)
    local_authority_id = authorities[0]
    _raise(
        check_text(referred_by_name, "referred_by_name", limit=MAX_SHORT_TEXT_LENGTH)
        or check_text(about, "about")
        or check_date(referred_on, "referred_on", today=today())
    )
    assert referred_on is not None  # noqa: S101 (checked above)
    provider = _check_provider(provider, kind, local_authority_id)
    case, notice = _check_subject(learner, case, notice)
    referral = SupportReferral.objects.create(
        learner=learner,
        local_authority_id=local_authority_id,
        case=case,
        notice=notice,
        kind=kind.value,
        provider=provider,
        referred_on=referred_on,
        referred_by_name=referred_by_name.strip(),
        about=about.strip(),
        created_by=actor,
        updated_by=actor,
    )
    changes: dict[str, Any] = {
        "kind": kind.value,
        "provider": provider.name_en,
        "referred_on": referred_on.isoformat(),
        "case": str(case.pk) if case else None,
        "notice": str(notice.pk) if notice else None,
    }
    effect = appeal_effect(kind=kind, notice=notice, referred_on=referred_on)
    if effect is not None:
        changes |= {
            "extends_appeal": effect.extends,
            "appeal_last_day": effect.last_day.isoformat(),
        }
    audit_record(
        actor=actor,
        event_type="dispute.referral_recorded",
        subject=referral,
        local_authority_id=local_authority_id,
        changes=changes,
    )
    return referral


@transaction.atomic
def support_record_outcome(
    *,
    actor: Any,
    referral: SupportReferral,
    version: int | None,
    outcome: ResolutionOutcome,
    outcome_on: datetime.date | None,
    notes: str,
) -> SupportReferral:
    """Record how a referral ended: resolved, partly resolved, not resolved or withdrawn.

    Only someone deciding for the referral's LA; once (a second outcome is refused); on or after
    the referral date and not in the future; refused if someone changed the referral since
    `version` was read. An outcome never changes the time to appeal or takes the right away
    (s.68(5)). Audit event: `dispute.referral_outcome_recorded`.
    """
    locked = SupportReferral.objects.select_for_update().get(pk=referral.pk)
    if not any(
        la == locked.local_authority_id
        for la in la_ids_acting_for(user=actor, learner=locked.learner)
    ):
        raise ServiceError(SupportProblem.NOT_YOURS)
    if locked.outcome:
        raise ServiceError(SupportProblem.OUTCOME_RECORDED)
    if version != locked.version:
        raise ServiceError(SupportProblem.CHANGED_BY_SOMEONE_ELSE)
    outcome = ResolutionOutcome(outcome)
    _raise(
        check_date(
            outcome_on,
            "outcome_on",
            today=today(),
            not_before=locked.referred_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
        or check_text(notes, "notes", required=False)
    )
    assert outcome_on is not None  # noqa: S101 (checked above)
    SupportReferral.objects.filter(pk=locked.pk).update(
        outcome=outcome.value,
        outcome_on=outcome_on,
        outcome_notes=notes.strip(),
        version=locked.version + 1,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="dispute.referral_outcome_recorded",
        subject=locked,
        local_authority_id=locked.local_authority_id,
        changes={"outcome": ["", outcome.value], "outcome_on": outcome_on.isoformat()},
        reason=notes.strip(),
    )
    referral.outcome, referral.outcome_on, referral.outcome_notes = (
        outcome.value,
        outcome_on,
        notes.strip(),
    )
    referral.version = locked.version + 1
    return referral

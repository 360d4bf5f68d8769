"""What the LA's answers to requests do to a plan (Act ss.26-28, 32; spec §6.1; ADR 0013).

The LA answers as `Party.RECONSIDERING_LA` through `aln.cases.services.reconsidering.case_la_take`;
the answer and its letter are `aln.disputes.services.outcomes`', which calls these:

- `idp_la_no_revision`: s.27(4) the plan is not revised; the LA's notice starts the next review
  period (s.23; spec T11).
- `idp_la_prepare_revision`: s.27(6) the LA prepares the revised plan: a new draft it writes and
  gives (`aln.cases.selectors.case_la_prepares_revision`); the body maintaining it keeps it.
- `idp_la_take_over`: s.28(3), (6) the plan becomes the LA's (treated as a s.14 plan): recorded
  as a transfer (`TransferKind.LA_TAKES_OVER`); the review period carries on.
- `idp_end_by_la_decision`: s.26 the LA decided there is no ALN: the plan is no longer maintained.
- `idp_continue`: s.32 the school's decision to cease does not stand: the plan is maintained
  again and the review period that was running when it ceased runs again.
- `idp_follow_preparer`: s.26 the LA decided ALN while a first plan was being written: the draft
  follows the body now preparing it.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.cases.services.reconsidering import S26_SOURCE, case_la_take
from aln.common.errors import ServiceError
from aln.deadlines.models import Deadline
from aln.deadlines.services.deadlines import deadline_open, deadlines_hand_over
from aln.domain.cases import DecidingBody
from aln.domain.plans import (
    CARRIED_ON_TRANSFER,
    LA_TAKES_OVER_FROM,
    REVIEW_RULE,
    CeaseGround,
    PlanError,
    TransferError,
    TransferKind,
)
from aln.domain.process import CaseAction, Effect
from aln.domain.responsibility import Body
from aln.idps.models import Idp, IdpVersion, RequestState, ReviewRequest, Transfer, VersionState
from aln.idps.services.drafting import version_copy
from aln.idps.services.issuing import idp_review_period_start


def _save(actor: Any, idp: Idp, **values: Any) -> None:
    """Write `values` on the plan (the case row, locked by the move, serialises changes)."""
    Idp.objects.filter(pk=idp.pk).update(updated_by=actor, updated_at=timezone.now(), **values)
    for name, value in values.items():
        setattr(idp, name, value)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def idp_la_no_revision(*, actor: Any, idp: Idp, given_on: datetime.date) -> None:
    """s.27(4)-(5): the LA will not revise the plan. Its notice, given on `given_on`, starts the
    next review period (Effect.START_REVIEW_PERIOD; spec T11 "an LA s.27(4) notice").

    Audit: `case.la_no_revision_notice_given`, then the review period's events.
    """
    transition = case_la_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.LA_NO_REVISION,
        changes={"given_on": given_on.isoformat()},
    )
    if Effect.START_REVIEW_PERIOD in transition.effects:
        idp_review_period_start(actor=actor, idp=idp, started_on=given_on)


@transaction.atomic
def idp_la_prepare_revision(*, actor: Any, idp: Idp, why_revised: str) -> IdpVersion:
    """s.27(6): the LA prepares the revised plan. A new draft is started from the version in
    force (or the draft already being written is taken up), and until it is given the LA is the
    body preparing it: its deciders write and give it (`case_la_prepares_revision`); once given,
    the body maintaining the plan maintains the revised plan (s.27(7)).

    Audit: `case.la_revision_decided`, `idp.la_revision_started` (with the version).
    """
    case_la_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.LA_DECIDE_REVISION,
        changes={"maintained_by": idp.maintained_by},
        idp_preparer=DecidingBody.LOCAL_AUTHORITY.value,
    )
    locked = Idp.objects.select_for_update(of=("self",)).get(pk=idp.pk)
    draft = locked.versions.filter(state=VersionState.DRAFT).first()
    started = draft is None
    if draft is None:
        source = locked.versions.filter(state=VersionState.ISSUED).order_by("-number").first()
        if source is None:
            raise ServiceError(PlanError.NOT_IN_FORCE)
        draft = version_copy(actor, source, source.number + 1, why_revised.strip())
    audit_record(
        actor=actor,
        event_type="idp.la_revision_started",
        subject=locked,
        local_authority_id=locked.local_authority_id,
        changes={"version": draft.number, "new_draft": started},
        reason=why_revised.strip(),
    )
    return draft


@transaction.atomic
def idp_la_take_over(
    *, actor: Any, idp: Idp, on: datetime.date, notes: str = "", reason: str
) -> Transfer:
    """s.28(3), (6): the plan of a school or FEI becomes the LA's, treated as a plan it
    maintains under s.14. The case follows (the LA decides it now, nobody owns it until an LA
    officer takes it on); open deadlines are handed over and the review period carries on
    (`CARRIED_ON_TRANSFER`; s.23, T11); open review requests lose their owner. The family's
    letter (s.28(7), s.22(2)) is the LA's decision notice, given by the caller.

    Audit: `case.la_took_over`, `deadline.handed_over` / `deadline.closed`, `idp.taken_over`.
    """
    from_body = Body(idp.maintained_by)
    if from_body not in LA_TAKES_OVER_FROM:
        raise ServiceError(TransferError.NOT_FROM_THIS_BODY)
    from_setting, authority = idp.setting, idp.local_authority
    released = [
        str(pk)
        for pk in ReviewRequest.objects.filter(
            idp=idp, state=RequestState.OPEN, owner__isnull=False
        ).values_list("pk", flat=True)
    ]
    transition = case_la_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.LA_TAKE_OVER,
        changes={
            "maintained_by": [from_body.value, Body.LOCAL_AUTHORITY.value],
            "setting": [str(from_setting.pk) if from_setting else None, None],
            "on": on.isoformat(),
            **({"review_requests_released": released} if released else {}),
        },
        deciding_body=DecidingBody.LOCAL_AUTHORITY.value,
        setting=None,
        owner=None,
        idp_preparer="",
    )
    if Effect.HAND_OVER_CLOCKS in transition.effects:
        deadlines_hand_over(actor=actor, case=idp.case, carry_on=CARRIED_ON_TRANSFER, reason=reason)
    ReviewRequest.objects.filter(pk__in=released).update(
        owner=None, updated_by=actor, updated_at=timezone.now()
    )
    _save(actor, idp, maintained_by=Body.LOCAL_AUTHORITY.value, setting=None)
    transfer = Transfer.objects.create(
        idp=idp,
        kind=TransferKind.LA_TAKES_OVER.value,
        joined_on=on,
        from_body=from_body.value,
        from_local_authority=authority,
        from_setting=from_setting,
        to_body=Body.LOCAL_AUTHORITY.value,
        to_local_authority=authority,
        to_setting=None,
        notes=notes.strip(),
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="idp.taken_over",
        subject=idp,
        local_authority_id=idp.local_authority_id,
        changes={
            "maintained_by": [from_body.value, Body.LOCAL_AUTHORITY.value],
            "on": on.isoformat(),
            "transfer": str(transfer.pk),
        },
        reason=reason,
    )
    return transfer


@transaction.atomic
def idp_end_by_la_decision(*, actor: Any, idp: Idp, on: datetime.date, reasons: str) -> None:
    """s.26: the LA decided the learner has no ALN, so the plan the school maintained is no
    longer maintained from `on` (the case has closed with `PLAN_ENDED`). Recorded as ceasing on
    the ground "no longer has ALN" with the LA's reasons; no s.32 window (it is the LA's
    decision: the family may appeal, s.70).

    Audit: `idp.ended_by_la_decision`.
    """
    before = idp.ceased_on
    _save(
        actor,
        idp,
        ceased_on=on,
        cease_ground=CeaseGround.NO_LONGER_ALN.value,
        cease_reasons=reasons.strip(),
        cease_proposed_on=None,
        reconsideration_closes_on=None,
    )
    audit_record(
        actor=actor,
        event_type="idp.ended_by_la_decision",
        subject=idp,
        local_authority_id=idp.local_authority_id,
        changes={"ceased_on": [_iso(before), on.isoformat()]},
        reason=reasons.strip(),
    )


@transaction.atomic
def idp_continue(*, actor: Any, idp: Idp, on: datetime.date, reason: str) -> Deadline | None:
    """s.32: the school's decision to cease does not stand. The case is maintained again
    (`case.la_cease_reversed`), the plan's ceasing is cleared, and the review period that was
    running when it ceased runs again to its old end (Effect.REOPEN_REVIEW_PERIOD: the
    `idp-review` clock from the day that period began). Returns that review deadline.

    Audit: `case.la_cease_reversed`, `deadline.opened`, `idp.continued`.
    """
    before = {
        "ceased_on": _iso(idp.ceased_on),
        "cease_ground": idp.cease_ground,
        "reconsideration_closes_on": _iso(idp.reconsideration_closes_on),
    }
    transition = case_la_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.LA_REVERSE_CEASE,
        changes={"on": on.isoformat(), **before},
        closed_on=None,
        closed_because="",
    )
    deadline = None
    if Effect.REOPEN_REVIEW_PERIOD in transition.effects and idp.review_period_started_on:
        deadline = deadline_open(
            actor=actor,
            case=idp.case,
            rule_id=REVIEW_RULE,
            started_on=idp.review_period_started_on,
            owner=idp.case.owner,
        )
    _save(
        actor,
        idp,
        ceased_on=None,
        cease_ground="",
        cease_proposed_on=None,
        cease_reasons="",
        reconsideration_closes_on=None,
    )
    audit_record(
        actor=actor,
        event_type="idp.continued",
        subject=idp,
        local_authority_id=idp.local_authority_id,
        changes={name: [value, None] for name, value in before.items()},
        reason=reason,
    )
    return deadline


@transaction.atomic
def idp_follow_preparer(*, actor: Any, case: Case) -> None:
    """A first plan being written when the LA's s.26 decision changed who prepares it: the
    draft is now the body's preparing it (`case.idp_preparer`). A plan already given is not
    touched (the LA takes it over instead)."""
    idp = Idp.objects.filter(case_id=case.pk).first()
    if idp is None or idp.versions.filter(state=VersionState.ISSUED).exists():
        return
    body = Body(case.idp_preparer or case.deciding_body)
    setting_id = case.setting_id if body in (Body.SCHOOL, Body.FEI) else None
    before = idp.maintained_by
    if (before, idp.setting_id) == (body.value, setting_id):
        return
    _save(actor, idp, maintained_by=body.value, setting_id=setting_id)
    audit_record(
        actor=actor,
        event_type="idp.preparer_changed",
        subject=idp,
        local_authority_id=idp.local_authority_id,
        changes={"maintained_by": [before, body.value]},
        reason=S26_SOURCE,
    )

"""Ending a plan: the duty ends by itself (an automatic ground), or the body maintaining it
proposes to cease and then decides, with reasons (Act s.31; spec §6.2, §5; T7, T14).

The case's stage is the plan's state (ADR 0012): recording an automatic ground or the decision
closes the case and every deadline still running on it (`Effect.CLOSE_CLOCKS`). A proposal moves
the case to "cease proposed" and gives the family the proposed decision; withdrawing it goes back
to maintaining. The decision notice states the right of challenge: a school's decision may be
reconsidered by the LA on a request made within the s.32 window (Regs reg 12; rule
`cease-reconsideration-request`), an LA's or FEI's is appealable to the Tribunal (s.70).
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from aln.cases.selectors import case_parties_for, is_young_person_on
from aln.cases.services.moves import case_lock, case_take
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.services.deadlines import deadlines_settle
from aln.domain.cases import APPEAL_RULE
from aln.domain.notices import DeliveryMethod, NoticeKind, NoticeLanguage
from aln.domain.plans import (
    CEASE_RECONSIDERATION_RULE,
    CeaseError,
    CeaseGround,
    CeaseRight,
    PlanError,
    cease_right,
    check_cease,
)
from aln.domain.process import (
    CaseAction,
    ClosedBecause,
    Effect,
    InputError,
    Party,
    ProcessError,
    check_date,
    check_text,
)
from aln.domain.responsibility import Body
from aln.idps.models import Idp
from aln.idps.services.issuing import plan_notice_issue
from aln.notices.models import Notice


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field)


def _check_decider(actor: Any, idp: Idp, case_version: int) -> None:
    """Only someone acting for the body that maintains the plan ends it (Party.DECIDER), and
    only from the case as they saw it: a stale page is refused before any rule is judged."""
    case_lock(idp.case, case_version)
    if Party.DECIDER not in case_parties_for(user=actor, case=idp.case):
        raise ServiceError(PlanError.NOT_YOURS)


def _check_ground(
    idp: Idp, ground: CeaseGround, on: datetime.date, *, decided: bool, reasons: str = ""
) -> None:
    learner = idp.learner
    error = check_cease(
        ground,
        maintained_by=Body(idp.maintained_by),
        is_young_person=is_young_person_on(learner, on),
        date_of_birth=learner.date_of_birth,
        on=on,
        decided=decided,
        reasons=reasons,
    )
    if error is not None:
        field = "reasons" if error is CeaseError.REASONS_REQUIRED else "ground"
        raise ServiceError(error, field=field)


def _save(actor: Any, idp: Idp, **values: Any) -> None:
    """Write `values` on the plan (the case row, locked by `case_take`, serialises changes)."""
    Idp.objects.filter(pk=idp.pk).update(updated_by=actor, updated_at=timezone.now(), **values)
    for name, value in values.items():
        setattr(idp, name, value)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def plan_end(
    *,
    actor: Any,
    idp: Idp,
    case_version: int,
    ground: CeaseGround,
    ended_on: datetime.date | None,
    notes: str = "",
) -> None:
    """Record that the duty to maintain the plan ended on an automatic ground (s.31(1)-(4);
    Nodi 10.06; spec §6.2): the learner left the school or college, the LA is no longer
    responsible, consent was withdrawn, the academic year of the 25th birthday ended...

    No decision and no notice: the sources require none for an automatic ground. The case closes
    (`case.plan_ended`, with the ground) and its open deadlines close (`deadline.closed`).
    """
    _check_decider(actor, idp, case_version)
    _raise(
        check_date(
            ended_on,
            "ended_on",
            today=today(),
            not_before=idp.first_given_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
        or check_text(notes, "notes", required=False)
    )
    assert ended_on is not None  # noqa: S101 (checked above)
    _check_ground(idp, ground, ended_on, decided=False)
    transition = case_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.END_PLAN,
        version=case_version,
        changes={"ground": ground.value, "ended_on": ended_on.isoformat()},
        closed_on=ended_on,
        closed_because=ClosedBecause.PLAN_ENDED.value,
    )
    if Effect.CLOSE_CLOCKS in transition.effects:
        deadlines_settle(actor=actor, case=idp.case, reason=ground.rule.source)
    _save(
        actor,
        idp,
        cease_ground=ground.value,
        ceased_on=ended_on,
        cease_reasons=notes.strip(),
    )


@transaction.atomic
def cease_propose(
    *,
    actor: Any,
    idp: Idp,
    case_version: int,
    ground: CeaseGround,
    reasons: str,
    given_on: datetime.date | None,
    method: DeliveryMethod,
    language: NoticeLanguage,
    email_to: tuple[str, ...] = (),
) -> Notice:
    """Propose to stop maintaining the plan on a ground that needs a decision (the learner no
    longer has ALN; a young person's plan is no longer necessary, regs 6-9), and give the family
    notice of the proposed decision (s.31; EN para 90; spec §5).

    Audit: `case.cease_proposed` (ground, date), then `notice.issued`.
    """
    _check_decider(actor, idp, case_version)
    _raise(
        check_text(reasons, "reasons")
        or check_date(
            given_on,
            "given_on",
            today=today(),
            not_before=idp.first_given_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
    )
    assert given_on is not None  # noqa: S101 (checked above)
    _check_ground(idp, ground, given_on, decided=True, reasons=reasons)
    case_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.PROPOSE_CEASE,
        version=case_version,
        changes={"ground": ground.value, "proposed_on": given_on.isoformat()},
    )
    _save(
        actor,
        idp,
        cease_ground=ground.value,
        cease_proposed_on=given_on,
        cease_reasons=reasons.strip(),
    )
    return plan_notice_issue(
        actor=actor,
        idp=idp,
        kind=NoticeKind.CEASE_PROPOSED,
        given_on=given_on,
        method=method,
        language=language,
        reasons=reasons.strip(),
        email_to=email_to,
        extra={"ground": ground.value},
    )


@transaction.atomic
def cease_withdraw(*, actor: Any, idp: Idp, case_version: int, reasons: str) -> None:
    """Withdraw a proposal to cease: the plan is maintained as before.

    Audit: `case.cease_proposal_withdrawn` with the ground withdrawn and why.
    """
    _check_decider(actor, idp, case_version)
    _raise(check_text(reasons, "reasons"))
    case_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.WITHDRAW_CEASE_PROPOSAL,
        version=case_version,
        changes={
            "ground": idp.cease_ground,
            "proposed_on": _iso(idp.cease_proposed_on),
            "reasons": reasons.strip(),
        },
    )
    _save(actor, idp, cease_ground="", cease_proposed_on=None, cease_reasons="")


def _challenge_last_day(
    idp: Idp, given_on: datetime.date
) -> tuple[CeaseRight, datetime.date | None]:
    """The right the decision notice states, and its last day, from the day it is given.

    The s.32 window "begins with the day after" the notice (reg 12): the rule's data says how
    to count it, so nothing here adds days (`aln.domain.timelines`).
    """
    right = cease_right(Body(idp.maintained_by))
    rule_id = CEASE_RECONSIDERATION_RULE if right is CeaseRight.LA_RECONSIDERATION else APPEAL_RULE
    case = idp.case
    last_day, _remind = AuthorityClock.load(case.local_authority_id).dates(
        rule_id, given_on, case.setting_id
    )
    return right, last_day


@transaction.atomic
def cease_decide(
    *,
    actor: Any,
    idp: Idp,
    case_version: int,
    reasons: str,
    decided_on: datetime.date | None,
    given_on: datetime.date | None,
    method: DeliveryMethod,
    language: NoticeLanguage,
    email_to: tuple[str, ...] = (),
) -> Notice:
    """Decide to stop maintaining the plan on the ground proposed, and give the decision notice
    with reasons (s.31; EN para 90; spec §5).

    A school's decision: the notice states the right to ask the LA to reconsider (s.32) and the
    last day to ask (Regs reg 12; T7), which is kept on the plan. An LA's or FEI's decision: the
    right to appeal to the Tribunal (s.70) and its last day (ETW Regs reg 10; T14).
    The case closes (`case.plan_ceased`) and its open deadlines close (`deadline.closed`), then
    `notice.issued`.
    """
    _check_decider(actor, idp, case_version)
    _raise(
        check_text(reasons, "reasons")
        or check_date(
            decided_on,
            "decided_on",
            today=today(),
            not_before=idp.cease_proposed_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
        or check_date(
            given_on,
            "given_on",
            today=today(),
            not_before=decided_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
    )
    assert decided_on is not None  # noqa: S101 (checked above)
    assert given_on is not None  # noqa: S101
    if not idp.cease_ground:
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)  # nothing proposed: the table agrees
    ground = CeaseGround(idp.cease_ground)
    _check_ground(idp, ground, decided_on, decided=True, reasons=reasons)
    right, last_day = _challenge_last_day(idp, given_on)
    transition = case_take(
        actor=actor,
        case=idp.case,
        action=CaseAction.CEASE,
        version=case_version,
        changes={
            "ground": ground.value,
            "decided_on": decided_on.isoformat(),
            "right": right.value,
            "last_day": _iso(last_day),
        },
        closed_on=decided_on,
        closed_because=ClosedBecause.PLAN_CEASED.value,
    )
    if Effect.CLOSE_CLOCKS in transition.effects:
        deadlines_settle(actor=actor, case=idp.case, reason=ground.rule.source)
    reconsideration = last_day if right is CeaseRight.LA_RECONSIDERATION else None
    _save(
        actor,
        idp,
        ceased_on=decided_on,
        cease_reasons=reasons.strip(),
        reconsideration_closes_on=reconsideration,
    )
    return plan_notice_issue(
        actor=actor,
        idp=idp,
        kind=NoticeKind.CEASE_DECIDED,
        given_on=given_on,
        method=method,
        language=language,
        reasons=reasons.strip(),
        email_to=email_to,
        extra={
            "ground": ground.value,
            "decided_on": decided_on,
            "ceases_on": decided_on,
            "reconsideration_closes_on": reconsideration,
            "appeal_last_day": last_day if right is CeaseRight.TRIBUNAL_APPEAL else None,
        },
    )

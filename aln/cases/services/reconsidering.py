"""The LA's answers to requests about a school's decision or plan, as moves on the case (Act
ss.26-28, 32; spec §6.1; ADR 0013).

The LA answers as `Party.RECONSIDERING_LA` (`case_la_parties`): its deciders, whichever body
decides the case. The process table says which answer may move the case from where, and what it
does to the clock (`aln.domain.process`); the law of the answers themselves is in
`aln.domain.disagreements`, and `aln.disputes.services.outcomes` calls these.
"""

import datetime
from typing import Any

from django.db import transaction

from aln.cases.models import Case
from aln.cases.selectors import case_la_parties
from aln.cases.services.moves import case_take
from aln.common.errors import ServiceError
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.services.deadlines import deadline_open, deadlines_settle
from aln.domain.cases import DECISION_RULE, DecidingBody
from aln.domain.process import (
    CaseAction,
    ClosedBecause,
    Effect,
    Outcome,
    ProcessError,
    Stage,
    Transition,
)

# Why the clocks move when the LA's s.26 decision replaces the school's (audit reason).
S26_SOURCE = "Act ss.26, 13, 14(2); EN paras 74-75"


def case_la_take(
    *,
    actor: Any,
    case: Case,
    action: CaseAction,
    deciding: Outcome | None = None,
    changes: dict[str, Any] | None = None,
    **values: Any,
) -> Transition:
    """Make one of the LA's moves (`CaseAction.LA_*`) as the LA answering a request.

    The request the LA answers carries its own `version` (checked by the caller), so the case is
    taken at the version it has now. Refused with ServiceError(NOT_YOURS) for anyone who does
    not act for the case's LA, NOT_ALLOWED_NOW when the case's stage does not fit the answer.
    """
    version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
    return case_take(
        actor=actor,
        case=case,
        action=action,
        version=version,
        deciding=deciding,
        changes=changes,
        parties=case_la_parties(user=actor, case=case),
        **values,
    )


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _preparing_values(
    case: Case,
    *,
    directs_school: bool,
    direction_due_on: datetime.date | None,
    la_clock_starts_on: datetime.date,
) -> dict[str, Any]:
    """Who prepares the IDP after the LA decides the learner has ALN, and by when: the LA
    itself, by its 12 weeks from the day the request reached it (a s.13 decision, T3), or the
    school it directs, by the date the direction states (s.14(2)(b))."""
    if directs_school:
        body, due_on = DecidingBody.SCHOOL, direction_due_on
    else:
        body = DecidingBody.LOCAL_AUTHORITY
        due_on, _remind = AuthorityClock.load(case.local_authority_id).dates(
            DECISION_RULE[body], la_clock_starts_on, case.setting_id
        )
    values: dict[str, Any] = {
        "deciding_body": body.value,
        "idp_preparer": body.value,
        "idp_due_on": due_on,
        "closed_on": None,
        "closed_because": "",
    }
    if body.value != case.deciding_body:
        values["owner"] = None  # someone acting for the new body takes the case on
    return values


def _closing_values(case: Case, decided_on: datetime.date) -> dict[str, Any]:
    """The LA decided there is no ALN: it is the LA's decision now (so the family's route is an
    appeal, s.70), and a case still open closes: no plan is prepared (IDP due), or the plan in
    force is no longer maintained (the duty ended: `PLAN_ENDED`, not a school's decision to
    cease, which s.32 could reopen)."""
    values: dict[str, Any] = {
        "deciding_body": DecidingBody.LOCAL_AUTHORITY.value,
        "idp_preparer": "",
        "idp_due_on": None,
    }
    if case.stage != Stage.CLOSED.value:
        ended = ClosedBecause.PLAN_ENDED if case.stage == Stage.MAINTAINING.value else None
        values |= {
            "closed_on": decided_on,
            "closed_because": (ended or ClosedBecause.NOTICE_GIVEN).value,
            "owner": None,
        }
    return values


@transaction.atomic
def case_la_replace_decision(
    *,
    actor: Any,
    case: Case,
    has_aln: bool,
    reasons: str,
    decided_on: datetime.date,
    directs_school: bool = False,
    direction_due_on: datetime.date | None = None,
    la_clock_starts_on: datetime.date,
) -> Transition:
    """The LA's own decision whether the learner has ALN replaces the school's (s.26; treated
    as a s.13 decision: EN paras 74-75). The case records the LA's outcome, reasons, date and
    decider.

    - Has ALN, on a case closed by the school's "no ALN" (or "duty does not arise") notice or
      waiting for the IDP: the IDP is due (s.14 duties). The school's clocks close; the LA
      prepares the plan on its `la-decision` clock from `la_clock_starts_on` (the day the
      request reached it), or directs the school to prepare it by `direction_due_on`
      (`directs_school`, s.14(2)(b)), which then acts on the case.
    - Has ALN with a plan maintained: the plan carries on (the caller carries out a take-over
      when the LA does not direct the school to maintain it).
    - No ALN: the case closes and its clocks close (`deadline.closed`); the caller ends a plan
      in force (`aln.idps.services.reconsidering.idp_end_by_la_decision`).

    Audit: `case.la_decision_replaced` with the outcome and who prepares the plan; the clocks'
    own events. Refused (nothing written) when the case's stage does not fit (the table) or the
    actor does not act for the case's LA.
    """
    outcome = Outcome.HAS_ALN if has_aln else Outcome.NO_ALN
    current = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if directs_school and (not has_aln or direction_due_on is None or current.setting_id is None):
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)  # the caller checked the domain first
    values: dict[str, Any] = {
        "outcome": outcome.value,
        "reasons": reasons.strip(),
        "decided_on": decided_on,
        "decided_by": actor,
        "duty_exception": "",
    }
    if has_aln and current.stage in (Stage.CLOSED.value, Stage.IDP_DUE.value):
        values |= _preparing_values(
            current,
            directs_school=directs_school,
            direction_due_on=direction_due_on,
            la_clock_starts_on=la_clock_starts_on,
        )
    elif not has_aln:
        values |= _closing_values(current, decided_on)
    before = {"outcome": current.outcome, "deciding_body": current.deciding_body}
    transition = case_la_take(
        actor=actor,
        case=case,
        action=CaseAction.LA_REPLACE_DECISION,
        deciding=outcome,
        changes={
            "outcome": [before["outcome"], outcome.value],
            "decided_on": decided_on.isoformat(),
            "deciding_body": [before["deciding_body"], values.get("deciding_body", "")],
            "idp_preparer": values.get("idp_preparer", ""),
            "idp_due_on": _iso(values.get("idp_due_on")),
        },
        **values,
    )
    if Effect.SWITCH_TO_LA_CLOCK in transition.effects:
        deadlines_settle(
            actor=actor, case=case, rule_ids=list(DECISION_RULE.values()), reason=S26_SOURCE
        )
        if not directs_school:  # a direction states its own date: no statutory clock (T3 n/a)
            deadline_open(
                actor=actor,
                case=case,
                rule_id=DECISION_RULE[DecidingBody.LOCAL_AUTHORITY],
                started_on=la_clock_starts_on,
            )
    if Effect.CLOSE_CLOCKS in transition.effects:
        deadlines_settle(actor=actor, case=case, reason=S26_SOURCE)
    return transition

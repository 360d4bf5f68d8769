"""Appeals to the Education Tribunal for Wales (Act s.70; spec §6.1, T14, T15, T20) and the orders
they lead to.

The LA records what the Tribunal tells it; the law is in `aln.domain.disagreements`:

- `appeal_record`: an appeal against a decision given in a notice on the case (an LA's or an
  FEI's decision, or the LA's answer to a request: `check_appeal`, `appealable`). The appeal
  period starts the day the notice was given; its last day comes from `appeal_last_day`,
  extended by 8 weeks when the matter went to disagreement resolution (s.68) before the original
  period expired (ETW Regs reg 10; T14). A late appeal waits for the President's permission
  (reg 14); one the President refused is not stored.
- The appeal's moves (`appeal_move`): the answer on a late appeal, registration, the hearing,
  the decision (and the last day to apply for a review: `review_last_day`, reg 53; T15), a
  review application, closing and withdrawing. Each checks the version the person saw.
- Orders: recorded after a decision that allows the appeal, with the date the order states
  (`check_order`; T20: no statutory figure), owned by someone at the LA and shown on their home
  page. An order to revise the IDP made before the review period ends counts as that period's
  review (s.23(6)): completing it meets the plan's review deadline.

Every service runs in one transaction, refuses with `ServiceError(code)` leaving nothing changed,
writes an audit event on the appeal, and emails (outbox) an order's new owner without naming the
learner.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from aln.audit.changes import field_changes
from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import ORDER_KIND_LABELS, label
from aln.deadlines.selectors.deadlines import deadline_list_for_case
from aln.deadlines.services.deadlines import deadlines_settle
from aln.disputes.models import Appeal, LaRequest, SupportReferral, TribunalOrder
from aln.disputes.selectors.appeals import (
    appeal_state,
    la_requests_answered_by,
    notices_with_right_of_appeal,
    plan_bodies_for,
    resolution_referrals_for,
    review_last_day_for,
)
from aln.disputes.selectors.requests import acts_for_la
from aln.disputes.selectors.standing import standing_for
from aln.domain.deadlines import DeadlineState
from aln.domain.disagreements import (
    APPEAL_EXTENDED_RULE,
    ORDER_COUNTS_AS_REVIEW,
    ORDER_COUNTS_AS_REVIEW_SOURCE,
    AppealAction,
    AppealDecision,
    AppealError,
    AppealFacts,
    AppealMatter,
    AppealMoveError,
    AppealProblem,
    AppealStage,
    AppealState,
    AppealTransition,
    Appellant,
    LaOutcome,
    OrderKind,
    appeal_last_day,
    appeal_matters,
    appeal_move,
    appeal_period_ends_on,
    appeal_rule,
    appealable,
    check_appeal,
    check_order,
    notice_decided_by,
    orders_may_be_recorded,
)
from aln.domain.notices import NoticeKind
from aln.domain.plans import REVIEW_RULE
from aln.domain.process import (
    MAX_SHORT_TEXT_LENGTH,
    InputError,
    ProcessError,
    check_text,
)
from aln.domain.responsibility import Body
from aln.learners.models import Learner
from aln.notices.models import Notice
from aln.notifications.services import outbox_queue_written

# --- The decisions an appeal can be about (the rules: `aln.domain.disagreements`) ---------------


def _decided_by(notice: Notice, la_request: LaRequest | None, plan_body: str | None) -> Body:
    return notice_decided_by(
        notice.rights or [],
        answers_request=la_request is not None,
        notice_kind=NoticeKind(notice.kind),
        plan_body=plan_body,
        case_body=notice.case.deciding_body,
    )


def appeal_matters_for(
    notice: Notice, la_request: LaRequest | None, decided_by: Body
) -> tuple[AppealMatter, ...]:
    """What the decision in `notice` can be appealed on (`appeal_matters`): the LA answer's
    matters when the notice answers a request to the LA, else the notice kind's."""
    answer = (
        LaOutcome(la_request.outcome) if la_request is not None and la_request.outcome else None
    )
    return appeal_matters(decided_by, NoticeKind(notice.kind), answer)


@dataclass(frozen=True, slots=True)
class AppealPeriod:
    """The time to appeal against a notice (ETW Regs reg 10; spec T14).

    - `ends_on`: the last day of the original 8 weeks; a s.68 referral on or before it extends.
    - `last_day`: the day by which the Tribunal must receive the appeal.
    - `referral`: the earliest referral to disagreement resolution about the notice, if any;
      `extended` says whether it extended the period.
    """

    given_on: datetime.date
    ends_on: datetime.date
    last_day: datetime.date
    extended: bool
    referral: SupportReferral | None


def appeal_period(notice_given_on: datetime.date, referral: SupportReferral | None) -> AppealPeriod:
    """From the domain: `appeal_last_day` and `appeal_rule`. The period is counted in weeks and
    ends on a working day (Monday to Friday except bank holidays in Wales), so no school
    calendar is needed (`appeal_last_day` takes none for a weeks rule), and the rule is not one
    an LA may change: the LA's clock would give the same day."""
    referred_on = referral.referred_on if referral is not None else None
    return AppealPeriod(
        given_on=notice_given_on,
        ends_on=appeal_period_ends_on(notice_given_on),
        last_day=appeal_last_day(notice_given_on, referred_on),
        extended=appeal_rule(notice_given_on, referred_on) == APPEAL_EXTENDED_RULE,
        referral=referral,
    )


@dataclass(frozen=True, slots=True)
class AppealOption:
    """A decision an appeal can be recorded against: its notice, who decided, what can be
    appealed, the request to the LA it answered (if any) and the appeal period."""

    notice: Notice
    decided_by: Body
    la_request: LaRequest | None
    matters: tuple[AppealMatter, ...]
    period: AppealPeriod


def _options(notices: list[Notice]) -> list[AppealOption]:
    requests = la_requests_answered_by(notices)
    bodies = plan_bodies_for({notice.case_id for notice in notices})
    referrals = resolution_referrals_for(notices)
    options = []
    for notice in notices:
        la_request = requests.get(notice.pk)
        decided_by = _decided_by(notice, la_request, bodies.get(notice.case_id))
        options.append(
            AppealOption(
                notice=notice,
                decided_by=decided_by,
                la_request=la_request,
                matters=appeal_matters_for(notice, la_request, decided_by),
                period=appeal_period(notice.given_on, referrals.get(notice.pk)),
            )
        )
    return options


def appeal_options_for(*, actor: Any, learner: Learner) -> list[AppealOption]:
    """The learner's decisions the actor may record an appeal against: notices that carry a
    right of appeal, on cases of an LA the actor acts for, with something to appeal on. A
    constant number of queries."""
    options = _options(notices_with_right_of_appeal(user=actor, learner=learner))
    return [option for option in options if option.matters]


def appeal_option_for(notice: Notice) -> AppealOption:
    """The facts about one notice, whatever its rights (a school's decision included)."""
    return _options([notice])[0]


# --- Recording an appeal ------------------------------------------------------------------------


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field or None)


def _check_la(actor: Any, local_authority_id: Any) -> None:
    if not acts_for_la(user=actor, local_authority_id=local_authority_id):
        raise ServiceError(AppealError.NOT_YOURS)


def _date(
    day: datetime.date | None,
    field: str,
    *,
    not_before: datetime.date | None,
    before_code: StrEnum,
    future_allowed: bool = False,
) -> datetime.date:
    """A required date, not before `not_before` and (unless allowed) not in the future."""
    if day is None:
        raise ServiceError(ProcessError.REQUIRED, field=field)
    if not future_allowed and day > today():
        raise ServiceError(ProcessError.DATE_IN_FUTURE, field=field)
    if not_before is not None and day < not_before:
        raise ServiceError(before_code, field=field)
    return day


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


_PROBLEM_FIELDS = {
    AppealProblem.NO_STANDING: "appellant",
    AppealProblem.NO_MATTERS: "matters",
    AppealProblem.LATE_REFUSED: "late_permission",
}


def _matters(values: Iterable[Any]) -> frozenset[AppealMatter]:
    try:
        return frozenset(AppealMatter(value) for value in values)
    except ValueError as error:
        raise ServiceError(AppealProblem.NOT_APPEALABLE, field="matters") from error


def _check_matters(option: AppealOption, matters: frozenset[AppealMatter]) -> None:
    """Each matter chosen must be one this decision can be appealed on. A body that cannot be
    appealed against at all (a school) is left to `check_appeal`, which says so first."""
    body_appealable = any(appealable(option.decided_by, m) for m in AppealMatter)
    if body_appealable and not matters <= set(option.matters):
        raise ServiceError(AppealProblem.NOT_APPEALABLE, field="matters")


@transaction.atomic
def appeal_record(
    *,
    actor: Any,
    case: Case,
    notice: Notice,
    appellant: Appellant,
    appellant_name: str,
    matters: Iterable[Any],
    received_on: datetime.date | None,
    tribunal_reference: str = "",
    late_permission: bool | None = None,
    notes: str = "",
) -> Appeal:
    """Record an appeal the Tribunal has told the LA about (Act s.70).

    Only someone acting for the case's LA. The decision appealed is `notice`, a notice on
    `case`: an LA's or FEI's decision, or the LA's answer to a request to it (`LaRequest.notice`);
    a maintained school's is refused NOT_APPEALABLE (the family asks the LA first: EN para 73).
    The matters must be ones that decision can be appealed on; the appellant must be able to act
    for the learner on `received_on` (`standing_for`; ss.83-85). The last day is
    `appeal_last_day` from the day the notice was given, extended by the earliest s.68 referral
    about the notice when it was made in time (T14).

    Received after the last day: with `late_permission` None the appeal waits for the
    President's permission (stage late_permission_sought); True, it is lodged; False, it is
    refused LATE_REFUSED and not stored (ETW Regs reg 14).

    Audit events: `dispute.appeal_recorded`, and `dispute.appeal_late_permission_sought` for a
    late appeal waiting for permission (subject: the appeal).
    """
    _check_la(actor, case.local_authority_id)
    if notice.case_id != case.pk:
        raise ServiceError(AppealError.WRONG_NOTICE, field="notice")
    _raise(
        check_text(appellant_name, "appellant_name", limit=MAX_SHORT_TEXT_LENGTH)
        or check_text(tribunal_reference, "tribunal_reference", required=False, limit=60)
        or check_text(notes, "notes", required=False)
    )
    received_on = _date(
        received_on,
        "received_on",
        not_before=notice.given_on,
        before_code=AppealError.RECEIVED_BEFORE_NOTICE,
    )
    chosen = _matters(matters)
    option = appeal_option_for(notice)
    _check_matters(option, chosen)
    standing = standing_for(learner=case.learner, on=received_on)
    problem = check_appeal(
        AppealFacts(
            decided_by=option.decided_by,
            matters=chosen,
            appellant=Appellant(appellant),
            learner_is_young_person=standing.is_young_person,
            child_lacks_capacity=standing.child_lacks_capacity,
            capacity_declared_by_tribunal=standing.capacity_declared_by_tribunal,
            has_case_friend=standing.has_case_friend,
            has_representative=standing.has_representative,
            received_on=received_on,
            last_day=option.period.last_day,
            late_permission=late_permission,
        )
    )
    if problem is AppealProblem.NOT_APPEALABLE:
        body_appealable = any(appealable(option.decided_by, m) for m in AppealMatter)
        raise ServiceError(problem, field="matters" if body_appealable else "notice")
    if problem is not None and problem is not AppealProblem.LATE_NEEDS_PERMISSION:
        raise ServiceError(problem, field=_PROBLEM_FIELDS.get(problem))
    seeking: AppealTransition | None = None
    if problem is AppealProblem.LATE_NEEDS_PERMISSION:
        state = AppealState(AppealStage.LODGED, lodged_late=True, late_permission=None)
        seeking = appeal_move(state, AppealAction.SEEK_LATE_PERMISSION).transition
    stage = seeking.target if seeking is not None else AppealStage.LODGED
    referral = option.period.referral
    if received_on <= option.period.last_day:
        late_permission = None  # in time: there is nothing for the President to permit
    appeal = Appeal.objects.create(
        case=case,
        learner=case.learner,
        local_authority_id=case.local_authority_id,
        notice=notice,
        la_request=option.la_request,
        decided_by=option.decided_by.value,
        appellant=Appellant(appellant).value,
        appellant_name=appellant_name.strip(),
        matters=[m.value for m in AppealMatter if m in chosen],
        notice_given_on=notice.given_on,
        received_on=received_on,
        last_day=option.period.last_day,
        extended=option.period.extended,
        tribunal_reference=tribunal_reference.strip(),
        stage=stage.value,
        late_permission=late_permission,
        notes=notes.strip(),
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="dispute.appeal_recorded",
        subject=appeal,
        local_authority_id=appeal.local_authority_id,
        changes={
            "notice": str(notice.pk),
            "decided_by": appeal.decided_by,
            "appellant": appeal.appellant,
            "matters": appeal.matters,
            "received_on": received_on.isoformat(),
            "last_day": appeal.last_day.isoformat(),
            "extended": appeal.extended,
            "resolution_referral": str(referral.pk) if referral and appeal.extended else None,
            "late_permission": late_permission,
            "stage": appeal.stage,
        },
    )
    if seeking is not None:
        audit_record(
            actor=actor,
            event_type=_event(seeking),
            subject=appeal,
            local_authority_id=appeal.local_authority_id,
            changes={"stage": [AppealStage.LODGED.value, stage.value]},
        )
    return appeal


# --- The appeal's moves -------------------------------------------------------------------------


def _event(transition: AppealTransition) -> str:
    """The audit event type for a move: the domain's event, under `dispute.` (appeal.registered
    becomes dispute.appeal_registered)."""
    return "dispute." + transition.event.replace(".", "_", 1)


_MOVE_ERROR_FIELDS = {
    AppealMoveError.DECISION_REQUIRED: "decision",
    AppealMoveError.DECISION_NEEDS_HEARING: "decision",
}

# What a move saves on the appeal, and the changes its audit event shows.
_Saved = tuple[dict[str, Any], dict[str, Any]]


def _move(
    actor: Any,
    appeal: Appeal,
    version: int,
    action: AppealAction,
    check: Callable[[Appeal], _Saved],
    *,
    decision: AppealDecision | None = None,
    reason: str = "",
) -> Appeal:
    """Every move's steps: lock the appeal; refuse unless the actor acts for its LA, nobody
    changed it since `version` and the domain's table allows the move now (`appeal_move`);
    `check` what was entered against the locked appeal, which gives what to save and the audit
    changes; save them with the transition's stage, only if the version is still the one
    checked; write the transition's audit event."""
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    _check_la(actor, locked.local_authority_id)
    if locked.version != version:
        raise ServiceError(AppealError.CHANGED_BY_SOMEONE_ELSE)
    move = appeal_move(appeal_state(locked), action, decision=decision)
    if move.transition is None:
        error = move.error or AppealMoveError.NOT_ALLOWED_NOW
        raise ServiceError(error, field=_MOVE_ERROR_FIELDS.get(error))
    target = move.transition.target.value
    values, changes = check(locked)
    saved = {**values, "stage": target, "version": version + 1}
    updated = Appeal.objects.filter(pk=locked.pk, version=version).update(
        updated_by=actor, updated_at=timezone.now(), **saved
    )
    if not updated:
        raise ServiceError(AppealError.CHANGED_BY_SOMEONE_ELSE)
    for name, value in saved.items():
        setattr(appeal, name, value)
    if locked.stage != target:
        changes = {"stage": [locked.stage, target], **changes}
    audit_record(
        actor=actor,
        event_type=_event(move.transition),
        subject=locked,
        local_authority_id=locked.local_authority_id,
        changes=changes,
        reason=reason.strip(),
    )
    return appeal


def _since_received(
    day: datetime.date | None, field: str, locked: Appeal, *, tribunal_sets: bool = False
) -> datetime.date:
    """A date on or after the Tribunal received the appeal; in the future only when it is a
    date the Tribunal sets."""
    return _date(
        day,
        field,
        not_before=locked.received_on,
        before_code=AppealError.DATE_BEFORE_RECEIVED,
        future_allowed=tribunal_sets,
    )


@transaction.atomic
def appeal_answer_late_permission(
    *,
    actor: Any,
    appeal: Appeal,
    version: int,
    granted: bool,
    answered_on: datetime.date | None,
) -> Appeal:
    """Record the President's answer on a late appeal (ETW Regs reg 14; T14): accepted, it is
    lodged and may be registered; refused, it is closed that day.

    Audit event: `dispute.appeal_late_permission_granted` or `..._refused`.
    """

    def check(locked: Appeal) -> _Saved:
        day = _since_received(answered_on, "answered_on", locked)
        values = {"late_permission": granted} | ({} if granted else {"closed_on": day})
        return values, {"late_permission": granted, "answered_on": day.isoformat()}

    action = AppealAction.GRANT_LATE_PERMISSION if granted else AppealAction.REFUSE_LATE_PERMISSION
    return _move(actor, appeal, version, action, check)


@transaction.atomic
def appeal_register(
    *,
    actor: Any,
    appeal: Appeal,
    version: int,
    case_statement_due_on: datetime.date | None,
    tribunal_reference: str = "",
) -> Appeal:
    """The Tribunal registered the appeal: case statements are due by the date it set (the spec
    has no rule for it). A late appeal is registered only once permission is recorded.
    The Tribunal's reference may be added or corrected here.

    Audit event: `dispute.appeal_registered`.
    """

    def check(locked: Appeal) -> _Saved:
        due_on = _since_received(
            case_statement_due_on, "case_statement_due_on", locked, tribunal_sets=True
        )
        _raise(check_text(tribunal_reference, "tribunal_reference", required=False, limit=60))
        values: dict[str, Any] = {"case_statement_due_on": due_on}
        changes: dict[str, Any] = {"case_statement_due_on": due_on.isoformat()}
        reference = tribunal_reference.strip()
        if reference and reference != locked.tribunal_reference:
            values["tribunal_reference"] = reference
            changes["tribunal_reference"] = [locked.tribunal_reference, reference]
        return values, changes

    return _move(actor, appeal, version, AppealAction.REGISTER, check)


@transaction.atomic
def appeal_list_hearing(
    *, actor: Any, appeal: Appeal, version: int, hearing_on: datetime.date | None
) -> Appeal:
    """The Tribunal listed the hearing for `hearing_on` (a date it sets).

    Audit event: `dispute.appeal_hearing_listed`.
    """

    def check(locked: Appeal) -> _Saved:
        day = _since_received(hearing_on, "hearing_on", locked, tribunal_sets=True)
        return {"hearing_on": day}, {"hearing_on": day.isoformat()}

    return _move(actor, appeal, version, AppealAction.LIST_HEARING, check)


@transaction.atomic
def appeal_decide(
    *,
    actor: Any,
    appeal: Appeal,
    version: int,
    decision: AppealDecision | None,
    summary: str,
    decided_on: datetime.date | None,
    decision_sent_on: datetime.date | None,
) -> Appeal:
    """Record the Tribunal's decision. A concession or a strike-out may come before a hearing is
    listed; any other decision follows a hearing (`appeal_move`). The day the decision was sent
    to the parties starts the 28 days to apply for a review (`review_last_day`; ETW Regs reg 53;
    T15).

    Audit event: `dispute.appeal_decided` (with the last day to apply for a review).
    """

    def check(locked: Appeal) -> _Saved:
        _raise(check_text(summary, "decision_summary"))
        decided = _since_received(decided_on, "decided_on", locked)
        sent_on = _date(
            decision_sent_on,
            "decision_sent_on",
            not_before=decided,
            before_code=AppealError.SENT_BEFORE_DECIDED,
        )
        assert decision is not None  # noqa: S101 (`appeal_move` refuses a move without one)
        chosen = AppealDecision(decision).value
        dates = {"decided_on": decided, "decision_sent_on": sent_on}
        return {"decision": chosen, "decision_summary": summary.strip(), **dates}, {
            "decision": chosen,
            **{name: day.isoformat() for name, day in dates.items()},
            "review_last_day": _iso(
                review_last_day_for(local_authority_id=locked.local_authority_id, sent_on=sent_on)
            ),
        }

    return _move(actor, appeal, version, AppealAction.DECIDE, check, decision=decision)


@transaction.atomic
def appeal_record_review_application(
    *, actor: Any, appeal: Appeal, version: int, applied_on: datetime.date | None
) -> Appeal:
    """A party applied for the Tribunal to review its decision (ETW Regs reg 53). The 28 days are
    the Tribunal's to enforce: an application after the last day is recorded, and the audit
    event says it was late.

    Audit event: `dispute.appeal_review_applied_for`.
    """

    def check(locked: Appeal) -> _Saved:
        sent_on = locked.decision_sent_on
        day = _date(
            applied_on,
            "review_applied_on",
            not_before=sent_on,
            before_code=AppealError.APPLIED_BEFORE_SENT,
        )
        last_day = (
            review_last_day_for(local_authority_id=locked.local_authority_id, sent_on=sent_on)
            if sent_on
            else None
        )
        return {"review_applied_on": day}, {
            "review_applied_on": [_iso(locked.review_applied_on), day.isoformat()],
            "review_last_day": _iso(last_day),
            "in_time": last_day is None or day <= last_day,
        }

    return _move(actor, appeal, version, AppealAction.RECORD_REVIEW_APPLICATION, check)


@transaction.atomic
def appeal_close(
    *, actor: Any, appeal: Appeal, version: int, closed_on: datetime.date | None, notes: str = ""
) -> Appeal:
    """Close a decided appeal (its orders are followed up on their own pages).

    Audit event: `dispute.appeal_closed` (the notes as the reason).
    """

    def check(locked: Appeal) -> _Saved:
        _raise(check_text(notes, "notes", required=False))
        day = _date(
            closed_on,
            "closed_on",
            not_before=locked.decided_on,
            before_code=AppealError.CLOSED_BEFORE_DECIDED,
        )
        return {"closed_on": day}, {"closed_on": day.isoformat()}

    return _move(actor, appeal, version, AppealAction.CLOSE, check, reason=notes)


@transaction.atomic
def appeal_withdraw(
    *,
    actor: Any,
    appeal: Appeal,
    version: int,
    withdrawn_on: datetime.date | None,
    reasons: str = "",
) -> Appeal:
    """The appellant withdrew the appeal (at any open stage): it closes that day, with the
    reasons given kept on it.

    Audit event: `dispute.appeal_withdrawn` (the reasons as the reason).
    """

    def check(locked: Appeal) -> _Saved:
        _raise(check_text(reasons, "reasons", required=False))
        day = _since_received(withdrawn_on, "withdrawn_on", locked)
        values = {"closed_on": day, "withdrawal_reasons": reasons.strip()}
        return values, {"withdrawn_on": day.isoformat()}

    return _move(actor, appeal, version, AppealAction.WITHDRAW, check, reason=reasons)


# --- Orders -------------------------------------------------------------------------------------


def order_may_be_recorded(appeal: Appeal) -> bool:
    """Whether orders may be recorded on the appeal now (`orders_may_be_recorded`)."""
    decision = AppealDecision(appeal.decision) if appeal.decision else None
    return orders_may_be_recorded(AppealStage(appeal.stage), decision)


def _check_owner(owner: Any, appeal: Appeal) -> None:
    if not acts_for_la(user=owner, local_authority_id=appeal.local_authority_id):
        raise ServiceError(AppealError.OWNER_NOT_ALLOWED, field="owner")


def _audit_order(actor: Any, order: TribunalOrder, event: str, reason: str = "", **changes) -> None:
    audit_record(
        actor=actor,
        event_type=event,
        subject=order.appeal,
        local_authority_id=order.appeal.local_authority_id,
        changes={"order": str(order.pk), **changes},
        reason=reason,
    )


def _tell_owner(order: TribunalOrder, owner: Any) -> None:
    """Email the order's new owner (outbox), in their language. The email does not name the
    learner: it says what was ordered and by when, and links to the order."""
    if not owner.email:
        return
    url = settings.SITE_URL.rstrip("/") + reverse("disputes:order", kwargs={"order_id": order.pk})
    outbox_queue_written(
        contacts=[(owner.email, owner.preferred_language)],
        dedupe_key=f"tribunal-order:{order.pk}:{owner.pk}:{order.version}",
        template="disputes/order_email",
        values=lambda: {
            "kind": label(ORDER_KIND_LABELS, order.kind),
            "comply_by": date_format(order.comply_by, "j F Y"),
            "reference": order.appeal.tribunal_reference,
            "url": url,
        },
    )


@transaction.atomic
def order_record(
    *,
    actor: Any,
    appeal: Appeal,
    kind: OrderKind,
    details: str,
    made_on: datetime.date | None,
    comply_by: datetime.date | None,
    owner: Any = None,
) -> TribunalOrder:
    """Record what the Tribunal ordered, with the date the order states to comply by (T20: the
    time to comply is UNVERIFIED, so it is never computed: `check_order`). Only after a decision
    that allows the appeal (`ORDERING_DECISIONS`), by someone acting for the LA. The owner (the
    person recording it, unless another of the LA's deciders is chosen) sees it on their home
    page and is emailed when it is someone else.

    Audit event: `dispute.order_recorded` (subject: the appeal).
    """
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    _check_la(actor, locked.local_authority_id)
    if not order_may_be_recorded(locked):
        raise ServiceError(AppealError.ORDER_NOT_ALLOWED)
    _raise(check_text(details, "details"))
    made_on = _date(
        made_on,
        "made_on",
        not_before=locked.decided_on,
        before_code=AppealError.ORDER_BEFORE_DECISION,
    )
    problem = check_order(made_on=made_on, comply_by=comply_by)
    if problem is not None:
        raise ServiceError(problem, field="comply_by")
    assert comply_by is not None  # noqa: S101 (checked by check_order)
    owner = owner or actor
    _check_owner(owner, locked)
    order = TribunalOrder.objects.create(
        appeal=locked,
        kind=OrderKind(kind).value,
        details=details.strip(),
        made_on=made_on,
        comply_by=comply_by,
        owner=owner,
        created_by=actor,
        updated_by=actor,
    )
    _audit_order(
        actor,
        order,
        "dispute.order_recorded",
        kind=order.kind,
        made_on=made_on.isoformat(),
        comply_by=comply_by.isoformat(),
        owner=owner.full_name,
    )
    if owner.pk != getattr(actor, "pk", None):
        _tell_owner(order, owner)
    return order


def _locked_open_order(actor: Any, order: TribunalOrder, version: int) -> TribunalOrder:
    locked = (
        TribunalOrder.objects.select_for_update(of=("self",))
        .select_related("appeal", "owner")
        .get(pk=order.pk)
    )
    _check_la(actor, locked.appeal.local_authority_id)
    if locked.completed_on is not None:
        raise ServiceError(AppealError.ORDER_ALREADY_COMPLETE)
    if locked.version != version:
        raise ServiceError(AppealError.ORDER_CHANGED_BY_SOMEONE_ELSE)
    return locked


def _save_order(actor: Any, order: TribunalOrder, locked: TribunalOrder, **values: Any) -> None:
    updated = TribunalOrder.objects.filter(pk=locked.pk, version=locked.version).update(
        version=locked.version + 1, updated_by=actor, updated_at=timezone.now(), **values
    )
    if not updated:
        raise ServiceError(AppealError.ORDER_CHANGED_BY_SOMEONE_ELSE)
    for name, value in {**values, "version": locked.version + 1}.items():
        setattr(order, name, value)
        setattr(locked, name, value)


@transaction.atomic
def order_assign(*, actor: Any, order: TribunalOrder, version: int, owner: Any) -> TribunalOrder:
    """Give an order that is not yet complied with to another of the LA's deciders; they are
    emailed.

    Audit event: `dispute.order_assigned`, with the owner before and after (user ids).
    """
    locked = _locked_open_order(actor, order, version)
    if owner is None:
        raise ServiceError(ProcessError.REQUIRED, field="owner")
    _check_owner(owner, locked.appeal)
    changes: dict[str, Any] = field_changes(locked, {"owner": owner}, ("owner",))
    _save_order(actor, order, locked, owner=owner)
    _audit_order(actor, locked, "dispute.order_assigned", **changes)
    if owner.pk != getattr(actor, "pk", None):
        _tell_owner(locked, owner)
    return order


def _meet_review(actor: Any, order: TribunalOrder) -> Any:
    """An order to revise the plan made before the review period ends counts as that period's
    review (Act s.23(6); spec T11): the period's `idp-review` deadline is met on the day the
    order was made. Returns the deadline met, or None (no plan, or the period the order fell in
    has already been settled, for example by giving the revised plan)."""
    made_on = order.made_on
    deadline = (
        deadline_list_for_case(user=actor, case_id=order.appeal.case_id)
        .filter(
            rule_id=REVIEW_RULE,
            state=DeadlineState.OPEN.value,
            started_on__lte=made_on,
            due_on__gte=made_on,
        )
        .first()
    )
    if deadline is None:
        return None
    deadlines_settle(
        actor=actor,
        case=order.appeal.case,
        deadline_ids=[deadline.pk],
        met_on=made_on,
        reason=ORDER_COUNTS_AS_REVIEW_SOURCE,
    )
    return deadline


@transaction.atomic
def order_complete(
    *,
    actor: Any,
    order: TribunalOrder,
    version: int,
    completed_on: datetime.date | None,
    notes: str = "",
) -> TribunalOrder:
    """Record that the order was complied with on `completed_on`. An order to revise the IDP
    (`ORDER_COUNTS_AS_REVIEW`) made within the plan's review period counts as its review
    (s.23(6)): that review deadline is met on the day the order was made (`deadline.met`).

    Audit event: `dispute.order_completed` (with the review deadline met, if one was).
    """
    locked = _locked_open_order(actor, order, version)
    _raise(check_text(notes, "notes", required=False))
    completed_on = _date(
        completed_on,
        "completed_on",
        not_before=locked.made_on,
        before_code=AppealError.COMPLETED_BEFORE_ORDER,
    )
    _save_order(actor, order, locked, completed_on=completed_on, completion_notes=notes.strip())
    review = None
    if OrderKind(locked.kind) in ORDER_COUNTS_AS_REVIEW:
        review = _meet_review(actor, locked)
    _audit_order(
        actor,
        locked,
        "dispute.order_completed",
        reason=notes.strip(),
        completed_on=completed_on.isoformat(),
        comply_by=locked.comply_by.isoformat(),
        review_deadline_met=str(review.pk) if review is not None else None,
    )
    return order

"""Requests to the LA about a maintained school's decision or plan (Act ss.26, 27, 28, 32; spec
§6.1): recording one, telling the other side and recording its representations (ss.26(3),
27(3), 28(4)-(5); spec §5), recording that the duty to answer does not apply (s.29), and
withdrawing one. The LA's answer, its notice and its effects are `aln.disputes.services.outcomes`.

Every rule is `aln.domain.disagreements`: a request the law refuses (no standing, nothing to
challenge, not a school's decision, the s.32 window closed, one already open) is never stored
(ADR 0013), and who may do what on a stored request is `check_request_move`. A stored request
starts the LA's clock: an ordinary `Deadline` on the case, the LA's alone (no setting), linked
one-to-one from the request; it stays open until the LA answers, records a s.29 exception or the
request is withdrawn (`REQUEST_DEADLINE_RULES`).
"""

import datetime
from collections.abc import Iterable
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
from aln.common.i18n import ROUTE_LABELS, label
from aln.deadlines.services.deadlines import deadline_open, deadlines_settle
from aln.disputes.models import LaRequest, RequestStatus
from aln.disputes.selectors.requests import (
    Subject,
    acts_for_la,
    acts_for_setting,
    family_contacts,
    family_requester_for,
    has_open_request,
    la_case_owner,
    la_decider_contacts,
    request_parts_for,
    request_subject,
    setting_decider_contacts,
)
from aln.disputes.selectors.standing import standing_for
from aln.domain.disagreements import (
    EXCEPTION_RULES,
    ROUTE_RULES,
    DutyException,
    ExceptionProblem,
    MoveFacts,
    Requester,
    RequestError,
    RequestFacts,
    RequestMove,
    RequestProblem,
    Route,
    check_exception,
    check_request,
    check_request_move,
    invited_to_make_representations,
)
from aln.domain.process import MAX_SHORT_TEXT_LENGTH, InputError, check_date, check_text
from aln.notifications.services import outbox_queue_written


class RequestRefusedError(ServiceError):
    """A request the law refuses. For WINDOW_CLOSED, `closed_on` is the last day it could have
    been made (Regs reg 12): the page says "the time to ask ended on ..."."""

    def __init__(
        self, code: RequestProblem, field: str | None = None, closed_on: datetime.date | None = None
    ):
        super().__init__(code, field=field)
        self.closed_on = closed_on


# Where each refusal is shown on the request form.
PROBLEM_FIELDS = {
    RequestProblem.NO_STANDING: "requester",
    RequestProblem.NO_DECISION: "route",
    RequestProblem.NOT_A_SCHOOL_DECISION: "route",
    RequestProblem.WINDOW_CLOSED: "received_on",
    RequestProblem.ALREADY_OPEN: "route",
}

_EXCEPTION_FIELDS = {
    ExceptionProblem.NOT_FOR_THIS_ROUTE: "exception",
    ExceptionProblem.REASONS_REQUIRED: "reasons",
}


# --- What may be done on a request now (the rule: `check_request_move`) ------------------------


def request_invitees(la_request: LaRequest, on: datetime.date) -> frozenset[Requester]:
    """Who the LA must inform and invite to make representations (two queries: standing)."""
    standing = standing_for(learner=la_request.learner, on=on)
    return invited_to_make_representations(
        Route(la_request.route),
        Requester(la_request.requester),
        learner_is_young_person=standing.is_young_person,
    )


def move_facts(la_request: LaRequest, on: datetime.date) -> MoveFacts:
    """What `check_request_move` needs about the request (two queries: standing)."""
    return MoveFacts(
        is_open=la_request.status == RequestStatus.OPEN,
        route=Route(la_request.route),
        invited_on=la_request.representations_invited_on,
        invitees=request_invitees(la_request, on),
    )


# --- Helpers -----------------------------------------------------------------------------------


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field or None)


def _check_day(
    day: datetime.date | None, field: str, not_before: datetime.date | None, code: RequestError
) -> datetime.date:
    """A date that has happened, not before `not_before`."""
    _raise(check_date(day, field, today=today()))
    assert day is not None  # noqa: S101 (checked above)
    if not_before is not None and day < not_before:
        raise ServiceError(code, field=field)
    return day


def la_request_lock(la_request: LaRequest, version: int) -> LaRequest:
    """The request, locked, as long as nobody changed it since `version` was read."""
    locked = (
        LaRequest.objects.select_for_update(of=("self",))
        .select_related("learner", "case")
        .get(pk=la_request.pk)
    )
    if locked.version != version:
        raise ServiceError(RequestError.CHANGED_BY_SOMEONE_ELSE)
    return locked


def _check_move(actor: Any, locked: LaRequest, move: RequestMove, on: datetime.date) -> None:
    error = check_request_move(
        move, move_facts(locked, on), request_parts_for(user=actor, la_request=locked)
    )
    if error is not None:
        raise ServiceError(error)


def _save(la_request: LaRequest, locked: LaRequest, actor: Any, **values: Any) -> None:
    """Write `values` and the next version (the row is locked), and mirror them on the caller's
    object."""
    values = {**values, "version": locked.version + 1}
    LaRequest.objects.filter(pk=locked.pk).update(
        updated_by=actor, updated_at=timezone.now(), **values
    )
    for name, value in values.items():
        setattr(la_request, name, value)
        setattr(locked, name, value)


def _audit(actor: Any, la_request: LaRequest, event: str, reason: str = "", **changes: Any) -> None:
    audit_record(
        actor=actor,
        event_type=event,
        subject=la_request,
        local_authority_id=la_request.local_authority_id,
        changes=changes,
        reason=reason,
    )


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _email(
    la_request: LaRequest,
    contacts: Iterable[tuple[str, str]],
    *,
    kind: str,
    values: dict[str, Any],
) -> None:
    """Email each contact in their language (outbox), never naming the learner: the request's
    case reference and a link to the request page, for those who may open it."""
    url = settings.SITE_URL.rstrip("/") + reverse(
        "disputes:request", kwargs={"la_request_id": la_request.pk}
    )
    outbox_queue_written(
        contacts=contacts,
        dedupe_key=f"la-request-{kind}:{la_request.pk}",
        template=f"disputes/request_email_{kind}",
        values=lambda: {
            "reference": la_request.case.reference,
            "route": label(ROUTE_LABELS, la_request.route),
            "received_on": date_format(la_request.received_on, "j F Y"),
            "url": url,
            **{
                name: date_format(value, "j F Y") if isinstance(value, datetime.date) else value
                for name, value in values.items()
            },
        },
    )


# --- Making a request ------------------------------------------------------------------------


def _check_who(
    actor: Any,
    subject: Subject,
    requester: Requester,
    requested_by: Any,
    received_on: datetime.date | None,
) -> None:
    """LA staff record requests received by post or email for anyone; a family member asks
    online as who they are to the learner; a school's or FEI's deciders ask for a take-over as
    its governing body (s.28(2))."""
    case = subject.case
    if requested_by is None:
        if not acts_for_la(actor, case.local_authority_id):
            raise ServiceError(RequestError.ONLY_LA_RECORDS)
        return
    if requested_by.pk != actor.pk:
        raise ServiceError(RequestError.NOT_YOURS)
    if requester is Requester.GOVERNING_BODY:
        setting_id = subject.setting.pk if subject.setting is not None else None
        if not acts_for_setting(actor, setting_id):
            raise ServiceError(RequestProblem.NO_STANDING, field="requester")
        return
    on = received_on or today()
    if family_requester_for(user=actor, learner=case.learner, on=on) is not requester:
        raise ServiceError(RequestError.NOT_YOURS)


def _check_request(subject: Subject, requester: Requester, received_on: datetime.date) -> None:
    learner = subject.case.learner
    standing = standing_for(learner=learner, on=received_on)
    problem = check_request(
        RequestFacts(
            route=subject.route,
            requester=requester,
            learner_is_young_person=standing.is_young_person,
            child_lacks_capacity=standing.child_lacks_capacity,
            capacity_declared_by_tribunal=standing.capacity_declared_by_tribunal,
            has_case_friend=standing.has_case_friend,
            has_representative=standing.has_representative,
            decided_by=subject.decided_by,
            decision_exists=subject.decision_exists,
            plan_maintained=subject.plan_maintained,
            cease_decided=subject.cease_decided,
            school_decision_replaced=subject.school_decision_replaced,
            received_on=received_on,
            reconsideration_closes_on=subject.reconsideration_closes_on,
            open_same_route=has_open_request(case=subject.case, route=subject.route),
        )
    )
    if problem is not None:
        closed_on = (
            subject.reconsideration_closes_on if problem is RequestProblem.WINDOW_CLOSED else None
        )
        raise RequestRefusedError(problem, field=PROBLEM_FIELDS[problem], closed_on=closed_on)


@transaction.atomic
def la_request_record(
    *,
    actor: Any,
    case: Case,
    route: Route,
    requester: Requester,
    requester_name: str,
    received_on: datetime.date | None,
    details: str,
    requested_by: Any = None,
) -> LaRequest:
    """Record a request to the LA about `case`'s decision or plan (spec §6.1).

    - LA deciders record a request received by post or email (`requested_by` None), choosing
      who asked and the date it arrived (not in the future, not before the decision or plan).
    - A family member signed in asks online (`requested_by` is them, `requester` who they are to
      the learner, `received_on` today); a school's or FEI's deciders ask for a take-over as its
      governing body (s.28(2)).

    Refused with `ServiceError` (`RequestRefusedError` for the law's refusals, with the date the
    s.32 window closed) and nothing stored: who is asking, the inputs, then every `check_request`
    problem. Otherwise the request is open, the LA's clock starts on `received_on` under the
    route's rule (owned by the case's owner if they work for the LA; no setting: the LA's duty
    alone), and the LA's deciders are emailed (outbox, no learner name) except the person
    recording it.

    Audit events: `deadline.opened`, `dispute.request_recorded`.
    """
    route, requester = Route(route), Requester(requester)
    subject = request_subject(case=case, route=route)
    _check_who(actor, subject, requester, requested_by, received_on)
    _raise(
        check_text(details, "details")
        or check_text(requester_name, "requester_name", limit=MAX_SHORT_TEXT_LENGTH)
    )
    received_on = _check_day(
        received_on, "received_on", subject.decided_on, RequestError.BEFORE_DECISION
    )
    _check_request(subject, requester, received_on)
    deadline = deadline_open(
        actor=actor,
        case=case,
        rule_id=ROUTE_RULES[route].deadline_rule,
        started_on=received_on,
        owner=la_case_owner(case),
        la_duty=True,
    )
    la_request = LaRequest.objects.create(
        case=case,
        learner=case.learner,
        local_authority_id=case.local_authority_id,
        setting=subject.setting,
        route=route.value,
        requester=requester.value,
        requester_name=requester_name.strip(),
        requested_by=requested_by,
        received_on=received_on,
        details=details.strip(),
        deadline=deadline,
        created_by=actor,
        updated_by=actor,
    )
    _audit(
        actor,
        la_request,
        "dispute.request_recorded",
        route=route.value,
        requester=requester.value,
        received_on=received_on.isoformat(),
        online=requested_by is not None,
        case=case.reference,
        deadline=str(deadline.pk),
        due_on=_iso(deadline.due_on),
    )
    _email(
        la_request,
        la_decider_contacts(case.local_authority_id, exclude_user_id=actor.pk),
        kind="received",
        values={"due_on": deadline.due_on or "", "online": requested_by is not None},
    )
    return la_request


# --- Representations ---------------------------------------------------------------------------


@transaction.atomic
def la_request_invite_representations(
    *, actor: Any, la_request: LaRequest, version: int, invited_on: datetime.date | None
) -> LaRequest:
    """Record that the LA told the other side of the request and invited its representations
    (spec §5: ss.26(3), 27(3), 28(5) the governing body; s.28(4) the young person, or the child
    and the parent, when the governing body asked; `invited_to_make_representations`).

    LA deciders only, once, on an open request whose route names someone (not s.32). The
    governing body's deciders are emailed, or the family members with an email address (a case
    friend or representative too), with a link to the request page and no learner name.

    Audit event: `dispute.representations_invited`.
    """
    locked = la_request_lock(la_request, version)
    _check_move(actor, locked, RequestMove.INVITE, today())
    invited_on = _check_day(
        invited_on, "invited_on", locked.received_on, RequestError.BEFORE_RECEIVED
    )
    standing = standing_for(learner=locked.learner, on=invited_on)
    invitees = invited_to_make_representations(
        Route(locked.route),
        Requester(locked.requester),
        learner_is_young_person=standing.is_young_person,
    )
    _save(la_request, locked, actor, representations_invited_on=invited_on)
    _audit(
        actor,
        locked,
        "dispute.representations_invited",
        invited_on=invited_on.isoformat(),
        invited=sorted(invitee.value for invitee in invitees),
    )
    if Requester.GOVERNING_BODY in invitees:
        contacts = setting_decider_contacts(locked.setting_id)
    else:
        contacts = family_contacts(learner=locked.learner, invited=invitees, standing=standing)
    _email(
        locked,
        contacts,
        kind="invite",
        values={"to_family": Requester.GOVERNING_BODY not in invitees},
    )
    return la_request


@transaction.atomic
def la_request_record_representations(
    *,
    actor: Any,
    la_request: LaRequest,
    version: int,
    received_on: datetime.date | None,
    representations: str,
) -> LaRequest:
    """Record the representations made about an open request (spec §5 rows ss.26(3), 27(3),
    28(4)-(5)): the invited side sends its own (the school's deciders, or the family when the
    governing body asked), LA deciders record what arrived on paper. Recording again replaces
    the text; the audit event keeps what it said before.

    Audit event: `dispute.representations_recorded`, with the text and date that changed,
    before and after.
    """
    locked = la_request_lock(la_request, version)
    _check_move(actor, locked, RequestMove.REPRESENTATIONS, today())
    _raise(check_text(representations, "representations"))
    received_on = _check_day(
        received_on, "received_on", locked.received_on, RequestError.BEFORE_RECEIVED
    )
    values = {
        "representations": representations.strip(),
        "representations_received_on": received_on,
    }
    changes: dict[str, Any] = field_changes(locked, values, values)
    _save(la_request, locked, actor, **values)
    _audit(actor, locked, "dispute.representations_recorded", **changes)
    return la_request


# --- The duty does not apply (s.29) ------------------------------------------------------------


@transaction.atomic
def la_request_record_exception(
    *,
    actor: Any,
    la_request: LaRequest,
    version: int,
    exception: DutyException,
    reasons: str,
    decided_on: datetime.date | None,
) -> LaRequest:
    """Record that the LA's duty to answer does not apply (Act s.29; exceptions UNVERIFIED,
    spec §6.1), with the reasons (`check_exception`). LA deciders only, on an open request.

    The request closes with status "exception"; the LA's clock is met on `decided_on` (the LA
    has answered: the duty does not apply). The letter telling the family is given separately
    (`la_request_exception_notice`, Part A2): `notice` stays empty here.

    Audit events: `deadline.met`, `dispute.exception_recorded`.
    """
    locked = la_request_lock(la_request, version)
    _check_move(actor, locked, RequestMove.EXCEPTION, today())
    exception = DutyException(exception)
    problem = check_exception(Route(locked.route), exception, reasons)
    if problem is not None:
        raise ServiceError(problem, field=_EXCEPTION_FIELDS[problem])
    _raise(check_text(reasons, "reasons"))
    decided_on = _check_day(
        decided_on, "decided_on", locked.received_on, RequestError.BEFORE_RECEIVED
    )
    _save(
        la_request,
        locked,
        actor,
        status=RequestStatus.EXCEPTION.value,
        duty_exception=exception.value,
        exception_reasons=reasons.strip(),
        decided_on=decided_on,
        decided_by=actor,
        closed_on=decided_on,
    )
    if locked.deadline_id is not None:
        deadlines_settle(
            actor=actor,
            case=locked.case,
            deadline_ids=[locked.deadline_id],
            met_on=decided_on,
            reason=EXCEPTION_RULES[exception].source,
        )
    _audit(
        actor,
        locked,
        "dispute.exception_recorded",
        reason=reasons.strip(),
        exception=exception.value,
        decided_on=decided_on.isoformat(),
        status=[RequestStatus.OPEN.value, RequestStatus.EXCEPTION.value],
    )
    return la_request


# --- Withdrawing ---------------------------------------------------------------------------


@transaction.atomic
def la_request_withdraw(
    *,
    actor: Any,
    la_request: LaRequest,
    version: int,
    withdrawn_on: datetime.date | None,
    reasons: str,
) -> LaRequest:
    """Withdraw an open request: by whoever sent it online, or by LA deciders on the
    requester's word. The LA's clock closes (the duty fell away: not "met"). The reasons, which
    may be empty, are kept on the request (`withdrawal_reasons`) and in the audit event.

    Audit events: `deadline.closed`, `dispute.request_withdrawn`.
    """
    locked = la_request_lock(la_request, version)
    _check_move(actor, locked, RequestMove.WITHDRAW, today())
    _raise(check_text(reasons, "reasons", required=False))
    withdrawn_on = _check_day(
        withdrawn_on, "withdrawn_on", locked.received_on, RequestError.BEFORE_RECEIVED
    )
    _save(
        la_request,
        locked,
        actor,
        status=RequestStatus.WITHDRAWN.value,
        closed_on=withdrawn_on,
        withdrawal_reasons=reasons.strip(),
    )
    if locked.deadline_id is not None:
        deadlines_settle(
            actor=actor,
            case=locked.case,
            deadline_ids=[locked.deadline_id],
            reason="Request to the local authority withdrawn",
        )
    _audit(
        actor,
        locked,
        "dispute.request_withdrawn",
        reason=reasons.strip(),
        withdrawn_on=withdrawn_on.isoformat(),
        status=[RequestStatus.OPEN.value, RequestStatus.WITHDRAWN.value],
    )
    return la_request

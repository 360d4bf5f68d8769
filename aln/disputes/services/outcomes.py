"""The LA's answer to a request about a school's decision or plan (Act ss.26-28, 32; spec §5,
§6.1; ADR 0013), its notice and its effects on the case and the plan; and the letter that tells
the family the LA will not reconsider (s.29).

Every rule is `aln.domain.disagreements`: which answers fit which route (`outcomes_for`,
`check_outcome`), what each answer does (`outcome_effects`), whom it is told to
(`outcome_recipients`), what it gives a right of appeal about (`OUTCOME_RULES`). The effects are
carried out by the services of the apps that own the records: the case
(`aln.cases.services.reconsidering`) and the plan (`aln.idps.services.reconsidering`), which move
the case as the LA answering a request (`Party.RECONSIDERING_LA`).
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.cases.services.deciding import notice_addressees
from aln.cases.services.reconsidering import case_la_replace_decision
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.models import Deadline
from aln.deadlines.services.deadlines import deadline_meet
from aln.disputes.models import LaRequest, RequestStatus
from aln.disputes.selectors.requests import acts_for_la, setting_decider_contacts
from aln.disputes.selectors.standing import Standing, standing_for
from aln.domain.deadlines import DeadlineState
from aln.domain.disagreements import (
    APPEAL_RULE,
    OUTCOME_RULES,
    LaOutcome,
    OutcomeEffect,
    OutcomeError,
    OutcomeProblem,
    RequestError,
    Route,
    check_outcome,
    outcome_effects,
    outcome_recipients,
)
from aln.domain.notices import (
    DeliveryMethod,
    NoticeKind,
    NoticeLanguage,
    Recipient,
    Right,
    notice_recipients,
    notice_rights,
)
from aln.domain.plans import REVIEW_RULE
from aln.domain.process import (
    InputError,
    Outcome,
    ProcessError,
    Stage,
    check_date,
    check_text,
)
from aln.idps.models import Idp
from aln.idps.services.reconsidering import (
    idp_continue,
    idp_end_by_la_decision,
    idp_follow_preparer,
    idp_la_no_revision,
    idp_la_prepare_revision,
    idp_la_take_over,
)
from aln.notices.content import NoticeContent
from aln.notices.models import Notice
from aln.notices.selectors import contact_of, providers_for_notice
from aln.notices.services import notice_issue
from aln.notifications.services import outbox_queue_written

# Where each refusal is shown on the answer form.
OUTCOME_FIELDS = {
    OutcomeProblem.NOT_FOR_THIS_ROUTE: "outcome",
    OutcomeProblem.HAS_ALN_REQUIRED: "has_aln",
    OutcomeProblem.DIRECTION_NEEDS_ALN: "directs_school",
    OutcomeProblem.REASONS_REQUIRED: "reasons",
    OutcomeProblem.NOT_THE_SCHOOLS_DECISION: "outcome",
}

# The letter each answer is given in (spec §5). The LA's s.26 decision is a decision notice
# ("has ALN" / "no ALN", treated as a s.13 decision: EN para 75); its s.27(4) refusal to revise
# is a "no revision" notice, given by the LA (so appealable, s.70).
_NOTICE_KIND: dict[LaOutcome, NoticeKind] = {
    LaOutcome.NO_REVISION: NoticeKind.NO_REVISION,
    LaOutcome.REVISED_SCHOOL_TO_MAINTAIN: NoticeKind.REVISION_DECIDED,
    LaOutcome.REVISED_AND_TAKEN_OVER: NoticeKind.REVISION_DECIDED,
    LaOutcome.TAKEN_OVER: NoticeKind.TAKE_OVER_AGREED,
    LaOutcome.TAKE_OVER_REFUSED: NoticeKind.TAKE_OVER_REFUSED,
    LaOutcome.CEASING_CONFIRMED: NoticeKind.CEASE_CONFIRMED,
    LaOutcome.CEASING_REVERSED: NoticeKind.CEASE_REVERSED,
}

# The routes whose answer is about a plan that must exist (s.27, s.28, s.32).
_PLAN_ROUTES = frozenset({Route.RECONSIDER_IDP, Route.TAKE_OVER_IDP, Route.RECONSIDER_CEASING})


def notice_kind_for(outcome: LaOutcome, *, has_aln: bool) -> NoticeKind:
    """The letter that gives the LA's answer."""
    if OUTCOME_RULES[outcome].replaces_school_decision:
        return NoticeKind.HAS_ALN if has_aln else NoticeKind.NO_ALN
    return _NOTICE_KIND[outcome]


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field or None)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _lock(la_request: LaRequest, version: int | None) -> LaRequest:
    locked = (
        LaRequest.objects.select_for_update(of=("self",))
        .select_related("case", "learner", "local_authority", "setting", "deadline")
        .get(pk=la_request.pk)
    )
    if version is not None and locked.version != version:
        raise ServiceError(RequestError.CHANGED_BY_SOMEONE_ELSE)
    return locked


def _save(la_request: LaRequest, locked: LaRequest, actor: Any, **values: Any) -> None:
    """Write `values` with the next version, and mirror them on the caller's object."""
    values = {**values, "version": locked.version + 1}
    LaRequest.objects.filter(pk=locked.pk).update(
        updated_by=actor, updated_at=timezone.now(), **values
    )
    for name, value in values.items():
        setattr(la_request, name, value)
        setattr(locked, name, value)


def _check_answer(
    locked: LaRequest,
    outcome: LaOutcome,
    *,
    reasons: str,
    has_aln: bool | None,
    directs_school: bool,
    direction_due_on: datetime.date | None,
    decided_on: datetime.date | None,
    given_on: datetime.date | None,
) -> None:
    """What the domain asks of the answer, then the dates (in the form's order)."""
    school_outcome = locked.case.outcome
    problem = check_outcome(
        Route(locked.route),
        outcome,
        has_aln=has_aln,
        directs_school=directs_school,
        reasons=reasons,
        school_outcome=Outcome(school_outcome) if school_outcome else None,
    )
    if problem is not None:
        raise ServiceError(problem, field=OUTCOME_FIELDS[problem])
    _raise(
        check_text(reasons, "reasons")
        or check_date(
            decided_on,
            "decided_on",
            today=today(),
            not_before=locked.received_on,
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
    if directs_school:
        if direction_due_on is None:
            raise ServiceError(ProcessError.REQUIRED, field="direction_due_on")
        if decided_on is not None and direction_due_on < decided_on:
            raise ServiceError(ProcessError.DATE_BEFORE_START, field="direction_due_on")


def _plan_of(case: Case) -> Idp | None:
    return (
        Idp.objects.select_related("case", "learner", "local_authority", "setting")
        .filter(case_id=case.pk)
        .first()
    )


def _open_review_due_on(case: Case) -> datetime.date | None:
    return (
        Deadline.objects.filter(case_id=case.pk, rule_id=REVIEW_RULE, state=DeadlineState.OPEN)
        .order_by("-started_on")
        .values_list("due_on", flat=True)
        .first()
    )


def _replace_decision(
    actor: Any,
    locked: LaRequest,
    said: dict[str, Any],
    *,
    has_aln: bool,
    reasons: str,
    decided_on: datetime.date,
    directs_school: bool,
    direction_due_on: datetime.date | None,
    source: str,
) -> dict[str, Any]:
    """s.26: the LA's decision replaces the school's; then, for a plan already given, the LA
    takes it over (s.14(2): unless it directs the school to maintain it) or, on "no ALN", it is
    no longer maintained; a first plan being written follows the body now preparing it."""
    case, idp = said["case"], said["idp"]
    stage_before = case.stage
    case_la_replace_decision(
        actor=actor,
        case=case,
        has_aln=has_aln,
        reasons=reasons,
        decided_on=decided_on,
        directs_school=directs_school,
        direction_due_on=direction_due_on,
        la_clock_starts_on=locked.received_on,
    )
    plan_given = idp is not None and idp.first_given_on is not None
    if has_aln and stage_before == Stage.IDP_DUE.value:
        idp_follow_preparer(actor=actor, case=case)
    elif has_aln and plan_given and not directs_school:
        idp_la_take_over(actor=actor, idp=idp, on=decided_on, reason=source)
        said["taken_over"] = True
    elif not has_aln and plan_given:
        idp_end_by_la_decision(actor=actor, idp=idp, on=decided_on, reasons=reasons)
        said["ceases_on"] = decided_on
    said["plan_continues"] = has_aln and plan_given
    return said


def _carry_out(
    actor: Any,
    locked: LaRequest,
    outcome: LaOutcome,
    effects: frozenset[OutcomeEffect],
    *,
    has_aln: bool,
    reasons: str,
    decided_on: datetime.date,
    given_on: datetime.date,
    directs_school: bool,
    direction_due_on: datetime.date | None,
) -> dict[str, Any]:
    """Carry out the answer's effects through the case's and the plan's services. Returns what
    the letter needs to say about them."""
    case = Case.objects.select_related("learner", "local_authority", "setting").get(
        pk=locked.case_id
    )
    idp = _plan_of(case)
    said: dict[str, Any] = {"case": case, "idp": idp}
    source = OUTCOME_RULES[outcome].source
    if Route(locked.route) in _PLAN_ROUTES and (idp is None or idp.first_given_on is None):
        raise ServiceError(OutcomeError.NO_PLAN)
    if OutcomeEffect.REPLACES_SCHOOL_DECISION in effects:
        return _replace_decision(
            actor,
            locked,
            said,
            has_aln=has_aln,
            reasons=reasons,
            decided_on=decided_on,
            directs_school=directs_school,
            direction_due_on=direction_due_on,
            source=source,
        )
    assert idp is not None  # noqa: S101 (checked for every plan route above)
    if OutcomeEffect.LA_TAKES_OVER in effects:
        idp_la_take_over(actor=actor, idp=idp, on=decided_on, reason=source)
        said["taken_over"] = True
    if OutcomeEffect.LA_PREPARES_REVISION in effects:
        idp_la_prepare_revision(actor=actor, idp=idp, why_revised=reasons)
    elif OutcomeEffect.STARTS_REVIEW_PERIOD in effects:
        # A no-revision notice starts the next period the day it is given (s.23; T11); a
        # revised plan starts it when the plan is given (s.23(5): `idp_give`).
        idp_la_no_revision(actor=actor, idp=idp, given_on=given_on)
    if OutcomeEffect.PLAN_CONTINUES in effects:
        idp_continue(actor=actor, idp=idp, on=decided_on, reason=source)
    if outcome is LaOutcome.CEASING_CONFIRMED:
        said["ceases_on"] = idp.ceased_on
    return said


def _fresh(said: dict[str, Any]) -> dict[str, Any]:
    """The case and plan as the effects left them (the plan's services moved their own copy)."""
    case = Case.objects.select_related("learner", "local_authority", "setting").get(
        pk=said["case"].pk
    )
    return {**said, "case": case, "idp": _plan_of(case)}


def _recipients(standing: Standing, outcome: LaOutcome | None) -> tuple[Recipient, ...]:
    if outcome is not None:
        return outcome_recipients(
            outcome,
            is_young_person=standing.is_young_person,
            child_lacks_capacity=standing.child_lacks_capacity,
            case_friend_appointed=standing.has_case_friend,
        )
    return notice_recipients(
        is_young_person=standing.is_young_person,
        looked_after=False,  # a school's decision or plan (ss.11(5), 19): never a child in care's
        child_lacks_capacity=standing.child_lacks_capacity,
        case_friend_appointed=standing.has_case_friend,
        kind=NoticeKind.REQUEST_EXCEPTION,
    )


def _appeal_last_day(case: Case, rights: frozenset[Right], given_on: datetime.date) -> Any:
    if Right.APPEAL_TO_TRIBUNAL not in rights:
        return None
    last_day, _remind = AuthorityClock.load(case.local_authority_id).dates(
        APPEAL_RULE, given_on, case.setting_id
    )
    return last_day


def _give_notice(
    actor: Any,
    locked: LaRequest,
    case: Case,
    *,
    kind: NoticeKind,
    outcome: LaOutcome | None,
    reasons: str,
    decided_on: datetime.date,
    given_on: datetime.date,
    method: DeliveryMethod,
    language: NoticeLanguage,
    email_to: Iterable[str],
    copy_to_governing_body: bool,
    extra: dict[str, Any],
) -> Notice:
    """The LA's letter to the family (spec §5), with its contact details, its configured
    disagreement resolution and advocacy providers, and the right of appeal with its last day
    (`etw-appeal` from `given_on`) whenever the letter's kind gives one."""
    standing = standing_for(learner=case.learner, on=given_on)
    recipients = _recipients(standing, outcome)
    case_friend = standing.case_friend.name if standing.case_friend else ""
    names, emails = notice_addressees(case, recipients, case_friend)
    rights = notice_rights(decided_by_school=False, kind=kind)
    authority, about = locked.local_authority, locked.setting
    content = NoticeContent(
        kind=kind,
        language=NoticeLanguage(language),
        case_reference=case.reference,
        learner_name=case.learner.full_name,
        learner_date_of_birth=case.learner.date_of_birth,
        addressee_names=names,
        recipients=recipients,
        body_name_en=authority.name_en,
        body_name_cy=authority.name_cy,
        decided_by_school=False,
        contact=contact_of(authority),
        decided_on=decided_on,
        reasons=reasons.strip(),
        given_on=given_on,
        rights=rights,
        appeal_last_day=_appeal_last_day(case, rights, given_on),
        providers=providers_for_notice(local_authority_id=authority.pk),
        local_authority_name_en=authority.name_en,
        local_authority_name_cy=authority.name_cy,
        local_authority_contact=contact_of(authority),
        request_route=locked.route,
        request_received_on=locked.received_on,
        about_body_name_en=about.name_en if about is not None else "",
        about_body_name_cy=about.name_cy if about is not None else "",
        copy_to_governing_body=copy_to_governing_body and about is not None,
        la_outcome=outcome.value if outcome is not None else "",
        request_exception=locked.duty_exception,
        **extra,
    )
    return notice_issue(
        actor=actor,
        case=case,
        content=content,
        method=DeliveryMethod(method),
        email_to=tuple(address for address in email_to if address.strip()) or emails,
    )


def _tell_governing_body(locked: LaRequest, notice: Notice) -> int:
    """Email everyone acting for the school's or FEI's governing body that its copy of the LA's
    letter is ready (spec §5: ss.27(4)-(5), 28(7)), in their language, without the learner's
    name: the case reference and a link to the letter, for those who may open it."""
    url = settings.SITE_URL.rstrip("/") + reverse(
        "notices:download", kwargs={"notice_id": notice.pk}
    )
    return outbox_queue_written(
        contacts=setting_decider_contacts(locked.setting_id),
        dedupe_key=f"la-request-copy:{notice.pk}",
        template="disputes/outcome_copy_email",
        values=lambda: {"reference": locked.case.reference, "url": url},
    )


def _letter_extra(
    outcome: LaOutcome, kind: NoticeKind, said: dict[str, Any], locked: LaRequest
) -> dict[str, Any]:
    """What the letter says about the answer's effects."""
    case: Case = said["case"]
    extra: dict[str, Any] = {"ceases_on": said.get("ceases_on")}
    if kind is NoticeKind.HAS_ALN:
        if said.get("plan_continues"):
            # The plan already given carries on (taken over, or maintained as the LA directs):
            # it was given on the day it was first given (s.22).
            idp = said["idp"]
            extra["idp_due_on"] = idp.first_given_on
            extra["review_due_on"] = _open_review_due_on(case)
        else:
            extra["idp_due_on"] = case.idp_due_on
            if case.idp_preparer != "local_authority" and case.setting is not None:
                extra["idp_preparer_name"] = case.setting.name_en
                extra["idp_preparer_name_cy"] = case.setting.name_cy
    if kind in (NoticeKind.NO_REVISION, NoticeKind.TAKE_OVER_AGREED, NoticeKind.CEASE_REVERSED):
        extra["review_due_on"] = _open_review_due_on(case)
    if said.get("taken_over") and locked.setting is not None:
        extra["previous_body_name_en"] = locked.setting.name_en
        extra["previous_body_name_cy"] = locked.setting.name_cy
        extra["responsible_from"] = locked.decided_on
    return extra


@transaction.atomic
def la_request_decide(
    *,
    actor: Any,
    la_request: LaRequest,
    version: int,
    outcome: LaOutcome | str,
    reasons: str,
    decided_on: datetime.date | None,
    given_on: datetime.date | None,
    method: DeliveryMethod,
    language: NoticeLanguage,
    email_to: Iterable[str] = (),
    has_aln: bool | None = None,
    directs_school: bool = False,
    direction_due_on: datetime.date | None = None,
) -> Notice:
    """Record the LA's answer to an open request, carry out its effects, and give the notice.

    Refused, with nothing written: a stale `version` (CHANGED_BY_SOMEONE_ELSE); a request that
    is not open (NOT_ALLOWED_NOW); anyone but the deciders of the request's LA (NOT_YOURS); an
    answer the domain refuses (`check_outcome`: not for this route, a direction to prepare an
    IDP without ALN, no reasons; on s.26, no has-ALN answer, or "the same decision as the
    school" that is not); dates missing, in the future, or out of order; a plan route with no
    plan given; a case or plan the answer cannot move now (`aln.domain.process`); a letter the
    law would refuse (`aln.domain.notices.notice_problem`).

    Otherwise, in one transaction:
    - the request records the outcome, reasons, dates, who decided, any direction's date, and
      closes (DECIDED); the LA's clock is met on `decided_on` (`deadline.met`);
    - the effects (`outcome_effects`): s.26 the LA's decision replaces the school's
      (`case_la_replace_decision`; a plan given is taken over, or ended on "no ALN"); s.27(4)
      the next review period starts on `given_on`; s.27(6) the LA starts the revised plan; s.28
      the LA takes the plan over; s.32 reversed, the plan is maintained again;
    - the notice (`notice_kind_for`) to the family (`outcome_recipients`), with the reasons, the
      LA's contacts and providers and the right of appeal with its last day where the answer
      gives one, saying a copy goes to the governing body; its deciders are emailed that the
      copy is ready (outbox, no learner name); family emails when given by email.

    Audit: the effects' events, `notice.issued`, `dispute.request_decided`.
    """
    outcome = LaOutcome(outcome)
    locked = _lock(la_request, version)
    if not acts_for_la(actor, locked.local_authority_id):
        raise ServiceError(RequestError.NOT_YOURS)
    if locked.status != RequestStatus.OPEN:
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)
    if not OUTCOME_RULES[outcome].effects_if_has_aln:
        has_aln = None  # means nothing on the other routes
    _check_answer(
        locked,
        outcome,
        reasons=reasons,
        has_aln=has_aln,
        directs_school=directs_school,
        direction_due_on=direction_due_on,
        decided_on=decided_on,
        given_on=given_on,
    )
    assert decided_on is not None  # noqa: S101 (checked above)
    assert given_on is not None  # noqa: S101
    effects = outcome_effects(outcome, has_aln=bool(has_aln), directs_school=directs_school)
    _save(
        la_request,
        locked,
        actor,
        status=RequestStatus.DECIDED.value,
        outcome=outcome.value,
        outcome_reasons=reasons.strip(),
        decided_on=decided_on,
        decided_by=actor,
        direction_due_on=direction_due_on if directs_school else None,
        closed_on=decided_on,
    )
    deadline = locked.deadline
    if deadline is not None and deadline.state == DeadlineState.OPEN:
        deadline_meet(actor=actor, deadline=deadline, met_on=decided_on, version=deadline.version)
    said = _carry_out(
        actor,
        locked,
        outcome,
        effects,
        has_aln=bool(has_aln),
        reasons=reasons,
        decided_on=decided_on,
        given_on=given_on,
        directs_school=directs_school,
        direction_due_on=direction_due_on,
    )
    said = _fresh(said)
    kind = notice_kind_for(outcome, has_aln=bool(has_aln))
    rule = OUTCOME_RULES[outcome]
    notice = _give_notice(
        actor,
        locked,
        said["case"],
        kind=kind,
        outcome=outcome,
        reasons=reasons,
        decided_on=decided_on,
        given_on=given_on,
        method=method,
        language=language,
        email_to=email_to,
        copy_to_governing_body=rule.copy_to_governing_body,
        extra=_letter_extra(outcome, kind, said, locked),
    )
    LaRequest.objects.filter(pk=locked.pk).update(notice=notice)
    la_request.notice = notice
    audit_record(
        actor=actor,
        event_type="dispute.request_decided",
        subject=locked,
        local_authority_id=locked.local_authority_id,
        changes={
            "status": [RequestStatus.OPEN.value, RequestStatus.DECIDED.value],
            "outcome": outcome.value,
            "has_aln": has_aln,
            "directs_school": directs_school,
            "direction_due_on": _iso(direction_due_on if directs_school else None),
            "decided_on": decided_on.isoformat(),
            "effects": sorted(effect.value for effect in effects),
            "notice": str(notice.pk),
            "notice_kind": kind.value,
            "verified": rule.verified,
        },
        reason=reasons.strip(),
    )
    if rule.copy_to_governing_body:
        _tell_governing_body(locked, notice)
    return notice


@transaction.atomic
def la_request_exception_notice(
    *,
    actor: Any,
    la_request: LaRequest,
    given_on: datetime.date | None,
    method: DeliveryMethod,
    language: NoticeLanguage,
    email_to: Iterable[str] = (),
    version: int | None = None,
) -> Notice:
    """Give the family the letter with the reasons the LA will not reconsider (s.29), for a
    request recorded with an exception (`la_request_record_exception`), and link it to the
    request. It states no right of challenge (the spec names none); a copy goes to the governing
    body of the school or FEI the request was about, whose deciders are emailed.

    Refused, with nothing written: a stale `version` when one is given; anyone but the deciders
    of the request's LA (NOT_YOURS); a request with no exception, or whose letter was given
    (NOT_ALLOWED_NOW / NOTICE_ALREADY_GIVEN); a date missing, in the future or before the
    exception was recorded; a letter the law would refuse.

    Audit: `notice.issued`, `dispute.exception_notice_given`.
    """
    locked = _lock(la_request, version)
    if not acts_for_la(actor, locked.local_authority_id):
        raise ServiceError(RequestError.NOT_YOURS)
    if locked.status != RequestStatus.EXCEPTION:
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)
    if locked.notice_id is not None:
        raise ServiceError(OutcomeError.NOTICE_ALREADY_GIVEN)
    _raise(
        check_date(
            given_on,
            "given_on",
            today=today(),
            not_before=locked.decided_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
    )
    assert given_on is not None  # noqa: S101 (checked above)
    case = Case.objects.select_related("learner", "local_authority", "setting").get(
        pk=locked.case_id
    )
    notice = _give_notice(
        actor,
        locked,
        case,
        kind=NoticeKind.REQUEST_EXCEPTION,
        outcome=None,
        reasons=locked.exception_reasons,
        decided_on=locked.decided_on or given_on,
        given_on=given_on,
        method=method,
        language=language,
        email_to=email_to,
        copy_to_governing_body=True,
        extra={},
    )
    _save(la_request, locked, actor, notice=notice)
    audit_record(
        actor=actor,
        event_type="dispute.exception_notice_given",
        subject=locked,
        local_authority_id=locked.local_authority_id,
        changes={
            "exception": locked.duty_exception,
            "notice": str(notice.pk),
            "given_on": given_on.isoformat(),
        },
    )
    _tell_governing_body(locked, notice)
    return notice

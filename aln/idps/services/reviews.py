"""Reviewing a plan, and requests for a review (Act s.23; spec §5, T11, T13).

A review of the plan in force records who was invited and when (before the meeting), the views
of the child or young person, their family and others, progress towards every outcome, and the
decision (`aln.domain.plans.ReviewDecision`):

- revise: the review is recorded (`case.reviewed`) and a new draft is started from the version
  in force; the next review period starts only when the revised plan is given (s.23(5)).
- no revision: the notice with reasons is given (`case.no_revision_notice_given`) and the next
  review period starts on the day it is given (s.23(10), (3)(b)).
- propose to cease: the review is recorded; the proposal itself is made on the ceasing page.

A request for a review from the child, a parent, the young person or an NHS body is a task with
an owner until a review answers it or it is refused as unnecessary with reasons. The time within
which a refusal must be given is UNVERIFIED (spec T13), so no deadline is opened for it.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from aln.audit.changes import field_changes
from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.cases.selectors import case_decider_contacts, case_parties_for
from aln.cases.services.moves import case_take
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import REVIEW_REQUESTER_LABELS, label
from aln.domain.notices import DeliveryMethod, NoticeKind, NoticeLanguage
from aln.domain.plans import PlanError, ReviewDecision, ReviewError, ReviewRequester, check_review
from aln.domain.process import (
    MAX_SHORT_TEXT_LENGTH,
    CaseAction,
    InputError,
    Party,
    ProcessError,
    Stage,
    check_date,
    check_text,
)
from aln.idps.models import (
    Idp,
    IdpVersion,
    RequestState,
    Review,
    ReviewProgress,
    ReviewRequest,
    VersionState,
)
from aln.idps.selectors.reviews import requester_for
from aln.idps.services.drafting import idp_start_revision
from aln.idps.services.issuing import idp_review_period_start, plan_notice_issue
from aln.notifications.services import outbox_queue_written

# Where a domain review error is shown on the review form.
_REVIEW_ERROR_FIELDS = {
    ReviewError.INVITED_AFTER_MEETING: "invited_on",
    ReviewError.VIEWS_REQUIRED: "learner_views",
    ReviewError.REASONS_REQUIRED: "reasons",
}

# The case move a review's decision makes (aln.domain.process TRANSITIONS).
_DECISION_ACTION = {
    ReviewDecision.REVISE: CaseAction.RECORD_REVIEW,
    ReviewDecision.NO_REVISION: CaseAction.GIVE_NO_REVISION_NOTICE,
    ReviewDecision.PROPOSE_CEASE: CaseAction.RECORD_REVIEW,
}


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field or None)


def _check_maintainer(actor: Any, case: Case) -> None:
    """Only the body maintaining the plan, and only while the plan is maintained."""
    if Party.DECIDER not in case_parties_for(user=actor, case=case):
        raise ServiceError(PlanError.NOT_YOURS)
    if case.stage != Stage.MAINTAINING:
        raise ServiceError(PlanError.NOT_IN_FORCE)


def _version_in_force(idp: Idp) -> IdpVersion:
    version = (
        idp.versions.filter(state=VersionState.ISSUED)
        .prefetch_related("elements")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise ServiceError(PlanError.NOT_IN_FORCE)
    return version


@dataclass(frozen=True, slots=True)
class _Giving:
    """How a notice is given, once checked."""

    given_on: datetime.date
    method: DeliveryMethod
    language: NoticeLanguage


def _check_notice(
    given_on: datetime.date | None,
    method: DeliveryMethod | None,
    language: NoticeLanguage | None,
    *,
    not_before: datetime.date,
    prefix: str = "",
) -> _Giving:
    _raise(
        check_date(
            given_on,
            f"{prefix}given_on",
            today=today(),
            not_before=not_before,
            before_code=ProcessError.DATE_BEFORE_START,
        )
    )
    if language is None:
        raise ServiceError(ProcessError.REQUIRED, field=f"{prefix}language")
    if method is None:
        raise ServiceError(ProcessError.REQUIRED, field=f"{prefix}method")
    assert given_on is not None  # noqa: S101 (checked above)
    return _Giving(given_on, DeliveryMethod(method), NoticeLanguage(language))


def _check_review_texts(texts: Mapping[str, str]) -> None:
    _raise(check_text(texts["invited"], "invited"))
    for name, value in texts.items():
        _raise(check_text(value, name, required=False))


def _checked_progress(version: IdpVersion, progress: Mapping[str, str]) -> list[tuple[Any, str]]:
    """(element, progress text) for every element of the version in force, in plan order."""
    elements = list(version.elements.all())
    if set(progress) - {element.key for element in elements}:
        raise ServiceError(PlanError.NOT_FOUND)  # the plan changed since the form was read
    rows = [(element, (progress.get(element.key) or "").strip()) for element in elements]
    for element, text in rows:
        _raise(check_text(text, f"progress_{element.key}", required=False))
    return rows


def _check_review(
    *,
    version: IdpVersion,
    invited_on: datetime.date | None,
    held_on: datetime.date | None,
    learner_views: str,
    rows: list[tuple[Any, str]],
    decision: ReviewDecision,
    reasons: str,
) -> tuple[datetime.date, datetime.date]:
    """The review's dates, once everything the law asks of the record is there."""
    now = today()
    _raise(check_date(invited_on, "invited_on", today=now))
    _raise(
        check_date(
            held_on,
            "held_on",
            today=now,
            not_before=version.issued_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
    )
    assert invited_on is not None  # noqa: S101 (checked above)
    assert held_on is not None  # noqa: S101
    error = check_review(
        invited_on=invited_on,
        held_on=held_on,
        learner_views=learner_views,
        progress=[text for _element, text in rows],
        decision=decision,
        reasons=reasons,
    )
    if error is ReviewError.PROGRESS_REQUIRED:
        missing = next(element.key for element, text in rows if not text)
        raise ServiceError(error, field=f"progress_{missing}")
    if error is not None:
        raise ServiceError(error, field=_REVIEW_ERROR_FIELDS[error])
    return invited_on, held_on


def _open_requests(idp: Idp, request_ids: Iterable[Any]) -> list[ReviewRequest]:
    wanted = {str(pk) for pk in request_ids}
    if not wanted:
        return []
    requests = list(
        ReviewRequest.objects.select_for_update().filter(
            idp=idp, pk__in=wanted, state=RequestState.OPEN
        )
    )
    if {str(request.pk) for request in requests} != wanted:
        raise ServiceError(PlanError.NOT_FOUND, field="request_ids")
    return requests


def _why_revised(version: IdpVersion, held_on: datetime.date, reasons: str) -> str:
    """The revision's reason: the review's reasons, or the review's date in the plan's language."""
    if reasons.strip():
        return reasons.strip()
    with translation.override("cy" if version.language == "cy" else "en-gb"):
        return gettext("Review on %(date)s") % {"date": date_format(held_on, "j F Y")}


@transaction.atomic
def review_record(
    *,
    actor: Any,
    idp: Idp,
    case_version: int,
    invited: str,
    invited_on: datetime.date | None,
    held_on: datetime.date | None,
    attended: str,
    learner_views: str,
    family_views: str,
    others_views: str,
    progress: Mapping[str, str],
    decision: ReviewDecision,
    reasons: str,
    request_ids: Iterable[Any] = (),
    notice_given_on: datetime.date | None = None,
    notice_method: DeliveryMethod | None = None,
    notice_language: NoticeLanguage | None = None,
) -> Review:
    """Record a review of the plan in force and carry out its decision (s.23).

    Only the body maintaining the plan, while it is maintained (`case_take` checks the party,
    the stage and that nobody changed the case since `case_version`). Progress must be recorded
    for every element of the version in force; each row keeps the outcome as it stood.

    - REVISE: case move RECORD_REVIEW (`case.reviewed`); a new draft is started
      (`idp.revision_started`) unless one is being written already.
    - NO_REVISION: case move GIVE_NO_REVISION_NOTICE (`case.no_revision_notice_given`); the
      notice (kind "no_revision") is given with the reasons (`notice.issued`) and the next
      review period starts on the day it is given (the `idp-review` deadline is met and the next
      one opened).
    - PROPOSE_CEASE: case move RECORD_REVIEW only; the proposal is made on the ceasing page.

    Requests in `request_ids` (open requests for this plan) are marked done with the review.
    Audit event: `idp.reviewed` (subject: the plan). A refusal raises ServiceError and changes
    nothing.
    """
    case = idp.case
    _check_maintainer(actor, case)
    version = _version_in_force(idp)
    rows = _checked_progress(version, progress)
    _check_review_texts(
        {
            "invited": invited,
            "attended": attended,
            "learner_views": learner_views,
            "family_views": family_views,
            "others_views": others_views,
            "reasons": reasons,
        }
    )
    invited_on, held_on = _check_review(
        version=version,
        invited_on=invited_on,
        held_on=held_on,
        learner_views=learner_views,
        rows=rows,
        decision=decision,
        reasons=reasons,
    )
    giving = None
    if decision is ReviewDecision.NO_REVISION:
        giving = _check_notice(
            notice_given_on,
            notice_method,
            notice_language,
            not_before=held_on,
            prefix="notice_",
        )
    requests = _open_requests(idp, request_ids)
    case_take(
        actor=actor,
        case=case,
        action=_DECISION_ACTION[decision],
        version=case_version,
        changes={"decision": decision.value, "held_on": held_on.isoformat()},
    )
    review = Review.objects.create(
        idp=idp,
        version=version,
        invited=invited.strip(),
        invited_on=invited_on,
        held_on=held_on,
        attended=attended.strip(),
        learner_views=learner_views.strip(),
        family_views=family_views.strip(),
        others_views=others_views.strip(),
        decision=decision.value,
        reasons=reasons.strip(),
        created_by=actor,
        updated_by=actor,
    )
    ReviewProgress.objects.bulk_create(
        ReviewProgress(
            review=review,
            element_key=element.key,
            outcome=element.outcome,
            progress=text,
            created_by=actor,
            updated_by=actor,
        )
        for element, text in rows
    )
    ReviewRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
        state=RequestState.DONE, review=review, answered_on=held_on, updated_by=actor
    )
    audit_record(
        actor=actor,
        event_type="idp.reviewed",
        subject=idp,
        local_authority_id=idp.local_authority_id,
        changes={
            "review": str(review.pk),
            "version": version.number,
            "held_on": held_on.isoformat(),
            "decision": decision.value,
            "requests": sorted(str(r.pk) for r in requests),
        },
        reason=reasons.strip(),
    )
    _carry_out(actor, idp, review, version, giving)
    return review


def _carry_out(
    actor: Any,
    idp: Idp,
    review: Review,
    version: IdpVersion,
    giving: _Giving | None,
) -> None:
    """What the decision does after the review is recorded (same transaction)."""
    decision = ReviewDecision(review.decision)
    if decision is ReviewDecision.REVISE:
        if not idp.versions.filter(state=VersionState.DRAFT).exists():
            idp_start_revision(
                actor=actor,
                idp=idp,
                why_revised=_why_revised(version, review.held_on, review.reasons),
            )
    elif giving is not None:  # no revision: the notice, and the next review period
        notice = plan_notice_issue(
            actor=actor,
            idp=idp,
            kind=NoticeKind.NO_REVISION,
            given_on=giving.given_on,
            method=giving.method,
            language=giving.language,
            reasons=review.reasons,
            extra={"decided_on": review.held_on},
        )
        Review.objects.filter(pk=review.pk).update(notice=notice)
        review.notice = notice
        idp_review_period_start(actor=actor, idp=idp, started_on=notice.given_on)


# --- Requests for a review ---------------------------------------------------------------------


def _audit_request(actor: Any, request: ReviewRequest, event: str, **changes: Any) -> None:
    audit_record(
        actor=actor,
        event_type=event,
        subject=request.idp,
        local_authority_id=request.idp.local_authority_id,
        changes={"request": str(request.pk), **changes},
    )


def _check_owner(owner: Any, case: Case) -> None:
    """A task's owner acts for the body maintaining the plan."""
    if owner is not None and Party.DECIDER not in case_parties_for(user=owner, case=case):
        raise ServiceError(PlanError.NOT_YOURS, field="owner")


@transaction.atomic
def review_request_record(
    *,
    actor: Any,
    idp: Idp,
    requested_by: ReviewRequester,
    requester_name: str,
    received_on: datetime.date | None,
    reason: str,
    owner: Any = None,
) -> ReviewRequest:
    """Record a request for a review that reached the body by letter, phone or in person.

    It becomes a task owned by `owner`, else the case's owner, else the person recording it.
    Audit event: `idp.review_requested`.
    """
    case = idp.case
    _check_maintainer(actor, case)
    _raise(
        check_text(reason, "reason")
        or check_text(requester_name, "requester_name", required=False, limit=MAX_SHORT_TEXT_LENGTH)
        or check_date(
            received_on,
            "received_on",
            today=today(),
            not_before=idp.first_given_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
    )
    assert received_on is not None  # noqa: S101 (checked above)
    _check_owner(owner, case)
    owner = owner or case.owner or actor
    request = ReviewRequest.objects.create(
        idp=idp,
        requested_by=ReviewRequester(requested_by).value,
        requester_name=requester_name.strip(),
        received_on=received_on,
        reason=reason.strip(),
        owner=owner,
        created_by=actor,
        updated_by=actor,
    )
    _audit_request(
        actor,
        request,
        "idp.review_requested",
        requested_by=request.requested_by,
        received_on=received_on.isoformat(),
        owner=owner.full_name,
    )
    return request


def _tell_maintainers(request: ReviewRequest) -> None:
    """Email everyone acting for the body that maintains the plan (outbox). The email does not
    name the learner: it says who asked, and links to the requests for the plan."""
    case = request.idp.case
    url = settings.SITE_URL.rstrip("/") + reverse(
        "idps:review-requests", kwargs={"idp_id": request.idp_id}
    )
    outbox_queue_written(
        contacts=case_decider_contacts(case),
        dedupe_key=f"review-request:{request.pk}",
        template="idps/review_request_email",
        values=lambda: {
            "reference": case.reference,
            "requester": label(REVIEW_REQUESTER_LABELS, request.requested_by),
            "received_on": date_format(request.received_on, "j F Y"),
            "url": url,
        },
    )


@transaction.atomic
def review_request_make(*, actor: Any, idp: Idp, reason: str) -> ReviewRequest:
    """A parent, the young person, or NHS staff ask for a review of a plan they can see.

    It reaches the body the day it is sent. The task goes to the case's owner (or nobody, for
    the body to assign), and everyone acting for the body maintaining the plan is emailed,
    without the learner's name (outbox). Audit event: `idp.review_requested`.
    """
    requested_by = requester_for(actor=actor, idp=idp)
    if requested_by is None:
        raise ServiceError(PlanError.NOT_YOURS)
    if idp.case.stage != Stage.MAINTAINING:
        raise ServiceError(PlanError.NOT_IN_FORCE)
    _raise(check_text(reason, "reason"))
    request = ReviewRequest.objects.create(
        idp=idp,
        requested_by=requested_by.value,
        requester_name=actor.full_name,
        received_on=today(),
        reason=reason.strip(),
        owner_id=idp.case.owner_id,
        created_by=actor,
        updated_by=actor,
    )
    _audit_request(
        actor,
        request,
        "idp.review_requested",
        requested_by=request.requested_by,
        received_on=request.received_on.isoformat(),
    )
    _tell_maintainers(request)
    return request


def _locked_open_request(actor: Any, request: ReviewRequest) -> ReviewRequest:
    locked = (
        ReviewRequest.objects.select_for_update(of=("self",))
        .select_related("idp__case", "owner")
        .get(pk=request.pk)
    )
    _check_maintainer(actor, locked.idp.case)
    if locked.state != RequestState.OPEN:
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)
    return locked


@transaction.atomic
def review_request_assign(*, actor: Any, request: ReviewRequest, owner: Any) -> ReviewRequest:
    """Give an open request to someone acting for the body maintaining the plan.

    Audit event: `idp.review_request_assigned`, with the owner before and after (user ids).
    """
    locked = _locked_open_request(actor, request)
    if owner is None:
        raise ServiceError(ProcessError.REQUIRED, field="owner")
    _check_owner(owner, locked.idp.case)
    changes = field_changes(locked, {"owner": owner}, ("owner",))
    ReviewRequest.objects.filter(pk=locked.pk).update(owner=owner, updated_by=actor)
    request.owner = owner
    _audit_request(actor, locked, "idp.review_request_assigned", **changes)
    return request


@transaction.atomic
def review_request_refuse(
    *,
    actor: Any,
    request: ReviewRequest,
    reasons: str,
    given_on: datetime.date | None,
    method: DeliveryMethod | None,
    language: NoticeLanguage | None,
) -> ReviewRequest:
    """Refuse a request as unnecessary: a notice (kind "review_refused") gives the reasons.

    The period within which this notice must be given is UNVERIFIED (spec T13: the 2017 draft
    Code said 2 weeks; the final figure is unknown), so no deadline is kept for it.
    Audit events: `idp.review_request_refused`, and `notice.issued` for the notice.
    """
    locked = _locked_open_request(actor, request)
    if not reasons.strip():
        raise ServiceError(ReviewError.REASONS_REQUIRED, field="reasons")
    _raise(check_text(reasons, "reasons"))
    giving = _check_notice(given_on, method, language, not_before=locked.received_on)
    notice = plan_notice_issue(
        actor=actor,
        idp=locked.idp,
        kind=NoticeKind.REVIEW_REFUSED,
        given_on=giving.given_on,
        method=giving.method,
        language=giving.language,
        reasons=reasons.strip(),
        extra={"requested_on": locked.received_on},
    )
    ReviewRequest.objects.filter(pk=locked.pk).update(
        state=RequestState.REFUSED,
        answered_on=giving.given_on,
        answer=reasons.strip(),
        updated_by=actor,
    )
    request.state, request.answered_on, request.answer = (
        RequestState.REFUSED,
        giving.given_on,
        reasons.strip(),
    )
    _audit_request(
        actor,
        locked,
        "idp.review_request_refused",
        given_on=giving.given_on.isoformat(),
        notice=str(notice.pk),
    )
    return request

"""Gathering information before a decision: evidence, views, advice, NHS referrals, meetings.

Each service adds one record and moves the case through the table (the stage stays
"gathering"; the move checks it is still open to information and that the person may add it).
"""

import datetime
from typing import Any

from django.db import transaction

from aln.cases.models import AdviceRequest, Case, Evidence, Meeting, NhsReferral, Views
from aln.cases.services.moves import case_take
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.services.deadlines import deadline_open, deadlines_settle
from aln.domain.access import NHS_RESPONSE_RULE
from aln.domain.cases import AdviceFrom, EvidenceKind, ViewsOf
from aln.domain.process import (
    MAX_SHORT_TEXT_LENGTH,
    CaseAction,
    InputError,
    ProcessError,
    check_date,
    check_text,
)
from aln.organisations.models import HealthBoard


def _raise_first(*errors: InputError | None) -> None:
    for error in errors:
        if error is not None:
            raise ServiceError(error.code, field=error.field)


def _since_concern(case: Case, day: datetime.date | None, field: str) -> InputError | None:
    return check_date(day, field, today=today(), not_before=case.brought_to_attention_on)


@transaction.atomic
def case_add_evidence(
    *,
    actor: Any,
    case: Case,
    version: int,
    kind: EvidenceKind,
    description: str,
    started_on: datetime.date | None,
    ended_on: datetime.date | None,
    provided_by: str,
    progress: str,
) -> Evidence:
    """Graduated response already tried: what, from when, how long, by whom, and progress."""
    _raise_first(
        check_text(description, "description"),
        check_date(started_on, "started_on", today=today()),
        check_text(provided_by, "provided_by", required=False, limit=MAX_SHORT_TEXT_LENGTH),
        check_text(progress, "progress", required=False),
    )
    if ended_on is not None and started_on is not None and ended_on < started_on:
        raise ServiceError(ProcessError.DATE_BEFORE_START, field="ended_on")
    assert started_on is not None  # noqa: S101 (checked above)
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.ADD_EVIDENCE,
        version=version,
        changes={"kind": kind.value},
    )
    return Evidence.objects.create(
        case=case,
        kind=kind.value,
        description=description.strip(),
        started_on=started_on,
        ended_on=ended_on,
        provided_by=provided_by.strip(),
        progress=progress.strip(),
        created_by=actor,
        updated_by=actor,
    )


@transaction.atomic
def case_record_views(
    *,
    actor: Any,
    case: Case,
    version: int,
    whose: ViewsOf,
    important_to: str,
    important_for: str,
    how_to_support: str,
    gathered_on: datetime.date | None,
) -> Views:
    """Views, wishes and feelings in person-centred terms (Act s.6)."""
    _raise_first(
        check_text(important_to, "important_to"),
        check_text(important_for, "important_for", required=False),
        check_text(how_to_support, "how_to_support", required=False),
        _since_concern(case, gathered_on, "gathered_on"),
    )
    assert gathered_on is not None  # noqa: S101 (checked above)
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.RECORD_VIEWS,
        version=version,
        changes={"whose": whose.value},
    )
    return Views.objects.create(
        case=case,
        whose=whose.value,
        important_to=important_to.strip(),
        important_for=important_for.strip(),
        how_to_support=how_to_support.strip(),
        gathered_on=gathered_on,
        created_by=actor,
        updated_by=actor,
    )


@transaction.atomic
def case_request_advice(
    *,
    actor: Any,
    case: Case,
    version: int,
    source: AdviceFrom,
    asked_of: str,
    question: str,
    requested_on: datetime.date | None,
    wanted_by: datetime.date | None,
) -> AdviceRequest:
    """Ask someone for an assessment or advice, with the date it is wanted by."""
    _raise_first(
        check_text(asked_of, "asked_of", limit=MAX_SHORT_TEXT_LENGTH),
        check_text(question, "question"),
        _since_concern(case, requested_on, "requested_on"),
    )
    assert requested_on is not None  # noqa: S101 (checked above)
    if wanted_by is None:
        raise ServiceError(ProcessError.REQUIRED, field="wanted_by")
    if wanted_by < requested_on:
        raise ServiceError(ProcessError.DATE_BEFORE_START, field="wanted_by")
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.REQUEST_ADVICE,
        version=version,
        changes={"source": source.value, "wanted_by": wanted_by.isoformat()},
    )
    return AdviceRequest.objects.create(
        case=case,
        source=source.value,
        asked_of=asked_of.strip(),
        question=question.strip(),
        requested_on=requested_on,
        wanted_by=wanted_by,
        created_by=actor,
        updated_by=actor,
    )


@transaction.atomic
def case_record_advice(
    *,
    actor: Any,
    case: Case,
    version: int,
    request: AdviceRequest,
    received_on: datetime.date | None,
    summary: str,
) -> None:
    """The advice arrived: when, and what it says."""
    if request.case_id != case.pk or request.received_on is not None:
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)
    _raise_first(
        check_date(
            received_on,
            "received_on",
            today=today(),
            not_before=request.requested_on,
            before_code=ProcessError.DATE_BEFORE_START,
        ),
        check_text(summary, "summary"),
    )
    case_take(actor=actor, case=case, action=CaseAction.RECORD_ADVICE, version=version)
    AdviceRequest.objects.filter(pk=request.pk).update(
        received_on=received_on, summary=summary.strip(), updated_by=actor
    )


@transaction.atomic
def case_refer_to_nhs(
    *,
    actor: Any,
    case: Case,
    version: int,
    health_board: HealthBoard,
    question: str,
    received_on: datetime.date | None,
) -> NhsReferral:
    """Refer to a health board under Act s.20; its 6-week response clock starts (reg 11)."""
    _raise_first(check_text(question, "question"), _since_concern(case, received_on, "received_on"))
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.REFER_TO_NHS,
        version=version,
        changes={"health_board": health_board.code},
    )
    assert received_on is not None  # noqa: S101 (checked above)
    deadline = deadline_open(
        actor=actor, case=case, rule_id=NHS_RESPONSE_RULE, started_on=received_on
    )
    return NhsReferral.objects.create(
        case=case,
        health_board=health_board,
        question=question.strip(),
        received_on=received_on,
        deadline=deadline,
        created_by=actor,
        updated_by=actor,
    )


@transaction.atomic
def case_record_nhs_response(
    *,
    actor: Any,
    case: Case,
    version: int,
    referral: NhsReferral,
    responded_on: datetime.date | None,
    treatment_identified: bool | None,
    in_welsh: bool | None,
    response: str,
) -> None:
    """The NHS body's answer under s.21: a relevant treatment or service or not, and in Welsh."""
    if referral.case_id != case.pk or referral.responded_on is not None:
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)
    _raise_first(
        check_date(
            responded_on,
            "responded_on",
            today=today(),
            not_before=referral.received_on,
            before_code=ProcessError.DATE_BEFORE_START,
        ),
        check_text(response, "response"),
    )
    if treatment_identified is None:
        raise ServiceError(ProcessError.REQUIRED, field="treatment_identified")
    case_take(actor=actor, case=case, action=CaseAction.RECORD_NHS_RESPONSE, version=version)
    NhsReferral.objects.filter(pk=referral.pk).update(
        responded_on=responded_on,
        treatment_identified=treatment_identified,
        in_welsh=in_welsh if treatment_identified else None,
        response=response.strip(),
        updated_by=actor,
    )
    if referral.deadline_id:
        deadlines_settle(
            actor=actor, case=case, deadline_ids=[referral.deadline_id], met_on=responded_on
        )


@transaction.atomic
def case_record_meeting(
    *,
    actor: Any,
    case: Case,
    version: int,
    held_on: datetime.date | None,
    invited: str,
    attended: str,
    notes: str,
) -> Meeting:
    """A person-centred meeting: who was invited, who came, and what was agreed."""
    _raise_first(
        _since_concern(case, held_on, "held_on"),
        check_text(invited, "invited"),
        check_text(attended, "attended", required=False),
        check_text(notes, "notes"),
    )
    assert held_on is not None  # noqa: S101 (checked above)
    case_take(actor=actor, case=case, action=CaseAction.RECORD_MEETING, version=version)
    return Meeting.objects.create(
        case=case,
        held_on=held_on,
        invited=invited.strip(),
        attended=attended.strip(),
        notes=notes.strip(),
        created_by=actor,
        updated_by=actor,
    )

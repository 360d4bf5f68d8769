"""Recording a concern opens a case with the body the law names, and starts its clock."""

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format

from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.cases.selectors import (
    case_decider_contacts,
    current_enrolments,
    is_young_person_on,
    learner_situation,
)
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.selectors.deadlines import membership_facts
from aln.deadlines.services.deadlines import deadline_open
from aln.domain.access import case_parties
from aln.domain.cases import (
    DECISION_RULE,
    CaseKind,
    Circumstance,
    ConcernSource,
    ConsentAnswer,
    DecidingBody,
)
from aln.domain.organisations import MAINTAINED_SCHOOL_KINDS, SettingKind
from aln.domain.process import (
    MAX_SHORT_TEXT_LENGTH,
    ClosedBecause,
    Party,
    ProcessError,
    Stage,
    check_date,
    check_text,
)
from aln.domain.responsibility import Body, decide_responsibility
from aln.learners.models import Learner
from aln.notifications.services import outbox_queue_written
from aln.organisations.models import Setting

# Crockford's base32 without look-alikes (no I, L, O, U): easy to read out on the phone.
_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

_DECIDING_BODY = {
    Body.SCHOOL: DecidingBody.SCHOOL,
    Body.FEI: DecidingBody.FEI,
    Body.LOCAL_AUTHORITY: DecidingBody.LOCAL_AUTHORITY,
    Body.LOOKING_AFTER_AUTHORITY: DecidingBody.LOCAL_AUTHORITY,
}


def _new_reference() -> str:
    while True:
        reference = "ALN-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
        if not Case.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def case_open(
    *,
    actor: Any,
    learner: Learner,
    kind: CaseKind,
    deciding_body: DecidingBody,
    opened_on: datetime.date,
    setting: Setting | None = None,
    owner: Any = None,
    start_clock: bool = True,
    local_authority_id: Any = None,
    **values: Any,
) -> Case:
    """Open a case and, unless it waits for consent, start the deciding body's clock (T1-T4)."""
    case = Case.objects.create(
        reference=_new_reference(),
        learner=learner,
        local_authority_id=local_authority_id or learner.home_local_authority_id,
        setting=setting,
        kind=kind.value,
        deciding_body=deciding_body.value,
        opened_on=opened_on,
        owner=owner,
        created_by=actor,
        updated_by=actor,
        **values,
    )
    audit_record(
        actor=actor,
        event_type="case.opened",
        subject=case,
        local_authority_id=case.local_authority_id,
        changes={"kind": kind.value, "deciding_body": deciding_body.value, "stage": case.stage},
    )
    if start_clock:
        rule_id = (
            DECISION_RULE[deciding_body] if kind is CaseKind.ALN_DECISION else "la-reconsideration"
        )
        deadline_open(actor=actor, case=case, rule_id=rule_id, started_on=opened_on, owner=owner)
    return case


def _deciding_setting(
    learner: Learner, on: datetime.date, body: DecidingBody, actor_setting_ids: set[Any]
) -> Setting | None:
    """The school or FEI that decides: the learner's current one of the right kind, preferring
    the one the person recording works at."""
    if body is DecidingBody.LOCAL_AUTHORITY:
        return None
    kinds = {SettingKind.FEI} if body is DecidingBody.FEI else MAINTAINED_SCHOOL_KINDS
    candidates = [
        e.setting for e in current_enrolments(learner, on) if SettingKind(e.setting.kind) in kinds
    ]
    candidates.sort(key=lambda s: s.pk not in actor_setting_ids)
    return candidates[0] if candidates else None


@transaction.atomic
def case_raise_concern(
    *,
    actor: Any,
    learner: Learner,
    raised_by: ConcernSource,
    raised_by_name: str,
    concern: str,
    brought_to_attention_on: datetime.date | None,
    consent: ConsentAnswer | None = None,
    consent_on: datetime.date | None = None,
    circumstances: Iterable[Circumstance] = (),
    actor_setting_ids: Iterable[Any] = (),
) -> Case:
    """Record a concern that a learner may have ALN and open the case with the body that must
    decide (`aln.domain.responsibility`), its clock running from the day the concern reached the
    body or, for a young person, the day they consented (spec T1-T3).

    A young person's case waits for consent; without it nothing proceeds (s.11(3)(c), s.13(2)(d)).
    """
    now = today()
    error = (
        check_text(concern, "concern")
        or check_text(raised_by_name, "raised_by_name", required=False, limit=MAX_SHORT_TEXT_LENGTH)
        or check_date(
            brought_to_attention_on,
            "brought_to_attention_on",
            today=now,
            not_before=learner.date_of_birth,
            before_code=ProcessError.DATE_BEFORE_START,
        )
    )
    if error:
        raise ServiceError(error.code, field=error.field)
    assert brought_to_attention_on is not None  # noqa: S101 (checked above)
    young = is_young_person_on(learner, brought_to_attention_on)
    if young:
        if consent is None:
            raise ServiceError(ProcessError.REQUIRED, field="consent")
        if consent is ConsentAnswer.GIVEN:
            error = check_date(
                consent_on, "consent_on", today=now, not_before=brought_to_attention_on
            )
            if error:
                raise ServiceError(error.code, field=error.field)
    consents = {ConsentAnswer.GIVEN: True, ConsentAnswer.REFUSED: False}.get(consent)  # type: ignore[arg-type]
    responsibility = decide_responsibility(
        learner_situation(
            learner,
            brought_to_attention_on,
            consents=consents if young else None,
            circumstances=circumstances,
        )
    )
    setting_ids = set(actor_setting_ids)
    # When the duty does not arise (or waits for consent), the body that would decide answers:
    # it gives the notice saying why (spec §5, "or refusal to decide").
    decider = responsibility.decider if responsibility.duty_arises else responsibility.would_decide
    body = _DECIDING_BODY.get(decider, DecidingBody.LOCAL_AUTHORITY)
    setting = _deciding_setting(learner, brought_to_attention_on, body, setting_ids)
    if body is not DecidingBody.LOCAL_AUTHORITY and setting is None:
        body = DecidingBody.LOCAL_AUTHORITY  # no school or college on record: the LA answers
    waiting = young and consent is ConsentAnswer.NOT_YET
    refused = young and consent is ConsentAnswer.REFUSED
    stage = Stage.AWAITING_CONSENT if waiting else Stage.CLOSED if refused else Stage.GATHERING
    clock_starts = consent_on if young else brought_to_attention_on
    looked_after_by = (
        learner.looked_after_by_id if decider is Body.LOOKING_AFTER_AUTHORITY else None
    )
    # Whoever records the concern for the body deciding owns the case (its reminders go to them).
    records_for_body = Party.DECIDER in case_parties(
        memberships=membership_facts(actor),
        decided_by_la=body is DecidingBody.LOCAL_AUTHORITY,
        local_authority_id=looked_after_by or learner.home_local_authority_id,
        setting_id=setting.pk if setting else None,
    )
    case = case_open(
        actor=actor,
        learner=learner,
        kind=CaseKind.ALN_DECISION,
        deciding_body=body,
        opened_on=clock_starts or brought_to_attention_on,
        setting=setting,
        owner=actor if records_for_body else None,
        start_clock=stage is Stage.GATHERING,
        local_authority_id=looked_after_by,
        stage=stage.value,
        closed_on=brought_to_attention_on if refused else None,
        closed_because=ClosedBecause.NO_CONSENT.value if refused else "",
        raised_by=raised_by.value,
        raised_by_name=raised_by_name.strip(),
        concern=concern.strip(),
        brought_to_attention_on=brought_to_attention_on,
        is_young_person=young,
        consent_on=consent_on if young and consent is ConsentAnswer.GIVEN else None,
        responsibility_reason=responsibility.reason.value,
        responsibility_section=responsibility.section,
        necessity_decision=responsibility.necessity_decision,
        duty_exception=responsibility.exception.value if responsibility.exception else "",
    )
    if refused:
        # Without consent the duty to decide does not arise (s.11(3)(c), s.13(2)(d)).
        audit_record(
            actor=actor,
            event_type="case.consent_refused",
            subject=case,
            local_authority_id=case.local_authority_id,
        )
    return case


def _tell_deciders(case: Case) -> None:
    """Email everyone who acts for the deciding body that a family raised a concern (outbox)."""
    url = settings.SITE_URL.rstrip("/") + reverse("cases:case-detail", args=[case.pk])
    due_on = case.deadlines.values_list("due_on", flat=True).first()
    outbox_queue_written(
        contacts=case_decider_contacts(case),
        dedupe_key=f"family-concern:{case.pk}",
        template="cases/email/family_concern",
        values=lambda: {
            "reference": case.reference,
            "raised_on": date_format(case.opened_on, "j F Y"),
            "due_on": date_format(due_on, "j F Y") if due_on else "",
            "awaiting_consent": case.stage == Stage.AWAITING_CONSENT.value,
            "url": url,
        },
    )


@transaction.atomic
def case_raise_concern_as_family(*, actor: Any, learner: Learner, concern: str) -> Case:
    """A parent, or the young person, tells the body that must decide that they think the
    learner may have ALN. It reaches the body the day it is sent, so the clock starts then.

    A young person raising their own concern is asking for the decision: that is their consent
    (s.11(3)(c)). A parent's concern about a young person waits for the young person's answer.
    The people acting for the deciding body are emailed (through the outbox).
    """
    own = learner.user_id is not None and learner.user_id == actor.pk
    on = today()
    case = case_raise_concern(
        actor=actor,
        learner=learner,
        raised_by=ConcernSource.YOUNG_PERSON if own else ConcernSource.PARENT,
        raised_by_name=actor.full_name,
        concern=concern,
        brought_to_attention_on=on,
        consent=ConsentAnswer.GIVEN if own else ConsentAnswer.NOT_YET,
        consent_on=on if own else None,
    )
    _tell_deciders(case)
    return case

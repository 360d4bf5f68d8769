"""Consent, referral to the LA, the decision, and the notice that gives it.

What each move does to the statutory clock comes from the table (`Transition.effects`); this
module carries the effects out, so the law stays in `aln.domain`.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from aln.cases.models import Case
from aln.cases.services.moves import case_lock, case_take
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.services.deadlines import deadline_open, deadlines_settle
from aln.domain.cases import APPEAL_RULE, DECISION_RULE, NECESSITY_RULE, DecidingBody
from aln.domain.deadlines import DeadlineState
from aln.domain.notices import (
    DeliveryMethod,
    NoticeKind,
    NoticeLanguage,
    Recipient,
    Right,
    notice_recipients,
    notice_rights,
)
from aln.domain.process import (
    CaseAction,
    ClosedBecause,
    Effect,
    InputError,
    Outcome,
    ProcessError,
    ReferralGround,
    Transition,
    check_date,
    check_decision,
    check_referral,
    check_text,
)
from aln.notices.content import Contact, NoticeContent
from aln.notices.models import Notice
from aln.notices.selectors import contact_of, providers_for_notice
from aln.notices.services import notice_issue


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field)


def _decision_rules() -> list[str]:
    return list(DECISION_RULE.values())


@transaction.atomic
def case_record_consent(
    *, actor: Any, case: Case, version: int, consent_on: datetime.date | None
) -> None:
    """The young person consents: the decision clock starts that day (spec T1-T3; reg 10(3))."""
    _raise(
        check_date(consent_on, "consent_on", today=today(), not_before=case.brought_to_attention_on)
    )
    assert consent_on is not None  # noqa: S101 (checked above)
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.RECORD_CONSENT,
        version=version,
        changes={"consent_on": consent_on.isoformat()},
        consent_on=consent_on,
        opened_on=consent_on,
    )
    deadline_open(
        actor=actor,
        case=case,
        rule_id=DECISION_RULE[DecidingBody(case.deciding_body)],
        started_on=consent_on,
    )


@transaction.atomic
def case_record_no_consent(
    *, actor: Any, case: Case, version: int, on: datetime.date | None
) -> None:
    """The young person does not consent: the duty to decide does not arise (s.11(3)(c))."""
    _raise(check_date(on, "on", today=today(), not_before=case.brought_to_attention_on))
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.RECORD_NO_CONSENT,
        version=version,
        closed_on=on,
        closed_because=ClosedBecause.NO_CONSENT.value,
    )
    deadlines_settle(actor=actor, case=case)


@transaction.atomic
def case_withdraw_consent(
    *, actor: Any, case: Case, version: int, on: datetime.date | None
) -> None:
    """The young person withdraws consent: every duty on the case ends (s.14(3); Nodi 10.06)."""
    _raise(check_date(on, "on", today=today(), not_before=case.brought_to_attention_on))
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.WITHDRAW_CONSENT,
        version=version,
        closed_on=on,
        closed_because=ClosedBecause.CONSENT_WITHDRAWN.value,
    )
    deadlines_settle(actor=actor, case=case)


@transaction.atomic
def case_refer_to_la(
    *,
    actor: Any,
    case: Case,
    version: int,
    grounds: Iterable[ReferralGround],
    summary: str,
    referred_on: datetime.date | None,
) -> None:
    """The school or FEI refers under s.12(2)(a): its clock closes and the LA's 12 weeks start
    on the day of the referral (spec T3)."""
    grounds = list(grounds)
    locked = case_lock(case, version)
    _raise(
        check_referral(
            grounds=grounds,
            summary=summary,
            evidence_count=locked.evidence.count(),
            referred_on=referred_on,
            concern_on=locked.brought_to_attention_on or locked.opened_on,
            today=today(),
        )
    )
    assert referred_on is not None  # noqa: S101 (checked above)
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.REFER_TO_LA,
        version=version,
        changes={"grounds": [g.value for g in grounds], "referred_on": referred_on.isoformat()},
        referred_on=referred_on,
        referral_grounds=[g.value for g in grounds],
        referral_summary=summary.strip(),
        deciding_body=DecidingBody.LOCAL_AUTHORITY.value,
        owner=None,
    )
    setting_rules = [DECISION_RULE[DecidingBody.SCHOOL], DECISION_RULE[DecidingBody.FEI]]
    deadlines_settle(actor=actor, case=case, rule_ids=setting_rules)
    deadline_open(
        actor=actor,
        case=case,
        rule_id=DECISION_RULE[DecidingBody.LOCAL_AUTHORITY],
        started_on=referred_on,
    )


def _idp_preparer(case: Case, requested: DecidingBody | None) -> DecidingBody:
    """Who prepares the IDP: the school or FEI that decided; for the LA, itself or (s.14(2)(b))
    the learner's maintained school it directs."""
    if case.deciding_body != DecidingBody.LOCAL_AUTHORITY.value:
        return DecidingBody(case.deciding_body)
    if requested is DecidingBody.SCHOOL and case.setting_id is not None:
        return DecidingBody.SCHOOL
    return DecidingBody.LOCAL_AUTHORITY


@transaction.atomic
def case_decide(
    *,
    actor: Any,
    case: Case,
    version: int,
    outcome: Outcome | None,
    reasons: str,
    decided_on: datetime.date | None,
    duty_exception: str = "",
    idp_preparer: DecidingBody | None = None,
) -> Transition:
    """Record the decision and its reasons (Act ss.11, 13, 18). For has-ALN the IDP is due by the
    same deadline (s.22); for some young persons the LA next decides necessity (s.14(1)(c))."""
    _raise(
        check_decision(
            outcome=outcome,
            reasons=reasons,
            decided_on=decided_on,
            duty_exception=duty_exception,
            concern_on=case.brought_to_attention_on or case.opened_on,
            today=today(),
        )
    )
    assert outcome is not None  # noqa: S101 (checked above)
    assert decided_on is not None  # noqa: S101
    # The deadline the decision answers: the latest still running (a referral closed the school's).
    decision_deadline = (
        case.deadlines.filter(rule_id__in=_decision_rules())
        .exclude(state=DeadlineState.CLOSED.value)
        .order_by("-started_on")
    )
    has_aln = outcome is Outcome.HAS_ALN
    transition = case_take(
        actor=actor,
        case=case,
        action=CaseAction.DECIDE,
        version=version,
        deciding=outcome,
        changes={"outcome": outcome.value, "decided_on": decided_on.isoformat()},
        outcome=outcome.value,
        reasons=reasons.strip(),
        decided_on=decided_on,
        decided_by=actor,
        duty_exception=duty_exception if outcome is Outcome.DUTY_DOES_NOT_ARISE else "",
        idp_preparer=_idp_preparer(case, idp_preparer).value if has_aln else "",
        idp_due_on=decision_deadline.values_list("due_on", flat=True).first() if has_aln else None,
    )
    if Effect.START_NECESSITY_CLOCK in transition.effects:
        deadline_open(
            actor=actor,
            case=case,
            rule_id=NECESSITY_RULE,
            started_on=case.consent_on or case.opened_on,
        )
    return transition


@transaction.atomic
def case_decide_necessity(
    *,
    actor: Any,
    case: Case,
    version: int,
    necessary: bool | None,
    reasons: str,
    decided_on: datetime.date | None,
) -> None:
    """The LA decides whether an IDP is necessary for a young person outside a maintained school
    or FEI (Act s.14(1)(c); regs 6-10)."""
    if necessary is None:
        raise ServiceError(ProcessError.OUTCOME_REQUIRED, field="necessary")
    _raise(
        check_text(reasons, "reasons")
        or check_date(decided_on, "decided_on", today=today(), not_before=case.decided_on)
    )
    assert decided_on is not None  # noqa: S101 (checked above)
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.DECIDE_NECESSITY,
        version=version,
        changes={"idp_necessary": necessary, "decided_on": decided_on.isoformat()},
        idp_necessary=necessary,
        necessity_reasons=reasons.strip(),
        necessity_decided_on=decided_on,
    )


_NOTICE_KIND = {
    Outcome.NO_ALN: NoticeKind.NO_ALN,
    Outcome.DUTY_DOES_NOT_ARISE: NoticeKind.DUTY_DOES_NOT_ARISE,
    Outcome.HAS_ALN: NoticeKind.HAS_ALN,
}


def notice_kind_for(case: Case) -> NoticeKind:
    """Which notice the decision calls for (spec §5)."""
    if case.idp_necessary is False:
        return NoticeKind.IDP_NOT_NECESSARY  # reg 10(2), (5)
    return _NOTICE_KIND[Outcome(case.outcome)]


def _body_names(case: Case) -> tuple[str, str, Contact]:
    body = case.setting if case.deciding_body != DecidingBody.LOCAL_AUTHORITY.value else None
    organisation = body or case.local_authority
    return organisation.name_en, organisation.name_cy, contact_of(organisation)


def _preparer_names(case: Case) -> tuple[str, str]:
    """The English and Welsh names of the body preparing the IDP."""
    if case.idp_preparer == DecidingBody.LOCAL_AUTHORITY.value or case.setting is None:
        return case.local_authority.name_en, case.local_authority.name_cy
    return case.setting.name_en, case.setting.name_cy


def notice_addressees(
    case: Case, recipients: tuple[Recipient, ...], case_friend_name: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names the notice is addressed to, email addresses it goes to)."""
    learner = case.learner
    names: list[str] = []
    emails: list[str] = []
    if Recipient.CHILD in recipients or Recipient.YOUNG_PERSON in recipients:
        names.append(learner.full_name)
        own_account = learner.user
        if own_account is not None and own_account.email:
            emails.append(own_account.email)
    if Recipient.PARENT in recipients:
        for link in learner.family_links.select_related("family_member").all():
            if link.has_parental_responsibility:
                names.append(link.family_member.full_name)
                if link.family_member.email:
                    emails.append(link.family_member.email)
    if Recipient.CASE_FRIEND in recipients and case_friend_name:
        names.append(case_friend_name)
    return tuple(names), tuple(emails)


@transaction.atomic
def case_give_notice(
    *,
    actor: Any,
    case: Case,
    version: int,
    language: NoticeLanguage,
    method: DeliveryMethod,
    given_on: datetime.date | None,
    child_lacks_capacity: bool = False,
    case_friend_name: str = "",
) -> Notice:
    """Give the decision notice (Act s.11(4), s.13(3), s.18(3); reg 10(2)) as a stored PDF.

    It carries the reasons, contacts, information and advice, disagreement resolution and
    advocacy providers, and the right to ask the LA to reconsider or to appeal to the Tribunal
    with the last day worked out by the clock from the day it is given (ETW Regs reg 10).
    Giving the notice settles the decision deadline (spec T1-T3, T8) unless an IDP follows.
    """
    _raise(
        check_date(
            given_on,
            "given_on",
            today=today(),
            not_before=case.necessity_decided_on or case.decided_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
        or check_text(case_friend_name, "case_friend_name", required=False, limit=200)
    )
    assert given_on is not None  # noqa: S101 (checked above)
    if not case_lock(case, version).outcome:
        raise ServiceError(ProcessError.NOT_ALLOWED_NOW)  # nothing decided: the table refuses too
    kind = notice_kind_for(case)
    learner = case.learner
    recipients = notice_recipients(
        is_young_person=case.is_young_person,
        looked_after=learner.is_looked_after,
        child_lacks_capacity=child_lacks_capacity,
        case_friend_appointed=bool(case_friend_name.strip()),
    )
    rights = notice_rights(
        decided_by_school=case.deciding_body == DecidingBody.SCHOOL.value, kind=kind
    )
    appeal_last_day = None
    if Right.APPEAL_TO_TRIBUNAL in rights:
        appeal_last_day, _remind = AuthorityClock.load(case.local_authority_id).dates(
            APPEAL_RULE, given_on, case.setting_id
        )
    decided_on = case.necessity_decided_on or case.decided_on
    assert decided_on is not None  # noqa: S101 (a notice follows a decision)
    name_en, name_cy, contact = _body_names(case)
    preparer_en, preparer_cy = _preparer_names(case) if kind is NoticeKind.HAS_ALN else ("", "")
    names, emails = notice_addressees(case, recipients, case_friend_name.strip())
    content = NoticeContent(
        kind=kind,
        language=language,
        case_reference=case.reference,
        learner_name=learner.full_name,
        learner_date_of_birth=learner.date_of_birth,
        addressee_names=names,
        recipients=recipients,
        body_name_en=name_en,
        body_name_cy=name_cy,
        decided_by_school=case.deciding_body == DecidingBody.SCHOOL.value,
        contact=contact,
        decided_on=decided_on,
        reasons=case.necessity_reasons if case.idp_necessary is False else case.reasons,
        given_on=given_on,
        rights=rights,
        appeal_last_day=appeal_last_day,
        idp_preparer_name=preparer_en,
        idp_preparer_name_cy=preparer_cy,
        idp_due_on=case.idp_due_on if kind is NoticeKind.HAS_ALN else None,
        providers=providers_for_notice(local_authority_id=case.local_authority_id),
        local_authority_name_en=case.local_authority.name_en,
        local_authority_name_cy=case.local_authority.name_cy,
        local_authority_contact=contact_of(case.local_authority),
    )
    closing: dict[str, Any] = {}
    if kind is not NoticeKind.HAS_ALN:  # an IDP follows only a has-ALN notice
        closing = {"closed_on": given_on, "closed_because": ClosedBecause.NOTICE_GIVEN.value}
    elif case.idp_preparer and case.idp_preparer != case.deciding_body:
        # The LA directed the school to prepare and maintain the plan (s.14(2)(b)): from now on
        # the school acts on the case, as the body that must give the plan (ADR 0012).
        closing = {"deciding_body": case.idp_preparer, "owner": None}
    transition = case_take(
        actor=actor,
        case=case,
        action=CaseAction.GIVE_NOTICE,
        version=version,
        changes={"kind": kind.value, "method": method.value, "given_on": given_on.isoformat()},
        **closing,
    )
    notice = notice_issue(actor=actor, case=case, content=content, method=method, email_to=emails)
    if Effect.SETTLE_DECISION_CLOCK in transition.effects:
        settle_on = None if kind is NoticeKind.DUTY_DOES_NOT_ARISE else given_on
        deadlines_settle(
            actor=actor, case=case, rule_ids=[*_decision_rules(), NECESSITY_RULE], met_on=settle_on
        )
    return notice


@transaction.atomic
def case_take_on(*, actor: Any, case: Case, version: int) -> None:
    """The person, acting for the body deciding, becomes the case's owner: its deadlines'
    reminders and missed-day emails come to them (`aln.deadlines.services.reminders`)."""
    before = case.owner.full_name if case.owner_id and case.owner else ""
    case_take(
        actor=actor,
        case=case,
        action=CaseAction.TAKE_ON,
        version=version,
        changes={"owner": [before, actor.full_name]},
        owner=actor,
    )

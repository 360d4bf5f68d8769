"""Giving a plan: freeze the version, give the family a copy with a covering letter, and run the
clocks the law attaches to it. Also the letters every other part of a plan's life gives.

- `plan_notice_issue` gives any notice about a plan (`aln.domain.notices.PLAN_KINDS`): the
  addressees come from the learner's family links (or the young person), the rights and their
  last days from `aln.domain.notices` and the LA's clock, and the letter is stored on the case
  by `aln.notices.services.notice_issue`.
- `idp_give` gives a draft (s.22 for the first plan, s.23(11) for a revised one): the case moves
  (GIVE_IDP or GIVE_REVISED_IDP) and the move's effects are carried out here, so the law stays in
  `aln.domain.process`.
- `idp_review_period_start` starts a new 12-month review period (s.23(3)-(5), (10); spec T11).
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from aln.audit.services import audit_record
from aln.cases.selectors import case_decider_contacts, case_la_prepares_revision, is_young_person_on
from aln.cases.services.deciding import notice_addressees
from aln.cases.services.moves import case_take
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.models import Deadline
from aln.deadlines.services.deadlines import deadline_open, deadlines_settle
from aln.disputes.selectors.standing import standing_for
from aln.domain.cases import DECISION_RULE
from aln.domain.deadlines import DeadlineState
from aln.domain.notices import (
    PLAN_KINDS,
    DeliveryMethod,
    NoticeKind,
    NoticeLanguage,
    Right,
    last_day_rule,
    notice_recipients,
    notice_rights,
)
from aln.domain.plans import REVIEW_RULE, PlanError
from aln.domain.process import CaseAction, Effect, ProcessError, check_date
from aln.domain.responsibility import Body
from aln.idps.models import Idp, IdpVersion, VersionState
from aln.idps.rendering import render_plan_html
from aln.idps.selectors.plans import current_version, issue_blocks, version_get
from aln.idps.services.drafting import _locked_draft
from aln.notices.content import NoticeContent
from aln.notices.models import Notice
from aln.notices.selectors import contact_of, providers_for_notice
from aln.notices.services import notice_issue
from aln.notifications.services import outbox_queue_written

# Notices that start a review period (s.23(3)-(5), (10)): their letter gives the next review's date.
_STARTS_REVIEW_PERIOD = frozenset(
    {NoticeKind.IDP_GIVEN, NoticeKind.REVISED_IDP_GIVEN, NoticeKind.NO_REVISION}
)
# Notices that carry a copy of the plan after the letter (s.22(1), (3); s.23(11)).
_ENCLOSE_PLAN = frozenset({NoticeKind.IDP_GIVEN, NoticeKind.REVISED_IDP_GIVEN})


def _maintaining_body(idp: Idp) -> Any:
    """The organisation that maintains the plan: the school or FEI, otherwise the LA."""
    if idp.maintained_by in (Body.SCHOOL.value, Body.FEI.value) and idp.setting is not None:
        return idp.setting
    return idp.local_authority


def plan_right_last_day(*, idp: Idp, right: Right, given_on: datetime.date) -> datetime.date | None:
    """The last day for using `right` on a notice given on `given_on`, from the LA's clock.

    None when the right has no statutory window, or when the calendar does not reach the day yet
    (the notice is then refused rather than guessed: `aln.domain.notices.notice_problem`).
    """
    rule_id = last_day_rule(right)
    if rule_id is None:
        return None
    due_on, _remind_on = AuthorityClock.load(idp.local_authority_id).dates(
        rule_id, given_on, idp.setting_id
    )
    return due_on


def _open_review_due_on(idp: Idp) -> datetime.date | None:
    return (
        Deadline.objects.filter(
            case_id=idp.case_id, rule_id=REVIEW_RULE, state=DeadlineState.OPEN.value
        )
        .order_by("-started_on")
        .values_list("due_on", flat=True)
        .first()
    )


def _review_due_on(idp: Idp, kind: NoticeKind, given_on: datetime.date) -> datetime.date | None:
    if kind in _STARTS_REVIEW_PERIOD:
        due_on, _remind_on = AuthorityClock.load(idp.local_authority_id).dates(
            REVIEW_RULE, given_on, idp.setting_id
        )
        return due_on
    return _open_review_due_on(idp)


def plan_notice_issue(
    *,
    actor: Any,
    idp: Idp,
    kind: NoticeKind,
    given_on: datetime.date,
    method: DeliveryMethod,
    language: NoticeLanguage,
    reasons: str = "",
    email_to: Iterable[str] = (),
    extra: dict[str, Any] | None = None,
) -> Notice:
    """Give a letter about the plan and store it on the plan's case (spec §5).

    Callers check that the actor may act and carry out what the notice is about; this builds
    and gives the letter. Refused with ServiceError(NoticeError...) when the letter would lack
    what the law asks (`aln.domain.notices.notice_problem`), writing nothing.

    - Recipients: the child and parent, or the young person (age on `given_on`), with the s.84
      capacity rule and the IRO where the source names one (`notice_recipients(kind=...)`);
      addressed by name from the learner's family links.
    - The body giving it is the one maintaining the plan now (`idp.maintained_by`); a school's
      plan gives the rights to ask the LA (ss.27, 32), any other body's the right of appeal
      (s.70), each with its last day from the LA's clock (`plan_right_last_day`).
    - `email_to`: where to email it when `method` is EMAIL (default: the addressees' addresses).
    - `extra`, by kind (all optional unless said):
        `decided_on` (date of the decision, proposal or review; default `given_on`);
        `version` (the IdpVersion enclosed after the letter of IDP_GIVEN / REVISED_IDP_GIVEN;
        default the version in force); `ground` (CeaseGround value: CEASE_PROPOSED,
        CEASE_DECIDED); `ceases_on`; `reconsideration_closes_on` (CEASE_DECIDED by a school;
        default from the `cease-reconsideration-request` clock); `appeal_last_day` (default
        from the `etw-appeal` clock); `new_body_name_en` / `_cy`
        (the body giving a RESPONSIBILITY_CHANGED notice, default the maintaining body);
        `previous_body_name_en` / `_cy`; `responsible_from` (or `joined_on`); `requested_on`
        (REVIEW_REFUSED);
        `review_due_on` (default: a new period's end for the kinds that start one, else the open
        review deadline's); `child_lacks_capacity`, `case_friend_name` (s.84, s.85; default:
        what is recorded, `aln.disputes.selectors.standing.standing_for`);
        `given_by_la`: the LA gives a revised plan it prepared after reconsidering a school's or
        FEI's plan (s.27(6)-(7)): the LA is the body giving it, its content is appealable (s.70)
        and the governing body is given a copy.
    """
    kind = NoticeKind(kind)
    if kind not in PLAN_KINDS:
        raise ValueError(f"Not a notice about a plan: {kind}")
    extra = dict(extra or {})
    idp = Idp.objects.select_related("case", "learner", "local_authority", "setting").get(pk=idp.pk)
    case, learner = idp.case, idp.learner
    # Capacity and the case friend come from the records unless the caller says (s.84, s.85).
    standing = standing_for(learner=learner, on=given_on)
    recorded_friend = standing.case_friend.name if standing.case_friend else ""
    case_friend_name = str(extra.get("case_friend_name", recorded_friend)).strip()
    lacks_capacity = standing.child_lacks_capacity and not standing.capacity_declared_by_tribunal
    recipients = notice_recipients(
        is_young_person=is_young_person_on(learner, given_on),
        looked_after=learner.is_looked_after,
        child_lacks_capacity=bool(extra.get("child_lacks_capacity", lacks_capacity)),
        case_friend_appointed=bool(case_friend_name),
        kind=kind,
    )
    names, emails = notice_addressees(case, recipients, case_friend_name)
    given_by_la = bool(extra.get("given_by_la"))
    decided_by_school = idp.maintained_by == Body.SCHOOL.value and not given_by_la
    rights = notice_rights(decided_by_school=decided_by_school, kind=kind)
    appeal_last_day = None
    if Right.APPEAL_TO_TRIBUNAL in rights:
        appeal_last_day = extra.get("appeal_last_day") or plan_right_last_day(
            idp=idp, right=Right.APPEAL_TO_TRIBUNAL, given_on=given_on
        )
    reconsideration_last_day = None
    if Right.ASK_LA_TO_RECONSIDER_CEASING in rights:
        reconsideration_last_day = extra.get("reconsideration_closes_on") or plan_right_last_day(
            idp=idp, right=Right.ASK_LA_TO_RECONSIDER_CEASING, given_on=given_on
        )
    body = idp.local_authority if given_by_la else _maintaining_body(idp)
    about = idp.setting if given_by_la else None
    enclosed = _enclosed_version(idp, kind, extra)
    content = NoticeContent(
        kind=kind,
        language=NoticeLanguage(language),
        case_reference=case.reference,
        learner_name=learner.full_name,
        learner_date_of_birth=learner.date_of_birth,
        addressee_names=names,
        recipients=recipients,
        body_name_en=extra.get("new_body_name_en") or body.name_en,
        body_name_cy=extra.get("new_body_name_cy") or body.name_cy,
        decided_by_school=decided_by_school,
        contact=contact_of(body),
        decided_on=extra.get("decided_on") or given_on,
        reasons=reasons.strip(),
        given_on=given_on,
        rights=rights,
        appeal_last_day=appeal_last_day,
        providers=providers_for_notice(local_authority_id=idp.local_authority_id),
        local_authority_name_en=idp.local_authority.name_en,
        local_authority_name_cy=idp.local_authority.name_cy,
        local_authority_contact=contact_of(idp.local_authority),
        reconsideration_last_day=reconsideration_last_day,
        review_due_on=extra.get("review_due_on") or _review_due_on(idp, kind, given_on),
        plan_version=enclosed.number if enclosed is not None else None,
        cease_ground=str(extra.get("ground", "")),
        ceases_on=extra.get("ceases_on"),
        previous_body_name_en=extra.get("previous_body_name_en", ""),
        previous_body_name_cy=extra.get("previous_body_name_cy", ""),
        responsible_from=extra.get("responsible_from") or extra.get("joined_on"),
        requested_on=extra.get("requested_on"),
        about_body_name_en=about.name_en if about is not None else "",
        about_body_name_cy=about.name_cy if about is not None else "",
        copy_to_governing_body=about is not None,
    )
    enclosures: tuple[str, ...] = ()
    if enclosed is not None:
        html = render_plan_html(
            idp=idp, version=enclosed, language=str(language), given_on=given_on, given_to=names
        )
        enclosures = (html,)
    return notice_issue(
        actor=actor,
        case=case,
        content=content,
        method=DeliveryMethod(method),
        email_to=tuple(email_to) or emails,
        enclosures=enclosures,
    )


def _enclosed_version(idp: Idp, kind: NoticeKind, extra: dict[str, Any]) -> IdpVersion | None:
    if kind not in _ENCLOSE_PLAN:
        return None
    chosen = extra.get("version")
    if chosen is not None:
        return version_get(idp=idp, number=chosen.number)
    version = current_version(idp=idp)
    if version is None:
        raise ServiceError(PlanError.NOT_IN_FORCE)
    return version


@transaction.atomic
def idp_review_period_start(*, actor: Any, idp: Idp, started_on: datetime.date) -> Deadline:
    """Start the next review period on `started_on` (Effect.START_REVIEW_PERIOD).

    The period running is met that day (a plan, revised plan or no-revision notice was given:
    s.23(3)-(5), (10)) and the next opens from it, owned by the case's owner (rule `idp-review`,
    spec T11). The plan records when the period began, and when it was first given.
    Audit events: `deadline.met`, `deadline.opened`, `idp.review_period_started`.
    """
    locked = Idp.objects.select_for_update(of=("self",)).select_related("case").get(pk=idp.pk)
    case = locked.case
    deadlines_settle(actor=actor, case=case, rule_ids=[REVIEW_RULE], met_on=started_on)
    deadline = deadline_open(
        actor=actor, case=case, rule_id=REVIEW_RULE, started_on=started_on, owner=case.owner
    )
    values: dict[str, Any] = {"review_period_started_on": started_on}
    if locked.first_given_on is None:
        values["first_given_on"] = started_on
    Idp.objects.filter(pk=locked.pk).update(updated_by=actor, updated_at=timezone.now(), **values)
    for name, value in values.items():
        setattr(idp, name, value)
    audit_record(
        actor=actor,
        event_type="idp.review_period_started",
        subject=locked,
        local_authority_id=locked.local_authority_id,
        changes={
            "review_period_started_on": [
                _iso(locked.review_period_started_on),
                started_on.isoformat(),
            ],
            "due_on": _iso(deadline.due_on),
        },
    )
    return deadline


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def idp_give(
    *,
    actor: Any,
    idp: Idp,
    version: IdpVersion,
    revision: int,
    case_version: int,
    given_on: datetime.date | None,
    method: DeliveryMethod,
    language: NoticeLanguage,
    email_to: Iterable[str] = (),
) -> Notice:
    """Give the draft `version` of the plan to the family (s.22; a revised plan: s.23(11)).

    Refused, with nothing written, when: someone saved the draft since `revision` or moved the
    case since `case_version` (CHANGED_BY_SOMEONE_ELSE); anything blocks issuing
    (`PlanError.CANNOT_ISSUE`, see `issue_blocks`); `given_on` is missing, in the future or
    before the decision; the case's stage does not allow it; the letter would be unlawful.

    Otherwise, in one transaction: the case moves (GIVE_IDP for the first plan, GIVE_REVISED_IDP
    after), the decision deadline is met on `given_on` (MEET_DECISION_CLOCK), the next review
    period starts (START_REVIEW_PERIOD, `idp_review_period_start`), the letter with the plan
    enclosed is given (IDP_GIVEN or REVISED_IDP_GIVEN) and the version is frozen as issued, with
    the date, who gave it, to whom and the notice.
    Audit events: the case move, the deadlines', `notice.issued`, `idp.given`.
    """
    locked = _locked_draft(actor, version, revision)
    draft = version_get(idp=idp, number=locked.number)
    if issue_blocks(draft):
        raise ServiceError(PlanError.CANNOT_ISSUE)
    case = idp.case  # the caller's case object follows the move (`case_take` updates it)
    error = check_date(
        given_on,
        "given_on",
        today=today(),
        not_before=case.decided_on,
        before_code=ProcessError.DATE_BEFORE_START,
    )
    if error is not None:
        raise ServiceError(error.code, field=error.field)
    assert given_on is not None  # noqa: S101 (checked above)
    revised = IdpVersion.objects.filter(idp_id=idp.pk, state=VersionState.ISSUED).exists()
    action = CaseAction.GIVE_REVISED_IDP if revised else CaseAction.GIVE_IDP
    # A revision the LA prepared on reconsidering a school's or FEI's plan (s.27(6)): the LA
    # gives it, and from then on the body maintaining the plan maintains it (s.27(7)).
    by_la = revised and case_la_prepares_revision(case)
    preparer: dict[str, Any] = {"idp_preparer": idp.maintained_by} if by_la else {}
    transition = case_take(
        actor=actor,
        case=case,
        action=action,
        version=case_version,
        changes={
            "idp_version": locked.number,
            "given_on": given_on.isoformat(),
            **({"given_by_la": True} if by_la else {}),
        },
        **preparer,
    )
    if Effect.MEET_DECISION_CLOCK in transition.effects:
        deadlines_settle(
            actor=actor, case=case, rule_ids=list(DECISION_RULE.values()), met_on=given_on
        )
    if Effect.START_REVIEW_PERIOD in transition.effects:
        idp_review_period_start(actor=actor, idp=idp, started_on=given_on)
    notice = plan_notice_issue(
        actor=actor,
        idp=idp,
        kind=NoticeKind.REVISED_IDP_GIVEN if revised else NoticeKind.IDP_GIVEN,
        given_on=given_on,
        method=method,
        language=language,
        reasons=locked.why_revised if revised else "",
        email_to=email_to,
        extra={
            "version": draft,
            "decided_on": case.decided_on or given_on,
            **({"given_by_la": True} if by_la else {}),
        },
    )
    _freeze(actor, locked, given_on, notice)
    for name in ("state", "issued_on", "issued_by_id", "given_to", "notice_id", "revision"):
        setattr(version, name, getattr(locked, name))
    audit_record(
        actor=actor,
        event_type="idp.given",
        subject=locked.idp,
        local_authority_id=locked.idp.local_authority_id,
        changes={
            "version": locked.number,
            "given_on": given_on.isoformat(),
            "method": str(method),
            "language": str(language),
            "given_to": list(notice.addressee_names),
            "notice": str(notice.pk),
        },
    )
    if by_la:
        _tell_maintainers_of_la_revision(idp, locked, given_on)
    return notice


def _tell_maintainers_of_la_revision(idp: Idp, version: IdpVersion, given_on: datetime.date) -> int:
    """s.27(7): the LA gave the revised plan it prepared; email everyone acting for the school or
    FEI that maintains it now (outbox, without the learner's name), since they did not write it."""
    url = settings.SITE_URL.rstrip("/") + reverse("idps:plan", args=[idp.pk])
    review_due_on = (
        Deadline.objects.filter(case_id=idp.case_id, rule_id=REVIEW_RULE, state=DeadlineState.OPEN)
        .values_list("due_on", flat=True)
        .first()
    )
    return outbox_queue_written(
        contacts=case_decider_contacts(idp.case),
        dedupe_key=f"idp-la-revision:{version.pk}",
        template="idps/la_revision_email",
        values=lambda: {
            "reference": idp.case.reference,
            "given_on": date_format(given_on, "j F Y"),
            "review_due_on": date_format(review_due_on, "j F Y") if review_due_on else "",
            "url": url,
        },
    )


def _freeze(actor: Any, locked: IdpVersion, given_on: datetime.date, notice: Notice) -> None:
    """Mark the draft issued in one write: `IdpVersion.save()` refuses any change after this."""
    values = {
        "state": VersionState.ISSUED.value,
        "issued_on": given_on,
        "issued_by_id": getattr(actor, "pk", None),
        "given_to": list(notice.addressee_names),
        "notice_id": notice.pk,
        "revision": locked.revision + 1,
    }
    written = IdpVersion.objects.filter(pk=locked.pk, state=VersionState.DRAFT).update(
        updated_by=actor, updated_at=timezone.now(), **values
    )
    if written != 1:  # pragma: no cover (the draft is locked by this transaction)
        raise ServiceError(PlanError.NOT_A_DRAFT)
    for name, value in values.items():
        setattr(locked, name, value)

"""Passing a plan to the body that must now maintain it (Act ss.30, 35; Regs regs 15-16; spec
§6.3, T16, T11).

The old body records the move. The case follows the plan (ADR 0012): its local authority,
setting and deciding body become the new body's, and nobody owns it until someone there takes it
on. Its open deadlines go with it (`Effect.HAND_OVER_CLOCKS`): each is dated again on the new
body's calendar from the day it started. The review period is counted in months, so it carries on
to the same day (s.23, s.35; T11); a school-day limit would move with the new school's terms.
The new body tells the family it is now responsible (s.22(2)), and the people acting for it are
emailed that the plan has arrived; the old body's copy of the plan to the new body (reg 15) is
recorded on the transfer.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from aln.cases.models import Case
from aln.cases.selectors import case_decider_contacts, case_parties_for
from aln.cases.services.moves import case_lock, case_take
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.deadlines.services.deadlines import deadlines_hand_over
from aln.domain.cases import DecidingBody
from aln.domain.notices import DeliveryMethod, NoticeKind, NoticeLanguage
from aln.domain.organisations import MAINTAINED_SCHOOL_KINDS, SettingKind
from aln.domain.plans import (
    CARRIED_ON_TRANSFER,
    PlanError,
    TransferError,
    TransferKind,
    check_transfer,
)
from aln.domain.process import (
    CaseAction,
    Effect,
    InputError,
    Party,
    ProcessError,
    check_date,
    check_text,
)
from aln.domain.responsibility import Body
from aln.idps.models import (
    Idp,
    IdpVersion,
    RequestState,
    ReviewRequest,
    Transfer,
    VersionState,
)
from aln.idps.services.issuing import plan_notice_issue
from aln.learners.services import learner_set_looked_after
from aln.notifications.services import outbox_queue_written
from aln.organisations.models import LocalAuthority, Setting

# The body that maintains a plan, as the case's deciding body (aln.domain.cases).
DECIDING_BODY = {
    Body.SCHOOL: DecidingBody.SCHOOL,
    Body.FEI: DecidingBody.FEI,
    Body.LOCAL_AUTHORITY: DecidingBody.LOCAL_AUTHORITY,
    Body.LOOKING_AFTER_AUTHORITY: DecidingBody.LOCAL_AUTHORITY,
}

# The settings each body that is a setting can be (s.35: maintained schools; FEIs).
_SETTING_KINDS = {
    Body.SCHOOL: frozenset(k.value for k in MAINTAINED_SCHOOL_KINDS),
    Body.FEI: frozenset({SettingKind.FEI.value}),
}

# Moves to an authority someone chooses: the new LA (s.35(7)-(8)) or the looking-after LA
# (s.35(11)-(13)). Dual registration and leaving care go to the learner's home authority.
_CHOSEN_AUTHORITY = frozenset({TransferKind.BETWEEN_LAS, TransferKind.INTO_CARE})

_FIELDS = {
    TransferError.NOT_FROM_THIS_BODY: "kind",
    TransferError.SAME_BODY: "kind",
    TransferError.JOINED_TOO_LATE: "joined_on",
    TransferError.NO_NEW_SETTING: "new_setting",
    TransferError.NO_NEW_AUTHORITY: "new_local_authority",
}


def _raise(error: InputError | None) -> None:
    if error is not None:
        raise ServiceError(error.code, field=error.field)


def _new_authority(
    kind: TransferKind,
    idp: Idp,
    setting: Setting | None,
    chosen: LocalAuthority | None,
) -> LocalAuthority | None:
    """The LA the plan belongs to after the move: the new school's or college's; the one chosen
    (another LA, or the LA that looks after the child); otherwise the learner's home LA."""
    if kind.rule.to_body in _SETTING_KINDS:
        return setting.local_authority if setting is not None else None
    if kind in _CHOSEN_AUTHORITY:
        return chosen
    return idp.learner.home_local_authority


def _check(
    *,
    idp: Idp,
    kind: TransferKind,
    joined_on: datetime.date,
    setting: Setting | None,
    authority: LocalAuthority | None,
    chosen_authority: bool,
) -> None:
    to_body = kind.rule.to_body
    same = (
        authority is not None
        and to_body.value == idp.maintained_by
        and authority.pk == idp.local_authority_id
        and (setting.pk if setting else None) == idp.setting_id
    )
    error = check_transfer(
        kind,
        maintained_by=Body(idp.maintained_by),
        joined_on=joined_on,
        new_setting_chosen=setting is not None,
        new_authority_chosen=chosen_authority,
        same_as_now=same,
    )
    if error is not None:
        raise ServiceError(error, field=_FIELDS[error])
    if setting is not None and setting.kind not in _SETTING_KINDS[to_body]:
        # A move to a school names a maintained school; a move to an FEI names an FEI.
        raise ServiceError(TransferError.NO_NEW_SETTING, field="new_setting")


def _copy_note(idp: Idp, to_name: str, on: datetime.date, notes: str) -> str:
    """The record of the old body's copy of the plan to the new one (reg 15), then any notes."""
    given = (
        IdpVersion.objects.filter(idp=idp, state=VersionState.ISSUED).order_by("-number").first()
    )
    line = gettext(
        "Regulation 15: a copy of the IDP (version %(number)s) was passed to %(body)s on %(date)s."
    ) % {
        "number": given.number if given else "-",
        "body": to_name,
        "date": date_format(on, "j F Y"),
    }
    return "\n\n".join(part for part in (line, notes.strip()) if part)


def _tell_new_body(transfer: Transfer, case: Case) -> int:
    """Email everyone acting for the new body that a plan has been passed to them (outbox).
    The email names no learner: it says where to sign in to see the plan."""
    url = settings.SITE_URL.rstrip("/") + reverse("idps:plan", args=[transfer.idp_id])
    return outbox_queue_written(
        contacts=case_decider_contacts(case),
        dedupe_key=f"idp-transfer:{transfer.pk}",
        template="idps/transfer_email",
        values=lambda: {
            "reference": case.reference,
            "joined_on": date_format(transfer.joined_on, "j F Y"),
            "url": url,
        },
    )


def _name(organisation: Any, language: str) -> str:
    return organisation.name_cy if language == "cy" else organisation.name_en


@transaction.atomic
def idp_transfer(
    *,
    actor: Any,
    idp: Idp,
    case_version: int,
    kind: TransferKind,
    joined_on: datetime.date | None,
    new_setting: Setting | None = None,
    new_local_authority: LocalAuthority | None = None,
    notes: str = "",
    notice_language: NoticeLanguage,
    notice_method: DeliveryMethod,
    given_on: datetime.date | None,
) -> Transfer:
    """Pass the plan to the body that must now maintain it (spec §6.3).

    Refused unless the person acts for the body maintaining it now, and unless the move fits
    (`aln.domain.plans.check_transfer`: from this body, a start-of-year move joined by the end of
    September, the new school, college or authority named, not the body that has it already).

    Open requests for a review lose their owner (the new body picks them up).
    Audit: `case.transferred` (kind, from and to), `deadline.handed_over` for each open deadline,
    `notice.issued` for the new body's letter to the family (s.22(2)). Side effect: an email to
    each person acting for the new body (outbox), without the learner's name.
    """
    case_lock(idp.case, case_version)
    if Party.DECIDER not in case_parties_for(user=actor, case=idp.case):
        raise ServiceError(PlanError.NOT_YOURS)
    _raise(
        check_date(
            joined_on,
            "joined_on",
            today=today(),
            not_before=idp.first_given_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
        or check_date(
            given_on,
            "given_on",
            today=today(),
            not_before=joined_on,
            before_code=ProcessError.DATE_BEFORE_START,
        )
        or check_text(notes, "notes", required=False)
    )
    assert joined_on is not None  # noqa: S101 (checked above)
    assert given_on is not None  # noqa: S101
    to_body = kind.rule.to_body
    setting = new_setting if to_body in _SETTING_KINDS else None
    authority = _new_authority(kind, idp, setting, new_local_authority)
    _check(
        idp=idp,
        kind=kind,
        joined_on=joined_on,
        setting=setting,
        authority=authority,
        chosen_authority=new_local_authority is not None,
    )
    assert authority is not None  # noqa: S101 (a setting or authority was named: checked above)
    case = idp.case
    from_body, from_authority, from_setting = (
        Body(idp.maintained_by),
        idp.local_authority,
        idp.setting,
    )
    # Open requests for a review are the new body's tasks now: nobody there owns them yet.
    released = [
        str(pk)
        for pk in ReviewRequest.objects.filter(
            idp=idp, state=RequestState.OPEN, owner__isnull=False
        ).values_list("pk", flat=True)
    ]
    transition = case_take(
        actor=actor,
        case=case,
        action=CaseAction.TRANSFER,
        version=case_version,
        changes={
            "kind": kind.value,
            "joined_on": joined_on.isoformat(),
            "maintained_by": [from_body.value, to_body.value],
            "local_authority": [str(from_authority.pk), str(authority.pk)],
            "setting": [
                str(from_setting.pk) if from_setting else None,
                str(setting.pk) if setting else None,
            ],
            **({"review_requests_released": released} if released else {}),
        },
        local_authority=authority,
        setting=setting,
        deciding_body=DECIDING_BODY[to_body].value,
        owner=None,
    )
    if kind in (TransferKind.INTO_CARE, TransferKind.OUT_OF_CARE):
        # Who looks after the child is part of who is responsible for them and who sees them.
        learner_set_looked_after(
            actor=actor,
            learner=idp.learner,
            looked_after_by=authority if kind is TransferKind.INTO_CARE else None,
            reason=kind.rule.source,
        )
    if Effect.HAND_OVER_CLOCKS in transition.effects:
        deadlines_hand_over(
            actor=actor, case=case, carry_on=CARRIED_ON_TRANSFER, reason=kind.rule.source
        )
    ReviewRequest.objects.filter(pk__in=released).update(
        owner=None, updated_by=actor, updated_at=timezone.now()
    )
    Idp.objects.filter(pk=idp.pk).update(
        maintained_by=to_body.value,
        local_authority=authority,
        setting=setting,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    idp.maintained_by, idp.local_authority, idp.setting = to_body.value, authority, setting
    new_body = setting or authority
    old_body = from_setting or from_authority
    notice = plan_notice_issue(
        actor=actor,
        idp=idp,
        kind=NoticeKind.RESPONSIBILITY_CHANGED,
        given_on=given_on,
        method=notice_method,
        language=notice_language,
        extra={
            "joined_on": joined_on,
            "new_body_name_en": new_body.name_en,
            "new_body_name_cy": new_body.name_cy,
            "previous_body_name_en": old_body.name_en,
            "previous_body_name_cy": old_body.name_cy,
        },
    )
    transfer = Transfer.objects.create(
        idp=idp,
        kind=kind.value,
        joined_on=joined_on,
        from_body=from_body.value,
        from_local_authority=from_authority,
        from_setting=from_setting,
        to_body=to_body.value,
        to_local_authority=authority,
        to_setting=setting,
        notes=_copy_note(idp, _name(new_body, translation.get_language() or ""), today(), notes),
        notice=notice,
        created_by=actor,
        updated_by=actor,
    )
    _tell_new_body(transfer, case)
    return transfer

"""Writes: giving a statutory notice, recording that one was read, and the LA's providers.

A notice is rendered to PDF, stored once (private storage, SHA-256 recorded) and never changed
(spec §5, architecture §6). The date and method it was given are stored with it: email counts as
given the day it is sent (Act s.88(6)), and the appeal period runs from the day it is given.
"""

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from aln.audit.changes import field_changes
from aln.audit.services import audit_record
from aln.common.errors import ServiceError
from aln.domain.notices import (
    DeliveryMethod,
    NoticeKind,
    ProviderError,
    ProviderKind,
    Right,
    notice_problem,
)
from aln.notices.content import NoticeContent
from aln.notices.models import Notice, SupportProvider
from aln.notices.rendering import date_in_words, notice_languages, render_notice_pdf
from aln.notices.selectors import managed_local_authority_ids
from aln.notifications.services import outbox_queue


def notice_issue(
    *,
    actor: Any,
    case: Any,
    content: NoticeContent,
    method: DeliveryMethod,
    email_to: tuple[str, ...] = (),
    enclosures: Sequence[str] = (),
) -> Notice:
    """Render the notice to PDF, store it immutably and record that it was given.

    `enclosures` are HTML documents drawn after the letter in the same PDF (a copy of the plan
    with the letter that gives it: `aln.idps.rendering.render_plan_html`).

    Refused with ServiceError(NoticeError...) if the content lacks what the law requires
    (`aln.domain.notices.notice_problem`): reasons, recipients, the right of challenge that fits
    the body deciding, the last day for appealing (or for asking the LA to reconsider ceasing),
    the IDP's due date, an email address when given by email. Nothing is stored then.

    Audit event: `notice.issued` (subject: the notice) with the case, kind, language, method,
    given_on, recipients, rights, appeal_last_day and the file's SHA-256.
    Side effect: when `method` is EMAIL, one email per address in `email_to`, queued in the
    outbox in this transaction (so a rolled-back notice sends nothing), telling the family the
    notice is ready and linking to it. The email does not carry the letter: email is not a
    secure channel, and the link needs the person to sign in.
    """
    addresses = tuple(dict.fromkeys(a.strip() for a in email_to if a.strip()))
    problem = notice_problem(
        kind=NoticeKind(content.kind),
        decided_by_school=content.decided_by_school,
        rights=content.rights,
        reasons=content.reasons,
        recipients=content.recipients,
        addressee_count=len([n for n in content.addressee_names if n.strip()]),
        decided_on=content.decided_on,
        given_on=content.given_on,
        appeal_last_day=content.appeal_last_day,
        idp_due_on=content.idp_due_on,
        method=DeliveryMethod(method),
        email_count=len(addresses),
        reconsideration_last_day=content.reconsideration_last_day,
    )
    if problem is not None:
        raise ServiceError(problem)
    # Drawn before the transaction opens: it takes a moment and needs no rows locked.
    pdf = render_notice_pdf(content, enclosures=enclosures)
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        notice = Notice(
            case_id=case.pk,
            learner_id=case.learner_id,
            local_authority_id=case.local_authority_id,
            kind=str(content.kind),
            language=str(content.language),
            recipients=[str(r) for r in content.recipients],
            addressee_names=list(content.addressee_names),
            rights=sorted(str(r) for r in content.rights),
            method=str(method),
            email_to=list(addresses) if method == DeliveryMethod.EMAIL else [],
            given_on=content.given_on,
            appeal_last_day=content.appeal_last_day,
            file=ContentFile(pdf, name="notice.pdf"),
            sha256=digest,
            size_bytes=len(pdf),
            created_by=_user(actor),
            updated_by=_user(actor),
        )
        notice.save()
        audit_record(
            actor=actor,
            event_type="notice.issued",
            subject=notice,
            local_authority_id=case.local_authority_id,
            changes={
                "case_id": str(case.pk),
                "kind": notice.kind,
                "language": notice.language,
                "method": notice.method,
                "given_on": content.given_on.isoformat(),
                "recipients": notice.recipients,
                "rights": notice.rights,
                "appeal_last_day": _iso(content.appeal_last_day),
                **(
                    {"reconsideration_last_day": _iso(content.reconsideration_last_day)}
                    if content.reconsideration_last_day
                    else {}
                ),
                "sha256": digest,
            },
        )
        if method == DeliveryMethod.EMAIL:
            for address in addresses:
                _queue_email(notice, content, address)
    return notice


def notice_read_pdf(*, notice: Notice) -> bytes:
    """The stored PDF's bytes (the caller has checked access with `notice_get_for`)."""
    with notice.file.open("rb") as stored:
        return stored.read()


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


_EMAIL_LOCALE = {"cy": "cy", "en": "en-gb"}


def _email_part(notice: Notice, content: NoticeContent, language: str, kind: str) -> str:
    url = settings.SITE_URL.rstrip("/") + reverse(
        "notices:download", kwargs={"notice_id": notice.pk}
    )
    body_name = (
        (content.body_name_cy or content.body_name_en) if language == "cy" else content.body_name_en
    )
    with translation.override(_EMAIL_LOCALE[language]):
        return render_to_string(
            f"notices/email/issued_{kind}.txt",
            {
                "reference": content.case_reference,
                "body_name": body_name,
                "given_on": date_in_words(content.given_on, language),
                "appeal": Right.APPEAL_TO_TRIBUNAL in content.rights,
                "appeal_last_day": date_in_words(content.appeal_last_day, language, weekday=True)
                if content.appeal_last_day
                else "",
                "url": url,
            },
        ).strip()


def _queue_email(notice: Notice, content: NoticeContent, address: str) -> None:
    languages = notice_languages(content.language)
    subject = " / ".join(_email_part(notice, content, lang, "subject") for lang in languages)
    body = "\n\n----------\n\n".join(
        _email_part(notice, content, lang, "body") for lang in languages
    )
    outbox_queue(
        dedupe_key=f"notice-issued:{notice.pk}:{address.lower()}",
        to_email=address,
        language=languages[0],
        subject=subject,
        body=body + "\n",
    )


@dataclass(frozen=True)
class ProviderDetails:
    """What the LA manager types about a provider (names and descriptions in both languages)."""

    kind: ProviderKind
    name_en: str
    name_cy: str
    phone: str = ""
    email: str = ""
    website: str = ""
    description_en: str = ""
    description_cy: str = ""


def _check_manages(actor: Any, local_authority_id: Any) -> None:
    if local_authority_id not in managed_local_authority_ids(user=actor):
        raise ServiceError(ProviderError.OUTSIDE_YOUR_AUTHORITY)


def _locked_provider(actor: Any, provider_id: Any) -> SupportProvider:
    try:
        provider = SupportProvider.objects.select_for_update().get(pk=provider_id)
    except SupportProvider.DoesNotExist as error:
        raise ServiceError(ProviderError.OUTSIDE_YOUR_AUTHORITY) from error
    _check_manages(actor, provider.local_authority_id)
    return provider


def support_provider_create(
    *, actor: Any, local_authority_id: Any, details: ProviderDetails
) -> SupportProvider:
    """Add a provider the LA's notices will name (Act ss.9, 68, 69).

    Only an LA ALN manager of that LA (else ServiceError OUTSIDE_YOUR_AUTHORITY).
    Audit event: `support_provider.created` with every field.
    """
    _check_manages(actor, local_authority_id)
    values = {**asdict(details), "kind": str(details.kind)}
    with transaction.atomic():
        provider = SupportProvider.objects.create(
            local_authority_id=local_authority_id,
            created_by=_user(actor),
            updated_by=_user(actor),
            **values,
        )
        audit_record(
            actor=actor,
            event_type="support_provider.created",
            subject=provider,
            local_authority_id=local_authority_id,
            changes={name: [None, value] for name, value in values.items()},
        )
    return provider


def support_provider_update(
    *, actor: Any, provider_id: Any, details: ProviderDetails
) -> SupportProvider:
    """Change a provider's details. Notices already given keep what they said.

    Audit event: `support_provider.updated` with before and after of the changed fields only
    (none changed: no event).
    """
    values = {**asdict(details), "kind": str(details.kind)}
    with transaction.atomic():
        provider = _locked_provider(actor, provider_id)
        changes = field_changes(provider, values, values)
        if not changes:
            return provider
        for name in changes:
            setattr(provider, name, values[name])
        provider.updated_by = _user(actor)
        provider.save(update_fields=[*changes, "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            event_type="support_provider.updated",
            subject=provider,
            local_authority_id=provider.local_authority_id,
            changes=changes,
        )
    return provider


def support_provider_deactivate(*, actor: Any, provider_id: Any) -> SupportProvider:
    """Stop naming a provider on new notices (it is kept, for the notices that named it).

    Refused with ALREADY_INACTIVE if it is. Audit event: `support_provider.deactivated`.
    """
    with transaction.atomic():
        provider = _locked_provider(actor, provider_id)
        if not provider.is_active:
            raise ServiceError(ProviderError.ALREADY_INACTIVE)
        provider.is_active = False
        provider.updated_by = _user(actor)
        provider.save(update_fields=["is_active", "updated_by", "updated_at"])
        audit_record(
            actor=actor,
            event_type="support_provider.deactivated",
            subject=provider,
            local_authority_id=provider.local_authority_id,
            changes={"is_active": [True, False]},
        )
    return provider

"""Appendices to a plan (Code 23.5, 23.22): professional reports, a health care plan, interim
targets. A document is added to the draft and stays part of every later version until a draft
removes it; the file itself is never changed, so an old version still shows what it carried.

Files are checked by what they contain (`aln.domain.attachments`), kept in the private document
store (never under the web root), and every addition, removal and download is audited.
"""

import zipfile
from typing import IO, Any

from django.core.exceptions import SuspiciousFileOperation
from django.db import transaction
from django.utils.text import get_valid_filename

from aln.audit.services import audit_record
from aln.cases.selectors import case_parties_for
from aln.common.errors import ServiceError
from aln.domain.attachments import (
    EXTENSIONS,
    HEAD_BYTES,
    AttachmentError,
    check_size,
    file_type,
    is_zip,
)
from aln.domain.plans import PlanError
from aln.domain.process import Party
from aln.idps.models import Attachment, AttachmentKind, Idp, IdpVersion, VersionState
from aln.notices.models import document_storage

MAX_TITLE_LENGTH = 200


def _sniff(upload: IO[bytes]) -> str | None:
    """The file's type from its content; the file is left at its start."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    names: list[str] = []
    if is_zip(head):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        # A crafted archive can fail in other ways than BadZipFile: a "version needed" no unzip
        # has (NotImplementedError), a part's name that is not the UTF-8 it claims to be
        # (UnicodeDecodeError, a ValueError), or a seek outside the file (OSError).
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
            names = []
    upload.seek(0)
    return file_type(head, names)


def safe_filename(name: str, content_type: str) -> str:
    """An ASCII file name with the extension its content calls for (`report.pdf`)."""
    stem = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    stem = stem.encode("ascii", "ignore").decode()
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:  # a name such as "..": use the default
        stem = ""
    stem = stem[:100] or "document"
    return f"{stem}.{EXTENSIONS[content_type]}"


def _draft_for_update(actor: Any, idp: Idp) -> IdpVersion:
    locked = Idp.objects.select_for_update(of=("self",)).select_related("case").get(pk=idp.pk)
    if Party.DECIDER not in case_parties_for(user=actor, case=locked.case):
        raise ServiceError(PlanError.NOT_YOURS)
    draft = locked.versions.filter(state=VersionState.DRAFT).first()
    if draft is None:
        raise ServiceError(PlanError.NOT_A_DRAFT)
    return draft


def _check_upload(upload: Any) -> str:
    problem = check_size(upload.size or 0)
    if problem is not None:
        raise ServiceError(problem, field="file")
    content_type = _sniff(upload)
    if content_type is None:
        raise ServiceError(AttachmentError.WRONG_TYPE, field="file")
    return content_type


@transaction.atomic
def attachment_add(
    *,
    actor: Any,
    idp: Idp,
    upload: Any,
    title: str,
    kind: str,
    document_date: Any = None,
) -> Attachment:
    """Add a document to the plan's draft as an appendix.

    `upload` is an uploaded file (Django `UploadedFile`). Only PDF, DOCX, PNG and JPEG files of
    at most 10 MB are accepted, judged by their content. Audit event: `idp.attachment_added`.
    Nothing is stored when the file is refused.
    """
    title = (title or "").strip()
    if not title:
        raise ServiceError(AttachmentError.TITLE_REQUIRED, field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise ServiceError(AttachmentError.TITLE_REQUIRED, field="title")
    kind = AttachmentKind(kind).value
    content_type = _check_upload(upload)
    draft = _draft_for_update(actor, idp)
    attachment = Attachment(
        idp=idp,
        kind=kind,
        title=title,
        document_date=document_date,
        filename=safe_filename(getattr(upload, "name", ""), content_type),
        content_type=content_type,
        size_bytes=upload.size,
        added_in=draft.number,
        created_by=actor,
        updated_by=actor,
    )
    attachment.file.save(attachment.filename, upload, save=False)
    try:
        attachment.save()
        audit_record(
            actor=actor,
            event_type="idp.attachment_added",
            subject=idp,
            local_authority_id=idp.local_authority_id,
            changes={
                "version": draft.number,
                "attachment": str(attachment.pk),
                "title": title,
                "kind": kind,
                "content_type": content_type,
                "size_bytes": attachment.size_bytes,
            },
        )
    except Exception:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, idp: Idp, attachment: Attachment) -> None:
    """Take a document out of the draft (and every later version). The file is kept: earlier
    versions still carry it. Audit event: `idp.attachment_removed`."""
    draft = _draft_for_update(actor, idp)
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk, idp=idp)
    if locked.removed_in is not None or locked.added_in > draft.number:
        raise ServiceError(AttachmentError.ALREADY_REMOVED)
    Attachment.objects.filter(pk=locked.pk).update(removed_in=draft.number, updated_by=actor)
    attachment.removed_in = draft.number
    audit_record(
        actor=actor,
        event_type="idp.attachment_removed",
        subject=idp,
        local_authority_id=idp.local_authority_id,
        changes={"version": draft.number, "attachment": str(locked.pk), "title": locked.title},
    )


def attachments_forget_draft(*, idp: Idp, number: int) -> None:
    """Undo a thrown-away draft's changes to the appendices: documents added in it are deleted
    (they were never part of a version given) and documents it removed are part of the plan
    again. Call inside the transaction that throws the draft away (`draft_discard`); that
    service's audit event records the discarding."""
    added = list(Attachment.objects.filter(idp=idp, added_in=number))
    Attachment.objects.filter(idp=idp, removed_in=number).update(removed_in=None)
    names = [attachment.file.name for attachment in added if attachment.file.name]
    Attachment.objects.filter(pk__in=[attachment.pk for attachment in added]).delete()

    def delete_files() -> None:
        for name in names:
            document_storage().delete(name)

    transaction.on_commit(delete_files)

"""Data protection writes: the subject access export, retention periods and erasure (ADR 0017)."""

import datetime
import functools
import json
import logging
import shutil
import tempfile
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from aln.audit.services import audit_record, audit_record_view
from aln.cases.models import Case
from aln.common import clock
from aln.common.errors import ServiceError
from aln.common.i18n import SUBJECT_ACCESS_SECTION_LABELS
from aln.dataprotection.learner_file import (
    DOCUMENT_SECTIONS,
    EARLY_ERASABLE_DOCUMENTS,
    SECTIONS,
    SECTIONS_BY_KEY,
    counts_by_learner,
    deletion_order,
)
from aln.dataprotection.models import RetentionSetting
from aln.dataprotection.selectors import (
    LearnerFile,
    dpo_authorities_for,
    dpo_contacts_by_authority,
    learner_file_collect,
    outbox_about,
    retention_candidates,
    retention_periods_for,
    subject_access_relationship,
)
from aln.domain.process import Stage
from aln.domain.retention import (
    DEFAULT_YEARS,
    RecordType,
    RetentionError,
    check_periods,
    default_periods,
    due_for_erasure,
    erasure_refusal,
)
from aln.learners.models import Learner
from aln.notices.models import document_storage
from aln.notifications.services import outbox_queue_written
from aln.organisations.models import LocalAuthority

logger = logging.getLogger(__name__)

ARCHIVE_FORMAT = "aln-cymru-subject-access/1"
# Archives up to this size are built in memory; bigger ones spill to a temporary file.
_IN_MEMORY_BYTES = 16 * 1024 * 1024


# --- Subject access export -----------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectAccessArchive:
    """The ZIP to send, positioned at its start, and the name to give it."""

    file: IO[bytes]
    filename: str
    size: int


def archive_filename(learner: Learner, on: datetime.date) -> str:
    """`learner-A123456789012-subject-access-2026-11-23.zip` (the id when there is no UPN)."""
    name = learner.upn or str(learner.pk)
    return f"learner-{name}-subject-access-{on.isoformat()}.zip"


@transaction.atomic
def subject_access_export(*, actor: Any, learner: Learner) -> SubjectAccessArchive:
    """Everything held about the learner as one ZIP: `learner.json` (every record, the audit
    events about them, the emails about them), every stored document under `documents/`, and
    a README.txt in English and Welsh saying what each file is.

    The caller has checked access (`learner_get_for_subject_access`). Audit event
    `learner.subject_access_exported` (an access event: the reason is the relationship, the
    details the number of records in each section and of documents; no content). No other
    side effect.
    """
    today = clock.today()
    collected = learner_file_collect(learner=learner)
    spooled = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY_BYTES)  # noqa: SIM115
    missing = _write_archive(spooled, collected, actor=actor, today=today)
    size = spooled.tell()
    spooled.seek(0)
    audit_record_view(
        actor=actor,
        event_type="learner.subject_access_exported",
        subject=learner,
        local_authority_id=learner.home_local_authority_id,
        reason=str(subject_access_relationship(user=actor, learner=learner) or ""),
        details={
            "sections": collected.counts,
            "documents": len(collected.documents) - len(missing),
            "documents_missing": len(missing),
            "audit_events": len(collected.audit_events),
            "emails": len(collected.emails),
        },
    )
    return SubjectAccessArchive(spooled, archive_filename(learner, today), size)


def _write_archive(
    target: IO[bytes], collected: LearnerFile, *, actor: Any, today: datetime.date
) -> list[str]:
    """Writes the ZIP; returns the archive paths of documents whose stored file was missing."""
    storage = document_storage()
    missing: list[str] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in collected.documents:
            try:
                with (
                    storage.open(document.storage_name, "rb") as stored,
                    archive.open(document.archive_path, "w") as copy,
                ):
                    shutil.copyfileobj(stored, copy)
            except FileNotFoundError:
                logger.warning("Stored document missing: %s", document.storage_name)
                missing.append(document.archive_path)
        archive.writestr("learner.json", _learner_json(collected, actor, today, missing))
        archive.writestr("README.txt", _readme(collected, today))
    return missing


def _learner_json(
    collected: LearnerFile, actor: Any, today: datetime.date, missing: list[str]
) -> str:
    content = {
        "format": ARCHIVE_FORMAT,
        "produced_on": today,
        "produced_by": getattr(actor, "full_name", ""),
        "learner": collected.learner,
        "records": collected.sections,
        "documents": [
            {
                "path": document.archive_path,
                "section": document.section,
                "record_id": document.record_id,
                "missing": document.archive_path in missing,
            }
            for document in collected.documents
        ],
        "audit_events": collected.audit_events,
        "emails": collected.emails,
        "people": collected.people,
        "organisations": collected.organisations,
    }
    return json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _readme(collected: LearnerFile, today: datetime.date) -> str:
    """The README in English, then in Welsh (the family may read either)."""
    parts = []
    for locale in ("en-gb", "cy"):
        with translation.override(locale):
            parts.append(
                render_to_string(
                    "dataprotection/subject_access_readme.txt",
                    {
                        "produced_on": today,
                        "sections": [
                            (section.key, SUBJECT_ACCESS_SECTION_LABELS[section.key])
                            for section in SECTIONS
                            if section.key != "learner"
                        ],
                        "documents": len(collected.documents),
                    },
                ).strip()
            )
    return ("\n\n" + "=" * 72 + "\n\n").join(parts) + "\n"


# --- Retention periods ---------------------------------------------------------------------------


@transaction.atomic
def retention_settings_update(
    *, actor: Any, local_authority: LocalAuthority, periods: Mapping[RecordType, int]
) -> dict[str, list[int]]:
    """Save the authority's retention periods (years after the date of birth) and return what
    changed, `{record type: [before, after]}`.

    Periods are checked by `aln.domain.retention.check_periods` (ServiceError with the record
    type as the field). A period equal to the default is stored as no row. Audit event
    `retention_settings.changed` (subject: the authority; before and after of each period that
    changed), only when something changed.
    """
    chosen = {**default_periods(), **periods}
    problems = check_periods(chosen)
    for record_type in RecordType:
        if record_type in problems:
            raise ServiceError(problems[record_type], field=record_type.value)
    list(RetentionSetting.objects.select_for_update().filter(local_authority=local_authority))
    before = retention_periods_for(local_authority_ids=[local_authority.pk])[local_authority.pk]
    for record_type, years in chosen.items():
        if years == DEFAULT_YEARS:
            RetentionSetting.objects.filter(
                local_authority=local_authority, record_type=record_type.value
            ).delete()
            continue
        RetentionSetting.objects.update_or_create(
            local_authority=local_authority,
            record_type=record_type.value,
            defaults={"years": years, "updated_by": actor},
            create_defaults={"years": years, "created_by": actor, "updated_by": actor},
        )
    changes = {
        record_type.value: [before[record_type], chosen[record_type]]
        for record_type in RecordType
        if before[record_type] != chosen[record_type]
    }
    if changes:
        audit_record(
            actor=actor,
            event_type="retention_settings.changed",
            subject=local_authority,
            local_authority_id=local_authority.pk,
            changes=changes,
        )
    return changes


# --- Erasure -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureResult:
    learner_files: int  # learners erased with everything about them
    documents_only: int  # learners whose plan documents alone were erased
    records: int
    documents: int


def _learner_id(learner: Learner | uuid.UUID | str) -> uuid.UUID:
    if isinstance(learner, Learner):
        return learner.pk
    try:
        return uuid.UUID(str(learner))
    except ValueError as error:
        raise ServiceError(RetentionError.NOT_ERASABLE, field="learners") from error


@transaction.atomic
def retention_erase(
    *, actor: Any, learners: Iterable[Learner | uuid.UUID | str], reason: str
) -> ErasureResult:
    """Erase the chosen learners' records that are past their retention period today.

    Every learner is checked again here, whatever the form said: they must live in an
    authority whose data protection officer the actor is, their period must have run out today
    and no case about them may be open (`aln.domain.retention.erasure_refusal`). If any one
    fails, nothing is erased (ServiceError, field `learners`).

    A learner whose file is past its period loses the whole file (every section of
    `aln.dataprotection.learner_file`, deleted in an order no protected foreign key objects to;
    family members only when no other learner is linked to them), with its stored documents and
    the emails about it. A learner whose plan documents alone are past their period loses those.

    Audit events: `retention.erased` for each learner (subject the learner's id; `changes` the
    scope and the number of records of each kind in the file: no names; a parent still linked
    to another learner is counted but kept), and `retention.erasure_completed`
    for each authority (subject the authority; the totals). Audit events about the erased
    records are kept (append-only). Side effect: the stored files are deleted once the
    transaction commits.
    """
    reason = reason.strip()
    if not reason:
        raise ServiceError(RetentionError.REASON_REQUIRED, field="reason")
    ids = {_learner_id(learner) for learner in learners}
    if not ids:
        raise ServiceError(RetentionError.NOTHING_SELECTED, field="learners")
    today = clock.today()
    authorities = {la.pk: la for la in dpo_authorities_for(user=actor)}
    periods = retention_periods_for(local_authority_ids=list(authorities))
    locked = _lock(ids, authorities)
    scopes = {learner.pk: _scope(learner, periods, today) for learner in locked}
    counts = counts_by_learner(list(scopes))
    files = _erase(
        [pk for pk, scope in scopes.items() if scope is RecordType.LEARNER_FILE],
        [pk for pk, scope in scopes.items() if scope is RecordType.DOCUMENTS],
    )
    transaction.on_commit(lambda: _delete_stored(files))
    totals: dict[Any, dict[str, int]] = defaultdict(
        lambda: {"learner_files": 0, "documents_only": 0, "records": 0, "documents": 0}
    )
    for learner in locked:
        erased = _erased_counts(scopes[learner.pk], counts[learner.pk])
        audit_record(
            actor=actor,
            event_type="retention.erased",
            subject=learner,
            local_authority_id=learner.home_local_authority_id,
            changes={"scope": scopes[learner.pk].value, **erased},
            reason=reason,
        )
        total = totals[learner.home_local_authority_id]
        whole = scopes[learner.pk] is RecordType.LEARNER_FILE
        total["learner_files" if whole else "documents_only"] += 1
        total["records"] += sum(erased["records"].values())
        total["documents"] += erased["documents"]
    for la_id, total in totals.items():
        audit_record(
            actor=actor,
            event_type="retention.erasure_completed",
            subject=authorities[la_id],
            local_authority_id=la_id,
            changes=total,
            reason=reason,
        )
    return ErasureResult(
        learner_files=sum(t["learner_files"] for t in totals.values()),
        documents_only=sum(t["documents_only"] for t in totals.values()),
        records=sum(t["records"] for t in totals.values()),
        documents=sum(t["documents"] for t in totals.values()),
    )


def _lock(ids: set[uuid.UUID], authorities: Mapping[Any, LocalAuthority]) -> list[Learner]:
    """The learners, locked, if every one is in the actor's authorities (else nothing)."""
    locked = list(
        Learner.objects.select_for_update()
        .filter(pk__in=ids, home_local_authority_id__in=list(authorities))
        .order_by("pk")
    )
    if len(locked) != len(ids):
        raise ServiceError(RetentionError.NOT_ERASABLE, field="learners")
    open_cases = set(
        Case.objects.filter(learner__in=locked)
        .exclude(stage=Stage.CLOSED.value)
        .values_list("learner_id", flat=True)
    )
    for learner in locked:
        learner.has_open_case = learner.pk in open_cases  # type: ignore[attr-defined]
    return locked


def _scope(
    learner: Learner, periods: Mapping[Any, Mapping[RecordType, int]], today: datetime.date
) -> RecordType:
    """What may be erased of this learner today, or ServiceError."""
    learner_periods = periods[learner.home_local_authority_id]
    due = due_for_erasure(learner.date_of_birth, learner_periods, today)
    scope = RecordType.LEARNER_FILE if RecordType.LEARNER_FILE in due else RecordType.DOCUMENTS
    if scope is RecordType.DOCUMENTS and not _has_attachments(learner):
        raise ServiceError(RetentionError.NOT_ERASABLE, field="learners")
    refusal = erasure_refusal(
        learner.date_of_birth,
        learner_periods,
        today,
        scope=scope,
        has_open_case=learner.has_open_case,  # type: ignore[attr-defined]
    )
    if refusal is not None:
        raise ServiceError(refusal, field="learners")
    return scope


def _has_attachments(learner: Learner) -> bool:
    return SECTIONS_BY_KEY[EARLY_ERASABLE_DOCUMENTS].rows_for([learner.pk]).exists()


def _erase(file_ids: list[Any], documents_only_ids: list[Any]) -> list[str]:
    """Delete the rows; return the storage names of the files to delete after commit."""
    files: list[str] = []
    if documents_only_ids:
        attachments = SECTIONS_BY_KEY[EARLY_ERASABLE_DOCUMENTS].rows_for(documents_only_ids)
        files.extend(name for name in attachments.values_list("file", flat=True) if name)
        attachments.delete()
    if not file_ids:
        return files
    # Every row's id first: once a case is gone, nothing reaches the learner through it.
    ids = {
        section.key: list(section.rows_for(file_ids).values_list("pk", flat=True))
        for section in SECTIONS
    }
    for key in DOCUMENT_SECTIONS:
        model = SECTIONS_BY_KEY[key].model
        files.extend(
            name
            for name in model._base_manager.filter(pk__in=ids[key]).values_list("file", flat=True)
            if name
        )
    record_ids = [str(pk) for section_ids in ids.values() for pk in section_ids]
    for section in deletion_order():
        rows = section.model._base_manager.filter(pk__in=ids[section.key])
        if section.shared_through:
            rows = rows.filter(**{f"{section.shared_through}__isnull": True})
        rows.delete()
    for emails in outbox_about(record_ids):
        emails.delete()
    return files


def _erased_counts(scope: RecordType, counts: Mapping[str, int]) -> dict[str, Any]:
    if scope is RecordType.DOCUMENTS:
        attachments = counts.get(EARLY_ERASABLE_DOCUMENTS, 0)
        return {"records": {EARLY_ERASABLE_DOCUMENTS: attachments}, "documents": attachments}
    return {
        "records": dict(counts),
        "documents": sum(counts.get(key, 0) for key in DOCUMENT_SECTIONS),
    }


def _delete_stored(names: list[str]) -> None:
    storage = document_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # pragma: no cover (reported, never fatal: the rows are gone)
            logger.exception("Could not delete an erased document: %s", name)


# --- The weekly reminder -------------------------------------------------------------------------


def retention_review_notify(*, today: datetime.date | None = None) -> int:
    """Email each authority's data protection officers how many learners' records are past
    their retention period (a number: never a name), once a week; returns how many emails were
    queued. Idempotent within an ISO week (the dedupe key names the week). No audit event: the
    outbox row is the record.
    """
    today = today or clock.today()
    year, week, _day = today.isocalendar()
    queued = 0
    contacts_by_authority = dpo_contacts_by_authority()
    periods = retention_periods_for(local_authority_ids=[la.pk for la in contacts_by_authority])
    for authority, contacts in contacts_by_authority.items():
        count = retention_candidates(
            periods_by_authority={authority.pk: periods[authority.pk]}, on=today
        ).count()
        if not count:
            continue
        queued += outbox_queue_written(
            contacts=contacts,
            dedupe_key=f"retention-review:{authority.pk}:{year}-W{week:02d}",
            template="dataprotection/email/retention_due",
            values=functools.partial(_retention_email_values, authority, count),
        )
    return queued


def _retention_email_values(authority: LocalAuthority, count: int) -> dict[str, Any]:
    """Read in each reader's language (the authority's name in it)."""
    return {
        "count": count,
        "authority": authority.name,
        "url": settings.SITE_URL.rstrip("/") + reverse("dataprotection:retention"),
    }

"""Reads for data protection: a learner's whole file for a subject access export, and the
records past their retention period, each scoped to the person asking."""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from aln.accounts.models import Membership, User
from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.dataprotection.learner_file import (
    DOCUMENT_SECTIONS,
    EARLY_ERASABLE_DOCUMENTS,
    SECTIONS,
    SECTIONS_BY_KEY,
    counts_by_learner,
    is_user_field,
)
from aln.dataprotection.models import RetentionSetting
from aln.domain.access import Action, LearnerFacts, Relationship, learner_relationship, role_may
from aln.domain.process import Stage
from aln.domain.retention import (
    RecordType,
    erasable_from,
    is_expired,
    latest_expired_birth_date,
    periods_with_defaults,
)
from aln.domain.roles import Role
from aln.learners.facts import actor_facts
from aln.learners.models import Learner
from aln.learners.selectors import learner_visible_queryset
from aln.notifications.models import OutboxMessage
from aln.organisations.models import LocalAuthority

# Emails are matched to records by the record id in their dedupe key (`notice-issued:<id>:...`);
# ids are looked up this many at a time (SQLite limits how deep one condition may nest).
_EMAIL_ID_BATCH = 500


# --- Subject access ------------------------------------------------------------------------------


def _subject_access_authority_ids(user: Any) -> set[Any]:
    return {
        m.local_authority_id
        for m in user.active_memberships
        if m.local_authority_id is not None and role_may(m.role_enum, Action.SUBJECT_ACCESS_EXPORT)
    }


def _responsible_for(authority_ids: Iterable[Any]) -> Q:
    ids = list(authority_ids)
    return Q(home_local_authority_id__in=ids) | Q(looked_after_by_id__in=ids)


def learner_get_for_subject_access(*, user: Any, learner_id: uuid.UUID | str) -> Learner:
    """A learner the user may make a subject access export for, or Learner.DoesNotExist.

    The request is answered by the authority responsible for the learner (the one they live in,
    or the one looking after them): its ALN officers and managers. Anyone else, and any other
    learner, gets the same 404 as a learner who does not exist.
    """
    return (
        learner_visible_queryset(user=user)
        .filter(_responsible_for(_subject_access_authority_ids(user)))
        .select_related("home_local_authority")
        .get(pk=learner_id)
    )


def may_export_subject_access(*, user: Any, learner: Learner) -> bool:
    """Whether the learner page should offer the export (the view checks again)."""
    if not getattr(user, "is_authenticated", False):
        return False
    authorities = _subject_access_authority_ids(user)
    return (
        learner.home_local_authority_id in authorities or learner.looked_after_by_id in authorities
    )


def subject_access_relationship(*, user: Any, learner: Learner) -> Relationship | None:
    """Why the user may export this learner (the authority responsible for them, or looking
    after them), in the domain's words; no query (the export is scoped to exactly these)."""
    facts = LearnerFacts(
        home_local_authority_id=learner.home_local_authority_id,
        looked_after_by_id=learner.looked_after_by_id,
    )
    return learner_relationship(actor_facts(user), facts)


@dataclass(frozen=True)
class Document:
    """A stored file in the learner file, and where it goes in the archive."""

    section: str
    record_id: str
    storage_name: str
    archive_path: str


@dataclass
class LearnerFile:
    """Everything held about one learner, as plain values ready to write as JSON."""

    learner: dict[str, Any]
    sections: dict[str, list[dict[str, Any]]]
    documents: list[Document]
    audit_events: list[dict[str, Any]]
    emails: list[dict[str, Any]]
    people: dict[str, str]
    organisations: dict[str, dict[str, Any]]
    counts: dict[str, int] = field(default_factory=dict)


def learner_file_collect(*, learner: Learner) -> LearnerFile:
    """The learner's whole file (`aln.dataprotection.learner_file.SECTIONS`), the audit events
    about any of its records, the emails about them, and the names behind the ids it holds.

    A constant number of queries whatever the number of records (one per section, one for the
    audit events, one per referenced kind of organisation, one for people; emails one per 500
    records).
    """
    sections: dict[str, list[dict[str, Any]]] = {}
    subjects: dict[str, list[str]] = {}
    user_ids: set[Any] = set()
    references: dict[Any, set[Any]] = defaultdict(set)
    file_models = {section.model for section in SECTIONS}
    for section in SECTIONS:
        model = section.model
        rows = list(section.rows_for([learner.pk]).order_by("created_at", "pk").values())
        sections[section.key] = rows
        subjects[model._meta.label_lower] = [str(row["id"]) for row in rows]
        for model_field in model._meta.concrete_fields:
            if not model_field.is_relation:
                continue
            values = {row[model_field.attname] for row in rows} - {None}
            if is_user_field(model_field):
                user_ids |= values
            elif model_field.related_model not in file_models:
                references[model_field.related_model] |= values
    audit_events = _audit_events_about(subjects)
    user_ids |= {event["actor_id"] for event in audit_events} - {None}
    record_ids = [record_id for ids in subjects.values() for record_id in ids]
    learner_rows = sections.pop("learner")
    return LearnerFile(
        learner=learner_rows[0],
        sections=sections,
        documents=_documents(sections),
        audit_events=audit_events,
        emails=_emails_about(record_ids),
        people={
            str(pk): name
            for pk, name in User.objects.filter(pk__in=user_ids).values_list("pk", "full_name")
        },
        organisations=_names(references),
        counts={key: len(rows) for key, rows in sections.items()},
    )


def _audit_events_about(subjects: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    condition = Q(pk__in=[])
    for subject_type, ids in subjects.items():
        if ids:
            condition |= Q(subject_type=subject_type, subject_id__in=list(ids))
    return [
        dict(row)
        for row in AuditEvent.objects.filter(condition)
        .order_by("occurred_at", "id")
        .values(
            "id",
            "occurred_at",
            "actor_id",
            "actor_roles",
            "local_authority_id",
            "event_type",
            "subject_type",
            "subject_id",
            "changes",
            "reason",
            "request_id",
        )
    ]


def outbox_about(record_ids: Sequence[str]) -> Iterable[QuerySet[OutboxMessage]]:
    """The emails whose dedupe key names one of these records, in batches (every email the
    service queues is keyed by the record it is about: `notice-issued:<id>:<address>`)."""
    for start in range(0, len(record_ids), _EMAIL_ID_BATCH):
        condition = Q(pk__in=[])
        for record_id in record_ids[start : start + _EMAIL_ID_BATCH]:
            condition |= Q(dedupe_key__contains=f":{record_id}")
        yield OutboxMessage.objects.filter(condition)


def _emails_about(record_ids: Sequence[str]) -> list[dict[str, Any]]:
    emails: list[dict[str, Any]] = []
    for batch in outbox_about(record_ids):
        emails.extend(
            dict(row)
            for row in batch.order_by("created_at", "id").values(
                "id",
                "created_at",
                "sent_at",
                "status",
                "to_email",
                "language",
                "subject",
                "body",
            )
        )
    return emails


def _documents(sections: Mapping[str, list[dict[str, Any]]]) -> list[Document]:
    documents = []
    for key, folder in DOCUMENT_SECTIONS.items():
        for row in sections.get(key, []):
            if not row.get("file"):
                continue
            name = _safe_name(_document_name(key, row))
            documents.append(
                Document(
                    section=key,
                    record_id=str(row["id"]),
                    storage_name=row["file"],
                    archive_path=f"documents/{folder}/{row['id']}-{name}",
                )
            )
    return documents


def _document_name(section: str, row: Mapping[str, Any]) -> str:
    """A notice by its kind and date (`no_aln-2026-11-23.pdf`); an attachment by its own name."""
    if section == "notices":
        return f"{row['kind']}-{row['given_on']:%Y-%m-%d}.pdf"
    return str(row.get("filename") or row["file"].rsplit("/", 1)[-1])


def _safe_name(name: str) -> str:
    """A file name safe in any archive tool: letters, digits, dot, dash and underscore."""
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in name)
    return cleaned.lstrip(".")[:80] or "document"


def _names(references: Mapping[Any, set[Any]]) -> dict[str, dict[str, Any]]:
    """The names of the organisations (and other shared records) the file points to."""
    names: dict[str, dict[str, Any]] = {}
    for model, ids in references.items():
        if not ids:
            continue
        label = model._meta.label_lower
        for record in model._base_manager.filter(pk__in=ids):
            if hasattr(record, "name_en"):
                entry = {"name_en": record.name_en, "name_cy": record.name_cy}
            else:
                entry = {"name": str(record)}
            names[f"{label}:{record.pk}"] = entry
    return names


# --- Retention -----------------------------------------------------------------------------------


def dpo_authorities_for(*, user: Any) -> list[LocalAuthority]:
    """The authorities whose data protection officer this user is (by name)."""
    ids = {
        m.local_authority_id
        for m in user.active_memberships
        if m.role_enum is Role.DATA_PROTECTION_OFFICER and m.local_authority_id is not None
    }
    return list(LocalAuthority.objects.filter(pk__in=ids).order_by("name_en", "code"))


def dpo_contacts_by_authority() -> dict[LocalAuthority, list[tuple[str, str]]]:
    """Each authority's active data protection officers, as (email, language) (one query)."""
    contacts: dict[LocalAuthority, list[tuple[str, str]]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            role=Role.DATA_PROTECTION_OFFICER.value,
            is_active=True,
            user__is_active=True,
            local_authority__isnull=False,
        )
        .select_related("user", "local_authority")
        .order_by("local_authority__name_en", "user__email")
    )
    for membership in memberships:
        authority = membership.local_authority
        if authority is not None and membership.user.email:
            contacts[authority].append((membership.user.email, membership.user.preferred_language))
    return dict(contacts)


def retention_periods_for(
    *, local_authority_ids: Iterable[Any]
) -> dict[Any, dict[RecordType, int]]:
    """Each authority's periods, the default where it has set none (one query)."""
    stored: dict[Any, dict[str, int]] = {pk: {} for pk in local_authority_ids}
    for la_id, record_type, years in RetentionSetting.objects.filter(
        local_authority_id__in=list(stored)
    ).values_list("local_authority_id", "record_type", "years"):
        stored[la_id][record_type] = years
    return {la_id: periods_with_defaults(values) for la_id, values in stored.items()}


def retention_candidates(
    *, periods_by_authority: Mapping[Any, Mapping[RecordType, int]], on: datetime.date
) -> QuerySet[Learner]:
    """Learners of these authorities whose file, or whose plan documents, are past their period
    on `on`: the learners they live in (their home authority holds and erases the file).

    Annotated with `last_case_activity_at` and `has_open_case`, oldest first.
    """
    attachment_model = SECTIONS_BY_KEY[EARLY_ERASABLE_DOCUMENTS].model
    with_documents = attachment_model._base_manager.values("idp__learner_id")
    condition = Q(pk__in=[])
    for la_id, periods in periods_by_authority.items():
        file_cut = latest_expired_birth_date(periods[RecordType.LEARNER_FILE], on)
        documents_cut = latest_expired_birth_date(periods[RecordType.DOCUMENTS], on)
        condition |= Q(home_local_authority_id=la_id) & (
            Q(date_of_birth__lte=file_cut)
            | Q(date_of_birth__lte=documents_cut, pk__in=with_documents)
        )
    cases = Case.objects.filter(learner=OuterRef("pk"))
    return (
        Learner.objects.filter(condition)
        .annotate(
            last_case_activity_at=Subquery(cases.order_by("-updated_at").values("updated_at")[:1]),
            has_open_case=Exists(cases.exclude(stage=Stage.CLOSED.value)),
        )
        .order_by("date_of_birth", "last_name", "first_name", "id")
    )


def retention_candidates_for(*, user: Any, on: datetime.date) -> QuerySet[Learner]:
    """`retention_candidates` for the authorities whose data protection officer the user is."""
    authorities = dpo_authorities_for(user=user)
    periods = retention_periods_for(local_authority_ids=[la.pk for la in authorities])
    return retention_candidates(periods_by_authority=periods, on=on)


@dataclass(frozen=True)
class RetentionCandidate:
    """What the data protection officer needs to decide, and nothing more."""

    learner_id: uuid.UUID
    full_name: str
    date_of_birth: datetime.date
    upn: str
    local_authority_id: Any
    scope: RecordType  # the whole learner file, or only the plan documents
    erasable_from: datetime.date
    last_activity_on: datetime.date
    records: int  # rows that would be erased (the learner included)
    documents: int  # stored files that would be erased
    has_open_case: bool


def retention_candidate_rows(
    *,
    learners: Sequence[Learner],
    periods_by_authority: Mapping[Any, Mapping[RecordType, int]],
    on: datetime.date,
) -> list[RetentionCandidate]:
    """A page of `retention_candidates` with what erasing each would remove (one query per
    kind of record, whatever the number of learners)."""
    counts = counts_by_learner([learner.pk for learner in learners])
    rows = []
    for learner in learners:
        periods = periods_by_authority[learner.home_local_authority_id]
        file_years = periods[RecordType.LEARNER_FILE]
        whole_file = is_expired(learner.date_of_birth, file_years, on)
        scope = RecordType.LEARNER_FILE if whole_file else RecordType.DOCUMENTS
        years = file_years if whole_file else periods[RecordType.DOCUMENTS]
        learner_counts = counts[learner.pk]
        attachments = learner_counts.get(EARLY_ERASABLE_DOCUMENTS, 0)
        documents = sum(learner_counts.get(key, 0) for key in DOCUMENT_SECTIONS)
        activity = [learner.updated_at, getattr(learner, "last_case_activity_at", None)]
        rows.append(
            RetentionCandidate(
                learner_id=learner.pk,
                full_name=learner.full_name,
                date_of_birth=learner.date_of_birth,
                upn=learner.upn,
                local_authority_id=learner.home_local_authority_id,
                scope=scope,
                erasable_from=erasable_from(learner.date_of_birth, years),
                last_activity_on=timezone.localdate(max(a for a in activity if a is not None)),
                records=sum(learner_counts.values()) if whole_file else attachments,
                documents=documents if whole_file else attachments,
                has_open_case=bool(getattr(learner, "has_open_case", False)),
            )
        )
    return rows

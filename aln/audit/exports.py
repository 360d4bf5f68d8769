"""The data protection officer's download of the audit trail (CSV), and its own audit event.

The download is a write: `audit_trail_export` records who downloaded which part of the trail
before a single row leaves the service. Searching writes nothing.
"""

import csv
import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aln.audit.display import event_label, role_labels, subject_label, who
from aln.audit.models import AuditEvent
from aln.audit.selectors import AuditFilters, audit_event_search_for
from aln.audit.services import audit_record
from aln.domain.roles import Role

# Enough for any sensible question about one authority; a bigger download is one filter away.
EXPORT_ROW_LIMIT = 100_000
_CHUNK = 2000
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class AuditExport:
    events: QuerySet[AuditEvent]  # newest first, at most EXPORT_ROW_LIMIT
    total: int  # how many events matched, perhaps more than the download holds

    @property
    def truncated(self) -> bool:
        return self.total > EXPORT_ROW_LIMIT


def audit_trail_export(*, actor: Any, filters: AuditFilters) -> AuditExport:
    """Start a download of the audit events `actor` may read that match `filters`.

    The events are those that existed when the download started (the export's own event, and any
    written while it streams, are not in it). Audit event: `audit.exported` for each authority the
    actor is data protection officer for, with the filters used and the number of rows in
    `changes`.
    """
    with transaction.atomic():
        newest = AuditEvent.objects.aggregate(newest=Max("pk"))["newest"] or 0
        events = audit_event_search_for(user=actor, filters=filters).filter(pk__lte=newest)
        total = events.count()
        changes = {**filters.as_dict(), "rows": min(total, EXPORT_ROW_LIMIT)}
        for membership in actor.active_memberships:
            if membership.role == Role.DATA_PROTECTION_OFFICER and membership.local_authority:
                audit_record(
                    actor=actor,
                    event_type="audit.exported",
                    subject=membership.local_authority,
                    local_authority_id=membership.local_authority_id,
                    changes=changes,
                )
    return AuditExport(events=events[:EXPORT_ROW_LIMIT], total=total)


class _Line:
    """A file-like object whose write returns what was written, so csv.writer makes lines."""

    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _row(event: AuditEvent) -> list[str]:
    name, email = who(event)
    return [
        str(event.pk),
        _when(event.occurred_at),
        _cell(name),
        _cell(email),
        "; ".join(role_labels(event.actor_roles)),
        event_label(event.event_type),
        event.event_type,
        subject_label(event.subject_type),
        _cell(event.subject_id),
        _cell(event.reason),
        _cell(json.dumps(event.changes, ensure_ascii=False, sort_keys=True)),
        _cell(event.request_id),
    ]


def _header() -> list[str]:
    return [
        _("Event number"),
        _("When"),
        _("Name"),
        _("Email address"),
        _("Roles"),
        _("What happened"),
        _("Event code"),
        _("Type of record"),
        _("Record id"),
        _("Reason"),
        _("Changes (JSON)"),
        _("Request id"),
    ]


def audit_export_lines(export: AuditExport, *, language: str) -> Iterator[str]:
    """The CSV file, line by line: UTF-8 with a byte order mark, so Excel reads Welsh letters."""
    writer = csv.writer(_Line())
    with translation.override(language):
        yield "\ufeff" + writer.writerow(_header())
        for event in export.events.iterator(chunk_size=_CHUNK):
            yield writer.writerow(_row(event))
        if export.truncated:
            message = _(
                "This file holds the newest %(limit)s events of %(total)s. Narrow the search to "
                "download the rest."
            ) % {"limit": f"{EXPORT_ROW_LIMIT:,}", "total": f"{export.total:,}"}
            yield writer.writerow([message])

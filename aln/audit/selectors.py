"""Reads of the audit trail, for records the caller has already been allowed to see.

The audit log is not scoped by itself: callers pass subjects they fetched through their own
scoped selectors (a case from `case_get_for`, its deadlines), so nobody reads another record's
history through here.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable

from django.db import models
from django.db.models import Q, QuerySet

from aln.audit.models import AuditEvent


def audit_event_list_for(
    *, subjects: Iterable[models.Model], exclude_event_types: Collection[str] = ()
) -> QuerySet[AuditEvent]:
    """Events about any of `subjects`, newest first, with who did them (one query)."""
    ids_by_type: dict[str, list[str]] = defaultdict(list)
    for subject in subjects:
        ids_by_type[subject._meta.label_lower].append(str(subject.pk))
    condition = Q(pk__in=[])
    for subject_type, ids in ids_by_type.items():
        condition |= Q(subject_type=subject_type, subject_id__in=ids)
    return (
        AuditEvent.objects.filter(condition)
        .exclude(event_type__in=list(exclude_event_types))
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )

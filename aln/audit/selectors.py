"""Reads of the audit trail.

`audit_event_list_for` is not scoped by itself: callers pass subjects they fetched through their
own scoped selectors (a case from `case_get_for`, its deadlines), so nobody reads another record's
history through it. The data protection officer's search (`audit_event_search_for` and below)
scopes the log to the officer's local authorities itself.
"""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone

from aln.accounts.models import Membership
from aln.audit.models import AuditEvent
from aln.domain.roles import Role


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


# --- The data protection officer's search of the audit trail (issue 7) ---------------------------
#
# Unlike `audit_event_list_for`, these selectors scope the log themselves: a data protection
# officer (UK GDPR art. 37) reads the events of the local authorities they are DPO for, and the
# account events of the people who work in those authorities. Nobody else reads the log here.

USER_SUBJECT = "accounts.user"
LEARNER_SUBJECT = "learners.learner"

# Every kind of record that belongs to one learner, as model label -> the path from that model to
# the learner's id. An event is "about the learner" if its subject is the learner or one of these.
# `test_every_model_that_reaches_a_learner_is_mapped` walks the models so a new one is not missed.
LEARNER_RECORDS: dict[str, str] = {
    LEARNER_SUBJECT: "pk",
    "learners.enrolment": "learner",
    "learners.familylink": "learner",
    "learners.learneraccessgrant": "learner",
    "cases.case": "learner",
    "cases.evidence": "case__learner",
    "cases.views": "case__learner",
    "cases.advicerequest": "case__learner",
    "cases.nhsreferral": "case__learner",
    "cases.meeting": "case__learner",
    "deadlines.deadline": "case__learner",
    "notices.notice": "learner",
    "idps.idp": "learner",
    "idps.idpversion": "idp__learner",
    "idps.need": "version__idp__learner",
    "idps.element": "version__idp__learner",
    "idps.attachment": "idp__learner",
    "idps.review": "idp__learner",
    "idps.reviewprogress": "review__idp__learner",
    "idps.reviewrequest": "idp__learner",
    "idps.transfer": "idp__learner",
    "disputes.larequest": "learner",
    "disputes.appeal": "learner",
    "disputes.tribunalorder": "appeal__learner",
    "disputes.supportreferral": "learner",
    "disputes.capacityrecord": "learner",
    "disputes.actingfor": "learner",
}


@dataclass(frozen=True)
class AuditFilters:
    """What the DPO searches by; empty values do not narrow the search."""

    from_date: datetime.date | None = None
    to_date: datetime.date | None = None
    who: str = ""  # part of the actor's name or email address
    event_type: str = ""
    subject_type: str = ""
    subject_id: str = ""
    learner: str = ""  # a learner's UPN or id: events about them or any of their records
    request_id: str = ""

    def as_dict(self) -> dict[str, str]:
        """The filters in use, JSON-safe (they are stored with the export's audit event)."""
        return {
            name: value.isoformat() if isinstance(value, datetime.date) else str(value)
            for name, value in asdict(self).items()
            if value not in (None, "")
        }


def audit_authority_ids_for(*, user: Any) -> frozenset[Any]:
    """The local authorities whose audit trail the user may read: those they are DPO for."""
    return frozenset(
        m.local_authority_id
        for m in user.active_memberships
        if m.role == Role.DATA_PROTECTION_OFFICER and m.local_authority_id is not None
    )


def _people_of(authority_ids: Collection[Any]) -> QuerySet:
    """Users who hold (or held) a role in the authorities, their schools or their services."""
    return Membership.objects.filter(
        Q(local_authority_id__in=authority_ids)
        | Q(setting__local_authority_id__in=authority_ids)
        | Q(service__lead_authority_id__in=authority_ids)
    )


def audit_event_visible_queryset(*, user: Any) -> QuerySet[AuditEvent]:
    """Events the user may read in the audit trail search (none unless they are a DPO).

    The authority's own events, plus account events (no authority) done by, or about, someone
    who works in the authority: sign-ins, language changes, invitations.
    """
    authority_ids = audit_authority_ids_for(user=user)
    if not authority_ids:
        return AuditEvent.objects.none()
    people = _people_of(authority_ids)
    person_ids = people.annotate(user_key=Cast("user_id", CharField())).values("user_key")
    account_event = Q(actor_id__in=people.values("user_id")) | Q(
        subject_type=USER_SUBJECT, subject_id__in=person_ids
    )
    return AuditEvent.objects.filter(
        Q(local_authority_id__in=authority_ids) | (Q(local_authority__isnull=True) & account_event)
    )


def audit_learner_ids(value: str) -> list[uuid.UUID]:
    """The learner a DPO typed: their id in the service, or their UPN (any authority's learner:
    the events are scoped afterwards, and the page shows nothing about the learner)."""
    value = value.strip()
    try:
        return [uuid.UUID(value)]
    except ValueError:
        pass
    learner_model = apps.get_model("learners", "Learner")
    upn = "".join(value.split()).upper()
    return list(learner_model.objects.filter(upn=upn).values_list("pk", flat=True))


def audit_subjects_of_learners(*, learner_ids: Collection[uuid.UUID]) -> Q:
    """Events whose subject is one of the learners or a record of theirs (`LEARNER_RECORDS`).

    One query finds every record of the learners (a UNION over the record tables); the events
    are then matched by subject type and id, which the (subject_type, subject_id) index serves.
    """
    ids = list(learner_ids)
    if not ids:
        return Q(pk__in=[])
    queries = []
    for label, path in LEARNER_RECORDS.items():
        model = apps.get_model(label)
        queries.append(
            model._default_manager.filter(**{f"{path}__in": ids})
            .order_by()
            .annotate(record_type=Value(label, output_field=CharField()))
            .values_list("record_type", "pk")
        )
    records: dict[str, set[str]] = defaultdict(set)
    records[LEARNER_SUBJECT].update(str(i) for i in ids)  # even if the learner has been erased
    for label, pk in queries[0].union(*queries[1:], all=True):
        records[label].add(str(pk))
    condition = Q(pk__in=[])
    for label, subject_ids in records.items():
        condition |= Q(subject_type=label, subject_id__in=sorted(subject_ids))
    return condition


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in Wales (Europe/London, so BST is counted)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _narrow(events: QuerySet[AuditEvent], filters: AuditFilters) -> QuerySet[AuditEvent]:
    if filters.from_date:
        events = events.filter(occurred_at__gte=_start_of(filters.from_date))
    if filters.to_date:
        next_day = filters.to_date + datetime.timedelta(days=1)
        events = events.filter(occurred_at__lt=_start_of(next_day))
    if filters.who:
        who = filters.who.strip()
        events = events.filter(Q(actor__full_name__icontains=who) | Q(actor__email__icontains=who))
    exact = {
        "event_type": filters.event_type,
        "subject_type": filters.subject_type,
        "subject_id": filters.subject_id.strip(),
        "request_id": filters.request_id.strip(),
    }
    events = events.filter(**{name: value for name, value in exact.items() if value})
    if filters.learner.strip():
        learner_ids = audit_learner_ids(filters.learner)
        events = events.filter(audit_subjects_of_learners(learner_ids=learner_ids))
    return events


def audit_event_search_for(*, user: Any, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The events the user may read that match `filters`, newest first, with who did them."""
    events = _narrow(audit_event_visible_queryset(user=user), filters)
    return events.select_related("actor", "local_authority").order_by("-occurred_at", "-id")


def audit_event_get_for(*, user: Any, event_id: int) -> AuditEvent:
    """One event the user may read; raises `AuditEvent.DoesNotExist` for any other (a 404)."""
    return (
        audit_event_visible_queryset(user=user)
        .select_related("actor", "local_authority")
        .get(pk=event_id)
    )

"""The learner's disagreement log: every challenge and support in one list, in date order.

Requests to the LA (ss.26-28, 32), appeals to the Tribunal (s.70) and the orders that followed,
referrals to disagreement resolution (s.68) and advocacy (s.69), views on the child's capacity
(s.84) and case friends and representatives (ss.83, 85). The caller has already checked the user
may see the learner (`learner_get_for`); everyone who may see the learner may read the log, the
family included (ADR 0013). Seven queries, whatever the number of records.
"""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Prefetch

from aln.disputes.models import (
    ActingFor,
    Appeal,
    CapacityRecord,
    LaRequest,
    SupportReferral,
    TribunalOrder,
)
from aln.disputes.selectors.support import (
    AppealEffect,
    appeal_effect,
    views_of,
)
from aln.domain.disagreements import SupportKind, capacity_view, prevailing_view_index
from aln.learners.models import Learner
from aln.notices.models import SupportProvider
from aln.notices.selectors import support_provider_list


class EntryKind(StrEnum):
    REQUEST = "request"
    APPEAL = "appeal"
    ORDER = "order"
    REFERRAL = "referral"
    CAPACITY = "capacity"
    ACTING_FOR = "acting_for"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One thing that happened: its date, what it is, and the record. `appeal_effect` for a s.68
    referral about a decision with a right of appeal; `prevails` for the view on capacity that
    prevails now."""

    on: datetime.date
    kind: EntryKind
    record: Any
    created_at: datetime.datetime
    appeal_effect: AppealEffect | None = None
    prevails: bool = False


@dataclass(frozen=True, slots=True)
class DisagreementLog:
    entries: list[LogEntry]
    # By the view that prevails (`capacity_view`): True lacks capacity, False has it, None no
    # view recorded; and the record whose view that is.
    lacks_capacity: bool | None = None
    prevailing: CapacityRecord | None = None
    providers: list[SupportProvider] = field(default_factory=list)


def _requests(learner: Learner) -> list[LogEntry]:
    rows = LaRequest.objects.filter(learner=learner).select_related("deadline", "setting")
    return [LogEntry(r.received_on, EntryKind.REQUEST, r, r.created_at) for r in rows]


def _appeals(learner: Learner) -> list[LogEntry]:
    orders = TribunalOrder.objects.select_related("owner").order_by("comply_by", "created_at")
    rows = Appeal.objects.filter(learner=learner).prefetch_related(
        Prefetch("orders", queryset=orders)
    )
    entries = []
    for appeal in rows:
        entries.append(LogEntry(appeal.received_on, EntryKind.APPEAL, appeal, appeal.created_at))
        entries += [
            LogEntry(order.made_on, EntryKind.ORDER, order, order.created_at)
            for order in appeal.orders.all()
        ]
    return entries


def _referrals(learner: Learner) -> list[LogEntry]:
    rows = SupportReferral.objects.filter(learner=learner).select_related("provider", "notice")
    return [
        LogEntry(
            r.referred_on,
            EntryKind.REFERRAL,
            r,
            r.created_at,
            appeal_effect=appeal_effect(
                kind=SupportKind(r.kind), notice=r.notice, referred_on=r.referred_on
            ),
        )
        for r in rows
    ]


def _capacity(learner: Learner) -> tuple[list[LogEntry], bool | None, CapacityRecord | None]:
    records = list(
        CapacityRecord.objects.filter(learner=learner).order_by("decided_on", "created_at")
    )
    views = views_of(records)
    index = prevailing_view_index(views)
    entries = [
        LogEntry(r.decided_on, EntryKind.CAPACITY, r, r.created_at, prevails=i == index)
        for i, r in enumerate(records)
    ]
    prevailing = records[index] if index is not None else None
    return entries, capacity_view(views), prevailing


def _acting_for(learner: Learner) -> list[LogEntry]:
    rows = ActingFor.objects.filter(learner=learner)
    return [LogEntry(p.appointed_on, EntryKind.ACTING_FOR, p, p.created_at) for p in rows]


def disagreement_log(*, learner: Learner) -> DisagreementLog:
    """Everything about the learner's disagreements, oldest first (same day: as recorded), with
    the view on capacity that prevails and the LA's active support providers (spec §5: families
    are told how to reach them). Seven queries."""
    capacity, lacks, prevailing = _capacity(learner)
    entries = [
        *_requests(learner),
        *_appeals(learner),
        *_referrals(learner),
        *capacity,
        *_acting_for(learner),
    ]
    entries.sort(key=lambda e: (e.on, e.created_at))
    return DisagreementLog(
        entries=entries,
        lacks_capacity=lacks,
        prevailing=prevailing,
        providers=support_provider_list(learner.home_local_authority_id),
    )

"""The LA's disagreement dashboard: open requests by route and by deadline, appeals still being
dealt with by stage, Tribunal orders by the date to comply by, and outcomes per academic year.

Scoped to the LAs the user works for (their LA memberships): another LA's records never appear,
even for a learner the user can also see through another role. Open requests and appeals come
from the requests' and appeals' own selectors (`open_la_requests_for`, `open_appeals_for`);
counts are computed by the database. Nine queries whatever the number of records.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear

from aln.common.clock import today
from aln.disputes.models import Appeal, LaRequest, RequestStatus, TribunalOrder
from aln.disputes.selectors.appeals import open_appeals_for
from aln.disputes.selectors.requests import la_ids_for, open_la_requests_for
from aln.domain.disagreements import AppealStage, Route

# "Due soon" on the dashboard: the next two weeks.
DUE_SOON_DAYS = 14


def _academic_year(field: str) -> SqlCase:
    """The academic year (1 September to 31 August) a date falls in, by its first calendar
    year: 2026 for 2026/27. Computed by the database."""
    return SqlCase(
        When(**{f"{field}__month__gte": 9}, then=ExtractYear(field)),
        default=ExtractYear(field) - Value(1),
        output_field=IntegerField(),
    )


@dataclass(frozen=True, slots=True)
class DeadlineCounts:
    overdue: int
    due_soon: int
    later: int
    not_known: int  # the calendar does not reach the due date yet, or no clock


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    code: str
    count: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: datetime.date
    requests: list[LaRequest]
    requests_by_route: list[tuple[str, int]]
    deadlines: DeadlineCounts
    appeals: list[Appeal]
    appeals_by_stage: list[tuple[str, int]]
    orders: list[TribunalOrder]
    request_outcomes: list[YearCount]
    appeal_decisions: list[YearCount]

    @property
    def years(self) -> list[int]:
        """The academic years with an outcome, most recent first."""
        found = {row.year for row in [*self.request_outcomes, *self.appeal_decisions]}
        return sorted(found, reverse=True)


def _deadline_counts(open_requests: QuerySet[LaRequest], on: datetime.date) -> DeadlineCounts:
    soon = on + datetime.timedelta(days=DUE_SOON_DAYS)
    due = "deadline__due_on"
    counts = open_requests.order_by().aggregate(
        overdue=Count("id", filter=Q(**{f"{due}__lt": on})),
        due_soon=Count("id", filter=Q(**{f"{due}__gte": on, f"{due}__lte": soon})),
        later=Count("id", filter=Q(**{f"{due}__gt": soon})),
        not_known=Count("id", filter=Q(**{f"{due}__isnull": True})),
    )
    return DeadlineCounts(**counts)


def _by(queryset: QuerySet, field: str, order: list[str]) -> list[tuple[str, int]]:
    counts = dict(queryset.order_by().values(field).annotate(n=Count("id")).values_list(field, "n"))
    return [(code, counts[code]) for code in order if counts.get(code)]


def _per_year(queryset: QuerySet, date_field: str, code_field: str) -> list[YearCount]:
    rows = (
        queryset.annotate(year=_academic_year(date_field))
        .values("year", code_field)
        .annotate(n=Count("id"))
        .order_by("-year", code_field)
    )
    return [YearCount(row["year"], row[code_field], row["n"]) for row in rows]


def dashboard_for(*, user: Any) -> Dashboard:
    """What the LA's deciders and managers watch. Open requests soonest deadline first (unknown
    dates last), appeals not yet closed, open orders by the date to comply by; requests decided
    per academic year by outcome and appeals decided by the Tribunal's decision."""
    ids = la_ids_for(user)
    on = today()
    open_requests = open_la_requests_for(user=user)
    requests = list(open_requests.select_related("case__owner"))
    appeals = open_appeals_for(user=user)
    stages = Counter(appeal.stage for appeal in appeals)
    orders = list(
        TribunalOrder.objects.filter(appeal__local_authority_id__in=ids, completed_on__isnull=True)
        .select_related("appeal__learner", "owner")
        .order_by("comply_by", "created_at")
    )
    decided = LaRequest.objects.filter(
        local_authority_id__in=ids, status=RequestStatus.DECIDED, decided_on__isnull=False
    ).exclude(outcome="")
    appeals_decided = Appeal.objects.filter(
        local_authority_id__in=ids, decided_on__isnull=False
    ).exclude(decision="")
    return Dashboard(
        today=on,
        requests=requests,
        requests_by_route=_by(open_requests, "route", [r.value for r in Route]),
        deadlines=_deadline_counts(open_requests, on),
        appeals=appeals,
        appeals_by_stage=[(s.value, stages[s.value]) for s in AppealStage if stages[s.value]],
        orders=orders,
        request_outcomes=_per_year(decided, "decided_on", "outcome"),
        appeal_decisions=_per_year(appeals_decided, "decided_on", "decision"),
    )

"""The LA's disagreement dashboard: what is waiting for the LA or the Tribunal, soonest first,
and how requests and appeals ended in each academic year. LA staff only, their own LA's."""

import datetime
from typing import Any

from django.urls import path
from django.views.generic import TemplateView

from aln.common.i18n import (
    APPEAL_DECISION_LABELS,
    APPEAL_STAGE_LABELS,
    LA_OUTCOME_LABELS,
    ORDER_KIND_LABELS,
    ROUTE_LABELS,
    label,
)
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin
from aln.disputes.selectors.dashboard import DUE_SOON_DAYS, YearCount, dashboard_for
from aln.disputes.views.log import url_or_none
from aln.domain.access import Action


def _bucket(due_on: datetime.date | None, on: datetime.date) -> str:
    if due_on is None:
        return "not_known"
    if due_on < on:
        return "overdue"
    if due_on <= on + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "later"


def _request_rows(requests: list[Any], on: datetime.date) -> list[dict[str, Any]]:
    rows = []
    for r in requests:
        deadline = r.deadline if r.deadline_id else None
        owner = (deadline.owner if deadline else None) or r.case.owner
        rows.append(
            {
                "request": r,
                "route": label(ROUTE_LABELS, r.route),
                "due_on": deadline.due_on if deadline else None,
                "bucket": _bucket(deadline.due_on if deadline else None, on),
                "owner": owner.full_name if owner else "",
                "url": url_or_none("request", la_request_id=r.pk),
                "log_url": url_or_none("log", learner_id=r.learner_id),
            }
        )
    return rows


def _year_table(rows: list[YearCount], years: list[int], labels: dict) -> list[dict[str, Any]]:
    """One row per outcome, one count per academic year (most recent first)."""
    counts = {(row.code, row.year): row.count for row in rows}
    codes = [code for code in labels if any(row.code == code for row in rows)]
    return [
        {"label": label(labels, code), "counts": [counts.get((code, year), 0) for year in years]}
        for code in codes
    ]


class DisputeDashboardView(AccessLoggedMixin, ActionRequiredMixin, TemplateView):
    required_action = Action.DISPUTE_LIST
    template_name = "disputes/dashboard.html"
    # Lists open requests, appeals and orders with learners' names: one event per page shown.
    access_event = "dispute.dashboard_viewed"
    access_list = True

    def get_context_data(self, **kwargs):
        board = dashboard_for(user=self.actor)
        years = board.years
        return {
            **super().get_context_data(**kwargs),
            "board": board,
            "requests": _request_rows(board.requests, board.today),
            "by_route": [(label(ROUTE_LABELS, code), n) for code, n in board.requests_by_route],
            "appeals": [
                {
                    "appeal": a,
                    "stage": label(APPEAL_STAGE_LABELS, a.stage),
                    "url": url_or_none("appeal", appeal_id=a.pk),
                    "log_url": url_or_none("log", learner_id=a.learner_id),
                }
                for a in board.appeals
            ],
            "by_stage": [
                (label(APPEAL_STAGE_LABELS, code), n) for code, n in board.appeals_by_stage
            ],
            "orders": [
                {
                    "order": o,
                    "kind": label(ORDER_KIND_LABELS, o.kind),
                    "overdue": o.comply_by < board.today,
                    "url": url_or_none("order", order_id=o.pk),
                }
                for o in board.orders
            ],
            "years": [f"{year}/{(year + 1) % 100:02d}" for year in years],
            "request_outcomes": _year_table(board.request_outcomes, years, LA_OUTCOME_LABELS),
            "appeal_decisions": _year_table(board.appeal_decisions, years, APPEAL_DECISION_LABELS),
        }


urlpatterns = [path("", DisputeDashboardView.as_view(), name="dashboard")]

import datetime
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from aln.audit.access import access_events_q
from aln.audit.models import AuditEvent
from aln.audit.selectors import audit_event_list_for
from aln.cases.models import Case
from aln.cases.selectors import case_actions_for, case_get_for, case_parties_for
from aln.cases.views.actions import CASE_PAGE_ACTIONS, action_url_name
from aln.common.i18n import (
    ADVICE_FROM_LABELS,
    AUDIT_EVENT_LABELS,
    CASE_ACTION_LABELS,
    CASE_KIND_LABELS,
    CLOSED_BECAUSE_LABELS,
    CONCERN_SOURCE_LABELS,
    DECIDING_BODY_LABELS,
    DELIVERY_METHOD_LABELS,
    DUTY_EXCEPTION_LABELS,
    EVIDENCE_KIND_LABELS,
    MISSED_REASON_LABELS,
    NOTICE_KIND_LABELS,
    NOTICE_LANGUAGE_LABELS,
    OUTCOME_LABELS,
    REFERRAL_GROUND_LABELS,
    RESPONSIBILITY_REASON_LABELS,
    RULE_LABELS,
    STAGE_LABELS,
    VIEWS_OF_LABELS,
    label,
)
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin
from aln.deadlines.models import Deadline
from aln.deadlines.selectors.deadlines import (
    DeadlineWindows,
    deadline_list_for_case,
    deadline_may_act,
    deadline_windows_for,
)
from aln.deadlines.views.dashboard import status_tag
from aln.domain.access import Action
from aln.domain.deadlines import DeadlineState, is_missed
from aln.domain.process import ClosedBecause, Party, Stage
from aln.idps.selectors.plans import idp_for_case
from aln.notices.selectors import notice_list_for_case


@dataclass(frozen=True)
class HistoryEntry:
    occurred_at: datetime.datetime
    who: str
    what: str
    about: str  # the time limit, for a deadline's events
    details: tuple[str, ...]


def _day(value: Any) -> str | None:
    """A stored ISO date as words ("3 March 2027"), or None."""
    try:
        return date_format(datetime.date.fromisoformat(value), "j F Y")
    except (TypeError, ValueError):
        return None


def _pair(changes: dict, name: str) -> tuple[Any, Any]:
    value = changes.get(name)
    if isinstance(value, list) and len(value) == 2:  # [before, after]
        return value[0], value[1]
    return None, value


def _opened_details(changes: dict) -> list[str]:
    details = []
    started = _day(changes.get("started_on"))
    if started:
        details.append(_("Clock started on %(date)s.") % {"date": started})
    due = _day(changes.get("due_on"))
    details.append(
        _("Due on %(date)s.") % {"date": due}
        if due
        else _("Due date not known: term dates missing.")
    )
    return details


def _recomputed_details(changes: dict) -> list[str]:
    before, after = (_day(day) for day in _pair(changes, "due_on"))
    if before and after:
        return [_("Due date moved from %(old)s to %(new)s.") % {"old": before, "new": after}]
    if after:
        return [_("Due date set to %(new)s. It was not known before.") % {"new": after}]
    if before:
        return [
            _("Due date no longer known: term dates missing. It was %(old)s.") % {"old": before}
        ]
    return []


def _case_details(event_type: str, changes: dict) -> list[str]:
    if event_type == "case.opened" and changes.get("kind"):
        return [label(CASE_KIND_LABELS, changes["kind"])]
    if event_type == "case.decided" and changes.get("outcome"):
        return [label(OUTCOME_LABELS, changes["outcome"])]
    if event_type == "case.referred_to_la":
        return [label(REFERRAL_GROUND_LABELS, g) for g in changes.get("grounds", [])]
    return []


def _details(event: AuditEvent) -> list[str]:
    changes = event.changes if isinstance(event.changes, dict) else {}
    details: list[str] = []
    if event.event_type.startswith("case."):
        details.extend(_case_details(event.event_type, changes))
    elif event.event_type == "deadline.opened":
        details.extend(_opened_details(changes))
    elif event.event_type == "deadline.met":
        done = _day(changes.get("met_on"))
        if done:
            details.append(_("Done on %(date)s.") % {"date": done})
    elif event.event_type == "deadline.missed_reason_recorded":
        reason = _pair(changes, "reason")[1]
        if reason:
            details.append(label(MISSED_REASON_LABELS, reason))
        circumstance = _pair(changes, "circumstance")[1]
        if circumstance:
            details.append(circumstance)
    elif event.event_type == "deadline.recomputed":
        details.extend(_recomputed_details(changes))
    if event.reason:
        details.append(_("Reason given: %(reason)s") % {"reason": event.reason})
    return details


def _history(events, deadlines_by_id: dict[str, Deadline]) -> list[HistoryEntry]:
    entries = []
    for event in events:
        deadline = deadlines_by_id.get(event.subject_id)
        entries.append(
            HistoryEntry(
                occurred_at=event.occurred_at,
                who=(event.actor.full_name or event.actor.email)
                if event.actor
                else _("The system"),
                what=label(AUDIT_EVENT_LABELS, event.event_type),
                about=label(RULE_LABELS, deadline.rule_id) if deadline else "",
                details=tuple(_details(event)),
            )
        )
    return entries


def _next_deadline(deadlines: list[Deadline], windows: DeadlineWindows) -> dict[str, Any]:
    """The earliest open due date (overdue included): the next thing the law requires."""
    still_open = [d for d in deadlines if d.state == DeadlineState.OPEN.value]
    dated = sorted((d for d in still_open if d.due_on), key=lambda d: d.due_on or datetime.date.max)
    if dated:
        return {
            "deadline": dated[0],
            "rule": label(RULE_LABELS, dated[0].rule_id),
            "tag": status_tag(dated[0], windows),
        }
    return {"deadline": None, "unknown": bool(still_open)}


# Stages at which a case may have an IDP: only then is the plan looked up (the case page's query
# count stays the same for every other case).
_PLAN_STAGES = {Stage.IDP_DUE, Stage.MAINTAINING, Stage.CEASE_PROPOSED}
_PLAN_CLOSURES = {ClosedBecause.PLAN_CEASED, ClosedBecause.PLAN_ENDED}


def _plan(user: Any, case: Case) -> dict[str, Any]:
    """The case's IDP, if it has one; else whether this person may start writing it."""
    if case.stage not in _PLAN_STAGES and case.closed_because not in _PLAN_CLOSURES:
        return {"idp": None, "can_start_idp": False}
    idp = idp_for_case(user=user, case=case)
    can_start = (
        idp is None
        and case.stage == Stage.IDP_DUE
        and Party.DECIDER in case_parties_for(user=user, case=case)
    )
    return {"idp": idp, "can_start_idp": can_start}


class CaseDetailView(AccessLoggedMixin, ActionRequiredMixin, TemplateView):
    """One case: what it is about, its statutory deadlines, and what has happened on it."""

    required_action = Action.CASE_VIEW
    template_name = "cases/case_detail.html"
    access_event = "case.viewed"
    record_attr = "case"
    case: Case

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.actor
        try:
            case = case_get_for(user=user, case_id=kwargs["case_id"])
        except Case.DoesNotExist as error:
            raise Http404 from error
        self.case = case
        windows = deadline_windows_for(user=user)
        deadlines = list(deadline_list_for_case(user=user, case_id=case.pk))
        notices = notice_list_for_case(user=user, case=case)
        rows = []
        for deadline in deadlines:
            may_act = deadline_may_act(user=user, deadline=deadline)
            missed = deadline.state != DeadlineState.CLOSED.value and is_missed(
                deadline.due_on, deadline.met_on, windows.today
            )
            rows.append(
                {
                    "deadline": deadline,
                    "rule": label(RULE_LABELS, deadline.rule_id),
                    "tag": status_tag(deadline, windows),
                    "missed": missed,
                    "missed_reason": label(MISSED_REASON_LABELS, deadline.missed_reason)
                    if deadline.missed_reason
                    else "",
                    "can_meet": may_act and deadline.state == DeadlineState.OPEN.value,
                    "can_record_reason": may_act and missed,
                }
            )
        # The access log (who opened the case, downloaded a notice...) is evidence, not the
        # case's story: it is kept, and shown in the audit search, but not here.
        events = audit_event_list_for(subjects=[case, *deadlines, *notices]).exclude(
            access_events_q()
        )
        context.update(
            case=case,
            kind=label(CASE_KIND_LABELS, case.kind),
            deciding_body=label(DECIDING_BODY_LABELS, case.deciding_body),
            rows=rows,
            next=_next_deadline(deadlines, windows),
            history=_history(events, {str(d.pk): d for d in deadlines}),
            stage=label(STAGE_LABELS, case.stage),
            closed_because=label(CLOSED_BECAUSE_LABELS, case.closed_because),
            raised_by=label(CONCERN_SOURCE_LABELS, case.raised_by),
            responsibility=label(RESPONSIBILITY_REASON_LABELS, case.responsibility_reason)
            % {"name": case.learner.full_name}
            if case.responsibility_reason
            else "",
            outcome=label(OUTCOME_LABELS, case.outcome) if case.outcome else "",
            duty_exception=label(DUTY_EXCEPTION_LABELS, case.duty_exception)
            if case.duty_exception
            else "",
            referral_grounds=[label(REFERRAL_GROUND_LABELS, g) for g in case.referral_grounds],
            actions=[
                {
                    "label": label(CASE_ACTION_LABELS, action),
                    "url": reverse(f"cases:{action_url_name(action)}", args=[case.pk]),
                }
                for action in case_actions_for(user=user, case=case)
                if action in CASE_PAGE_ACTIONS  # the plan's own moves are on the plan's pages
            ],
            evidence=[(e, label(EVIDENCE_KIND_LABELS, e.kind)) for e in case.evidence.all()],
            views=[(v, label(VIEWS_OF_LABELS, v.whose)) for v in case.views.all()],
            advice=[(a, label(ADVICE_FROM_LABELS, a.source)) for a in case.advice_requests.all()],
            nhs_referrals=case.nhs_referrals.select_related("health_board"),
            meetings=case.meetings.all(),
            notices=[
                {
                    "notice": n,
                    "kind": label(NOTICE_KIND_LABELS, n.kind),
                    "method": label(DELIVERY_METHOD_LABELS, n.method),
                    "language": label(NOTICE_LANGUAGE_LABELS, n.language),
                }
                for n in notices
            ],
            today=windows.today,
            **_plan(user, case),
        )
        return context

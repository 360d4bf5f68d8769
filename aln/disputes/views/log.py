"""The learner's disagreement log: everything challenged, and the support given, in date order;
the view on capacity that applies now; for families, their rights in plain words with the LA's
providers; and what the person may do now. Everyone who may see the learner may read it."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from aln.common.clock import today
from aln.common.i18n import (
    ACTING_FOR_LABELS,
    APPEAL_DECISION_LABELS,
    APPEAL_STAGE_LABELS,
    APPELLANT_LABELS,
    CAPACITY_ASSESSOR_LABELS,
    LA_OUTCOME_LABELS,
    ORDER_KIND_LABELS,
    PROVIDER_KIND_LABELS,
    REQUEST_STATUS_LABELS,
    REQUESTER_LABELS,
    RESOLUTION_OUTCOME_LABELS,
    ROUTE_LABELS,
    SUPPORT_KIND_LABELS,
    label,
)
from aln.common.permissions import user_roles
from aln.disputes.selectors.log import DisagreementLog, EntryKind, LogEntry, disagreement_log
from aln.disputes.selectors.support import la_ids_acting_for
from aln.disputes.services.capacity import assessors_for
from aln.disputes.views.base import LearnerDisputeMixin
from aln.domain.access import Action, any_role_may
from aln.domain.disagreements import OPEN_APPEAL_STAGES, AppealStage
from aln.domain.roles import STAFF_ROLES


def url_or_none(name: str, **kwargs: Any) -> str | None:
    """The page's address, or None while that page does not exist (another part may add it)."""
    try:
        return reverse(f"disputes:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return None


def _day(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


@dataclass
class Card:
    """One entry as the page shows it: a summary card with a status tag."""

    kind: str
    on: datetime.date
    title: str
    tag: str
    colour: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    url: str | None = None
    link_text: str = ""
    actions: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Who:
    """What the person may do, worked out once for the page."""

    la_ids: frozenset[Any]
    today: datetime.date


_STATUS_COLOUR = {"open": "yellow", "decided": "green", "exception": "grey", "withdrawn": "grey"}


def _request_card(entry: LogEntry, who: _Who) -> Card:
    r = entry.record
    asked_by = label(REQUESTER_LABELS, r.requester)
    if r.requester_name:
        asked_by = _("%(who)s (%(name)s)") % {"who": asked_by, "name": r.requester_name}
    rows = [(_("Asked by"), asked_by), (_("Received"), _day(r.received_on))]
    if r.status == "open":
        due = r.deadline.due_on if r.deadline_id and r.deadline else None
        rows.append((_("Answer due by"), _day(due) or _("Not known yet")))
    if r.outcome:
        rows.append(
            (
                _("Answer"),
                _("%(outcome)s (%(date)s)")
                % {"outcome": label(LA_OUTCOME_LABELS, r.outcome), "date": _day(r.decided_on)},
            )
        )
    if r.withdrawal_reasons:
        rows.append((_("Why it was withdrawn"), r.withdrawal_reasons))
    return Card(
        kind=entry.kind,
        on=entry.on,
        title=_("Request to the local authority: %(route)s")
        % {"route": label(ROUTE_LABELS, r.route)},
        tag=label(REQUEST_STATUS_LABELS, r.status),
        colour=_STATUS_COLOUR.get(r.status, "grey"),
        rows=rows,
        url=url_or_none("request", la_request_id=r.pk),
        link_text=_("Open the request"),
    )


def _appeal_card(entry: LogEntry, who: _Who) -> Card:
    a = entry.record
    appellant = label(APPELLANT_LABELS, a.appellant)
    if a.appellant_name:
        appellant = _("%(who)s (%(name)s)") % {"who": appellant, "name": a.appellant_name}
    last_day = _day(a.last_day)
    if a.extended:
        last_day = _("%(date)s (extended after a referral to disagreement resolution)") % {
            "date": last_day
        }
    rows = [
        (_("Appealed by"), appellant),
        (_("Received by the Tribunal"), _day(a.received_on)),
        (_("Last day to appeal"), last_day),
    ]
    if a.hearing_on:
        rows.append((_("Hearing"), _day(a.hearing_on)))
    if a.decision:
        rows.append(
            (
                _("Decision"),
                _("%(decision)s (%(date)s)")
                % {
                    "decision": label(APPEAL_DECISION_LABELS, a.decision),
                    "date": _day(a.decided_on),
                },
            )
        )
    if a.stage == AppealStage.WITHDRAWN:
        rows.append((_("Withdrawn on"), _day(a.closed_on)))
        if a.withdrawal_reasons:
            rows.append((_("Why it was withdrawn"), a.withdrawal_reasons))
    colour = "blue" if a.stage in OPEN_APPEAL_STAGES else "grey"
    return Card(
        kind=entry.kind,
        on=entry.on,
        title=_("Appeal to the Education Tribunal for Wales"),
        tag=label(APPEAL_STAGE_LABELS, a.stage),
        colour="green" if a.stage == AppealStage.DECIDED else colour,
        rows=rows,
        url=url_or_none("appeal", appeal_id=a.pk),
        link_text=_("Open the appeal"),
    )


def _order_card(entry: LogEntry, who: _Who) -> Card:
    o = entry.record
    if o.completed_on:
        tag, colour = _("Done"), "green"
    elif o.comply_by < who.today:
        tag, colour = _("Overdue"), "red"
    else:
        tag, colour = _("To do"), "blue"
    rows = [(_("Made on"), _day(o.made_on)), (_("To be done by"), _day(o.comply_by))]
    if o.completed_on:
        rows.append((_("Done on"), _day(o.completed_on)))
    return Card(
        kind=entry.kind,
        on=entry.on,
        title=_("Tribunal order: %(kind)s") % {"kind": label(ORDER_KIND_LABELS, o.kind)},
        tag=tag,
        colour=colour,
        rows=rows,
        url=url_or_none("order", order_id=o.pk),
        link_text=_("Open the order"),
    )


def _appeal_time(entry: LogEntry) -> str:
    effect = entry.appeal_effect
    if effect is None:
        return ""
    values = {"last_day": _day(effect.last_day), "ended": _day(effect.period_ends_on)}
    if effect.extends:
        return (
            _(
                "Referred before the time to appeal ran out: it is extended by 8 weeks. The "
                "Tribunal must receive an appeal by %(last_day)s."
            )
            % values
        )
    return (
        _(
            "Referred after the 8 weeks to appeal ended on %(ended)s, so they are not "
            "extended. The Tribunal must receive an appeal by %(last_day)s."
        )
        % values
    )


def _referral_card(entry: LogEntry, who: _Who) -> Card:
    r = entry.record
    rows = [
        (_("Provider"), r.provider.name if r.provider else _("Not recorded")),
        (_("Referred by"), r.referred_by_name),
        (_("About"), r.about),
    ]
    appeal_time = _appeal_time(entry)
    if appeal_time:
        rows.append((_("Time to appeal"), appeal_time))
    if r.outcome:
        rows.append((_("Ended on"), _day(r.outcome_on)))
        if r.outcome_notes:
            rows.append((_("Notes"), r.outcome_notes))
    actions = []
    if not r.outcome and r.local_authority_id in who.la_ids:
        url = url_or_none("referral-outcome", referral_id=r.pk)
        if url:
            actions.append((url, _("Record how it ended")))
    return Card(
        kind=entry.kind,
        on=entry.on,
        title=_("Referral: %(kind)s") % {"kind": label(SUPPORT_KIND_LABELS, r.kind)},
        tag=label(RESOLUTION_OUTCOME_LABELS, r.outcome) if r.outcome else _("In progress"),
        colour="blue" if not r.outcome else ("green" if r.outcome == "resolved" else "grey"),
        rows=rows,
        actions=actions,
    )


def _capacity_card(entry: LogEntry, who: _Who) -> Card:
    c = entry.record
    view = _("The child lacks capacity") if c.lacks_capacity else _("The child has capacity")
    return Card(
        kind=entry.kind,
        on=entry.on,
        title=_("View on capacity: %(whose)s")
        % {"whose": label(CAPACITY_ASSESSOR_LABELS, c.assessor)},
        tag=_("Applies now") if entry.prevails else _("Does not apply now"),
        colour="green" if entry.prevails else "grey",
        rows=[
            (_("The view"), view),
            (_("Formed by"), c.decided_by_name),
            (_("Date"), _day(c.decided_on)),
        ],
        url=url_or_none("capacity", capacity_id=c.pk),
        link_text=_("Open the view on capacity"),
    )


def _acting_for_card(entry: LogEntry, who: _Who) -> Card:
    p = entry.record
    rows = [(_("Authority"), p.authority), (_("Appointed on"), _day(p.appointed_on))]
    if p.ended_on:
        rows.append((_("Stopped acting on"), _day(p.ended_on)))
        if p.end_reasons:
            rows.append((_("Why they stopped acting"), p.end_reasons))
    actions = []
    if not p.ended_on and who.la_ids:
        url = url_or_none("acting-for-end", acting_for_id=p.pk)
        if url:
            actions.append((url, _("Record that they stopped acting")))
    return Card(
        kind=entry.kind,
        on=entry.on,
        title=_("%(who)s: %(name)s") % {"who": label(ACTING_FOR_LABELS, p.kind), "name": p.name},
        tag=_("Stopped acting") if p.ended_on else _("Acting"),
        colour="grey" if p.ended_on else "green",
        rows=rows,
        actions=actions,
    )


_CARDS: dict[EntryKind, Callable[[LogEntry, _Who], Card]] = {
    EntryKind.REQUEST: _request_card,
    EntryKind.APPEAL: _appeal_card,
    EntryKind.ORDER: _order_card,
    EntryKind.REFERRAL: _referral_card,
    EntryKind.CAPACITY: _capacity_card,
    EntryKind.ACTING_FOR: _acting_for_card,
}


def _actions(user: Any, learner: Any, la_ids: frozenset[Any]) -> list[tuple[str, str]]:
    """The links to what the person may do now, as their role and part allow."""
    roles = user_roles(user)
    wanted = [
        (
            "request-new",
            _("Ask the local authority to reconsider"),
            any_role_may(roles, Action.DISPUTE_REQUEST),
        ),
        (
            "appeal-new",
            _("Record an appeal to the Tribunal"),
            any_role_may(roles, Action.DISPUTE_DECIDE),
        ),
        (
            "referral-new",
            _("Record a referral to disagreement resolution or advocacy"),
            bool(la_ids),
        ),
        (
            "capacity-new",
            _("Record a view on the child's capacity"),
            bool(assessors_for(actor=user, learner=learner)),
        ),
        ("acting-for-new", _("Record a case friend or representative"), bool(la_ids)),
    ]
    links = []
    for name, text, allowed in wanted:
        url = url_or_none(name, learner_id=learner.pk) if allowed else None
        if url:
            links.append((url, text))
    return links


def _providers(log: DisagreementLog) -> list[dict[str, Any]]:
    return [{"provider": p, "kind": label(PROVIDER_KIND_LABELS, p.kind)} for p in log.providers]


class DisagreementLogView(LearnerDisputeMixin, TemplateView):
    required_action = Action.DISPUTE_VIEW
    template_name = "disputes/log.html"
    access_event = "dispute.log_viewed"

    def get_context_data(self, **kwargs):
        log = disagreement_log(learner=self.learner)
        la_ids = frozenset(la_ids_acting_for(user=self.actor, learner=self.learner))
        who = _Who(la_ids=la_ids, today=today())
        prevailing = log.prevailing
        return {
            **super().get_context_data(**kwargs),
            "cards": [_CARDS[entry.kind](entry, who) for entry in log.entries],
            "lacks_capacity": log.lacks_capacity,
            "prevailing": prevailing,
            "prevailing_assessor": label(CAPACITY_ASSESSOR_LABELS, prevailing.assessor)
            if prevailing
            else "",
            "is_family": not (user_roles(self.actor) & STAFF_ROLES),
            "providers": _providers(log),
            "actions": _actions(self.actor, self.learner, la_ids),
        }


urlpatterns = [
    path("learners/<uuid:learner_id>/", DisagreementLogView.as_view(), name="log"),
]

"""The deadlines dashboard, and acting on one deadline: marking it done, recording why it was
missed."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import DEADLINE_STATUS_LABELS, RULE_LABELS, error_message, label
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin, user_roles
from aln.deadlines.forms.deadlines import (
    DeadlineFilterForm,
    DeadlineMeetForm,
    DeadlineMissedReasonForm,
    version_of,
)
from aln.deadlines.models import Deadline
from aln.deadlines.selectors.deadlines import (
    DeadlineFilters,
    DeadlineView,
    DeadlineWindows,
    deadline_counts_for,
    deadline_get_for,
    deadline_list_for,
    deadline_owner_list_for,
    deadline_windows_for,
)
from aln.deadlines.services.deadlines import deadline_meet, deadline_record_missed_reason
from aln.domain.access import Action, any_role_may
from aln.domain.deadlines import (
    MAX_CIRCUMSTANCE_LENGTH,
    DeadlineError,
    DeadlineState,
    DeadlineStatus,
    MissedReason,
    deadline_status,
    is_missed,
)
from aln.domain.roles import LA_ROLES, SETTING_ROLES, STAFF_ROLES
from aln.organisations.selectors import setting_list_for

PAGE_SIZE = 50

# A caseworker opening the dashboard wants everything still to do, most urgent first. Sorting all
# open deadlines by due date puts the overdue ones at the top and hides nothing; a default that
# switched between "overdue" and "due this week" depending on the data would make the same link
# show different things on different days. The counts above the table lead to the narrower views.
DEFAULT_VIEW = DeadlineView.OPEN

_TAG_COLOURS = {
    DeadlineStatus.OVERDUE: "govuk-tag--red",
    DeadlineStatus.MET: "govuk-tag--green",
    DeadlineStatus.MET_LATE: "govuk-tag--green",
    DeadlineStatus.CLOSED: "govuk-tag--grey",
    DeadlineStatus.DATE_UNKNOWN: "govuk-tag--grey",
}


@dataclass(frozen=True)
class StatusTag:
    """What the status tag include shows for one deadline."""

    status: DeadlineStatus
    label: str
    colour: str
    days_overdue: int


def status_tag(deadline: Deadline, windows: DeadlineWindows) -> StatusTag:
    """Red when overdue, yellow when due this week or soon, green when done, grey otherwise."""
    status = deadline_status(
        DeadlineState(deadline.state), deadline.due_on, deadline.met_on, windows.today
    )
    colour = _TAG_COLOURS.get(status, "govuk-tag--blue")
    days_overdue = 0
    if status is DeadlineStatus.OVERDUE and deadline.due_on is not None:
        days_overdue = (windows.today - deadline.due_on).days
    soon = max(windows.end_of_week, windows.soon_until)
    if status is DeadlineStatus.DUE and deadline.due_on is not None and deadline.due_on <= soon:
        colour = "govuk-tag--yellow"
    return StatusTag(status, label(DEADLINE_STATUS_LABELS, status), colour, days_overdue)


def _view_from(query: QueryDict) -> DeadlineView:
    try:
        return DeadlineView(query.get("view", ""))
    except ValueError:
        return DEFAULT_VIEW


def _id_or_none(value: Any) -> Any:
    return value.pk if value is not None else None


class DeadlineListView(AccessLoggedMixin, ActionRequiredMixin, TemplateView):
    """Every deadline the user can see, by view (overdue, due this week...) and filters."""

    required_action = Action.DEADLINE_LIST
    template_name = "deadlines/deadline_list.html"
    # Lists learners' names: one access event per page shown, with the filters.
    access_event = "deadline.list_viewed"
    access_list = True
    access_filters = ("view", "setting", "owner", "rule", "page")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.actor
        roles = user_roles(user)
        query = self.request.GET
        view = _view_from(query)
        form = DeadlineFilterForm(
            query,
            settings_queryset=setting_list_for(user=user)
            if roles & (LA_ROLES | SETTING_ROLES)
            else None,
            owners_queryset=deadline_owner_list_for(user=user) if roles & STAFF_ROLES else None,
        )
        # A stale or edited filter is reported and left out; the others still apply.
        form.is_valid()
        data = form.cleaned_data
        filters = DeadlineFilters(
            view=view,
            setting_id=_id_or_none(data.get("setting")),
            owner_id=_id_or_none(data.get("owner")),
            rule_id=data.get("rule") or "",
        )
        windows = deadline_windows_for(user=user)
        counts = deadline_counts_for(user=user, filters=filters, windows=windows)
        page = Paginator(
            deadline_list_for(user=user, filters=filters, windows=windows), PAGE_SIZE
        ).get_page(query.get("page"))
        filter_query = query.copy()
        for name in ("page", "view"):
            filter_query.pop(name, None)
        page_query = filter_query.copy()
        page_query["view"] = view.value
        context.update(
            form=form,
            view=view.value,
            windows=windows,
            views=self._views(counts, view, filter_query),
            rows=[
                {
                    "deadline": deadline,
                    "rule": label(RULE_LABELS, deadline.rule_id),
                    "tag": status_tag(deadline, windows),
                }
                for deadline in page.object_list
            ],
            page=page,
            query=page_query.urlencode(),
            filtered=bool(filters.setting_id or filters.owner_id or filters.rule_id),
            can_feed=any_role_may(roles, Action.DEADLINE_FEED),
        )
        return context

    @staticmethod
    def _views(counts, current: DeadlineView, filter_query: QueryDict) -> list[dict]:
        views = []
        for view in DeadlineView:
            link_query = filter_query.copy()
            link_query["view"] = view.value
            views.append(
                {
                    "code": view.value,
                    "count": counts[view],
                    "query": link_query.urlencode(),
                    "current": view is current,
                }
            )
        return views


class _DeadlineActionView(AccessLoggedMixin, ActionRequiredMixin, FormView):
    """Loads the deadline the user may act on (404 otherwise) and handles a stale version. The
    form shows the deadline and the learner's case: opening it is logged."""

    required_action = Action.DEADLINE_ACT
    access_event = "deadline.viewed"
    record_attr = "deadline"
    deadline: Deadline

    def _load(self) -> Deadline:
        try:
            return deadline_get_for(
                user=self.actor, deadline_id=self.kwargs["deadline_id"], for_action=True
            )
        except Deadline.DoesNotExist as error:
            raise Http404 from error

    def get(self, request, *args, **kwargs):
        self.deadline = self._load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.deadline = self._load()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        windows = deadline_windows_for(user=self.actor, with_due_soon=False)
        context.update(
            deadline=self.deadline,
            case=self.deadline.case,
            rule=label(RULE_LABELS, self.deadline.rule_id),
            tag=status_tag(self.deadline, windows),
        )
        return context

    def changed_by_someone_else(self, form):
        """Show what the deadline says now, keep what the person typed, and let them try again."""
        self.deadline = self._load()
        data = self.request.POST.copy()
        data["version"] = str(self.deadline.version)
        fresh = self.get_form_class()(data=data)
        fresh.is_valid()
        fresh.add_error(None, error_message(DeadlineError.CHANGED_BY_SOMEONE_ELSE))
        return self.form_invalid(fresh)

    def case_page(self):
        return redirect("cases:case-detail", case_id=self.deadline.case_id)


def _day(day: datetime.date | None) -> str:
    return date_format(day, "j F Y") if day else ""


class DeadlineMeetView(_DeadlineActionView):
    """Mark a deadline as done on a date. Done late is recorded as late, never hidden."""

    template_name = "deadlines/deadline_meet.html"
    form_class = DeadlineMeetForm

    def get_initial(self):
        return {"met_on": today(), "version": self.deadline.version}

    def form_valid(self, form):
        if self.deadline.state != DeadlineState.OPEN.value:
            form.add_error(None, error_message(DeadlineError.NOT_OPEN))
            return self.form_invalid(form)
        version = version_of(form)
        if version is None:
            return self.changed_by_someone_else(form)
        met_on = form.cleaned_data["met_on"]
        try:
            deadline_meet(actor=self.actor, deadline=self.deadline, met_on=met_on, version=version)
        except ServiceError as error:
            if error.code is DeadlineError.CHANGED_BY_SOMEONE_ELSE:
                return self.changed_by_someone_else(form)
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        rule = label(RULE_LABELS, self.deadline.rule_id)
        message: str
        if is_missed(self.deadline.due_on, met_on, today()):
            message = format_html(
                _(
                    "You marked “{rule}” as done on {date}. This was after the due date, "
                    '{due}. <a class="govuk-notification-banner__link" href="{url}">Record why '
                    "the deadline was missed</a>."
                ),
                rule=rule,
                date=_day(met_on),
                due=_day(self.deadline.due_on),
                url=reverse("deadlines:deadline-missed-reason", args=[self.deadline.pk]),
            )
        else:
            message = _("You marked “%(rule)s” as done on %(date)s.") % {
                "rule": rule,
                "date": _day(met_on),
            }
        messages.success(self.request, message)
        return self.case_page()


class DeadlineMissedReasonView(_DeadlineActionView):
    """Record why a deadline was missed: only offered once it has been (404 before)."""

    template_name = "deadlines/deadline_missed_reason.html"
    form_class = DeadlineMissedReasonForm

    def _load(self) -> Deadline:
        deadline = super()._load()
        missed = is_missed(deadline.due_on, deadline.met_on, today())
        if deadline.state == DeadlineState.CLOSED.value or not missed:
            raise Http404
        return deadline

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_circumstance"] = MAX_CIRCUMSTANCE_LENGTH
        return context

    def get_initial(self):
        return {
            "reason": self.deadline.missed_reason or None,
            "circumstance": self.deadline.missed_circumstance,
            "version": self.deadline.version,
        }

    def form_valid(self, form):
        version = version_of(form)
        if version is None:
            return self.changed_by_someone_else(form)
        try:
            deadline_record_missed_reason(
                actor=self.actor,
                deadline=self.deadline,
                reason=MissedReason(form.cleaned_data["reason"]),
                circumstance=form.cleaned_data["circumstance"],
                version=version,
            )
        except ServiceError as error:
            if error.code is DeadlineError.CHANGED_BY_SOMEONE_ELSE:
                return self.changed_by_someone_else(form)
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("You recorded why “%(rule)s” was missed.")
            % {"rule": label(RULE_LABELS, self.deadline.rule_id)},
        )
        return self.case_page()

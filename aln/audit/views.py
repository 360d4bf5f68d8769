"""The data protection officer's audit trail: search, one event, and the CSV download."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views import View
from django.views.generic import TemplateView

from aln.audit.display import change_rows, event_label, role_labels, subject_label
from aln.audit.exports import EXPORT_ROW_LIMIT, audit_export_lines, audit_trail_export
from aln.audit.forms import AuditSearchForm
from aln.audit.models import AuditEvent
from aln.audit.selectors import AuditFilters, audit_event_get_for, audit_event_search_for
from aln.common.clock import today
from aln.common.i18n import AUDIT_SUBJECT_LABELS
from aln.common.permissions import ActionRequiredMixin, RecordMixin
from aln.domain.access import Action

PAGE_SIZE = 50


def _row(event: AuditEvent) -> dict:
    return {
        "event": event,
        "what": event_label(event.event_type),
        "roles": role_labels(event.actor_roles),
        "record": subject_label(event.subject_type),
    }


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class AuditSearchView(ActionRequiredMixin, TemplateView):
    """Search the audit trail of the DPO's local authority. Reads only: nothing is recorded."""

    required_action = Action.AUDIT_SEARCH
    template_name = "audit/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AuditSearchForm(self.request.GET or None)
        valid = not form.is_bound or form.is_valid()
        filters = form.filters() if form.is_bound and valid else AuditFilters()
        events = audit_event_search_for(user=self.actor, filters=filters)
        if not valid:
            events = events.none()
        page = Paginator(events, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = _query_without_page(self.request)
        context.update(
            form=form,
            page=page,
            rows=[_row(event) for event in page.object_list],
            query=query,
            searched=bool(filters.as_dict()),
            valid=valid,
            export_url=f"{reverse('audit:export')}{'?' + query if query else ''}",
            limit=f"{EXPORT_ROW_LIMIT:,}",
            too_many=page.paginator.count > EXPORT_ROW_LIMIT,
        )
        return context


class AuditEventDetailView(RecordMixin, TemplateView):
    """Every field of one event; an event outside the DPO's authority answers 404."""

    required_action = Action.AUDIT_SEARCH
    template_name = "audit/event.html"
    record_attr = "event"
    event: AuditEvent

    def load_record(self, user, kwargs):
        return audit_event_get_for(user=user, event_id=kwargs["event_id"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        pairs, values = change_rows(event.changes)
        context.update(
            event=event,
            what=event_label(event.event_type),
            roles=role_labels(event.actor_roles),
            record=subject_label(event.subject_type),
            pairs=pairs,
            values=values,
            same_record_url=_search_url(**_record_filters(event)),
            same_request_url=(_search_url(request_id=event.request_id) if event.request_id else ""),
        )
        return context


def _record_filters(event: AuditEvent) -> dict[str, str]:
    """Filters for every event about the event's record (a type the form does not list yet is
    left out: the record's id alone finds it)."""
    filters = {"subject_id": event.subject_id}
    if event.subject_type in AUDIT_SUBJECT_LABELS:
        filters["subject_type"] = event.subject_type
    return filters


def _search_url(**filters: str) -> str:
    return f"{reverse('audit:search')}?{urlencode(filters)}"


class AuditExportView(ActionRequiredMixin, View):
    """The events the search finds, as a CSV file (streamed). Recorded as `audit.exported`."""

    required_action = Action.AUDIT_SEARCH

    def get(self, request, *args, **kwargs):
        form = AuditSearchForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            # The search page shows what is wrong with the filters.
            return redirect(f"{reverse('audit:search')}?{_query_without_page(request)}")
        filters = form.filters() if form.is_bound else AuditFilters()
        export = audit_trail_export(actor=self.actor, filters=filters)
        language = translation.get_language() or "en-gb"
        response = StreamingHttpResponse(
            audit_export_lines(export, language=language), content_type="text/csv; charset=utf-8"
        )
        filename = f"audit-trail-{today().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

"""A learner's subject access export (LA ALN officers), and the LA data protection officer's
retention pages: the records past their retention period, erasing them, and the periods."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import (
    RETENTION_RECORD_TYPE_LABELS,
    SUBJECT_ACCESS_SECTION_LABELS,
    error_message,
)
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin, RecordMixin
from aln.dataprotection.forms import RetentionEraseForm, RetentionSettingsForm
from aln.dataprotection.learner_file import SECTIONS
from aln.dataprotection.selectors import (
    RetentionCandidate,
    dpo_authorities_for,
    learner_get_for_subject_access,
    retention_candidate_rows,
    retention_candidates_for,
    retention_periods_for,
    subject_access_relationship,
)
from aln.dataprotection.services import (
    retention_erase,
    retention_settings_update,
    subject_access_export,
)
from aln.domain.access import Action
from aln.domain.retention import DEFAULT_YEARS, RecordType
from aln.learners.models import Learner

PAGE_SIZE = 50


class SubjectAccessView(AccessLoggedMixin, RecordMixin, TemplateView):
    """What the archive holds (GET), and the archive itself (POST: a download, audited)."""

    required_action = Action.SUBJECT_ACCESS_EXPORT
    template_name = "dataprotection/subject_access.html"
    record_attr = "learner"
    access_event = "learner.viewed"  # the page names the learner
    learner: Learner

    def load_record(self, user, kwargs):
        return learner_get_for_subject_access(user=user, learner_id=kwargs["learner_id"])

    def access_reason(self) -> str:
        return str(subject_access_relationship(user=self.actor, learner=self.learner) or "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            learner=self.learner,
            sections=[SUBJECT_ACCESS_SECTION_LABELS[section.key] for section in SECTIONS],
        )
        return context

    def post(self, request, *args, **kwargs):
        archive = subject_access_export(actor=self.actor, learner=self.learner)
        response = FileResponse(
            archive.file,
            as_attachment=True,
            filename=archive.filename,
            content_type="application/zip",
        )
        response["Cache-Control"] = "no-store, private"
        return response


class _DataProtectionOfficerMixin(ActionRequiredMixin):
    """Pages only an LA's data protection officer opens, for their own authorities."""

    required_action = Action.RETENTION_MANAGE

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.authorities = dpo_authorities_for(user=request.user)
            if not self.authorities:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def candidates_page(self, number):
        on = today()
        page = Paginator(retention_candidates_for(user=self.actor, on=on), PAGE_SIZE).get_page(
            number
        )
        periods = retention_periods_for(local_authority_ids=[la.pk for la in self.authorities])
        rows = retention_candidate_rows(
            learners=list(page.object_list), periods_by_authority=periods, on=on
        )
        return page, rows, periods


def _what_is_erased(row: RetentionCandidate) -> str:
    if row.scope is RecordType.LEARNER_FILE:
        return ngettext(
            "the whole file: %(count)d record",
            "the whole file: %(count)d records",
            row.records,
        ) % {"count": row.records}
    return ngettext("%(count)d plan document", "%(count)d plan documents", row.documents) % {
        "count": row.documents
    }


class RetentionListView(AccessLoggedMixin, _DataProtectionOfficerMixin, TemplateView):
    """The learners of the officer's authorities whose records are past their period."""

    template_name = "dataprotection/retention_list.html"
    access_event = "retention.list_viewed"
    access_list = True
    access_filters = ("page",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, rows, periods = self.candidates_page(self.request.GET.get("page"))
        context.update(
            page=page,
            rows=[{"row": row, "what": _what_is_erased(row)} for row in rows],
            authorities=[
                {
                    "authority": authority,
                    "periods": [
                        (RETENTION_RECORD_TYPE_LABELS[t.value], periods[authority.pk][t])
                        for t in RecordType
                    ],
                }
                for authority in self.authorities
            ],
        )
        return context


class RetentionReviewView(AccessLoggedMixin, _DataProtectionOfficerMixin, FormView):
    """Tick the records to erase, say why and type the word to confirm. The service checks
    every ticked learner again: the page only offers, it never decides."""

    template_name = "dataprotection/retention_review.html"
    form_class = RetentionEraseForm
    access_event = "retention.list_viewed"
    access_list = True
    access_filters = ("page",)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        _page, self.rows, _periods = self.candidates_page(self.request.GET.get("page"))
        if self.request.method == "POST":
            # What was ticked, wherever it now sits in the list (others may have gone), beside the
            # page's own rows, so a form sent back with a mistake can still be ticked and sent.
            shown = {row.learner_id for row in self.rows}
            ticked = self._posted_rows(self.request.POST.getlist("learners"))
            self.rows = [*self.rows, *(row for row in ticked if row.learner_id not in shown)]
        kwargs["choices"] = [
            (str(row.learner_id), _choice_label(row)) for row in self.rows if not row.has_open_case
        ]
        return kwargs

    def _posted_rows(self, posted: list[str]) -> list[RetentionCandidate]:
        on = today()
        learners = retention_candidates_for(user=self.actor, on=on).filter(
            pk__in=[value for value in posted if _is_uuid(value)]
        )
        periods = retention_periods_for(local_authority_ids=[la.pk for la in self.authorities])
        return retention_candidate_rows(
            learners=list(learners), periods_by_authority=periods, on=on
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.request.GET.get("page", "")
        context.update(
            open_cases=[row for row in self.rows if row.has_open_case],
            list_url=reverse("dataprotection:retention")
            + (f"?page={page}" if page.isdigit() else ""),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = retention_erase(
                actor=self.actor, learners=data["learners"], reason=data["reason"]
            )
        except ServiceError as error:
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        erased = result.learner_files + result.documents_only
        messages.success(
            self.request,
            ngettext(
                "The records of %(count)d learner have been erased.",
                "The records of %(count)d learners have been erased.",
                erased,
            )
            % {"count": erased},
        )
        return redirect("dataprotection:retention")


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _choice_label(row: RetentionCandidate) -> str:
    return _("%(name)s, born %(born)s: %(what)s") % {
        "name": row.full_name,
        "born": date_format(row.date_of_birth, "j F Y"),
        "what": _what_is_erased(row),
    }


class RetentionSettingsView(_DataProtectionOfficerMixin, FormView):
    """How long the officer's authority keeps each kind of record (years after birth)."""

    template_name = "dataprotection/retention_settings.html"
    form_class = RetentionSettingsForm

    def get_initial(self):
        authority = self.authorities[0]
        periods = retention_periods_for(local_authority_ids=[authority.pk])[authority.pk]
        return {f"years__{t.value}": years for t, years in periods.items()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            authority=self.authorities[0],
            default_years=DEFAULT_YEARS,
            fields=[form[f"years__{t.value}"] for t in RecordType],
        )
        return context

    def form_valid(self, form):
        periods = {t: form.cleaned_data[f"years__{t.value}"] for t in RecordType}
        try:
            changes = retention_settings_update(
                actor=self.actor, local_authority=self.authorities[0], periods=periods
            )
        except ServiceError as error:
            form.add_error(f"years__{error.field}", error_message(error.code))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Retention periods saved.") if changes else _("Nothing has changed."),
        )
        return redirect("dataprotection:retention-settings")

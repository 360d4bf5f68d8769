"""Downloading a notice, and the LA ALN manager's pages for the LA's providers.

A notice is a record about a learner: anyone who may see the case may download it, every download
is audited, and anyone else gets the same 404 as for a notice that does not exist. Providers
(Act ss.9, 68, 69) are managed by the LA ALN manager, for their own LA only.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from aln.common.errors import ServiceError
from aln.common.forms.fields import GovukForm
from aln.common.i18n import PROVIDER_KIND_LABELS, error_message, label
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin
from aln.domain.access import Action
from aln.domain.notices import ProviderError, ProviderKind
from aln.notices.forms import ProviderForm
from aln.notices.models import Notice, SupportProvider
from aln.notices.selectors import (
    managed_local_authority_for,
    notice_get_for,
    support_provider_get_for,
    support_provider_list,
)
from aln.notices.services import (
    notice_read_pdf,
    support_provider_create,
    support_provider_deactivate,
    support_provider_update,
)
from aln.organisations.models import LocalAuthority


def download_filename(notice: Notice) -> str:
    """`ALN-T0000001-no_aln-2026-11-23.pdf`: the case, the kind and the day given (ASCII only)."""
    reference = "".join(c for c in notice.case.reference if c.isalnum() or c in "-_")
    return f"{reference}-{notice.kind}-{notice.given_on:%Y-%m-%d}.pdf"


class NoticeDownloadView(AccessLoggedMixin, ActionRequiredMixin, View):
    required_action = Action.NOTICE_DOWNLOAD
    access_event = "notice.downloaded"
    record_attr = "notice"
    notice: Notice

    def access_details(self) -> dict[str, str]:
        return {"case_id": str(self.notice.case_id), "sha256": self.notice.sha256}

    def get(self, request, notice_id):
        try:
            self.notice = notice = notice_get_for(user=self.actor, notice_id=notice_id)
        except Notice.DoesNotExist as error:
            raise Http404 from error
        pdf = notice_read_pdf(notice=notice)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{download_filename(notice)}"'
        response["Cache-Control"] = "no-store, private"
        return response


class _ProviderManagerMixin(ActionRequiredMixin):
    """Pages only an LA ALN manager opens, for their own LA's providers."""

    required_action = Action.PROVIDER_MANAGE
    authority: LocalAuthority

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            authority = managed_local_authority_for(user=request.user)
            if authority is None:
                raise Http404
            self.authority = authority
        return super().dispatch(request, *args, **kwargs)


def _raise_404_if_out_of_scope(error: ServiceError) -> None:
    if error.code is ProviderError.OUTSIDE_YOUR_AUTHORITY:
        raise Http404 from error


class SupportProviderListView(_ProviderManagerMixin, TemplateView):
    template_name = "notices/provider_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        providers = support_provider_list(self.authority.pk)
        context["authority"] = self.authority
        context["groups"] = [
            {
                "kind": kind.value,
                "label": label(PROVIDER_KIND_LABELS, kind.value),
                "providers": [p for p in providers if p.kind == kind.value],
            }
            for kind in ProviderKind
        ]
        return context


class SupportProviderCreateView(_ProviderManagerMixin, FormView):
    template_name = "notices/provider_form.html"
    form_class = ProviderForm

    def get_initial(self):
        initial = super().get_initial()
        chosen = self.request.GET.get("kind")
        if chosen in {kind.value for kind in ProviderKind}:
            initial["kind"] = chosen
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["authority"] = self.authority
        return context

    def form_valid(self, form):
        try:
            support_provider_create(
                actor=self.actor, local_authority_id=self.authority.pk, details=form.details()
            )
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, _("Provider added. New notices will name it."))
        return redirect("notices:provider-list")


class _OneProviderMixin(_ProviderManagerMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.provider = support_provider_get_for(
                    user=request.user, provider_id=kwargs["provider_id"]
                )
            except SupportProvider.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def provider_context(self) -> dict:
        return {
            "provider": self.provider,
            "authority": self.provider.local_authority,
            "kind_label": label(PROVIDER_KIND_LABELS, self.provider.kind),
        }


class SupportProviderUpdateView(_OneProviderMixin, FormView):
    template_name = "notices/provider_form.html"
    form_class = ProviderForm

    def get_initial(self):
        return ProviderForm.initial_for(self.provider)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.provider_context()}

    def form_valid(self, form):
        try:
            support_provider_update(
                actor=self.actor, provider_id=self.provider.pk, details=form.details()
            )
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, _("Provider changed. New notices will use the new details."))
        return redirect("notices:provider-list")


class SupportProviderDeactivateView(_OneProviderMixin, FormView):
    """GET asks "are you sure?"; POST stops the provider being named on new notices."""

    template_name = "notices/provider_deactivate.html"
    form_class = GovukForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.provider_context()}

    def form_valid(self, form):
        try:
            support_provider_deactivate(actor=self.actor, provider_id=self.provider.pk)
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(None, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, _("Provider removed. New notices will not name it."))
        return redirect("notices:provider-list")

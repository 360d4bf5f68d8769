"""Giving a plan: the page that says what still stops the draft being given (each problem linked
to where it is fixed) and, when nothing does, gives it; and the draft as a PDF for checking."""

from enum import StrEnum
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import CASE_ACTION_LABELS, label
from aln.domain.notices import DeliveryMethod, NoticeError, NoticeLanguage
from aln.domain.plans import PlanError
from aln.domain.process import CaseAction
from aln.idps.forms.issuing import IdpGiveForm
from aln.idps.models import Idp, IdpVersion, VersionState
from aln.idps.rendering import render_plan_pdf
from aln.idps.selectors.plans import draft_of
from aln.idps.services.issuing import idp_give
from aln.idps.views.base import PlanActionMixin
from aln.idps.views.editor import _issue_items

_LANGUAGES = {language.value for language in NoticeLanguage}
# Refusals that belong to one field of the form.
_FIELD_OF: dict[StrEnum, str] = {NoticeError.EMAIL_ADDRESS_REQUIRED: "email_to"}


class _DraftMixin(PlanActionMixin):
    """A page about the draft being written: none to give sends the person back to the plan."""

    access_event = "idp.version_viewed"
    draft: IdpVersion

    def access_subject(self) -> Any:
        return self.draft

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None:
            return refusal
        draft = draft_of(idp=self.idp)
        if draft is None:
            return self.back(PlanError.NO_DRAFT)
        self.draft = draft
        return None


class IdpGiveView(_DraftMixin, FormView):
    """Give the draft: the first plan (GIVE_IDP) or a revised one (GIVE_REVISED_IDP)."""

    template_name = "idps/issue_give.html"
    form_class = IdpGiveForm

    def check(self, request):
        # Which move this is depends on whether a version has been given already.
        given = self.idp.versions.filter(state=VersionState.ISSUED).exists()
        # An instance value shadows the class's on purpose: the move is chosen per plan.
        action = CaseAction.GIVE_REVISED_IDP if given else CaseAction.GIVE_IDP
        self.case_action = action  # type: ignore[misc]
        return super().check(request)

    def get_initial(self):
        return {
            "revision": self.draft.revision,
            "case_version": self.idp.case.version,
            "given_on": today(),
            "language": self.draft.language,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assert self.case_action is not None  # noqa: S101 (set by check)
        context.update(
            title=label(CASE_ACTION_LABELS, self.case_action),
            draft=self.draft,
            issues=_issue_items(self.idp, self.draft),
            revised=self.case_action is CaseAction.GIVE_REVISED_IDP,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            idp_give(
                actor=self.request.user,
                idp=self.idp,
                version=self.draft,
                revision=form.revision_seen() or 0,
                case_version=form.case_version_seen() or 0,
                given_on=data["given_on"],
                method=DeliveryMethod(data["method"]),
                language=NoticeLanguage(data["language"]),
                email_to=data["email_to"],
            )
        except ServiceError as error:
            if error.code in _FIELD_OF:
                error.field = _FIELD_OF[error.code]
            return self.refused(error, form)
        messages.success(
            self.request,
            _("The IDP has been given. The letter and the IDP are saved with the case's notices."),
        )
        return self.back()


class IdpPreviewView(_DraftMixin, View):
    """The draft as the family would get it, marked DRAFT / DRAFFT on every page (opened in the
    browser, not downloaded). Each view is audited: it is a read of a learner's record."""

    access_event = "idp.preview_viewed"

    def access_subject(self) -> Idp:
        return self.idp

    def access_details(self) -> dict[str, Any]:
        return {"version": self.draft.number}

    def get(self, request, idp_id):
        language = request.GET.get("language", "")
        if language not in _LANGUAGES:
            language = self.draft.language
        pdf = render_plan_pdf(idp=self.idp, version=self.draft, language=language, draft=True)
        response = HttpResponse(pdf, content_type="application/pdf")
        reference = "".join(c for c in self.idp.case.reference if c.isalnum() or c in "-_")
        filename = f"{reference}-idp-draft-{self.draft.number}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "no-store, private"
        return response


urlpatterns = [
    path("<uuid:idp_id>/give/", IdpGiveView.as_view(), name="give"),
    path("<uuid:idp_id>/draft-preview/", IdpPreviewView.as_view(), name="preview"),
]

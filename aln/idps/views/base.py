"""What every plan page shares: load the plan the person may see (404 otherwise), and for pages
that change it, check the person acts for the body that maintains it."""

from typing import Any, ClassVar

from django.contrib import messages
from django.shortcuts import redirect

from aln.cases.selectors import case_actions_for
from aln.common.errors import ServiceError
from aln.common.i18n import error_message
from aln.common.permissions import AccessLoggedMixin, RecordMixin
from aln.domain.access import Action
from aln.domain.plans import PlanError
from aln.domain.process import CaseAction, ProcessError
from aln.idps.models import Idp
from aln.idps.selectors.plans import idp_get_for, idp_may_edit


class PlanMixin(AccessLoggedMixin, RecordMixin):
    """Loads `self.idp` from the `idp_id` in the URL; a plan the user may not see is missing.

    The role check (`required_action`) comes first, so a URL never says whether a plan exists.
    Every plan page shows the learner's plan: opening one is logged (`idp.viewed`, or a more
    specific event where a page shows one version, review or request).
    """

    required_action = Action.IDP_VIEW
    record_attr = "idp"
    access_event = "idp.viewed"
    idp: Idp

    def load_record(self, user: Any, kwargs: dict[str, Any]) -> Idp:
        return idp_get_for(user=user, idp_id=kwargs["idp_id"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        return {**context, "idp": self.idp, "case": self.idp.case}


class PlanActionMixin(PlanMixin):
    """A page that changes the plan. Someone who can see the plan but does not act for the body
    maintaining it, or a move the case's stage does not allow now (`case_action`), is sent back
    to the plan page with the reason. The access-matrix test accepts exactly that redirect."""

    required_action = Action.IDP_WRITE
    # The case move this page makes, if any: offered only when the process table allows it.
    case_action: ClassVar[CaseAction | None] = None

    def check(self, request):
        if not idp_may_edit(user=request.user, idp=self.idp):
            return self.back(PlanError.NOT_YOURS)
        if self.case_action is not None and self.case_action not in case_actions_for(
            user=request.user, case=self.idp.case
        ):
            return self.back(ProcessError.NOT_ALLOWED_NOW)
        return None

    def back(self, code: Any = None):
        """To the plan page, saying why (a translated message) when `code` is given."""
        if code is not None:
            messages.error(self.request, error_message(code))  # type: ignore[attr-defined]
        return redirect("idps:plan", idp_id=self.idp.pk)

    def refused(self, error: ServiceError, form=None):
        """A refusal from a service: on the form field when there is a form, else on the plan."""
        if form is not None and error.code not in {PlanError.NOT_YOURS, ProcessError.NOT_YOURS}:
            form.add_error(error.field or None, error_message(error.code))
            return self.form_invalid(form)  # type: ignore[attr-defined]
        return self.back(error.code)

"""Pages that end a plan: record that the duty ended (automatic grounds), propose to cease,
withdraw the proposal, decide to cease. Each offers only what the case's stage allows and only
the grounds that fit this plan; a refused change shows the reason and changes nothing."""

from typing import Any, ClassVar

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import CASE_ACTION_LABELS, CEASE_GROUND_LABELS, label
from aln.domain.notices import DeliveryMethod, NoticeError, NoticeLanguage
from aln.domain.plans import CeaseGround, CeaseRight, PlanError, cease_right
from aln.domain.process import CaseAction, ProcessError
from aln.domain.responsibility import Body
from aln.idps.forms.ceasing import (
    CeaseDecideForm,
    CeaseProposeForm,
    CeaseWithdrawForm,
    PlanEndForm,
)
from aln.idps.selectors.ceasing import cease_grounds_for
from aln.idps.services import ceasing
from aln.idps.views.base import PlanActionMixin

# Refusals that are about the page, not a field: back to the plan page, which says why.
_LEAVE = frozenset(
    {
        ProcessError.CHANGED_BY_SOMEONE_ELSE,
        ProcessError.NOT_ALLOWED_NOW,
        ProcessError.NOT_YOURS,
        PlanError.NOT_YOURS,
    }
)

# Notice refusals that belong on a field of the form.
_NOTICE_FIELDS: dict[Any, str] = {NoticeError.EMAIL_ADDRESS_REQUIRED: "method"}


class PlanMoveView(PlanActionMixin, FormView):
    """One change to a plan's case: parse, call one service, go back to the plan."""

    template_name = "idps/cease_form.html"
    hint: ClassVar[Any] = ""

    def get_initial(self):
        initial: dict[str, Any] = {"version": self.idp.case.version}
        for name, field in self.get_form_class().base_fields.items():
            if name.endswith("_on") and field.required:
                initial[name] = today()
        return initial

    def get_context_data(self, **kwargs):
        action = self.case_action
        return {
            **super().get_context_data(**kwargs),
            "title": CASE_ACTION_LABELS[action] if action else "",
            "hint": self.hint,
            "cease_ground_label": label(CEASE_GROUND_LABELS, self.idp.cease_ground),
        }

    def form_valid(self, form):
        version = form.version_seen()
        try:
            if version is None:
                raise ServiceError(ProcessError.CHANGED_BY_SOMEONE_ELSE)
            message = self.perform(form.cleaned_data, version)
        except ServiceError as error:
            if error.code in _LEAVE:
                return self.back(error.code)
            if error.field is None and error.code in _NOTICE_FIELDS:
                error.field = _NOTICE_FIELDS[error.code]
            if error.field not in form.fields:
                error.field = None  # about the plan, not one answer on this page
            return self.refused(error, form)
        messages.success(self.request, message)
        return self.done()

    def done(self):
        return redirect("idps:plan", idp_id=self.idp.pk)

    def perform(self, data: dict[str, Any], version: int) -> str:
        raise NotImplementedError

    def notice(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "given_on": data["given_on"],
            "method": DeliveryMethod(data["method"]),
            "language": NoticeLanguage(data["language"]),
        }


class PlanEndView(PlanMoveView):
    """Record that the duty to maintain the plan ended by itself (s.31(1)-(4); spec §6.2)."""

    case_action = CaseAction.END_PLAN
    form_class = PlanEndForm
    hint = _(
        "Use this when the duty ended without a decision: for example, the learner left the "
        "school or college, or the local authority is no longer responsible. No notice is "
        "needed. If the learner moved to a new school, college or authority that must now "
        "maintain the IDP, pass the IDP to them instead."
    )

    def get_form_kwargs(self):
        grounds = cease_grounds_for(idp=self.idp, on=today(), decided=False)
        return {**super().get_form_kwargs(), "grounds": grounds}

    def perform(self, data, version):
        ceasing.plan_end(
            actor=self.actor,
            idp=self.idp,
            case_version=version,
            ground=CeaseGround(data["ground"]),
            ended_on=data["ended_on"],
            notes=data["notes"],
        )
        return str(_("Recorded that the duty to maintain the IDP has ended. The case is closed."))


class CeaseProposeView(PlanMoveView):
    """Propose to cease on a ground that needs a decision, with the notice (s.31; EN para 90)."""

    case_action = CaseAction.PROPOSE_CEASE
    form_class = CeaseProposeForm
    hint = _(
        "The family is told of the proposal and why, and can give their views before you "
        "decide. The IDP is maintained as before until the decision."
    )

    def get_form_kwargs(self):
        grounds = cease_grounds_for(idp=self.idp, on=today(), decided=True)
        return {**super().get_form_kwargs(), "grounds": grounds}

    def perform(self, data, version):
        ceasing.cease_propose(
            actor=self.actor,
            idp=self.idp,
            case_version=version,
            ground=CeaseGround(data["ground"]),
            reasons=data["reasons"],
            **self.notice(data),
        )
        return str(_("Proposal recorded and the notice of the proposed decision produced."))


class CeaseWithdrawView(PlanMoveView):
    case_action = CaseAction.WITHDRAW_CEASE_PROPOSAL
    form_class = CeaseWithdrawForm
    template_name = "idps/cease_withdraw.html"

    def perform(self, data, version):
        ceasing.cease_withdraw(
            actor=self.actor, idp=self.idp, case_version=version, reasons=data["reasons"]
        )
        return str(_("Proposal withdrawn. The IDP is maintained as before."))


class CeaseDecideView(PlanMoveView):
    """Decide to cease, with reasons; the notice states the right of challenge (s.32, s.70)."""

    case_action = CaseAction.CEASE
    form_class = CeaseDecideForm
    template_name = "idps/cease_decide.html"

    def get_initial(self):
        return {**super().get_initial(), "reasons": self.idp.cease_reasons}

    def get_context_data(self, **kwargs):
        right = cease_right(Body(self.idp.maintained_by))
        return {
            **super().get_context_data(**kwargs),
            "la_reconsiders": right is CeaseRight.LA_RECONSIDERATION,
        }

    def perform(self, data, version):
        ceasing.cease_decide(
            actor=self.actor,
            idp=self.idp,
            case_version=version,
            reasons=data["reasons"],
            decided_on=data["decided_on"],
            **self.notice(data),
        )
        return str(_("Decision recorded and the notice produced. The case is closed."))


urlpatterns = [
    path("<uuid:idp_id>/end/", PlanEndView.as_view(), name="end"),
    path("<uuid:idp_id>/cease/propose/", CeaseProposeView.as_view(), name="cease-propose"),
    path("<uuid:idp_id>/cease/withdraw/", CeaseWithdrawView.as_view(), name="cease-withdraw"),
    path("<uuid:idp_id>/cease/decide/", CeaseDecideView.as_view(), name="cease-decide"),
]

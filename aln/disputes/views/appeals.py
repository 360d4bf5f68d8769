"""Appeals to the Education Tribunal for Wales (Act s.70) and the orders they lead to: record an
appeal against a decision, follow it through the Tribunal's stages, record its orders and see
them complied with.

Everyone who can see the learner reads the appeal and its orders (families too); the LA's
deciders record what the Tribunal tells them. A move the appeal's stage does not allow now, or
a person who does not act for the LA, goes back to the appeal's (or order's) page with the
reason.
"""

import functools
from typing import Any, ClassVar

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import (
    APPEAL_DECISION_LABELS,
    APPEAL_MATTER_LABELS,
    APPEAL_STAGE_LABELS,
    APPELLANT_LABELS,
    BODY_LABELS,
    NOTICE_KIND_LABELS,
    ORDER_KIND_LABELS,
    error_message,
    label,
)
from aln.common.permissions import AccessLoggedMixin, RecordMixin
from aln.disputes.forms.appeals import (
    AppealForm,
    CloseForm,
    DecideForm,
    HearingForm,
    LatePermissionForm,
    NoticeChoiceForm,
    OrderAssignForm,
    OrderCompleteForm,
    OrderForm,
    RegisterForm,
    ReviewApplicationForm,
    WithdrawForm,
)
from aln.disputes.models import Appeal, TribunalOrder
from aln.disputes.selectors.appeals import (
    appeal_actions_for,
    appeal_get_for,
    decisions_allowed,
    order_get_for,
    order_owner_choices,
    resolution_referrals_for,
    review_last_day_for,
)
from aln.disputes.selectors.requests import acts_for_la
from aln.disputes.services.appeals import (
    AppealOption,
    appeal_answer_late_permission,
    appeal_close,
    appeal_decide,
    appeal_list_hearing,
    appeal_options_for,
    appeal_record,
    appeal_record_review_application,
    appeal_register,
    appeal_withdraw,
    order_assign,
    order_complete,
    order_may_be_recorded,
    order_record,
)
from aln.disputes.views.base import DisputeMoveMixin, LearnerDisputeMixin
from aln.domain.access import Action
from aln.domain.disagreements import (
    ORDER_COUNTS_AS_REVIEW,
    AppealAction,
    AppealDecision,
    AppealError,
    AppealMoveError,
    AppealStage,
    Appellant,
    OrderKind,
)


def _reverse_or_none(name: str, **kwargs: Any) -> str | None:
    """A link to a page another part of the service may not have yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _appeal_url(appeal_id: Any) -> str:
    return reverse("disputes:appeal", kwargs={"appeal_id": appeal_id})


def _order_url(order_id: Any) -> str:
    return reverse("disputes:order", kwargs={"order_id": order_id})


def _refused(view: Any, error: ServiceError, form: Any, back_to: str):
    """A refusal from a service: on the field it concerns (or the form), unless it says the page
    no longer applies, which goes back to the record's page with the reason."""
    if error.code in _BACK:
        return view.back(error.code, back_to)
    field = error.field if error.field in form.fields else None
    form.add_error(field, error_message(error.code))
    return view.form_invalid(form)


# Refusals that mean the page no longer applies.
_BACK = frozenset(
    {
        AppealError.NOT_YOURS,
        AppealError.CHANGED_BY_SOMEONE_ELSE,
        AppealError.ORDER_NOT_ALLOWED,
        AppealError.ORDER_ALREADY_COMPLETE,
        AppealError.ORDER_CHANGED_BY_SOMEONE_ELSE,
        AppealMoveError.NOT_ALLOWED_NOW,
        AppealMoveError.LATE_NEEDS_PERMISSION,
        AppealMoveError.NOT_LATE,
    }
)


# --- Recording an appeal ------------------------------------------------------------------------


class AppealNewView(LearnerDisputeMixin, FormView):
    """Record an appeal the Tribunal has told the LA about. First choose the decision (one of the
    learner's notices that gave a right of appeal); then the appeal, with the matters that
    decision can be appealed on (`?notice=<id>`)."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/appeal_new.html"

    @functools.cached_property
    def appeal_options(self) -> list[AppealOption]:
        return appeal_options_for(actor=self.actor, learner=self.learner)

    @functools.cached_property
    def option(self) -> AppealOption | None:
        wanted = self.request.GET.get("notice")
        if not wanted:
            return None
        for option in self.appeal_options:
            if str(option.notice.pk) == wanted:
                return option
        raise Http404  # not one of this learner's decisions the person may record against

    def get_form_class(self):
        return NoticeChoiceForm if self.option is None else AppealForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.option is None:
            return {**kwargs, "options": self.appeal_options}
        return {**kwargs, "matters": self.option.matters}

    def get_initial(self):
        if self.option is None:
            return {}
        return {"received_on": today(), "late_permission": "undecided"}

    def get_context_data(self, **kwargs):
        option = self.option
        context = {
            **super().get_context_data(**kwargs),
            "option": option,
            "has_options": bool(self.appeal_options),
            "log_url": _reverse_or_none("disputes:log", learner_id=self.learner.pk),
            "new_url": reverse("disputes:appeal-new", kwargs={"learner_id": self.learner.pk}),
        }
        if option is not None:
            context |= {
                "notice_kind": label(NOTICE_KIND_LABELS, option.notice.kind),
                "decided_by": label(BODY_LABELS, option.decided_by.value),
            }
        return context

    def form_valid(self, form):
        option = self.option
        if option is None:
            url = reverse("disputes:appeal-new", kwargs={"learner_id": self.learner.pk})
            return redirect(f"{url}?notice={form.cleaned_data['notice']}")
        data = form.cleaned_data
        try:
            appeal = appeal_record(
                actor=self.actor,
                case=option.notice.case,
                notice=option.notice,
                appellant=Appellant(data["appellant"]),
                appellant_name=data["appellant_name"],
                matters=data["matters"],
                received_on=data["received_on"],
                tribunal_reference=data["tribunal_reference"],
                late_permission=form.late_permission_value(),
                notes=data["notes"],
            )
        except ServiceError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error_message(error.code))
            return self.form_invalid(form)
        if appeal.stage == AppealStage.LATE_PERMISSION_SOUGHT:
            messages.success(
                self.request,
                _(
                    "Appeal recorded. It was made after the last day: record the Tribunal's "
                    "answer when it says whether it accepts the appeal late."
                ),
            )
        else:
            messages.success(self.request, _("Appeal recorded."))
        return redirect(_appeal_url(appeal.pk))


# --- An appeal's page ---------------------------------------------------------------------------


class _AppealMixin(AccessLoggedMixin, RecordMixin):
    """Loads `self.appeal` from the `appeal_id` in the URL (404 for an appeal about a learner the
    user may not see). Opening any page about it is logged."""

    required_action = Action.DISPUTE_VIEW
    record_attr = "appeal"
    access_event = "dispute.appeal_viewed"
    appeal: Appeal

    def load_record(self, user, kwargs):
        return appeal_get_for(user=user, appeal_id=kwargs["appeal_id"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        return {
            **context,
            "appeal": self.appeal,
            "learner": self.appeal.learner,
            "appeal_url": _appeal_url(self.appeal.pk),
            "stage": label(APPEAL_STAGE_LABELS, self.appeal.stage),
        }


# What each move is called where it is offered, and the page that makes it.
_MOVE_LINKS: dict[AppealAction, tuple[str, Any]] = {
    AppealAction.GRANT_LATE_PERMISSION: (
        "disputes:appeal-late-permission",
        _("Record the Tribunal's answer on the late appeal"),
    ),
    AppealAction.REGISTER: (
        "disputes:appeal-register",
        _("Record that the Tribunal registered the appeal"),
    ),
    AppealAction.LIST_HEARING: ("disputes:appeal-hearing", _("Record the hearing date")),
    AppealAction.DECIDE: ("disputes:appeal-decide", _("Record the Tribunal's decision")),
    AppealAction.RECORD_REVIEW_APPLICATION: (
        "disputes:appeal-review",
        _("Record an application for a review of the decision"),
    ),
    AppealAction.CLOSE: ("disputes:appeal-close", _("Close the appeal")),
    AppealAction.WITHDRAW: ("disputes:appeal-withdraw", _("Record that the appeal was withdrawn")),
}

_STAGE_TAGS = {
    AppealStage.LATE_PERMISSION_SOUGHT.value: "yellow",
    AppealStage.DECIDED.value: "green",
    AppealStage.CLOSED.value: "grey",
    AppealStage.WITHDRAWN.value: "grey",
}


class AppealDetailView(_AppealMixin, TemplateView):
    """Everything about an appeal: the decision appealed, the period and whether it was
    extended, the Tribunal's stages and dates, its decision, the orders and their owners, and
    what the person may do now. Families see it too."""

    template_name = "disputes/appeal_detail.html"

    def get_context_data(self, **kwargs):
        appeal = self.appeal
        now = today()
        sent_on = appeal.decision_sent_on
        actions = appeal_actions_for(user=self.actor, appeal=appeal)
        acting = acts_for_la(user=self.actor, local_authority_id=appeal.local_authority_id)
        referral = None
        if appeal.extended and appeal.notice is not None:
            referral = resolution_referrals_for([appeal.notice]).get(appeal.notice_id)
        links = [
            {"url": reverse(name, kwargs={"appeal_id": appeal.pk}), "text": text}
            for action, (name, text) in _MOVE_LINKS.items()
            if action in actions
        ]
        if acting and order_may_be_recorded(appeal):
            links.append(
                {
                    "url": reverse("disputes:order-new", kwargs={"appeal_id": appeal.pk}),
                    "text": _("Record an order the Tribunal made"),
                }
            )
        return {
            **super().get_context_data(**kwargs),
            "stage_tag": _STAGE_TAGS.get(appeal.stage, "blue"),
            "late": appeal.received_on > appeal.last_day,
            "withdrawn": appeal.stage == AppealStage.WITHDRAWN,
            "decided_by": label(BODY_LABELS, appeal.decided_by),
            "appellant": label(APPELLANT_LABELS, appeal.appellant),
            "matters": [label(APPEAL_MATTER_LABELS, m) for m in appeal.matters],
            "notice_kind": label(NOTICE_KIND_LABELS, appeal.notice.kind) if appeal.notice else "",
            "referral": referral,
            "decision": label(APPEAL_DECISION_LABELS, appeal.decision) if appeal.decision else "",
            "review_last_day": (
                review_last_day_for(local_authority_id=appeal.local_authority_id, sent_on=sent_on)
                if sent_on
                else None
            ),
            "orders": [
                {
                    "order": order,
                    "kind": label(ORDER_KIND_LABELS, order.kind),
                    "overdue": order.completed_on is None and order.comply_by < now,
                }
                for order in appeal.orders.all()
            ],
            "links": links,
            "log_url": _reverse_or_none("disputes:log", learner_id=appeal.learner_id),
            "request_url": (
                _reverse_or_none("disputes:request", la_request_id=appeal.la_request_id)
                if appeal.la_request_id
                else None
            ),
        }


# --- The appeal's moves -------------------------------------------------------------------------


class _AppealMoveView(DisputeMoveMixin, _AppealMixin, FormView):
    """A page that moves the appeal on. Someone who does not act for the LA, or a move the
    appeal's stage does not allow now, goes back to the appeal's page with the reason."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/appeal_move.html"
    action: ClassVar[AppealAction]
    title: ClassVar[Any]
    intro: ClassVar[Any] = ""
    success: ClassVar[Any]

    def check(self, request):
        if not acts_for_la(user=request.user, local_authority_id=self.appeal.local_authority_id):
            return self.back(AppealError.NOT_YOURS, _appeal_url(self.appeal.pk))
        if self.action not in appeal_actions_for(user=request.user, appeal=self.appeal):
            return self.back(AppealMoveError.NOT_ALLOWED_NOW, _appeal_url(self.appeal.pk))
        return None

    def get_initial(self):
        return {"version": self.appeal.version, **self.more_initial()}

    def more_initial(self) -> dict[str, Any]:
        return {}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": self.title, "intro": self.intro}

    def form_valid(self, form):
        version = form.version_seen()
        if version is None:
            return self.back(AppealError.CHANGED_BY_SOMEONE_ELSE, _appeal_url(self.appeal.pk))
        try:
            self.move(version, form.cleaned_data)
        except ServiceError as error:
            return _refused(self, error, form, _appeal_url(self.appeal.pk))
        messages.success(self.request, self.success)
        return redirect(_appeal_url(self.appeal.pk))

    def move(self, version: int, data: dict[str, Any]) -> None:
        raise NotImplementedError


class AppealLatePermissionView(_AppealMoveView):
    """The President's answer on a late appeal (ETW Regs reg 14)."""

    action = AppealAction.GRANT_LATE_PERMISSION
    form_class = LatePermissionForm
    title = _("Record the Tribunal's answer on the late appeal")
    intro = _(
        "The appeal reached the Tribunal after the last day. The President of the Tribunal may "
        "accept it late if that is fair and just. If it is refused, the appeal is closed."
    )
    success = _("The Tribunal's answer on the late appeal has been recorded.")

    def more_initial(self):
        return {"answered_on": today()}

    def move(self, version, data):
        appeal_answer_late_permission(
            actor=self.actor,
            appeal=self.appeal,
            version=version,
            granted=data["answer"] == "granted",
            answered_on=data["answered_on"],
        )


class AppealRegisterView(_AppealMoveView):
    action = AppealAction.REGISTER
    form_class = RegisterForm
    title = _("Record that the Tribunal registered the appeal")
    intro = _("Enter the date the Tribunal set for case statements.")
    success = _("The appeal is registered. Case statements are due by the date recorded.")

    def more_initial(self):
        return {"tribunal_reference": self.appeal.tribunal_reference}

    def move(self, version, data):
        appeal_register(
            actor=self.actor,
            appeal=self.appeal,
            version=version,
            case_statement_due_on=data["case_statement_due_on"],
            tribunal_reference=data["tribunal_reference"],
        )


class AppealHearingView(_AppealMoveView):
    action = AppealAction.LIST_HEARING
    form_class = HearingForm
    title = _("Record the hearing date")
    success = _("The hearing date has been recorded.")

    def move(self, version, data):
        appeal_list_hearing(
            actor=self.actor, appeal=self.appeal, version=version, hearing_on=data["hearing_on"]
        )


class AppealDecideView(_AppealMoveView):
    action = AppealAction.DECIDE
    form_class = DecideForm
    title = _("Record the Tribunal's decision")
    intro = _(
        "Before a hearing is listed, only a concession by the local authority or a strike-out "
        "can end the appeal."
    )
    success = _("The Tribunal's decision has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "decisions": decisions_allowed(self.appeal)}

    def move(self, version, data):
        appeal_decide(
            actor=self.actor,
            appeal=self.appeal,
            version=version,
            decision=AppealDecision(data["decision"]),
            summary=data["decision_summary"],
            decided_on=data["decided_on"],
            decision_sent_on=data["decision_sent_on"],
        )


class AppealReviewView(_AppealMoveView):
    """An application for the Tribunal to review its decision (ETW Regs reg 53; T15)."""

    action = AppealAction.RECORD_REVIEW_APPLICATION
    form_class = ReviewApplicationForm
    title = _("Record an application for a review of the decision")
    success = _("The application for a review has been recorded.")

    def get_context_data(self, **kwargs):
        sent_on = self.appeal.decision_sent_on
        context = super().get_context_data(**kwargs)
        if sent_on is not None:
            context["review_last_day"] = review_last_day_for(
                local_authority_id=self.appeal.local_authority_id, sent_on=sent_on
            )
        return context

    def more_initial(self):
        return {"review_applied_on": today()}

    def move(self, version, data):
        appeal_record_review_application(
            actor=self.actor,
            appeal=self.appeal,
            version=version,
            applied_on=data["review_applied_on"],
        )


class AppealCloseView(_AppealMoveView):
    action = AppealAction.CLOSE
    form_class = CloseForm
    title = _("Close the appeal")
    intro = _("Orders not yet complied with stay open on their own pages.")
    success = _("The appeal has been closed.")

    def more_initial(self):
        return {"closed_on": today()}

    def move(self, version, data):
        appeal_close(
            actor=self.actor,
            appeal=self.appeal,
            version=version,
            closed_on=data["closed_on"],
            notes=data["notes"],
        )


class AppealWithdrawView(_AppealMoveView):
    action = AppealAction.WITHDRAW
    form_class = WithdrawForm
    title = _("Record that the appeal was withdrawn")
    success = _("The appeal has been recorded as withdrawn.")

    def move(self, version, data):
        appeal_withdraw(
            actor=self.actor,
            appeal=self.appeal,
            version=version,
            withdrawn_on=data["withdrawn_on"],
            reasons=data["reasons"],
        )


# --- Orders -------------------------------------------------------------------------------------


class OrderNewView(DisputeMoveMixin, _AppealMixin, FormView):
    """Record an order the Tribunal made, with the date it states to comply by (spec T20)."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/order_form.html"
    form_class = OrderForm

    def check(self, request):
        if not acts_for_la(user=request.user, local_authority_id=self.appeal.local_authority_id):
            return self.back(AppealError.NOT_YOURS, _appeal_url(self.appeal.pk))
        if not order_may_be_recorded(self.appeal):
            return self.back(AppealError.ORDER_NOT_ALLOWED, _appeal_url(self.appeal.pk))
        return None

    @functools.cached_property
    def owners(self) -> dict[str, Any]:
        return {str(user.pk): user for user in order_owner_choices(appeal=self.appeal)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "owners": self.owners.values()}

    def get_initial(self):
        return {"made_on": self.appeal.decided_on, "owner": str(self.actor.pk)}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Record an order the Tribunal made"),
            "back_url": _appeal_url(self.appeal.pk),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            order = order_record(
                actor=self.actor,
                appeal=self.appeal,
                kind=OrderKind(data["kind"]),
                details=data["details"],
                made_on=data["made_on"],
                comply_by=data["comply_by"],
                owner=self.owners.get(data["owner"]),
            )
        except ServiceError as error:
            return _refused(self, error, form, _appeal_url(self.appeal.pk))
        messages.success(self.request, _("Order recorded."))
        return redirect(_order_url(order.pk))


class _OrderMixin(AccessLoggedMixin, RecordMixin):
    """Loads `self.order` from the `order_id` in the URL (404 for an order about a learner the
    user may not see). Opening any page about it is logged."""

    required_action = Action.DISPUTE_VIEW
    record_attr = "order"
    access_event = "dispute.order_viewed"
    order: TribunalOrder

    def access_local_authority_id(self, subject: Any) -> Any:
        return self.order.appeal.local_authority_id

    def load_record(self, user, kwargs):
        return order_get_for(user=user, order_id=kwargs["order_id"])

    def get_context_data(self, **kwargs):
        order = self.order
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        return {
            **context,
            "order": order,
            "appeal": order.appeal,
            "learner": order.appeal.learner,
            "kind": label(ORDER_KIND_LABELS, order.kind),
            "overdue": order.completed_on is None and order.comply_by < today(),
            "order_url": _order_url(order.pk),
            "appeal_url": _appeal_url(order.appeal_id),
        }


class OrderDetailView(_OrderMixin, TemplateView):
    """An order: what it says, by when, who makes sure it is done, and whether it has been."""

    template_name = "disputes/order_detail.html"

    def get_context_data(self, **kwargs):
        order = self.order
        acting = acts_for_la(user=self.actor, local_authority_id=order.appeal.local_authority_id)
        return {
            **super().get_context_data(**kwargs),
            "may_act": acting and order.completed_on is None,
            "counts_as_review": OrderKind(order.kind) in ORDER_COUNTS_AS_REVIEW,
        }


class _OrderMoveView(DisputeMoveMixin, _OrderMixin, FormView):
    """A page that changes an order not yet complied with, for someone acting for the LA."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/order_form.html"
    title: ClassVar[Any]
    success: ClassVar[Any]

    def check(self, request):
        local_authority_id = self.order.appeal.local_authority_id
        if not acts_for_la(user=request.user, local_authority_id=local_authority_id):
            return self.back(AppealError.NOT_YOURS, _order_url(self.order.pk))
        if self.order.completed_on is not None:
            return self.back(AppealError.ORDER_ALREADY_COMPLETE, _order_url(self.order.pk))
        return None

    def get_initial(self):
        return {"version": self.order.version, **self.more_initial()}

    def more_initial(self) -> dict[str, Any]:
        return {}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "back_url": _order_url(self.order.pk),
        }

    def form_valid(self, form):
        version = form.version_seen()
        if version is None:
            return self.back(AppealError.ORDER_CHANGED_BY_SOMEONE_ELSE, _order_url(self.order.pk))
        try:
            self.change(version, form.cleaned_data)
        except ServiceError as error:
            return _refused(self, error, form, _order_url(self.order.pk))
        messages.success(self.request, self.success)
        return redirect(_order_url(self.order.pk))

    def change(self, version: int, data: dict[str, Any]) -> None:
        raise NotImplementedError


class OrderAssignView(_OrderMoveView):
    form_class = OrderAssignForm
    title = _("Choose who makes sure the order is complied with")
    success = _("The order now has a new owner.")

    @functools.cached_property
    def owners(self) -> dict[str, Any]:
        return {str(user.pk): user for user in order_owner_choices(appeal=self.order.appeal)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "owners": self.owners.values()}

    def more_initial(self):
        return {"owner": str(self.order.owner_id or self.actor.pk)}

    def change(self, version, data):
        order_assign(
            actor=self.actor,
            order=self.order,
            version=version,
            owner=self.owners.get(data["owner"]),
        )


class OrderCompleteView(_OrderMoveView):
    form_class = OrderCompleteForm
    title = _("Record that the order was complied with")
    success = _("The order has been recorded as complied with.")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "counts_as_review": OrderKind(self.order.kind) in ORDER_COUNTS_AS_REVIEW,
        }

    def more_initial(self):
        return {"completed_on": today()}

    def change(self, version, data):
        order_complete(
            actor=self.actor,
            order=self.order,
            version=version,
            completed_on=data["completed_on"],
            notes=data["notes"],
        )


_APPEAL = "appeals/<uuid:appeal_id>"
_ORDER = "orders/<uuid:order_id>"

urlpatterns = [
    path("learners/<uuid:learner_id>/appeals/new/", AppealNewView.as_view(), name="appeal-new"),
    path(f"{_APPEAL}/", AppealDetailView.as_view(), name="appeal"),
    path(
        f"{_APPEAL}/late-permission/",
        AppealLatePermissionView.as_view(),
        name="appeal-late-permission",
    ),
    path(f"{_APPEAL}/register/", AppealRegisterView.as_view(), name="appeal-register"),
    path(f"{_APPEAL}/hearing/", AppealHearingView.as_view(), name="appeal-hearing"),
    path(f"{_APPEAL}/decision/", AppealDecideView.as_view(), name="appeal-decide"),
    path(f"{_APPEAL}/review-application/", AppealReviewView.as_view(), name="appeal-review"),
    path(f"{_APPEAL}/close/", AppealCloseView.as_view(), name="appeal-close"),
    path(f"{_APPEAL}/withdraw/", AppealWithdrawView.as_view(), name="appeal-withdraw"),
    path(f"{_APPEAL}/orders/new/", OrderNewView.as_view(), name="order-new"),
    path(f"{_ORDER}/", OrderDetailView.as_view(), name="order"),
    path(f"{_ORDER}/assign/", OrderAssignView.as_view(), name="order-assign"),
    path(f"{_ORDER}/complete/", OrderCompleteView.as_view(), name="order-complete"),
]

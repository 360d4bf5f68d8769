"""The LA's answer to a request (Act ss.26-28, 32) and the letter for a recorded s.29
exception. Both pages are the LA's deciders': anyone else, or a request whose status does not
allow the page now, is sent back to the request page with the reason."""

from typing import Any

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import (
    DISPUTE_EXCEPTION_LABELS,
    LA_OUTCOME_EXPLANATIONS,
    LA_OUTCOME_LABELS,
    OUTCOME_LABELS,
    ROUTE_EXPLANATIONS,
    error_message,
    label,
)
from aln.disputes.forms.outcomes import DecideForm, ExceptionNoticeForm
from aln.disputes.models import RequestStatus
from aln.disputes.selectors.requests import acts_for_la
from aln.disputes.services.outcomes import la_request_decide, la_request_exception_notice
from aln.disputes.views.base import DisputeMoveMixin
from aln.disputes.views.requests import RequestMixin, RequestMoveView
from aln.domain.access import Action
from aln.domain.disagreements import (
    OUTCOME_RULES,
    OutcomeError,
    RequestError,
    RequestMove,
    Route,
    outcomes_for,
)
from aln.domain.notices import NoticeLanguage
from aln.domain.process import ProcessError

# Refusals that say the page no longer applies: back to the request page with the reason.
_BACK_TO_REQUEST = frozenset(
    {
        RequestError.NOT_YOURS,
        RequestError.NOT_OPEN,
        RequestError.CHANGED_BY_SOMEONE_ELSE,
        ProcessError.NOT_ALLOWED_NOW,
        OutcomeError.NOTICE_ALREADY_GIVEN,
    }
)


def _notice_initial(view: Any) -> dict[str, Any]:
    language = view.la_request.learner.preferred_language or NoticeLanguage.EN.value
    return {"version": view.la_request.version, "language": language, "given_on": today()}


def _refused(view: Any, error: ServiceError, form):
    """A refusal: back to the request when the page no longer applies, else on the field."""
    if error.code in _BACK_TO_REQUEST:
        return view.back(error.code, view.request_url)
    name = error.field if error.field in form.fields else None
    form.add_error(name, error_message(error.code))
    return view.form_invalid(form)


class RequestDecideView(RequestMoveView):
    """The LA's answer: only the answers that fit the request's route, each explained, and for
    s.26 the LA's own decision whether the learner has ALN and who prepares the IDP."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/outcome_decide.html"
    form_class = DecideForm
    move = RequestMove.DECIDE
    title = gettext_lazy("Record the local authority's decision")
    done = gettext_lazy("The decision is recorded and the letter given.")

    @property
    def route(self) -> Route:
        return Route(self.la_request.route)

    def asks_aln(self) -> bool:
        return any(OUTCOME_RULES[o].effects_if_has_aln for o in outcomes_for(self.route))

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "outcomes": outcomes_for(self.route),
            "asks_aln": self.asks_aln(),
        }

    def get_initial(self):
        return {**super().get_initial(), **_notice_initial(self), "decided_on": today()}

    def get_context_data(self, **kwargs):
        case = self.la_request.case
        return {
            **super().get_context_data(**kwargs),
            "explanation": ROUTE_EXPLANATIONS[self.route],
            "answers": [
                {
                    "label": LA_OUTCOME_LABELS[outcome],
                    "explanation": LA_OUTCOME_EXPLANATIONS[outcome],
                    "verified": OUTCOME_RULES[outcome].verified,
                }
                for outcome in outcomes_for(self.route)
            ],
            "asks_aln": self.asks_aln(),
            "schools_decision": label(OUTCOME_LABELS, case.outcome) if case.outcome else "",
        }

    def form_valid(self, form):
        version = form.version_seen()
        if version is None:
            return self.back(RequestError.CHANGED_BY_SOMEONE_ELSE, self.request_url)
        try:
            la_request_decide(
                actor=self.actor, la_request=self.la_request, version=version, **form.answer()
            )
        except ServiceError as error:
            return _refused(self, error, form)
        messages.success(self.request, str(self.done))
        return redirect(self.request_url)


class RequestExceptionNoticeView(DisputeMoveMixin, RequestMixin, FormView):
    """The letter giving the family the reasons the LA will not reconsider (s.29)."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/outcome_exception_notice.html"
    form_class = ExceptionNoticeForm
    title = gettext_lazy("Give the letter with the reasons")

    def check(self, request):
        la_request = self.la_request
        if not acts_for_la(request.user, la_request.local_authority_id):
            return self.back(RequestError.NOT_YOURS, self.request_url)
        if la_request.status != RequestStatus.EXCEPTION:
            return self.back(ProcessError.NOT_ALLOWED_NOW, self.request_url)
        if la_request.notice_id is not None:
            return self.back(OutcomeError.NOTICE_ALREADY_GIVEN, self.request_url)
        return None

    def get_initial(self):
        return _notice_initial(self)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "exception_label": label(DISPUTE_EXCEPTION_LABELS, self.la_request.duty_exception),
        }

    def form_valid(self, form):
        version = form.version_seen()
        if version is None:
            return self.back(RequestError.CHANGED_BY_SOMEONE_ELSE, self.request_url)
        data = form.cleaned_data
        try:
            la_request_exception_notice(
                actor=self.actor,
                la_request=self.la_request,
                version=version,
                given_on=data["given_on"],
                method=data["method"],
                language=data["language"],
            )
        except ServiceError as error:
            return _refused(self, error, form)
        messages.success(self.request, str(gettext_lazy("The letter is recorded as given.")))
        return redirect(self.request_url)


_ONE = "requests/<uuid:la_request_id>"

urlpatterns = [
    path(f"{_ONE}/decide/", RequestDecideView.as_view(), name="request-decide"),
    path(
        f"{_ONE}/exception-notice/",
        RequestExceptionNoticeView.as_view(),
        name="request-exception-notice",
    ),
]

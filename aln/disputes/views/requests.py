"""Requests to the LA (Act ss.26, 27, 28, 32): make or record one, read it, and the moves on it
before the LA answers: invite representations, record them, record that the duty does not apply
(s.29), withdraw. The LA's answer is `aln.disputes.views.outcomes` (`disputes:request-decide`)."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import (
    DISPUTE_EXCEPTION_LABELS,
    LA_OUTCOME_LABELS,
    REQUEST_STATUS_LABELS,
    REQUESTER_LABELS,
    ROUTE_EXPLANATIONS,
    ROUTE_LABELS,
    ROUTE_SECTIONS,
    RULE_LABELS,
    WINDOW_CLOSED_ON,
    error_message,
    label,
)
from aln.common.permissions import AccessLoggedMixin, RecordMixin
from aln.disputes.forms.requests import (
    ExceptionForm,
    InviteForm,
    RepresentationsForm,
    RequestForm,
    WithdrawForm,
)
from aln.disputes.models import LaRequest, RequestStatus
from aln.disputes.selectors.requests import (
    Subject,
    acts_for_la,
    acts_for_setting,
    family_requester_for,
    is_family,
    la_request_get_for,
    request_parts_for,
    request_subjects_for,
)
from aln.disputes.services.requests import (
    RequestRefusedError,
    la_request_invite_representations,
    la_request_record,
    la_request_record_exception,
    la_request_record_representations,
    la_request_withdraw,
    move_facts,
)
from aln.disputes.views.base import DisputeMoveMixin, LearnerDisputeMixin
from aln.domain.access import Action
from aln.domain.disagreements import (
    DutyException,
    MoveFacts,
    Requester,
    RequestError,
    RequestMove,
    RequestParts,
    Route,
    check_request_move,
    exceptions_for,
    la_reconsiders,
    request_moves,
)

_STATUS_COLOURS = {
    RequestStatus.OPEN: "govuk-tag--yellow",
    RequestStatus.DECIDED: "govuk-tag--green",
    RequestStatus.EXCEPTION: "govuk-tag--grey",
    RequestStatus.WITHDRAWN: "govuk-tag--grey",
}

# Refusals that say the page no longer applies: back to the request page with the reason.
_BACK_TO_REQUEST = frozenset(
    {
        RequestError.NOT_YOURS,
        RequestError.NOT_OPEN,
        RequestError.ALREADY_INVITED,
        RequestError.NOBODY_TO_INVITE,
        RequestError.NO_EXCEPTIONS,
        RequestError.CHANGED_BY_SOMEONE_ELSE,
    }
)


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _url_or_none(name: str, **kwargs: Any) -> str | None:
    """A page another part of the service may not have yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _learner_page(learner_id: Any) -> str:
    """The learner's disagreement log, or the learner's page while the log does not exist."""
    return _url_or_none("disputes:log", learner_id=learner_id) or reverse(
        "learners:learner-detail", kwargs={"learner_id": learner_id}
    )


# --- Making a request -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Asking:
    """How the signed-in person may ask about this learner, and what about."""

    as_la: bool = False
    family_as: Requester | None = None
    governing_body: bool = False
    subjects: dict[Route, Subject] = field(default_factory=dict)
    appeal_instead: bool = False  # a decision or plan is the LA's or a college's: appeal it

    @property
    def may_ask(self) -> bool:
        return bool(self.subjects)


def _reconsidered(route: Route, subject: Subject) -> bool:
    return la_reconsiders(
        route, subject.decided_by, school_decision_replaced=subject.school_decision_replaced
    )


def _asking_for(user: Any, learner: Any) -> _Asking:
    subjects = request_subjects_for(user=user, learner=learner)
    fits = {route: subject for route, subject in subjects.items() if _reconsidered(route, subject)}
    appeal_instead = len(fits) < len(subjects)
    own_la = {learner.home_local_authority_id, learner.looked_after_by_id}
    own_la |= {subject.case.local_authority_id for subject in subjects.values()}
    if any(acts_for_la(user, la) for la in own_la if la is not None):
        return _Asking(
            as_la=True,
            subjects={
                route: subject
                for route, subject in fits.items()
                if acts_for_la(user, subject.case.local_authority_id)
            },
            appeal_instead=appeal_instead,
        )
    if is_family(user):
        family_as = family_requester_for(user=user, learner=learner, on=today())
        if family_as is not None:
            return _Asking(family_as=family_as, subjects=fits, appeal_instead=appeal_instead)
    take_over = fits.get(Route.TAKE_OVER_IDP)
    if take_over is not None and acts_for_setting(
        user, take_over.setting.pk if take_over.setting else None
    ):
        return _Asking(governing_body=True, subjects={Route.TAKE_OVER_IDP: take_over})
    return _Asking(appeal_instead=appeal_instead)


class RequestNewView(LearnerDisputeMixin, FormView):
    """Ask the LA to reconsider a school's decision or plan, or to take over a plan; or, for
    LA staff, record such a request received by post or email (spec §6.1)."""

    required_action = Action.DISPUTE_REQUEST
    template_name = "disputes/request_new.html"
    form_class = RequestForm

    @cached_property
    def asking(self) -> _Asking:
        return _asking_for(self.actor, self.learner)

    def get_form_kwargs(self):
        routes = [
            (
                route.value,
                _("%(route)s (section %(section)s)")
                % {"route": label(ROUTE_LABELS, route), "section": ROUTE_SECTIONS[route]},
            )
            for route in Route
            if route in self.asking.subjects
        ]
        return {**super().get_form_kwargs(), "routes": routes, "staff": self.asking.as_la}

    def get_initial(self):
        routes = list(self.asking.subjects)
        initial: dict[str, Any] = {"received_on": today()} if self.asking.as_la else {}
        if len(routes) == 1:
            initial["route"] = routes[0].value
        return initial

    def get_context_data(self, **kwargs):
        explanations = []
        for route in Route:
            subject = self.asking.subjects.get(route)
            if subject is None:
                continue
            closes_on = subject.reconsideration_closes_on
            explanations.append(
                {
                    "route": route.value,
                    "label": label(ROUTE_LABELS, route),
                    "explanation": ROUTE_EXPLANATIONS[route],
                    "last_day": _day(closes_on) if closes_on else "",
                    "window_closed": closes_on is not None and closes_on < today(),
                }
            )
        return {
            **super().get_context_data(**kwargs),
            "asking": self.asking,
            "explanations": explanations,
            "back_url": _learner_page(self.learner.pk),
        }

    def post(self, request, *args, **kwargs):
        if not self.asking.may_ask:
            return redirect(_learner_page(self.learner.pk))
        return super().post(request, *args, **kwargs)

    def _who(self, data: dict[str, Any], subject: Subject) -> dict[str, Any]:
        if self.asking.as_la:
            return {
                "requester": Requester(data["requester"]),
                "requester_name": data["requester_name"],
                "received_on": data["received_on"],
                "requested_by": None,
            }
        if self.asking.family_as is not None:
            requester, name = self.asking.family_as, self.actor.full_name
        else:
            setting = subject.setting
            requester, name = Requester.GOVERNING_BODY, setting.name_en if setting else ""
        return {
            "requester": requester,
            "requester_name": name,
            "received_on": today(),
            "requested_by": self.actor,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        route = Route(data["route"])
        subject = self.asking.subjects[route]
        try:
            la_request = la_request_record(
                actor=self.actor,
                case=subject.case,
                route=route,
                details=data["details"],
                **self._who(data, subject),
            )
        except ServiceError as error:
            message = error_message(error.code)
            if isinstance(error, RequestRefusedError) and error.closed_on is not None:
                message = str(WINDOW_CLOSED_ON) % {"date": _day(error.closed_on)}
            name = error.field if error.field in form.fields else "route"
            form.add_error(name, message)
            return self.form_invalid(form)
        messages.success(self.request, self._done(la_request))
        return redirect("disputes:request", la_request_id=la_request.pk)

    def _done(self, la_request: LaRequest) -> str:
        due_on = la_request.deadline.due_on if la_request.deadline else None
        if self.asking.as_la:
            if due_on is None:
                return _("Request recorded.")
            return _("Request recorded. The local authority must answer by %(date)s.") % {
                "date": _day(due_on)
            }
        if due_on is None:
            return _("Your request has been sent to the local authority.")
        return _(
            "Your request has been sent to the local authority. It must answer by %(date)s."
        ) % {"date": _day(due_on)}


# --- One request -------------------------------------------------------------------------------


class RequestMixin(AccessLoggedMixin, RecordMixin):
    """Loads `self.la_request` from the `la_request_id` in the URL (404 for a request about a
    learner the user may not see). Opening any page about it is logged."""

    record_attr = "la_request"
    access_event = "dispute.request_viewed"
    la_request: LaRequest
    kwargs: dict[str, Any]

    def load_record(self, user, kwargs):
        return la_request_get_for(user=user, la_request_id=kwargs["la_request_id"])

    @property
    def request_url(self) -> str:
        return reverse("disputes:request", kwargs={"la_request_id": self.la_request.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        la_request = self.la_request
        return {
            **context,
            "la_request": la_request,
            "learner": la_request.learner,
            "route_label": label(ROUTE_LABELS, la_request.route),
            "requester_label": label(REQUESTER_LABELS, la_request.requester),
            "request_url": self.request_url,
        }


def _deadline(la_request: LaRequest) -> dict[str, Any] | None:
    deadline = la_request.deadline
    if deadline is None:
        return None
    days_left = None
    if deadline.due_on is not None and deadline.state == "open":
        days_left = (deadline.due_on - today()).days
    return {
        "deadline": deadline,
        "rule": label(RULE_LABELS, deadline.rule_id),
        "days_left": days_left,
        "overdue": -days_left if days_left is not None and days_left < 0 else 0,
    }


class RequestDetailView(RequestMixin, TemplateView):
    """Everything about one request, and what the person may do on it now. Everyone who can
    see the learner can read it, families included (ADR 0013)."""

    required_action = Action.DISPUTE_VIEW
    template_name = "disputes/request_detail.html"

    def get_context_data(self, **kwargs):
        la_request = self.la_request
        facts = move_facts(la_request, today())
        moves = request_moves(facts, request_parts_for(user=self.actor, la_request=la_request))
        pk = la_request.pk
        return {
            **super().get_context_data(**kwargs),
            "status_label": label(REQUEST_STATUS_LABELS, la_request.status),
            "status_colour": _STATUS_COLOURS.get(
                RequestStatus(la_request.status), "govuk-tag--grey"
            ),
            "explanation": ROUTE_EXPLANATIONS[Route(la_request.route)],
            "deadline": _deadline(la_request),
            "invitees": [label(REQUESTER_LABELS, who) for who in sorted(facts.invitees)],
            "exception_label": label(DISPUTE_EXCEPTION_LABELS, la_request.duty_exception)
            if la_request.duty_exception
            else "",
            "outcome_label": label(LA_OUTCOME_LABELS, la_request.outcome)
            if la_request.outcome
            else "",
            "is_open": la_request.status == RequestStatus.OPEN,
            "moves": {move.value for move in moves},
            "decide_url": _url_or_none("disputes:request-decide", la_request_id=pk)
            if RequestMove.DECIDE in moves
            else None,
            "exception_notice_url": _url_or_none(
                "disputes:request-exception-notice", la_request_id=pk
            )
            if la_request.status == RequestStatus.EXCEPTION
            and la_request.notice_id is None
            and acts_for_la(self.actor, la_request.local_authority_id)
            else None,
            "back_url": _learner_page(la_request.learner_id),
        }


class RequestMoveView(DisputeMoveMixin, RequestMixin, FormView):
    """A page that changes an open request. A move the request's status, or the person's part
    in it, does not allow now goes back to the request page with the reason; so does a form
    read before someone else changed the request."""

    template_name = "disputes/request_move.html"
    move: ClassVar[RequestMove]
    title: ClassVar[Any]
    done: ClassVar[Any]
    parts: RequestParts
    facts: MoveFacts

    def check(self, request):
        self.parts = request_parts_for(user=request.user, la_request=self.la_request)
        self.facts = move_facts(self.la_request, today())
        error = check_request_move(self.move, self.facts, self.parts)
        if error is not None:
            return self.back(error, self.request_url)
        return None

    def get_initial(self):
        return {"version": self.la_request.version}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "move": self.move.value,
            "as_la": self.parts.la,
            "invitees": [label(REQUESTER_LABELS, who) for who in sorted(self.facts.invitees)],
        }

    def perform(self, data: dict[str, Any], version: int) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        version = form.version_seen()
        if version is None:
            return self.back(RequestError.CHANGED_BY_SOMEONE_ELSE, self.request_url)
        try:
            self.perform(form.cleaned_data, version)
        except ServiceError as error:
            if error.code in _BACK_TO_REQUEST:
                return self.back(error.code, self.request_url)
            name = error.field if error.field in form.fields else None
            form.add_error(name, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, str(self.done))
        return redirect(self.request_url)


class RequestInviteView(RequestMoveView):
    """Record that the other side was told and invited to make representations (spec §5)."""

    required_action = Action.DISPUTE_DECIDE
    form_class = InviteForm
    move = RequestMove.INVITE
    title = gettext_lazy("Invite representations")
    done = gettext_lazy(
        "Recorded that they were told about the request and invited to make representations."
    )

    def get_initial(self):
        return {**super().get_initial(), "invited_on": today()}

    def perform(self, data, version):
        la_request_invite_representations(
            actor=self.actor,
            la_request=self.la_request,
            version=version,
            invited_on=data["invited_on"],
        )


class RequestRepresentationsView(RequestMoveView):
    """The invited side's representations: their own submission (sent today), or, for LA
    staff, what arrived on paper and when."""

    required_action = Action.DISPUTE_REQUEST
    form_class = RepresentationsForm
    move = RequestMove.REPRESENTATIONS
    title = gettext_lazy("Representations")
    done = gettext_lazy("Representations recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "with_date": self.parts.la}

    def get_initial(self):
        return {
            **super().get_initial(),
            "received_on": today(),
            "representations": self.la_request.representations,
        }

    def perform(self, data, version):
        la_request_record_representations(
            actor=self.actor,
            la_request=self.la_request,
            version=version,
            received_on=data["received_on"] if self.parts.la else today(),
            representations=data["representations"],
        )


class RequestExceptionView(RequestMoveView):
    """Record that the LA's duty to answer does not apply (s.29), with the reasons."""

    required_action = Action.DISPUTE_DECIDE
    form_class = ExceptionForm
    move = RequestMove.EXCEPTION
    title = gettext_lazy("Record that the duty to reconsider does not apply")
    done = gettext_lazy(
        "Recorded that the duty to reconsider does not apply. The local authority's time limit "
        "is marked as done."
    )

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "exceptions": exceptions_for(Route(self.la_request.route)),
        }

    def get_initial(self):
        return {**super().get_initial(), "decided_on": today()}

    def perform(self, data, version):
        la_request_record_exception(
            actor=self.actor,
            la_request=self.la_request,
            version=version,
            exception=DutyException(data["exception"]),
            reasons=data["reasons"],
            decided_on=data["decided_on"],
        )


class RequestWithdrawView(RequestMoveView):
    """Withdraw a request: whoever sent it online, or LA staff on the requester's word."""

    required_action = Action.DISPUTE_REQUEST
    form_class = WithdrawForm
    move = RequestMove.WITHDRAW
    title = gettext_lazy("Withdraw the request")
    done = gettext_lazy("The request has been withdrawn.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "with_date": self.parts.la}

    def get_initial(self):
        return {**super().get_initial(), "withdrawn_on": today()}

    def perform(self, data, version):
        la_request_withdraw(
            actor=self.actor,
            la_request=self.la_request,
            version=version,
            withdrawn_on=data["withdrawn_on"] if self.parts.la else today(),
            reasons=data["reasons"],
        )


_ONE = "requests/<uuid:la_request_id>"

urlpatterns = [
    path("learners/<uuid:learner_id>/requests/new/", RequestNewView.as_view(), name="request-new"),
    path(f"{_ONE}/", RequestDetailView.as_view(), name="request"),
    path(f"{_ONE}/invite/", RequestInviteView.as_view(), name="request-invite"),
    path(
        f"{_ONE}/representations/",
        RequestRepresentationsView.as_view(),
        name="request-representations",
    ),
    path(f"{_ONE}/exception/", RequestExceptionView.as_view(), name="request-exception"),
    path(f"{_ONE}/withdraw/", RequestWithdrawView.as_view(), name="request-withdraw"),
]

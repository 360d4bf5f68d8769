"""Reviews of a plan and requests for a review (Act s.23): record a review, read what it found,
ask for a review, and answer a request (assign it, or refuse it as unnecessary)."""

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import (
    REVIEW_DECISION_LABELS,
    REVIEW_REQUESTER_LABELS,
    error_message,
    label,
)
from aln.domain.access import Action
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import PlanError, ReviewDecision, ReviewRequester
from aln.domain.process import CaseAction, ProcessError, Stage
from aln.idps.forms.reviews import (
    RequestReviewForm,
    ReviewForm,
    ReviewRequestAssignForm,
    ReviewRequestRecordForm,
    ReviewRequestRefuseForm,
)
from aln.idps.models import IdpVersion, RequestState, Review, ReviewRequest
from aln.idps.selectors.plans import current_version, idp_may_edit
from aln.idps.selectors.reviews import (
    open_review_requests,
    requester_for,
    review_get,
    review_request_get,
    review_request_list_for,
    review_request_owner_choices,
)
from aln.idps.services.reviews import (
    review_record,
    review_request_assign,
    review_request_make,
    review_request_record,
    review_request_refuse,
)
from aln.idps.views.base import PlanActionMixin, PlanMixin

# Refusals that say the page no longer applies: back to the plan page with the reason.
_BACK_TO_PLAN = frozenset(
    {
        PlanError.NOT_YOURS,
        PlanError.NOT_IN_FORCE,
        ProcessError.NOT_YOURS,
        ProcessError.NOT_ALLOWED_NOW,
        ProcessError.CHANGED_BY_SOMEONE_ELSE,
    }
)


def _enum_or_none(enum, value: str | None):
    return enum(value) if value else None


class _ReviewFormMixin(PlanActionMixin):
    """A form page that changes the plan's reviews: a refusal goes on the field it concerns."""

    def refused_on(self, error: ServiceError, form):
        if error.code in _BACK_TO_PLAN:
            return self.back(error.code)
        field = error.field if error.field in form.fields else None
        form.add_error(field, error_message(error.code))
        return self.form_invalid(form)  # type: ignore[attr-defined]

    def notice_initial(self, prefix: str) -> dict[str, Any]:
        language = self.idp.learner.preferred_language or NoticeLanguage.EN.value
        return {f"{prefix}language": language, f"{prefix}given_on": today()}


class ReviewRecordView(_ReviewFormMixin, FormView):
    """Record a review of the plan in force and its decision (s.23)."""

    case_action = CaseAction.RECORD_REVIEW
    template_name = "idps/review_form.html"
    form_class = ReviewForm
    version: IdpVersion

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None:
            return refusal
        version = current_version(idp=self.idp)
        if version is None:
            return self.back(PlanError.NOT_IN_FORCE)
        self.version = version
        return None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "elements": list(self.version.elements.all()),
            "requests": open_review_requests(idp=self.idp),
        }

    def get_initial(self):
        return {
            "version": self.idp.case.version,
            "held_on": today(),
            **self.notice_initial("notice_"),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "version": self.version,
        }

    def form_valid(self, form):
        case_version = form.version_seen()
        if case_version is None:
            return self.back(ProcessError.CHANGED_BY_SOMEONE_ELSE)
        data = form.cleaned_data
        decision = ReviewDecision(data["decision"])
        try:
            review = review_record(
                actor=self.actor,
                idp=self.idp,
                case_version=case_version,
                invited=data["invited"],
                invited_on=data["invited_on"],
                held_on=data["held_on"],
                attended=data["attended"],
                learner_views=data["learner_views"],
                family_views=data["family_views"],
                others_views=data["others_views"],
                progress=form.progress(),
                decision=decision,
                reasons=data["reasons"],
                request_ids=data.get("request_ids") or (),
                notice_given_on=data.get("notice_given_on"),
                notice_method=_enum_or_none(DeliveryMethod, data.get("notice_method")),
                notice_language=_enum_or_none(NoticeLanguage, data.get("notice_language")),
            )
        except ServiceError as error:
            return self.refused_on(error, form)
        return self.after(review, decision)

    def after(self, review: Review, decision: ReviewDecision):
        detail = reverse(
            "idps:review-detail", kwargs={"idp_id": self.idp.pk, "review_id": review.pk}
        )
        if decision is ReviewDecision.REVISE:
            messages.success(
                self.request,
                _(
                    "Review recorded. A new version of the IDP has been started: make the "
                    "changes, then give the revised IDP. The next review period starts when it "
                    "is given."
                ),
            )
            return redirect("idps:plan", idp_id=self.idp.pk)
        if decision is ReviewDecision.NO_REVISION:
            messages.success(
                self.request,
                _(
                    "Review recorded. The notice that the IDP will not be revised has been "
                    "produced and recorded as given, and the next review period has started."
                ),
            )
            return redirect(detail)
        messages.success(
            self.request,
            _("Review recorded. Now make the proposal to stop maintaining the IDP."),
        )
        try:
            return redirect(reverse("idps:cease-propose", kwargs={"idp_id": self.idp.pk}))
        except NoReverseMatch:
            return redirect(detail)


class ReviewDetailView(PlanMixin, TemplateView):
    """What a review found: shown to everyone who can see the plan, families too."""

    required_action = Action.IDP_VIEW
    template_name = "idps/review_detail.html"
    access_event = "idp.review_viewed"
    review: Review

    def access_subject(self) -> Review:
        return self.review

    def get_context_data(self, **kwargs):
        try:
            self.review = review = review_get(idp=self.idp, review_id=self.kwargs["review_id"])
        except Review.DoesNotExist as error:
            raise Http404 from error
        return {
            **super().get_context_data(**kwargs),
            "review": review,
            "decision": label(REVIEW_DECISION_LABELS, review.decision),
            "progress": list(review.progress.all()),
            "answered": [
                label(REVIEW_REQUESTER_LABELS, request.requested_by)
                for request in review.requests.all()
            ],
        }


class RequestReviewView(PlanMixin, FormView):
    """A parent, the young person, or NHS staff ask for the plan to be reviewed."""

    required_action = Action.IDP_REVIEW_REQUEST
    template_name = "idps/review_request_make.html"
    form_class = RequestReviewForm

    def get_context_data(self, **kwargs):
        requester = requester_for(actor=self.actor, idp=self.idp)
        body = self.idp.setting or self.idp.local_authority
        return {
            **super().get_context_data(**kwargs),
            "may_ask": requester is not None and self.idp.case.stage == Stage.MAINTAINING,
            "for_nhs": requester is ReviewRequester.NHS_BODY,
            "body_name": body.name,
        }

    def form_valid(self, form):
        try:
            review_request_make(actor=self.actor, idp=self.idp, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Your request has been sent. They will either hold a review or write to you "
                "to explain why they think a review is not needed."
            ),
        )
        return redirect("idps:review-requests", idp_id=self.idp.pk)


class ReviewRequestListView(PlanMixin, TemplateView):
    """Requests for a review of this plan and their answers. Staff see them all; a family sees
    the ones made on the family's side, health staff the ones an NHS body made."""

    required_action = Action.IDP_VIEW
    template_name = "idps/review_requests.html"

    def get_context_data(self, **kwargs):
        may_edit = idp_may_edit(user=self.actor, idp=self.idp)
        requests = review_request_list_for(user=self.actor, idp=self.idp, may_edit=may_edit)
        in_force = self.idp.case.stage == Stage.MAINTAINING
        return {
            **super().get_context_data(**kwargs),
            "requests": [
                {
                    "request": request,
                    "requester": label(REVIEW_REQUESTER_LABELS, request.requested_by),
                    "open": request.state == RequestState.OPEN,
                    "refused": request.state == RequestState.REFUSED,
                }
                for request in requests
            ],
            "may_edit": may_edit and in_force,
            "may_ask": in_force and requester_for(actor=self.actor, idp=self.idp) is not None,
        }


class ReviewRequestRecordView(_ReviewFormMixin, FormView):
    """Record a request for a review that came by letter, phone or in person."""

    template_name = "idps/review_request_form.html"
    form_class = ReviewRequestRecordForm
    title = _("Record a request for a review")

    def check(self, request):
        refusal = super().check(request)
        if refusal is None and self.idp.case.stage != Stage.MAINTAINING:
            return self.back(PlanError.NOT_IN_FORCE)
        return refusal

    def get_form_kwargs(self):
        owners = review_request_owner_choices(idp=self.idp)
        self.owners = {str(user.pk): user for user in owners}
        return {**super().get_form_kwargs(), "owners": owners}

    def get_initial(self):
        return {"received_on": today()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": self.title}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            review_request_record(
                actor=self.actor,
                idp=self.idp,
                requested_by=ReviewRequester(data["requested_by"]),
                requester_name=data["requester_name"],
                received_on=data["received_on"],
                reason=data["reason"],
                owner=self.owners.get(data["owner"]),
            )
        except ServiceError as error:
            return self.refused_on(error, form)
        messages.success(self.request, _("Request recorded."))
        return redirect("idps:review-requests", idp_id=self.idp.pk)


class _OneRequestMixin(_ReviewFormMixin):
    """A page about one open request of this plan (another plan's request is missing)."""

    access_event = "idp.review_request_viewed"
    request_obj: ReviewRequest
    kwargs: dict[str, Any]

    def access_subject(self) -> ReviewRequest:
        return self.request_obj

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None:
            return refusal
        try:
            self.request_obj = review_request_get(
                idp=self.idp, request_id=self.kwargs["request_id"]
            )
        except ReviewRequest.DoesNotExist as error:
            raise Http404 from error
        if self.request_obj.state != RequestState.OPEN:
            return self.back(ProcessError.NOT_ALLOWED_NOW)
        return None

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,  # type: ignore[attr-defined]
            "review_request": self.request_obj,
            "requester": label(REVIEW_REQUESTER_LABELS, self.request_obj.requested_by),
        }


class ReviewRequestAssignView(_OneRequestMixin, FormView):
    template_name = "idps/review_request_form.html"
    form_class = ReviewRequestAssignForm
    title = _("Choose who deals with the request")

    def get_form_kwargs(self):
        owners = review_request_owner_choices(idp=self.idp)
        self.owners = {str(user.pk): user for user in owners}
        return {**super().get_form_kwargs(), "owners": owners}

    def get_initial(self):
        return {"owner": str(self.request_obj.owner_id or self.actor.pk)}

    def form_valid(self, form):
        try:
            review_request_assign(
                actor=self.actor,
                request=self.request_obj,
                owner=self.owners.get(form.cleaned_data["owner"]),
            )
        except ServiceError as error:
            return self.refused_on(error, form)
        messages.success(self.request, _("The request now has a new owner."))
        return redirect("idps:review-requests", idp_id=self.idp.pk)


class ReviewRequestRefuseView(_OneRequestMixin, FormView):
    """Refuse a request as unnecessary: a notice gives the reasons (timing UNVERIFIED, T13)."""

    template_name = "idps/review_request_form.html"
    form_class = ReviewRequestRefuseForm
    title = _("Refuse the request for a review")

    def get_initial(self):
        return self.notice_initial("")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            review_request_refuse(
                actor=self.actor,
                request=self.request_obj,
                reasons=data["reasons"],
                given_on=data["given_on"],
                method=DeliveryMethod(data["method"]),
                language=NoticeLanguage(data["language"]),
            )
        except ServiceError as error:
            return self.refused_on(error, form)
        messages.success(
            self.request,
            _("The request has been refused and the notice with the reasons recorded as given."),
        )
        return redirect("idps:review-requests", idp_id=self.idp.pk)


_REQUEST = "<uuid:idp_id>/requests/<uuid:request_id>"

urlpatterns = [
    path("<uuid:idp_id>/review/", ReviewRecordView.as_view(), name="review"),
    path(
        "<uuid:idp_id>/reviews/<uuid:review_id>/",
        ReviewDetailView.as_view(),
        name="review-detail",
    ),
    path("<uuid:idp_id>/ask-for-review/", RequestReviewView.as_view(), name="request-review"),
    path("<uuid:idp_id>/requests/", ReviewRequestListView.as_view(), name="review-requests"),
    path(
        "<uuid:idp_id>/requests/record/",
        ReviewRequestRecordView.as_view(),
        name="review-request-record",
    ),
    path(f"{_REQUEST}/refuse/", ReviewRequestRefuseView.as_view(), name="review-request-refuse"),
    path(f"{_REQUEST}/assign/", ReviewRequestAssignView.as_view(), name="review-request-assign"),
]

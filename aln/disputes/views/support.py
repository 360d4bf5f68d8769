"""Referrals to disagreement resolution (s.68) and advocacy (s.69), views on a child's capacity
(s.84), and case friends and representatives (ss.83, 85): record them, record how a referral
ended, end an appointment. Every page goes back to the learner's disagreement log.

Who may do what is the services' (`aln.disputes.services.support`, `.capacity`); a page the
person may open by role but may not use for this learner (or a record that is already closed)
sends them back to the log with the reason (`DisputeMoveMixin`)."""

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import (
    ACTING_FOR_LABELS,
    CAPACITY_ASSESSOR_LABELS,
    SUPPORT_KIND_LABELS,
    error_message,
    label,
)
from aln.common.permissions import AccessLoggedMixin, RecordMixin, user_roles
from aln.disputes.forms.support import (
    ActingForEndForm,
    ActingForForm,
    CapacityForm,
    ReferralForm,
    ReferralOutcomeForm,
)
from aln.disputes.models import ActingFor, ActingForKind, CapacityRecord, SupportReferral
from aln.disputes.selectors.support import (
    acting_for_get_for,
    appeal_effect,
    capacity_get_for,
    capacity_records_for,
    la_acting_for,
    la_ids_acting_for,
    notices_for_referral,
    referral_get_for,
    referral_providers,
    views_of,
)
from aln.disputes.services.capacity import (
    acting_for_appoint,
    acting_for_end,
    assessors_for,
    capacity_record,
)
from aln.disputes.services.support import support_record_outcome, support_refer
from aln.disputes.views.base import DisputeMoveMixin, LearnerDisputeMixin
from aln.domain.access import Action, any_role_may
from aln.domain.ages import is_child
from aln.domain.disagreements import (
    ActingForProblem,
    CapacityAssessor,
    CapacityProblem,
    ResolutionOutcome,
    SupportKind,
    SupportProblem,
    prevailing_view_index,
)
from aln.learners.models import Learner

# Refusals that mean the page no longer applies: back to the log, saying why.
_BACK_TO_LOG = frozenset(
    {
        SupportProblem.NOT_YOURS,
        SupportProblem.OUTCOME_RECORDED,
        SupportProblem.CHANGED_BY_SOMEONE_ELSE,
        CapacityProblem.NOT_YOURS,
        ActingForProblem.NOT_YOURS,
        ActingForProblem.ALREADY_ENDED,
        ActingForProblem.CHANGED_BY_SOMEONE_ELSE,
    }
)


def log_url(learner_id: Any) -> str:
    return reverse("disputes:log", kwargs={"learner_id": learner_id})


class _Checked:
    """Runs `check` after the role check and the learner (or record) are loaded: a response
    turns the person away (back to the log with the reason), None lets the page run."""

    def dispatch(self, request, *args, **kwargs):
        refusal = self.check(request)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def check(self, request):
        return None


class _Page(DisputeMoveMixin):
    """Shared by the pages that record something: the learner's log is where they go back."""

    learner: Learner

    def to_log(self, code: Any = None):
        if code is None:
            return redirect(log_url(self.learner.pk))
        return self.back(code, log_url(self.learner.pk))

    def refused(self, error: ServiceError, form):
        if error.code in _BACK_TO_LOG:
            return self.to_log(error.code)
        field = error.field if error.field in form.fields else None
        form.add_error(field, error_message(error.code))
        return self.form_invalid(form)  # type: ignore[attr-defined]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        return {**context, "learner": self.learner, "log_url": log_url(self.learner.pk)}


class _RecordMixin(AccessLoggedMixin, RecordMixin):
    """Loads one record (`load`) the user may see; a record they may not see is missing. Sets
    `self.learner` from it. Opening the page is logged (`access_event`)."""

    record: Any
    learner: Learner

    def load(self, kwargs: dict[str, Any]) -> Any:
        raise NotImplementedError

    def load_record(self, user, kwargs):
        record = self.load(kwargs)
        self.learner = record.learner
        return record


def _lookup(model: Any, getter: Any, **kwargs: Any) -> Any:
    try:
        return getter(**kwargs)
    except model.DoesNotExist as error:
        raise Http404 from error


# --- Referrals ----------------------------------------------------------------------------------


def _appeal_message(referral: SupportReferral) -> str:
    effect = appeal_effect(
        kind=SupportKind(referral.kind), notice=referral.notice, referred_on=referral.referred_on
    )
    if effect is None:
        return ""
    values = {
        "last_day": date_format(effect.last_day, "j F Y"),
        "ended": date_format(effect.period_ends_on, "j F Y"),
    }
    if effect.extends:
        return (
            _(
                "The referral was made before the time to appeal ran out, so that time is extended "
                "by 8 weeks: the Tribunal must now receive an appeal by %(last_day)s."
            )
            % values
        )
    return (
        _(
            "The referral was made after the 8 weeks to appeal ended on %(ended)s, so they are not "
            "extended: the Tribunal must receive an appeal by %(last_day)s."
        )
        % values
    )


class ReferralNewView(LearnerDisputeMixin, _Page, _Checked, FormView):
    """Record a referral to the LA's disagreement resolution or advocacy provider."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/referral_form.html"
    form_class = ReferralForm
    authority_id: Any

    def check(self, request):
        self.authority_id = la_acting_for(user=self.actor, learner=self.learner)
        if self.authority_id is None:
            return self.to_log(SupportProblem.NOT_YOURS)
        return None

    def get_form_kwargs(self):
        providers = referral_providers(local_authority_id=self.authority_id)
        notices = notices_for_referral(user=self.actor, learner=self.learner)
        self.providers = {str(p.pk): p for p in providers}
        self.notices = {str(n.pk): n for n in notices}
        return {**super().get_form_kwargs(), "providers": providers, "notices": notices}

    def get_initial(self):
        return {"referred_on": today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roles = user_roles(self.actor)
        return {
            **context,
            "has_providers": bool(self.providers),
            "may_manage_providers": any_role_may(roles, Action.PROVIDER_MANAGE),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            referral = support_refer(
                actor=self.actor,
                learner=self.learner,
                kind=SupportKind(data["kind"]),
                provider=self.providers.get(data["provider"]),
                referred_on=data["referred_on"],
                referred_by_name=data["referred_by_name"],
                about=data["about"],
                notice=self.notices.get(data.get("notice") or ""),
            )
        except ServiceError as error:
            return self.refused(error, form)
        text = (
            _("Referral to disagreement resolution recorded.")
            if referral.kind == SupportKind.DISAGREEMENT_RESOLUTION
            else _("Referral to independent advocacy recorded.")
        )
        messages.success(self.request, " ".join(filter(None, [text, _appeal_message(referral)])))
        return self.to_log()


class ReferralOutcomeView(_RecordMixin, _Page, FormView):
    """Record how a referral ended."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/referral_outcome.html"
    form_class = ReferralOutcomeForm
    access_event = "dispute.referral_viewed"

    def load(self, kwargs):
        return _lookup(
            SupportReferral,
            referral_get_for,
            user=self.request.user,
            referral_id=kwargs["referral_id"],
        )

    def check(self, request):
        referral = self.record
        if referral.local_authority_id not in la_ids_acting_for(
            user=self.actor, learner=self.learner
        ):
            return self.to_log(SupportProblem.NOT_YOURS)
        if referral.outcome:
            return self.to_log(SupportProblem.OUTCOME_RECORDED)
        return None

    def get_initial(self):
        return {"version": self.record.version, "outcome_on": today()}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "referral": self.record,
            "kind": label(SUPPORT_KIND_LABELS, self.record.kind),
        }

    def form_valid(self, form):
        version = form.version_seen()
        if version is None:
            return self.to_log(SupportProblem.CHANGED_BY_SOMEONE_ELSE)
        data = form.cleaned_data
        try:
            support_record_outcome(
                actor=self.actor,
                referral=self.record,
                version=version,
                outcome=ResolutionOutcome(data["outcome"]),
                outcome_on=data["outcome_on"],
                notes=data["notes"],
            )
        except ServiceError as error:
            return self.refused(error, form)
        messages.success(self.request, _("How the referral ended has been recorded."))
        return self.to_log()


# --- Capacity -----------------------------------------------------------------------------------


class CapacityNewView(LearnerDisputeMixin, _Page, _Checked, FormView):
    """Record a view on whether a child has capacity, or the Tribunal's declaration (s.84).
    The LA records any view; a school only its own."""

    required_action = Action.DISPUTE_REQUEST
    template_name = "disputes/capacity_form.html"
    form_class = CapacityForm

    def check(self, request):
        self.assessors = assessors_for(actor=self.actor, learner=self.learner)
        if not self.assessors:
            return self.to_log(CapacityProblem.NOT_YOURS)
        if not is_child(self.learner.date_of_birth, today()):
            return self.to_log(CapacityProblem.ONLY_FOR_A_CHILD)
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assessors": self.assessors}

    def get_initial(self):
        initial: dict[str, Any] = {"decided_on": today()}
        if len(self.assessors) == 1:
            initial["assessor"] = self.assessors[0].value
        return initial

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "for_the_la": CapacityAssessor.LOCAL_AUTHORITY in self.assessors,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            record = capacity_record(
                actor=self.actor,
                learner=self.learner,
                assessor=CapacityAssessor(data["assessor"]),
                lacks_capacity=form.lacks(),
                decided_on=data["decided_on"],
                decided_by_name=data["decided_by_name"],
                reasons=data["reasons"],
            )
        except ServiceError as error:
            return self.refused(error, form)
        text = _("The view on capacity has been recorded.")
        if record.assessor == CapacityAssessor.LOCAL_AUTHORITY:
            text = _(
                "The local authority's view on capacity has been recorded, and the school has "
                "been told by email."
            )
        messages.success(self.request, text)
        return self.to_log()


class CapacityDetailView(_RecordMixin, TemplateView):
    """One view on capacity, and whether it is the view that prevails now."""

    required_action = Action.DISPUTE_VIEW
    template_name = "disputes/capacity_detail.html"
    access_event = "dispute.capacity_viewed"

    def load(self, kwargs):
        return _lookup(
            CapacityRecord,
            capacity_get_for,
            user=self.request.user,
            capacity_id=kwargs["capacity_id"],
        )

    def get_context_data(self, **kwargs):
        records = capacity_records_for(learner=self.learner)
        index = prevailing_view_index(views_of(records))
        prevailing = records[index] if index is not None else None
        return {
            **super().get_context_data(**kwargs),
            "learner": self.learner,
            "record": self.record,
            "assessor": label(CAPACITY_ASSESSOR_LABELS, self.record.assessor),
            "prevails": prevailing is not None and prevailing.pk == self.record.pk,
            "prevailing": prevailing,
            "prevailing_assessor": label(CAPACITY_ASSESSOR_LABELS, prevailing.assessor)
            if prevailing
            else "",
            "log_url": log_url(self.learner.pk),
        }


# --- Case friends and representatives -----------------------------------------------------------


class ActingForNewView(LearnerDisputeMixin, _Page, _Checked, FormView):
    """Record a case friend (s.85) or a representative (s.83)."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/acting_for_form.html"
    form_class = ActingForForm

    def check(self, request):
        if la_acting_for(user=self.actor, learner=self.learner) is None:
            return self.to_log(ActingForProblem.NOT_YOURS)
        return None

    def get_initial(self):
        return {"appointed_on": today()}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "is_child": is_child(self.learner.date_of_birth, today()),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            person = acting_for_appoint(
                actor=self.actor,
                learner=self.learner,
                kind=ActingForKind(data["kind"]),
                name=data["name"],
                email=data["email"],
                address=data["address"],
                authority=data["authority"],
                appointed_on=data["appointed_on"],
            )
        except ServiceError as error:
            return self.refused(error, form)
        messages.success(
            self.request,
            _("%(who)s recorded: %(name)s.")
            % {"who": label(ACTING_FOR_LABELS, person.kind), "name": person.name},
        )
        return self.to_log()


class ActingForEndView(_RecordMixin, _Page, FormView):
    """Record that a case friend or representative no longer acts."""

    required_action = Action.DISPUTE_DECIDE
    template_name = "disputes/acting_for_end.html"
    form_class = ActingForEndForm
    access_event = "dispute.acting_for_viewed"

    def load(self, kwargs):
        return _lookup(
            ActingFor,
            acting_for_get_for,
            user=self.request.user,
            acting_for_id=kwargs["acting_for_id"],
        )

    def check(self, request):
        if la_acting_for(user=self.actor, learner=self.learner) is None:
            return self.to_log(ActingForProblem.NOT_YOURS)
        if self.record.ended_on is not None:
            return self.to_log(ActingForProblem.ALREADY_ENDED)
        return None

    def get_initial(self):
        return {"version": self.record.version, "ended_on": today()}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "person": self.record,
            "who": label(ACTING_FOR_LABELS, self.record.kind),
        }

    def form_valid(self, form):
        version = form.version_seen()
        if version is None:
            return self.to_log(ActingForProblem.CHANGED_BY_SOMEONE_ELSE)
        data = form.cleaned_data
        try:
            acting_for_end(
                actor=self.actor,
                acting_for=self.record,
                version=version,
                ended_on=data["ended_on"],
                reasons=data["reasons"],
            )
        except ServiceError as error:
            return self.refused(error, form)
        messages.success(self.request, _("The end of the appointment has been recorded."))
        return self.to_log()


urlpatterns = [
    path(
        "learners/<uuid:learner_id>/referrals/new/",
        ReferralNewView.as_view(),
        name="referral-new",
    ),
    path(
        "referrals/<uuid:referral_id>/outcome/",
        ReferralOutcomeView.as_view(),
        name="referral-outcome",
    ),
    path(
        "learners/<uuid:learner_id>/capacity/new/",
        CapacityNewView.as_view(),
        name="capacity-new",
    ),
    path("capacity/<uuid:capacity_id>/", CapacityDetailView.as_view(), name="capacity"),
    path(
        "learners/<uuid:learner_id>/acting-for/new/",
        ActingForNewView.as_view(),
        name="acting-for-new",
    ),
    path(
        "acting-for/<uuid:acting_for_id>/end/",
        ActingForEndView.as_view(),
        name="acting-for-end",
    ),
]

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from aln.cases.selectors import case_visible_queryset
from aln.common.errors import ServiceError
from aln.common.i18n import (
    CASE_KIND_LABELS,
    EDUCATION_ARRANGEMENT_LABELS,
    RELATIONSHIP_EXPLANATIONS,
    STAGE_LABELS,
    error_message,
    label,
)
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin, user_roles
from aln.domain.access import Action, Relationship, any_role_may
from aln.domain.organisations import EducationArrangement
from aln.learners.forms import LearnerCreateForm, LearnerSearchForm
from aln.learners.models import Learner
from aln.learners.selectors import (
    LearnerSearch,
    Worklist,
    learner_get_for,
    learner_list_for,
    learner_relationship_for,
)
from aln.learners.services import NewFamilyMember, NewLearner, learner_create
from aln.organisations.selectors import local_authority_list, setting_list_for

PAGE_SIZE = 25


class LearnerSearchView(AccessLoggedMixin, ActionRequiredMixin, TemplateView):
    required_action = Action.LEARNER_SEARCH
    template_name = "learners/learner_search.html"
    # Results list learners: one access event per page shown, with what was searched for.
    access_event = "learner.list_viewed"
    access_list = True
    access_filters = (
        "name",
        "upn",
        "date_of_birth_0",
        "date_of_birth_1",
        "date_of_birth_2",
        "setting",
        "worklist",
        "page",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.actor
        form = LearnerSearchForm(
            self.request.GET or None, settings_queryset=setting_list_for(user=user)
        )
        search = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            search = LearnerSearch(
                name=data["name"],
                upn=data["upn"],
                date_of_birth=data["date_of_birth"],
                setting_id=data["setting"].pk if data["setting"] else None,
                worklist=Worklist(data["worklist"]) if data["worklist"] else None,
            )
        learners = learner_list_for(user=user, search=search)
        if form.is_bound and not form.is_valid():
            learners = learners.none()
        page = Paginator(learners, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page=page,
            query=query.urlencode(),
            searched=search is not None,
            can_create=any_role_may(user_roles(user), Action.LEARNER_CREATE),
        )
        return context


class LearnerDetailView(AccessLoggedMixin, ActionRequiredMixin, TemplateView):
    required_action = Action.LEARNER_VIEW
    template_name = "learners/learner_detail.html"
    access_event = "learner.viewed"
    learner: Learner
    relationship: Relationship | None = None

    def access_subject(self) -> Learner:
        return self.learner

    def access_reason(self) -> str:
        return str(self.relationship or "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.actor
        try:
            learner = learner_get_for(user=user, learner_id=kwargs["learner_id"])
        except Learner.DoesNotExist as error:
            raise Http404 from error
        self.learner = learner
        self.relationship = relationship = learner_relationship_for(user=user, learner=learner)
        context.update(
            learner=learner,
            education_arrangement=label(
                EDUCATION_ARRANGEMENT_LABELS, learner.education_arrangement
            ),
            why_visible=RELATIONSHIP_EXPLANATIONS[relationship] if relationship else None,
            can_search=any_role_may(user_roles(user), Action.LEARNER_SEARCH),
            can_raise_concern=any_role_may(user_roles(user), Action.CASE_OPEN),
            can_tell_us=any_role_may(user_roles(user), Action.CONCERN_RAISE),
            cases=[
                {
                    "case": case,
                    "kind": label(CASE_KIND_LABELS, case.kind),
                    "stage": label(STAGE_LABELS, case.stage),
                }
                for case in case_visible_queryset(user=user)
                .filter(learner=learner)
                .order_by("-opened_on", "reference")
            ],
        )
        return context


class LearnerCreateView(ActionRequiredMixin, FormView):
    required_action = Action.LEARNER_CREATE
    template_name = "learners/learner_create.html"
    form_class = LearnerCreateForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["settings_queryset"] = setting_list_for(user=self.actor)
        kwargs["authorities_queryset"] = local_authority_list()
        return kwargs

    def get_initial(self):
        """Start from the user's own organisation: most learners are added where they are."""
        initial = super().get_initial()
        settings = list(setting_list_for(user=self.actor)[:2])
        if len(settings) == 1:
            initial["setting"] = str(settings[0].pk)
        authorities = {m.local_authority_id for m in self.actor.active_memberships} - {None}
        authorities |= {s.local_authority_id for s in settings if len(settings) == 1}
        if len(authorities) == 1:
            initial["home_local_authority"] = authorities.pop()
        initial.update(education_arrangement="at_setting", parent_has_parental_responsibility=True)
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            learner = learner_create(
                actor=self.actor,
                data=NewLearner(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    date_of_birth=data["date_of_birth"],
                    upn=data["upn"],
                    home_local_authority=data["home_local_authority"],
                    education_arrangement=EducationArrangement(data["education_arrangement"]),
                    setting_id=data["setting"] or None,
                    started_on=data["started_on"],
                    is_looked_after=data["is_looked_after"],
                    looked_after_by=data["looked_after_by"],
                    preferred_language=data["preferred_language"],
                    family_member=NewFamilyMember(
                        full_name=data["parent_name"],
                        relationship=data["parent_relationship"],
                        email=data["parent_email"],
                        phone=data["parent_phone"],
                        preferred_language=data["parent_language"],
                        has_parental_responsibility=data["parent_has_parental_responsibility"],
                    ),
                ),
            )
        except ServiceError as error:
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s has been added.") % {"name": learner.full_name})
        return redirect("learners:learner-detail", learner_id=learner.pk)

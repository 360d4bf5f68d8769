"""Term dates and closures: the calendar the statutory clock counts school days on.

LA ALN managers manage their LA's terms and closures (and a setting's own); ALNCos, headteachers
and FEI ALN leads manage closures of their own setting. Everything else answers 404.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.forms.fields import GovukForm
from aln.common.i18n import error_message
from aln.common.permissions import ActionRequiredMixin, user_roles
from aln.deadlines.forms.calendar import (
    APPLIES_TO_AUTHORITY,
    APPLIES_TO_SETTING,
    CalendarChooseForm,
    CalendarImportForm,
    ClosureForm,
    TermForm,
    TermUpdateForm,
)
from aln.deadlines.imports import EventKind, ImportRefused, parse_upload
from aln.deadlines.models import CalendarClosure, CalendarTerm
from aln.deadlines.selectors.calendar import (
    calendar_closure_get_for,
    calendar_closure_setting_ids,
    calendar_manageable_settings_for,
    calendar_manager_authority_ids,
    calendar_overview_for,
    calendar_scope_for,
    calendar_term_get_for,
    calendar_term_settings_for,
)
from aln.deadlines.selectors.settings import managed_authority_for
from aln.deadlines.services.calendar import (
    CalendarScopeError,
    calendar_closure_add,
    calendar_closure_delete,
    calendar_import,
    calendar_term_add,
    calendar_term_delete,
    calendar_term_update,
)
from aln.domain.access import Action
from aln.domain.deadlines import DeadlineError
from aln.domain.roles import LA_ROLES
from aln.organisations.models import LocalAuthority
from aln.organisations.selectors import setting_list_for


def calendar_url(setting_id=None) -> str:
    url = reverse("deadlines:calendar")
    return f"{url}?{urlencode({'setting': setting_id})}" if setting_id else url


def moved_sentence(moved: int) -> str:
    if not moved:
        return _("No deadlines moved.")
    return ngettext("%(count)d deadline moved.", "%(count)d deadlines moved.", moved) % {
        "count": moved
    }


def _raise_404_if_out_of_scope(error: ServiceError) -> None:
    if error.code is CalendarScopeError.OUTSIDE_YOUR_CALENDARS:
        raise Http404 from error


class CalendarView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_VIEW
    template_name = "deadlines/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.actor
        is_la_staff = bool(user_roles(user) & LA_ROLES)
        settings = setting_list_for(user=user)
        form = CalendarChooseForm(
            self.request.GET or None, settings_queryset=settings, include_authority=is_la_staff
        )
        chosen = form.cleaned_data["setting"] if form.is_bound and form.is_valid() else None
        scope = calendar_scope_for(user=user, setting=chosen)
        if scope is None:
            raise Http404
        if not form.is_bound and scope.setting is not None:
            form.initial["setting"] = scope.setting.pk
        overview = calendar_overview_for(user=user, scope=scope, today=today())
        manages_la = scope.local_authority.pk in calendar_manager_authority_ids(user=user)
        setting_id = scope.setting.pk if scope.setting else None
        context.update(
            form=form,
            show_choice=is_la_staff or len(settings) > 1,
            overview=overview,
            scope=scope,
            can_manage_terms=manages_la,
            can_add_closure=manages_la
            or (setting_id is not None and setting_id in calendar_closure_setting_ids(user=user)),
            query=urlencode({"setting": setting_id}) if setting_id else "",
        )
        return context


class _ManagerFormView(ActionRequiredMixin, FormView):
    """A form only an LA ALN manager uses, for their own LA."""

    required_action = Action.CALENDAR_MANAGE

    authority: LocalAuthority

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            authority = managed_authority_for(user=request.user)
            if authority is None:  # not an LA ALN manager
                raise Http404
            self.authority = authority
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["authority"] = self.authority
        return context

    def settings_in_authority(self):
        return calendar_term_settings_for(user=self.actor).filter(
            local_authority_id=self.authority.pk
        )


class TermCreateView(_ManagerFormView):
    template_name = "deadlines/term_form.html"
    form_class = TermForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["settings_queryset"] = self.settings_in_authority()
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        initial["setting"] = self.request.GET.get("setting") or None
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        setting_id = data["setting"].pk if data["setting"] else None
        try:
            moved = calendar_term_add(
                actor=self.actor,
                local_authority_id=self.authority.pk,
                setting_id=setting_id,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, f"{_('Term added.')} {moved_sentence(moved)}")
        return redirect(calendar_url(setting_id))


class TermUpdateView(ActionRequiredMixin, FormView):
    required_action = Action.CALENDAR_MANAGE
    template_name = "deadlines/term_form.html"
    form_class = TermUpdateForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.term = calendar_term_get_for(user=request.user, term_id=kwargs["term_id"])
            except CalendarTerm.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return TermUpdateForm.initial_for(self.term)

    def _form_as_it_is_now(self) -> TermUpdateForm:
        """Someone else changed the term: show what it says now, ready to change again."""
        try:
            self.term = calendar_term_get_for(user=self.actor, term_id=self.term.pk)
        except CalendarTerm.DoesNotExist as error:
            raise Http404 from error
        initial = TermUpdateForm.initial_for(self.term)
        data = {"updated_at": initial["updated_at"]}
        for name in ("starts_on", "ends_on"):
            day = initial[name]
            data.update({f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year})
        form = TermUpdateForm(data=data)
        form.full_clean()
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["term"] = self.term
        context["authority"] = self.term.local_authority
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            moved = calendar_term_update(
                actor=self.actor,
                term_id=self.term.pk,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                updated_at=data["updated_at"],
            )
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            if error.code is DeadlineError.CHANGED_BY_SOMEONE_ELSE:
                form = self._form_as_it_is_now()
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, f"{_('Term changed.')} {moved_sentence(moved)}")
        return redirect(calendar_url(self.term.setting_id))


class TermDeleteView(ActionRequiredMixin, FormView):
    """GET asks "are you sure?"; POST removes the term."""

    required_action = Action.CALENDAR_MANAGE
    template_name = "deadlines/term_delete.html"
    form_class = GovukForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.term = calendar_term_get_for(user=request.user, term_id=kwargs["term_id"])
            except CalendarTerm.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["term"] = self.term
        return context

    def form_valid(self, form):
        try:
            moved = calendar_term_delete(actor=self.actor, term_id=self.term.pk)
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(None, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, f"{_('Term removed.')} {moved_sentence(moved)}")
        return redirect(calendar_url(self.term.setting_id))


class ClosureCreateView(ActionRequiredMixin, FormView):
    """LA managers add closures for the LA or one of its settings; setting leaders for theirs."""

    required_action = Action.CLOSURE_MANAGE
    template_name = "deadlines/closure_form.html"
    form_class = ClosureForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.authority = managed_authority_for(user=request.user)
            self.settings = calendar_manageable_settings_for(user=request.user)
            if self.authority is not None:
                self.settings = self.settings.filter(local_authority_id=self.authority.pk)
            elif not self.settings.exists():
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["settings_queryset"] = self.settings
        kwargs["for_authority"] = self.authority is not None
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        chosen = self.request.GET.get("setting")
        if chosen and self.authority is not None:
            initial.update(applies_to=APPLIES_TO_SETTING, setting=chosen)
        elif self.authority is not None:
            initial["applies_to"] = APPLIES_TO_AUTHORITY
        elif chosen:
            initial["setting"] = chosen
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["authority"] = self.authority
        context["back_url"] = calendar_url(self.request.GET.get("setting"))
        if self.authority is None:
            choices = list(self.settings[:2])
            context["only_setting"] = choices[0] if len(choices) == 1 else None
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        setting = data.get("setting")
        authority_id = self.authority.pk if self.authority else setting.local_authority_id
        try:
            moved = calendar_closure_add(
                actor=self.actor,
                local_authority_id=authority_id,
                setting_id=setting.pk if setting else None,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
            )
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, f"{_('Closure added.')} {moved_sentence(moved)}")
        return redirect(calendar_url(setting.pk if setting else None))


class ClosureDeleteView(ActionRequiredMixin, FormView):
    """GET asks "are you sure?"; POST removes the closure."""

    required_action = Action.CLOSURE_MANAGE
    template_name = "deadlines/closure_delete.html"
    form_class = GovukForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.closure = calendar_closure_get_for(
                    user=request.user, closure_id=kwargs["closure_id"]
                )
            except CalendarClosure.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["closure"] = self.closure
        return context

    def form_valid(self, form):
        try:
            moved = calendar_closure_delete(actor=self.actor, closure_id=self.closure.pk)
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(None, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, f"{_('Closure removed.')} {moved_sentence(moved)}")
        return redirect(calendar_url(self.closure.setting_id))


class CalendarImportView(_ManagerFormView):
    template_name = "deadlines/calendar_import.html"
    form_class = CalendarImportForm

    def get_initial(self):
        initial = super().get_initial()
        initial["setting"] = self.request.GET.get("setting") or None
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["settings_queryset"] = self.settings_in_authority()
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        upload = data["file"]
        kind = EventKind(data["events_are"]) if data.get("events_are") else None
        parsed = parse_upload(upload.name, upload.read(), kind)
        setting_id = data["setting"].pk if data["setting"] else None
        try:
            outcome = calendar_import(
                actor=self.actor,
                local_authority_id=self.authority.pk,
                setting_id=setting_id,
                parsed=parsed,
            )
        except ImportRefused as refused:
            for problem in refused.problems:
                form.add_error("file", problem.message())
            return self.render_to_response(self.get_context_data(form=form, refused=True))
        except ServiceError as error:
            _raise_404_if_out_of_scope(error)
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, self._summary(outcome))
        return redirect(calendar_url(setting_id))

    @staticmethod
    def _summary(outcome) -> str:
        sentences = [
            ngettext("%(count)d term added.", "%(count)d terms added.", outcome.terms_added)
            % {"count": outcome.terms_added},
            ngettext(
                "%(count)d closure added.", "%(count)d closures added.", outcome.closures_added
            )
            % {"count": outcome.closures_added},
        ]
        if outcome.skipped:
            sentences.append(
                ngettext(
                    "%(count)d row was already recorded, so it was skipped.",
                    "%(count)d rows were already recorded, so they were skipped.",
                    outcome.skipped,
                )
                % {"count": outcome.skipped}
            )
        sentences.append(moved_sentence(outcome.moved))
        return " ".join(sentences)

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from aln.common.errors import ServiceError
from aln.common.i18n import RULE_LABELS, error_message, label
from aln.common.permissions import ActionRequiredMixin
from aln.deadlines.forms.settings import ClockSettingsForm
from aln.deadlines.selectors.settings import clock_settings_for, managed_authority_for
from aln.deadlines.services.settings import RuleChoice, clock_settings_update
from aln.domain.access import Action
from aln.domain.timelines import configurable_rules


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


class ClockSettingsView(ActionRequiredMixin, FormView):
    """The LA's values for the time limits the law leaves unconfirmed, and reminder timing."""

    required_action = Action.CLOCK_SETTINGS_MANAGE
    template_name = "deadlines/clock_settings.html"
    form_class = ClockSettingsForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            authority = managed_authority_for(user=request.user)
            if authority is None:
                raise Http404
            self.authority = authority
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        version, reminder_days, stored = clock_settings_for(local_authority=self.authority)
        initial: dict[str, object] = {"version": version, "reminder_school_days": reminder_days}
        for rule in configurable_rules():
            length, roll = stored.get(rule.id, (None, None))
            initial[f"length__{rule.id}"] = length if length is not None else rule.length
            initial[f"roll__{rule.id}"] = _yes_no(rule.roll_forward if roll is None else roll)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["authority"] = self.authority
        context["rules"] = [
            {
                "id": rule.id,
                "label": label(RULE_LABELS, rule.id),
                "default_length": rule.default_length,
                "default_roll_forward": rule.roll_forward,
                "source": rule.source,
                "length": form[f"length__{rule.id}"] if rule.configurable else None,
                "roll": form[f"roll__{rule.id}"] if rule.roll_forward_configurable else None,
            }
            for rule in configurable_rules()
        ]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        rules = {
            rule.id: RuleChoice(
                length=data.get(f"length__{rule.id}"),
                roll_forward=(data[f"roll__{rule.id}"] == "yes")
                if rule.roll_forward_configurable
                else None,
            )
            for rule in configurable_rules()
        }
        try:
            moved = clock_settings_update(
                actor=self.actor,
                local_authority=self.authority,
                reminder_school_days=data["reminder_school_days"],
                rules=rules,
                version=data["version"],
            )
        except ServiceError as error:
            form.add_error(error.field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Settings saved. %(count)d deadline moved.",
                "Settings saved. %(count)d deadlines moved.",
                moved,
            )
            % {"count": moved}
            if moved
            else _("Settings saved. No deadlines moved."),
        )
        return redirect("deadlines:clock-settings")

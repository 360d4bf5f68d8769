# Placeholder while clock settings are written (replaced in this change).
from django.views.generic import TemplateView

from aln.common.permissions import ActionRequiredMixin
from aln.domain.access import Action


class ClockSettingsView(ActionRequiredMixin, TemplateView):
    required_action = Action.CLOCK_SETTINGS_MANAGE

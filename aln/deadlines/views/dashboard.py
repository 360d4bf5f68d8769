# Placeholder while the dashboard is written (replaced in this change).
from django.views.generic import TemplateView

from aln.common.permissions import ActionRequiredMixin
from aln.domain.access import Action


class DeadlineListView(ActionRequiredMixin, TemplateView):
    required_action = Action.DEADLINE_LIST


class DeadlineMeetView(ActionRequiredMixin, TemplateView):
    required_action = Action.DEADLINE_ACT


class DeadlineMissedReasonView(ActionRequiredMixin, TemplateView):
    required_action = Action.DEADLINE_ACT

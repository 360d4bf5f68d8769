# Placeholder while calendar management is written (replaced in this change).
from django.views.generic import TemplateView

from aln.common.permissions import ActionRequiredMixin
from aln.domain.access import Action


class CalendarView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_VIEW


class TermCreateView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_MANAGE


class TermUpdateView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_MANAGE


class TermDeleteView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_MANAGE


class ClosureCreateView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_VIEW


class ClosureDeleteView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_VIEW


class CalendarImportView(ActionRequiredMixin, TemplateView):
    required_action = Action.CALENDAR_MANAGE

# Placeholder while the case page is written (replaced in this change).
from django.views.generic import TemplateView

from aln.common.permissions import ActionRequiredMixin
from aln.domain.access import Action


class CaseDetailView(ActionRequiredMixin, TemplateView):
    required_action = Action.CASE_VIEW

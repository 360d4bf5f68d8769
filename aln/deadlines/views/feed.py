# Placeholder while the feed is written (replaced in this change).
from django.views.generic import TemplateView

from aln.common.permissions import ActionRequiredMixin, PublicMixin
from aln.domain.access import Action


class FeedManageView(ActionRequiredMixin, TemplateView):
    required_action = Action.DEADLINE_FEED


class FeedView(PublicMixin, TemplateView):
    pass

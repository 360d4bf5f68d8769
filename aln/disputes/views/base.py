"""What every disagreement page shares: load the learner the person may see, 404 otherwise (a
record loads through `aln.common.permissions.RecordMixin`), and for pages that change a record,
send the person back to the record's page with the reason when the record's stage does not allow
the move now."""

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from aln.common.i18n import error_message
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin
from aln.learners.models import Learner
from aln.learners.selectors import learner_get_for, learner_relationship_for


class LearnerDisputeMixin(AccessLoggedMixin, ActionRequiredMixin):
    """Loads `self.learner` from the `learner_id` in the URL; a learner the user may not see is
    missing. The role check (`required_action`) comes first, so a URL never says what exists.
    The page names the learner: opening it is logged, with the relationship that allowed it."""

    access_event = "learner.viewed"
    learner: Learner

    def access_subject(self) -> Learner:
        return self.learner

    def access_reason(self) -> str:
        return str(learner_relationship_for(user=self.actor, learner=self.learner) or "")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.learner = learner_get_for(user=request.user, learner_id=kwargs["learner_id"])
        except Learner.DoesNotExist as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        return {**context, "learner": self.learner}


class DisputeMoveMixin:
    """A page that changes a disagreement record. When the record's stage (or the person's part
    in it) does not allow the move now, the page sends the person back to the record's page
    with the reason (`back`). The access-matrix test accepts exactly that redirect: a 302 to a
    page under /disputes/."""

    def back(self, code: Any, url: str):
        messages.error(self.request, error_message(code))  # type: ignore[attr-defined]
        return redirect(url)

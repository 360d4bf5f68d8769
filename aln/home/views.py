from django.views.generic import TemplateView

from aln.common.clock import today
from aln.common.i18n import ORDER_KIND_LABELS, ROLE_LABELS, WORKLIST_LABELS, label
from aln.common.permissions import (
    AccessLoggedMixin,
    ActionRequiredMixin,
    PublicMixin,
    user_roles,
)
from aln.deadlines.selectors.deadlines import (
    DeadlineFilters,
    DeadlineView,
    deadline_counts_for,
    deadline_windows_for,
)
from aln.disputes.selectors.appeals import orders_owned_by
from aln.domain.access import Action, any_role_may
from aln.domain.roles import STAFF_ROLES, Role
from aln.idps.selectors.reviews import review_requests_owned_by
from aln.learners.selectors import learner_count_for, learner_list_for, worklist_counts_for

FAMILY_LIST_LIMIT = 20

# Staff with tasks on learners' records: the data protection officer oversees how records are used
# (the audit trail, retention) and has none.
_TASK_ROLES = STAFF_ROLES - {Role.DATA_PROTECTION_OFFICER}


class HomeView(AccessLoggedMixin, ActionRequiredMixin, TemplateView):
    """What this person works on: their roles, and the learners they are linked to.

    A list page in the access log when it names learners: a family's children, and the review
    requests and Tribunal orders a member of staff owns.
    """

    required_action = Action.HOME_VIEW
    template_name = "home/home.html"
    access_event = "home.viewed"
    access_list = True

    def access_logged(self) -> bool:
        return any_role_may(user_roles(self.actor), Action.LEARNER_VIEW)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.actor
        roles = user_roles(user)
        context["memberships"] = [
            {"role": ROLE_LABELS[m.role_enum], "organisation": m.organisation}
            for m in user.active_memberships
        ]
        context["can_search"] = any_role_may(roles, Action.LEARNER_SEARCH)
        context["can_create"] = any_role_may(roles, Action.LEARNER_CREATE)
        context["can_invite"] = any_role_may(roles, Action.USER_INVITE)
        context["can_list_disputes"] = any_role_may(roles, Action.DISPUTE_LIST)
        context["can_search_audit"] = any_role_may(roles, Action.AUDIT_SEARCH)
        context["can_manage_retention"] = any_role_may(roles, Action.RETENTION_MANAGE)
        if any_role_may(roles, Action.DEADLINE_LIST):
            counts = deadline_counts_for(
                user=user,
                filters=DeadlineFilters(),
                views=(DeadlineView.OVERDUE, DeadlineView.DUE_THIS_WEEK),
                windows=deadline_windows_for(user=user, with_due_soon=False),
            )
            context["deadline_counts"] = {
                "overdue": counts[DeadlineView.OVERDUE],
                "due_this_week": counts[DeadlineView.DUE_THIS_WEEK],
            }
        if roles & _TASK_ROLES:
            # Tasks: open requests for an IDP review this person owns (one query).
            context["review_requests"] = review_requests_owned_by(user=user)
            # Tribunal orders this person makes sure are complied with, overdue first (one query).
            now = today()
            context["tribunal_orders"] = [
                {"order": o, "kind": label(ORDER_KIND_LABELS, o.kind), "overdue": o.comply_by < now}
                for o in orders_owned_by(user=user)
            ]
        if context["can_search"]:
            context["learner_count"] = learner_count_for(user=user)
            context["worklists"] = [
                {"code": worklist.value, "count": count, "label": WORKLIST_LABELS[worklist.value]}
                for worklist, count in worklist_counts_for(user=user)
            ]
        elif not (roles & STAFF_ROLES):
            # Families and advocates: their own learners, listed directly.
            context["family_learners"] = list(learner_list_for(user=user)[:FAMILY_LIST_LIMIT])
        return context


class PrivacyView(PublicMixin, TemplateView):
    """The privacy notice (UK GDPR arts 13 and 14): anyone may read it, signed in or not, so a
    parent can read it before they are given an account."""

    template_name = "home/privacy.html"

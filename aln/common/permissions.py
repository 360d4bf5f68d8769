"""Every view declares what it needs: `required_action`, or `public = True` with a reason.

A test walks the URL resolver and fails for any view that declares neither.
"""

from typing import TYPE_CHECKING, cast

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404

from aln.domain.access import Action, any_role_may

if TYPE_CHECKING:
    from aln.accounts.models import User


def user_roles(user) -> set:
    if not user.is_authenticated:
        return set()
    return {membership.role_enum for membership in user.active_memberships}


class ActionRequiredMixin(LoginRequiredMixin):
    """Signed-in users whose roles include `required_action`; everyone else gets a 404.

    A 404 rather than 403 so that a URL never confirms what exists to someone who may not see it.
    """

    required_action: Action

    @property
    def actor(self) -> "User":
        """The signed-in user (dispatch has already turned everyone else away)."""
        return cast("User", self.request.user)  # type: ignore[attr-defined]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not any_role_may(user_roles(request.user), self.required_action):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PublicMixin:
    """For the few pages anyone may open (sign-in, password reset, language, errors)."""

    public = True

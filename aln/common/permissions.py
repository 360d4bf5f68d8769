"""Every view declares what it needs: `required_action`, or `public = True` with a reason.

A test walks the URL resolver and fails for any view that declares neither.
"""

from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist
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


class RecordMixin(ActionRequiredMixin):
    """Loads the record a page is about into `self.<record_attr>` with `load_record` (a selector
    scoped to the user, which raises DoesNotExist for a record they may not see: the page answers
    404), then runs `check`. The role check comes first, so a URL never says what exists."""

    record_attr: ClassVar[str] = "record"

    def load_record(self, user: Any, kwargs: dict[str, Any]) -> Any:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not any_role_may(user_roles(request.user), self.required_action):
            raise Http404
        try:
            setattr(self, self.record_attr, self.load_record(request.user, kwargs))
        except ObjectDoesNotExist as error:
            raise Http404 from error
        refusal = self.check(request)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)

    def check(self, request):
        """A response that turns the person away before the page runs, or None."""
        return None


class PublicMixin:
    """For the few pages anyone may open (sign-in, password reset, language, errors)."""

    public = True

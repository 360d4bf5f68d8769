"""Every view declares what it needs: `required_action`, or `public = True` with a reason.

A test walks the URL resolver and fails for any view that declares neither.
"""

from http import HTTPStatus
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.template.response import SimpleTemplateResponse

from aln.audit.services import audit_record_view
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


def _local_authority_of(record: Any) -> Any:
    """The LA a record belongs to, read from the row itself (no query), or None."""
    return getattr(record, "local_authority_id", None) or getattr(
        record, "home_local_authority_id", None
    )


def _person_local_authority(user: Any) -> Any:
    """The one LA a person works in or for (their memberships are already loaded), or None."""
    found = set()
    for membership in getattr(user, "active_memberships", ()):
        if membership.local_authority_id:
            found.add(membership.local_authority_id)
        elif membership.setting_id:
            found.add(membership.setting.local_authority_id)
        elif membership.service_id:
            found.add(membership.service.lead_authority_id)
    return found.pop() if len(found) == 1 else None


class AccessLoggedMixin:
    """A page or file that shows a learner's personal data: each GET answered 200 writes ONE
    access event (`access_event`, e.g. `dispute.request_viewed`) with
    `aln.audit.services.audit_record_view`. docs/security.md ("The access log") has the rule.

    The subject is the most specific record shown: the `RecordMixin` record by default, else
    override `access_subject`. A page listing many learners (`access_list = True`) logs one
    event, not one per learner: its subject is the person looking, and its details the values
    of the `access_filters` query parameters (what was searched for). Put the mixin first in the
    bases, so that it sees the page's final answer: a redirect or a 404 logs nothing, and a page
    is logged only once its template has rendered.
    """

    access_event: ClassVar[str]
    access_list: ClassVar[bool] = False
    access_filters: ClassVar[tuple[str, ...]] = ()
    request: Any

    def access_actor(self) -> Any:
        return self.request.user

    def access_subject(self) -> Any:
        if self.access_list:
            return self.access_actor()
        return getattr(self, getattr(self, "record_attr", "record"))

    def access_local_authority_id(self, subject: Any) -> Any:
        """The subject's LA, else the page's record's or learner's, else the person's own."""
        record = getattr(self, getattr(self, "record_attr", "record"), None)
        for source in (subject, record, getattr(self, "learner", None)):
            found = _local_authority_of(source)
            if found:
                return found
        return _person_local_authority(self.access_actor())

    def access_reason(self) -> str:
        """Why the person may see it (the relationship), where the page knows it cheaply."""
        return ""

    def access_logged(self) -> bool:
        """Whether this answer showed anyone's data (a page that shows it only to some people,
        such as the home page, says when)."""
        return True

    def access_details(self) -> dict[str, Any]:
        """What was seen, when the subject alone does not say (a version, a list's filters)."""
        query = self.request.GET
        return {name: query[name][:100] for name in self.access_filters if query.get(name)}

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if (
            request.method == "GET"
            and response.status_code == HTTPStatus.OK
            and self.access_logged()
        ):
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.add_post_render_callback(self._log_access)
            else:
                self._log_access()
        return response

    def _log_access(self, response: Any = None) -> None:
        subject = self.access_subject()
        audit_record_view(
            actor=self.access_actor(),
            event_type=self.access_event,
            subject=subject,
            local_authority_id=self.access_local_authority_id(subject),
            details=self.access_details(),
            reason=self.access_reason(),
        )

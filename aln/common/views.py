import logging

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache

from aln.accounts.services import user_set_language
from aln.common.permissions import ActionRequiredMixin, PublicMixin
from aln.common.sessions import now_seconds, session_record_activity, session_seconds_left
from aln.domain.access import Action

logger = logging.getLogger(__name__)

_LANGUAGE_CODES = {"en": "en-gb", "cy": "cy"}


class LanguageSwitchView(PublicMixin, View):
    """Switch between English and Cymraeg, remembered in a cookie and on the user's profile.

    A plain link (GET) so it works without JavaScript on every page, including sign-in; it changes
    nothing but the display language, so it is safe to follow from anywhere.
    """

    def get(self, request, language):
        code = _LANGUAGE_CODES.get(language)
        if code is None:
            raise Http404
        next_url = request.GET.get("next", "/")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = "/"
        if request.user.is_authenticated:
            user_set_language(actor=request.user, language=code)
        translation.activate(code)
        response = redirect(next_url)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
            httponly=True,
        )
        return response


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def csrf_failure(request, reason=""):
    """`CSRF_FAILURE_VIEW`: the service's own 403 page, in the person's language.

    Django's reason ("CSRF token missing" and the like) goes to the log with the request id, never
    to the page: it means nothing to the person, and tells anyone probing how the check works.
    """
    logger.warning(
        "Form refused by the CSRF check: %s (%s %s, request %s)",
        reason,
        request.method,
        request.path,
        getattr(request, "request_id", ""),
    )
    return render(request, "common/csrf_failure.html", status=403)


@method_decorator(never_cache, name="dispatch")
class SessionKeepAliveView(ActionRequiredMixin, View):
    """The inactivity warning's line to the server (`static/aln/js/timeout-warning.mjs`).

    GET: the seconds the session has left, so that a page asks before it warns (activity in another
    tab counts). It does not count as activity: `IdleTimeoutMiddleware` leaves the time alone for a
    view that `reads_idle_status`. It also gives the page a fresh CSRF token and the user's id, for
    a page whose person was signed out and has signed in again in another tab.
    POST: the person is still here ("Stay signed in", or typing): the time is recorded now (one
    session write; no audit event, as for any page view), answered with 204.
    """

    required_action = Action.ACCOUNT_MANAGE
    reads_idle_status = True

    def get(self, request):
        return JsonResponse(
            {
                "seconds_left": session_seconds_left(request.session, now=now_seconds()),
                "user": str(request.user.pk),
                "csrf_token": get_token(request),
            }
        )

    def post(self, request):
        session_record_activity(request.session, now=now_seconds())
        return HttpResponse(status=204)

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

from aln.common.request_context import current_request_id
from aln.common.sessions import (
    IdleState,
    idle_policy,
    now_seconds,
    session_end_idle,
    session_last_activity,
    session_record_activity,
)


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and the browser's preference."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            language = user.preferred_language
            if language in dict(settings.LANGUAGES):
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class RequestIdMiddleware:
    """Tags each request with an id that audit events record, to trace an action end to end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-Id"] = request.request_id
        return response


class NoStoreForSignedInMiddleware:
    """Pages and files shown to a signed-in person hold children's data: no browser or proxy may
    keep a copy (OWASP ASVS 8.2.1), so the back button after signing out on a shared computer
    shows nothing. Responses that already say how to cache (the calendar feed, downloads) keep
    theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


def idle_sign_out_message(minutes: int) -> str:
    """What the sign-in page says after an idle sign-out (also the page's own banner, base.html)."""
    return ngettext(
        "You were signed out because you had not used the service for %(minutes)s minute.",
        "You were signed out because you had not used the service for %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


class IdleTimeoutMiddleware:
    """Signs a person out after `SESSION_IDLE_TIMEOUT` seconds without a request (ADR 0016).

    For a signed-in person, the time of their last request is kept in the session, written at most
    once per `IdlePolicy.precision` (a minute) so that browsing costs no database write per page.
    When the gap is longer than the timeout, the session ends with an audit event, and the sign-in
    page says why (messages framework, as "sign out everywhere" does); a public page (sign-in,
    privacy notice, language switch) goes on to answer the now signed-out visitor.

    The inactivity warning's status question (a GET of `common:session-keep-alive`, whose view sets
    `reads_idle_status`) may end an idle session but does not count as activity, or asking would
    keep the session alive for ever. It runs in `process_view` to know the view; a URL that
    resolves to nothing (a 404 page) neither counts nor ends a session. Place it after the
    authentication and message middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        idle_policy()  # a bad setting stops the service at boot, not at someone's first request

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        policy = idle_policy()
        now = now_seconds()
        last = session_last_activity(request.session)
        view_class = getattr(view_func, "view_class", None)
        if last is not None and policy.is_idle(last=last, now=now):
            session_end_idle(actor=user, last_activity=last)
            logout(request)
            messages.info(request, idle_sign_out_message(policy.timeout_minutes))
            if getattr(view_class, "public", False):
                return None
            return redirect_to_login(request.get_full_path())
        status_only = request.method in ("GET", "HEAD") and getattr(
            view_class, "reads_idle_status", False
        )
        if last is None or (not status_only and policy.needs_recording(last=last, now=now)):
            session_record_activity(request.session, now=now)
            last = now
        request.idle_timeout = IdleState(
            policy=policy, seconds_left=policy.seconds_left(last=last, now=now)
        )
        return None

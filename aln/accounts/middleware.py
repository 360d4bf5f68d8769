"""Two-step sign-in: a signed-in person who still owes a code (or must set up their app) may
reach only the pages that let them do that, sign out, or read the privacy notice (ADR 0015)."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from aln.accounts.two_step import session_gate
from aln.common.views import permission_denied
from aln.domain.accounts import TwoStepGate

# Pages an unverified person may open: the two that finish signing in, signing out, the language
# links, the privacy notice and the session keep-alive (the timeout warning on those pages).
ALLOWED_URL_NAMES = frozenset(
    {
        "accounts:two-step-code",
        "accounts:two-step-set-up",
        "accounts:sign-out",
        "common:language-switch",
        "common:session-keep-alive",
        "home:privacy",
    }
)
ALLOWED_PATH_PREFIXES = ("/session/",)


def _allowed(request: HttpRequest) -> bool:
    path = request.path_info
    if path.startswith((settings.STATIC_URL, *ALLOWED_PATH_PREFIXES)):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in ALLOWED_URL_NAMES


class TwoStepMiddleware:
    """Sends a signed-in but unverified person to enter their code or set up two-step sign-in,
    keeping where they were going in `next`. Anything but a GET is refused (403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            gate = session_gate(request)
            if gate is not TwoStepGate.OPEN and not _allowed(request):
                return self._stop(request, gate)
        return self.get_response(request)

    @staticmethod
    def _stop(request: HttpRequest, gate: TwoStepGate) -> HttpResponse:
        if request.method not in {"GET", "HEAD"}:
            return permission_denied(request)
        name = "accounts:two-step-code" if gate is TwoStepGate.CODE else "accounts:two-step-set-up"
        target = reverse(name)
        wanted = request.get_full_path()
        if wanted != reverse("home:home"):
            target += "?" + urlencode({"next": wanted})
        return redirect(target)

"""Where a signed-in session stands on two-step sign-in (ADR 0015).

The gate is worked out once, when the person signs in, and kept in their session (server-side),
so the middleware that enforces it costs no query on each request. It is OPEN when nothing more
is needed, CODE until they give a code from their app or a recovery code, SET_UP until a person
whose role requires two-step sign-in has set it up.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.util import random_hex

from aln.accounts.selectors import two_step_gate_for
from aln.domain.accounts import TwoStepGate

SESSION_GATE = "aln_two_step_gate"
SESSION_NEW_KEY = "aln_two_step_new_key"  # the key being set up, until the person confirms it
SESSION_NEW_CODES = "aln_two_step_new_codes"  # recovery codes to show once


def session_gate(request: HttpRequest) -> TwoStepGate:
    """The gate for this session; worked out now for a session that has none (signed in before
    two-step sign-in was deployed)."""
    value = request.session.get(SESSION_GATE)
    if value is None:
        user: Any = request.user
        verified = bool(getattr(user, "is_verified", lambda: False)())
        gate = two_step_gate_for(user=user, verified=verified)
        request.session[SESSION_GATE] = gate.value
        return gate
    return TwoStepGate(value)


def open_gate(request: HttpRequest) -> None:
    """The person has given their code (or just set up their app): a new session id, and in."""
    request.session.cycle_key()
    request.session[SESSION_GATE] = TwoStepGate.OPEN.value


def new_key(request: HttpRequest) -> str:
    """The secret for the app being set up: one per session until it is confirmed, so reloading
    the page shows the same key."""
    key = request.session.get(SESSION_NEW_KEY)
    if not key:
        key = random_hex(20)
        request.session[SESSION_NEW_KEY] = key
    return key


def safe_next(request: HttpRequest, default: str = "") -> str:
    """`next` from the form or query string, if it is a path on this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default or reverse("home:home")


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Work out the gate when someone signs in (Django's `user_logged_in` hook).

    Receives Django's own signal, as django-otp does: this keeps session state only, never
    writes a record or an audit event (the sign-in view's service does that).
    """
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_GATE] = two_step_gate_for(user=user).value

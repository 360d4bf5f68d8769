"""The inactivity timeout on the Django side (ADR 0016): the time of a signed-in person's last
request, kept in their session, and the audit event when they are signed out for inactivity.

The arithmetic (when a session is idle, when the time needs writing) is `aln.domain.idle_timeout`;
`IdleTimeoutMiddleware` applies it to each request, and `static/aln/js/timeout-warning.mjs` warns
the person first.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from aln.audit.services import audit_record
from aln.domain.idle_timeout import IdlePolicy

# Whole seconds since the epoch (JSON-safe, as the session serialiser needs).
LAST_ACTIVITY_KEY = "aln_last_activity"


def idle_policy() -> IdlePolicy:
    """The policy from the settings (`SESSION_IDLE_TIMEOUT`, `SESSION_IDLE_WARNING`, in seconds)."""
    return IdlePolicy(timeout=settings.SESSION_IDLE_TIMEOUT, warning=settings.SESSION_IDLE_WARNING)


def now_seconds() -> int:
    return int(timezone.now().timestamp())


def session_last_activity(session: Any) -> int | None:
    """The recorded time of the last request, or None if the session has none yet."""
    value = session.get(LAST_ACTIVITY_KEY)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def session_record_activity(session: Any, *, now: int) -> None:
    """Write the activity time. The session is saved (one write) at the end of the request."""
    session[LAST_ACTIVITY_KEY] = now


def on_user_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Start the inactivity clock at sign-in (Django's `user_logged_in` hook, `CommonConfig`).

    Signing in saves the session anyway, so the first page after it needs no write of its own.
    """
    session = getattr(request, "session", None)
    if session is not None:
        session_record_activity(session, now=now_seconds())


def session_seconds_left(session: Any, *, now: int) -> int:
    """Seconds before the session ends for inactivity (the whole timeout if none is recorded)."""
    policy = idle_policy()
    last = session_last_activity(session)
    return policy.timeout if last is None else policy.seconds_left(last=last, now=now)


def session_end_idle(*, actor: Any, last_activity: int) -> None:
    """Record that `actor` is signed out because they had not used the service for the timeout.

    The caller ends the session (`django.contrib.auth.logout`), as the sign-out-everywhere view
    does. Audit event: `account.signed_out_idle`, with the time of their last recorded request.
    """
    last = datetime.datetime.fromtimestamp(last_activity, tz=datetime.UTC)
    with transaction.atomic():
        audit_record(
            actor=actor,
            event_type="account.signed_out_idle",
            subject=actor,
            changes={"last_activity": [last.isoformat(), None]},
        )


@dataclass(frozen=True, slots=True)
class IdleState:
    """What base.html needs for the warning: set on the request for a signed-in person."""

    policy: IdlePolicy
    seconds_left: int

    @property
    def timeout(self) -> int:
        return self.policy.timeout

    @property
    def warning(self) -> int:
        return self.policy.warning

    @property
    def timeout_minutes(self) -> int:
        return self.policy.timeout_minutes

    @property
    def warning_minutes(self) -> int:
        return self.policy.warning_minutes

    @property
    def countdown_minutes(self) -> list[int]:
        """Each whole number of minutes the warning's countdown can say, from the first down."""
        return list(range(self.policy.warning_minutes, 0, -1))

    @property
    def activity_every(self) -> int:
        """Seconds between two "still here" messages from a page the person is working in."""
        return max(1, self.policy.precision)

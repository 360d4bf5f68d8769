"""Reads for a person's private calendar feed of deadlines."""

import hashlib
from typing import Any

from django.db.models import QuerySet

from aln.cases.selectors import case_visible_queryset
from aln.deadlines.models import CalendarFeedToken, Deadline
from aln.domain.deadlines import DeadlineState

# token_urlsafe(32) is 43 characters; anything much longer is not one of ours.
_MAX_TOKEN_LENGTH = 100


def feed_token_hash(raw: str) -> str:
    """What is stored for a feed address's secret (the secret itself never is)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def feed_token_get(*, raw: str) -> CalendarFeedToken | None:
    """The live token behind a feed address (with its user), or None.

    None when the address is unknown, revoked, or its person's account is switched off.
    """
    if not raw or len(raw) > _MAX_TOKEN_LENGTH:
        return None
    return (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=feed_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def feed_user_for_token(*, raw: str) -> Any:
    """The person whose feed this address is, or None (see `feed_token_get`)."""
    token = feed_token_get(raw=raw)
    return token.user if token is not None else None


def feed_token_active_for(*, user: Any) -> CalendarFeedToken | None:
    """The person's current feed token, if they have one."""
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_deadlines_for(*, user: Any) -> QuerySet[Deadline]:
    """The open deadlines the person owns that have a due date, on cases they may still see."""
    return (
        Deadline.objects.filter(
            owner=user,
            state=DeadlineState.OPEN.value,
            due_on__isnull=False,
            case__in=case_visible_queryset(user=user),
        )
        .select_related("case")
        .order_by("due_on", "id")
    )

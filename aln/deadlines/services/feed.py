"""A person's private calendar address: create it (shown once), revoke it, note its use.

Only a SHA-256 hash of the secret is stored, so a copy of the database does not give anyone the
addresses. A person has at most one live address: creating one revokes the last.
"""

import datetime
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from aln.audit.services import audit_record
from aln.deadlines.models import CalendarFeedToken
from aln.deadlines.selectors.feed import feed_token_hash

# How often "last used" is written: calendar apps poll often, an hour is detail enough.
LAST_USED_PRECISION = datetime.timedelta(hours=1)


def _revoke_live(actor: Any, reason: str) -> int:
    now = timezone.now()
    live = list(
        CalendarFeedToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True)
    )
    for token in live:
        token.revoked_at, token.updated_by = now, actor
        token.save(update_fields=["revoked_at", "updated_by", "updated_at"])
        audit_record(actor=actor, event_type="calendar_feed.revoked", subject=token, reason=reason)
    return len(live)


@transaction.atomic
def feed_token_create(*, actor: Any) -> str:
    """Give the person a new feed address; returns its secret, which is not kept anywhere.

    Audit events: `calendar_feed.revoked` for the address it replaces (reason "replaced"), then
    `calendar_feed.created`.
    """
    _revoke_live(actor, reason="replaced")
    raw = secrets.token_urlsafe(32)
    token = CalendarFeedToken.objects.create(
        user=actor, token_hash=feed_token_hash(raw), created_by=actor, updated_by=actor
    )
    audit_record(actor=actor, event_type="calendar_feed.created", subject=token)
    return raw


@transaction.atomic
def feed_token_revoke(*, actor: Any) -> int:
    """Turn off the person's feed address; returns how many were live (0 or 1).

    Audit event: `calendar_feed.revoked` for each address turned off.
    """
    return _revoke_live(actor, reason="revoked by its owner")


def feed_token_mark_used(*, token: CalendarFeedToken) -> None:
    """Record that a calendar app fetched the feed, at most once an hour (no audit event)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    CalendarFeedToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now

"""Which audit events are the access log: the one rule, used wherever the two are told apart.

An access event records that someone saw or took a copy of a learner's data (a page, a file, an
export); it changes nothing. Its code's last word says so: `learner.viewed`,
`idp.preview_viewed`, `notice.downloaded`, `learner.subject_access_exported`. Every other event
records a change. Histories shown to users (a case's history) leave access events out; the
audit search shows both.
"""

import operator
from functools import reduce

from django.db.models import Q

ACCESS_WORDS = ("viewed", "downloaded", "exported")


def is_access_event(event_type: str) -> bool:
    """Whether the last word of the code (after the last dot or underscore) is an access word.

    `idp.reviewed` is a change: its last word is `reviewed`, not `viewed`.
    """
    action = event_type.rsplit(".", 1)[-1]
    return action.rsplit("_", 1)[-1] in ACCESS_WORDS


def access_events_q(prefix: str = "") -> Q:
    """The same rule as a query filter on `event_type` (`prefix` for a related event)."""
    return reduce(
        operator.or_,
        (
            Q(**{f"{prefix}event_type__endswith": f"{separator}{word}"})
            for word in ACCESS_WORDS
            for separator in (".", "_")
        ),
    )

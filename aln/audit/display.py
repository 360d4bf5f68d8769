"""An audit event in words: the same for the search page, the event page and the CSV download.

Codes the labels do not know (an event type added later, a role removed) show as the code, so
nothing in the log is ever hidden by a missing label.
"""

import json
from dataclasses import dataclass
from typing import Any

from aln.audit.models import AuditEvent
from aln.common.i18n import AUDIT_EVENT_LABELS, AUDIT_SUBJECT_LABELS, ROLE_LABELS, label


def event_label(code: str) -> str:
    return label(AUDIT_EVENT_LABELS, code)


def subject_label(code: str) -> str:
    return label(AUDIT_SUBJECT_LABELS, code)


def role_labels(actor_roles: str) -> list[str]:
    """`AuditEvent.actor_roles` ("alnco,teacher") as the roles' names."""
    return [label(ROLE_LABELS, code) for code in actor_roles.split(",") if code]


def value_text(value: Any) -> str:
    """One recorded value as text: strings as they are, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ChangeRow:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ValueRow:
    field: str
    value: str


def change_rows(changes: Any) -> tuple[list[ChangeRow], list[ValueRow]]:
    """`AuditEvent.changes` split into "before → after" pairs and values that were set.

    Services record a changed field as `{"field": [before, after]}`; anything else (a value set,
    the filters of a download) is shown as recorded. A `changes` that is not an object at all
    (never written by this version) is shown whole.
    """
    if not isinstance(changes, dict):
        return [], ([ValueRow("", value_text(changes))] if changes not in (None, "") else [])
    pairs, values = [], []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            before, after = value
            pairs.append(ChangeRow(str(field), _shown(before), _shown(after)))
        else:
            values.append(ValueRow(str(field), _shown(value)))
    return pairs, values


def _shown(value: Any) -> str:
    return "\N{EN DASH}" if value is None or value == "" else value_text(value)


def who(event: AuditEvent) -> tuple[str, str]:
    """The actor's name and email address ("" for the system: a job, a command)."""
    if event.actor is None:
        return "", ""
    return event.actor.full_name, event.actor.email

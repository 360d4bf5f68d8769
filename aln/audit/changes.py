"""Before and after, for the `changes` of an audit event about an update.

A service that changes a record reads the values before it writes, then asks `field_changes` for
`{"field": [before, after]}` holding exactly the fields whose value changed. Values are stored
as JSON: dates and times in ISO format, enums as their values, related records (and UUIDs) as
ids, decimals as text, sets as sorted lists.
"""

import datetime
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models


def audit_value(value: Any) -> Any:  # noqa: PLR0911 (one return per kind of value)
    """`value` as JSON can hold it, the same way every time (so equal values compare equal)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, Enum) else value  # a StrEnum is a str
    if isinstance(value, Enum):
        return audit_value(value.value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return audit_value(value.pk)  # the same as the id the row's foreign key holds
    if isinstance(value, Mapping):
        return {str(key): audit_value(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((audit_value(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [audit_value(item) for item in value]
    return str(value)


def _read(source: Any, name: str) -> Any:
    """A field's value from a mapping or an object; a model's relation is read as its id (no
    query)."""
    if isinstance(source, Mapping):
        return source.get(name)
    if isinstance(source, models.Model):
        try:
            field = source._meta.get_field(name)
        except FieldDoesNotExist:
            return getattr(source, name, None)
        if getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False):
            return getattr(source, getattr(field, "attname", name), None)
    return getattr(source, name, None)


def snapshot(source: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The JSON-safe values of `fields` now: take it before changing a record in place."""
    return {name: audit_value(_read(source, name)) for name in fields}


def field_changes(before: Any, after: Any, fields: Iterable[str]) -> dict[str, list[Any]]:
    """`{"field": [before, after]}` for each of `fields` whose value differs.

    `before` and `after` are each a model instance, any object with the fields as attributes, or
    a mapping (a missing key reads as None). A model's foreign key is compared by id, so a
    record before and its id after are the same value.
    """
    changes: dict[str, list[Any]] = {}
    for name in fields:
        old, new = audit_value(_read(before, name)), audit_value(_read(after, name))
        if old != new:
            changes[name] = [old, new]
    return changes

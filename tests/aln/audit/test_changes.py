"""`field_changes`: before and after of exactly the fields that changed, as JSON."""

import datetime
import json
import uuid
from decimal import Decimal
from enum import Enum, StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.audit.changes import audit_value, field_changes, snapshot
from aln.deadlines.models import Deadline
from tests.factories import CaseFactory, DeadlineFactory, UserFactory


class Colour(StrEnum):
    RED = "red"


class Size(Enum):
    BIG = 3


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (None, None),
        (True, True),
        (3, 3),
        ("text", "text"),
        (Colour.RED, "red"),
        (Size.BIG, 3),
        (datetime.date(2027, 2, 28), "2027-02-28"),
        (
            datetime.datetime(2027, 2, 28, 9, 30, tzinfo=datetime.UTC),
            "2027-02-28T09:30:00+00:00",
        ),
        (uuid.UUID("12345678-1234-5678-1234-567812345678"), "12345678-1234-5678-1234-567812345678"),
        (Decimal("1.50"), "1.50"),
        ({"b", "a"}, ["a", "b"]),
        ((1, datetime.date(2027, 1, 1)), [1, "2027-01-01"]),
        ({"on": datetime.date(2027, 1, 1)}, {"on": "2027-01-01"}),
    ],
)
def test_values_are_stored_as_json(value, stored):
    assert audit_value(value) == stored
    assert json.loads(json.dumps(audit_value(value))) == stored


def test_only_the_fields_that_changed_are_kept():
    before = {"starts_on": datetime.date(2026, 11, 2), "ends_on": datetime.date(2026, 12, 18)}
    after = {"starts_on": datetime.date(2026, 11, 9), "ends_on": datetime.date(2026, 12, 18)}
    assert field_changes(before, after, ["starts_on", "ends_on"]) == {
        "starts_on": ["2026-11-02", "2026-11-09"]
    }
    assert field_changes(before, before, ["starts_on", "ends_on"]) == {}


def test_fields_not_asked_about_are_left_out_and_missing_ones_read_as_none():
    assert field_changes({"a": 1, "b": 1}, {"a": 2, "b": 2}, ["a"]) == {"a": [1, 2]}
    assert field_changes({}, {"c": "new"}, ["c"]) == {"c": [None, "new"]}


@pytest.mark.django_db
def test_a_foreign_key_is_compared_by_id_without_a_query(django_assert_num_queries):
    first, second = UserFactory(), UserFactory()
    deadline = Deadline.objects.get(pk=DeadlineFactory(case=CaseFactory(), owner=first).pk)
    with django_assert_num_queries(0):
        assert field_changes(deadline, {"owner": first}, ["owner"]) == {}
        assert field_changes(deadline, {"owner": second}, ["owner"]) == {
            "owner": [first.pk, second.pk]
        }
        assert field_changes(deadline, {"owner": None}, ["owner"]) == {"owner": [first.pk, None]}
        assert snapshot(deadline, ["owner", "rule_id"]) == {
            "owner": first.pk,
            "rule_id": deadline.rule_id,
        }


@pytest.mark.django_db
def test_a_model_before_and_a_mapping_after():
    deadline = DeadlineFactory(case=CaseFactory(), missed_circumstance="Flood")
    changes = field_changes(
        deadline,
        {"missed_circumstance": "Fire", "due_on": deadline.due_on},
        ["missed_circumstance", "due_on"],
    )
    assert changes == {"missed_circumstance": ["Flood", "Fire"]}


_json = st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.dates()


@given(
    st.dictionaries(st.sampled_from("abcdef"), _json),
    st.dictionaries(st.sampled_from("abcdef"), _json),
)
def test_changes_hold_exactly_the_fields_whose_stored_value_differs(before, after):
    changes = field_changes(before, after, "abcdef")
    for name in "abcdef":
        old, new = audit_value(before.get(name)), audit_value(after.get(name))
        if old == new:
            assert name not in changes
        else:
            assert changes[name] == [old, new]
    assert json.loads(json.dumps(changes)) == changes
    assert field_changes(after, after, "abcdef") == {}

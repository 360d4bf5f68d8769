"""Who must use two-step sign-in, and what stands between a password and the service."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.accounts import (
    TwoStepGate,
    TwoStepRule,
    may_turn_off_two_step,
    two_step_gate,
    two_step_rule,
)
from aln.domain.roles import Role

FAMILY_ROLES = {Role.PARENT, Role.YOUNG_PERSON, Role.ADVOCATE}
STAFF = sorted(set(Role) - FAMILY_ROLES)


@pytest.mark.parametrize("role", STAFF, ids=[r.value for r in STAFF])
def test_every_staff_role_must_use_two_step_sign_in_when_the_service_requires_it(role):
    assert two_step_rule([role], required_for_staff=True) is TwoStepRule.REQUIRED
    assert not may_turn_off_two_step(TwoStepRule.REQUIRED)


def test_the_data_protection_officer_and_the_administrator_are_staff():
    for role in (Role.DATA_PROTECTION_OFFICER, Role.SYSTEM_ADMIN):
        assert two_step_rule([role], required_for_staff=True) is TwoStepRule.REQUIRED


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES), ids=lambda r: r.value)
def test_families_and_advocates_may_choose(role):
    assert two_step_rule([role], required_for_staff=True) is TwoStepRule.OPTIONAL
    assert may_turn_off_two_step(TwoStepRule.OPTIONAL)


def test_a_parent_who_is_also_a_teacher_must_use_it():
    assert (
        two_step_rule([Role.PARENT, Role.TEACHER], required_for_staff=True) is TwoStepRule.REQUIRED
    )


def test_nobody_must_when_the_service_does_not_require_it():
    assert two_step_rule(list(Role), required_for_staff=False) is TwoStepRule.OPTIONAL


def test_someone_with_no_role_yet_need_not():
    assert two_step_rule([], required_for_staff=True) is TwoStepRule.OPTIONAL


@pytest.mark.parametrize(
    ("rule", "has_device", "verified", "gate"),
    [
        (TwoStepRule.REQUIRED, False, False, TwoStepGate.SET_UP),
        (TwoStepRule.REQUIRED, True, False, TwoStepGate.CODE),
        (TwoStepRule.REQUIRED, True, True, TwoStepGate.OPEN),
        (TwoStepRule.OPTIONAL, False, False, TwoStepGate.OPEN),
        # Someone who chose two-step sign-in is asked for a code whatever the setting.
        (TwoStepRule.OPTIONAL, True, False, TwoStepGate.CODE),
        (TwoStepRule.OPTIONAL, True, True, TwoStepGate.OPEN),
    ],
)
def test_the_gate(rule, has_device, verified, gate):
    assert two_step_gate(rule=rule, has_device=has_device, verified=verified) is gate


@given(
    roles=st.sets(st.sampled_from(list(Role))),
    required=st.booleans(),
    has_device=st.booleans(),
    verified=st.booleans(),
)
def test_a_staff_member_never_passes_on_a_password_alone_when_it_is_required(
    roles, required, has_device, verified
):
    rule = two_step_rule(roles, required_for_staff=required)
    gate = two_step_gate(rule=rule, has_device=has_device, verified=verified)
    if gate is TwoStepGate.OPEN and not verified:
        # Open without a code: only someone with no app, whose roles do not require one.
        assert not has_device
        assert not (required and roles - FAMILY_ROLES)
    if has_device and not verified:
        assert gate is TwoStepGate.CODE

"""Rules for giving people roles, as error codes the interface layer translates."""

from collections.abc import Iterable
from enum import StrEnum

from aln.domain.roles import STAFF_ROLES, OrganisationKind, Role, organisation_kind_for


class AccountError(StrEnum):
    EMAIL_IN_USE = "account.email_in_use"
    ORGANISATION_REQUIRED = "account.organisation_required"
    ORGANISATION_NOT_ALLOWED = "account.organisation_not_allowed"
    OUTSIDE_YOUR_AUTHORITY = "account.outside_your_authority"
    ROLE_NOT_ALLOWED = "account.role_not_allowed"


# Only administrators may make administrators: the role manages every account in the service.
ADMIN_ONLY_ROLES = frozenset({Role.SYSTEM_ADMIN})


def check_role_grantable(role: Role, *, actor_is_admin: bool) -> AccountError | None:
    """Whether someone may give this role (LA managers may not create administrators)."""
    if role in ADMIN_ONLY_ROLES and not actor_is_admin:
        return AccountError.ROLE_NOT_ALLOWED
    return None


def check_membership_organisation(
    role: Role, organisation_kind: OrganisationKind
) -> AccountError | None:
    """A membership names the one kind of organisation its role belongs to (or none)."""
    expected = organisation_kind_for(role)
    if expected is organisation_kind:
        return None
    if expected is OrganisationKind.NONE:
        return AccountError.ORGANISATION_NOT_ALLOWED
    return AccountError.ORGANISATION_REQUIRED


# Two-step sign-in (ADR 0015). Staff see many children's records, so when the service requires it
# (the MFA_REQUIRED setting) every staff role must use a code from an authenticator app as well as
# a password. Families and advocates may choose to. Anyone who has set it up is asked for a code.


class TwoStepError(StrEnum):
    WRONG_CODE = "two_step.wrong_code"
    TOO_MANY_TRIES = "two_step.too_many_tries"
    ALREADY_SET_UP = "two_step.already_set_up"
    NOT_SET_UP = "two_step.not_set_up"
    REQUIRED = "two_step.required"


class TwoStepRule(StrEnum):
    REQUIRED = "required"  # must set it up, and may not turn it off
    OPTIONAL = "optional"  # may set it up, and turn it off again


class TwoStepGate(StrEnum):
    """What a signed-in person must do before they may use the service."""

    OPEN = "open"  # nothing more: use the service
    CODE = "code"  # enter a code from their app (or a recovery code)
    SET_UP = "set_up"  # set up two-step sign-in first


def two_step_rule(roles: Iterable[Role], *, required_for_staff: bool) -> TwoStepRule:
    """Whether a person with these (active) roles must use two-step sign-in."""
    if required_for_staff and any(role in STAFF_ROLES for role in roles):
        return TwoStepRule.REQUIRED
    return TwoStepRule.OPTIONAL


def two_step_gate(*, rule: TwoStepRule, has_device: bool, verified: bool) -> TwoStepGate:
    """What stands between a person who gave the right password and the service.

    A code is asked for whenever the person has an authenticator app set up, whatever the rule:
    someone who chose two-step sign-in keeps it when the setting is off.
    """
    if verified:
        return TwoStepGate.OPEN
    if has_device:
        return TwoStepGate.CODE
    if rule is TwoStepRule.REQUIRED:
        return TwoStepGate.SET_UP
    return TwoStepGate.OPEN


def may_turn_off_two_step(rule: TwoStepRule) -> bool:
    """Only someone whose roles do not require two-step sign-in may turn it off."""
    return rule is TwoStepRule.OPTIONAL

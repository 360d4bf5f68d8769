"""Rules for giving people roles, as error codes the interface layer translates."""

from enum import StrEnum

from aln.domain.roles import OrganisationKind, Role, organisation_kind_for


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

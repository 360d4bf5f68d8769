"""Who people are in the ALN system, and which kind of organisation each role belongs to.

Roles come from the duties in the ALNET Act 2018: the ALNCo (s.60), the Early Years ALN Lead
Officer (s.62), the Designated Education Clinical Lead Officer of a health board (s.61), LA
officers acting for the authority (ss.13-14), governing-body staff of schools and FEIs (ss.11-12),
and children, parents, young people and their advocates (ss.6-9, 68-69).
"""

from enum import StrEnum


class OrganisationKind(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    SETTING = "setting"
    LA_SERVICE = "la_service"
    HEALTH_BOARD = "health_board"
    NONE = "none"


class Role(StrEnum):
    LA_ALN_OFFICER = "la_aln_officer"
    LA_ALN_MANAGER = "la_aln_manager"
    EARLY_YEARS_LEAD = "early_years_lead"
    LA_SERVICE_PRACTITIONER = "la_service_practitioner"
    ALNCO = "alnco"
    HEADTEACHER = "headteacher"
    TEACHER = "teacher"
    FEI_ALN_LEAD = "fei_aln_lead"
    HEALTH_PROFESSIONAL = "health_professional"
    DECLO = "declo"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    ADVOCATE = "advocate"
    SYSTEM_ADMIN = "system_admin"
    DATA_PROTECTION_OFFICER = "data_protection_officer"


ROLE_ORGANISATION: dict[Role, OrganisationKind] = {
    Role.LA_ALN_OFFICER: OrganisationKind.LOCAL_AUTHORITY,
    Role.LA_ALN_MANAGER: OrganisationKind.LOCAL_AUTHORITY,
    Role.EARLY_YEARS_LEAD: OrganisationKind.LOCAL_AUTHORITY,
    Role.LA_SERVICE_PRACTITIONER: OrganisationKind.LA_SERVICE,
    Role.ALNCO: OrganisationKind.SETTING,
    Role.HEADTEACHER: OrganisationKind.SETTING,
    Role.TEACHER: OrganisationKind.SETTING,
    Role.FEI_ALN_LEAD: OrganisationKind.SETTING,
    Role.HEALTH_PROFESSIONAL: OrganisationKind.HEALTH_BOARD,
    Role.DECLO: OrganisationKind.HEALTH_BOARD,
    Role.PARENT: OrganisationKind.NONE,
    Role.YOUNG_PERSON: OrganisationKind.NONE,
    Role.ADVOCATE: OrganisationKind.NONE,
    Role.SYSTEM_ADMIN: OrganisationKind.NONE,
    Role.DATA_PROTECTION_OFFICER: OrganisationKind.LOCAL_AUTHORITY,
}

# The LA's data protection officer (UK GDPR art. 37) holds an LA membership but has no ALN duties:
# they search the LA's audit trail and decide on erasure, and see no learner's records.
LA_ROLES = frozenset(
    r
    for r, k in ROLE_ORGANISATION.items()
    if k is OrganisationKind.LOCAL_AUTHORITY and r is not Role.DATA_PROTECTION_OFFICER
)
SETTING_ROLES = frozenset(r for r, k in ROLE_ORGANISATION.items() if k is OrganisationKind.SETTING)
HEALTH_ROLES = frozenset({Role.HEALTH_PROFESSIONAL, Role.DECLO})
# Staff who work with many learners; families see only their own.
STAFF_ROLES = frozenset(Role) - {Role.PARENT, Role.YOUNG_PERSON, Role.ADVOCATE}


def organisation_kind_for(role: Role) -> OrganisationKind:
    """The kind of organisation a membership in this role must name (or NONE)."""
    return ROLE_ORGANISATION[role]

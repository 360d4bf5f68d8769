"""Who may do what, and whose records they may see.

Two questions, both pure:

1. `role_may(role, action)`: is this action part of the role at all?
2. `may_see_learner(actor, learner)`: does the actor have a relationship with this learner that
   justifies access? Children's ALN records are special-category data (UK GDPR art. 9), so access
   is by relationship only, never by role alone. Selectors apply the same rule as a query filter;
   a parity test proves the two agree.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from aln.domain.process import Party
from aln.domain.roles import HEALTH_ROLES, LA_ROLES, SETTING_ROLES, STAFF_ROLES, Role


class Action(StrEnum):
    HOME_VIEW = "home.view"
    ACCOUNT_MANAGE = "account.manage"
    LEARNER_SEARCH = "learner.search"
    LEARNER_VIEW = "learner.view"
    LEARNER_CREATE = "learner.create"
    USER_INVITE = "user.invite"
    CASE_VIEW = "case.view"
    CASE_OPEN = "case.open"
    CASE_ACT = "case.act"
    CONCERN_RAISE = "case.concern.raise"
    DEADLINE_LIST = "deadline.list"
    DEADLINE_ACT = "deadline.act"
    DEADLINE_FEED = "deadline.feed"
    CALENDAR_VIEW = "calendar.view"
    CALENDAR_MANAGE = "calendar.manage"
    SETTING_CLOSURE_MANAGE = "calendar.setting_closure.manage"
    CLOSURE_MANAGE = "calendar.closure.manage"
    CLOCK_SETTINGS_MANAGE = "clock.settings.manage"
    NOTICE_DOWNLOAD = "notice.download"
    PROVIDER_MANAGE = "notice.provider.manage"
    IDP_VIEW = "idp.view"
    IDP_WRITE = "idp.write"
    IDP_REVIEW_REQUEST = "idp.review.request"
    DISPUTE_VIEW = "dispute.view"
    DISPUTE_REQUEST = "dispute.request"
    DISPUTE_DECIDE = "dispute.decide"
    DISPUTE_LIST = "dispute.list"
    AUDIT_SEARCH = "audit.search"
    SUBJECT_ACCESS_EXPORT = "data_protection.subject_access"
    RETENTION_MANAGE = "data_protection.retention"


# Roles that add learners: the bodies that must decide ALN (Act ss.11, 13) record the learner.
_LEARNER_CREATORS = LA_ROLES | {Role.ALNCO, Role.HEADTEACHER, Role.FEI_ALN_LEAD}

# Roles that own statutory duties with time limits: the LA (Act ss.13-14, 26-28), the school or
# FEI that decides (s.11) and the health board's DECLO for NHS responses (ss.20-21, 61).
_DEADLINE_OWNERS = _LEARNER_CREATORS | {Role.DECLO}

# Roles that never read children's records: the administrator runs the service, and the LA's data
# protection officer oversees how records are used (the audit trail, retention), not the records.
_NO_RECORDS = frozenset({Role.SYSTEM_ADMIN, Role.DATA_PROTECTION_OFFICER})
_RECORD_READERS = frozenset(Role) - _NO_RECORDS

# Staff who work on cases: every staff role but those two.
_CASE_WORKERS = STAFF_ROLES - _NO_RECORDS

# Who acts for the body that must decide (Act ss.11, 13): a school or FEI decides through its
# ALNCo, head or ALN lead; the LA through its ALN officers and Early Years ALN Lead (s.62).
_SETTING_DECIDERS = frozenset({Role.ALNCO, Role.HEADTEACHER, Role.FEI_ALN_LEAD})
_LA_DECIDERS = frozenset({Role.LA_ALN_OFFICER, Role.LA_ALN_MANAGER, Role.EARLY_YEARS_LEAD})

_ALLOWED: dict[Action, frozenset[Role]] = {
    Action.HOME_VIEW: frozenset(Role),
    # Everyone sees their own account and may sign out everywhere.
    Action.ACCOUNT_MANAGE: frozenset(Role),
    Action.LEARNER_SEARCH: frozenset(_CASE_WORKERS),
    Action.LEARNER_VIEW: _RECORD_READERS,
    Action.LEARNER_CREATE: frozenset(_LEARNER_CREATORS),
    Action.USER_INVITE: frozenset({Role.SYSTEM_ADMIN, Role.LA_ALN_MANAGER}),
    Action.CASE_VIEW: _RECORD_READERS,
    # Staff record a concern and work on cases; which moves they may make depends on whether
    # they act for the body deciding (`case_parties`).
    Action.CASE_OPEN: frozenset(_CASE_WORKERS),
    Action.CASE_ACT: frozenset(_CASE_WORKERS),
    # A parent, or a young person, tells the school or the LA they think there may be ALN.
    Action.CONCERN_RAISE: frozenset({Role.PARENT, Role.YOUNG_PERSON}),
    Action.DEADLINE_LIST: _RECORD_READERS,
    Action.DEADLINE_ACT: frozenset(_DEADLINE_OWNERS),
    Action.DEADLINE_FEED: frozenset(_DEADLINE_OWNERS),
    Action.CALENDAR_VIEW: frozenset(LA_ROLES | SETTING_ROLES),
    Action.CALENDAR_MANAGE: frozenset({Role.LA_ALN_MANAGER}),
    Action.SETTING_CLOSURE_MANAGE: frozenset({Role.ALNCO, Role.HEADTEACHER, Role.FEI_ALN_LEAD}),
    # Closures: the LA manager for any school in the LA, setting leaders for their own setting.
    Action.CLOSURE_MANAGE: frozenset(
        {Role.LA_ALN_MANAGER, Role.ALNCO, Role.HEADTEACHER, Role.FEI_ALN_LEAD}
    ),
    Action.CLOCK_SETTINGS_MANAGE: frozenset({Role.LA_ALN_MANAGER}),
    # Statutory notices: everyone who may see the case may read what the family was told; the LA
    # manager keeps the LA's information, disagreement and advocacy providers (Act ss.9, 68, 69).
    Action.NOTICE_DOWNLOAD: _RECORD_READERS,
    Action.PROVIDER_MANAGE: frozenset({Role.LA_ALN_MANAGER}),
    # Plans: everyone who may see the learner reads the plan (families are given a copy, s.22);
    # the body that maintains it writes, gives, reviews, transfers and ceases it (its deciders,
    # checked per plan by `case_parties`). The child, parent, young person or an NHS body may
    # ask for a review (s.23; spec §13 rule 2).
    Action.IDP_VIEW: _RECORD_READERS,
    Action.IDP_WRITE: _SETTING_DECIDERS | _LA_DECIDERS,
    Action.IDP_REVIEW_REQUEST: frozenset(
        {Role.PARENT, Role.YOUNG_PERSON, Role.DECLO, Role.HEALTH_PROFESSIONAL}
    ),
    # Disagreements (spec §6.1, §7): everyone who may see the learner sees the disagreement log
    # (the family included); the family asks the LA to reconsider (ss.26, 27, 32) and the school
    # or FEI may ask it to take a plan over (s.28), so their deciders may make a request too; the
    # LA's deciders answer requests and record appeals, referrals, capacity and case friends;
    # the LA's dashboard lists them.
    Action.DISPUTE_VIEW: _RECORD_READERS,
    Action.DISPUTE_REQUEST: frozenset({Role.PARENT, Role.YOUNG_PERSON})
    | _SETTING_DECIDERS
    | _LA_DECIDERS,
    Action.DISPUTE_DECIDE: _LA_DECIDERS,
    Action.DISPUTE_LIST: frozenset(LA_ROLES),
    # Data protection (UK GDPR arts. 5(1)(e), 15, 30; docs/security.md): the LA's data protection
    # officer searches and exports the LA's audit trail and erases records past their retention
    # period; the LA's ALN officers produce a learner's subject access export.
    Action.AUDIT_SEARCH: frozenset({Role.DATA_PROTECTION_OFFICER}),
    Action.SUBJECT_ACCESS_EXPORT: frozenset({Role.LA_ALN_OFFICER, Role.LA_ALN_MANAGER}),
    Action.RETENTION_MANAGE: frozenset({Role.DATA_PROTECTION_OFFICER}),
}


def role_may(role: Role, action: Action) -> bool:
    """Whether the action belongs to the role at all (relationships are checked separately)."""
    return role in _ALLOWED[action]


def roles_allowed(action: Action) -> frozenset[Role]:
    return _ALLOWED[action]


# A signed-in person whose roles have not been set up yet still gets a home page that tells them so,
# and their own account page (to sign out everywhere).
_NEEDS_NO_ROLE = frozenset({Action.HOME_VIEW, Action.ACCOUNT_MANAGE})


def any_role_may(roles: Iterable[Role], action: Action) -> bool:
    """Whether a signed-in user holding these roles (perhaps none) may take the action."""
    return action in _NEEDS_NO_ROLE or any(role_may(role, action) for role in roles)


@dataclass(frozen=True, slots=True)
class MembershipFacts:
    """One of a user's roles, with the organisation it is held in (ids, or None)."""

    role: Role
    local_authority_id: object = None
    setting_id: object = None
    service_id: object = None
    health_board_id: object = None


@dataclass(frozen=True, slots=True)
class ActorFacts:
    user_id: object
    memberships: tuple[MembershipFacts, ...]


@dataclass(frozen=True, slots=True)
class LearnerFacts:
    """What access depends on. `current_*` are enrolments open today."""

    home_local_authority_id: object
    looked_after_by_id: object = None
    current_setting_ids: frozenset[object] = field(default_factory=frozenset)
    current_setting_authority_ids: frozenset[object] = field(default_factory=frozenset)
    family_user_ids: frozenset[object] = field(default_factory=frozenset)
    own_user_id: object = None
    granted_user_ids: frozenset[object] = field(default_factory=frozenset)


class Relationship(StrEnum):
    """Why an actor may see a learner; shown to staff and stored in the access log."""

    LA_RESPONSIBLE = "la_responsible"
    LA_LOOKS_AFTER = "la_looks_after"
    LA_MAINTAINS_SETTING = "la_maintains_setting"
    ENROLLED_AT_SETTING = "enrolled_at_setting"
    FAMILY = "family"
    SELF = "self"
    GRANTED = "granted"


def _membership_relationship(  # noqa: PLR0911 (one return per rule reads like the policy)
    actor: ActorFacts, membership: MembershipFacts, learner: LearnerFacts
) -> Relationship | None:
    role = membership.role
    la = membership.local_authority_id
    if role in LA_ROLES:
        if la == learner.home_local_authority_id:
            return Relationship.LA_RESPONSIBLE
        if la is not None and la == learner.looked_after_by_id:
            return Relationship.LA_LOOKS_AFTER
        if la in learner.current_setting_authority_ids:
            return Relationship.LA_MAINTAINS_SETTING
        return None
    if role in SETTING_ROLES:
        in_setting = membership.setting_id in learner.current_setting_ids
        return Relationship.ENROLLED_AT_SETTING if in_setting else None
    if role is Role.PARENT:
        return Relationship.FAMILY if actor.user_id in learner.family_user_ids else None
    if role is Role.YOUNG_PERSON:
        return Relationship.SELF if actor.user_id == learner.own_user_id else None
    if role in HEALTH_ROLES or role in {Role.LA_SERVICE_PRACTITIONER, Role.ADVOCATE}:
        # Until referrals and health requests exist, these roles see learners through an
        # explicit, time-limited grant made by the LA or the setting.
        return Relationship.GRANTED if actor.user_id in learner.granted_user_ids else None
    return None  # system administrators manage the service, not children's records


def learner_relationship(actor: ActorFacts, learner: LearnerFacts) -> Relationship | None:
    """The first relationship that lets the actor see the learner, or None."""
    for membership in actor.memberships:
        relationship = _membership_relationship(actor, membership, learner)
        if relationship is not None:
            return relationship
    return None


def may_see_learner(actor: ActorFacts, learner: LearnerFacts) -> bool:
    return learner_relationship(actor, learner) is not None


# The DECLO answers for the health board (Act s.61), whose only time limit is the NHS response.
NHS_RESPONSE_RULE = "nhs-response"


def may_act_on_deadline(
    *,
    user_id: object,
    memberships: Iterable[MembershipFacts],
    owner_id: object,
    local_authority_id: object,
    setting_id: object,
    rule_id: str,
) -> bool:
    """Whether the user may mark the deadline done or record why it was missed.

    They must act for the body that owns the duty: its named owner; the LA responsible for the
    learner (the deadline's tenant); the school or FEI that decides (ALNCo, headteacher, FEI
    lead); or, for the NHS body's response (Act ss.20-21), the health board's DECLO. Only roles
    that may act on deadlines at all count, even for the named owner.
    """
    acting = [m for m in memberships if m.role in roles_allowed(Action.DEADLINE_ACT)]
    if not acting:
        return False
    if owner_id is not None and owner_id == user_id:
        return True
    for membership in acting:
        if (
            membership.role in (roles_allowed(Action.DEADLINE_ACT) & LA_ROLES)
            and membership.local_authority_id == local_authority_id
        ):
            return True
        if (
            membership.role in (roles_allowed(Action.DEADLINE_ACT) & SETTING_ROLES)
            and setting_id is not None
            and membership.setting_id == setting_id
        ):
            return True
        if membership.role is Role.DECLO and rule_id == NHS_RESPONSE_RULE:
            return True
    return False


def deciding_roles(*, decided_by_la: bool) -> frozenset[Role]:
    """The roles that act for the body deciding (told when a family raises a concern)."""
    return _LA_DECIDERS if decided_by_la else _SETTING_DECIDERS


def case_parties(
    *,
    memberships: Iterable[MembershipFacts],
    decided_by_la: bool,
    local_authority_id: object,
    setting_id: object,
    la_prepares_revision: bool = False,
) -> frozenset[Party]:
    """How a member of staff who may see the case stands to it (`aln.domain.process.Party`).

    They decide if they act for the body that must decide now: the case's LA when the LA decides,
    the school or FEI otherwise. Any other staff who can see the learner contribute information.

    `la_prepares_revision`: the LA reconsidered a school's or FEI's plan and decided to revise it
    itself (s.27(6)). Until it gives the revised plan, the LA's deciders write and give it, and
    the school's or FEI's only contribute; from then on the school or FEI maintains it (s.27(7)).
    """
    la_decides = decided_by_la or la_prepares_revision
    parties: set[Party] = set()
    for membership in memberships:
        if membership.role not in _CASE_WORKERS:
            continue
        parties.add(Party.CONTRIBUTOR)
        if la_decides:
            acts = (
                membership.role in _LA_DECIDERS
                and membership.local_authority_id == local_authority_id
            )
        else:
            acts = membership.role in _SETTING_DECIDERS and membership.setting_id == setting_id
        if acts:
            parties.add(Party.DECIDER)
    return frozenset(parties)

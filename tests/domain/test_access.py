import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.access import (
    Action,
    ActorFacts,
    LearnerFacts,
    MembershipFacts,
    Relationship,
    any_role_may,
    case_parties,
    learner_relationship,
    role_may,
)
from aln.domain.accounts import AccountError, check_role_grantable
from aln.domain.process import Party
from aln.domain.roles import LA_ROLES, SETTING_ROLES, Role

_DEADLINE_OWNERS = {
    "la_aln_officer",
    "la_aln_manager",
    "early_years_lead",
    "alnco",
    "headteacher",
    "fei_aln_lead",
    "declo",
}

# The administrator and the data protection officer never read children's records.
_NO_RECORDS = {"system_admin", "data_protection_officer"}
_RECORD_READERS = {r.value for r in Role} - _NO_RECORDS
_CASE_WORKERS = _RECORD_READERS - {"parent", "young_person", "advocate"}

EXPECTED = {
    # action: roles that may take it
    Action.LEARNER_CREATE: {
        "la_aln_officer",
        "la_aln_manager",
        "early_years_lead",
        "alnco",
        "headteacher",
        "fei_aln_lead",
    },
    Action.USER_INVITE: {"system_admin", "la_aln_manager"},
    Action.LEARNER_SEARCH: _CASE_WORKERS,
    Action.LEARNER_VIEW: _RECORD_READERS,
    Action.HOME_VIEW: {r.value for r in Role},
    Action.ACCOUNT_MANAGE: {r.value for r in Role},
    Action.CASE_VIEW: _RECORD_READERS,
    Action.CASE_OPEN: _CASE_WORKERS,
    Action.CASE_ACT: _CASE_WORKERS,
    Action.CONCERN_RAISE: {"parent", "young_person"},
    Action.DEADLINE_LIST: _RECORD_READERS,
    Action.DEADLINE_ACT: _DEADLINE_OWNERS,
    Action.DEADLINE_FEED: _DEADLINE_OWNERS,
    Action.CALENDAR_VIEW: {
        "la_aln_officer",
        "la_aln_manager",
        "early_years_lead",
        "alnco",
        "headteacher",
        "teacher",
        "fei_aln_lead",
    },
    Action.CALENDAR_MANAGE: {"la_aln_manager"},
    Action.SETTING_CLOSURE_MANAGE: {"alnco", "headteacher", "fei_aln_lead"},
    Action.CLOSURE_MANAGE: {"la_aln_manager", "alnco", "headteacher", "fei_aln_lead"},
    Action.CLOCK_SETTINGS_MANAGE: {"la_aln_manager"},
    Action.NOTICE_DOWNLOAD: _RECORD_READERS,
    Action.PROVIDER_MANAGE: {"la_aln_manager"},
    Action.IDP_VIEW: _RECORD_READERS,
    Action.IDP_WRITE: _DEADLINE_OWNERS - {"declo"},
    Action.IDP_REVIEW_REQUEST: {"parent", "young_person", "declo", "health_professional"},
    Action.DISPUTE_VIEW: _RECORD_READERS,
    Action.DISPUTE_REQUEST: (_DEADLINE_OWNERS - {"declo"}) | {"parent", "young_person"},
    Action.DISPUTE_DECIDE: {"la_aln_officer", "la_aln_manager", "early_years_lead"},
    Action.DISPUTE_LIST: {r.value for r in LA_ROLES},
    Action.AUDIT_SEARCH: {"data_protection_officer"},
    Action.SUBJECT_ACCESS_EXPORT: {"la_aln_officer", "la_aln_manager"},
    Action.RETENTION_MANAGE: {"data_protection_officer"},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_role_action_matrix(role, action):
    assert role_may(role, action) is (role.value in EXPECTED[action])


def test_signed_in_user_without_roles_only_gets_home_and_their_account():
    own = {Action.HOME_VIEW, Action.ACCOUNT_MANAGE}
    assert all(any_role_may([], a) for a in own)
    assert not any(any_role_may([], a) for a in Action if a not in own)


LA, OTHER_LA, SCHOOL, OTHER_SCHOOL = "la-1", "la-2", "school-1", "school-2"


def actor(role, **organisation):
    return ActorFacts(user_id="me", memberships=(MembershipFacts(role=role, **organisation),))


@pytest.mark.parametrize(
    ("the_actor", "learner", "expected"),
    [
        (
            actor(Role.LA_ALN_OFFICER, local_authority_id=LA),
            LearnerFacts(LA),
            Relationship.LA_RESPONSIBLE,
        ),
        (
            actor(Role.LA_ALN_OFFICER, local_authority_id=LA),
            LearnerFacts(OTHER_LA, looked_after_by_id=LA),
            Relationship.LA_LOOKS_AFTER,
        ),
        (
            actor(Role.EARLY_YEARS_LEAD, local_authority_id=LA),
            LearnerFacts(
                OTHER_LA,
                current_setting_ids=frozenset({SCHOOL}),
                current_setting_authority_ids=frozenset({LA}),
            ),
            Relationship.LA_MAINTAINS_SETTING,
        ),
        (actor(Role.LA_ALN_MANAGER, local_authority_id=LA), LearnerFacts(OTHER_LA), None),
        (
            actor(Role.ALNCO, setting_id=SCHOOL),
            LearnerFacts(LA, current_setting_ids=frozenset({SCHOOL})),
            Relationship.ENROLLED_AT_SETTING,
        ),
        (
            actor(Role.TEACHER, setting_id=SCHOOL),
            LearnerFacts(LA, current_setting_ids=frozenset({OTHER_SCHOOL})),
            None,
        ),
        (
            actor(Role.PARENT),
            LearnerFacts(LA, family_user_ids=frozenset({"me"})),
            Relationship.FAMILY,
        ),
        (actor(Role.PARENT), LearnerFacts(LA, family_user_ids=frozenset({"someone else"})), None),
        (actor(Role.YOUNG_PERSON), LearnerFacts(LA, own_user_id="me"), Relationship.SELF),
        (
            actor(Role.ADVOCATE),
            LearnerFacts(LA, granted_user_ids=frozenset({"me"})),
            Relationship.GRANTED,
        ),
        (actor(Role.DECLO, health_board_id="hb"), LearnerFacts(LA), None),
        (actor(Role.SYSTEM_ADMIN), LearnerFacts(LA, granted_user_ids=frozenset({"me"})), None),
    ],
)
def test_relationship_examples(the_actor, learner, expected):
    assert learner_relationship(the_actor, learner) is expected


ids = st.sampled_from(["a", "b", "c"])
learners = st.builds(
    LearnerFacts,
    home_local_authority_id=ids,
    looked_after_by_id=st.none() | ids,
    current_setting_ids=st.frozensets(ids),
    current_setting_authority_ids=st.frozensets(ids),
    family_user_ids=st.frozensets(st.sampled_from(["me", "you"])),
    own_user_id=st.sampled_from([None, "me", "you"]),
    granted_user_ids=st.frozensets(st.sampled_from(["me", "you"])),
)
memberships = st.builds(
    MembershipFacts,
    role=st.sampled_from(list(Role)),
    local_authority_id=st.none() | ids,
    setting_id=st.none() | ids,
)


@given(learner=learners, first=memberships, second=memberships)
def test_more_memberships_never_see_less(learner, first, second):
    one = ActorFacts("me", (first,))
    both = ActorFacts("me", (first, second))
    if learner_relationship(one, learner) is not None:
        assert learner_relationship(both, learner) is not None


@given(learner=learners, membership=memberships)
def test_system_administrators_never_see_children(learner, membership):
    admin = ActorFacts("me", (MembershipFacts(Role.SYSTEM_ADMIN),))
    assert learner_relationship(admin, learner) is None


@given(learner=learners, role=st.sampled_from(sorted(LA_ROLES | SETTING_ROLES)))
def test_staff_without_an_organisation_see_nobody(learner, role):
    nobody = ActorFacts("me", (MembershipFacts(role),))
    assert learner_relationship(nobody, learner) is None


def test_only_administrators_make_administrators():
    assert (
        check_role_grantable(Role.SYSTEM_ADMIN, actor_is_admin=False)
        is AccountError.ROLE_NOT_ALLOWED
    )
    assert check_role_grantable(Role.SYSTEM_ADMIN, actor_is_admin=True) is None
    assert all(
        check_role_grantable(role, actor_is_admin=False) is None
        for role in Role
        if role is not Role.SYSTEM_ADMIN
    )


def _m(role, la=None, setting=None):
    return MembershipFacts(role=role, local_authority_id=la, setting_id=setting)


@pytest.mark.parametrize(
    ("membership", "decided_by_la", "expected"),
    [
        (_m(Role.ALNCO, setting="s1"), False, {Party.DECIDER, Party.CONTRIBUTOR}),
        (_m(Role.HEADTEACHER, setting="s1"), False, {Party.DECIDER, Party.CONTRIBUTOR}),
        (_m(Role.FEI_ALN_LEAD, setting="s1"), False, {Party.DECIDER, Party.CONTRIBUTOR}),
        (_m(Role.TEACHER, setting="s1"), False, {Party.CONTRIBUTOR}),
        (_m(Role.ALNCO, setting="s2"), False, {Party.CONTRIBUTOR}),  # another school's ALNCo
        (_m(Role.ALNCO, setting="s1"), True, {Party.CONTRIBUTOR}),  # referred: the LA decides
        (_m(Role.LA_ALN_OFFICER, la="la1"), True, {Party.DECIDER, Party.CONTRIBUTOR}),
        (_m(Role.EARLY_YEARS_LEAD, la="la1"), True, {Party.DECIDER, Party.CONTRIBUTOR}),
        (_m(Role.LA_ALN_MANAGER, la="la2"), True, {Party.CONTRIBUTOR}),  # another LA
        (_m(Role.LA_ALN_OFFICER, la="la1"), False, {Party.CONTRIBUTOR}),  # the school decides
        (_m(Role.DECLO), True, {Party.CONTRIBUTOR}),
        (_m(Role.PARENT), True, set()),
        (_m(Role.YOUNG_PERSON), False, set()),
        (_m(Role.SYSTEM_ADMIN), True, set()),
    ],
)
def test_who_acts_for_the_body_deciding(membership, decided_by_la, expected):
    parties = case_parties(
        memberships=[membership],
        decided_by_la=decided_by_la,
        local_authority_id="la1",
        setting_id="s1",
    )
    assert parties == expected


@pytest.mark.parametrize(
    ("membership", "expected"),
    [
        (_m(Role.ALNCO, setting="s1"), {Party.CONTRIBUTOR}),  # its plan, the LA's revision
        (_m(Role.HEADTEACHER, setting="s1"), {Party.CONTRIBUTOR}),
        (_m(Role.LA_ALN_OFFICER, la="la1"), {Party.DECIDER, Party.CONTRIBUTOR}),
        (_m(Role.LA_ALN_OFFICER, la="la2"), {Party.CONTRIBUTOR}),  # another LA
        (_m(Role.PARENT), set()),
    ],
)
def test_while_the_la_prepares_a_schools_revised_plan_only_the_la_decides(membership, expected):
    """s.27(6)-(7): the LA writes and gives the revision; the school maintains it afterwards."""
    parties = case_parties(
        memberships=[membership],
        decided_by_la=False,
        local_authority_id="la1",
        setting_id="s1",
        la_prepares_revision=True,
    )
    assert parties == expected

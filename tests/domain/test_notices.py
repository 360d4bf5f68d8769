"""Who a decision notice goes to, and which right of challenge it states (spec §5, §6.1, §7)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.notices import NoticeKind, Recipient, Right, notice_recipients, notice_rights

R = Recipient


@pytest.mark.parametrize(
    ("young", "looked_after", "lacks_capacity", "case_friend", "expected"),
    [
        # Young person: they hold the rights themselves (Act s.99; spec §7).
        (True, False, False, False, (R.YOUNG_PERSON,)),
        (True, True, True, True, (R.YOUNG_PERSON,)),
        # Child and parent (Act ss.11(4), 13(3)).
        (False, False, False, False, (R.CHILD, R.PARENT)),
        # Looked-after child: the IRO too (Act s.18(3)).
        (False, True, False, False, (R.CHILD, R.PARENT, R.INDEPENDENT_REVIEWING_OFFICER)),
        # Child lacking capacity, no case friend: no notice to the child (Act s.84).
        (False, False, True, False, (R.PARENT,)),
        (False, True, True, False, (R.PARENT, R.INDEPENDENT_REVIEWING_OFFICER)),
        # ...unless a case friend has been appointed (Act ss.84, 85).
        (False, False, True, True, (R.CHILD, R.PARENT, R.CASE_FRIEND)),
        (
            False,
            True,
            True,
            True,
            (R.CHILD, R.PARENT, R.CASE_FRIEND, R.INDEPENDENT_REVIEWING_OFFICER),
        ),
        (False, False, False, True, (R.CHILD, R.PARENT, R.CASE_FRIEND)),
    ],
)
def test_recipients(young, looked_after, lacks_capacity, case_friend, expected):
    assert (
        notice_recipients(
            is_young_person=young,
            looked_after=looked_after,
            child_lacks_capacity=lacks_capacity,
            case_friend_appointed=case_friend,
        )
        == expected
    )


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_recipients_invariants(young, looked_after, lacks_capacity, case_friend):
    recipients = notice_recipients(
        is_young_person=young,
        looked_after=looked_after,
        child_lacks_capacity=lacks_capacity,
        case_friend_appointed=case_friend,
    )
    assert recipients, "somebody is always told"
    assert len(set(recipients)) == len(recipients)
    # The young person, and only the young person, for a young person.
    assert (R.YOUNG_PERSON in recipients) is young
    if young:
        assert recipients == (R.YOUNG_PERSON,)
    else:
        assert R.PARENT in recipients
        assert (R.INDEPENDENT_REVIEWING_OFFICER in recipients) is looked_after
        assert (R.CHILD in recipients) is (not lacks_capacity or case_friend)
        assert (R.CASE_FRIEND in recipients) is case_friend


@pytest.mark.parametrize(
    ("decided_by_school", "kind", "expected"),
    [
        (True, NoticeKind.HAS_ALN, Right.ASK_LA_TO_RECONSIDER),
        (True, NoticeKind.NO_ALN, Right.ASK_LA_TO_RECONSIDER),
        (True, NoticeKind.DUTY_DOES_NOT_ARISE, Right.ASK_LA_TO_RECONSIDER),
        (False, NoticeKind.HAS_ALN, Right.APPEAL_TO_TRIBUNAL),
        (False, NoticeKind.NO_ALN, Right.APPEAL_TO_TRIBUNAL),
        (False, NoticeKind.DUTY_DOES_NOT_ARISE, Right.APPEAL_TO_TRIBUNAL),
        (False, NoticeKind.IDP_NOT_NECESSARY, Right.APPEAL_TO_TRIBUNAL),
    ],
)
def test_rights(decided_by_school, kind, expected):
    assert notice_rights(decided_by_school=decided_by_school, kind=kind) == frozenset({expected})


def test_a_school_never_decides_whether_an_idp_is_necessary():
    with pytest.raises(ValueError, match="local authority"):
        notice_rights(decided_by_school=True, kind=NoticeKind.IDP_NOT_NECESSARY)


@given(st.booleans(), st.sampled_from(NoticeKind))
def test_every_notice_states_exactly_one_way_to_challenge_it(decided_by_school, kind):
    if decided_by_school and kind is NoticeKind.IDP_NOT_NECESSARY:
        return
    rights = notice_rights(decided_by_school=decided_by_school, kind=kind)
    assert len(rights) == 1
    # There is no appeal against a school (EN para 73); a school decision goes to the LA.
    assert (Right.APPEAL_TO_TRIBUNAL in rights) is (not decided_by_school)

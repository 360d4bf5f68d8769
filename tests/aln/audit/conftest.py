"""A data protection officer of the test authority, and another authority."""

import pytest

from tests.factories import LocalAuthorityFactory, MembershipFactory


@pytest.fixture
def dpo(authority):
    return MembershipFactory(
        role="data_protection_officer",
        local_authority=authority,
        user__full_name="Llinos Thomas",
        user__email="llinos.thomas@example.org",
    ).user


@pytest.fixture
def other_authority(db):
    return LocalAuthorityFactory(code="996", name_en="Other County", name_cy="Sir Arall")

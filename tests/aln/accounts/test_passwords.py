"""Passwords are stored with Argon2; hashes made before the switch are upgraded on sign-in.

The test settings use a fast hasher, so these tests put the production hashers back.
"""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from aln.accounts.models import User
from aln.config.settings.base import PASSWORD_HASHERS as PRODUCTION_HASHERS
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_hashers")]


@pytest.fixture
def production_hashers():
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        yield


def test_production_hashes_with_argon2id_first():
    assert PRODUCTION_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_new_password_is_stored_as_argon2id():
    user = UserFactory(email="new@example.org")
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("correct-horse-battery")


def test_an_old_pbkdf2_hash_is_upgraded_on_a_successful_sign_in(page, school):
    user = MembershipFactory(role="alnco", setting=school, user__email="old@example.org").user
    User.objects.filter(pk=user.pk).update(
        password=make_password("correct-horse-battery", hasher="pbkdf2_sha256")
    )
    response = page.post(
        "/sign-in/",
        {"username": "old@example.org", "password": "correct-horse-battery"},
        status=302,
    )
    assert response.url == "/"
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("correct-horse-battery")
    page.get("/")  # the session made while the hash changed is still valid


def test_a_wrong_password_leaves_an_old_hash_alone(page):
    user = UserFactory(email="old@example.org")
    old_hash = make_password("correct-horse-battery", hasher="pbkdf2_sha256")
    User.objects.filter(pk=user.pk).update(password=old_hash)
    page.post("/sign-in/", {"username": "old@example.org", "password": "a wrong guess"})
    user.refresh_from_db()
    assert user.password == old_hash

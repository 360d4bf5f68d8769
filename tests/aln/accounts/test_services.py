import pytest

from aln.accounts.services import user_sign_out_everywhere
from aln.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_out_everywhere_changes_the_session_hash_and_is_audited():
    user = UserFactory()
    before = user.get_session_auth_hash()
    user_sign_out_everywhere(actor=user)
    user.refresh_from_db()
    assert user.session_generation == 1
    assert user.get_session_auth_hash() != before
    event = AuditEvent.objects.get(event_type="account.signed_out_everywhere")
    assert event.actor == user
    assert event.subject_id == str(user.pk)
    assert event.changes == {"session_generation": [0, 1]}


def test_each_sign_out_everywhere_gives_a_new_hash():
    user = UserFactory()
    hashes = {user.get_session_auth_hash()}
    for _ in range(2):
        user_sign_out_everywhere(actor=user)
        user.refresh_from_db()
        hashes.add(user.get_session_auth_hash())
    assert len(hashes) == 3
    assert AuditEvent.objects.filter(event_type="account.signed_out_everywhere").count() == 2


def test_a_user_who_never_signed_out_everywhere_keeps_djangos_hash():
    # Sessions made before `session_generation` existed stay valid after the upgrade.
    user = UserFactory()
    assert user.get_session_auth_hash() == user._get_session_auth_hash()


def test_a_new_password_still_changes_the_hash_after_signing_out_everywhere():
    user = UserFactory()
    user_sign_out_everywhere(actor=user)
    before = user.get_session_auth_hash()
    user.set_password("another long passphrase")
    assert user.get_session_auth_hash() != before

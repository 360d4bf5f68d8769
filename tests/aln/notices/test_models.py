"""A notice given is evidence: stored once, never changed or removed (ADR 0008)."""

import hashlib

import pytest

from aln.notices.models import ImmutableError, Notice, document_storage
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


def test_a_notice_cannot_be_changed():
    notice = NoticeFactory()
    notice.method = "email"
    with pytest.raises(ImmutableError):
        notice.save()
    assert Notice.objects.get(pk=notice.pk).method == "post"


def test_a_notice_cannot_be_deleted():
    notice = NoticeFactory()
    with pytest.raises(ImmutableError):
        notice.delete()
    assert Notice.objects.filter(pk=notice.pk).exists()


def test_notices_cannot_be_changed_or_deleted_in_bulk():
    NoticeFactory()
    with pytest.raises(ImmutableError):
        Notice.objects.update(method="email")
    with pytest.raises(ImmutableError):
        Notice.objects.all().delete()
    assert Notice.objects.count() == 1


def test_the_file_is_kept_privately_under_documents_root(documents_root):
    notice = NoticeFactory()
    path = documents_root / notice.file.name
    assert path.is_file()
    assert notice.file.name.startswith(f"notices/{notice.local_authority_id}/2026/")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == notice.sha256
    assert path.stat().st_mode & 0o007 == 0  # nobody else on the machine can read it


def test_documents_never_have_a_url():
    with pytest.raises(ValueError, match="views"):
        document_storage().url("notices/x.pdf")

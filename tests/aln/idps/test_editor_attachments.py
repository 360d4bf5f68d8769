"""Appendices: only PDF, Word, PNG and JPEG files of at most 10 MB, judged by their content; part of
the versions they belong to; downloaded only by people who may see the plan, and audited."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aln.audit.models import AuditEvent
from aln.common.errors import ServiceError
from aln.domain import attachments as rules
from aln.idps.models import Attachment
from aln.idps.selectors.plans import draft_of
from aln.idps.selectors.versions import attachments_of
from aln.idps.services.attachments import attachment_add, attachment_remove, safe_filename
from aln.idps.services.drafting import idp_start_revision
from tests.aln.idps.test_plan_pages import give
from tests.conftest import signed_in
from tests.factories import FamilyLinkFactory, FamilyMemberFactory, SettingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% a tiny test document\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.bin", "x")
    return buffer.getvalue()


def _stored_files(tmp_path) -> list:
    """Plan documents in the document store (the decision notice is there too)."""
    return [p for p in (tmp_path / "idps").rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("head", "names", "expected"),
    [
        (PDF, (), rules.PDF),
        (b"\x89PNG\r\n\x1a\n....", (), rules.PNG),
        (b"\xff\xd8\xff\xe0JFIF", (), rules.JPEG),
        (b"PK\x03\x04", ("[Content_Types].xml", "word/document.xml"), rules.DOCX),
        (b"PK\x03\x04", ("payload.bin",), None),
        (EXE, (), None),
        (b"", (), None),
    ],
)
def test_a_file_is_known_by_its_content(head, names, expected):
    assert rules.file_type(head[: rules.HEAD_BYTES], names) == expected


def test_size_limits():
    assert rules.check_size(0) is rules.AttachmentError.EMPTY
    assert rules.check_size(rules.MAX_BYTES) is None
    assert rules.check_size(rules.MAX_BYTES + 1) is rules.AttachmentError.TOO_LARGE


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("EP report (Sept).PDF", rules.PDF, "EP_report_Sept.pdf"),
        ("../../etc/passwd", rules.PDF, "passwd.pdf"),
        ("Adroddiad Siân.docx", rules.DOCX, "Adroddiad_Sin.docx"),
        ("..", rules.PNG, "document.png"),
        ("photo.exe", rules.JPEG, "photo.jpg"),
    ],
)
def test_file_names_are_made_safe(name, content_type, expected):
    assert safe_filename(name, content_type) == expected


def _post(client, plan, content, name="report.pdf", **extra):
    data = {
        "title": "Educational psychologist's report",
        "kind": "professional_report",
        "document_date_0": "27",
        "document_date_1": "9",
        "document_date_2": "2026",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        **extra,
    }
    return client.post(f"/plans/{plan.pk}/draft/attachments/add/", data)


def test_a_pdf_is_attached_to_the_draft_and_can_be_downloaded(client, plan, alnco, tmp_path):
    response = _post(client, plan, PDF, name="EP report.pdf")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert [p.read_bytes() for p in _stored_files(tmp_path)] == [PDF]
    assert (attachment.content_type, attachment.filename, attachment.added_in) == (
        rules.PDF,
        "EP_report.pdf",
        1,
    )
    assert str(attachment.document_date) == "2026-09-27"
    assert AuditEvent.objects.filter(event_type="idp.attachment_added").count() == 1
    download = client.get(f"/plans/{plan.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == 'attachment; filename="EP_report.pdf"'
    assert download["Content-Type"] == "application/pdf"
    event = AuditEvent.objects.get(event_type="idp.attachment_downloaded")
    assert event.subject_id == str(attachment.pk)
    assert event.actor == alnco


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "report.pdf", "must be a PDF, Word document, PNG or JPEG"),
        (_zip(), "report.docx", "must be a PDF, Word document, PNG or JPEG"),
        (PDF + b"0" * (10 * 1024 * 1024), "big.pdf", "smaller than 10 MB"),
    ],
    ids=["exe-renamed-pdf", "zip-renamed-docx", "over-10-mb"],
)
def test_a_refused_file_is_not_kept(page, plan, tmp_path, content, name, message):
    events = AuditEvent.objects.count()
    data = {
        "title": "Report",
        "kind": "professional_report",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }
    soup = page.post(f"/plans/{plan.pk}/draft/attachments/add/", data).soup
    assert message in soup.select_one(".govuk-error-summary").get_text()
    assert not Attachment.objects.exists()
    assert AuditEvent.objects.count() == events
    assert _stored_files(tmp_path) == []


def test_a_word_document_is_accepted(client, plan):
    assert _post(client, plan, _docx(), name="plan.docx").status_code == 302
    assert Attachment.objects.get().content_type == rules.DOCX


def test_a_document_removed_from_a_new_version_stays_in_the_old_one(client, page, plan, alnco):
    _post(client, plan, PDF)
    attachment = Attachment.objects.get()
    give(plan, alnco)
    draft = idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    assert [a.pk for a in attachments_of(idp=plan, number=2)] == [attachment.pk]
    page.get(f"/plans/{plan.pk}/draft/attachments/{attachment.pk}/remove/")
    client.post(f"/plans/{plan.pk}/draft/attachments/{attachment.pk}/remove/", {})
    attachment.refresh_from_db()
    assert attachment.removed_in == draft.number
    assert attachments_of(idp=plan, number=2) == []
    assert [a.pk for a in attachments_of(idp=plan, number=1)] == [attachment.pk]
    soup = page.get(f"/plans/{plan.pk}/versions/1/").soup
    assert "Educational psychologist's report" in soup.select_one("#appendices").get_text()
    soup = page.get(f"/plans/{plan.pk}/compare/", **{"from": "1", "to": "2"}).soup
    assert soup.select_one("#diff-appendices [data-status=removed]")
    with pytest.raises(ServiceError):
        attachment_remove(actor=alnco, idp=plan, attachment=attachment)


def test_a_parent_downloads_but_another_school_cannot(client, plan, alnco):
    upload = SimpleUploadedFile("r.pdf", PDF)
    attachment = attachment_add(
        actor=alnco, idp=plan, upload=upload, title="Report", kind="professional_report"
    )
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=plan.learner, family_member=FamilyMemberFactory(user=parent))
    url = f"/plans/{plan.pk}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 200
    signed_in(client, "alnco", setting=SettingFactory())
    assert client.get(url).status_code == 404
    downloads = AuditEvent.objects.filter(event_type="idp.attachment_downloaded")
    assert downloads.count() == 1


def test_only_the_maintaining_body_attaches_documents(client, plan, authority):
    officer = signed_in(client, "la_aln_officer", local_authority=authority)
    with pytest.raises(ServiceError):
        attachment_add(
            actor=officer,
            idp=plan,
            upload=SimpleUploadedFile("r.pdf", PDF),
            title="Report",
            kind="other",
        )
    response = _post(client, plan, PDF)
    assert response.status_code == 302
    assert response.url == f"/plans/{plan.pk}/"
    assert not Attachment.objects.exists()
    assert draft_of(idp=plan) is not None


def test_throwing_a_draft_away_undoes_its_appendix_changes(
    client, plan, alnco, tmp_path, django_capture_on_commit_callbacks
):
    kept = attachment_add(
        actor=alnco,
        idp=plan,
        upload=SimpleUploadedFile("kept.pdf", PDF),
        title="Kept",
        kind="other",
    )
    give(plan, alnco)
    draft = idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    attachment_remove(actor=alnco, idp=plan, attachment=kept)
    attachment_add(
        actor=alnco,
        idp=plan,
        upload=SimpleUploadedFile("new.pdf", PDF),
        title="New",
        kind="other",
    )
    assert len(_stored_files(tmp_path)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/plans/{plan.pk}/discard-draft/", {"revision": draft.revision})
    assert list(Attachment.objects.values_list("title", "removed_in")) == [("Kept", None)]
    assert len(_stored_files(tmp_path)) == 1

"""Uploads, attacked through the real pages: files that are too big, empty, of the wrong kind
(whatever their name says), broken or bomb-like archives, and hostile file names. Each is refused
with a translated message in the GOV.UK error summary, and nothing is kept: no row, no audit
event, no file in the document store, no temporary file left behind.

A file that is accepted is kept in the private document store (`DOCUMENTS_ROOT`, outside the web
root) under a name the service chooses, and only the permission-checked download view serves it.
docs/security.md ("Uploaded files") says what each test proves.

Every form with a file field is listed in `UPLOAD_FORMS`; `test_every_upload_form_is_attacked`
fails when a new one is not, so a new upload form is added to every attack in one line.
"""

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views import static

from aln.accounts.models import User
from aln.audit.models import AuditEvent
from aln.deadlines.imports import MAX_FILE_BYTES
from aln.deadlines.models import CalendarClosure, CalendarTerm
from aln.domain import attachments as rules
from aln.idps.models import Attachment
from aln.notices.models import document_storage
from tests.architecture.url_walk import all_routes
from tests.factories import (
    EnrolmentFactory,
    IdpFactory,
    IdpVersionFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% a tiny test document\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
# A PDF that is also a web page: accepted as a PDF, and never served as anything else.
POLYGLOT = b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"
CSV = (
    b"type,start,end,reason\r\n"
    b"term,01/09/2026,23/10/2026,\r\n"
    b"closure,2026-09-18,2026-09-18,INSET day\r\n"
)

_DOCX_PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(**extra: bytes) -> bytes:
    return _zip({**_DOCX_PARTS, **extra})


def _zip_needing_a_newer_unzip() -> bytes:
    """A Word document whose central directory asks for zip version 25.5 (no such thing)."""
    data = bytearray(_docx())
    at = data.find(b"PK\x01\x02")  # the first central directory entry
    data[at + 6 : at + 8] = b"\xff\x00"  # "version needed to extract"
    return bytes(data)


def _zip_with_a_broken_utf8_name() -> bytes:
    """A Word document with one more part whose name is flagged UTF-8 but is not."""
    data = bytearray(_docx(**{"é.xml": b"x"}))
    directory = data.find(b"PK\x01\x02")
    at = data.find("é".encode(), directory)
    data[at + 1] = 0x28  # 0xc3 0x28 is not UTF-8
    return bytes(data)


def _zip_bomb() -> bytes:
    """A Word document with a part that inflates to 50 MB from about 50 KB."""
    return _docx(**{"word/media/zeros.bin": b"\0" * (50 * 1024 * 1024)})


# --- The forms ----------------------------------------------------------------------------------


@dataclass
class Target:
    """One upload form, signed in as someone allowed to use it."""

    url: str
    field: str
    other_fields: dict[str, str]
    good: tuple[str, bytes]
    limit: int
    saved: Callable[[], int]  # rows the form would write (audit events are counted apart)
    too_big: str
    empty: str


def _attachment_target(client) -> Target:
    authority = LocalAuthorityFactory(code="994")
    school = SettingFactory(local_authority=authority)
    learner = EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner
    idp = IdpFactory(case__learner=learner, case__local_authority=authority, case__setting=school)
    IdpVersionFactory(idp=idp, number=1)  # the draft the document is added to
    client.force_login(MembershipFactory(role="alnco", setting=school).user)
    return Target(
        url=reverse("idps:attachment-add", kwargs={"idp_id": idp.pk}),
        field="file",
        other_fields={"title": "Educational psychologist's report", "kind": "professional_report"},
        good=("report.pdf", PDF),
        limit=rules.MAX_BYTES,
        saved=Attachment.objects.count,
        too_big="The selected file must be smaller than 10 MB",
        empty="The selected file is empty",
    )


def _calendar_target(client) -> Target:
    authority = LocalAuthorityFactory(code="994")
    client.force_login(MembershipFactory(role="la_aln_manager", local_authority=authority).user)
    return Target(
        url=reverse("deadlines:calendar-import"),
        field="file",
        other_fields={},
        good=("terms.csv", CSV),
        limit=MAX_FILE_BYTES,
        saved=lambda: CalendarTerm.objects.count() + CalendarClosure.objects.count(),
        too_big="The file must be smaller than 1 MB",
        empty="The selected file is empty",
    )


# Every page with a file upload, by URL name. Add a new one here and every attack below tries it.
UPLOAD_FORMS: dict[str, Callable[[Client], Target]] = {
    "idps:attachment-add": _attachment_target,
    "deadlines:calendar-import": _calendar_target,
}

# Files of the wrong kind, whatever their names say, and what each form answers.
WRONG_KIND = {
    "idps:attachment-add": [
        ("exe-named-pdf", "report.pdf", EXE),
        ("html-named-pdf", "report.pdf", HTML),
        ("svg-named-png", "photo.png", SVG),
        ("zip-named-docx", "plan.docx", _zip({"payload.bin": b"x"})),
        ("html-named-jpg", "photo.jpg", HTML),
        ("docx-with-a-newer-zip-version", "plan.docx", _zip_needing_a_newer_unzip()),
        ("docx-with-a-broken-utf8-name", "plan.docx", _zip_with_a_broken_utf8_name()),
        ("truncated-docx", "plan.docx", _docx()[:40]),
        ("exe-with-rtl-override-name", "report\u202efdp.exe", EXE),
    ],
    "deadlines:calendar-import": [
        ("exe-named-csv", "terms.csv", EXE),
        ("html-named-csv", "terms.csv", HTML),
        ("svg-named-ics", "terms.ics", SVG),
        ("pdf-named-docx", "terms.docx", PDF),
        ("xlsx", "terms.xlsx", _zip({"xl/workbook.xml": b"<workbook/>"})),
        ("exe-with-rtl-override-name", "terms\u202evsc.exe", EXE),
    ],
}
WRONG_KIND_MESSAGES = {
    "idps:attachment-add": {"The selected file must be a PDF, Word document, PNG or JPEG"},
    "deadlines:calendar-import": {
        "The file could not be read. Save it as CSV UTF-8 and try again",
        "The first line must name the columns: type, start, end and reason",
        "The file could not be read as an iCalendar file. Export it from your calendar again "
        "and try again",
        "The file must be a CSV file (.csv) or an iCalendar file (.ics)",
    },
}
WELSH_WRONG_KIND = {
    "idps:attachment-add": (
        "report.pdf",
        EXE,
        "Rhaid i'r ffeil a ddewiswyd fod yn PDF, yn ddogfen Word, yn PNG neu'n JPEG",
    ),
    "deadlines:calendar-import": (
        "terms.docx",
        PDF,
        "Rhaid i'r ffeil fod yn ffeil CSV (.csv) neu'n ffeil iCalendar (.ics)",
    ),
}


@pytest.fixture(autouse=True)
def _private_dirs(settings, tmp_path):
    """The document store and Django's temporary upload directory, both empty to start with."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "incoming")
    (tmp_path / "incoming").mkdir()


def _files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []


@pytest.fixture(params=list(UPLOAD_FORMS))
def target(request, client):
    target = UPLOAD_FORMS[request.param](client)
    target.name = request.param  # type: ignore[attr-defined]
    return target


def _post(client, target, name, content, *, browser_type="application/octet-stream", **extra):
    upload = SimpleUploadedFile(name, content, content_type=browser_type)
    return client.post(target.url, {**target.other_fields, target.field: upload, **extra})


def _error_summary(response) -> str:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None, "a refused file is explained in the GOV.UK error summary"
    title = soup.title.get_text(strip=True)
    assert title.startswith(("Error:", "Gwall:")), title
    return " ".join(summary.get_text().split())


def _assert_nothing_kept(target, rows_before, events_before, tmp_path):
    assert target.saved() == rows_before
    assert AuditEvent.objects.count() == events_before
    assert _files_under(tmp_path / "documents") == []
    assert _files_under(tmp_path / "incoming") == []  # Django's temporary copy is gone too


def test_every_upload_form_is_attacked():
    """Every page whose form takes a file is in UPLOAD_FORMS (and so in every test below)."""
    with_files = set()
    for route in all_routes():
        form_class = getattr(route.view_class, "form_class", None)
        if form_class is None:
            continue
        if any(isinstance(f, forms.FileField) for f in form_class.base_fields.values()):
            with_files.add(route.name)
    assert with_files == set(UPLOAD_FORMS)
    assert set(WRONG_KIND) == set(UPLOAD_FORMS) == set(WELSH_WRONG_KIND)


# --- Refused ------------------------------------------------------------------------------------


def test_a_file_just_over_the_limit_is_refused_and_nothing_is_kept(client, target, tmp_path):
    rows, events = target.saved(), AuditEvent.objects.count()
    name, content = target.good
    oversized = content + b"\n" * (target.limit + 1 - len(content))
    assert len(oversized) == target.limit + 1
    response = _post(client, target, name, oversized)
    assert target.too_big in _error_summary(response)
    _assert_nothing_kept(target, rows, events, tmp_path)


def test_a_file_of_exactly_the_limit_is_not_refused_for_its_size(client, target):
    name, content = target.good
    at_limit = content + b"\n" * (target.limit - len(content))
    response = _post(client, target, name, at_limit)
    if response.status_code == 200:  # refused for something else (the CSV has blank lines)
        assert target.too_big not in _error_summary(response)


def test_an_empty_file_is_refused_and_nothing_is_kept(client, target, tmp_path):
    rows, events = target.saved(), AuditEvent.objects.count()
    response = _post(client, target, target.good[0], b"")
    assert target.empty in _error_summary(response)
    _assert_nothing_kept(target, rows, events, tmp_path)


def _wrong_kind_cases():
    for name, cases in WRONG_KIND.items():
        for case_id, filename, content in cases:
            yield pytest.param(name, filename, content, id=f"{name}-{case_id}")


@pytest.mark.parametrize(("form_name", "filename", "content"), list(_wrong_kind_cases()))
def test_a_file_of_the_wrong_kind_is_refused_and_nothing_is_kept(
    client, tmp_path, form_name, filename, content
):
    target = UPLOAD_FORMS[form_name](client)
    rows, events = target.saved(), AuditEvent.objects.count()
    # The browser's word for the type counts for nothing: it claims the right one here.
    browser_type = "application/pdf" if form_name == "idps:attachment-add" else "text/csv"
    # The calendar import asks what an iCalendar file's events are: say, so the file is read.
    response = _post(
        client, target, filename, content, browser_type=browser_type, events_are="closure"
    )
    summary = _error_summary(response)
    assert any(message in summary for message in WRONG_KIND_MESSAGES[form_name]), summary
    _assert_nothing_kept(target, rows, events, tmp_path)


def test_the_refusal_is_in_welsh_for_a_welsh_speaker(client, target, tmp_path):
    # A signed-in person's saved language wins over the language cookie.
    User.objects.filter(pk=client.session["_auth_user_id"]).update(preferred_language="cy")
    rows, events = target.saved(), AuditEvent.objects.count()
    filename, content, welsh = WELSH_WRONG_KIND[target.name]
    response = _post(client, target, filename, content)
    assert welsh in _error_summary(response)
    _assert_nothing_kept(target, rows, events, tmp_path)


def test_a_request_body_too_big_for_memory_is_refused(client, target, tmp_path):
    """Django refuses form fields over DATA_UPLOAD_MAX_MEMORY_SIZE (400) before any view runs.
    Files do not count towards it: they are streamed to a temporary file and checked by size."""
    rows, events = target.saved(), AuditEvent.objects.count()
    padding = "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = _post(client, target, *target.good, padding=padding)
    assert response.status_code == 400
    _assert_nothing_kept(target, rows, events, tmp_path)


def test_more_files_than_django_accepts_are_refused(client, target, tmp_path):
    rows, events = target.saved(), AuditEvent.objects.count()
    many = [
        SimpleUploadedFile(f"f{n}.pdf", b"x")
        for n in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    response = client.post(target.url, {**target.other_fields, "extra": many})
    assert response.status_code == 400
    _assert_nothing_kept(target, rows, events, tmp_path)


# --- Hostile names ------------------------------------------------------------------------------


def _multipart(fields: dict[str, str], field: str, filename: str, content: bytes):
    """A multipart body written by hand: the test client would strip a path from the name."""
    boundary = "----attack-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


HOSTILE_NAMES = [
    "../../etc/passwd.pdf",
    "..\\..\\windows\\system32\\report.pdf",
    "/etc/cron.d/report.pdf",
    "report\u202efdp.pdf",  # a right-to-left override: shows as "reportpdf.pdf"
    "Adroddiad Siân ☃.pdf",
    'evil"; filename="other.html.pdf',
    "report.pdf.html",
]


@pytest.mark.parametrize("filename", HOSTILE_NAMES)
def test_a_hostile_file_name_never_chooses_where_or_as_what_the_file_is_kept(
    client, tmp_path, filename
):
    target = _attachment_target(client)
    body, content_type = _multipart(target.other_fields, target.field, filename, PDF)
    response = client.post(target.url, body, content_type=content_type)
    assert response.status_code == 302, response.content[:500]
    attachment = Attachment.objects.get()
    idp = attachment.idp
    # Kept under a name the service chose: the LA, the plan and the document's own id.
    assert attachment.file.name == f"idps/{idp.local_authority_id}/{idp.pk}/{attachment.pk}"
    assert _files_under(tmp_path / "documents") == [tmp_path / "documents" / attachment.file.name]
    assert _files_under(tmp_path / "incoming") == []
    # The name offered on download is plain ASCII with the extension the content calls for.
    assert attachment.filename.isascii()
    assert attachment.filename.endswith(".pdf")
    assert not set(attachment.filename) & set("/\\\"';\r\n\u202e")
    download = client.get(
        reverse(
            "idps:attachment-download", kwargs={"idp_id": idp.pk, "attachment_id": attachment.pk}
        )
    )
    assert download["Content-Disposition"] == f'attachment; filename="{attachment.filename}"'


@pytest.mark.parametrize("filename", ["..", "../", "/"])
def test_a_file_name_that_is_only_a_path_is_no_file(client, tmp_path, filename):
    target = _attachment_target(client)
    body, content_type = _multipart(target.other_fields, target.field, filename, PDF)
    response = client.post(target.url, body, content_type=content_type)
    assert "Select a file" in _error_summary(response)
    _assert_nothing_kept(target, 0, 0, tmp_path)


def test_a_pdf_named_docx_is_kept_as_the_pdf_it_is(client):
    target = _attachment_target(client)
    assert _post(client, target, "plan.docx", PDF, browser_type=rules.DOCX).status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.filename) == (rules.PDF, "plan.pdf")


def test_a_zip_bomb_is_judged_without_being_inflated(client, tmp_path, monkeypatch):
    """The type check reads only the archive's list of parts, never a part itself, so a Word
    document that would inflate to 50 MB is checked (and kept, as it came) in a moment."""
    bomb = _zip_bomb()
    assert len(bomb) < 200 * 1024

    def refuse(*args, **kwargs):
        raise AssertionError("the upload check must not inflate any part of an archive")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    target = _attachment_target(client)
    assert _post(client, target, "plan.docx", bomb).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == rules.DOCX
    assert attachment.size_bytes == len(bomb)
    [stored] = _files_under(tmp_path / "documents")
    assert stored.stat().st_size == len(bomb)


# --- Kept privately, served only through the permission check -----------------------------------


def _attach(client, content=PDF, browser_type="application/pdf"):
    target = _attachment_target(client)
    assert (
        _post(client, target, "report.pdf", content, browser_type=browser_type).status_code == 302
    )
    attachment = Attachment.objects.get()
    url = reverse(
        "idps:attachment-download",
        kwargs={"idp_id": attachment.idp_id, "attachment_id": attachment.pk},
    )
    return attachment, url


def test_a_good_file_is_kept_in_the_private_store_outside_the_web_root(client, tmp_path):
    attachment, _url = _attach(client)
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(tmp_path / "documents")
    assert stored.read_bytes() == PDF
    assert oct(stored.stat().st_mode & 0o777) == oct(0o640)  # the service's user and group only
    with pytest.raises(ValueError, match="only through views"):
        attachment.file.url  # noqa: B018 (the storage never gives a document a URL)


def test_the_document_store_is_not_under_any_directory_the_web_server_serves(settings):
    served = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    if settings.MEDIA_ROOT:
        served.append(Path(settings.MEDIA_ROOT))
    for configured in (settings.DOCUMENTS_ROOT, Path(settings.BASE_DIR) / "var" / "documents"):
        documents = Path(configured).resolve()
        for directory in (path.resolve() for path in served):
            assert not documents.is_relative_to(directory), (documents, directory)
            assert not directory.is_relative_to(documents), (documents, directory)
    # Nothing is configured to serve uploaded media: no MEDIA_URL, no media root.
    assert settings.MEDIA_URL in {"", "/"}
    assert not settings.MEDIA_ROOT


def _callbacks(resolver=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _callbacks(entry)
        elif isinstance(entry, URLPattern):
            yield entry


def test_no_url_serves_files_straight_from_a_directory():
    for entry in _callbacks():
        callback = getattr(entry.callback, "view_class", entry.callback)
        assert callback is not static.serve, entry.pattern
        assert "static" not in getattr(callback, "__module__", ""), entry.pattern
        assert "media" not in str(entry.pattern), entry.pattern


def test_a_kept_file_cannot_be_fetched_by_its_path(client, tmp_path):
    attachment, _url = _attach(client)
    name = attachment.file.name
    for path in (
        f"/static/{name}",
        f"/media/{name}",
        f"/documents/{name}",
        f"/{name}",
        f"/static/../documents/{name}",
        "/static/" + os.path.relpath(attachment.file.path, django_settings.BASE_DIR),
    ):
        assert client.get(path).status_code == 404, path
        assert Client().get(path).status_code in {302, 404}, path


def test_the_download_is_an_attachment_of_the_kept_type_that_is_never_sniffed(client):
    # A PDF that is also a web page, and a browser that says it is a web page.
    attachment, url = _attach(client, content=POLYGLOT, browser_type="text/html")
    assert attachment.content_type == rules.PDF
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == rules.PDF
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == POLYGLOT


@pytest.mark.parametrize(
    "who",
    ["alnco-at-another-school", "manager-of-another-la", "parent-of-another-child"],
)
def test_the_download_is_404_to_someone_with_no_relationship(client, who):
    _attachment, url = _attach(client)
    other_la = LocalAuthorityFactory(code="993")
    organisation = {
        "alnco-at-another-school": {"role": "alnco", "setting": SettingFactory()},
        "manager-of-another-la": {"role": "la_aln_manager", "local_authority": other_la},
        "parent-of-another-child": {"role": "parent"},
    }[who]
    client.force_login(MembershipFactory(**organisation).user)
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(event_type="idp.attachment_downloaded").exists()


def test_the_download_sends_a_signed_out_visitor_to_sign_in(client):
    _attachment, url = _attach(client)
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_a_calendar_import_keeps_no_file_at_all(client, tmp_path):
    target = _calendar_target(client)
    assert _post(client, target, *target.good).status_code == 302
    assert target.saved() == 2
    assert _files_under(tmp_path / "documents") == []
    assert _files_under(tmp_path / "incoming") == []


def test_document_storage_never_gives_a_url():
    with pytest.raises(ValueError, match="only through views"):
        document_storage().url("idps/x")

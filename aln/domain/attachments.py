"""Which files may be attached to an IDP as appendices (Code 23.5, 23.22: professional reports, an
Individual Healthcare Plan, interim targets).

A file's type is decided by what it contains, never by its name or by what the browser says, so
a program renamed `report.pdf` is refused. Only kinds every family can open are accepted: PDF,
Word (DOCX), PNG and JPEG.
"""

from collections.abc import Iterable
from enum import StrEnum

MAX_BYTES = 10 * 1024 * 1024  # 10 MB
# How many bytes from the start of a file `file_type` needs to look at.
HEAD_BYTES = 8


class AttachmentError(StrEnum):
    """Why a file was refused. Stable codes; the interface translates them."""

    EMPTY = "idp.attachment.empty"
    TOO_LARGE = "idp.attachment.too_large"
    WRONG_TYPE = "idp.attachment.wrong_type"
    TITLE_REQUIRED = "idp.attachment.title_required"
    ALREADY_REMOVED = "idp.attachment.already_removed"


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", PNG: "png", JPEG: "jpg"}

_ZIP = b"PK\x03\x04"
# A Word document is a zip holding these two parts (ECMA-376 Part 2, Open Packaging Conventions).
_DOCX_PARTS = frozenset({"[Content_Types].xml", "word/document.xml"})


def is_zip(head: bytes) -> bool:
    return head.startswith(_ZIP)


def file_type(head: bytes, zip_names: Iterable[str] = ()) -> str | None:
    """The content type of a file from its first bytes (and, for a zip, the names inside it), or
    None when it is not one of the accepted kinds."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if is_zip(head) and _DOCX_PARTS.issubset(zip_names):
        return DOCX
    return None


def check_size(size: int) -> AttachmentError | None:
    if size <= 0:
        return AttachmentError.EMPTY
    if size > MAX_BYTES:
        return AttachmentError.TOO_LARGE
    return None

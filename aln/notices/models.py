import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import get_language

from aln.common.models import BaseModel, enum_check
from aln.domain.notices import DeliveryMethod, NoticeKind, NoticeLanguage, ProviderKind
from aln.organisations.models import BilingualNameMixin


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class ImmutableError(Exception):
    """A notice given is evidence: it may be added, never changed or removed (ADR 0008)."""


class DocumentStorage(FileSystemStorage):
    """Private files under `settings.DOCUMENTS_ROOT`, outside the web root, never given a URL.

    The location is read each time (not cached) so tests can point DOCUMENTS_ROOT elsewhere.
    Files are readable by the service's user (and group) only.
    """

    def __init__(self) -> None:
        super().__init__(file_permissions_mode=0o640, directory_permissions_mode=0o750)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.DOCUMENTS_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name) -> str:
        raise ValueError("Documents are served only through views that check who is asking")


_DOCUMENT_STORAGE = DocumentStorage()


def document_storage() -> DocumentStorage:
    return _DOCUMENT_STORAGE


def _notice_path(notice: "Notice", filename: str) -> str:
    return f"notices/{notice.local_authority_id}/{notice.given_on:%Y}/{notice.pk}.pdf"


class SupportProvider(BilingualNameMixin, BaseModel):
    """A service the LA has arranged, printed on every notice (spec §5, §8).

    Information and advice (Act s.9), disagreement avoidance and resolution (s.68, with its
    independent element) and independent advocacy (s.69): often SNAP Cymru, but each LA chooses,
    so notices carry the LA's configured providers, never a hard-coded name. Providers are
    deactivated, not deleted, so the notices that named them still make sense.
    """

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="support_providers"
    )
    kind = models.CharField(max_length=30, choices=_choices(ProviderKind))
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.CharField(max_length=200, blank=True)
    description_en = models.TextField(blank=True)
    description_cy = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name_en"]
        constraints = [enum_check("kind", ProviderKind)]
        indexes = [models.Index(fields=["local_authority", "is_active"])]

    @property
    def description(self) -> str:
        """The description in the language of the current page."""
        in_welsh = (get_language() or "").startswith("cy")
        return (self.description_cy or self.description_en) if in_welsh else self.description_en


class NoticeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("Notices cannot be changed")

    def delete(self):
        raise ImmutableError("Notices cannot be deleted")


class Notice(BaseModel):
    """A statutory notice as given: the PDF, when, how, to whom (spec §5; Act s.88).

    Immutable once written: the stored file, its SHA-256 and the date and method it was given are
    the evidence that the family was told, and of the day the appeal period started. `save()` of
    an existing row and `delete()` raise ImmutableError, as for audit events (ADR 0008).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="notices")
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.PROTECT, related_name="notices"
    )
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(max_length=30, choices=_choices(NoticeKind))
    language = models.CharField(max_length=10, choices=_choices(NoticeLanguage))
    recipients = models.JSONField(default=list)  # aln.domain.notices.Recipient codes
    addressee_names = models.JSONField(default=list)
    rights = models.JSONField(default=list)  # aln.domain.notices.Right codes
    method = models.CharField(max_length=10, choices=_choices(DeliveryMethod))
    email_to = models.JSONField(default=list, blank=True)  # addresses emailed, when by email
    given_on = models.DateField()  # Act s.88(6): email counts as given the day it is sent
    appeal_last_day = models.DateField(null=True, blank=True)
    file = models.FileField(storage=document_storage, upload_to=_notice_path, max_length=200)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveIntegerField()

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-created_at"]
        constraints = [
            enum_check("kind", NoticeKind),
            enum_check("language", NoticeLanguage),
            enum_check("method", DeliveryMethod),
        ]
        indexes = [models.Index(fields=["case", "given_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.given_on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("Notices cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("Notices cannot be deleted")

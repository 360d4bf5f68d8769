import uuid
from enum import Enum

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """UUID key (no guessable ids in URLs) and who/when stamps on every domain row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


def enum_check(field: str, enum: type[Enum]) -> models.CheckConstraint:
    """A database constraint that keeps a status-like column within its domain enum."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": [member.value for member in enum]}),
        name=f"%(app_label)s_%(class)s_{field}_valid",
    )

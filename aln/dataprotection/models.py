"""An LA's retention periods (ADR 0017). The rules are in `aln.domain.retention`."""

from django.db import models

from aln.common.models import BaseModel, enum_check
from aln.domain.retention import RecordType


class RetentionSetting(BaseModel):
    """An LA's period for one kind of record, in years after the date of birth.

    No row means the default (`aln.domain.retention.DEFAULT_YEARS`). Set by the LA's data
    protection officer with `retention_settings_update`.
    """

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="retention_settings"
    )
    record_type = models.CharField(max_length=20, choices=[(t.value, t.value) for t in RecordType])
    years = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["local_authority", "record_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "record_type"],
                name="dataprotection_retentionsetting_unique",
            ),
            enum_check("record_type", RecordType),
        ]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.years} years"

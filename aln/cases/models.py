from django.conf import settings
from django.db import models

from aln.common.models import BaseModel, enum_check
from aln.domain.cases import CaseKind, DecidingBody


class Case(BaseModel):
    """One learner's journey through one statutory question (architecture §4).

    The stages and transitions arrive with the case process (issue 4); the statutory clock hangs
    its deadlines here. `local_authority` is the tenant: the LA responsible for the learner.
    """

    reference = models.CharField(max_length=20, unique=True)
    learner = models.ForeignKey("learners.Learner", on_delete=models.PROTECT, related_name="cases")
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="cases"
    )
    # The school or FEI that must act, when the body is not the LA.
    setting = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in CaseKind])
    deciding_body = models.CharField(
        max_length=20, choices=[(b.value, b.value) for b in DecidingBody]
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_cases",
    )

    class Meta:
        ordering = ["-opened_on", "reference"]
        constraints = [
            enum_check("kind", CaseKind),
            enum_check("deciding_body", DecidingBody),
            models.CheckConstraint(
                condition=models.Q(deciding_body=DecidingBody.LOCAL_AUTHORITY.value)
                | models.Q(setting__isnull=False),
                name="cases_case_school_or_fei_names_setting",
            ),
        ]
        indexes = [models.Index(fields=["learner", "opened_on"])]

    def __str__(self) -> str:
        return self.reference

from django.conf import settings
from django.db import models

from aln.common.models import BaseModel, enum_check
from aln.domain.cases import (
    AdviceFrom,
    CaseKind,
    ConcernSource,
    DecidingBody,
    EvidenceKind,
    ViewsOf,
)
from aln.domain.process import ClosedBecause, Outcome, Stage


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class Case(BaseModel):
    """One learner's journey through one statutory question (architecture §4).

    `stage` moves only through `aln.domain.process.TRANSITIONS`, by the services in
    `aln.cases.services`. `version` guards against two people acting at once: every write checks
    the version the person saw. `local_authority` is the tenant: the LA responsible for the
    learner (the LA that looks after a looked-after child).
    """

    reference = models.CharField(max_length=20, unique=True)
    learner = models.ForeignKey("learners.Learner", on_delete=models.PROTECT, related_name="cases")
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="cases"
    )
    # The school or FEI that decides, or that referred the case to the LA.
    setting = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    kind = models.CharField(max_length=30, choices=_choices(CaseKind))
    deciding_body = models.CharField(max_length=20, choices=_choices(DecidingBody))
    stage = models.CharField(max_length=30, choices=_choices(Stage), default=Stage.GATHERING)
    version = models.PositiveIntegerField(default=1)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closed_because = models.CharField(max_length=30, blank=True, choices=_choices(ClosedBecause))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_cases",
    )

    # The concern (the clock starts when it is brought to the body's attention, or at consent).
    raised_by = models.CharField(max_length=30, blank=True, choices=_choices(ConcernSource))
    raised_by_name = models.CharField(max_length=200, blank=True)
    concern = models.TextField(blank=True)
    brought_to_attention_on = models.DateField(null=True, blank=True)
    is_young_person = models.BooleanField(default=False)
    consent_on = models.DateField(null=True, blank=True)
    # Why this body decides (aln.domain.responsibility), shown to staff and families.
    responsibility_reason = models.CharField(max_length=60, blank=True)
    responsibility_section = models.CharField(max_length=40, blank=True)
    necessity_decision = models.BooleanField(default=False)

    # Referral from the school or FEI to the LA (Act s.12(2)(a)).
    referred_on = models.DateField(null=True, blank=True)
    referral_grounds = models.JSONField(default=list, blank=True)
    referral_summary = models.TextField(blank=True)

    # The decision (Act ss.11, 13, 18) and, for some young persons, necessity (s.14(1)(c)).
    outcome = models.CharField(max_length=30, blank=True, choices=_choices(Outcome))
    reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duty_exception = models.CharField(max_length=60, blank=True)
    idp_preparer = models.CharField(max_length=30, blank=True)  # a responsibility.Body code
    idp_due_on = models.DateField(null=True, blank=True)
    idp_necessary = models.BooleanField(null=True, blank=True)
    necessity_reasons = models.TextField(blank=True)
    necessity_decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "reference"]
        constraints = [
            enum_check("kind", CaseKind),
            enum_check("deciding_body", DecidingBody),
            enum_check("stage", Stage),
            models.CheckConstraint(
                condition=models.Q(deciding_body=DecidingBody.LOCAL_AUTHORITY.value)
                | models.Q(setting__isnull=False),
                name="cases_case_school_or_fei_names_setting",
            ),
            models.CheckConstraint(
                condition=models.Q(stage=Stage.CLOSED.value) | models.Q(closed_on__isnull=True),
                name="cases_case_only_closed_cases_have_closed_on",
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "opened_on"]),
            models.Index(fields=["local_authority", "stage"]),
        ]

    def __str__(self) -> str:
        return self.reference


class Evidence(BaseModel):
    """Graduated response already tried: what, from when, how long, by whom, with what result."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=30, choices=_choices(EvidenceKind))
    description = models.TextField()
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    provided_by = models.CharField(max_length=200, blank=True)
    progress = models.TextField(blank=True)

    class Meta:
        ordering = ["started_on", "created_at"]
        constraints = [enum_check("kind", EvidenceKind)]


class Views(BaseModel):
    """Views, wishes and feelings, in person-centred terms (Act s.6; Code ch. 4, secondary)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="views")
    whose = models.CharField(max_length=20, choices=_choices(ViewsOf))
    important_to = models.TextField()  # what is important to them
    important_for = models.TextField(blank=True)  # what is important for them
    how_to_support = models.TextField(blank=True)
    gathered_on = models.DateField()

    class Meta:
        ordering = ["gathered_on", "created_at"]
        constraints = [enum_check("whose", ViewsOf)]


class AdviceRequest(BaseModel):
    """An assessment or specialist advice asked of someone else, with the date it is wanted by."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="advice_requests")
    source = models.CharField(max_length=30, choices=_choices(AdviceFrom))
    asked_of = models.CharField(max_length=200)
    question = models.TextField()
    requested_on = models.DateField()
    wanted_by = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "created_at"]
        constraints = [enum_check("source", AdviceFrom)]


class NhsReferral(BaseModel):
    """A referral to a health board under Act s.20; it must answer within 6 weeks (reg 11)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="nhs_referrals")
    health_board = models.ForeignKey(
        "organisations.HealthBoard", on_delete=models.PROTECT, related_name="referrals"
    )
    question = models.TextField()
    received_on = models.DateField()  # the day the NHS body received it: the clock's start
    deadline = models.OneToOneField(
        "deadlines.Deadline", null=True, on_delete=models.PROTECT, related_name="nhs_referral"
    )
    responded_on = models.DateField(null=True, blank=True)
    treatment_identified = models.BooleanField(null=True, blank=True)  # s.21(1)
    in_welsh = models.BooleanField(null=True, blank=True)  # s.21(2)
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["received_on", "created_at"]


class Meeting(BaseModel):
    """A person-centred meeting: who was invited, who came, what was agreed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    invited = models.TextField()
    attended = models.TextField(blank=True)
    notes = models.TextField()

    class Meta:
        ordering = ["held_on", "created_at"]

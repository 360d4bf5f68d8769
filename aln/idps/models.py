"""Individual development plans: the plan, its versions, and what happens to it.

An IDP is maintained under the case that decided the learner has ALN (ADR 0012): the case's stage
says where the plan is in its life (IDP due, maintaining, cease proposed, closed) and its deadlines
hold the review periods. A plan is a series of versions. The one being written is a draft;
giving it freezes it (`IdpVersion.save()` refuses to change an issued version) and every later
change is a new draft copied from the last version given. Content that repeats across versions
(needs, elements of ALP) carries a `key` that stays the same from version to version, so a
difference between two versions can match them up.
"""

import uuid

from django.conf import settings
from django.db import models

from aln.common.models import BaseModel, enum_check
from aln.domain.plans import (
    AlpProvider,
    CeaseGround,
    ReviewDecision,
    ReviewRequester,
    TransferKind,
)
from aln.domain.responsibility import Body
from aln.notices.models import ImmutableError, document_storage


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


def new_key() -> str:
    return uuid.uuid4().hex


class PlanLanguage(models.TextChoices):
    """The language the plan is written in and given in (spec §9; the family's choice)."""

    ENGLISH = "en"
    WELSH = "cy"
    BILINGUAL = "bilingual"  # Welsh first, then English


class Idp(BaseModel):
    """One learner's plan, from the first draft until it ends. The case is its statutory home."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="idp")
    learner = models.ForeignKey("learners.Learner", on_delete=models.PROTECT, related_name="idps")
    # Who must maintain it now (aln.domain.responsibility.Body); the LA is the tenant.
    maintained_by = models.CharField(max_length=30, choices=_choices(Body))
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="idps"
    )
    setting = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="idps",
    )
    first_given_on = models.DateField(null=True, blank=True)
    # The current review period began on this date (s.23(3)-(5), (10); spec T11).
    review_period_started_on = models.DateField(null=True, blank=True)
    # Ceasing (s.31): a proposal, then a decision; or an automatic ground.
    cease_ground = models.CharField(max_length=40, blank=True, choices=_choices(CeaseGround))
    cease_proposed_on = models.DateField(null=True, blank=True)
    cease_reasons = models.TextField(blank=True)
    ceased_on = models.DateField(null=True, blank=True)
    # The last day a family may ask the LA to reconsider a school's decision to cease (s.32;
    # Regs reg 12; spec T7).
    reconsideration_closes_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            enum_check("maintained_by", Body),
            models.CheckConstraint(
                condition=models.Q(cease_ground="")
                | models.Q(cease_ground__in=[g.value for g in CeaseGround]),
                name="idps_idp_cease_ground_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["local_authority", "maintained_by"]),
            models.Index(fields=["setting", "ceased_on"]),
        ]

    def __str__(self) -> str:
        return f"IDP {self.case_id}"


class VersionState(models.TextChoices):
    DRAFT = "draft"
    ISSUED = "issued"


class IdpVersion(BaseModel):
    """One version of the plan in the mandatory form (spec §4.2).

    `revision` counts saves of a draft: every save says which revision the author started from,
    and a save made from an older revision is refused (two people editing one draft).
    """

    idp = models.ForeignKey(Idp, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=VersionState.choices, default="draft")
    revision = models.PositiveIntegerField(default=1)
    why_revised = models.TextField(blank=True)  # for versions after the first
    language = models.CharField(
        max_length=10, choices=PlanLanguage.choices, default=PlanLanguage.ENGLISH
    )

    # Section 1: about me. The one-page profile is written with the child or young person.
    communication_language = models.CharField(max_length=100, blank=True)
    like_and_admire = models.TextField(blank=True)
    important_to_me = models.TextField(blank=True)
    how_to_support_me = models.TextField(blank=True)
    profile_written_with = models.TextField(blank=True)  # who took part, and how
    # Section 2A: the description of ALN and its impact on learning (s.10(a); Code 23.27-23.28).
    needs_summary = models.TextField(blank=True)
    # Section 2D: an LA plan's other provision (ss.14(6)-(7), 48).
    named_school = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    other_placement = models.TextField(blank=True)  # place at another school or institution
    board_and_lodging = models.TextField(blank=True)
    # Later sections (numbering UNVERIFIED, spec §4.2).
    information_used = models.TextField(blank=True)
    transition_arrangements = models.TextField(blank=True)

    # Given (s.22): when, by whom, to whom, and the notice that carried the copy.
    issued_on = models.DateField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    given_to = models.JSONField(default=list, blank=True)  # names as printed on the notice
    notice = models.OneToOneField(
        "notices.Notice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="idp_version",
    )

    class Meta:
        ordering = ["idp", "number"]
        constraints = [
            models.UniqueConstraint(fields=["idp", "number"], name="idps_version_number_unique"),
            # At most one draft per plan at a time.
            models.UniqueConstraint(
                fields=["idp"],
                condition=models.Q(state="draft"),
                name="idps_one_draft_per_plan",
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(issued_on__isnull=False),
                name="idps_issued_version_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idp} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.state == VersionState.DRAFT

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk:
            stored = IdpVersion.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == VersionState.ISSUED:
                raise ImmutableError("A plan that has been given cannot be changed")
        super().save(*args, **kwargs)


class Need(BaseModel):
    """One described need in section 2A: what it is and its impact on learning."""

    version = models.ForeignKey(IdpVersion, on_delete=models.CASCADE, related_name="needs")
    key = models.CharField(max_length=32, default=new_key)
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField()
    impact = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="idps_need_key_unique")
        ]


class Element(BaseModel):
    """One element of ALP: 2B.1-2B.7, or 2C when an NHS body secures it (s.21(3))."""

    version = models.ForeignKey(IdpVersion, on_delete=models.CASCADE, related_name="elements")
    key = models.CharField(max_length=32, default=new_key)
    position = models.PositiveSmallIntegerField(default=0)
    need_keys = models.JSONField(default=list, blank=True)  # the 2A needs the outcome is for
    outcome = models.TextField(blank=True)  # 2B.1
    # Why the outcome states no measure or no date, when it does not (issue 5: needed to issue).
    outcome_exception = models.TextField(blank=True)
    provision = models.TextField(blank=True)  # 2B.2: what
    frequency = models.CharField(max_length=200, blank=True)  # how often
    duration = models.CharField(max_length=200, blank=True)  # how long each time
    group_size = models.CharField(max_length=100, blank=True)
    welsh_required = models.BooleanField(null=True, blank=True)  # 2B.3; None: not decided
    provider = models.CharField(max_length=20, blank=True, choices=_choices(AlpProvider))  # 2B.4
    provider_name = models.CharField(max_length=200, blank=True)
    health_board = models.ForeignKey(
        "organisations.HealthBoard",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(null=True, blank=True)  # 2B.5
    review_or_end_on = models.DateField(null=True, blank=True)  # 2B.6
    rationale = models.TextField(blank=True)  # 2B.7

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="idps_element_key_unique"),
            models.CheckConstraint(
                condition=models.Q(provider="")
                | models.Q(provider__in=[p.value for p in AlpProvider]),
                name="idps_element_provider_valid",
            ),
        ]

    @property
    def is_nhs(self) -> bool:
        return self.provider == AlpProvider.NHS_BODY


def _attachment_path(attachment: "Attachment", filename: str) -> str:
    return f"idps/{attachment.idp.local_authority_id}/{attachment.idp_id}/{attachment.pk}"


class AttachmentKind(models.TextChoices):
    PROFESSIONAL_REPORT = "professional_report"
    HEALTH_CARE_PLAN = "health_care_plan"  # Individual Healthcare Plan (Code 23.5, 23.22)
    INTERIM_TARGETS = "interim_targets"
    OTHER = "other"


class Attachment(BaseModel):
    """An appendix to the plan (Code 23.5, secondary). Part of every version from the one it was
    added in until the one it was removed in; the file itself is never changed."""

    idp = models.ForeignKey(Idp, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=30, choices=AttachmentKind.choices)
    title = models.CharField(max_length=200)
    document_date = models.DateField(null=True, blank=True)
    file = models.FileField(storage=document_storage, upload_to=_attachment_path, max_length=200)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    added_in = models.PositiveIntegerField()  # version number
    removed_in = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["added_in", "created_at"]
        constraints = [enum_check("kind", AttachmentKind)]


class Review(BaseModel):
    """A review of the plan (s.23): who was invited, their views, progress, and the decision."""

    idp = models.ForeignKey(Idp, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(IdpVersion, on_delete=models.PROTECT, related_name="reviews")
    invited = models.TextField()
    invited_on = models.DateField()
    held_on = models.DateField()
    attended = models.TextField(blank=True)
    learner_views = models.TextField()
    family_views = models.TextField(blank=True)
    others_views = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=_choices(ReviewDecision))
    reasons = models.TextField(blank=True)
    notice = models.OneToOneField(
        "notices.Notice", null=True, blank=True, on_delete=models.PROTECT, related_name="review"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        constraints = [enum_check("decision", ReviewDecision)]


class ReviewProgress(BaseModel):
    """Progress towards one outcome, as the review found it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    element_key = models.CharField(max_length=32)
    outcome = models.TextField()  # the outcome as it stood, kept with the review
    progress = models.TextField()

    class Meta:
        ordering = ["created_at"]


class RequestState(models.TextChoices):
    OPEN = "open"
    DONE = "done"  # a review was held
    REFUSED = "refused"  # refused as unnecessary, with reasons (spec §5; timing UNVERIFIED)


class ReviewRequest(BaseModel):
    """A request for a review from the child, parent, young person or an NHS body: a task with
    an owner until a review is held or the request is answered."""

    idp = models.ForeignKey(Idp, on_delete=models.CASCADE, related_name="review_requests")
    requested_by = models.CharField(max_length=20, choices=_choices(ReviewRequester))
    requester_name = models.CharField(max_length=200, blank=True)
    received_on = models.DateField()
    reason = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_requests",
    )
    state = models.CharField(max_length=10, choices=RequestState.choices, default="open")
    answered_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )

    class Meta:
        ordering = ["received_on", "created_at"]
        constraints = [
            enum_check("requested_by", ReviewRequester),
            enum_check("state", RequestState),
        ]
        indexes = [models.Index(fields=["owner", "state"])]


class Transfer(BaseModel):
    """The plan passed to a new body (s.35, s.30): from whom, to whom, and when."""

    idp = models.ForeignKey(Idp, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(max_length=30, choices=_choices(TransferKind))
    joined_on = models.DateField()
    from_body = models.CharField(max_length=30, choices=_choices(Body))
    from_local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    from_setting = models.ForeignKey(
        "organisations.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_body = models.CharField(max_length=30, choices=_choices(Body))
    to_local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    to_setting = models.ForeignKey(
        "organisations.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)
    notice = models.OneToOneField(
        "notices.Notice", null=True, blank=True, on_delete=models.PROTECT, related_name="transfer"
    )

    class Meta:
        ordering = ["-joined_on", "-created_at"]
        constraints = [
            enum_check("kind", TransferKind),
            enum_check("from_body", Body),
            enum_check("to_body", Body),
        ]

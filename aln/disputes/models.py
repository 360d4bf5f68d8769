"""Disagreements: requests to the LA (Act ss.26-28, 32), appeals to the Education Tribunal for
Wales (s.70) and the orders they lead to, disagreement resolution and independent advocacy
(ss.68-69), and who may act for a learner who lacks capacity (ss.83-85).

The law is in `aln.domain.disagreements`; these rows record what happened. Each record hangs on
the learner and, where there is one, the case whose decision or plan it is about (ADR 0013), so
its clock is an ordinary `Deadline` on that case and it appears in the case's history and the
learner's disagreement log.
"""

from django.conf import settings
from django.db import models

from aln.common.models import BaseModel, enum_check
from aln.domain.disagreements import (
    AppealDecision,
    AppealStage,
    Appellant,
    CapacityAssessor,
    DutyException,
    LaOutcome,
    OrderKind,
    Requester,
    ResolutionOutcome,
    Route,
    SupportKind,
)
from aln.domain.responsibility import Body


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


def _blank_or(field: str, enum) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{field: ""}) | models.Q(**{f"{field}__in": [m.value for m in enum]}),
        name=f"%(app_label)s_%(class)s_{field}_valid",
    )


class RequestStatus(models.TextChoices):
    OPEN = "open"  # the LA must answer by the deadline
    DECIDED = "decided"  # answered with an outcome and its notice
    EXCEPTION = "exception"  # the duty does not apply (s.29), recorded with the reasons
    WITHDRAWN = "withdrawn"


class LaRequest(BaseModel):
    """A request to the LA about a maintained school's decision or plan, or for the LA to take
    over a school's or FEI's plan (spec §6.1). Refused requests (no standing, no decision, window
    closed) are never stored: the form says why."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="la_requests")
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.PROTECT, related_name="la_requests"
    )
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="la_requests"
    )
    # The school or FEI whose decision or plan it is about (invited to make representations).
    setting = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="la_requests",
    )
    route = models.CharField(max_length=30, choices=_choices(Route))
    requester = models.CharField(max_length=20, choices=_choices(Requester))
    requester_name = models.CharField(max_length=200)
    # The signed-in person who sent it, when a family member asked online.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="la_requests_made",
    )
    received_on = models.DateField()
    details = models.TextField()
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    # The LA's answer is due by this clock (la-reconsideration, la-idp-reconsideration, ...).
    deadline = models.OneToOneField(
        "deadlines.Deadline",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="la_request",
    )
    # The other side is told and invited to make representations (ss.26(3), 27(3), 28(4)-(5)).
    representations_invited_on = models.DateField(null=True, blank=True)
    representations_received_on = models.DateField(null=True, blank=True)
    representations = models.TextField(blank=True)
    # The duty does not apply (s.29; exceptions UNVERIFIED), with the reasons.
    duty_exception = models.CharField(max_length=40, blank=True, choices=_choices(DutyException))
    exception_reasons = models.TextField(blank=True)
    # The LA's answer.
    outcome = models.CharField(max_length=40, blank=True, choices=_choices(LaOutcome))
    outcome_reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="la_requests_decided",
    )
    # A direction to the school states its own date (s.14(2)(b), s.27(7)); the school owns it.
    direction_due_on = models.DateField(null=True, blank=True)
    notice = models.ForeignKey(
        "notices.Notice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="la_requests",
    )
    closed_on = models.DateField(null=True, blank=True)
    withdrawal_reasons = models.TextField(blank=True)  # the requester's word, when withdrawn
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_on", "-created_at"]
        constraints = [
            enum_check("route", Route),
            enum_check("requester", Requester),
            enum_check("status", RequestStatus),
            _blank_or("duty_exception", DutyException),
            _blank_or("outcome", LaOutcome),
        ]
        indexes = [
            models.Index(fields=["local_authority", "status", "route"]),
            models.Index(fields=["learner", "received_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.route} {self.received_on}"


class Appeal(BaseModel):
    """An appeal to the Education Tribunal for Wales against an LA's or FEI's decision (s.70)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="appeals")
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.PROTECT, related_name="appeals"
    )
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="appeals"
    )
    # The decision appealed: its notice (the appeal period begins on the day it was given).
    notice = models.ForeignKey(
        "notices.Notice", null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    la_request = models.ForeignKey(
        LaRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    decided_by = models.CharField(max_length=30, choices=_choices(Body))
    appellant = models.CharField(max_length=20, choices=_choices(Appellant))
    appellant_name = models.CharField(max_length=200)
    matters = models.JSONField(default=list)  # aln.domain.disagreements.AppealMatter values
    notice_given_on = models.DateField()
    received_on = models.DateField()  # by the Tribunal
    # From the clock: etw-appeal, or etw-appeal-extended after a timely s.68 referral (T14).
    last_day = models.DateField()
    extended = models.BooleanField(default=False)
    tribunal_reference = models.CharField(max_length=60, blank=True)
    stage = models.CharField(
        max_length=30, choices=_choices(AppealStage), default=AppealStage.LODGED
    )
    late_permission = models.BooleanField(null=True, blank=True)  # ETW Regs reg 14
    # Dates the Tribunal sets (no statutory rule in the spec).
    case_statement_due_on = models.DateField(null=True, blank=True)
    hearing_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=20, blank=True, choices=_choices(AppealDecision))
    decision_summary = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_sent_on = models.DateField(null=True, blank=True)  # starts etw-review (T15)
    review_applied_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    withdrawal_reasons = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_on", "-created_at"]
        constraints = [
            enum_check("decided_by", Body),
            enum_check("appellant", Appellant),
            enum_check("stage", AppealStage),
            _blank_or("decision", AppealDecision),
        ]
        indexes = [
            models.Index(fields=["local_authority", "stage"]),
            models.Index(fields=["learner", "received_on"]),
        ]

    def __str__(self) -> str:
        return self.tribunal_reference or f"appeal {self.received_on}"


class TribunalOrder(BaseModel):
    """Something the Tribunal ordered, tracked to completion by its owner. The date to comply by
    is the one the order states (spec T20: no statutory figure)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(max_length=40, choices=_choices(OrderKind))
    details = models.TextField()
    made_on = models.DateField()
    comply_by = models.DateField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tribunal_orders",
    )
    completed_on = models.DateField(null=True, blank=True)
    completion_notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["comply_by", "created_at"]
        constraints = [enum_check("kind", OrderKind)]
        indexes = [models.Index(fields=["owner", "completed_on", "comply_by"])]

    def __str__(self) -> str:
        return f"{self.kind} by {self.comply_by}"


class SupportReferral(BaseModel):
    """A referral to the LA's disagreement resolution (s.68) or independent advocacy (s.69)
    provider. A timely s.68 referral extends the appeal period (T14)."""

    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.PROTECT, related_name="support_referrals"
    )
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="support_referrals"
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_referrals",
    )
    # The decision the disagreement is about, when there is a notice (for the appeal period).
    notice = models.ForeignKey(
        "notices.Notice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_referrals",
    )
    kind = models.CharField(max_length=30, choices=_choices(SupportKind))
    provider = models.ForeignKey(
        "notices.SupportProvider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referred_on = models.DateField()
    referred_by_name = models.CharField(max_length=200)
    about = models.TextField()
    outcome = models.CharField(max_length=20, blank=True, choices=_choices(ResolutionOutcome))
    outcome_on = models.DateField(null=True, blank=True)
    outcome_notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-referred_on", "-created_at"]
        constraints = [enum_check("kind", SupportKind), _blank_or("outcome", ResolutionOutcome)]
        indexes = [models.Index(fields=["local_authority", "kind", "outcome"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.referred_on}"


class CapacityRecord(BaseModel):
    """A view, or the Tribunal's declaration, on whether a child has capacity (s.84)."""

    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.PROTECT, related_name="capacity_records"
    )
    assessor = models.CharField(max_length=20, choices=_choices(CapacityAssessor))
    lacks_capacity = models.BooleanField()
    decided_on = models.DateField()
    decided_by_name = models.CharField(max_length=200)
    reasons = models.TextField()

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        constraints = [enum_check("assessor", CapacityAssessor)]

    def __str__(self) -> str:
        return f"{self.assessor} {self.decided_on}"


class ActingForKind(models.TextChoices):
    CASE_FRIEND = "case_friend"  # s.85: appointed by the Tribunal for a child lacking capacity
    REPRESENTATIVE = "representative"  # s.83: deputy or attorney of a parent or young person


class ActingFor(BaseModel):
    """Someone who exercises the learner's (or a parent's) rights for them (ss.83, 85): they are
    given the notices and may make requests and appeals."""

    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.PROTECT, related_name="acting_for"
    )
    kind = models.CharField(max_length=20, choices=ActingForKind.choices)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    authority = models.CharField(max_length=300)  # e.g. the Tribunal's appointment, a deputyship
    appointed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reasons = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-appointed_on", "-created_at"]
        constraints = [enum_check("kind", ActingForKind)]

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"

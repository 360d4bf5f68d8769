from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from aln.common.models import BaseModel, enum_check
from aln.domain.organisations import EducationArrangement, Language


class Relationship(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    STEP_PARENT = "step_parent", _("Step-parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    FOSTER_CARER = "foster_carer", _("Foster carer")
    SPECIAL_GUARDIAN = "special_guardian", _("Special guardian")
    OTHER_CARER = "other_carer", _("Other carer")


class Learner(BaseModel):
    """A child or young person (0-25) the ALN system may owe duties to."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    # Early years children and some young people have no UPN; when present it is unique.
    upn = models.CharField(_("unique pupil number"), max_length=13, blank=True)
    home_local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="resident_learners"
    )
    is_looked_after = models.BooleanField(default=False)
    looked_after_by = models.ForeignKey(
        "organisations.LocalAuthority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="looked_after_learners",
    )
    education_arrangement = models.CharField(
        max_length=30,
        choices=[(a.value, a.value) for a in EducationArrangement],
        default=EducationArrangement.AT_SETTING.value,
    )
    preferred_language = models.CharField(
        max_length=2, choices=[(lang.value, lang.value) for lang in Language], default="en"
    )
    # A young person's own sign-in, when they have one.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learner_record",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            enum_check("education_arrangement", EducationArrangement),
            enum_check("preferred_language", Language),
            models.UniqueConstraint(
                fields=["upn"], condition=~models.Q(upn=""), name="learners_learner_upn_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(is_looked_after=False) | models.Q(looked_after_by__isnull=False),
                name="learners_learner_looked_after_names_la",
            ),
        ]
        indexes = [
            models.Index(Lower("last_name"), Lower("first_name"), name="learners_name_ci"),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["home_local_authority", "last_name", "first_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Enrolment(BaseModel):
    """A period at a setting. Two open enrolments, both marked dual, are dual registration."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="enrolments")
    setting = models.ForeignKey(
        "organisations.Setting", on_delete=models.PROTECT, related_name="enrolments"
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    is_dual_registration = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="learners_enrolment_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["setting", "ended_on"]),
            models.Index(fields=["learner", "ended_on"]),
        ]


class FamilyMember(BaseModel):
    """A parent or carer; one record shared by all their children's links."""

    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    preferred_language = models.CharField(
        max_length=2, choices=[(lang.value, lang.value) for lang in Language], default="en"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_member",
    )

    class Meta:
        ordering = ["full_name"]
        constraints = [enum_check("preferred_language", Language)]

    def __str__(self) -> str:
        return self.full_name


class FamilyLink(BaseModel):
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="family_links")
    family_member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    has_parental_responsibility = models.BooleanField(default=True)
    is_main_contact = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_main_contact", "family_member__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "family_member"], name="learners_familylink_unique"
            ),
            enum_check("relationship", Relationship),
        ]


class LearnerAccessGrant(BaseModel):
    """Lets a named practitioner, clinician or advocate see one learner, for a reason."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_grants"
    )
    reason = models.CharField(max_length=300)
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "user"], name="learners_grant_unique"),
        ]

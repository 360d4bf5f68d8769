from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from aln.common.models import BaseModel, enum_check
from aln.domain.organisations import LanguageMedium, LAServiceKind, SettingKind


class BilingualNameMixin(models.Model):
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the language of the current page."""
        return self.name_cy if (get_language() or "").startswith("cy") else self.name_en


class ContactDetailsMixin(models.Model):
    """How a family reaches the body: printed on every statutory notice it gives (spec §5)."""

    contact_address = models.TextField(_("postal address"), blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email address"), blank=True)

    class Meta:
        abstract = True


class LocalAuthority(ContactDetailsMixin, BilingualNameMixin, BaseModel):
    """One of the 22 principal councils in Wales (or a fictional demo authority)."""

    code = models.CharField(max_length=3, unique=True, help_text="Welsh Government LA number")
    gss_code = models.CharField(max_length=9, unique=True, help_text="ONS GSS code (W06...)")
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "local authorities"


class HealthBoard(BilingualNameMixin, BaseModel):
    """A Local Health Board: its DECLO and clinicians give the NHS's part (Act ss.20-21, 61)."""

    code = models.CharField(max_length=10, unique=True)
    served_authorities = models.ManyToManyField(LocalAuthority, related_name="health_boards")

    class Meta:
        ordering = ["name_en"]


class Setting(ContactDetailsMixin, BilingualNameMixin, BaseModel):
    """A school, PRU, early years setting or college a learner can attend."""

    kind = models.CharField(max_length=40, choices=[(k.value, k.value) for k in SettingKind])
    language_medium = models.CharField(
        max_length=20, choices=[(m.value, m.value) for m in LanguageMedium]
    )
    # The maintaining LA for maintained schools; the LA area for other settings.
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="settings"
    )
    establishment_number = models.CharField(max_length=4, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name_en"]
        constraints = [
            enum_check("kind", SettingKind),
            enum_check("language_medium", LanguageMedium),
            models.UniqueConstraint(
                fields=["local_authority", "establishment_number"],
                condition=~models.Q(establishment_number=""),
                name="organisations_setting_unique_establishment",
            ),
        ]
        indexes = [models.Index(fields=["local_authority", "kind"])]


class SpecialistClass(BaseModel):
    """An LA specialist class (resourced provision) hosted by a mainstream setting."""

    setting = models.ForeignKey(
        Setting, on_delete=models.PROTECT, related_name="specialist_classes"
    )
    name = models.CharField(max_length=200)
    places = models.PositiveIntegerField()
    language_medium = models.CharField(
        max_length=20, choices=[(m.value, m.value) for m in LanguageMedium]
    )
    need_types = models.JSONField(default=list, help_text="NeedType codes the class is for")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialist classes"
        constraints = [enum_check("language_medium", LanguageMedium)]


class LAService(BilingualNameMixin, BaseModel):
    """An LA specialist service; regional services are led by one LA and serve several."""

    kind = models.CharField(max_length=40, choices=[(k.value, k.value) for k in LAServiceKind])
    lead_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="led_services"
    )
    served_authorities = models.ManyToManyField(LocalAuthority, related_name="services")

    class Meta:
        ordering = ["name_en"]
        verbose_name = "LA service"
        constraints = [enum_check("kind", LAServiceKind)]

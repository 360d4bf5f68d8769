from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukForm
from aln.common.i18n import PROVIDER_KIND_LABELS
from aln.domain.notices import ProviderKind
from aln.notices.models import SupportProvider
from aln.notices.services import ProviderDetails

_NAME_LENGTH = 200
_DESCRIPTION_LENGTH = 1000


class ProviderForm(GovukForm):
    """A provider's details, as the LA ALN manager types them, in English and Welsh."""

    kind = forms.ChoiceField(
        label=_("What does this provider do?"),
        widget=forms.RadioSelect,
        choices=[(kind.value, PROVIDER_KIND_LABELS[kind.value]) for kind in ProviderKind],
        error_messages={
            "required": _("Select what this provider does"),
            "invalid_choice": _("Select what this provider does"),
        },
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=_NAME_LENGTH,
        error_messages={
            "required": _("Enter the provider's name in English"),
            "max_length": _("The name in English must be 200 characters or fewer"),
        },
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=_NAME_LENGTH,
        error_messages={
            "required": _("Enter the provider's name in Welsh"),
            "max_length": _("The name in Welsh must be 200 characters or fewer"),
        },
    )
    phone = forms.CharField(
        label=_("Telephone number (optional)"),
        required=False,
        max_length=40,
        error_messages={"max_length": _("The telephone number must be 40 characters or fewer")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.org")
        },
    )
    website = forms.CharField(
        label=_("Website (optional)"),
        required=False,
        max_length=_NAME_LENGTH,
        error_messages={"max_length": _("The website must be 200 characters or fewer")},
    )
    description_en = forms.CharField(
        label=_("What the provider offers, in English (optional)"),
        required=False,
        max_length=_DESCRIPTION_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("The description in English must be 1,000 characters or fewer")
        },
    )
    description_cy = forms.CharField(
        label=_("What the provider offers, in Welsh (optional)"),
        required=False,
        max_length=_DESCRIPTION_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("The description in Welsh must be 1,000 characters or fewer")
        },
    )

    @classmethod
    def initial_for(cls, provider: SupportProvider) -> dict:
        return {name: getattr(provider, name) for name in cls.base_fields}

    def details(self) -> ProviderDetails:
        data = self.cleaned_data
        return ProviderDetails(
            kind=ProviderKind(data["kind"]),
            name_en=data["name_en"].strip(),
            name_cy=data["name_cy"].strip(),
            phone=data["phone"].strip(),
            email=data["email"].strip(),
            website=data["website"].strip(),
            description_en=data["description_en"].strip(),
            description_cy=data["description_cy"].strip(),
        )

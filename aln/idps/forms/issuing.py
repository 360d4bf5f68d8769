"""The shape of the form that gives a plan. Whether the plan may be given, and whether the date
follows the law, are for `aln.idps.services.issuing.idp_give`; this parses input."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import DELIVERY_METHOD_LABELS, NOTICE_LANGUAGE_LABELS
from aln.domain.notices import DeliveryMethod, NoticeLanguage

MAX_EMAIL_ADDRESSES = 10


def _radios(label, labels: dict, enum, message) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=[(member.value, labels[member.value]) for member in enum],
        error_messages={"required": message, "invalid_choice": message},
    )


class IdpGiveForm(GovukForm):
    # The draft's revision and the case's version the person saw: a change since is refused.
    revision = forms.CharField(required=False, widget=forms.HiddenInput)
    case_version = forms.CharField(required=False, widget=forms.HiddenInput)
    given_on = GovukDateField(
        label=_("Date the IDP is given"),
        error_messages={"required": _("Enter the date the IDP is given")},
    )
    language = _radios(
        _("Which language should the IDP and the letter be in?"),
        NOTICE_LANGUAGE_LABELS,
        NoticeLanguage,
        _("Select the language of the IDP"),
    )
    method = _radios(
        _("How will the IDP be given?"),
        DELIVERY_METHOD_LABELS,
        DeliveryMethod,
        _("Select how the IDP will be given"),
    )
    email_to = forms.CharField(
        label=_("Email addresses (if you give it by email)"),
        help_text=_(
            "One address on each line. Leave empty to use the addresses we hold for the family."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def _seen(self, name: str) -> int | None:
        value = self.cleaned_data.get(name) or ""
        return int(value) if value.isdigit() else None

    def revision_seen(self) -> int | None:
        return self._seen("revision")

    def case_version_seen(self) -> int | None:
        return self._seen("case_version")

    def clean_email_to(self) -> list[str]:
        text = self.cleaned_data.get("email_to") or ""
        addresses = [part for part in text.replace(",", " ").split() if part]
        if len(addresses) > MAX_EMAIL_ADDRESSES:
            raise ValidationError(_("Enter no more than 10 email addresses"))
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError as error:
                raise ValidationError(
                    _("Enter email addresses in the correct format, like name@example.com")
                ) from error
        return list(dict.fromkeys(addresses))

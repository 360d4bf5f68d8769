from typing import cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukForm
from aln.common.i18n import (
    RETENTION_RECORD_TYPE_HINTS,
    RETENTION_RECORD_TYPE_LABELS,
    error_message,
)
from aln.domain.retention import RecordType, RetentionError

_YEARS_ERRORS = {
    "required": _("Enter a number of years"),
    "invalid": _("Enter a whole number of years, like 31"),
}


class RetentionSettingsForm(GovukForm):
    """A number of years after the date of birth for each record type (`years__<type>`).

    Ranges and the order between them are checked by the service against the domain.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for record_type in RecordType:
            self.fields[f"years__{record_type.value}"] = forms.IntegerField(
                label=RETENTION_RECORD_TYPE_LABELS[record_type.value],
                help_text=RETENTION_RECORD_TYPE_HINTS[record_type.value],
                error_messages=_YEARS_ERRORS,
            )


class RetentionEraseForm(GovukForm):
    """The records ticked for erasure (the service checks each again), why, and the typed word.

    `choices`: the learners offered, as (id, label).
    """

    learners = forms.MultipleChoiceField(
        label=_("Records to erase"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Why are these records being erased?"),
        help_text=_(
            "For example, the retention review of your authority's records. This is kept in "
            "the audit trail."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"max_length": _("Reason must be 1,000 characters or fewer")},
    )
    confirm = forms.CharField(
        label=_("To confirm, type the word erase"),
        help_text=_("Erased records cannot be brought back."),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast("forms.MultipleChoiceField", self.fields["learners"]).choices = list(choices)
        # The messages keyed by code, read in the page's language.
        self.fields["learners"].error_messages.update(
            required=error_message(RetentionError.NOTHING_SELECTED),
            invalid_choice=error_message(RetentionError.NOT_ERASABLE),
        )
        self.fields["reason"].error_messages["required"] = error_message(
            RetentionError.REASON_REQUIRED
        )
        self.fields["confirm"].error_messages["required"] = error_message(
            RetentionError.CONFIRMATION_WRONG
        )

    def clean_confirm(self) -> str:
        """The word in the page's language (Welsh: "dileu"), or the English word on any page."""
        typed = self.cleaned_data["confirm"].strip().casefold()
        # Translators: the word typed to confirm an erasure (the labels and errors name it).
        words = {"erase", gettext("erase").casefold()}
        if typed not in words:
            raise forms.ValidationError(error_message(RetentionError.CONFIRMATION_WRONG))
        return typed

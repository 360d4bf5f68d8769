from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.audit.selectors import AuditFilters
from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import AUDIT_EVENT_LABELS, AUDIT_SUBJECT_LABELS


def _by_label(labels: dict) -> list[tuple[str, str]]:
    """Choices sorted by their words in the language of the page, so a person can scan them."""
    return sorted(((code, str(text)) for code, text in labels.items()), key=lambda c: c[1])


class AuditSearchForm(GovukForm):
    """The DPO's filters on the audit trail (GET). Every field is optional."""

    from_date = GovukDateField(label=_("From"), required=False)
    to_date = GovukDateField(label=_("To"), required=False)
    who = forms.CharField(label=_("Who"), required=False, max_length=200)
    event_type = forms.ChoiceField(
        label=_("What happened"),
        required=False,
        error_messages={"invalid_choice": _("Select an option from the list")},
    )
    subject_type = forms.ChoiceField(
        label=_("Type of record"),
        required=False,
        error_messages={"invalid_choice": _("Select an option from the list")},
    )
    subject_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    learner = forms.CharField(label=_("Learner"), required=False, max_length=64)
    request_id = forms.CharField(label=_("Request id"), required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        any_choice = ("", str(_("Any")))
        event_type = cast(forms.ChoiceField, self.fields["event_type"])
        subject_type = cast(forms.ChoiceField, self.fields["subject_type"])
        event_type.choices = [any_choice, *_by_label(AUDIT_EVENT_LABELS)]
        subject_type.choices = [any_choice, *_by_label(AUDIT_SUBJECT_LABELS)]

    def clean(self):
        cleaned = super().clean() or {}
        from_date, to_date = cleaned.get("from_date"), cleaned.get("to_date")
        if from_date and to_date and to_date < from_date:
            self.add_error(
                "to_date", _("The date in “To” must be the same as or after the date in “From”")
            )
        return cleaned

    def filters(self) -> AuditFilters:
        """The filters typed (call after `is_valid()`)."""
        data = self.cleaned_data
        return AuditFilters(
            from_date=data.get("from_date"),
            to_date=data.get("to_date"),
            who=data.get("who", "").strip(),
            event_type=data.get("event_type", ""),
            subject_type=data.get("subject_type", ""),
            subject_id=data.get("subject_id", "").strip(),
            learner=data.get("learner", "").strip(),
            request_id=data.get("request_id", "").strip(),
        )

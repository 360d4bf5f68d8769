from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.accounts.models import User
from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import ERROR_MESSAGES, MISSED_REASON_LABELS, RULE_LABELS
from aln.domain.deadlines import MAX_CIRCUMSTANCE_LENGTH, DeadlineError, MissedReason
from aln.organisations.models import Setting


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.email


class DeadlineFilterForm(GovukForm):
    """The dashboard's filters. Every field is optional; the lists hold only what is in scope."""

    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(),
        required=False,
        label=_("School or setting"),
        error_messages={"invalid_choice": _("Select a school or setting from the list")},
    )
    owner = OwnerChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Officer"),
        error_messages={"invalid_choice": _("Select an officer from the list")},
    )
    rule = forms.ChoiceField(
        label=_("Time limit"),
        required=False,
        choices=[("", _("Any")), *RULE_LABELS.items()],
        error_messages={"invalid_choice": _("Select a time limit from the list")},
    )

    def __init__(self, *args, settings_queryset=None, owners_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Families see their own children's deadlines only: no school or officer to choose.
        for name, queryset in (("setting", settings_queryset), ("owner", owners_queryset)):
            if queryset is None:
                del self.fields[name]
                continue
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = queryset
            field.empty_label = _("Any")


def _version_field() -> forms.Field:
    # What the person saw. Anything unreadable is treated as out of date by the view, so the
    # error is never put on a field nobody can see.
    return forms.CharField(required=False, widget=forms.HiddenInput)


def version_of(form: forms.Form) -> int | None:
    value = form.cleaned_data.get("version") or ""
    return int(value) if value.isdigit() else None


class DeadlineMeetForm(GovukForm):
    met_on = GovukDateField(
        label=_("When was this done?"),
        error_messages={"required": _("Enter the date it was done")},
    )
    version = _version_field()


class DeadlineMissedReasonForm(GovukForm):
    """Shape only: whether the deadline was missed, and the rules on the words, are the domain's
    (`check_missed_reason`); the messages here are the same ones."""

    reason = forms.ChoiceField(
        label=_("Why was the deadline missed?"),
        widget=forms.RadioSelect,
        choices=[(r.value, MISSED_REASON_LABELS[r]) for r in MissedReason],
        error_messages={
            "required": ERROR_MESSAGES[DeadlineError.REASON_REQUIRED],
            "invalid_choice": ERROR_MESSAGES[DeadlineError.REASON_REQUIRED],
        },
    )
    circumstance = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea,
        max_length=MAX_CIRCUMSTANCE_LENGTH,
        error_messages={
            "required": ERROR_MESSAGES[DeadlineError.CIRCUMSTANCE_REQUIRED],
            "max_length": ERROR_MESSAGES[DeadlineError.CIRCUMSTANCE_TOO_LONG],
        },
    )
    version = _version_field()

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import (
    CORRESPONDENCE_LANGUAGE_LABELS,
    EDUCATION_ARRANGEMENT_LABELS,
    WORKLIST_LABELS,
)
from aln.domain.organisations import EducationArrangement
from aln.learners.models import Relationship
from aln.organisations.models import LocalAuthority, Setting

LANGUAGE_CHOICES = [
    ("en", CORRESPONDENCE_LANGUAGE_LABELS["en"]),
    ("cy", CORRESPONDENCE_LANGUAGE_LABELS["cy"]),
]


class LearnerSearchForm(GovukForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    upn = forms.CharField(label=_("Unique pupil number (UPN)"), required=False, max_length=20)
    date_of_birth = GovukDateField(label=_("Date of birth"), required=False)
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(),
        required=False,
        label=_("School, setting or college"),
        error_messages={"invalid_choice": _("Select a school, setting or college from the list")},
    )

    worklist = forms.ChoiceField(
        label=_("Show only"),
        required=False,
        choices=[("", _("All learners")), *WORKLIST_LABELS.items()],
        error_messages={"invalid_choice": _("Select an option from the list")},
    )

    def __init__(self, *args, settings_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        setting = cast(forms.ModelChoiceField, self.fields["setting"])
        setting.queryset = settings_queryset
        setting.empty_label = _("Any")

    def is_empty(self) -> bool:
        return not any(self.cleaned_data.get(name) for name in self.fields)


class LearnerCreateForm(GovukForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages={"required": _("Enter the learner's first name")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages={"required": _("Enter the learner's last name")},
    )
    date_of_birth = GovukDateField(
        label=_("Date of birth"),
        error_messages={"required": _("Enter the learner's date of birth")},
    )
    upn = forms.CharField(label=_("Unique pupil number (UPN)"), required=False, max_length=20)
    home_local_authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.none(),
        label=_("Local authority where the learner lives"),
        error_messages={
            "required": _("Select the local authority where the learner lives"),
            "invalid_choice": _("Select a local authority from the list"),
        },
    )
    education_arrangement = forms.ChoiceField(
        label=_("How is the learner educated?"),
        widget=forms.RadioSelect,
        choices=[(a.value, EDUCATION_ARRANGEMENT_LABELS[a]) for a in EducationArrangement],
        error_messages={"required": _("Select how the learner is educated")},
    )
    setting = forms.CharField(
        label=_("School, setting or college"), required=False, widget=forms.Select
    )
    started_on = GovukDateField(label=_("Date they started there"), required=False)
    is_looked_after = forms.BooleanField(
        label=_("The learner is looked after by a local authority"), required=False
    )
    looked_after_by = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.none(),
        required=False,
        label=_("Local authority that looks after the learner"),
        error_messages={"invalid_choice": _("Select a local authority from the list")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Language the learner prefers"),
        widget=forms.RadioSelect,
        choices=LANGUAGE_CHOICES,
        error_messages={"required": _("Select the language the learner prefers")},
    )
    parent_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the full name of a parent or carer")},
    )
    parent_relationship = forms.ChoiceField(
        label=_("Relationship to the learner"),
        choices=[("", _("Select")), *Relationship.choices],
        error_messages={"required": _("Select the relationship to the learner")},
    )
    parent_email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.org")
        },
    )
    parent_phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)
    parent_language = forms.ChoiceField(
        label=_("Language for letters and emails"),
        widget=forms.RadioSelect,
        choices=LANGUAGE_CHOICES,
        error_messages={"required": _("Select the language for letters and emails")},
    )
    parent_has_parental_responsibility = forms.BooleanField(
        label=_("This person has parental responsibility"), required=False, initial=True
    )

    def __init__(self, *args, settings_queryset, authorities_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        # Any value is accepted here so that an unknown setting gets the service's clear message.
        self.fields["setting"].widget.choices = [
            ("", _("Select")),
            *((str(s.pk), s.name) for s in settings_queryset),
        ]
        for name in ("home_local_authority", "looked_after_by"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = authorities_queryset
            field.empty_label = _("Select")

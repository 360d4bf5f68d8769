from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.deadlines.imports import MAX_FILE_BYTES, EventKind, is_csv, is_ics
from aln.deadlines.models import CalendarTerm
from aln.organisations.models import Setting

_SETTING_ERRORS = {"invalid_choice": _("Select a school, setting or college from the list")}


def _settings_field(label, empty_label, queryset, field: forms.Field) -> None:
    field = cast(forms.ModelChoiceField, field)
    field.label = label
    field.queryset = queryset
    field.empty_label = empty_label


class CalendarChooseForm(GovukForm):
    """Which calendar to look at: the LA's, or the one a setting counts on."""

    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(),
        required=False,
        label=_("School, setting or college"),
        error_messages=_SETTING_ERRORS,
    )

    def __init__(self, *args, settings_queryset, include_authority: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["setting"])
        field.queryset = settings_queryset
        field.empty_label = _("The local authority's term dates") if include_authority else None


class TermForm(GovukForm):
    starts_on = GovukDateField(
        label=_("First day of term"),
        error_messages={"required": _("Enter the first day of term")},
    )
    ends_on = GovukDateField(
        label=_("Last day of term"),
        error_messages={"required": _("Enter the last day of term")},
    )
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(),
        required=False,
        label=_("Whose term dates are these?"),
        error_messages=_SETTING_ERRORS,
    )

    def __init__(self, *args, settings_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if settings_queryset is None:  # changing a term: whose it is does not change
            del self.fields["setting"]
        else:
            _settings_field(
                _("Whose term dates are these?"),
                _("The local authority's (all schools without their own term dates)"),
                settings_queryset,
                self.fields["setting"],
            )


class TermUpdateForm(TermForm):
    updated_at = forms.CharField(widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, term: CalendarTerm) -> dict:
        return {
            "starts_on": term.starts_on,
            "ends_on": term.ends_on,
            "updated_at": term.updated_at.isoformat(),
        }


APPLIES_TO_AUTHORITY = "authority"
APPLIES_TO_SETTING = "setting"


class ClosureForm(GovukForm):
    """A closure. LA managers choose whether it is for all the LA's schools or one setting;
    setting staff record closures of their own setting (the only choice offered)."""

    starts_on = GovukDateField(
        label=_("First day closed"),
        error_messages={"required": _("Enter the first day the school is closed")},
    )
    ends_on = GovukDateField(
        label=_("Last day closed"),
        error_messages={"required": _("Enter the last day the school is closed")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        error_messages={
            "required": _("Enter the reason, like INSET day or polling day"),
            "max_length": _("The reason must be 200 characters or fewer"),
        },
    )
    applies_to = forms.ChoiceField(
        label=_("Which schools are closed?"),
        widget=forms.RadioSelect,
        choices=[
            (APPLIES_TO_AUTHORITY, _("All schools in the local authority")),
            (APPLIES_TO_SETTING, _("One school, setting or college")),
        ],
        error_messages={"required": _("Select which schools are closed")},
    )
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(),
        required=False,
        label=_("School, setting or college"),
        error_messages={
            "required": _("Select the school, setting or college that is closed"),
            **_SETTING_ERRORS,
        },
    )

    def __init__(self, *args, settings_queryset, for_authority: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_authority = for_authority
        field = cast(forms.ModelChoiceField, self.fields["setting"])
        field.queryset = settings_queryset
        if for_authority:
            field.empty_label = _("Select")
        else:
            del self.fields["applies_to"]
            field.required = True
            field.empty_label = None
            if settings_queryset.count() == 1:
                field.widget = forms.HiddenInput()
                field.initial = settings_queryset.first().pk

    def clean(self):
        data = super().clean() or {}
        if (
            self.for_authority
            and data.get("applies_to") == APPLIES_TO_SETTING
            and not data.get("setting")
            and "setting" not in self.errors
        ):
            self.add_error("setting", self.fields["setting"].error_messages["required"])
        if self.for_authority and data.get("applies_to") == APPLIES_TO_AUTHORITY:
            data["setting"] = None
        return data


class CalendarImportForm(GovukForm):
    file = forms.FileField(
        label=_("Upload a file"),
        error_messages={
            "required": _("Select a CSV or iCalendar file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a CSV or iCalendar file"),
        },
    )
    events_are = forms.ChoiceField(
        label=_("If the file is an iCalendar (.ics) file, what are its events?"),
        widget=forms.RadioSelect,
        required=False,
        choices=[
            (EventKind.TERM.value, _("Terms")),
            (EventKind.CLOSURE.value, _("Closures (INSET days, polling days and so on)")),
        ],
    )
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.none(),
        required=False,
        label=_("Whose term dates are these?"),
        error_messages=_SETTING_ERRORS,
    )

    def __init__(self, *args, settings_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        _settings_field(
            _("Whose term dates are these?"),
            _("The local authority's (all schools without their own term dates)"),
            settings_queryset,
            self.fields["setting"],
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 1 MB"))
        if not (is_csv(upload.name) or is_ics(upload.name)):
            raise forms.ValidationError(
                _("The file must be a CSV file (.csv) or an iCalendar file (.ics)")
            )
        return upload

    def clean(self):
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and is_ics(upload.name) and not data.get("events_are"):
            self.add_error(
                "events_are", _("Select whether the events in the file are terms or closures")
            )
        return data

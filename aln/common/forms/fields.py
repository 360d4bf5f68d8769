import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


class GovukForm(forms.Form):
    """Adds what the GOV.UK error summary needs: each error with the id of the field it is on."""

    def error_summary(self) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                items.extend(("", str(error)) for error in errors)
                continue
            field_id = self[name].auto_id
            if isinstance(self.fields[name], GovukDateField):
                field_id = f"{field_id}_0"
            items.extend((field_id, str(error)) for error in errors)
        return items


class GovukModelForm(forms.ModelForm):
    error_summary = GovukForm.error_summary


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern)."""

    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs=None):
        widgets = [forms.TextInput(), forms.TextInput(), forms.TextInput()]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK error messages for each mistake."""

    widget = GovukDateWidget

    default_error_messages = {
        "required": _("Enter a date"),
        "incomplete": _("The date must include a day, month and year"),
        "invalid": _("The date must be a real date"),
    }

    def __init__(self, **kwargs):
        fields = (
            forms.CharField(max_length=2),
            forms.CharField(max_length=2),
            forms.CharField(max_length=4),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        if not all(data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = (part.strip() for part in data_list)
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

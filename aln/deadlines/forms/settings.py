from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukForm
from aln.domain.timelines import configurable_rules

_NUMBER_ERRORS = {
    "required": _("Enter a number"),
    "invalid": _("Enter a whole number, like 7"),
}
_YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ClockSettingsForm(GovukForm):
    """The reminder timing, and a length and/or roll-forward field for each configurable rule.

    Ranges are checked by the service against the domain, so the message is the domain's.
    """

    reminder_school_days = forms.IntegerField(
        label=_("How many school days before a due date should the owner be reminded?"),
        error_messages=_NUMBER_ERRORS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for rule in configurable_rules():
            if rule.configurable:
                self.fields[f"length__{rule.id}"] = forms.IntegerField(
                    label=_("Number of weeks"), error_messages=_NUMBER_ERRORS
                )
            if rule.roll_forward_configurable:
                self.fields[f"roll__{rule.id}"] = forms.ChoiceField(
                    label=_(
                        "If the last day is not a working day, does the deadline move to the "
                        "next working day?"
                    ),
                    choices=_YES_NO,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Select yes or no")},
                )

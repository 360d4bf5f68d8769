"""The shape of the appeal and order forms. The rules (what may be appealed, the appeal period, the
moves an appeal may make, an order's dates) are in `aln.domain.disagreements`; the services in
`aln.disputes.services.appeals` apply them and the views put their messages on the right field.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import (
    APPEAL_DECISION_LABELS,
    APPEAL_MATTER_LABELS,
    APPELLANT_LABELS,
    NOTICE_KIND_LABELS,
    ORDER_KIND_LABELS,
    label,
)
from aln.domain.disagreements import AppealDecision, AppealMatter, Appellant, OrderKind


def _radios(label, choices, message, *, required=True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=choices,
        required=required,
        error_messages={"required": message, "invalid_choice": message},
    )


def _text(label, message="", *, required=True, short=False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.TextInput if short else forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": message} if message else {},
    )


def _date(label, message, *, required=True) -> GovukDateField:
    return GovukDateField(label=label, required=required, error_messages={"required": message})


def _owner_field(label) -> forms.ChoiceField:
    message = _("Select who will make sure the order is complied with")
    return forms.ChoiceField(
        label=label, error_messages={"required": message, "invalid_choice": message}
    )


def notice_choice_label(option: Any) -> str:
    """How a decision is named in the list to choose from: the notice, the day it was given and
    the last day to appeal (and that the period was extended)."""
    values = {
        "notice": label(NOTICE_KIND_LABELS, option.notice.kind),
        "given": date_format(option.notice.given_on, "j F Y"),
        "last_day": date_format(option.period.last_day, "j F Y"),
    }
    if option.period.extended:
        return (
            _(
                "%(notice)s, given %(given)s. Last day to appeal: %(last_day)s (extended by a "
                "referral to disagreement resolution)"
            )
            % values
        )
    return _("%(notice)s, given %(given)s. Last day to appeal: %(last_day)s") % values


class _Versioned(GovukForm):
    """A form that changes a record: the version the person saw goes back with it."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def version_seen(self) -> int | None:
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() else None


class NoticeChoiceForm(GovukForm):
    """Which decision the appeal is against: one of the learner's notices that gave a right of
    appeal to the Tribunal."""

    notice = _radios(
        _("Which decision is the appeal against?"), [], _("Select the decision appealed against")
    )

    def __init__(self, *args, options: Iterable[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice"].choices = [  # type: ignore[attr-defined]
            (str(option.notice.pk), notice_choice_label(option)) for option in options
        ]


# The President's answer on a late appeal (ETW Regs reg 14), as the form asks it.
LATE_PERMISSION_CHOICES = [
    ("undecided", _("Not decided yet, or not asked")),
    ("granted", _("The Tribunal accepted the appeal late")),
    ("refused", _("The Tribunal refused to accept the appeal late")),
]
LATE_PERMISSION_VALUES = {"undecided": None, "granted": True, "refused": False}


class AppealForm(GovukForm):
    """An appeal the Tribunal has told the LA about, against the chosen decision."""

    appellant = _radios(
        _("Who is appealing?"),
        [(member.value, APPELLANT_LABELS[member]) for member in Appellant],
        _("Select who is appealing"),
    )
    appellant_name = _text(_("Their name"), _("Enter the name of the person appealing"), short=True)
    matters = forms.MultipleChoiceField(
        label=_("What is the appeal about?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select what the appeal is about"),
            "invalid_choice": _("Select what the appeal is about"),
        },
    )
    received_on = _date(
        _("When did the Tribunal receive the appeal?"),
        _("Enter the date the Tribunal received the appeal"),
    )
    tribunal_reference = _text(_("The Tribunal's reference (optional)"), required=False, short=True)
    late_permission = _radios(
        _("If the appeal arrived after the last day, has the Tribunal said whether it accepts it?"),
        LATE_PERMISSION_CHOICES,
        _("Select whether the Tribunal accepted the appeal late"),
        required=False,
    )
    notes = _text(_("Notes (optional)"), required=False)

    def __init__(self, *args, matters: Iterable[AppealMatter] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matters"].choices = [  # type: ignore[attr-defined]
            (matter.value, APPEAL_MATTER_LABELS[matter]) for matter in matters
        ]
        self.fields["late_permission"].help_text = _(
            "The President of the Tribunal may accept a late appeal if it is fair and just. "
            "Leave this as it is for an appeal made in time."
        )

    def late_permission_value(self) -> bool | None:
        return LATE_PERMISSION_VALUES.get(self.cleaned_data.get("late_permission") or "undecided")


class LatePermissionForm(_Versioned):
    answer = _radios(
        _("Did the Tribunal accept the appeal late?"),
        [
            ("granted", _("Yes, it accepted the appeal late")),
            ("refused", _("No, it refused to accept the appeal")),
        ],
        _("Select whether the Tribunal accepted the appeal late"),
    )
    answered_on = _date(
        _("Date of the Tribunal's answer"), _("Enter the date of the Tribunal's answer")
    )


class RegisterForm(_Versioned):
    case_statement_due_on = _date(
        _("When are case statements due?"),
        _("Enter the date case statements are due"),
    )
    tribunal_reference = _text(_("The Tribunal's reference (optional)"), required=False, short=True)


class HearingForm(_Versioned):
    hearing_on = _date(_("Date of the hearing"), _("Enter the date of the hearing"))


class DecideForm(_Versioned):
    decision = _radios(_("What did the Tribunal decide?"), [], _("Select the Tribunal's decision"))
    decision_summary = _text(_("Summary of the decision"), _("Enter a summary of the decision"))
    decided_on = _date(_("Date of the decision"), _("Enter the date of the decision"))
    decision_sent_on = _date(
        _("Date the decision was sent to the parties"),
        _("Enter the date the decision was sent"),
    )

    def __init__(self, *args, decisions: Iterable[AppealDecision] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [  # type: ignore[attr-defined]
            (decision.value, APPEAL_DECISION_LABELS[decision]) for decision in decisions
        ]
        self.fields["decision_sent_on"].help_text = _(
            "A party may apply for the Tribunal to review its decision within 28 days of this date."
        )


class ReviewApplicationForm(_Versioned):
    review_applied_on = _date(
        _("When was the application for a review made?"),
        _("Enter the date the application was made"),
    )


class CloseForm(_Versioned):
    closed_on = _date(_("Date the appeal closed"), _("Enter the date the appeal closed"))
    notes = _text(_("Notes (optional)"), required=False)


class WithdrawForm(_Versioned):
    withdrawn_on = _date(
        _("Date the appeal was withdrawn"), _("Enter the date the appeal was withdrawn")
    )
    reasons = _text(_("Reasons given (optional)"), required=False)


class _WithOwner(GovukForm):
    def set_owners(self, owners: Iterable[Any]) -> None:
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            (str(user.pk), user.full_name) for user in owners
        ]


class OrderForm(_WithOwner):
    """Something the Tribunal ordered, with the date the order states."""

    kind = _radios(
        _("What did the Tribunal order?"),
        [(member.value, ORDER_KIND_LABELS[member]) for member in OrderKind],
        _("Select what the Tribunal ordered"),
    )
    details = _text(_("What the order says"), _("Enter what the order says"))
    made_on = _date(_("Date of the order"), _("Enter the date of the order"))
    comply_by = _date(
        _("Date to comply by"),
        _("Enter the date the order must be complied with by"),
    )
    owner = _owner_field(_("Who will make sure it is done?"))

    def __init__(self, *args, owners: Iterable[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_owners(owners)
        self.fields["comply_by"].help_text = _(
            "Enter the date the order gives. The law this service follows sets no time limit "
            "of its own."
        )


class OrderAssignForm(_Versioned, _WithOwner):
    owner = _owner_field(_("Who will make sure the order is complied with?"))

    def __init__(self, *args, owners: Iterable[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_owners(owners)


class OrderCompleteForm(_Versioned):
    completed_on = _date(
        _("Date the order was complied with"),
        _("Enter the date the order was complied with"),
    )
    notes = _text(_("What was done (optional)"), required=False)

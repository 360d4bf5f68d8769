"""The shape of the referral, capacity and case friend forms. The rules (the LA's own provider
of the right kind, who may record which view, a case friend only for a child) are checked by
`aln.disputes.services.support` and `.capacity`; the views put their messages on the field."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import (
    ACTING_FOR_LABELS,
    CAPACITY_ASSESSOR_LABELS,
    NOTICE_KIND_LABELS,
    PROVIDER_KIND_LABELS,
    RESOLUTION_OUTCOME_LABELS,
    SUPPORT_KIND_LABELS,
    label,
)
from aln.disputes.models import ActingForKind
from aln.domain.disagreements import ResolutionOutcome, SupportKind

MAX_NAME_LENGTH = 200


def _radios(label_text, choices, message, *, required=True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label_text,
        widget=forms.RadioSelect,
        choices=choices,
        required=required,
        error_messages={"required": message, "invalid_choice": message},
    )


def _text(label_text, message="", *, required=True, short=False, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label_text,
        required=required,
        widget=forms.TextInput if short else forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": message} if message else {},
        **kwargs,
    )


def _date(label_text, message) -> GovukDateField:
    return GovukDateField(label=label_text, error_messages={"required": message})


def notice_label(notice: Any) -> str:
    """How a notice is named in a list of choices: what it decided, and when it was given."""
    return _("%(kind)s, given %(date)s") % {
        "kind": label(NOTICE_KIND_LABELS, notice.kind),
        "date": date_format(notice.given_on, "j F Y"),
    }


def provider_label(provider: Any) -> str:
    return _("%(name)s (%(kind)s)") % {
        "name": provider.name,
        "kind": label(PROVIDER_KIND_LABELS, provider.kind),
    }


class ReferralForm(GovukForm):
    """A referral to disagreement resolution (s.68) or independent advocacy (s.69)."""

    kind = _radios(
        _("What is the referral for?"),
        [(kind.value, SUPPORT_KIND_LABELS[kind]) for kind in SupportKind],
        _("Select what the referral is for"),
    )
    provider = _radios(
        _("Which provider is it to?"),
        [],
        _("Select the provider"),
    )
    notice = forms.ChoiceField(
        label=_("Which decision is the disagreement about? (optional)"),
        help_text=_(
            "Choose the notice of the decision if there is one. A referral to disagreement "
            "resolution before the time to appeal runs out gives 8 more weeks to appeal."
        ),
        required=False,
        error_messages={"invalid_choice": _("Select a decision from the list")},
    )
    referred_on = _date(_("Date of the referral"), _("Enter the date of the referral"))
    referred_by_name = _text(
        _("Who made the referral?"),
        _("Enter who made the referral"),
        short=True,
        max_length=MAX_NAME_LENGTH,
        help_text=_("For example, the parent, the young person or an officer of the authority."),
    )
    about = _text(_("What is the disagreement about?"), _("Enter what the disagreement is about"))

    def __init__(self, *args, providers: Iterable[Any] = (), notices: Iterable[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [  # type: ignore[attr-defined]
            (str(p.pk), provider_label(p)) for p in providers
        ]
        self.fields["notice"].choices = [  # type: ignore[attr-defined]
            ("", _("Not about a decision in a notice")),
            *((str(n.pk), notice_label(n)) for n in notices),
        ]


class _Versioned(GovukForm):
    """A form that changes a record: the version the person saw goes back with it."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def version_seen(self) -> int | None:
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() else None


class ReferralOutcomeForm(_Versioned):
    outcome = _radios(
        _("How did it end?"),
        [(o.value, RESOLUTION_OUTCOME_LABELS[o]) for o in ResolutionOutcome],
        _("Select how it ended"),
    )
    outcome_on = _date(_("Date it ended"), _("Enter the date it ended"))
    notes = _text(_("Notes (optional)"), required=False)


_YES_NO_CAPACITY = [
    ("yes", _("The child lacks capacity")),
    ("no", _("The child has capacity")),
]


class CapacityForm(GovukForm):
    """A view on whether a child has capacity (s.84), or the Tribunal's declaration."""

    assessor = _radios(_("Whose view is it?"), [], _("Select whose view it is"))
    lacks_capacity = _radios(
        _("What is the view?"),
        _YES_NO_CAPACITY,
        _("Select whether the child lacks capacity"),
    )
    decided_on = _date(_("Date of the view"), _("Enter the date of the view"))
    decided_by_name = _text(
        _("Who formed the view?"),
        _("Enter who formed the view"),
        short=True,
        max_length=MAX_NAME_LENGTH,
        help_text=_("For example, an educational psychologist, or the Tribunal's reference."),
    )
    reasons = _text(
        _("Reasons"),
        _("Enter the reasons for the view"),
        help_text=_(
            "A child lacks capacity if they cannot understand the information or documents "
            "they would be given, or what it means to use their rights under the Act."
        ),
    )

    def __init__(self, *args, assessors: Iterable[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].choices = [  # type: ignore[attr-defined]
            (a.value, CAPACITY_ASSESSOR_LABELS[a]) for a in assessors
        ]

    def lacks(self) -> bool:
        return self.cleaned_data["lacks_capacity"] == "yes"


class ActingForForm(GovukForm):
    """A case friend (s.85) or a representative (s.83)."""

    kind = _radios(
        _("Who are you recording?"),
        [(k.value, ACTING_FOR_LABELS[k.value]) for k in ActingForKind],
        _("Select who you are recording"),
    )
    name = _text(_("Full name"), _("Enter their full name"), short=True, max_length=MAX_NAME_LENGTH)
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    address = _text(_("Postal address (optional)"), required=False)
    authority = _text(
        _("What gives them the authority to act?"),
        _("Enter what gives them the authority to act"),
        short=True,
        max_length=300,
        help_text=_(
            "For example, the Tribunal's appointment of a case friend, a Court of Protection "
            "deputyship or a lasting power of attorney."
        ),
    )
    appointed_on = _date(_("Date they were appointed"), _("Enter the date they were appointed"))


class ActingForEndForm(_Versioned):
    ended_on = _date(_("Date they stopped acting"), _("Enter the date they stopped acting"))
    reasons = _text(_("Why did they stop acting?"), _("Enter why they stopped acting"))

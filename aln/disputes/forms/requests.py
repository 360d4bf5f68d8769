"""The shape of the request forms. The rules (who may ask, about what, until when; the s.29
exceptions) are in `aln.domain.disagreements`; the services apply them and the views put their
messages on the right field."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import DISPUTE_EXCEPTION_LABELS, REQUESTER_LABELS
from aln.domain.disagreements import DutyException, Requester


def _radios(label, message, choices=()) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=list(choices),
        error_messages={"required": message, "invalid_choice": message},
    )


def _text(label, message="", *, required=True, short=False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.TextInput if short else forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": message} if message else {},
    )


def _date(label, message) -> GovukDateField:
    return GovukDateField(label=label, error_messages={"required": message})


class RequestForm(GovukForm):
    """A request to the LA. LA staff recording one that came by post or email also say who
    asked, their name and the date it arrived; a family member or a school asking online does
    not (who they are follows from their account, and it arrives today)."""

    route = _radios(_("What are you asking the local authority to do?"), _("Select what is asked"))
    requester = _radios(
        _("Who is asking?"),
        _("Select who is asking"),
        [(member.value, REQUESTER_LABELS[member]) for member in Requester],
    )
    requester_name = _text(
        _("Their name"), _("Enter the name of the person or body asking"), short=True
    )
    received_on = _date(
        _("When did the local authority receive the request?"),
        _("Enter the date the request was received"),
    )
    details = _text(_("What is being asked, and why?"), _("Enter what is being asked and why"))

    def __init__(self, *args, routes: Iterable[tuple[str, Any]] = (), staff: bool = False, **kw):
        super().__init__(*args, **kw)
        self.fields["route"].choices = list(routes)  # type: ignore[attr-defined]
        if not staff:
            for name in ("requester", "requester_name", "received_on"):
                del self.fields[name]


class _VersionForm(GovukForm):
    """A change to a request: `version` is the one the person read."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def version_seen(self) -> int | None:
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() else None


class InviteForm(_VersionForm):
    invited_on = _date(
        _("When were they told and invited to make representations?"),
        _("Enter the date they were invited"),
    )


class RepresentationsForm(_VersionForm):
    """Representations: the invited side sends its own today; LA staff record the date they
    arrived."""

    representations = _text(_("Representations"), _("Enter the representations"))
    received_on = _date(
        _("When did the representations arrive?"), _("Enter the date the representations arrived")
    )

    def __init__(self, *args, with_date: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_date:
            del self.fields["received_on"]


class ExceptionForm(_VersionForm):
    exception = _radios(
        _("Why does the duty to reconsider not apply?"), _("Select why the duty does not apply")
    )
    reasons = _text(_("Reasons"), _("Enter the reasons the duty does not apply"))
    decided_on = _date(_("Date of the decision"), _("Enter the date of the decision"))

    def __init__(self, *args, exceptions: Iterable[DutyException] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exception"].choices = [  # type: ignore[attr-defined]
            (exception.value, DISPUTE_EXCEPTION_LABELS[exception]) for exception in exceptions
        ]


class WithdrawForm(_VersionForm):
    """Withdrawing: LA staff record the date they were told; online it is today."""

    reasons = _text(_("Why is the request being withdrawn? (optional)"), required=False)
    withdrawn_on = _date(
        _("When was the request withdrawn?"), _("Enter the date the request was withdrawn")
    )

    def __init__(self, *args, with_date: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_date:
            del self.fields["withdrawn_on"]

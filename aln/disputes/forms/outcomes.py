"""The shape of the LA's answer to a request, and of the s.29 letter. The rules (which answers
fit the route, a direction only with ALN, reasons) are `aln.domain.disagreements`; the service
applies them and the view puts their messages on the right field."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import DELIVERY_METHOD_LABELS, LA_OUTCOME_LABELS, NOTICE_LANGUAGE_LABELS
from aln.domain.disagreements import LaOutcome
from aln.domain.notices import DeliveryMethod, NoticeLanguage


def _radios(label, message, choices=(), *, required=True, hint="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        widget=forms.RadioSelect,
        choices=list(choices),
        required=required,
        error_messages={"required": message, "invalid_choice": message},
    )


def _date(label, message, *, required=True, hint="") -> GovukDateField:
    return GovukDateField(
        label=label, help_text=hint, required=required, error_messages={"required": message}
    )


class _NoticeForm(GovukForm):
    """`version` is the one the person read; then how the letter is given (as on the case's
    notice page)."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    language = _radios(
        _("Which language should the letter be in?"),
        _("Select the language of the letter"),
        [(member.value, NOTICE_LANGUAGE_LABELS[member.value]) for member in NoticeLanguage],
    )
    method = _radios(
        _("How will the letter be given?"),
        _("Select how the letter will be given"),
        [(member.value, DELIVERY_METHOD_LABELS[member.value]) for member in DeliveryMethod],
        hint=_(
            "By email, it counts as given on the day it is sent, and goes to the email addresses "
            "recorded for the family."
        ),
    )
    given_on = _date(_("Date the letter is given"), _("Enter the date the letter is given"))

    def version_seen(self) -> int | None:
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() else None


class DecideForm(_NoticeForm):
    """The LA's answer. On s.26 it also says whether the learner has ALN and, if so, who will
    prepare the IDP; the follow-up questions are always shown, each with a hint saying when it
    applies (no conditional reveal)."""

    outcome = _radios(_("What has the local authority decided?"), _("Select the decision"))
    has_aln = _radios(
        _("Does the learner have additional learning needs?"),
        _("Select whether the learner has additional learning needs"),
        [("yes", _("Yes")), ("no", _("No"))],
        hint=_(
            "The local authority decides this for itself. Its decision replaces the school's "
            "decision (section 26 of the Act)."
        ),
    )
    directs_school = _radios(
        _("If the learner has additional learning needs, who will prepare the IDP?"),
        _("Select who will prepare the IDP"),
        [
            ("no", _("The local authority")),
            ("yes", _("The school, as the local authority directs (section 14 of the Act)")),
        ],
        required=False,
        hint=_("Leave this blank when the learner does not have additional learning needs."),
    )
    direction_due_on = _date(
        _("Date the direction says the school must give the IDP by"),
        "",
        required=False,
        hint=_("Only when you direct the school to prepare the IDP. For example, 27 3 2027"),
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        help_text=_("The letter gives these reasons to the family and to the governing body."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter the reasons for the decision")},
    )
    decided_on = _date(_("Date of the decision"), _("Enter the date of the decision"))

    field_order = [
        "version",
        "outcome",
        "has_aln",
        "directs_school",
        "direction_due_on",
        "reasons",
        "decided_on",
        "language",
        "method",
        "given_on",
    ]

    def __init__(self, *args, outcomes: Iterable[LaOutcome] = (), asks_aln: bool = False, **kw):
        super().__init__(*args, **kw)
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            (outcome.value, LA_OUTCOME_LABELS[outcome]) for outcome in outcomes
        ]
        if not asks_aln:
            for name in ("has_aln", "directs_school", "direction_due_on"):
                del self.fields[name]

    def answer(self) -> dict[str, Any]:
        """The answer as the service takes it."""
        data = self.cleaned_data
        has_aln = {"yes": True, "no": False}.get(data.get("has_aln") or "")
        directs = data.get("directs_school") == "yes"
        return {
            "outcome": LaOutcome(data["outcome"]),
            "has_aln": has_aln,
            "directs_school": directs,
            "direction_due_on": data.get("direction_due_on") if directs else None,
            "reasons": data["reasons"],
            "decided_on": data["decided_on"],
            "given_on": data["given_on"],
            "method": DeliveryMethod(data["method"]),
            "language": NoticeLanguage(data["language"]),
        }


class ExceptionNoticeForm(_NoticeForm):
    """The letter giving the reasons the LA will not reconsider (s.29)."""

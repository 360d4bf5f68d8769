"""The shape of the plan editor's forms. They parse input only: what may be saved, and what must
be there before a plan is given, is decided by the drafting services and `aln.domain.plans`.

Every form that changes the draft carries the draft `revision` the person started from, so a
save made after someone else's is refused and nothing is lost.
"""

from typing import Any, cast

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import ALP_PROVIDER_LABELS, ATTACHMENT_KIND_LABELS, NOTICE_LANGUAGE_LABELS
from aln.domain.plans import AlpProvider
from aln.idps.models import AttachmentKind, Need, PlanLanguage
from aln.organisations.models import HealthBoard, Setting


def _text(label, *, required=False, short=False, message="", rows=5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.TextInput if short else forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
    )


class DraftForm(GovukForm):
    """A change to the draft: remembers the revision the person started from."""

    revision = forms.CharField(required=False, widget=forms.HiddenInput)

    def revision_seen(self) -> int:
        value = str(self.data.get(self.add_prefix("revision"), "") or "")
        return int(value) if value.isdigit() else 0

    def values(self) -> dict[str, Any]:
        """What the person entered, without the revision."""
        return {name: value for name, value in self.cleaned_data.items() if name != "revision"}


# --- Sections of the draft ---------------------------------------------------------------------


class AboutForm(DraftForm):
    """Section 1: the one-page profile, written with the child or young person."""

    language = forms.ChoiceField(
        label=_("Which language is the IDP written in?"),
        widget=forms.RadioSelect,
        choices=[(value, NOTICE_LANGUAGE_LABELS[value]) for value in PlanLanguage.values],
        error_messages={
            "required": _("Select the language of the IDP"),
            "invalid_choice": _("Select the language of the IDP"),
        },
    )
    communication_language = _text(
        _("Which language does the learner prefer to communicate in? (optional)"), short=True
    )
    like_and_admire = _text(_("What people like and admire about me"))
    important_to_me = _text(_("What is important to me"))
    how_to_support_me = _text(_("How best to support me"))
    profile_written_with = _text(_("Who the profile was written with, and how (optional)"))


class NeedsSummaryForm(DraftForm):
    needs_summary = _text(
        _("Describe the additional learning needs and their impact on learning"), rows=8
    )


class PlacementForm(DraftForm):
    """Section 2D, for a plan the local authority maintains (Act ss.14(6)-(7), 48)."""

    named_school = forms.ModelChoiceField(
        label=_("School named for admission (optional)"),
        queryset=Setting.objects.none(),
        required=False,
        empty_label=_("No school named"),
    )
    other_placement = _text(_("Place at another school or institution (optional)"))
    board_and_lodging = _text(_("Board and lodging (optional)"))

    def __init__(self, *args, settings_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if settings_queryset is not None:
            cast(forms.ModelChoiceField, self.fields["named_school"]).queryset = settings_queryset


class InformationForm(DraftForm):
    information_used = _text(_("Information used to prepare the IDP"), rows=8)
    transition_arrangements = _text(_("Transition arrangements (optional)"))


SECTION_FORMS: dict[str, type[DraftForm]] = {
    "about": AboutForm,
    "needs": NeedsSummaryForm,
    "placement": PlacementForm,
    "information": InformationForm,
}


# --- Needs and elements ------------------------------------------------------------------------


class NeedForm(DraftForm):
    description = _text(
        _("Describe the need"), required=True, message=_("Enter a description of the need")
    )
    impact = _text(_("Its impact on learning (optional)"))


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def yes_no_value(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class ElementForm(DraftForm):
    """One element of ALP: 2B.1-2B.7, or 2C when an NHS body secures it."""

    need_keys = forms.MultipleChoiceField(
        label=_("Which needs is this outcome for?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    outcome = _text(_("2B.1 Outcome"))
    outcome_exception = _text(_("If this outcome has no measure or no date, say why (optional)"))
    provision = _text(_("2B.2 What will be provided"))
    frequency = _text(_("How often"), short=True)
    duration = _text(_("How long each time"), short=True)
    group_size = _text(_("Group size"), short=True)
    welsh_required = forms.ChoiceField(
        label=_("2B.3 Must it be provided in Welsh?"),
        widget=forms.RadioSelect,
        choices=YES_NO,
        required=False,
    )
    provider = forms.ChoiceField(
        label=_("2B.4 Who provides it?"),
        widget=forms.RadioSelect,
        choices=[(p.value, ALP_PROVIDER_LABELS[p]) for p in AlpProvider],
        required=False,
        error_messages={"invalid_choice": _("Select who provides it")},
    )
    health_board = forms.ModelChoiceField(
        label=_("Which health board will secure it?"),
        queryset=HealthBoard.objects.none(),
        required=False,
        empty_label=_("Select a health board"),
    )
    provider_name = _text(_("Name of the provider (optional)"), short=True)
    starts_on = GovukDateField(label=_("2B.5 Provided from"), required=False)
    review_or_end_on = GovukDateField(label=_("2B.6 Review date or end date"), required=False)
    rationale = _text(_("2B.7 Rationale"))

    def __init__(self, *args, needs: list[Need] = (), boards=None, **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["need_keys"]).choices = [
            (need.key, Truncator(need.description).words(15)) for need in needs
        ]
        if boards is not None:
            cast(forms.ModelChoiceField, self.fields["health_board"]).queryset = boards

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["welsh_required"] = yes_no(values.get("welsh_required", ""))
        return values

    @staticmethod
    def initial_for(element) -> dict[str, Any]:
        return {
            "need_keys": list(element.need_keys),
            "outcome": element.outcome,
            "outcome_exception": element.outcome_exception,
            "provision": element.provision,
            "frequency": element.frequency,
            "duration": element.duration,
            "group_size": element.group_size,
            "welsh_required": yes_no_value(element.welsh_required),
            "provider": element.provider,
            "health_board": element.health_board_id,
            "provider_name": element.provider_name,
            "starts_on": element.starts_on,
            "review_or_end_on": element.review_or_end_on,
            "rationale": element.rationale,
        }


# --- Starting, revising, discarding, appendices -------------------------------------------------


class ConfirmForm(DraftForm):
    """A yes-I-mean-it button (start the plan, remove a need, throw away the draft)."""


class RevisionForm(GovukForm):
    why_revised = _text(
        _("Why is the IDP being revised?"),
        required=True,
        message=_("Enter why the IDP is being revised"),
    )


class AttachmentForm(GovukForm):
    title = forms.CharField(
        label=_("Title of the document"),
        max_length=200,
        error_messages={
            "required": _("Enter a title for the document"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=_("What kind of document is it?"),
        widget=forms.RadioSelect,
        choices=[(value, ATTACHMENT_KIND_LABELS[value]) for value in AttachmentKind.values],
        error_messages={
            "required": _("Select what kind of document it is"),
            "invalid_choice": _("Select what kind of document it is"),
        },
    )
    document_date = GovukDateField(label=_("Date of the document (optional)"), required=False)
    file = forms.FileField(
        label=_("Upload a file"),
        error_messages={
            "required": _("Select a file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a file"),
        },
    )


class CompareForm(GovukForm):
    """Which two versions to compare (`?from=1&to=2`)."""

    def __init__(self, *args, numbers: list[int] = (), **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        choices = [(str(n), _("Version %(number)s") % {"number": n}) for n in numbers]
        message = _("Select a version of this IDP")
        for name, title in (("from", _("Compare version")), ("to", _("with version"))):
            self.fields[name] = forms.TypedChoiceField(
                label=title,
                choices=choices,
                coerce=int,
                error_messages={"required": message, "invalid_choice": message},
            )

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("from") is not None and cleaned.get("from") == cleaned.get("to"):
            self.add_error("to", _("Select two different versions"))
        return cleaned

"""The shape of the forms that end a plan. Which ground fits the plan, and whether the dates
follow the law, are for `aln.domain.plans.check_cease` and the services; these parse input."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import CEASE_GROUND_LABELS, DELIVERY_METHOD_LABELS, NOTICE_LANGUAGE_LABELS
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import CeaseGround


def radios(label, choices: Iterable[tuple[str, Any]], message, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=list(choices),
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def text(label, message="", *, required=True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": message} if message else {},
    )


def date(label, message) -> GovukDateField:
    return GovukDateField(label=label, error_messages={"required": message})


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """A choice field of `form`, whose choices the page sets from what applies now."""
    return cast("forms.ChoiceField", form.fields[name])


class CaseVersionForm(GovukForm):
    """Every form that moves the plan's case carries the case version the person saw."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def version_seen(self) -> int | None:
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() else None


class NoticeFieldsMixin(forms.Form):
    """How the letter to the family is given, as on the case's notice page."""

    language = radios(
        _("Which language should the notice be in?"),
        ((m.value, NOTICE_LANGUAGE_LABELS[m.value]) for m in NoticeLanguage),
        _("Select the language of the notice"),
    )
    method = radios(
        _("How will the notice be given?"),
        ((m.value, DELIVERY_METHOD_LABELS[m.value]) for m in DeliveryMethod),
        _("Select how the notice will be given"),
    )
    given_on = date(_("Date the notice is given"), _("Enter the date the notice is given"))


def ground_choices(grounds: Iterable[CeaseGround]) -> list[tuple[str, Any]]:
    return [(ground.value, CEASE_GROUND_LABELS[ground]) for ground in grounds]


class PlanEndForm(CaseVersionForm):
    ground = radios(
        _("Why has the duty to maintain the IDP ended?"),
        (),
        _("Select why the duty has ended"),
    )
    ended_on = date(_("Date the duty ended"), _("Enter the date the duty ended"))
    notes = text(_("Notes (optional)"), required=False)

    def __init__(self, *args, grounds: Iterable[CeaseGround] = (), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "ground").choices = ground_choices(grounds)


class CeaseProposeForm(NoticeFieldsMixin, CaseVersionForm):
    ground = radios(
        _("Why do you propose to stop maintaining the IDP?"),
        (),
        _("Select why you propose to stop maintaining the IDP"),
    )
    reasons = text(
        _("Reasons for the proposal"),
        _("Enter the reasons for the proposal"),
    )

    field_order = ("version", "ground", "reasons", "language", "method", "given_on")

    def __init__(self, *args, grounds: Iterable[CeaseGround] = (), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "ground").choices = ground_choices(grounds)


class CeaseWithdrawForm(CaseVersionForm):
    reasons = text(
        _("Why is the proposal being withdrawn?"),
        _("Enter why the proposal is being withdrawn"),
    )


class CeaseDecideForm(NoticeFieldsMixin, CaseVersionForm):
    reasons = text(_("Reasons for the decision"), _("Enter the reasons for the decision"))
    decided_on = date(_("Date of the decision"), _("Enter the date of the decision"))

    field_order = ("version", "reasons", "decided_on", "language", "method", "given_on")

"""The shape of the transfer form. Which move fits the plan, and whether a start-of-year move was
in time, are for `aln.domain.plans.check_transfer`; this form parses input."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.i18n import TRANSFER_KIND_LABELS
from aln.domain.plans import TransferKind
from aln.idps.forms.ceasing import (
    CaseVersionForm,
    NoticeFieldsMixin,
    choice_field,
    date,
    radios,
    text,
)


def _select(label, message) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=(),
        error_messages={"invalid_choice": message},
    )


class TransferForm(NoticeFieldsMixin, CaseVersionForm):
    kind = radios(
        _("How has the learner moved?"),
        ((kind.value, TRANSFER_KIND_LABELS[kind]) for kind in TransferKind),
        _("Select how the learner has moved"),
    )
    new_setting = _select(
        _("The school or college the learner has joined"),
        _("Select the school or college the learner has joined"),
    )
    new_local_authority = _select(
        _("The local authority now responsible"),
        _("Select the local authority now responsible"),
    )
    joined_on = date(
        _("Date the learner joined, or the new body became responsible"),
        _("Enter the date the learner joined"),
    )
    notes = text(_("Notes (optional)"), required=False)

    field_order = (
        "version",
        "kind",
        "new_setting",
        "new_local_authority",
        "joined_on",
        "notes",
        "language",
        "method",
        "given_on",
    )

    def __init__(
        self,
        *args,
        kinds: Iterable[TransferKind] = (),
        settings: Iterable[Any] = (),
        authorities: Iterable[Any] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = [(k.value, TRANSFER_KIND_LABELS[k]) for k in kinds]
        choose = [("", _("Select"))]
        choice_field(self, "new_setting").choices = choose + [
            (str(s.pk), _setting_label(s)) for s in settings
        ]
        choice_field(self, "new_local_authority").choices = choose + [
            (str(a.pk), a.name) for a in authorities
        ]


def _setting_label(setting: Any) -> str:
    return f"{setting.name} ({setting.local_authority.name})"

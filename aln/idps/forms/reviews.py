"""The shape of the review forms. The rules (invited before the meeting, progress for every
outcome, reasons when the plan is not revised) are in `aln.domain.plans.check_review`; the
services apply them and the views put their messages on the right field."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import (
    DELIVERY_METHOD_LABELS,
    NOTICE_LANGUAGE_LABELS,
    REVIEW_DECISION_LABELS,
    REVIEW_REQUESTER_LABELS,
    label,
)
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import ReviewDecision, ReviewRequester


def _choices(labels: dict, enum) -> list[tuple[str, Any]]:
    return [(member.value, labels[member]) for member in enum]


def _radios(label, labels, enum, message, *, required=True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=_choices(labels, enum),
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


def request_label(request: Any) -> str:
    """How a request is named in a list of choices: who asked, and when it arrived."""
    return _("%(who)s, received %(date)s") % {
        "who": label(REVIEW_REQUESTER_LABELS, request.requested_by),
        "date": date_format(request.received_on, "j F Y"),
    }


def progress_field_name(element_key: str) -> str:
    return f"progress_{element_key}"


class _NoticeFields(GovukForm):
    """How a notice about the plan is given: as on the case's notice page."""

    def add_notice_fields(self, *, prefix: str, required: bool) -> None:
        self.fields[f"{prefix}language"] = _radios(
            _("Which language should the notice be in?"),
            NOTICE_LANGUAGE_LABELS,
            NoticeLanguage,
            _("Select the language of the notice"),
            required=required,
        )
        self.fields[f"{prefix}method"] = _radios(
            _("How will the notice be given?"),
            DELIVERY_METHOD_LABELS,
            DeliveryMethod,
            _("Select how the notice will be given"),
            required=required,
        )
        self.fields[f"{prefix}given_on"] = _date(
            _("Date the notice is given"),
            _("Enter the date the notice is given"),
            required=required,
        )


class ReviewForm(_NoticeFields):
    """A review of the plan in force: one progress box per outcome of that version."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    invited = _text(_("Who was invited to the review?"), _("Enter who was invited"))
    invited_on = _date(
        _("When were the invitations sent?"), _("Enter the date the invitations were sent")
    )
    held_on = _date(_("Date of the review meeting"), _("Enter the date of the review meeting"))
    attended = _text(_("Who came? (optional)"), required=False)
    learner_views = _text(
        _("The views of the child or young person"),
        _("Enter the views of the child or young person, or say how they were sought"),
    )
    family_views = _text(_("The views of the parent or carer (optional)"), required=False)
    others_views = _text(
        _("Views of others, for example teachers or therapists (optional)"), required=False
    )
    decision = _radios(
        _("What was decided?"),
        REVIEW_DECISION_LABELS,
        ReviewDecision,
        _("Select what was decided"),
    )
    reasons = _text(_("Reasons for the decision"), required=False)
    request_ids = forms.MultipleChoiceField(
        label=_("Which requests for a review does this review answer? (optional)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, elements: Iterable[Any] = (), requests: Iterable[Any] = (), **kw):
        super().__init__(*args, **kw)
        self.elements = list(elements)
        for number, element in enumerate(self.elements, start=1):
            self.fields[progress_field_name(element.key)] = forms.CharField(
                label=_("Progress towards outcome %(number)s") % {"number": number},
                help_text=element.outcome,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": _("Enter the progress made towards this outcome")},
            )
        self.add_notice_fields(prefix="notice_", required=False)
        request_choices = [(str(r.pk), request_label(r)) for r in requests]
        if request_choices:
            self.fields["request_ids"].choices = request_choices  # type: ignore[attr-defined]
        else:
            del self.fields["request_ids"]

    def version_seen(self) -> int | None:
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() else None

    def progress_fields(self) -> list[tuple[Any, forms.BoundField]]:
        """(element, its progress field), in the plan's order, for the template."""
        return [(e, self[progress_field_name(e.key)]) for e in self.elements]

    def progress(self) -> dict[str, str]:
        return {e.key: self.cleaned_data.get(progress_field_name(e.key), "") for e in self.elements}


class RequestReviewForm(GovukForm):
    """A family, or NHS staff, ask for a review of the plan."""

    reason = _text(
        _("Why do you want the plan to be reviewed?"),
        _("Enter why you want the plan to be reviewed"),
    )


def _owner_field(label, *, required: bool) -> forms.ChoiceField:
    message = _("Select who will deal with the request")
    return forms.ChoiceField(
        label=label,
        required=required,
        error_messages={"required": message, "invalid_choice": message},
    )


class _WithOwner(GovukForm):
    def set_owners(self, owners: Iterable[Any], *, blank: bool) -> None:
        choices = [(str(user.pk), user.full_name) for user in owners]
        self.fields["owner"].choices = [("", ""), *choices] if blank else choices  # type: ignore[attr-defined]


class ReviewRequestRecordForm(_WithOwner):
    """A request that reached the body by letter, phone or in person."""

    requested_by = _radios(
        _("Who asked for the review?"),
        REVIEW_REQUESTER_LABELS,
        ReviewRequester,
        _("Select who asked for the review"),
    )
    requester_name = _text(_("Their name (optional)"), required=False, short=True)
    received_on = _date(_("When did the request arrive?"), _("Enter the date it arrived"))
    reason = _text(_("What did they ask for, and why?"), _("Enter what they asked for"))
    owner = _owner_field(_("Who will deal with it? (optional)"), required=False)

    def __init__(self, *args, owners: Iterable[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_owners(owners, blank=True)


class ReviewRequestAssignForm(_WithOwner):
    owner = _owner_field(_("Who will deal with the request?"), required=True)

    def __init__(self, *args, owners: Iterable[Any] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_owners(owners, blank=False)


class ReviewRequestRefuseForm(_NoticeFields):
    """Refuse a request as unnecessary: the notice gives the reasons."""

    reasons = _text(_("Why is a review not necessary?"), _("Enter why a review is not necessary"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_notice_fields(prefix="", required=True)

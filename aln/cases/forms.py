"""The shape of each case form. The rules on what is accepted live in `aln.domain.process`; the
services apply them and the views show their messages on the right field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aln.common.forms.fields import GovukDateField, GovukForm
from aln.common.i18n import (
    ADVICE_FROM_LABELS,
    CIRCUMSTANCE_LABELS,
    CONCERN_SOURCE_LABELS,
    CONSENT_ANSWER_LABELS,
    DELIVERY_METHOD_LABELS,
    DUTY_EXCEPTION_LABELS,
    EVIDENCE_KIND_LABELS,
    NOTICE_LANGUAGE_LABELS,
    OUTCOME_LABELS,
    REFERRAL_GROUND_LABELS,
    VIEWS_OF_LABELS,
)
from aln.domain.cases import (
    AdviceFrom,
    Circumstance,
    ConcernSource,
    ConsentAnswer,
    DecidingBody,
    EvidenceKind,
    ViewsOf,
)
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.process import Outcome, ReferralGround
from aln.domain.responsibility import DutyException


def _choices(labels: dict, enum) -> list[tuple[str, str]]:
    return [(member.value, labels[member]) for member in enum]


def _radios(label, labels, enum, required_message, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=_choices(labels, enum),
        error_messages={"required": required_message, "invalid_choice": required_message},
        **kwargs,
    )


def _text(label, required_message="", *, required=True, short=False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.TextInput if short else forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": required_message} if required_message else {},
    )


def _date(label, required_message) -> GovukDateField:
    return GovukDateField(label=label, error_messages={"required": required_message})


class CaseForm(GovukForm):
    """Every form that changes a case carries the version the person saw."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def version_seen(self) -> int | None:
        value = self.cleaned_data.get("version") or ""
        return int(value) if value.isdigit() else None


class ConcernForm(GovukForm):
    raised_by = _radios(
        _("Who raised the concern?"),
        CONCERN_SOURCE_LABELS,
        ConcernSource,
        _("Select who raised the concern"),
    )
    raised_by_name = _text(_("Their name (optional)"), required=False, short=True)
    concern = _text(_("What is the concern?"), _("Enter what the concern is"))
    brought_to_attention_on = _date(
        _("When was the concern brought to your attention?"),
        _("Enter the date the concern was brought to your attention"),
    )
    consent = _radios(
        _("Has the young person agreed to a decision being made about whether they have ALN?"),
        CONSENT_ANSWER_LABELS,
        ConsentAnswer,
        _("Select whether the young person has agreed"),
        required=False,
    )
    consent_on = GovukDateField(label=_("Date they agreed"), required=False)
    circumstances = forms.MultipleChoiceField(
        label=_("Do any of these apply? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_choices(CIRCUMSTANCE_LABELS, Circumstance),
    )

    def __init__(self, *args, young_person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not young_person:
            del self.fields["consent"]
            del self.fields["consent_on"]


class EvidenceForm(CaseForm):
    kind = _radios(
        _("What kind of evidence is it?"),
        EVIDENCE_KIND_LABELS,
        EvidenceKind,
        _("Select what kind of evidence it is"),
    )
    description = _text(
        _("What was provided or recorded?"), _("Enter what was provided or recorded")
    )
    started_on = _date(_("From when?"), _("Enter the date it started"))
    ended_on = GovukDateField(label=_("Until when? (leave empty if it continues)"), required=False)
    provided_by = _text(_("Who provided it? (optional)"), required=False, short=True)
    progress = _text(_("What progress did the learner make? (optional)"), required=False)


class ViewsForm(CaseForm):
    whose = _radios(
        _("Whose views are these?"), VIEWS_OF_LABELS, ViewsOf, _("Select whose views these are")
    )
    important_to = _text(_("What is important to them?"), _("Enter what is important to them"))
    important_for = _text(_("What is important for them? (optional)"), required=False)
    how_to_support = _text(_("How best to support them (optional)"), required=False)
    gathered_on = _date(_("When were these views gathered?"), _("Enter the date"))


class AdviceRequestForm(CaseForm):
    source = _radios(
        _("Who are you asking for advice?"),
        ADVICE_FROM_LABELS,
        AdviceFrom,
        _("Select who you are asking for advice"),
    )
    asked_of = _text(
        _("Name of the person or service"), _("Enter the name of the person or service"), short=True
    )
    question = _text(_("What are you asking?"), _("Enter what you are asking"))
    requested_on = _date(_("When did you ask?"), _("Enter the date you asked"))
    wanted_by = _date(_("When do you need it by?"), _("Enter the date you need it by"))


class AdviceReceivedForm(CaseForm):
    request = forms.ChoiceField(
        label=_("Which request has been answered?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select which request has been answered"),
            "invalid_choice": _("Select which request has been answered"),
        },
    )
    received_on = _date(_("When did the advice arrive?"), _("Enter the date it arrived"))
    summary = _text(_("What does the advice say?"), _("Enter what the advice says"))

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [(str(r.pk), r.asked_of) for r in requests]  # type: ignore[attr-defined]


class NhsReferralForm(CaseForm):
    health_board = forms.ChoiceField(
        label=_("Which health board?"),
        error_messages={
            "required": _("Select a health board"),
            "invalid_choice": _("Select a health board"),
        },
    )
    question = _text(
        _("What do you want the health board to consider?"),
        _("Enter what you want the health board to consider"),
    )
    received_on = _date(
        _("When did the health board receive the referral?"),
        _("Enter the date the health board received the referral"),
    )

    def __init__(self, *args, boards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["health_board"].choices = [("", ""), *((str(b.pk), b.name) for b in boards)]  # type: ignore[attr-defined]


_YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class NhsResponseForm(CaseForm):
    referral = forms.ChoiceField(
        label=_("Which referral has been answered?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select which referral has been answered"),
            "invalid_choice": _("Select which referral has been answered"),
        },
    )
    responded_on = _date(_("When did the health board answer?"), _("Enter the date it answered"))
    treatment_identified = forms.ChoiceField(
        label=_("Did it identify a relevant treatment or service?"),
        widget=forms.RadioSelect,
        choices=_YES_NO,
        error_messages={"required": _("Select yes if it identified a treatment or service")},
    )
    in_welsh = forms.ChoiceField(
        label=_("Should the treatment or service be provided in Welsh?"),
        widget=forms.RadioSelect,
        choices=_YES_NO,
        required=False,
    )
    response = _text(_("What did the health board say?"), _("Enter what the health board said"))

    def __init__(self, *args, referrals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"].choices = [(str(r.pk), r.health_board.name) for r in referrals]  # type: ignore[attr-defined]


class MeetingForm(CaseForm):
    held_on = _date(_("When was the meeting?"), _("Enter the date of the meeting"))
    invited = _text(_("Who was invited?"), _("Enter who was invited"))
    attended = _text(_("Who came? (optional)"), required=False)
    notes = _text(_("What was discussed and agreed?"), _("Enter what was discussed and agreed"))


class ReferralForm(CaseForm):
    grounds = forms.MultipleChoiceField(
        label=_("Why are you referring to the local authority?"),
        widget=forms.CheckboxSelectMultiple,
        choices=_choices(REFERRAL_GROUND_LABELS, ReferralGround),
        required=False,
    )
    summary = _text(
        _("What should the local authority know?"),
        _("Enter what the local authority should know"),
    )
    referred_on = _date(_("Date of the referral"), _("Enter the date of the referral"))


class DecisionForm(CaseForm):
    outcome = _radios(
        _("What have you decided?"), OUTCOME_LABELS, Outcome, _("Select what you have decided")
    )
    duty_exception = forms.ChoiceField(
        label=_("Why does the duty to decide not arise?"),
        widget=forms.RadioSelect,
        required=False,
        choices=_choices(DUTY_EXCEPTION_LABELS, DutyException),
    )
    reasons = _text(
        _("Reasons for the decision"),
        _("Enter the reasons for the decision"),
    )
    decided_on = _date(_("Date of the decision"), _("Enter the date of the decision"))
    idp_preparer = forms.ChoiceField(
        label=_("Who will prepare the IDP?"),
        widget=forms.RadioSelect,
        required=False,
        choices=[
            (DecidingBody.LOCAL_AUTHORITY.value, _("The local authority")),
            (DecidingBody.SCHOOL.value, _("The school, directed by the local authority")),
        ],
    )

    def __init__(self, *args, la_may_direct_school: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not la_may_direct_school:
            del self.fields["idp_preparer"]


class NecessityForm(CaseForm):
    necessary = forms.ChoiceField(
        label=_("Is an IDP necessary to meet the young person's reasonable needs?"),
        widget=forms.RadioSelect,
        choices=_YES_NO,
        error_messages={"required": _("Select yes if an IDP is necessary")},
    )
    reasons = _text(_("Reasons for the decision"), _("Enter the reasons for the decision"))
    decided_on = _date(_("Date of the decision"), _("Enter the date of the decision"))


class NoticeForm(CaseForm):
    language = _radios(
        _("Which language should the notice be in?"),
        NOTICE_LANGUAGE_LABELS,
        NoticeLanguage,
        _("Select the language of the notice"),
    )
    method = _radios(
        _("How will the notice be given?"),
        DELIVERY_METHOD_LABELS,
        DeliveryMethod,
        _("Select how the notice will be given"),
    )
    given_on = _date(_("Date the notice is given"), _("Enter the date the notice is given"))
    child_lacks_capacity = forms.BooleanField(
        label=_("The child does not have capacity to understand the notice"), required=False
    )
    case_friend_name = _text(
        _("Case friend appointed by the Tribunal (optional)"), required=False, short=True
    )

    def __init__(self, *args, young_person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if young_person:
            del self.fields["child_lacks_capacity"]
            del self.fields["case_friend_name"]


class ConsentForm(CaseForm):
    consent_on = _date(_("Date the young person agreed"), _("Enter the date they agreed"))


class DatedForm(CaseForm):
    on = _date(_("Date"), _("Enter the date"))


class FamilyConcernForm(GovukForm):
    concern = _text(
        _("What are you worried about?"),
        _("Enter what you are worried about"),
    )

"""One page per move on a case. Each offers only what the process table allows this person now;
a refused move shows the reason and changes nothing."""

from typing import Any, ClassVar

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from aln.cases.forms import (
    AdviceReceivedForm,
    AdviceRequestForm,
    CaseForm,
    ConcernForm,
    ConsentForm,
    DatedForm,
    DecisionForm,
    EvidenceForm,
    FamilyConcernForm,
    MeetingForm,
    NecessityForm,
    NhsReferralForm,
    NhsResponseForm,
    NoticeForm,
    ReferralForm,
    ViewsForm,
)
from aln.cases.models import Case
from aln.cases.selectors import (
    case_actions_for,
    case_get_for,
    case_parties_for,
    is_young_person_on,
)
from aln.cases.services import deciding, gathering
from aln.cases.services.opening import case_raise_concern, case_raise_concern_as_family
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.common.i18n import CASE_ACTION_LABELS, error_message
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin
from aln.disputes.selectors.standing import standing_for
from aln.domain.access import Action
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
from aln.domain.process import CaseAction, Outcome, ProcessError, ReferralGround
from aln.learners.models import Learner
from aln.learners.selectors import learner_get_for, learner_relationship_for
from aln.organisations.models import HealthBoard


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class _ConcernAboutLearnerView(AccessLoggedMixin, ActionRequiredMixin, FormView):
    """A concern about one learner the user may see (404 for any other). The form names the
    learner: opening it is a view of their record."""

    access_event = "learner.viewed"
    learner: Learner

    def access_subject(self) -> Learner:
        return self.learner

    def access_reason(self) -> str:
        return str(learner_relationship_for(user=self.actor, learner=self.learner) or "")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.learner = learner_get_for(user=request.user, learner_id=kwargs["learner_id"])
            except Learner.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)


class ConcernCreateView(_ConcernAboutLearnerView):
    """Record a concern that a learner may have ALN: opens the case with the body that decides."""

    required_action = Action.CASE_OPEN
    template_name = "cases/concern_form.html"
    form_class = ConcernForm

    @property
    def young_person(self) -> bool:
        return is_young_person_on(self.learner, today())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "young_person": self.young_person}

    def get_initial(self):
        return {"brought_to_attention_on": today()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "learner": self.learner}

    def form_valid(self, form):
        data = form.cleaned_data
        consent = data.get("consent")
        try:
            case = case_raise_concern(
                actor=self.actor,
                learner=self.learner,
                raised_by=ConcernSource(data["raised_by"]),
                raised_by_name=data["raised_by_name"],
                concern=data["concern"],
                brought_to_attention_on=data["brought_to_attention_on"],
                consent=ConsentAnswer(consent) if consent else None,
                consent_on=data.get("consent_on"),
                circumstances=[Circumstance(c) for c in data["circumstances"]],
                actor_setting_ids=[
                    m.setting_id for m in self.actor.active_memberships if m.setting_id
                ],
            )
        except ServiceError as error:
            form.add_error(error.field or None, error_message(error.code))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Concern recorded. Case %(reference)s is open.") % {"reference": case.reference},
        )
        return redirect("cases:case-detail", case_id=case.pk)


class FamilyConcernView(_ConcernAboutLearnerView):
    """A parent, or a young person, tells the body that must decide that they think there may be
    additional learning needs. The page says who that is and by when they must decide."""

    required_action = Action.CONCERN_RAISE
    template_name = "cases/family_concern_form.html"
    form_class = FamilyConcernForm

    def get_context_data(self, **kwargs):
        own = self.learner.user_id == self.actor.pk
        return {**super().get_context_data(**kwargs), "learner": self.learner, "own": own}

    def form_valid(self, form):
        try:
            case = case_raise_concern_as_family(
                actor=self.actor, learner=self.learner, concern=form.cleaned_data["concern"]
            )
        except ServiceError as error:
            form.add_error(
                error.field if error.field == "concern" else None, error_message(error.code)
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you. Your concern has been sent (case %(reference)s).")
            % {"reference": case.reference},
        )
        return redirect("cases:case-detail", case_id=case.pk)


class CaseActionView(AccessLoggedMixin, ActionRequiredMixin, FormView):
    """Base for one move: loads the case (404 if hidden or if the person has no part in it),
    refuses a move the table does not allow, and handles someone else acting first. The form
    shows the case: opening it is logged as a view of the case."""

    required_action = Action.CASE_ACT
    template_name = "cases/case_action.html"
    access_event = "case.viewed"
    record_attr = "case"
    action: ClassVar[CaseAction]
    hint: ClassVar[Any] = ""
    case: Case

    def _load(self) -> Case:
        try:
            case = case_get_for(user=self.actor, case_id=self.kwargs["case_id"])
        except Case.DoesNotExist as error:
            raise Http404 from error
        if not case_parties_for(user=self.actor, case=case):
            raise Http404  # families and others see the case but take no part in it
        return case

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.case = self._load()
            if self.action not in case_actions_for(user=request.user, case=self.case):
                messages.error(request, error_message(ProcessError.NOT_ALLOWED_NOW))
                return redirect("cases:case-detail", case_id=self.case.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial: dict[str, Any] = {"version": self.case.version}
        for name, field in self.get_form_class().base_fields.items():
            if name.endswith("_on") and field.required:
                initial[name] = today()
        return initial

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "case": self.case,
            "title": CASE_ACTION_LABELS[self.action],
            "hint": self.hint,
        }

    def form_valid(self, form):
        version = form.version_seen()
        try:
            if version is None:
                raise ServiceError(ProcessError.CHANGED_BY_SOMEONE_ELSE)
            message = self.perform(form.cleaned_data, version)
        except ServiceError as error:
            if error.code is ProcessError.CHANGED_BY_SOMEONE_ELSE:
                return self.changed_by_someone_else()
            if error.code in {ProcessError.NOT_ALLOWED_NOW, ProcessError.NOT_YOURS}:
                messages.error(self.request, error_message(error.code))
                return redirect("cases:case-detail", case_id=self.case.pk)
            form.add_error(error.field or None, error_message(error.code))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("cases:case-detail", case_id=self.case.pk)

    def changed_by_someone_else(self):
        """The second person is told, and sees the case as it is now."""
        messages.error(self.request, error_message(ProcessError.CHANGED_BY_SOMEONE_ELSE))
        return redirect("cases:case-detail", case_id=self.case.pk)

    def perform(self, data: dict[str, Any], version: int) -> str:
        raise NotImplementedError

    def common(self, version: int) -> dict[str, Any]:
        return {"actor": self.actor, "case": self.case, "version": version}


class EvidenceAddView(CaseActionView):
    action = CaseAction.ADD_EVIDENCE
    form_class = EvidenceForm
    hint = _(
        "Record the universal and targeted support already tried, how long for, who gave it and "
        "what difference it made. The local authority expects this before a referral."
    )

    def perform(self, data, version):
        gathering.case_add_evidence(
            **self.common(version),
            kind=EvidenceKind(data["kind"]),
            description=data["description"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            provided_by=data["provided_by"],
            progress=data["progress"],
        )
        return str(_("Evidence added."))


class ViewsRecordView(CaseActionView):
    action = CaseAction.RECORD_VIEWS
    form_class = ViewsForm
    hint = _("Write in their words where you can: what matters to them, and what helps.")

    def perform(self, data, version):
        gathering.case_record_views(
            **self.common(version),
            whose=ViewsOf(data["whose"]),
            important_to=data["important_to"],
            important_for=data["important_for"],
            how_to_support=data["how_to_support"],
            gathered_on=data["gathered_on"],
        )
        return str(_("Views recorded."))


class AdviceRequestView(CaseActionView):
    action = CaseAction.REQUEST_ADVICE
    form_class = AdviceRequestForm

    def perform(self, data, version):
        gathering.case_request_advice(
            **self.common(version),
            source=AdviceFrom(data["source"]),
            asked_of=data["asked_of"],
            question=data["question"],
            requested_on=data["requested_on"],
            wanted_by=data["wanted_by"],
        )
        return str(_("Advice requested."))

    def get_initial(self):
        return {**super().get_initial(), "wanted_by": None}


class AdviceReceivedView(CaseActionView):
    action = CaseAction.RECORD_ADVICE
    form_class = AdviceReceivedForm

    def waiting(self):
        return list(self.case.advice_requests.filter(received_on__isnull=True))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "requests": self.waiting()}

    def perform(self, data, version):
        request = self.case.advice_requests.get(pk=data["request"])
        gathering.case_record_advice(
            **self.common(version),
            request=request,
            received_on=data["received_on"],
            summary=data["summary"],
        )
        return str(_("Advice recorded."))


class NhsReferralView(CaseActionView):
    action = CaseAction.REFER_TO_NHS
    form_class = NhsReferralForm
    hint = _(
        "Under section 20 of the Act the health board must answer within 6 weeks of receiving "
        "the referral. Its Designated Education Clinical Lead Officer is your contact."
    )

    def boards(self):
        return list(HealthBoard.objects.filter(served_authorities=self.case.local_authority_id))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "boards": self.boards()}

    def perform(self, data, version):
        gathering.case_refer_to_nhs(
            **self.common(version),
            health_board=HealthBoard.objects.get(pk=data["health_board"]),
            question=data["question"],
            received_on=data["received_on"],
        )
        return str(_("Referral to the health board recorded. Its 6-week clock has started."))


class NhsResponseView(CaseActionView):
    action = CaseAction.RECORD_NHS_RESPONSE
    form_class = NhsResponseForm

    def get_form_kwargs(self):
        waiting = self.case.nhs_referrals.filter(responded_on__isnull=True).select_related(
            "health_board"
        )
        return {**super().get_form_kwargs(), "referrals": list(waiting)}

    def perform(self, data, version):
        gathering.case_record_nhs_response(
            **self.common(version),
            referral=self.case.nhs_referrals.get(pk=data["referral"]),
            responded_on=data["responded_on"],
            treatment_identified=_yes_no(data["treatment_identified"]),
            in_welsh=_yes_no(data["in_welsh"]),
            response=data["response"],
        )
        return str(_("The health board's answer is recorded."))


class MeetingRecordView(CaseActionView):
    action = CaseAction.RECORD_MEETING
    form_class = MeetingForm

    def perform(self, data, version):
        gathering.case_record_meeting(
            **self.common(version),
            held_on=data["held_on"],
            invited=data["invited"],
            attended=data["attended"],
            notes=data["notes"],
        )
        return str(_("Meeting recorded."))


class ReferToLaView(CaseActionView):
    action = CaseAction.REFER_TO_LA
    form_class = ReferralForm
    hint = _(
        "Refer when the learner may need provision it would not be reasonable for you to secure, "
        "or when you cannot adequately work out their needs or the provision they need (section "
        "12(2)(a) of the Act). Add the evidence of support already given first. The local "
        "authority then has 12 weeks to decide."
    )

    def perform(self, data, version):
        deciding.case_refer_to_la(
            **self.common(version),
            grounds=[ReferralGround(g) for g in data["grounds"]],
            summary=data["summary"],
            referred_on=data["referred_on"],
        )
        return str(_("Referred to the local authority. Its 12-week clock has started."))


class DecideView(CaseActionView):
    action = CaseAction.DECIDE
    form_class = DecisionForm

    def get_form_kwargs(self):
        la_directs = (
            self.case.deciding_body == DecidingBody.LOCAL_AUTHORITY.value
            and self.case.setting_id is not None
        )
        return {**super().get_form_kwargs(), "la_may_direct_school": la_directs}

    def get_initial(self):
        return {**super().get_initial(), "duty_exception": self.case.duty_exception or None}

    def perform(self, data, version):
        preparer = data.get("idp_preparer")
        deciding.case_decide(
            **self.common(version),
            outcome=Outcome(data["outcome"]),
            reasons=data["reasons"],
            decided_on=data["decided_on"],
            duty_exception=data["duty_exception"],
            idp_preparer=DecidingBody(preparer) if preparer else None,
        )
        return str(_("Decision recorded. Now give the notice."))


class NecessityView(CaseActionView):
    action = CaseAction.DECIDE_NECESSITY
    form_class = NecessityForm
    hint = _(
        "For a young person who is not at a maintained school or college, the local authority "
        "prepares an IDP only if one is necessary to meet their reasonable needs for education "
        "or training (section 14 of the Act and regulations 6 to 10)."
    )

    def perform(self, data, version):
        deciding.case_decide_necessity(
            **self.common(version),
            necessary=_yes_no(data["necessary"]),
            reasons=data["reasons"],
            decided_on=data["decided_on"],
        )
        return str(_("Decision recorded. Now give the notice."))


class GiveNoticeView(CaseActionView):
    action = CaseAction.GIVE_NOTICE
    form_class = NoticeForm
    hint = _(
        "The notice is produced as a PDF in the language you choose and kept as it was given. "
        "A notice sent by email counts as given on the day it is sent."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "young_person": self.case.is_young_person}

    def get_initial(self):
        language = self.case.learner.preferred_language or NoticeLanguage.EN.value
        # What is recorded about the child's capacity and case friend (ss.84-85), so the notice
        # goes to the case friend and not to a child who lacks capacity.
        standing = standing_for(learner=self.case.learner, on=today())
        friend = standing.case_friend
        return {
            **super().get_initial(),
            "language": language,
            "child_lacks_capacity": standing.child_lacks_capacity,
            "case_friend_name": friend.name if friend else "",
        }

    def perform(self, data, version):
        deciding.case_give_notice(
            **self.common(version),
            language=NoticeLanguage(data["language"]),
            method=DeliveryMethod(data["method"]),
            given_on=data["given_on"],
            child_lacks_capacity=data.get("child_lacks_capacity", False),
            case_friend_name=data.get("case_friend_name", ""),
        )
        return str(_("The notice has been produced and recorded as given."))


class _ConsentDatedView(CaseActionView):
    form_class = DatedForm


class ConsentRecordView(CaseActionView):
    action = CaseAction.RECORD_CONSENT
    form_class = ConsentForm
    hint = _("The time limit for the decision starts on the day the young person agreed.")

    def perform(self, data, version):
        deciding.case_record_consent(**self.common(version), consent_on=data["consent_on"])
        return str(_("Agreement recorded. The clock has started."))


class NoConsentView(_ConsentDatedView):
    action = CaseAction.RECORD_NO_CONSENT
    hint = _(
        "Without the young person's agreement the duty to decide does not arise, and the case "
        "will close."
    )

    def perform(self, data, version):
        deciding.case_record_no_consent(**self.common(version), on=data["on"])
        return str(_("Recorded. The case is closed."))


class WithdrawConsentView(_ConsentDatedView):
    action = CaseAction.WITHDRAW_CONSENT
    hint = _("When a young person withdraws their agreement, the duties on this case end.")

    def perform(self, data, version):
        deciding.case_withdraw_consent(**self.common(version), on=data["on"])
        return str(_("Recorded. The case is closed."))


class TakeOnView(CaseActionView):
    action = CaseAction.TAKE_ON
    form_class = CaseForm
    hint = _(
        "You will own this case: reminders before each deadline, and an email if one is missed, "
        "will come to you."
    )

    def perform(self, data, version):
        deciding.case_take_on(**self.common(version))
        return str(_("You now own this case."))


# One URL per move, named after the action (`cases:<action-with-hyphens>`).
ACTION_VIEWS: tuple[type[CaseActionView], ...] = (
    ConsentRecordView,
    NoConsentView,
    EvidenceAddView,
    ViewsRecordView,
    AdviceRequestView,
    AdviceReceivedView,
    NhsReferralView,
    NhsResponseView,
    MeetingRecordView,
    ReferToLaView,
    DecideView,
    NecessityView,
    GiveNoticeView,
    WithdrawConsentView,
    TakeOnView,
)


def action_url_name(action: CaseAction) -> str:
    return action.value.replace("_", "-")


# The moves made from the case's own pages; a plan's moves are made from the plan's pages.
CASE_PAGE_ACTIONS = frozenset(view.action for view in ACTION_VIEWS)

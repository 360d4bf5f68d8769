"""Demo disagreements of every kind, made through the disputes services (issue 6).

The stories here carry on from the demo's cases and plans (`aln.demo.cases`, `aln.demo.plans`)
to what a family, a school or the Education Tribunal for Wales does when they disagree, so the
demo LA's ALN officer has a disagreement dashboard to work through and each page has something
real on it:

- requests to the LA on every route and in every status: a s.26 request waiting for the LA's
  answer with the school invited to make representations; a s.26 request answered with a
  different decision (the learner has ALN and the LA prepares the plan); a s.27 request answered
  with no revision; a s.28 take-over asked for by a school's governing body and agreed; a s.32
  request about a plan a school ceased, made within the 4 weeks and still open; a request the
  LA's duty did not apply to (s.29), with the letter giving the reasons; and a request the demo
  parent made online and withdrew;
- appeals to the Tribunal at each stage: just lodged (in time because a referral to
  disagreement resolution extended the period), late and waiting for the President's permission,
  with a hearing listed, and decided (allowed) with one order complied with and one still open,
  owned by the LA's ALN officer, so it shows on their home page;
- a referral to disagreement resolution (s.68) that extended the time to appeal, and a referral
  to independent advocacy (s.69) with its outcome;
- a child the LA considers lacks capacity, with a case friend appointed (ss.84-85).

Every step goes through the service a person would use (`aln.disputes.services` after the case
and plan services), so each record has its audit trail, its clock and its letters. All dates are
in the past relative to the day the demo is loaded, except the dates the Tribunal sets and the
date an order must be complied with. The text is invented. A story whose learner, case or notice
the demo does not hold (a small `--learners`) is left out, never made up.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from aln.accounts.models import User
from aln.cases.models import Case
from aln.demo.plans import Alp, Profile, _PlanStories, in_english, month_end
from aln.demo.stories import run_stories
from aln.disputes.models import (
    ActingFor,
    ActingForKind,
    Appeal,
    CapacityRecord,
    LaRequest,
    SupportReferral,
    TribunalOrder,
)
from aln.disputes.selectors.support import providers_for_referral
from aln.disputes.services.appeals import (
    appeal_decide,
    appeal_list_hearing,
    appeal_option_for,
    appeal_record,
    appeal_register,
    order_complete,
    order_record,
)
from aln.disputes.services.capacity import acting_for_appoint, capacity_record
from aln.disputes.services.outcomes import la_request_decide, la_request_exception_notice
from aln.disputes.services.requests import (
    la_request_invite_representations,
    la_request_record,
    la_request_record_exception,
    la_request_record_representations,
    la_request_withdraw,
)
from aln.disputes.services.support import support_record_outcome, support_refer
from aln.domain.ages import AgeBand, is_young_person
from aln.domain.cases import ConcernSource, DecidingBody, EvidenceKind, ViewsOf
from aln.domain.disagreements import (
    AppealDecision,
    AppealMatter,
    Appellant,
    CapacityAssessor,
    DutyException,
    LaOutcome,
    OrderKind,
    Requester,
    ResolutionOutcome,
    Route,
    SupportKind,
)
from aln.domain.notices import DeliveryMethod, NoticeKind, NoticeLanguage, Right
from aln.domain.organisations import SettingKind
from aln.domain.plans import AlpProvider
from aln.domain.process import Outcome
from aln.domain.responsibility import Body
from aln.domain.roles import Role
from aln.idps.models import Idp, PlanLanguage
from aln.learners.models import FamilyLink, Learner
from aln.notices.models import Notice
from aln.organisations.models import LocalAuthority, Setting

# The schools whose stories these are, with the demo login who decides for each: Oakfield High
# School first (it has pupils in every demo), Ysgol Gymraeg Bryn Derw when it has none left.
_SCHOOLS = (("oakfield_high", "headteacher"), ("bryn_derw", "alnco"))
# Sections as the printout names each route.
_SECTIONS = {
    Route.RECONSIDER_ALN.value: "s.26, reconsider whether the learner has ALN",
    Route.RECONSIDER_IDP.value: "s.27, reconsider the school's IDP",
    Route.TAKE_OVER_IDP.value: "s.28, take over the school's IDP",
    Route.RECONSIDER_CEASING.value: "s.32, reconsider the decision to cease the IDP",
}
_APPEALABLE_PLAN_KINDS = (NoticeKind.IDP_GIVEN.value, NoticeKind.NO_REVISION.value)


@dataclass(frozen=True)
class DemoDispute:
    """One demo disagreement as the `demo_load` printout shows it."""

    summary: str
    path: str
    learner: str
    sign_in_as: str


class _DisputeStories(_PlanStories):
    """Tells each disagreement's story through the disputes services."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officer = self.user("la.officer")
        # Cases whose notice an appeal in these stories is already about.
        self.appealed: set[Any] = set()

    # People ------------------------------------------------------------------------------------

    @staticmethod
    def family_of(learner: Learner, on: datetime.date) -> tuple[Requester, str]:
        """Who in the family asks (or appeals): the young person themselves, else the parent
        who is the main contact."""
        if is_young_person(learner.date_of_birth, on):
            return Requester.YOUNG_PERSON, learner.full_name
        link = (
            FamilyLink.objects.filter(learner=learner, has_parental_responsibility=True)
            .select_related("family_member")
            .order_by("-is_main_contact", "pk")
            .first()
        )
        return Requester.PARENT, link.family_member.full_name if link else "Parent"

    def school_learner(self, on: datetime.date) -> tuple[Learner, User] | None:
        """A pupil of compulsory school age at one of `_SCHOOLS` since `on`, with no case yet,
        and the login who decides for that school."""
        for key, local in _SCHOOLS:
            learner = self.learner_since({AgeBand.COMPULSORY_SCHOOL_AGE}, on, key=key)
            if learner is not None:
                return learner, self.user(local)
        return None

    # Cases and plans the requests are about -----------------------------------------------------

    def school_no_aln(self, concern_days_ago: int, concern: str, reasons: str) -> Case | None:
        """A school's decision that the learner does not have ALN, with its notice given: the
        case is closed and the family may ask the LA to reconsider (s.26)."""
        found = self.school_learner(self.ago(concern_days_ago))
        if found is None:
            return None
        learner, head = found
        case = self.concern(
            head,
            learner,
            self.ago(concern_days_ago),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.PARENT,
            raised_by_name="Parent",
            concern=concern,
        )
        self.evidence(
            head,
            case,
            EvidenceKind.TARGETED,
            "Small-group support in English and mathematics twice a week for a term.",
            concern_days_ago + 90,
            "Learning support team",
            "Some progress in lessons; the family reports that homework is still very hard.",
            ended_days_ago=concern_days_ago + 5,
        )
        self.views(
            head,
            case,
            ViewsOf.PARENT,
            concern_days_ago - 8,
            "That the help does not stop while the difficulties are still there.",
            "Someone at school who checks each week how things are going.",
            "Tell us what is being done at school so we can do the same at home.",
        )
        self.decide(head, case, Outcome.NO_ALN, concern_days_ago - 15, reasons)
        self.notice(head, case, NoticeLanguage.EN, DeliveryMethod.POST, concern_days_ago - 17)
        return case

    def school_plan(self, given_days_ago: int, *, need: str, impact: str) -> Idp | None:
        """A school's plan given `given_days_ago`, maintained by the school since."""
        found = self.school_learner(self.ago(given_days_ago + 50))
        if found is None:
            return None
        learner, head = found
        name = learner.first_name

        def gather(case: Case) -> None:
            self.evidence(
                head,
                case,
                EvidenceKind.TARGETED,
                "Targeted support in a small group three times a week for two terms.",
                given_days_ago + 160,
                "Learning support team",
                "Little change in the gap with classmates despite the support.",
                ended_days_ago=given_days_ago + 30,
            )

        case = self.has_aln_case(
            head,
            learner,
            DecidingBody.SCHOOL,
            given_days_ago + 50,
            {
                "raised_by": ConcernSource.TEACHER,
                "raised_by_name": "Form tutor",
                "concern": f"{need} {impact}",
            },
            gather,
            given_days_ago + 12,
            f"{name} has a learning difficulty: {need[0].lower()}{need[1:]} It calls for "
            "additional learning provision from the school. The school will prepare the plan.",
            given_days_ago + 10,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(given_days_ago)
        ends = month_end(given, 11)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            head,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=f"{name} is cheerful, loyal to friends and good at art.",
                important_to_me="My friends. Drawing. Knowing what is happening next.",
                how_to_support_me="Check I have understood before I start. Give me time.",
                written_with=f"{name} and a parent, with the school's ALNCo.",
            ),
            needs_summary=f"{name}: {need[0].lower()}{need[1:]}",
            needs=((need, impact),),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will complete 8 out of 10 set class tasks in English "
                        "and mathematics each week without adult help, recorded by the "
                        "class teachers."
                    ),
                    provision="Small-group teaching with a specialist teacher.",
                    frequency="Three times a week",
                    duration="40 minutes",
                    group_size="Group of four",
                    provider=AlpProvider.SCHOOL,
                    rationale="The school's assessment and the progress records.",
                ),
            ),
            starts_on=given,
            ends_on=ends,
        )
        self.give(head, idp, draft, given_days_ago, NoticeLanguage.EN, DeliveryMethod.POST)
        return idp

    # Requests to the LA --------------------------------------------------------------------------

    def record(
        self,
        case: Case,
        route: Route,
        days_ago: int,
        details: str,
        *,
        actor: User | None = None,
        online: bool = False,
        requester: tuple[Requester, str] | None = None,
    ) -> LaRequest:
        """A request received `days_ago`: recorded by the LA's ALN officer from a letter, or
        made online by `actor` (a family member, or a school's governing body)."""
        received_on = self.ago(days_ago)
        who, name = requester or self.family_of(case.learner, received_on)
        return la_request_record(
            actor=actor or self.officer,
            case=case,
            route=route,
            requester=who,
            requester_name=name,
            received_on=received_on,
            details=details,
            requested_by=actor if online else None,
        )

    def invite(self, la_request: LaRequest, days_ago: int) -> None:
        la_request_invite_representations(
            actor=self.officer,
            la_request=la_request,
            version=la_request.version,
            invited_on=self.ago(days_ago),
        )

    def representations(
        self, la_request: LaRequest, days_ago: int, text: str, actor: User | None = None
    ) -> None:
        la_request_record_representations(
            actor=actor or self.officer,
            la_request=la_request,
            version=la_request.version,
            received_on=self.ago(days_ago),
            representations=text,
        )

    def answer(
        self, la_request: LaRequest, outcome: LaOutcome, days_ago: int, reasons: str, **more: Any
    ) -> Notice:
        """The LA's answer decided `days_ago`, its letter given by post the next day."""
        return la_request_decide(
            actor=self.officer,
            la_request=la_request,
            version=la_request.version,
            outcome=outcome,
            reasons=reasons,
            decided_on=self.ago(days_ago),
            given_on=self.ago(days_ago - 1),
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
            **more,
        )

    def reconsider_aln_open(self) -> LaRequest | None:
        """s.26: a parent asks the LA to reconsider a school's "no ALN" decision; the governing
        body is invited to make representations and the LA's answer is due."""
        case = self.school_no_aln(
            45,
            "Reading and writing are well behind classmates and the gap is growing. The family "
            "asks whether more help is needed than the class gives.",
            "The gap in reading and writing has narrowed with the small-group support every pupil "
            "may have. It does not call for additional learning provision, so the learner does "
            "not have additional learning needs. The school will keep the support under review.",
        )
        if case is None:
            return None
        la_request = self.record(
            case,
            Route.RECONSIDER_ALN,
            12,
            "We disagree with the school's decision. Our child's reading has not improved and "
            "the homework diary shows hours every night on work classmates finish in minutes. "
            "We ask the local authority to decide whether our child has additional learning "
            "needs.",
        )
        self.invite(la_request, 10)
        return la_request

    def reconsider_aln_changed(self) -> LaRequest | None:
        """s.26: the LA decides differently from the school: the learner has ALN and the LA
        will prepare the plan (the case reopens, due on the LA's clock)."""
        case = self.school_no_aln(
            70,
            "Struggles to follow spoken instructions and is often in trouble for not doing what "
            "was asked. Friendships have broken down this term.",
            "The difficulties following instructions have been met by adapted teaching. They "
            "do not call for additional learning provision, so the learner does not have "
            "additional learning needs.",
        )
        if case is None:
            return None
        la_request = self.record(
            case,
            Route.RECONSIDER_ALN,
            40,
            "A private speech and language assessment (enclosed) found a developmental "
            "language disorder. We ask the local authority to reconsider the school's decision.",
        )
        self.invite(la_request, 38)
        head = case.created_by
        self.representations(
            la_request,
            30,
            "The school made its decision on the evidence it had then. It has read the speech "
            "and language report and would support more help if the local authority agrees.",
            actor=head,
        )
        self.answer(
            la_request,
            LaOutcome.ALN_DECISION_CHANGED,
            6,
            "The speech and language report shows a developmental language disorder that makes "
            "understanding spoken language much harder than for others of the same age. It calls "
            "for additional learning provision: speech and language teaching and a language-rich "
            "classroom. The learner has additional learning needs and the local authority will "
            "prepare the individual development plan.",
            has_aln=True,
            directs_school=False,
        )
        return la_request

    def reconsider_aln_exception(self) -> LaRequest | None:
        """s.26: the LA records that its duty does not apply (s.29: reconsidered before, nothing
        new) and gives the family the letter with its reasons."""
        case = self.school_no_aln(
            80,
            "Concentration in lessons is poor and classwork is often unfinished.",
            "The learner's concentration has improved with a seating plan and movement breaks, "
            "which every pupil may have. The learning difficulty does not call for additional "
            "learning provision, so the learner does not have additional learning needs.",
        )
        if case is None:
            return None
        la_request = self.record(
            case,
            Route.RECONSIDER_ALN,
            25,
            "We asked before and nothing has changed at school. Please look at it again.",
        )
        la_request_record_exception(
            actor=self.officer,
            la_request=la_request,
            version=la_request.version,
            exception=DutyException.PREVIOUSLY_RECONSIDERED_NO_CHANGE,
            reasons=(
                "The local authority reconsidered the school's decision last term, when the "
                "family first asked, and agreed with it. The letter sent with this request gives "
                "no new information, and the school's records show no material change in the "
                "learner's needs since then."
            ),
            decided_on=self.ago(15),
        )
        la_request_exception_notice(
            actor=self.officer,
            la_request=la_request,
            version=la_request.version,
            given_on=self.ago(14),
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        )
        return la_request

    def reconsider_idp_no_revision(self) -> LaRequest | None:
        """s.27: a parent asks the LA to reconsider a school's plan; the LA will not revise it.
        The family then goes to disagreement resolution in time (extending the period to
        appeal) and appeals to the Tribunal: just lodged."""
        idp = self.school_plan(
            200,
            need="Dyscalculia: great difficulty with number facts and place value.",
            impact="Cannot follow mathematics lessons or manage money and time.",
        )
        if idp is None:
            return None
        case = idp.case
        la_request = self.record(
            case,
            Route.RECONSIDER_IDP,
            45,
            "The plan gives small-group teaching for English but says nothing about the help "
            "with numbers the educational psychologist recommended. We ask the local authority "
            "to revise it.",
        )
        self.invite(la_request, 44)
        self.representations(
            la_request,
            36,
            "The small-group sessions cover mathematics as well as English, and progress is "
            "checked every half term. The school does not think the plan needs to change.",
            actor=case.created_by,
        )
        notice = self.answer(
            la_request,
            LaOutcome.NO_REVISION,
            22,
            "The plan already describes the learner's difficulties with number and secures "
            "small-group teaching for mathematics three times a week, with progress checked "
            "each half term. The local authority will not revise it; the school goes on "
            "maintaining the plan.",
        )
        referral = self.resolution(case, notice, 16)
        support_record_outcome(
            actor=self.officer,
            referral=referral,
            version=referral.version,
            outcome=ResolutionOutcome.NOT_RESOLVED,
            outcome_on=self.ago(5),
            notes="A meeting was held with the family and the school; no agreement was reached.",
        )
        self.appeal(
            case,
            notice,
            received_days_ago=2,
            matters=(AppealMatter.REFUSAL_TO_REVISE,),
            reference="ETW/DEMO/0104",
        )
        return la_request

    def take_over_agreed(self) -> LaRequest | None:
        """s.28: a school's governing body asks the LA to take over its plan; the family is
        invited to make representations (s.28(4)); the LA takes the plan over."""
        idp = self.school_plan(
            170,
            need="Complex medical needs and a physical disability that limit mobility.",
            impact="Needs specialist equipment and therapy the school cannot arrange itself.",
        )
        if idp is None:
            return None
        case = idp.case
        head = case.created_by
        setting = idp.setting
        if setting is None:
            return None
        la_request = self.record(
            case,
            Route.TAKE_OVER_IDP,
            50,
            "The learner now needs hydrotherapy, a specialist seating system and a trained "
            "assistant at all times. The school cannot secure this provision itself and asks "
            "the local authority to take over the plan.",
            actor=head,
            online=True,
            requester=(Requester.GOVERNING_BODY, f"The governing body of {setting.name_en}"),
        )
        self.invite(la_request, 48)
        self.representations(
            la_request,
            40,
            "The family agrees with the school and would like the local authority to be "
            "responsible for the plan (letter received from the parent).",
        )
        self.answer(
            la_request,
            LaOutcome.TAKEN_OVER,
            18,
            "The provision the learner now needs (hydrotherapy, specialist seating and a trained "
            "assistant) is not reasonable for the school to secure. The local authority takes "
            "over the plan and will maintain it from now on.",
        )
        return la_request

    def reconsider_ceasing_open(self) -> LaRequest | None:
        """s.32: the family of a learner whose plan a school ceased asks the LA, within the 4
        weeks, to reconsider; the LA's answer is due."""
        ceased = (
            Idp.objects.filter(
                local_authority=self.la,
                maintained_by=Body.SCHOOL.value,
                ceased_on__isnull=False,
                reconsideration_closes_on__gte=self.today,
            )
            .select_related("case__learner")
            .order_by("-ceased_on")
            .first()
        )
        if ceased is None or ceased.ceased_on is None:
            return None
        days = min(3, (self.today - ceased.ceased_on).days)
        return self.record(
            ceased.case,
            Route.RECONSIDER_CEASING,
            days,
            "We do not agree that our child no longer needs the plan. The progress was made "
            "because of the help in it, and it will fall away without it.",
        )

    def parent_withdrew(self) -> LaRequest | None:
        """The demo parent asks online for the LA to reconsider Osian's plan, then withdraws the
        request when the school agrees to review it."""
        parent = self.user("parent")
        idp = (
            Idp.objects.filter(
                local_authority=self.la,
                maintained_by=Body.SCHOOL.value,
                ceased_on__isnull=True,
                learner__first_name="Osian",
                learner__family_links__family_member__user=parent,
            )
            .select_related("case__learner")
            .first()
        )
        if idp is None:
            return None
        la_request = self.record(
            idp.case,
            Route.RECONSIDER_IDP,
            0,
            "Hoffwn i'r awdurdod lleol ailystyried CDU Osian: nid yw'n dweud digon am y cymorth "
            "lleferydd yn yr ysgol.",
            actor=parent,
            online=True,
            requester=(Requester.PARENT, parent.full_name),
        )
        la_request_withdraw(
            actor=parent,
            la_request=la_request,
            version=la_request.version,
            withdrawn_on=self.today,
            reasons="Mae'r ysgol wedi cytuno i adolygu'r cynllun, felly rwy'n tynnu'r cais yn ôl.",
        )
        return la_request

    # Referrals ---------------------------------------------------------------------------------

    def provider(self, kind: SupportKind) -> Any:
        return providers_for_referral(local_authority_id=self.la.pk, kind=kind)[0]

    def resolution(self, case: Case, notice: Notice, days_ago: int) -> SupportReferral:
        """A referral to disagreement resolution (s.68) about `notice`, within the 8 weeks: it
        extends the time to appeal by 8 weeks."""
        return support_refer(
            actor=self.officer,
            learner=case.learner,
            kind=SupportKind.DISAGREEMENT_RESOLUTION,
            provider=self.provider(SupportKind.DISAGREEMENT_RESOLUTION),
            referred_on=self.ago(days_ago),
            referred_by_name=f"{self.officer.full_name}, ALN officer, with the family",
            about="The local authority's decision not to revise the plan.",
            case=case,
            notice=notice,
        )

    # Appeals -----------------------------------------------------------------------------------

    def appealable_notices(
        self, kinds: Iterable[str], *, plan_bodies: Iterable[Body] = ()
    ) -> list[Notice]:
        """Notices giving a right of appeal on the demo LA's cases that no story has appealed
        yet, oldest first; only about plans `plan_bodies` maintain, if any are given."""
        notices = Notice.objects.filter(case__local_authority=self.la, kind__in=list(kinds))
        if plan_bodies:
            notices = notices.filter(
                case__idp__maintained_by__in=[body.value for body in plan_bodies]
            )
        notices = (
            notices.exclude(case_id__in=self.appealed)
            .select_related("case__learner")
            .order_by("given_on", "created_at")
        )
        return [n for n in notices if Right.APPEAL_TO_TRIBUNAL.value in (n.rights or [])]

    def appeal(
        self,
        case: Case,
        notice: Notice,
        *,
        received_days_ago: int | None = None,
        received_on: datetime.date | None = None,
        matters: Iterable[AppealMatter] = (),
        reference: str = "",
    ) -> Appeal:
        """Record an appeal against `notice` on the matters wanted that it can be appealed on
        (all of them if none is wanted)."""
        received = received_on or self.ago(received_days_ago or 0)
        offered = appeal_option_for(notice).matters
        chosen = [m for m in offered if m in set(matters)] or list(offered)
        who, name = self.family_of(case.learner, received)
        self.appealed.add(case.pk)
        return appeal_record(
            actor=self.officer,
            case=case,
            notice=notice,
            appellant=Appellant(who.value),
            appellant_name=name,
            matters=chosen,
            received_on=received,
            tribunal_reference=reference,
        )

    def appeal_late(self) -> Appeal | None:
        """An appeal against a plan the LA gave more than 8 weeks ago, received late: it waits
        for the President's permission (ETW Regs reg 14)."""
        late = [
            n
            for n in self.appealable_notices(
                [NoticeKind.IDP_GIVEN.value], plan_bodies=(Body.LOCAL_AUTHORITY,)
            )
            if n.given_on <= self.ago(75)
        ]
        if not late:
            return None
        notice = late[-1]
        return self.appeal(
            notice.case,
            notice,
            received_days_ago=6,
            matters=(AppealMatter.ALP, AppealMatter.WELSH_PROVISION),
            reference="ETW/DEMO/0107",
        )

    def appeal_hearing_listed(self) -> Appeal | None:
        """An appeal registered by the Tribunal, case statements due and the hearing listed.
        The young person has an independent advocate (s.69) for it."""
        recent = [
            n
            for n in self.appealable_notices(_APPEALABLE_PLAN_KINDS)
            if self.ago(50) <= n.given_on <= self.ago(16)
        ]
        if not recent:
            return None
        notice = recent[-1]
        case = notice.case
        appeal = self.appeal(case, notice, received_on=notice.given_on + datetime.timedelta(days=4))
        appeal_register(
            actor=self.officer,
            appeal=appeal,
            version=appeal.version,
            case_statement_due_on=self.today + datetime.timedelta(days=21),
            tribunal_reference="ETW/DEMO/0098",
        )
        appeal_list_hearing(
            actor=self.officer,
            appeal=appeal,
            version=appeal.version,
            hearing_on=self.today + datetime.timedelta(days=49),
        )
        referral = support_refer(
            actor=self.officer,
            learner=case.learner,
            kind=SupportKind.ADVOCACY,
            provider=self.provider(SupportKind.ADVOCACY),
            referred_on=notice.given_on + datetime.timedelta(days=6),
            referred_by_name=f"{self.officer.full_name}, ALN officer",
            about="Help to put the learner's own views to the Tribunal.",
            case=case,
        )
        support_record_outcome(
            actor=self.officer,
            referral=referral,
            version=referral.version,
            outcome=ResolutionOutcome.RESOLVED,
            outcome_on=self.ago(3),
            notes="The advocate helped write the learner's views for the case statement.",
        )
        return appeal

    def appeal_allowed_with_orders(self) -> Appeal | None:
        """An appeal against an LA's plan, allowed after a hearing. One order was complied with;
        the other is open, owned by the LA's ALN officer (on their home page)."""
        old = [
            n
            for n in self.appealable_notices(
                [NoticeKind.IDP_GIVEN.value], plan_bodies=(Body.LOCAL_AUTHORITY,)
            )
            if n.given_on <= self.ago(120)
        ]
        if not old:
            return None
        notice = old[0]
        appeal = self.appeal(
            notice.case,
            notice,
            received_on=notice.given_on + datetime.timedelta(days=35),
            matters=(AppealMatter.DESCRIPTION_OF_NEED, AppealMatter.ALP),
        )
        appeal_register(
            actor=self.officer,
            appeal=appeal,
            version=appeal.version,
            case_statement_due_on=notice.given_on + datetime.timedelta(days=70),
            tribunal_reference="ETW/DEMO/0061",
        )
        appeal_list_hearing(
            actor=self.officer, appeal=appeal, version=appeal.version, hearing_on=self.ago(20)
        )
        decided_on = self.ago(14)
        appeal_decide(
            actor=self.officer,
            appeal=appeal,
            version=appeal.version,
            decision=AppealDecision.ALLOWED,
            summary=(
                "The Tribunal found that the plan does not describe the learner's sensory needs "
                "and that the provision is not specific enough. The appeal is allowed."
            ),
            decided_on=decided_on,
            decision_sent_on=self.ago(13),
        )
        done = order_record(
            actor=self.officer,
            appeal=appeal,
            kind=OrderKind.AMEND_DESCRIPTION_OF_NEED,
            details="Add the learner's sensory processing needs to the description in 2A.",
            made_on=decided_on,
            comply_by=self.ago(0),
        )
        order_complete(
            actor=self.officer,
            order=done,
            version=done.version,
            completed_on=self.ago(5),
            notes="The description of needs was amended and the family sent the new page.",
        )
        order_record(
            actor=self.officer,
            appeal=appeal,
            kind=OrderKind.AMEND_ALP,
            details=(
                "Specify occupational therapy: a sensory diet drawn up by an occupational "
                "therapist, reviewed every half term."
            ),
            made_on=decided_on,
            comply_by=self.today + datetime.timedelta(days=14),
            owner=self.officer,
        )
        return appeal

    # Capacity ----------------------------------------------------------------------------------

    def case_friend(self) -> CapacityRecord | None:
        """A child at a special school whom the LA considers lacks capacity to understand the
        rights (s.84), with a case friend appointed by the Tribunal (s.85)."""
        learner = self.learner_of_kind(
            {SettingKind.SPECIAL}, {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(40)
        ) or self.learner_of_kind(
            {SettingKind.PRIMARY, SettingKind.SECONDARY},
            {AgeBand.COMPULSORY_SCHOOL_AGE},
            self.ago(40),
        )
        if learner is None:
            return None
        record = capacity_record(
            actor=self.officer,
            learner=learner,
            assessor=CapacityAssessor.LOCAL_AUTHORITY,
            lacks_capacity=True,
            decided_on=self.ago(40),
            decided_by_name=f"{self.officer.full_name}, ALN officer",
            reasons=(
                "With the educational psychologist and the child's teacher, the local authority "
                "formed the view that the child cannot understand what the rights to ask for a "
                "reconsideration or to appeal mean, even with pictures and simple words."
            ),
        )
        acting_for_appoint(
            actor=self.officer,
            learner=learner,
            kind=ActingForKind.CASE_FRIEND,
            name="Eleri Vaughan",
            email="eleri.vaughan@demo.example",
            address="4 Heol y Bryn, Demo Town, DM1 4QT",
            authority="Appointed case friend by the Education Tribunal for Wales",
            appointed_on=self.ago(30),
        )
        return record

    # The stories -------------------------------------------------------------------------------

    def all(self) -> tuple[Callable[[], Any], ...]:  # type: ignore[override]
        return (
            self.reconsider_aln_open,
            self.reconsider_aln_changed,
            self.reconsider_aln_exception,
            self.reconsider_idp_no_revision,
            self.take_over_agreed,
            self.reconsider_ceasing_open,
            self.parent_withdrew,
            self.appeal_allowed_with_orders,
            self.appeal_late,
            self.appeal_hearing_listed,
            self.case_friend,
        )


def _demo_disputes(la: LocalAuthority) -> bool:
    return (
        LaRequest.objects.filter(local_authority=la).exists()
        or Appeal.objects.filter(local_authority=la).exists()
        or SupportReferral.objects.filter(local_authority=la).exists()
    )


def create_demo_disputes(
    la: LocalAuthority,
    settings: dict[str, Setting],
    users: dict[str, User],
    today: datetime.date,
) -> list[Any]:
    """Tell each disagreement's story through the services; returns the first record each
    story made.

    Does nothing if the demo LA already has requests, appeals or referrals (running it again
    changes nothing). Call inside the demo's transaction, after `create_demo_plans`: the stories
    carry on from its cases and plans.
    """
    if _demo_disputes(la):
        return []
    return run_stories(_DisputeStories(la, settings, users, today).all())


# The printout -------------------------------------------------------------------------------


def _la_login(la: LocalAuthority) -> str:
    """The demo's LA ALN officer: their home page lists the open order, and they may act on
    every request and appeal."""
    officer = (
        User.objects.filter(
            memberships__local_authority=la, memberships__role=Role.LA_ALN_OFFICER.value
        )
        .order_by("email")
        .first()
    )
    return officer.email if officer else ""


def _request_rows(la: LocalAuthority, officer: str) -> list[DemoDispute]:
    rows = []
    for la_request in (
        LaRequest.objects.filter(local_authority=la)
        .select_related("learner", "requested_by")
        .order_by("created_at")
    ):
        checks = (
            (True, la_request.status),
            (bool(la_request.representations_invited_on), "representations invited"),
            (bool(la_request.outcome), la_request.outcome.replace("_", " ")),
            (bool(la_request.duty_exception), "s.29, with the letter giving the reasons"),
        )
        words = [text for holds, text in checks if holds]
        online = la_request.requested_by
        by_family = online is not None and la_request.requester != Requester.GOVERNING_BODY
        rows.append(
            DemoDispute(
                f"Request to the LA ({_SECTIONS[la_request.route]}): {', '.join(words)}",
                reverse("disputes:request", kwargs={"la_request_id": la_request.pk}),
                la_request.learner.full_name,
                online.email if online is not None and by_family else officer,
            )
        )
    return rows


def _appeal_rows(la: LocalAuthority, officer: str) -> list[DemoDispute]:
    rows = []
    for appeal in (
        Appeal.objects.filter(local_authority=la).select_related("learner").order_by("created_at")
    ):
        checks = (
            (True, appeal.stage.replace("_", " ")),
            (bool(appeal.decision), appeal.decision.replace("_", " ")),
            (appeal.extended, "time to appeal extended by disagreement resolution"),
        )
        rows.append(
            DemoDispute(
                f"Appeal to the Tribunal: {', '.join(text for holds, text in checks if holds)}",
                reverse("disputes:appeal", kwargs={"appeal_id": appeal.pk}),
                appeal.learner.full_name,
                officer,
            )
        )
    for order in (
        TribunalOrder.objects.filter(appeal__local_authority=la)
        .select_related("appeal__learner", "owner")
        .order_by("created_at")
    ):
        state = "complied with" if order.completed_on else f"open, due {order.comply_by}"
        rows.append(
            DemoDispute(
                f"Tribunal order ({order.kind.replace('_', ' ')}): {state}",
                reverse("disputes:order", kwargs={"order_id": order.pk}),
                order.appeal.learner.full_name,
                order.owner.email if order.owner else officer,
            )
        )
    return rows


def _log_rows(la: LocalAuthority, officer: str) -> list[DemoDispute]:
    learners: dict[Learner, list[str]] = {}
    for referral in SupportReferral.objects.filter(local_authority=la).select_related("learner"):
        learners.setdefault(referral.learner, []).append(
            f"{referral.kind.replace('_', ' ')} referral ({referral.outcome or 'open'})"
        )
    for acting in ActingFor.objects.filter(
        learner__home_local_authority=la, ended_on__isnull=True
    ).select_related("learner"):
        learners.setdefault(acting.learner, []).append(
            f"lacks capacity, {acting.kind.replace('_', ' ')} appointed"
        )
    return [
        DemoDispute(
            f"Disagreement log: {', '.join(words)}",
            reverse("disputes:log", kwargs={"learner_id": learner.pk}),
            learner.full_name,
            officer,
        )
        for learner, words in sorted(learners.items(), key=lambda item: item[0].full_name)
    ]


def demo_disputes(la: LocalAuthority) -> list[DemoDispute]:
    """Each demo disagreement, with a page to open and a login to open it with: the dashboard,
    every request, appeal and order, and the log of each learner with a referral or a case
    friend."""
    if not _demo_disputes(la):
        return []
    officer = _la_login(la)
    dashboard = DemoDispute(
        "The LA's disagreements dashboard", reverse("disputes:dashboard"), "", officer
    )
    return [
        dashboard,
        *_request_rows(la, officer),
        *_appeal_rows(la, officer),
        *_log_rows(la, officer),
    ]

"""Demo cases at every stage of the ALN decision process, made through the case services.

The bulk cases in `aln.demo.clock` give the deadline dashboards volume; the cases here tell whole
stories, from a concern to a decision and the notice that follows (issue 4), so each demo login has
something real to open: a Welsh-medium primary's ALNCo, a secondary headteacher, the college's ALN
lead, the LA's ALN officer and its Early Years ALN Lead Officer. Every step goes through the same
service a person would use (`aln.cases.services`), so each case has its audit trail, its deadlines
from the statutory clock and, where a notice was given, the stored PDF.

All dates are in the past relative to the day the demo is loaded. The text is invented. Learners
are chosen from the demo's own people by where they learn and how old they are; a story whose
learner the plan does not hold (a small `--learners`) is left out, never made up. The stories
that cover each stage use learners every plan has.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from aln.accounts.models import User
from aln.cases.models import Case
from aln.cases.selectors import case_parties_for
from aln.cases.services.deciding import (
    case_decide,
    case_give_notice,
    case_record_no_consent,
    case_refer_to_la,
)
from aln.cases.services.gathering import (
    case_add_evidence,
    case_record_advice,
    case_record_meeting,
    case_record_views,
    case_refer_to_nhs,
    case_request_advice,
)
from aln.cases.services.opening import case_raise_concern
from aln.demo.stories import NotAsToldError, run_stories
from aln.domain.ages import AgeBand, age_band
from aln.domain.cases import (
    AdviceFrom,
    Circumstance,
    ConcernSource,
    ConsentAnswer,
    DecidingBody,
    EvidenceKind,
    ViewsOf,
)
from aln.domain.notices import DeliveryMethod, NoticeLanguage, ProviderKind
from aln.domain.organisations import SettingKind
from aln.domain.process import Outcome, Party, ReferralGround, Stage
from aln.domain.responsibility import DutyException
from aln.learners.models import Learner
from aln.notices.selectors import support_provider_list
from aln.notices.services import ProviderDetails, support_provider_create
from aln.organisations.models import HealthBoard, LocalAuthority, Setting

DEMO_HEALTH_BOARD_CODE = "7A1"

# The LA's information and advice (Act s.9), disagreement resolution (s.68) and advocacy (s.69)
# providers that every notice names. Invented, like the rest of the demo: the telephone numbers
# are in Ofcom's range reserved for drama (0808 157 0xxx).
PROVIDERS = (
    ProviderDetails(
        kind=ProviderKind.INFORMATION_AND_ADVICE,
        name_en="Demo County ALN Information and Advice Service",
        name_cy="Gwasanaeth Gwybodaeth a Chyngor ADY Sir Demo",
        phone="0808 157 0101",
        email="aln.advice@demo.example",
        description_en=(
            "Free, impartial information and advice about additional learning needs for "
            "children, young people and their families."
        ),
        description_cy=(
            "Gwybodaeth a chyngor diduedd am ddim am anghenion dysgu ychwanegol i blant, pobl "
            "ifanc a'u teuluoedd."
        ),
    ),
    ProviderDetails(
        kind=ProviderKind.DISAGREEMENT_RESOLUTION,
        name_en="Demo Independent Disagreement Resolution Service",
        name_cy="Gwasanaeth Annibynnol Datrys Anghytundebau Demo",
        phone="0808 157 0202",
        email="resolution@demo.example",
        description_en=(
            "Help to settle a disagreement about additional learning needs, from someone "
            "independent of the school, college and local authority."
        ),
        description_cy=(
            "Help i ddatrys anghytundeb am anghenion dysgu ychwanegol, gan rywun sy'n annibynnol "
            "ar yr ysgol, y coleg a'r awdurdod lleol."
        ),
    ),
    ProviderDetails(
        kind=ProviderKind.INDEPENDENT_ADVOCACY,
        name_en="Demo Independent Advocacy for Children and Young People",
        name_cy="Eiriolaeth Annibynnol Demo i Blant a Phobl Ifanc",
        phone="0808 157 0303",
        email="advocacy@demo.example",
        description_en=(
            "An independent advocate can help a child or young person say what they think and "
            "make sure they are listened to."
        ),
        description_cy=(
            "Gall eiriolwr annibynnol helpu plentyn neu berson ifanc i ddweud beth yw eu barn a "
            "gwneud yn siŵr bod pobl yn gwrando arnyn nhw."
        ),
    ),
)


@dataclass(frozen=True)
class DemoCase:
    """One demo case as the `demo_load` printout shows it."""

    stage: Stage
    closed_because: str  # a ClosedBecause code, or "" for an open case
    reference: str
    case_id: Any
    learner: str
    sign_in_as: str


class _Stories:
    """Picks learners and tells each case's story through the services."""

    def __init__(
        self,
        la: LocalAuthority,
        settings: dict[str, Setting],
        users: dict[str, User],
        today: datetime.date,
    ):
        self.la, self.settings, self.users, self.today = la, settings, users, today
        self.used: set[Any] = set()
        self.health_board = HealthBoard.objects.get(code=DEMO_HEALTH_BOARD_CODE)

    # People and days -------------------------------------------------------------------------

    def user(self, local: str) -> User:
        return next(u for email, u in self.users.items() if email.startswith(f"{local}@"))

    def ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def _unused(self, *, looked_after: bool = False) -> QuerySet[Learner]:
        """Learners with no case yet. Unless asked for, not looked after and not registered at
        two schools: for them the LA decides (Act ss.18, 30), whatever school they attend."""
        learners = Learner.objects.filter(
            home_local_authority=self.la, cases__isnull=True, is_looked_after=looked_after
        ).exclude(pk__in=self.used)
        if not looked_after:
            learners = learners.exclude(enrolments__is_dual_registration=True)
        return learners.order_by("pk")

    def _first(
        self, learners: QuerySet[Learner], bands: set[AgeBand], on: datetime.date
    ) -> Learner | None:
        for learner in learners.iterator():
            if age_band(learner.date_of_birth, on) in bands:
                self.used.add(learner.pk)
                return learner
        return None

    def learner_at(self, key: str, bands: set[AgeBand], on: datetime.date) -> Learner | None:
        """A learner now at the setting `key`, of the age `bands` on `on`, with no case yet."""
        at = self._unused().filter(
            enrolments__setting=self.settings[key], enrolments__ended_on__isnull=True
        )
        return self._first(at, bands, on)

    def learner_of_kind(
        self, kinds: set[SettingKind], bands: set[AgeBand], on: datetime.date
    ) -> Learner | None:
        at = self._unused().filter(
            enrolments__setting__kind__in=[k.value for k in kinds],
            enrolments__ended_on__isnull=True,
        )
        return self._first(at, bands, on)

    def child_of(self, parent_local: str, first_name: str) -> Learner | None:
        """A demo login's own child (another family may have a child of the same name)."""
        learner = (
            self._unused()
            .filter(
                first_name=first_name,
                family_links__family_member__user=self.user(parent_local),
            )
            .first()
        )
        if learner is not None:
            self.used.add(learner.pk)
        return learner

    # Steps -----------------------------------------------------------------------------------

    def concern(
        self, actor: User, learner: Learner, on: datetime.date, body: DecidingBody, **values: Any
    ) -> Case:
        """Record the concern; `NotAsToldError` if the law puts it with a body the story did not
        expect, or `actor` does not act for it (the story is then left out, not told wrongly)."""
        setting_ids = [m.setting_id for m in actor.active_memberships if m.setting_id]
        case = case_raise_concern(
            actor=actor,
            learner=learner,
            brought_to_attention_on=on,
            actor_setting_ids=setting_ids,
            **values,
        )
        if case.deciding_body != body.value or Party.DECIDER not in case_parties_for(
            user=actor, case=case
        ):
            raise NotAsToldError(case.reference)
        return case

    @staticmethod
    def act(service: Callable[..., Any], actor: User, case: Case, **values: Any) -> Any:
        return service(actor=actor, case=case, version=case.version, **values)

    def evidence(  # noqa: PLR0917 (one row of evidence, written as it reads)
        self,
        actor: User,
        case: Case,
        kind: EvidenceKind,
        description: str,
        started_days_ago: int,
        provided_by: str,
        progress: str,
        ended_days_ago: int | None = None,
    ) -> None:
        self.act(
            case_add_evidence,
            actor,
            case,
            kind=kind,
            description=description,
            started_on=self.ago(started_days_ago),
            ended_on=None if ended_days_ago is None else self.ago(ended_days_ago),
            provided_by=provided_by,
            progress=progress,
        )

    def views(  # noqa: PLR0917
        self,
        actor: User,
        case: Case,
        whose: ViewsOf,
        days_ago: int,
        important_to: str,
        important_for: str,
        how_to_support: str,
    ) -> None:
        self.act(
            case_record_views,
            actor,
            case,
            whose=whose,
            important_to=important_to,
            important_for=important_for,
            how_to_support=how_to_support,
            gathered_on=self.ago(days_ago),
        )

    def decide(
        self, actor: User, case: Case, outcome: Outcome, days_ago: int, reasons: str, **more: Any
    ) -> None:
        self.act(
            case_decide,
            actor,
            case,
            outcome=outcome,
            reasons=reasons,
            decided_on=self.ago(days_ago),
            **more,
        )

    def notice(
        self,
        actor: User,
        case: Case,
        language: NoticeLanguage,
        method: DeliveryMethod,
        days_ago: int,
    ) -> None:
        self.act(
            case_give_notice,
            actor,
            case,
            language=language,
            method=method,
            given_on=self.ago(days_ago),
        )

    # The stories -----------------------------------------------------------------------------

    def all(self) -> tuple[Callable[[], Case | None], ...]:
        return (
            self.bryn_derw_speech_idp_due,
            self.bryn_derw_literacy_gathering,
            self.bryn_derw_hearing_decided_by_la,
            self.oakfield_anxiety_nhs_referral,
            self.oakfield_handwriting_no_aln,
            self.oakfield_decided_before,
            self.oakfield_referral_to_la,
            self.college_dyslexia_notice_due,
            self.college_awaiting_consent,
            self.college_no_consent,
            self.young_person_necessity,
            self.early_years_communication,
            self.early_years_gathering,
            self.looked_after_child,
        )

    def bryn_derw_speech_idp_due(self) -> Case | None:
        """Osian Owen (the demo parent's son): the school decides he has ALN; Welsh notice."""
        alnco = self.user("alnco")
        learner = self.child_of("parent", "Osian")  # every plan has him (`_parent_family`)
        if learner is None:
            return None
        case = self.concern(
            alnco,
            learner,
            self.ago(60),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.PARENT,
            raised_by_name="Rhian Owen (mother)",
            concern=(
                f"{learner.first_name}'s speech is still hard to understand for anyone outside "
                "the family. He leaves the ends off words in both Welsh and English, gets upset "
                "when he is not understood and has started to play on his own at break time. "
                "His mother asked whether he needs more help than the class can give."
            ),
        )
        self.evidence(
            alnco,
            case,
            EvidenceKind.UNIVERSAL,
            "Language-rich classroom: visual timetable, modelling of Welsh sentence patterns, "
            "talk partners and pre-teaching of topic words.",
            240,
            "Class teacher",
            "Joins in more with familiar routines; still rarely speaks in whole-class sessions.",
        )
        self.evidence(
            alnco,
            case,
            EvidenceKind.TARGETED,
            "Small-group speech sounds and listening programme: three 20-minute sessions a week "
            "with a trained teaching assistant.",
            150,
            "Teaching assistant (speech and language trained)",
            "Some gains with single sounds in single words, not yet carried into conversation.",
            ended_days_ago=40,
        )
        self.views(
            alnco,
            case,
            ViewsOf.CHILD,
            30,
            "Playing football with Cai and Guto at break. His dog, Mot. Showing what he has "
            "built rather than telling it.",
            "Being understood, so he can join in games and tell an adult when something is wrong.",
            "Give him time to answer. Let him point to pictures or show you. Do not ask him to "
            "repeat himself in front of the class.",
        )
        self.views(
            alnco,
            case,
            ViewsOf.PARENT,
            28,
            "That he is happy to come to school and keeps learning through Welsh, the language "
            "of home.",
            "Regular speech and language support from the same adults.",
            "Send home the words the class is learning each week so we can practise them.",
        )
        request = self.act(
            case_request_advice,
            alnco,
            case,
            source=AdviceFrom.SPEECH_AND_LANGUAGE,
            asked_of="Demo Speech, Language and Communication Outreach Service",
            question=(
                "Please assess his speech sounds and expressive language in Welsh and English "
                "and advise on the provision he needs in class."
            ),
            requested_on=self.ago(35),
            wanted_by=self.ago(7),
        )
        self.act(
            case_record_advice,
            alnco,
            case,
            request=request,
            received_on=self.ago(12),
            summary=(
                "A persistent speech sound disorder affecting how well he is understood in both "
                "languages. Needs direct support from the outreach service three times a week, "
                "with a daily programme carried into class through Welsh."
            ),
        )
        self.act(
            case_record_meeting,
            alnco,
            case,
            held_on=self.ago(8),
            invited=(
                f"{learner.full_name}; Rhian and Aled Owen (parents); the ALNCo; the class "
                "teacher; the speech and language outreach teacher."
            ),
            attended=(
                f"{learner.first_name} (for the first ten minutes, with his drawings), both "
                "parents, the ALNCo and the class teacher."
            ),
            notes=(
                "Person-centred meeting held in Welsh. Everyone agreed that his speech calls for "
                "provision beyond what the class normally gives. His parents want the programme "
                "to stay in Welsh. The ALNCo will draft a one-page profile with him."
            ),
        )
        self.decide(
            alnco,
            case,
            Outcome.HAS_ALN,
            5,
            f"{learner.first_name} has a learning difficulty: a persistent speech sound "
            "disorder that makes him much harder to understand than other children of his age, "
            "in Welsh and in English, after two terms of targeted support. It calls for "
            "additional learning provision: direct support from the speech and language outreach "
            "service and a daily individual programme in Welsh. The school will prepare his "
            "individual development plan.",
        )
        self.notice(alnco, case, NoticeLanguage.CY, DeliveryMethod.EMAIL, 3)
        return case

    def bryn_derw_literacy_gathering(self) -> Case | None:
        """A class teacher's concern about reading; educational psychology advice awaited."""
        alnco = self.user("alnco")
        learner = self.learner_at("bryn_derw", {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(18))
        if learner is None:
            return None
        case = self.concern(
            alnco,
            learner,
            self.ago(18),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.TEACHER,
            raised_by_name="Class teacher",
            concern=(
                "Reading and spelling are well behind the rest of the class, although spoken "
                "Welsh and English are good. Reverses letters, loses the place when reading "
                "aloud and avoids writing. Ideas in class discussion are strong."
            ),
        )
        self.evidence(
            alnco,
            case,
            EvidenceKind.UNIVERSAL,
            "Adapted teaching: word mats, coloured overlays, a reading buddy and extra time for "
            "written work.",
            200,
            "Class teacher",
            "More willing to try written tasks; spelling age unchanged.",
        )
        self.evidence(
            alnco,
            case,
            EvidenceKind.MONITORING_REGISTER,
            "On the school's register for monitoring (literacy) since the autumn term, reviewed "
            "each half term.",
            180,
            "ALNCo",
            "Reading age 18 months below chronological age at the last review.",
        )
        self.views(
            alnco,
            case,
            ViewsOf.CHILD,
            10,
            "Science experiments and drawing comics. Sitting next to a best friend.",
            "Not being asked to read aloud in front of the class.",
            "Read the question to me. Let me draw or say my answer first, then write it.",
        )
        self.act(
            case_request_advice,
            alnco,
            case,
            source=AdviceFrom.EDUCATIONAL_PSYCHOLOGY,
            asked_of="Demo Educational Psychology Service",
            question=(
                "Please advise whether the pattern of reading and spelling difficulties calls "
                "for additional learning provision, and what would help in a Welsh-medium class."
            ),
            requested_on=self.ago(9),
            wanted_by=self.today + datetime.timedelta(days=21),
        )
        return case

    def bryn_derw_hearing_decided_by_la(self) -> Case | None:
        """The school refers; the LA decides (has ALN, the LA prepares the IDP); bilingual notice
        with the last day to appeal to the Tribunal."""
        alnco, officer = self.user("alnco"), self.user("la.officer")
        learner = self.learner_at("bryn_derw", {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(75))
        if learner is None:
            return None
        case = self.concern(
            alnco,
            learner,
            self.ago(75),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.HEALTH_BODY,
            raised_by_name="Paediatric audiology, Betsi Cadwaladr University Health Board",
            concern=(
                "Audiology has confirmed a moderate to severe hearing loss in both ears; hearing "
                "aids were fitted last month. In class the learner misses instructions, watches "
                "other children to know what to do and is tired by the afternoon."
            ),
        )
        self.evidence(
            alnco,
            case,
            EvidenceKind.UNIVERSAL,
            "Seated near the teacher, away from the window and the corridor; instructions "
            "written on the board as well as spoken.",
            70,
            "Class teacher",
            "Follows whole-class instructions more often; still misses group discussion.",
        )
        self.evidence(
            alnco,
            case,
            EvidenceKind.PROGRESS_DATA,
            "Teacher assessment in oracy and reading this year and last.",
            365,
            "ALNCo",
            "Oracy has fallen from the expected level to well below it since last year.",
        )
        self.act(
            case_refer_to_la,
            alnco,
            case,
            grounds=[ReferralGround.NOT_REASONABLE_TO_SECURE],
            summary=(
                "The learner is likely to need a radio aid, a teacher of the deaf and an "
                "acoustic assessment of the classroom, which it would not be reasonable for the "
                "school to secure. Audiology reports are attached to the learner's file."
            ),
            referred_on=self.ago(60),
        )
        request = self.act(
            case_request_advice,
            officer,
            case,
            source=AdviceFrom.LA_SERVICE,
            asked_of="Demo, Denbighshire and Flintshire Sensory Support Service",
            question=(
                "Please assess the learner's listening needs in class and advise on equipment."
            ),
            requested_on=self.ago(55),
            wanted_by=self.ago(25),
        )
        self.act(
            case_record_advice,
            officer,
            case,
            request=request,
            received_on=self.ago(27),
            summary=(
                "Needs a radio aid in all lessons, weekly teaching from a qualified teacher of "
                "the deaf and acoustic treatment of the classroom."
            ),
        )
        self.decide(
            officer,
            case,
            Outcome.HAS_ALN,
            12,
            "The learner has a learning difficulty: a moderate to severe hearing loss that makes "
            "it much harder to follow teaching than for others of the same age. It calls for "
            "additional learning provision (a radio aid, a teacher of the deaf and changes to "
            "the classroom) that the school could not reasonably secure. The local authority "
            "will prepare and maintain the individual development plan.",
            idp_preparer=DecidingBody.LOCAL_AUTHORITY,
        )
        self.notice(officer, case, NoticeLanguage.BILINGUAL, DeliveryMethod.POST, 10)
        return case

    def oakfield_anxiety_nhs_referral(self) -> Case | None:
        """A parent's concern at a secondary school; the health board's 6 weeks are running."""
        head = self.user("headteacher")
        learner = self.learner_at("oakfield_high", {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(40))
        if learner is None:
            return None
        case = self.concern(
            head,
            learner,
            self.ago(40),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.PARENT,
            raised_by_name="Parent",
            concern=(
                "Since starting secondary school the learner has found the noise and the changes "
                "of classroom very hard, comes home exhausted and has missed eleven days this "
                "term. The family doctor has suggested an autism assessment."
            ),
        )
        self.evidence(
            head,
            case,
            EvidenceKind.TARGETED,
            "Weekly emotional literacy support sessions; a quiet room at lunchtime; a card to "
            "leave lessons for five minutes.",
            90,
            "Emotional literacy support assistant",
            "Uses the quiet room most days and the exit card about twice a week.",
        )
        self.evidence(
            head,
            case,
            EvidenceKind.PROGRESS_DATA,
            "Attendance and attainment this year.",
            120,
            "Head of year",
            "Attendance 81% this term (92% last year). Work in the lessons attended is at the "
            "expected level.",
        )
        self.act(
            case_refer_to_nhs,
            head,
            case,
            health_board=self.health_board,
            question=(
                "Is there a relevant treatment or service likely to help with the learner's "
                "possible additional learning needs? The learner is waiting for a "
                "neurodevelopmental assessment; please advise on sensory and communication needs."
            ),
            received_on=self.ago(20),
        )
        self.views(
            head,
            case,
            ViewsOf.CHILD,
            15,
            "Drawing, gaming with friends online, and knowing what is going to happen next.",
            "Somewhere quiet to go when the corridors are busy.",
            "Tell me about changes to the timetable the day before. Do not make me eat in the "
            "canteen.",
        )
        return case

    def oakfield_handwriting_no_aln(self) -> Case | None:
        """The school decides the learner does not have ALN; English notice by post; closed."""
        head = self.user("headteacher")
        learner = self.learner_at("oakfield_high", {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(55))
        if learner is None:
            return None
        case = self.concern(
            head,
            learner,
            self.ago(55),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.TEACHER,
            raised_by_name="English teacher",
            concern=(
                "Handwriting is slow and hard to read, and the learner often does not finish "
                "written work in English and history."
            ),
        )
        self.evidence(
            head,
            case,
            EvidenceKind.TARGETED,
            "Six-week handwriting and touch-typing programme, then a laptop for extended writing.",
            100,
            "Learning support assistant",
            "Now finishes work in most lessons using the laptop; types 28 words a minute.",
            ended_days_ago=58,
        )
        self.views(
            head,
            case,
            ViewsOf.CHILD,
            30,
            "Being able to keep up with friends in lessons. Football and the school band.",
            "Using the laptop without having to ask each time.",
            "Let me type long answers. Give me a printed copy of notes from the board.",
        )
        self.views(
            head,
            case,
            ViewsOf.PARENT,
            30,
            "That the laptop arrangement carries on into exams.",
            "Homework set online so it can be typed at home.",
            "Tell us if the laptop stops helping.",
        )
        self.decide(
            head,
            case,
            Outcome.NO_ALN,
            20,
            "The difficulty with handwriting has been met well by the adapted teaching every "
            "pupil may have: since using a laptop for extended writing the learner finishes the "
            "work, and attainment is in line with classmates. The learning difficulty does not "
            "call for additional learning provision, so the learner does not have additional "
            "learning needs. The school will keep the laptop arrangement and review it each term.",
        )
        self.notice(head, case, NoticeLanguage.EN, DeliveryMethod.POST, 18)
        return case

    def oakfield_decided_before(self) -> Case | None:
        """Decided before with nothing changed since: the duty does not arise; notice to give."""
        head = self.user("headteacher")
        learner = self.learner_at("oakfield_high", {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(12))
        if learner is None:
            return None
        case = self.concern(
            head,
            learner,
            self.ago(12),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.PARENT,
            raised_by_name="Parent",
            concern=(
                "The family asks again whether the learner has additional learning needs "
                "because of difficulties with maths."
            ),
            circumstances=[Circumstance.DECIDED_BEFORE_NO_CHANGE],
        )
        self.decide(
            head,
            case,
            Outcome.DUTY_DOES_NOT_ARISE,
            2,
            "The school decided in the spring term that the learner does not have additional "
            "learning needs and gave notice. We have looked again at the latest maths "
            "assessments and at what the family told us: progress has continued with the "
            "support every pupil in the set has, and nothing material has changed since then.",
            duty_exception=DutyException.DECIDED_NO_MATERIAL_CHANGE.value,
        )
        return case

    def oakfield_referral_to_la(self) -> Case | None:
        """The school refers to the LA, which gathers its own advice (LA's 12 weeks running)."""
        head, officer = self.user("headteacher"), self.user("la.officer")
        learner = self.learner_at("oakfield_high", {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(50))
        if learner is None:
            return None
        case = self.concern(
            head,
            learner,
            self.ago(50),
            body=DecidingBody.SCHOOL,
            raised_by=ConcernSource.ALNCO,
            raised_by_name="ALNCo",
            concern=(
                "Growing difficulty with communication and with unstructured times; two "
                "exclusions this year after incidents at lunchtime. Working well below the "
                "expected level in most subjects."
            ),
        )
        for kind, description, days, by, progress in (
            (
                EvidenceKind.UNIVERSAL,
                "Visual timetable, seating plan, pre-warning of changes in every lesson.",
                300,
                "Subject teachers",
                "Settles better in lessons that follow the plan.",
            ),
            (
                EvidenceKind.TARGETED,
                "Social skills group twice a week and a key adult to check in each morning.",
                160,
                "Learning support team",
                "Fewer incidents in the mornings; lunchtimes still difficult.",
            ),
            (
                EvidenceKind.MONITORING_REGISTER,
                "On the school's register for monitoring since Year 7.",
                400,
                "ALNCo",
                "Reviewed each term; needs have grown.",
            ),
        ):
            self.evidence(head, case, kind, description, days, by, progress)
        self.act(
            case_record_meeting,
            head,
            case,
            held_on=self.ago(30),
            invited="The learner, both parents, the ALNCo, the head of year.",
            attended="Both parents, the ALNCo, the head of year. The learner sent written views.",
            notes=(
                "Agreed to ask the local authority to decide: the learner may need a place in "
                "the learning resource base for much of the day."
            ),
        )
        self.act(
            case_refer_to_la,
            head,
            case,
            grounds=[
                ReferralGround.NOT_REASONABLE_TO_SECURE,
                ReferralGround.CANNOT_DETERMINE_PROVISION,
            ],
            summary=(
                "We believe the learner may need small-group teaching in a learning resource "
                "base for most of the day, which it would not be reasonable for the school to "
                "secure, and we cannot work out what provision would meet the needs."
            ),
            referred_on=self.ago(25),
        )
        self.act(
            case_request_advice,
            officer,
            case,
            source=AdviceFrom.EDUCATIONAL_PSYCHOLOGY,
            asked_of="Demo Educational Psychology Service",
            question=(
                "Please assess the learner's needs and advise on the provision that would meet "
                "them."
            ),
            requested_on=self.ago(20),
            wanted_by=self.today + datetime.timedelta(days=14),
        )
        return case

    def college_dyslexia_notice_due(self) -> Case | None:
        """A young person at the college consents; the college decides; notice still to give."""
        lead = self.user("fei.lead")
        learner = self.learner_at("demo_college", {AgeBand.YOUNG_PERSON}, self.ago(40))
        if learner is None:
            return None
        case = self.concern(
            lead,
            learner,
            self.ago(40),
            body=DecidingBody.FEI,
            raised_by=ConcernSource.YOUNG_PERSON,
            raised_by_name=learner.full_name,
            concern=(
                f"{learner.first_name} asked their personal tutor for help: diagnosed with "
                "dyslexia at school but never had a plan, and now struggling with the reading on "
                "a Level 3 course and with timed assessments."
            ),
            consent=ConsentAnswer.GIVEN,
            consent_on=self.ago(38),
        )
        self.evidence(
            lead,
            case,
            EvidenceKind.TARGETED,
            "Weekly study skills session with the learning support team; reading software.",
            30,
            "Learning support team",
            "Assignments now handed in on time; reading for the course still takes twice as long.",
        )
        self.views(
            lead,
            case,
            ViewsOf.YOUNG_PERSON,
            25,
            "Finishing the course and getting onto a nursing degree. Working at a care home on "
            "Saturdays.",
            "Keeping up with the reading and the assignments.",
            "Give me handouts before the lesson. Let me use text-to-speech. Check in with me "
            "once a week.",
        )
        self.decide(
            lead,
            case,
            Outcome.HAS_ALN,
            1,
            f"{learner.first_name} has a learning difficulty (dyslexia) that makes reading and "
            "timed written work much harder than for others of the same age. It calls for "
            "additional learning provision beyond what the college generally provides: weekly "
            "specialist study skills teaching and assistive technology in every subject. The "
            "college will prepare the individual development plan.",
        )
        return case

    def college_awaiting_consent(self) -> Case | None:
        """A parent raises a concern about a young person: nothing proceeds until they agree."""
        lead = self.user("fei.lead")
        learner = self.learner_at("demo_college", {AgeBand.YOUNG_PERSON}, self.ago(6))
        if learner is None:
            return None
        return self.concern(
            lead,
            learner,
            self.ago(6),
            body=DecidingBody.FEI,
            raised_by=ConcernSource.PARENT,
            raised_by_name="Parent",
            concern=(
                "The family is worried that memory and concentration have not recovered since a "
                "head injury last year, and that the course is becoming too much."
            ),
            consent=ConsentAnswer.NOT_YET,
        )

    def college_no_consent(self) -> Case | None:
        """The young person does not agree to a decision: the case closes."""
        lead = self.user("fei.lead")
        learner = self.learner_at("demo_college", {AgeBand.YOUNG_PERSON}, self.ago(30))
        if learner is None:
            return None
        case = self.concern(
            lead,
            learner,
            self.ago(30),
            body=DecidingBody.FEI,
            raised_by=ConcernSource.TEACHER,
            raised_by_name="Course tutor",
            concern=(
                "Finds practical sessions in the workshop hard to follow and has asked for "
                "instructions to be repeated many times."
            ),
            consent=ConsentAnswer.NOT_YET,
        )
        self.act(case_record_no_consent, lead, case, on=self.ago(24))
        return case

    def young_person_necessity(self) -> Case | None:
        """A young person outside a maintained school or FEI: the LA decides ALN, then whether an
        IDP is necessary (Act s.14(1)(c))."""
        officer = self.user("la.officer")
        on = self.ago(45)
        learner = self.learner_of_kind({SettingKind.INDEPENDENT}, {AgeBand.YOUNG_PERSON}, on)
        detained = learner is None
        if detained:
            learner = self.learner_at("demo_college", {AgeBand.YOUNG_PERSON}, on)
        if learner is None:
            return None
        concern = (
            "Remanded to youth detention accommodation last month. The youth offending team "
            "reports long-standing difficulties with reading and with managing frustration; "
            "no plan has ever been made."
            if detained
            else "Left the sixth form of a maintained school for an independent specialist "
            "placement. The placement reports that support for social communication and "
            "independence is now needed to take part in the course."
        )
        case = self.concern(
            officer,
            learner,
            on,
            body=DecidingBody.LOCAL_AUTHORITY,
            raised_by=ConcernSource.OTHER_AGENCY,
            raised_by_name="Youth offending team" if detained else "Placement coordinator",
            concern=concern,
            consent=ConsentAnswer.GIVEN,
            consent_on=self.ago(42),
            circumstances=[Circumstance.DETAINED] if detained else [],
        )
        self.views(
            officer,
            case,
            ViewsOf.YOUNG_PERSON,
            30,
            "Getting a qualification and a job working outdoors. Family visits.",
            "Help with reading forms and letters.",
            "Explain things face to face, not in long letters. Give me time to think.",
        )
        self.evidence(
            officer,
            case,
            EvidenceKind.OTHER,
            "Education staff's initial assessment of literacy and communication.",
            35,
            "Education staff",
            "Reading age about 9; speaking and listening a strength.",
        )
        self.decide(
            officer,
            case,
            Outcome.HAS_ALN,
            6,
            "The young person has a learning difficulty in reading and in managing frustration "
            "that calls for additional learning provision: specialist literacy teaching and "
            "a key worker to plan learning with them.",
        )
        return case

    def early_years_communication(self) -> Case | None:
        """A health body tells the LA (s.64) about a child under school age at a cylch meithrin;
        the Early Years ALN Lead Officer has decided and has the notice to give."""
        lead = self.user("early.years")
        on = self.ago(50)
        learner = self.learner_of_kind(
            {SettingKind.NON_MAINTAINED_EARLY_YEARS}, {AgeBand.UNDER_COMPULSORY_SCHOOL_AGE}, on
        ) or self._first(
            self._unused().filter(enrolments__isnull=True),
            {AgeBand.UNDER_COMPULSORY_SCHOOL_AGE},
            on,
        )
        if learner is None:
            return None
        case = self.concern(
            lead,
            learner,
            on,
            body=DecidingBody.LOCAL_AUTHORITY,
            raised_by=ConcernSource.HEALTH_BODY,
            raised_by_name="Health visitor, Betsi Cadwaladr University Health Board",
            concern=(
                "At the developmental review the health visitor noted very few words, little "
                "interest in playing alongside other children and distress at changes of "
                "routine. The health board tells the local authority, under section 64, that "
                "the child probably has additional learning needs."
            ),
        )
        self.evidence(
            lead,
            case,
            EvidenceKind.OTHER,
            "Observations at six play sessions, and a home visit from the Early Years ALN Team.",
            45,
            "Early Years ALN Team",
            "Responds to a visual routine and to songs; communicates mostly by leading an "
            "adult by the hand.",
        )
        self.views(
            lead,
            case,
            ViewsOf.PARENT,
            35,
            "Bubbles, the swings in the park and bath time. Songs at bedtime.",
            "Being able to tell us what is wrong, and getting ready for school.",
            "Keep the same routine every day and warn about changes with pictures.",
        )
        self.act(
            case_record_meeting,
            lead,
            case,
            held_on=self.ago(20),
            invited=(
                "Parents, the play session leader, the health visitor, the Early Years ALN Team."
            ),
            attended="Parents, the play session leader, the Early Years ALN Team.",
            notes=(
                "Agreed the child's communication needs call for provision beyond what early "
                "years settings normally give. The family would like the support "
                + ("through Welsh." if learner.preferred_language == "cy" else "in English.")
            ),
        )
        self.decide(
            lead,
            case,
            Outcome.HAS_ALN,
            8,
            "The child has a learning difficulty in communication and interaction and is likely "
            "to have one on reaching compulsory school age without additional learning "
            "provision. The child needs a visiting specialist teacher from the Early Years ALN "
            "Team each week and a communication programme in the setting. The local authority "
            "will prepare the individual development plan.",
        )
        return case

    def early_years_gathering(self) -> Case | None:
        """A parent's concern about a young child; the Early Years ALN Team is asked to visit."""
        lead = self.user("early.years")
        on = self.ago(10)
        learner = self.learner_of_kind(
            {SettingKind.NON_MAINTAINED_EARLY_YEARS}, {AgeBand.UNDER_COMPULSORY_SCHOOL_AGE}, on
        )
        if learner is None:
            return None
        case = self.concern(
            lead,
            learner,
            on,
            body=DecidingBody.LOCAL_AUTHORITY,
            raised_by=ConcernSource.EARLY_YEARS_SETTING,
            raised_by_name="Setting leader",
            concern=(
                "Not yet walking steadily and finds it hard to use both hands together; the "
                "setting is worried about joining in safely with outdoor play."
            ),
        )
        self.act(
            case_request_advice,
            lead,
            case,
            source=AdviceFrom.LA_SERVICE,
            asked_of="Demo Early Years ALN Team",
            question="Please observe the child at the setting and advise on physical development.",
            requested_on=self.ago(8),
            wanted_by=self.today + datetime.timedelta(days=20),
        )
        return case

    def looked_after_child(self) -> Case | None:
        """A child looked after by the demo LA: the LA decides (s.18) and has the notice to give,
        which goes to the independent reviewing officer too."""
        officer = self.user("la.officer")
        on = self.ago(65)
        looked_after = self._unused(looked_after=True).filter(looked_after_by=self.la)
        learner = self._first(looked_after, {AgeBand.COMPULSORY_SCHOOL_AGE}, on)
        if learner is None:
            return None
        case = self.concern(
            officer,
            learner,
            on,
            body=DecidingBody.LOCAL_AUTHORITY,
            raised_by=ConcernSource.OTHER_AGENCY,
            raised_by_name="Social worker, children's services",
            concern=(
                "Placed with new foster carers three months ago after two moves in a year. The "
                "school reports reading and number well below the expected level and great "
                "difficulty settling in class."
            ),
        )
        self.evidence(
            officer,
            case,
            EvidenceKind.TARGETED,
            "Daily reading with a key adult and a nurture group four afternoons a week.",
            80,
            "School",
            "Settles better after nurture sessions; reading has moved on by six months.",
        )
        self.act(
            case_record_meeting,
            officer,
            case,
            held_on=self.ago(40),
            invited="The child, foster carer, social worker, designated teacher, ALN officer.",
            attended="Foster carer, social worker, designated teacher, ALN officer.",
            notes=(
                "Held with the personal education plan review. Agreed the gaps are largely "
                "explained by missed schooling and are closing with the support in place."
            ),
        )
        self.decide(
            officer,
            case,
            Outcome.NO_ALN,
            15,
            "The gaps in reading and number are explained mainly by missed schooling and are "
            "closing with the support every pupil at the school may have. They do not call for "
            "additional learning provision, so the child does not have additional learning "
            "needs. The personal education plan will keep the support under review.",
        )
        return case


def _ensure_providers(la: LocalAuthority, manager: User) -> None:
    if support_provider_list(la.pk, include_inactive=True):
        return
    for details in PROVIDERS:
        support_provider_create(actor=manager, local_authority_id=la.pk, details=details)


def _story_cases(la: LocalAuthority) -> QuerySet[Case]:
    # The bulk cases of `aln.demo.clock` record no concern; these stories always do.
    return Case.objects.filter(local_authority=la).exclude(concern="")


def create_process_cases(
    la: LocalAuthority,
    settings: dict[str, Setting],
    users: dict[str, User],
    today: datetime.date,
) -> list[Case]:
    """Tell each story through the case services; returns the cases made.

    Does nothing if the demo LA already has cases with a recorded concern (running it again
    changes nothing, like the rest of the demo). Call inside the demo's transaction, after the
    calendar is loaded (the services compute deadlines from it).
    """
    if _story_cases(la).exists():
        return []
    manager = next(u for email, u in users.items() if email.startswith("la.manager@"))
    _ensure_providers(la, manager)
    return run_stories(_Stories(la, settings, users, today).all())


def demo_cases(la: LocalAuthority) -> list[DemoCase]:
    """One story case for each stage (and each reason a case closed), in the order of the
    process, with the person who last acted on it: the login to try it with."""
    first: dict[tuple[Stage, str], Case] = {}
    for case in _story_cases(la).select_related("learner", "updated_by").order_by("created_at"):
        first.setdefault((Stage(case.stage), case.closed_because), case)
    return [
        DemoCase(
            stage=stage,
            closed_because=closed_because,
            reference=case.reference,
            case_id=case.pk,
            learner=case.learner.full_name,
            sign_in_as=case.updated_by.email if case.updated_by else "",
        )
        for (stage, closed_because), case in sorted(
            first.items(), key=lambda item: (list(Stage).index(item[0][0]), item[0][1])
        )
    ]

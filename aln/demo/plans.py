"""Demo individual development plans of every kind, made through the plan services (issue 5).

The story cases in `aln.demo.cases` end where a plan begins; the stories here carry on to the
plans themselves, so each demo login has a plan to open at each point of its life: a draft being
written (with a vague outcome for the checker to explain), plans given, reviewed with no
revision, revised (version 2), with a parent's request for a review waiting as a task, with a
proposal to cease, ceased, and passed to the LA when the child came into its care. Between them
they hold every kind the demo must show (issue 5): schools' plans, local authority plans (one
naming a placement and board and lodging in section 2D), an early years plan, a college's plan, a
looked-after child's plan, NHS provision in section 2C, and Welsh-medium provision in a plan
written in Welsh, with a professional's report as an appendix.

Two stories carry on from cases `aln.demo.cases` left at IDP due (Osian Owen's, and the LA's
decision on a school's referral); the rest tell their case from the concern, with learners every
demo of 200 learners or more holds: Ysgol Gymraeg Bryn Derw has few pupils in a small demo, so the
later school stories are at Oakfield High School.

Every step goes through the service a person would use (`aln.idps.services` after the case
services), so each plan has its versions, its audit trail, its review clock and the letters that
went with it. All dates are in the past relative to the day the demo is loaded (the dates a plan
looks ahead to, its outcomes' and provision's, are after the day it was given), and no story
reaches back further than the demo's calendar does. The text is invented. A story whose learner or
case the demo does not hold (a small `--learners`) is left out, never made up.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.urls import reverse

from aln.accounts.models import Membership, User
from aln.cases.models import Case
from aln.cases.services.gathering import (
    case_record_advice,
    case_record_meeting,
    case_request_advice,
)
from aln.demo.cases import _Stories
from aln.demo.stories import run_stories
from aln.domain.ages import AgeBand, age_band
from aln.domain.cases import (
    AdviceFrom,
    ConcernSource,
    ConsentAnswer,
    DecidingBody,
    EvidenceKind,
    ViewsOf,
)
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.organisations import LanguageMedium, SettingKind
from aln.domain.plans import AlpProvider, CeaseGround, ReviewDecision, TransferKind
from aln.domain.process import Outcome, Stage
from aln.domain.responsibility import Body
from aln.domain.roles import Role
from aln.idps.models import AttachmentKind, Idp, IdpVersion, PlanLanguage, Review
from aln.idps.selectors.plans import current_version, draft_of
from aln.idps.services.attachments import attachment_add
from aln.idps.services.ceasing import cease_decide, cease_propose
from aln.idps.services.drafting import draft_save_section, element_save, idp_start, need_save
from aln.idps.services.issuing import idp_give
from aln.idps.services.reviews import review_record, review_request_make
from aln.idps.services.transfers import idp_transfer
from aln.learners.models import Learner
from aln.notices.rendering import MONTH_NAMES
from aln.organisations.models import LocalAuthority, Setting

# Month names as the letters print them (in Welsh after "mis" they keep their radical form).
MONTHS_EN, MONTHS_CY = MONTH_NAMES["en"], MONTH_NAMES["cy"]

# The demo logins who act for a body that maintains plans, by the setting they work at.
_SETTING_ROLES = (Role.ALNCO, Role.HEADTEACHER, Role.FEI_ALN_LEAD)


def month_end(day: datetime.date, months: int) -> datetime.date:
    """The last day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months + 1
    first_of_next = datetime.date(index // 12, index % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


def in_english(day: datetime.date) -> str:
    """ "July 2027": the outcome checker reads a month with its year as a date."""
    return f"{MONTHS_EN[day.month - 1]} {day.year}"


def in_welsh(day: datetime.date) -> str:
    """ "mis Gorffennaf 2027"."""
    return f"mis {MONTHS_CY[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Alp:
    """One element of additional learning provision as a story writes it (2B, or 2C for an NHS
    body). `needs` are the positions of the described needs (2A) its outcome is for."""

    outcome: str
    provision: str
    frequency: str
    duration: str
    group_size: str
    provider: AlpProvider
    provider_name: str = ""
    welsh: bool = False
    rationale: str = ""
    needs: tuple[int, ...] = (0,)


@dataclass(frozen=True)
class Profile:
    """Section 1: the one-page profile, written with the child or young person."""

    like_and_admire: str
    important_to_me: str
    how_to_support_me: str
    written_with: str
    communication_language: str = ""


@dataclass(frozen=True)
class DemoIdp:
    """One demo plan as the `demo_load` printout shows it."""

    summary: str
    stage: Stage
    idp_id: Any
    learner: str
    sign_in_as: str


class _PlanStories(_Stories):
    """Tells each plan's story through the case and plan services."""

    # Finding learners and cases -------------------------------------------------------------

    def learner_since(
        self,
        bands: set[AgeBand],
        on: datetime.date,
        *,
        key: str | None = None,
        kinds: set[SettingKind] | None = None,
        aged_at_least: int = 0,
    ) -> Learner | None:
        """A learner with no case yet, of the age `bands` (and at least `aged_at_least`) on `on`,
        who was already at the setting `key` (or at a setting of one of `kinds`) on `on` and
        still is: the story's first step."""
        where: dict[str, Any] = (
            {"enrolments__setting": self.settings[key]}
            if key is not None
            else {"enrolments__setting__kind__in": [kind.value for kind in kinds or ()]}
        )
        at = self._unused().filter(
            enrolments__ended_on__isnull=True, enrolments__started_on__lte=on, **where
        )
        if aged_at_least:
            at = at.filter(date_of_birth__year__lt=on.year - aged_at_least)
        return self._first(at, bands, on)

    def story_case(self, **lookups: Any) -> Case | None:
        """A case an `aln.demo.cases` story left at IDP due, without a plan yet."""
        return (
            Case.objects.filter(local_authority=self.la, stage=Stage.IDP_DUE, idp__isnull=True)
            .exclude(concern="")
            .filter(**lookups)
            .select_related("learner")
            .order_by("created_at")
            .first()
        )

    @staticmethod
    def setting_of(learner: Learner) -> Setting | None:
        enrolment = (
            learner.enrolments.filter(ended_on__isnull=True)
            .select_related("setting")
            .order_by("started_on")
            .first()
        )
        return enrolment.setting if enrolment else None

    # The decision that comes before a plan ----------------------------------------------------

    def has_aln_case(  # noqa: PLR0917 (a story's whole decision, in the order it happened)
        self,
        actor: User,
        learner: Learner,
        body: DecidingBody,
        concern_days_ago: int,
        concern: dict[str, Any],
        gather: Callable[[Case], None],
        decided_days_ago: int,
        reasons: str,
        notice_days_ago: int,
        notice_language: NoticeLanguage,
        method: DeliveryMethod,
    ) -> Case:
        """A concern, what was gathered, the decision that the learner has ALN and its notice:
        the case is then at IDP due."""
        case = self.concern(actor, learner, self.ago(concern_days_ago), body=body, **concern)
        gather(case)
        self.decide(actor, case, Outcome.HAS_ALN, decided_days_ago, reasons)
        self.notice(actor, case, notice_language, method, notice_days_ago)
        return case

    # Writing, giving and reviewing plans -------------------------------------------------------

    def write(
        self,
        actor: User,
        case: Case,
        *,
        language: PlanLanguage,
        profile: Profile,
        needs_summary: str,
        needs: Sequence[tuple[str, str]],
        alps: Sequence[Alp],
        starts_on: datetime.date,
        ends_on: datetime.date,
        placement: dict[str, Any] | None = None,
        transition: str = "",
    ) -> tuple[Idp, IdpVersion]:
        """Start the plan and write its first draft, section by section, as its author would."""
        idp = idp_start(actor=actor, case=case)
        draft = draft_of(idp=idp)
        assert draft is not None  # noqa: S101 (idp_start writes the first draft)
        self.save_section(
            actor,
            draft,
            "about",
            language=language.value,
            communication_language=profile.communication_language,
            like_and_admire=profile.like_and_admire,
            important_to_me=profile.important_to_me,
            how_to_support_me=profile.how_to_support_me,
            profile_written_with=profile.written_with,
        )
        self.save_section(actor, draft, "needs", needs_summary=needs_summary)
        keys = [
            need_save(
                actor=actor,
                version=draft,
                revision=draft.revision,
                key=None,
                description=description,
                impact=impact,
            ).key
            for description, impact in needs
        ]
        for alp in alps:
            self.add_alp(actor, draft, alp, keys, starts_on, ends_on)
        if placement:
            self.save_section(actor, draft, "placement", **placement)
        if transition:
            self.save_section(actor, draft, "information", transition_arrangements=transition)
        return idp, draft

    @staticmethod
    def save_section(actor: User, draft: IdpVersion, section: str, **values: Any) -> None:
        draft_save_section(
            actor=actor, version=draft, revision=draft.revision, section=section, values=values
        )

    def add_alp(  # noqa: PLR0917 (one element and where it sits in the plan)
        self,
        actor: User,
        draft: IdpVersion,
        alp: Alp,
        need_keys: Sequence[str],
        starts_on: datetime.date,
        ends_on: datetime.date,
        *,
        key: str | None = None,
    ) -> None:
        nhs = alp.provider is AlpProvider.NHS_BODY
        element_save(
            actor=actor,
            version=draft,
            revision=draft.revision,
            key=key,
            values={
                "need_keys": [need_keys[index] for index in alp.needs],
                "outcome": alp.outcome,
                "provision": alp.provision,
                "frequency": alp.frequency,
                "duration": alp.duration,
                "group_size": alp.group_size,
                "welsh_required": alp.welsh,
                "provider": alp.provider.value,
                "provider_name": alp.provider_name,
                "health_board": self.health_board if nhs else None,
                "starts_on": starts_on,
                "review_or_end_on": ends_on,
                "rationale": alp.rationale,
            },
        )

    def give(  # noqa: PLR0917 (a plan given, as the letter records it)
        self,
        actor: User,
        idp: Idp,
        draft: IdpVersion,
        days_ago: int,
        language: NoticeLanguage,
        method: DeliveryMethod,
    ) -> None:
        idp_give(
            actor=actor,
            idp=idp,
            version=draft,
            revision=draft.revision,
            case_version=idp.case.version,
            given_on=self.ago(days_ago),
            method=method,
            language=language,
        )

    def review(
        self,
        actor: User,
        idp: Idp,
        *,
        invited_days_ago: int,
        held_days_ago: int,
        invited: str,
        attended: str,
        learner_views: str,
        family_views: str,
        others_views: str,
        progress: Sequence[str],
        decision: ReviewDecision,
        reasons: str,
        notice: tuple[int, NoticeLanguage, DeliveryMethod] | None = None,
    ) -> Review:
        """Record a review with progress towards each outcome, in plan order."""
        version = current_version(idp=idp)
        assert version is not None  # noqa: S101 (a plan in force has a version given)
        elements = list(version.elements.all())
        notice_days_ago, language, method = notice or (None, None, None)
        return review_record(
            actor=actor,
            idp=idp,
            case_version=idp.case.version,
            invited=invited,
            invited_on=self.ago(invited_days_ago),
            held_on=self.ago(held_days_ago),
            attended=attended,
            learner_views=learner_views,
            family_views=family_views,
            others_views=others_views,
            progress=dict(zip((e.key for e in elements), progress, strict=True)),
            decision=decision,
            reasons=reasons,
            notice_given_on=None if notice_days_ago is None else self.ago(notice_days_ago),
            notice_method=method,
            notice_language=language,
        )

    # The stories -------------------------------------------------------------------------------

    def all(self) -> tuple[Callable[[], Idp | None], ...]:  # type: ignore[override]
        return (
            self.osian_welsh_plan_review_requested,
            self.hearing_la_plan_being_written,
            self.college_plan_no_revision,
            self.oakfield_plan_revised,
            self.oakfield_cease_proposed,
            self.oakfield_plan_ceased,
            self.oakfield_plan_into_care,
            self.early_years_plan,
            self.independent_school_la_plan,
        )

    def osian_welsh_plan_review_requested(self) -> Idp | None:
        """Osian Owen (the demo parent's son): his school's plan in Welsh, with Welsh-medium
        provision from the school, the LA's outreach service and the health board (2C), given the
        day after the decision notice. His mother has since asked for a review."""
        alnco, parent = self.user("alnco"), self.user("parent")
        case = self.story_case(
            learner__first_name="Osian", learner__family_links__family_member__user=parent
        )
        if case is None:
            return None
        given = self.ago(1)
        ends = month_end(given, 8)
        by = f"Erbyn {in_welsh(ends)}"
        idp, draft = self.write(
            alnco,
            case,
            language=PlanLanguage.WELSH,
            profile=Profile(
                communication_language="Cymraeg, iaith y cartref; mae'n deall Saesneg hefyd.",
                like_and_admire=(
                    "Mae Osian yn garedig ac yn llawn hwyl. Mae'n wych am adeiladu gyda Lego, "
                    "ac mae'n gwneud i blant newydd yn y dosbarth deimlo'n gartrefol."
                ),
                important_to_me=(
                    "Chwarae pêl-droed amser egwyl gyda Cai a Guto. Mot, fy nghi. Dangos i chi "
                    "beth dw i wedi'i adeiladu yn lle dweud wrthoch chi."
                ),
                how_to_support_me=(
                    "Rhowch amser i mi ateb. Gadewch i mi bwyntio at lun neu ddangos i chi. "
                    "Peidiwch â gofyn i mi ddweud rhywbeth eto o flaen y dosbarth."
                ),
                written_with=(
                    "Osian, gyda Nia Pritchard (y CydADY) a'i fam, Rhian Owen. Dewisodd Osian y "
                    "lluniau a dangosodd ei fodelau Lego i ni."
                ),
            ),
            needs_summary=(
                "Mae gan Osian anhwylder seiniau lleferydd parhaus. Ar ôl dau dymor o gymorth "
                "wedi'i dargedu, mae'n dal yn anodd i bobl y tu allan i'r teulu ei ddeall, yn "
                "Gymraeg ac yn Saesneg."
            ),
            needs=(
                (
                    "Mae Osian yn gadael seiniau olaf geiriau allan ac yn newid rhai seiniau "
                    "(er enghraifft 't' yn lle 'c'), yn Gymraeg ac yn Saesneg.",
                    "Nid yw oedolion a phlant eraill yn ei ddeall bob amser. Mae'n osgoi siarad "
                    "yn y dosbarth ac weithiau'n chwarae ar wahân amser egwyl.",
                ),
                (
                    "Mae'n anodd i Osian ddweud wrth oedolyn pan fydd rhywbeth o'i le.",
                    "Mae'n cynhyrfu ac yn tynnu'n ôl pan nad yw pobl yn ei ddeall.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, bydd Osian yn ynganu'r sain 'c' yn gywir ar ddiwedd geiriau "
                        "mewn 8 allan o 10 gair wrth ddisgrifio llun, wedi'i gofnodi gan y "
                        "cynorthwyydd bob pythefnos."
                    ),
                    provision=(
                        "Rhaglen seiniau lleferydd unigol yn Gymraeg, wedi'i chynllunio gan y "
                        "gwasanaeth allgymorth a'i chyflwyno gan gynorthwyydd addysgu "
                        "hyfforddedig. Geiriau'r wythnos yn mynd adref i'w hymarfer."
                    ),
                    frequency="Bob dydd",
                    duration="10 munud",
                    group_size="Un i un",
                    provider=AlpProvider.SCHOOL,
                    provider_name="Ysgol Gymraeg Bryn Derw",
                    welsh=True,
                    rationale=(
                        "Cyngor y gwasanaeth allgymorth lleferydd ac iaith: mae ymarfer byr bob "
                        "dydd yn gweithio'n well nag ymarfer hirach yn llai aml. Mae'r teulu am "
                        "i'r rhaglen fod yn Gymraeg, iaith y cartref."
                    ),
                ),
                Alp(
                    outcome=(
                        f"{by}, bydd Osian yn dweud brawddeg o bedwar gair o leiaf yn ddigon "
                        "clir i oedolyn dieithr ei hailadrodd yn gywir, mewn 4 allan o 5 cyfle, "
                        "wedi'i fesur gan yr athro allgymorth bob hanner tymor."
                    ),
                    provision=(
                        "Therapi uniongyrchol gan athro'r gwasanaeth allgymorth, yn Gymraeg, a "
                        "chyngor i'r athro dosbarth ar fodelu seiniau yn ystod gwersi."
                    ),
                    frequency="Tair gwaith yr wythnos",
                    duration="20 munud",
                    group_size="Un i un, ac un sesiwn yr wythnos mewn grŵp o dri",
                    provider=AlpProvider.LOCAL_AUTHORITY,
                    provider_name="Gwasanaeth Allgymorth Lleferydd, Iaith a Chyfathrebu Demo",
                    welsh=True,
                    rationale="Cyngor y gwasanaeth allgymorth ar ôl ei asesiad yn yr ysgol.",
                    needs=(0, 1),
                ),
                Alp(
                    outcome=(
                        f"{by}, bydd Osian yn defnyddio'r seiniau 's' a 'ff' yn gywir ar "
                        "ddechrau geiriau mewn 9 allan o 10 gair yn asesiad y therapydd iaith a "
                        "lleferydd."
                    ),
                    provision=(
                        "Bloc o therapi iaith a lleferydd pediatrig yn y clinig, gyda rhaglen i "
                        "Osian a'i rieni ei dilyn gartref."
                    ),
                    frequency="Unwaith yr wythnos am wyth wythnos",
                    duration="30 munud",
                    group_size="Un i un, gyda rhiant",
                    provider=AlpProvider.NHS_BODY,
                    provider_name="Therapi Iaith a Lleferydd Pediatrig",
                    welsh=True,
                    rationale=(
                        "Mae'r bwrdd iechyd wedi cytuno i sicrhau'r therapi hwn yn Gymraeg "
                        "(adran 21 o'r Ddeddf)."
                    ),
                ),
            ),
            starts_on=given,
            ends_on=ends,
            transition=(
                "Bydd y CydADY yn rhannu'r cynllun gyda'i athro dosbarth nesaf cyn diwedd y "
                "flwyddyn, a bydd Osian yn ymweld â'i ddosbarth newydd gyda'i gynorthwyydd."
            ),
        )
        reported = self.ago(12)  # the outreach service's advice (aln.demo.cases)
        attachment_add(
            actor=alnco,
            idp=idp,
            upload=SimpleUploadedFile(
                "adroddiad-allgymorth.pdf",
                simple_pdf(
                    (
                        "Gwasanaeth Allgymorth Lleferydd, Iaith a Chyfathrebu Demo",
                        f"Adroddiad asesu: {case.learner.full_name}",
                        f"Dyddiad: {reported.day} {MONTHS_CY[reported.month - 1]} {reported.year}",
                        "",
                        "Asesiad o seiniau lleferydd ac o iaith fynegiannol, yn Gymraeg ac yn",
                        "Saesneg, yn yr ysgol.",
                        "",
                        "Canfyddiad: anhwylder seiniau lleferydd parhaus. Mae Osian yn gadael",
                        "seiniau olaf geiriau allan ac yn defnyddio 't' yn lle 'c'.",
                        "",
                        "Argymhellion:",
                        "- therapi uniongyrchol gan y gwasanaeth, tair gwaith yr wythnos;",
                        "- rhaglen unigol fer bob dydd yn y dosbarth, yn Gymraeg;",
                        "- cyfeirio at therapi iaith a lleferydd y bwrdd iechyd.",
                        "",
                        "Dogfen ddychmygol ar gyfer y demo.",
                    )
                ),
                "application/pdf",
            ),
            title="Adroddiad asesu'r Gwasanaeth Allgymorth Lleferydd, Iaith a Chyfathrebu",
            kind=AttachmentKind.PROFESSIONAL_REPORT.value,
            document_date=reported,
        )
        self.give(alnco, idp, draft, 1, NoticeLanguage.CY, DeliveryMethod.EMAIL)
        review_request_make(
            actor=parent,
            idp=idp,
            reason=(
                "Cawsom lythyr gan y clinig awdioleg: mae gan Osian glust ludiog yn y ddwy "
                "glust. Hoffen ni i'r cynllun gael ei adolygu er mwyn ystyried ei glyw, yn "
                "enwedig yn y dosbarth ac yn ei sesiynau lleferydd."
            ),
        )
        return idp

    def hearing_la_plan_being_written(self) -> Idp | None:
        """The LA's plan for a pupil with a hearing loss at Bryn Derw (the LA decided on the
        school's referral): a draft, one outcome still vague for the checker to explain."""
        officer = self.user("la.officer")
        case = self.story_case(
            deciding_body=DecidingBody.LOCAL_AUTHORITY.value, referred_on__isnull=False
        )
        if case is None:
            return None
        name = case.learner.first_name
        starts = self.ago(2)
        ends = month_end(starts, 8)
        idp, _draft = self.write(
            officer,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=(
                    f"{name} is determined, funny and a brilliant artist. Everyone in class "
                    f"asks {name} to draw the posters for school events."
                ),
                important_to_me=(
                    "Drawing and art club. My friends Cerys and Mali. Knowing what is happening "
                    "next."
                ),
                how_to_support_me=(
                    "Make sure I can see your face when you talk. Check the radio aid is on. "
                    "Tell me the new words before the lesson."
                ),
                written_with=f"{name} and both parents, with the ALN officer, at home.",
            ),
            needs_summary=(
                f"{name} has a moderate to severe hearing loss in both ears and wears hearing aids."
            ),
            needs=(
                (
                    "A moderate to severe hearing loss in both ears.",
                    "Misses instructions and discussion in group work and noisy rooms, and is "
                    "very tired by the afternoon.",
                ),
            ),
            alps=(
                # Deliberately vague: the outcome checker explains what is missing.
                Alp(
                    outcome=(
                        f"{name} will improve their listening and feel more confident in class."
                    ),
                    provision=(
                        "A radio aid in every lesson, checked each morning by the class teacher."
                    ),
                    frequency="Every lesson",
                    duration="All day",
                    group_size="Whole class",
                    provider=AlpProvider.LOCAL_AUTHORITY,
                    provider_name="Demo, Denbighshire and Flintshire Sensory Support Service",
                    welsh=False,
                    rationale="Advice from the sensory support service.",
                ),
                Alp(
                    outcome=(
                        f"By {in_english(ends)}, {name} will follow a two-step spoken "
                        "instruction given to a group of six, in 4 out of 5 observed lessons, "
                        "recorded by the teacher of the deaf each half term."
                    ),
                    provision=(
                        "Teaching from a qualified teacher of the deaf, through Welsh, and advice "
                        "to staff on seating, acoustics and checking what has been heard."
                    ),
                    frequency="Once a week",
                    duration="45 minutes",
                    group_size="One to one",
                    provider=AlpProvider.LOCAL_AUTHORITY,
                    provider_name="Demo, Denbighshire and Flintshire Sensory Support Service",
                    welsh=True,
                    rationale=(
                        "Advice from the sensory support service; the learner is taught through "
                        "Welsh, so the teaching must be in Welsh."
                    ),
                ),
            ),
            starts_on=starts,
            ends_on=ends,
        )
        return idp

    def college_plan_no_revision(self) -> Idp | None:
        """A young person's plan at the college: reviewed three weeks ago, no revision needed."""
        lead = self.user("fei.lead")
        learner = self.learner_since({AgeBand.YOUNG_PERSON}, self.ago(300), key="demo_college")
        if learner is None:
            return None
        name = learner.first_name

        def gather(case: Case) -> None:
            self.evidence(
                lead,
                case,
                EvidenceKind.TARGETED,
                "Drop-in study support and a quiet room for breaks.",
                295,
                "Learning support team",
                "Uses the quiet room every day; has not yet handed in an assignment on time.",
            )
            self.views(
                lead,
                case,
                ViewsOf.YOUNG_PERSON,
                285,
                "Computers and coding. Finishing the course and working in IT support.",
                "Knowing what is due and when. Not being put on the spot in groups.",
                "Tell me about changes to rooms or times before the day. Write things down.",
            )

        case = self.has_aln_case(
            lead,
            learner,
            DecidingBody.FEI,
            300,
            {
                "raised_by": ConcernSource.YOUNG_PERSON,
                "raised_by_name": learner.full_name,
                "concern": (
                    f"{name} is autistic and asked their tutor for help: group projects, room "
                    "changes and organising coursework on the Level 3 IT course are becoming "
                    "too much."
                ),
                "consent": ConsentAnswer.GIVEN,
                "consent_on": self.ago(300),
            },
            gather,
            270,
            f"{name} is autistic and has difficulties with social communication and with "
            "organising work that make the course much harder than for others of the same age. "
            "They call for additional learning provision: weekly coaching to plan work and "
            "small-group communication sessions. The college will prepare the plan.",
            268,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(255)
        ends = month_end(given, 11)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            lead,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=(
                    f"{name} is honest, precise and the person everyone asks when a computer "
                    "will not start. A loyal friend."
                ),
                important_to_me=(
                    "Getting my Level 3 and a job in IT support. Gaming with my cousin at "
                    "weekends. Routine."
                ),
                how_to_support_me=(
                    "Tell me about changes before the day. Put instructions in writing. Let me "
                    "present to a small group first."
                ),
                written_with=f"{name}, with the college ALN lead, in two short meetings.",
            ),
            needs_summary=(
                f"{name} is autistic. Social communication and organising work are hard, "
                "especially on a course with group projects and deadlines."
            ),
            needs=(
                (
                    "Difficulty planning and organising extended coursework.",
                    "Assignments are started late and handed in after the deadline.",
                ),
                (
                    "Difficulty speaking in front of a group and in unstructured group work.",
                    "Avoids presentations, which are part of the course assessment.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will use a weekly planner to hand in every assignment by "
                        "its deadline, with no more than one extension a term, as recorded by "
                        "the learning coach."
                    ),
                    provision=(
                        "A session with a learning coach to plan the week's work and break "
                        "each assignment into steps with dates."
                    ),
                    frequency="Weekly",
                    duration="45 minutes",
                    group_size="One to one",
                    provider=AlpProvider.FEI,
                    provider_name="Demo College learning support team",
                    rationale="What helped at school; agreed with the young person.",
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will present a project to a group of at least four "
                        "students for five minutes, using prompt cards, in 3 out of 4 assessed "
                        "presentations."
                    ),
                    provision=(
                        "Small-group communication sessions, with practice presentations in a "
                        "quiet room before each assessed one."
                    ),
                    frequency="Every two weeks",
                    duration="1 hour",
                    group_size="Up to four students",
                    provider=AlpProvider.FEI,
                    provider_name="Demo College learning support team",
                    rationale="Presentations are assessed on the course.",
                    needs=(1,),
                ),
            ),
            starts_on=given,
            ends_on=ends,
            transition=(
                "In the final term the college careers adviser and the learning coach will plan "
                "the move to work or university with the young person."
            ),
        )
        self.give(lead, idp, draft, 255, NoticeLanguage.EN, DeliveryMethod.POST)
        self.review(
            lead,
            idp,
            invited_days_ago=40,
            held_days_ago=21,
            invited=(
                f"{learner.full_name}; the learning coach; the course tutor; the college ALN "
                "lead. The young person chose to invite a parent."
            ),
            attended=f"{name}, a parent, the learning coach and the ALN lead.",
            learner_views=(
                "The planner helps: I know what is due each week. Presentations are still scary "
                "but practising in the quiet room first makes them OK."
            ),
            family_views="Much calmer at home since the coaching started.",
            others_views="Course tutor: every assignment this term was on time.",
            progress=(
                "Every assignment handed in on time this term; one extension last term.",
                "Gave two assessed presentations to a group of four, both with prompt cards.",
            ),
            decision=ReviewDecision.NO_REVISION,
            reasons=(
                f"{name} is making good progress towards both outcomes and the provision is "
                "working. Nothing in the plan needs to change before the next review."
            ),
            notice=(19, NoticeLanguage.EN, DeliveryMethod.POST),
        )
        return idp

    def oakfield_plan_revised(self) -> Idp | None:
        """A secondary school's plan revised at a review: version 2 has a harder reading
        outcome and a new element (touch-typing)."""
        head = self.user("headteacher")
        learner = self.learner_since(
            {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(290), key="oakfield_high"
        )
        if learner is None:
            return None
        name = learner.first_name

        def gather(case: Case) -> None:
            self.evidence(
                head,
                case,
                EvidenceKind.TARGETED,
                "Reading catch-up group twice a week since Year 7.",
                285,
                "Learning support team",
                "Reading age up by six months in a year; still well below the class.",
            )
            request = self.act(
                case_request_advice,
                head,
                case,
                source=AdviceFrom.EDUCATIONAL_PSYCHOLOGY,
                asked_of="Demo Educational Psychology Service",
                question="Please assess the learner's reading and spelling difficulties.",
                requested_on=self.ago(280),
                wanted_by=self.ago(262),
            )
            self.act(
                case_record_advice,
                head,
                case,
                request=request,
                received_on=self.ago(264),
                summary=(
                    "A specific learning difficulty (dyslexia). Recommends a structured "
                    "multisensory literacy programme and, in time, touch-typing."
                ),
            )

        case = self.has_aln_case(
            head,
            learner,
            DecidingBody.SCHOOL,
            290,
            {
                "raised_by": ConcernSource.PARENT,
                "raised_by_name": "Parent",
                "concern": (
                    "Reading and spelling are far behind the rest of the year and homework takes "
                    "hours. The family asks whether more help is needed."
                ),
            },
            gather,
            255,
            f"{name} has a learning difficulty (dyslexia) that makes reading and spelling much "
            "harder than for others of the same age, despite targeted support. It calls for "
            "additional learning provision: a specialist literacy programme. The school will "
            "prepare the plan.",
            253,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(245)
        ends = month_end(given, 11)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            head,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=(
                    f"{name} has great ideas in class discussion, works hard and is a kind "
                    "member of the school band."
                ),
                important_to_me=(
                    "Playing drums in the band. My friends. Not reading aloud in front of people."
                ),
                how_to_support_me=(
                    "Give me printed notes instead of copying from the board. Let me answer out "
                    "loud first, then write."
                ),
                written_with=f"{name} and a parent, with the ALNCo.",
            ),
            needs_summary=(
                f"{name} has dyslexia: reading unfamiliar words is slow and inaccurate, and "
                "spelling is weak."
            ),
            needs=(
                (
                    "Dyslexia: slow, inaccurate reading of unfamiliar words.",
                    "Cannot read textbooks and exam questions at the speed lessons need.",
                ),
                (
                    "Weak spelling and slow handwriting.",
                    "Written work is short and hard to read, and does not show what is known.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will read aloud a 200-word passage from a Year 8 "
                        "textbook with no more than eight errors, in 4 out of 5 weekly checks."
                    ),
                    provision=(
                        "Structured multisensory literacy programme with a specialist teacher."
                    ),
                    frequency="Three times a week",
                    duration="30 minutes",
                    group_size="Group of three",
                    provider=AlpProvider.SCHOOL,
                    rationale="Educational psychologist's advice.",
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will spell 40 out of 50 common subject words correctly "
                        "in a weekly dictation test."
                    ),
                    provision=(
                        "Spelling programme using the subject word "
                        "lists, with a teaching assistant."
                    ),
                    frequency="Twice a week",
                    duration="15 minutes",
                    group_size="One to one",
                    provider=AlpProvider.SCHOOL,
                    rationale="Educational psychologist's advice.",
                    needs=(1,),
                ),
            ),
            starts_on=given,
            ends_on=ends,
        )
        self.give(head, idp, draft, 245, NoticeLanguage.EN, DeliveryMethod.POST)
        reasons = (
            f"{name} has met the reading outcome, so it needs a harder one. Spelling is "
            "improving slowly, and touch-typing would let longer written work show what is "
            "known. The plan is revised."
        )
        self.review(
            head,
            idp,
            invited_days_ago=60,
            held_days_ago=45,
            invited=f"{learner.full_name}, parents, the ALNCo, the specialist teacher.",
            attended=f"{name}, one parent, the ALNCo and the specialist teacher.",
            learner_views="Reading is easier now. Writing is still slow. I would like to type.",
            family_views="Homework is less of a battle. Can the laptop be used at home too?",
            others_views="Specialist teacher: the reading target was met in the autumn term.",
            progress=(
                "Met: now reads the passage with three or four errors.",
                "32 out of 50 words secure; spelling in longer writing still weak.",
            ),
            decision=ReviewDecision.REVISE,
            reasons=reasons,
        )
        revision = draft_of(idp=idp)
        assert revision is not None  # noqa: S101 (the review started a revision)
        revised_on = self.ago(35)
        new_ends = month_end(revised_on, 8)
        need_keys = [need.key for need in revision.needs.all()]
        reading = revision.elements.all()[0]
        self.add_alp(
            head,
            revision,
            Alp(
                outcome=(
                    f"By {in_english(new_ends)}, {name} will read aloud a 400-word passage "
                    "from a Year 9 textbook with no more than eight errors, in 4 out of 5 "
                    "weekly checks."
                ),
                provision="Structured multisensory literacy programme with a specialist teacher.",
                frequency="Twice a week",
                duration="30 minutes",
                group_size="Group of three",
                provider=AlpProvider.SCHOOL,
                rationale="The first reading outcome was met; this is the next step.",
            ),
            need_keys,
            revised_on,
            new_ends,
            key=reading.key,
        )
        self.add_alp(
            head,
            revision,
            Alp(
                outcome=(
                    f"By {in_english(new_ends)}, {name} will touch-type at 25 words per minute "
                    "with at least 90% accuracy in a two-minute test."
                ),
                provision=(
                    "Touch-typing course on the school's software, and a laptop for lessons "
                    "with extended writing."
                ),
                frequency="Twice a week",
                duration="20 minutes",
                group_size="One to one, with the software",
                provider=AlpProvider.SCHOOL,
                rationale="Educational psychologist's advice; agreed at the review.",
                needs=(1,),
            ),
            need_keys,
            revised_on,
            new_ends,
        )
        self.give(head, idp, revision, 35, NoticeLanguage.EN, DeliveryMethod.POST)
        return idp

    def oakfield_cease_proposed(self) -> Idp | None:
        """Every outcome met: at the review the school proposed to stop maintaining the plan, and
        gave the family the proposed decision."""
        head = self.user("headteacher")
        learner = self.learner_since(
            {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(300), key="oakfield_high"
        )
        if learner is None:
            return None
        name = learner.first_name

        def gather(case: Case) -> None:
            self.evidence(
                head,
                case,
                EvidenceKind.TARGETED,
                "Handwriting programme and a checklist for packing the school bag.",
                295,
                "Learning support assistant",
                "Handwriting still slow and hard to read; bag often missing books.",
            )
            self.views(
                head,
                case,
                ViewsOf.CHILD,
                280,
                "Swimming, and helping at the animal rescue centre at weekends.",
                "Not being told off for forgetting things.",
                "Let me type. Give me a list of what I need each day.",
            )

        case = self.has_aln_case(
            head,
            learner,
            DecidingBody.SCHOOL,
            300,
            {
                "raised_by": ConcernSource.TEACHER,
                "raised_by_name": "Head of year",
                "concern": (
                    "Diagnosed with developmental coordination disorder. Handwriting is very "
                    "slow, and getting organised for the day is a struggle."
                ),
            },
            gather,
            262,
            f"{name} has a learning difficulty (developmental coordination disorder) that "
            "makes writing and organisation much harder than for others of the same age. It "
            "calls for additional learning provision: a laptop with touch-typing teaching and an "
            "organisation programme. The school will prepare the plan.",
            260,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(250)
        ends = month_end(given, 11)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            head,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=f"{name} is patient, gentle with animals and a strong swimmer.",
                important_to_me=(
                    "Swimming club. The animal rescue centre. Having the right things for the day."
                ),
                how_to_support_me=(
                    "Let me type long answers. Give me a checklist, not a telling-off."
                ),
                written_with=f"{name}, with the ALNCo and a parent.",
            ),
            needs_summary=(
                f"{name} has developmental coordination disorder, affecting handwriting and "
                "organisation."
            ),
            needs=(
                (
                    "Slow, effortful handwriting.",
                    "Does not finish written work in lessons.",
                ),
                (
                    "Difficulty organising belongings and the school day.",
                    "Often arrives without the books and kit needed.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will type extended answers on a laptop at 20 words per "
                        "minute in 4 out of 5 timed checks."
                    ),
                    provision="Touch-typing programme and a laptop for all written work.",
                    frequency="Three times a week",
                    duration="20 minutes",
                    group_size="One to one",
                    provider=AlpProvider.SCHOOL,
                    rationale="Occupational therapist's report.",
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will pack the bag for the next day using a visual "
                        "checklist, with no more than one missing item a week, for six weeks in "
                        "a row."
                    ),
                    provision=(
                        "A daily checklist, taught and checked with a learning support assistant."
                    ),
                    frequency="Every afternoon",
                    duration="10 minutes",
                    group_size="One to one",
                    provider=AlpProvider.SCHOOL,
                    rationale="Occupational therapist's report.",
                    needs=(1,),
                ),
            ),
            starts_on=given,
            ends_on=ends,
        )
        self.give(head, idp, draft, 250, NoticeLanguage.EN, DeliveryMethod.POST)
        reasons = (
            f"{name} has met both outcomes and now manages with the laptop and the organisation "
            "support every pupil in the year group has. The difficulty no longer calls for "
            "additional learning provision, so the school proposes to stop maintaining the plan."
        )
        self.review(
            head,
            idp,
            invited_days_ago=45,
            held_days_ago=30,
            invited=f"{learner.full_name}, parents, the ALNCo, the learning support assistant.",
            attended=f"{name}, both parents, the ALNCo.",
            learner_views="I do not need the checklist any more. I just want to keep the laptop.",
            family_views="Pleased with the progress; worried the laptop might be taken away.",
            others_views="Every subject teacher reports work finished on the laptop.",
            progress=(
                "Met: types at 26 words a minute.",
                "Met: no missing items for eight weeks.",
            ),
            decision=ReviewDecision.PROPOSE_CEASE,
            reasons=reasons,
        )
        cease_propose(
            actor=head,
            idp=idp,
            case_version=idp.case.version,
            ground=CeaseGround.NO_LONGER_ALN,
            reasons=reasons + " The laptop stays: every pupil who needs one may use one.",
            given_on=self.ago(24),
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        )
        return idp

    def oakfield_plan_ceased(self) -> Idp | None:
        """A school's plan ceased (no longer ALN) after a proposal the family did not oppose:
        the decision notice gives the last day to ask the LA to reconsider (s.32)."""
        head = self.user("headteacher")
        learner = self.learner_since(
            {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(300), key="oakfield_high"
        )
        if learner is None:
            return None
        name = learner.first_name

        def gather(case: Case) -> None:
            self.evidence(
                head,
                case,
                EvidenceKind.TARGETED,
                "Vocabulary group and pre-teaching of subject words, twice a week.",
                295,
                "Learning support team",
                "Learns the words taught; still misses much of what is said in lessons.",
            )
            self.views(
                head,
                case,
                ViewsOf.CHILD,
                285,
                "Skateboarding, and cooking with my grandad.",
                "Understanding what teachers want me to do.",
                "Say it again in a different way. Show me an example.",
            )

        case = self.has_aln_case(
            head,
            learner,
            DecidingBody.SCHOOL,
            300,
            {
                "raised_by": ConcernSource.PARENT,
                "raised_by_name": "Parent",
                "concern": (
                    "Years of glue ear have left spoken language well behind. Grommets were "
                    "fitted in the summer, but lessons are still very hard to follow."
                ),
            },
            gather,
            265,
            f"{name} has a learning difficulty in understanding and using spoken language, "
            "after long periods of hearing loss, that calls for additional learning provision: "
            "a daily language programme. The school will prepare the plan.",
            263,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(255)
        ends = month_end(given, 11)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            head,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=f"{name} is cheerful, brave and a talented skateboarder.",
                important_to_me=(
                    "Skateboarding. Cooking with my grandad. Not looking stupid in class."
                ),
                how_to_support_me="Say it again in a different way. Show me an example first.",
                written_with=f"{name}, with the ALNCo and a parent.",
            ),
            needs_summary=(
                f"After years of glue ear, {name}'s understanding and use of spoken language is "
                "well behind that of others of the same age."
            ),
            needs=(
                (
                    "Understanding spoken language: subject vocabulary and longer instructions.",
                    "Misses much of what is said in lessons and starts tasks late.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will explain the meaning of 20 out of 25 key words from "
                        "each science topic in an end-of-topic check."
                    ),
                    provision="Language programme with pre-teaching of subject vocabulary.",
                    frequency="Every day",
                    duration="20 minutes",
                    group_size="Group of four",
                    provider=AlpProvider.SCHOOL,
                    rationale="Speech and language therapist's advice.",
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will follow a three-step spoken instruction in class "
                        "without a reminder, in 4 out of 5 observed lessons."
                    ),
                    provision=(
                        "Teachers give instructions in short steps, written on the board, and "
                        "check them with the learner; a teaching assistant observes each week."
                    ),
                    frequency="Every lesson; observed weekly",
                    duration="Throughout the lesson",
                    group_size="Whole class",
                    provider=AlpProvider.SCHOOL,
                    rationale="Speech and language therapist's advice.",
                ),
            ),
            starts_on=given,
            ends_on=ends,
        )
        self.give(head, idp, draft, 255, NoticeLanguage.EN, DeliveryMethod.POST)
        reasons = (
            f"{name} has met both outcomes. Since the grommets, {name}'s language has caught up "
            "and teachers report that lessons are followed as well as by others in the class, "
            "with the teaching every pupil has. The difficulty no longer calls for additional "
            "learning provision."
        )
        self.review(
            head,
            idp,
            invited_days_ago=60,
            held_days_ago=45,
            invited=f"{learner.full_name}, parents, the ALNCo, the speech and language therapist.",
            attended=f"{name}, one parent, the ALNCo.",
            learner_views="I can follow the lessons now. I do not need the group any more.",
            family_views="Really pleased. Happy for the plan to stop if the school keeps an eye.",
            others_views=(
                "Speech and language therapist (written): language now in the average range."
            ),
            progress=(
                "Met: 23 out of 25 words in the last two topic checks.",
                "Met: follows instructions without a reminder in every observed lesson.",
            ),
            decision=ReviewDecision.PROPOSE_CEASE,
            reasons=reasons,
        )
        cease_propose(
            actor=head,
            idp=idp,
            case_version=idp.case.version,
            ground=CeaseGround.NO_LONGER_ALN,
            reasons=reasons,
            given_on=self.ago(40),
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        )
        cease_decide(
            actor=head,
            idp=idp,
            case_version=idp.case.version,
            reasons=(
                reasons + " The family told us they agree with the proposal, so the school has "
                "decided to stop maintaining the plan. The school will keep checking progress "
                "each term."
            ),
            decided_on=self.ago(16),
            given_on=self.ago(15),
            method=DeliveryMethod.POST,
            language=NoticeLanguage.EN,
        )
        return idp

    def oakfield_plan_into_care(self) -> Idp | None:
        """A school's plan passed to the LA when the child came into its care (s.35(11)-(13)):
        the looking-after authority maintains it now, and the review clock carries on."""
        head = self.user("headteacher")
        learner = self.learner_since(
            {AgeBand.COMPULSORY_SCHOOL_AGE}, self.ago(280), key="oakfield_high"
        )
        if learner is None:
            return None
        name = learner.first_name

        def gather(case: Case) -> None:
            self.evidence(
                head,
                case,
                EvidenceKind.TARGETED,
                "Reading catch-up group and a key adult to check in each morning.",
                275,
                "Learning support team",
                "Reading has not moved in a year; calmer on days that start with the check-in.",
            )
            self.views(
                head,
                case,
                ViewsOf.CHILD,
                265,
                "Football, my little brother and drawing cartoons.",
                "Somebody I can talk to when things go wrong.",
                "Do not ask me to read out loud. Tell me before things change.",
            )

        case = self.has_aln_case(
            head,
            learner,
            DecidingBody.SCHOOL,
            280,
            {
                "raised_by": ConcernSource.ALNCO,
                "raised_by_name": "ALNCo",
                "concern": (
                    "Reading is about four years behind, and there are outbursts when routines "
                    "change; attendance has dropped this term."
                ),
            },
            gather,
            245,
            f"{name} has a learning difficulty in reading, and in managing change, that calls "
            "for additional learning provision: a daily reading programme and planned support "
            "at moments of change. The school will prepare the plan.",
            243,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(235)
        ends = month_end(given, 11)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            head,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=(
                    f"{name} is loyal, brave and very funny, and draws brilliant cartoons; "
                    "kind to younger children."
                ),
                important_to_me=(
                    "Seeing my brother. Football on Saturdays. Knowing who will pick me up."
                ),
                how_to_support_me=(
                    "Tell me about changes early. Let me go to the quiet room when it gets too "
                    "much. Do not make me read aloud in class."
                ),
                written_with=f"{name}, a parent and the head of year.",
            ),
            needs_summary=(
                f"{name} reads well below the expected level and finds change and unexpected "
                "events very hard."
            ),
            needs=(
                (
                    "Reading: decoding unfamiliar words is not secure.",
                    "Cannot yet read the texts used in lessons without help.",
                ),
                (
                    "Managing feelings at moments of change.",
                    "Leaves the room or shouts, and misses learning.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will read 100 high-frequency words accurately, checked "
                        "each half term by the specialist teacher."
                    ),
                    provision="Daily phonics and reading programme with a key adult.",
                    frequency="Every day",
                    duration="20 minutes",
                    group_size="One to one",
                    provider=AlpProvider.SCHOOL,
                    rationale="Reading assessments this year and last.",
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will ask an adult for a movement break instead of leaving "
                        "the room, in at least 4 out of 5 difficult moments on the daily log."
                    ),
                    provision=(
                        "A key adult each morning, and advice to staff from the behaviour "
                        "support service on planning for change."
                    ),
                    frequency="Every morning; a visit each half term",
                    duration="15 minutes",
                    group_size="One to one",
                    provider=AlpProvider.LOCAL_AUTHORITY,
                    provider_name="Demo Behaviour Support Service",
                    rationale="Behaviour support service's advice.",
                    needs=(1,),
                ),
            ),
            starts_on=given,
            ends_on=ends,
        )
        self.give(head, idp, draft, 235, NoticeLanguage.EN, DeliveryMethod.POST)
        came_into_care = self.ago(40)
        _comes_into_care(learner, self.la)
        idp_transfer(
            actor=head,
            idp=idp,
            case_version=idp.case.version,
            kind=TransferKind.INTO_CARE,
            joined_on=came_into_care,
            new_local_authority=self.la,
            notes=(
                f"{name} came into the council's care and lives with foster carers nearby, "
                "still at Oakfield High. The designated teacher has the plan for the personal "
                "education plan meeting."
            ),
            notice_language=NoticeLanguage.EN,
            notice_method=DeliveryMethod.POST,
            given_on=self.ago(35),
        )
        return idp

    def early_years_plan(self) -> Idp | None:
        """The LA's plan for a child under compulsory school age at an early years setting, with
        the health board's speech and language therapy in section 2C."""
        lead = self.user("early.years")
        on = self.ago(150)
        bands = {AgeBand.UNDER_COMPULSORY_SCHOOL_AGE}
        learner = (
            self.learner_since(bands, on, key="little_acorns")
            or self.learner_since(bands, on, key="tiny_steps")
            or self.learner_since(bands, on, kinds={SettingKind.NON_MAINTAINED_EARLY_YEARS})
        )
        if learner is None:
            return None
        setting = self.setting_of(learner)
        setting_name = setting.name_en if setting else "the setting"
        welsh_medium = bool(setting and setting.language_medium == LanguageMedium.WELSH.value)
        name = learner.first_name

        def gather(case: Case) -> None:
            self.evidence(
                lead,
                case,
                EvidenceKind.OTHER,
                "Observations at four play sessions by the Early Years ALN Team.",
                140,
                "Early Years ALN Team",
                "Uses about ten words; leads adults by the hand to show what is wanted.",
            )
            self.views(
                lead,
                case,
                ViewsOf.PARENT,
                135,
                "Dinosaurs, the sandpit and the bus ride to nursery.",
                "Being able to tell us what is wrong; getting ready for school.",
                "Keep the same routine; show pictures before changes.",
            )
            self.act(
                case_record_meeting,
                lead,
                case,
                held_on=self.ago(120),
                invited="Parents, the key worker, the health visitor, the Early Years ALN Team.",
                attended="Parents, the key worker, the Early Years ALN Team.",
                notes=(
                    "Agreed the communication needs call for provision beyond what settings give."
                ),
            )

        case = self.has_aln_case(
            lead,
            learner,
            DecidingBody.LOCAL_AUTHORITY,
            150,
            {
                "raised_by": ConcernSource.HEALTH_BODY,
                "raised_by_name": "Health visitor, Betsi Cadwaladr University Health Board",
                "concern": (
                    "At the developmental review the health visitor found very few words and "
                    "great distress at changes of routine, and told the local authority (s.64)."
                ),
            },
            gather,
            110,
            f"{name} has a learning difficulty in communication and interaction and is likely to "
            "have one on reaching compulsory school age without additional learning provision: "
            "a visiting specialist teacher and a communication programme in the setting. The "
            "local authority will prepare the plan.",
            108,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(100)
        ends = month_end(given, 9)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            lead,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=(
                    f"{name} has a wonderful laugh, loves dinosaurs and is very determined to "
                    "do things without help."
                ),
                important_to_me="Dinosaurs. The sandpit. Bubbles. My big sister.",
                how_to_support_me=(
                    "Show me a picture of what is next. Give me time. Sing the tidy-up song "
                    "before we stop playing."
                ),
                written_with=(
                    f"With {name}'s parents and key worker, and by watching {name} at play at "
                    f"{setting_name}."
                ),
            ),
            needs_summary=(
                f"{name} has very few words and finds changes of routine very hard, which "
                "limits play with other children."
            ),
            needs=(
                (
                    "Communication: uses about ten words and mostly shows adults what is wanted.",
                    "Cannot yet tell adults what is wanted or wrong, and becomes distressed.",
                ),
                (
                    "Finds changes from one activity to the next very hard.",
                    "Misses snack and story time when upset at the change.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will use a picture or a single word to choose a snack or "
                        "a toy in 8 out of 10 chances at the setting, recorded by the key worker."
                    ),
                    provision=(
                        "A specialist teacher from the Early Years ALN Team visits to model a "
                        "communication programme and coach the key worker."
                    ),
                    frequency="Weekly",
                    duration="1 hour",
                    group_size="One to one in the setting",
                    provider=AlpProvider.LOCAL_AUTHORITY,
                    provider_name="Demo Early Years ALN Team",
                    welsh=welsh_medium,
                    rationale="Early Years ALN Team observations and the family's wishes.",
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will move between snack, outdoor play and story time "
                        "using a now and next board, in 4 out of 5 sessions."
                    ),
                    provision=(
                        "A now and next board and a picture routine used by every member of "
                        "staff; the key worker prepares for each change."
                    ),
                    frequency="Every session",
                    duration="Throughout the session",
                    group_size="Key worker, within the group",
                    provider=AlpProvider.OTHER,
                    provider_name=setting_name,
                    welsh=welsh_medium,
                    rationale="What already helps at home.",
                    needs=(1,),
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will say or sign 20 new words, as recorded in the speech "
                        "and language therapist's assessment."
                    ),
                    provision=(
                        "Paediatric speech and language therapy: assessment, then a programme "
                        "of play with a parent in clinic."
                    ),
                    frequency="Every two weeks for 12 weeks",
                    duration="45 minutes",
                    group_size="One to one, with a parent",
                    provider=AlpProvider.NHS_BODY,
                    provider_name="Paediatric Speech and Language Therapy",
                    welsh=welsh_medium,
                    rationale="The health board agreed to secure this therapy (Act s.21).",
                ),
            ),
            starts_on=given,
            ends_on=ends,
            transition=(
                "Before the child starts in a nursery class, the Early Years ALN Team will hold a "
                "transition meeting with the school and pass on this plan."
            ),
        )
        self.give(lead, idp, draft, 100, NoticeLanguage.EN, DeliveryMethod.POST)
        return idp

    def independent_school_la_plan(self) -> Idp | None:
        """A pupil at an independent school: the LA decides (s.13) and its plan secures the place
        and weekly boarding there (section 2D, ss.14(6)-(7))."""
        officer = self.user("la.officer")
        on = self.ago(240)
        # Old enough for weekly boarding to be thinkable.
        learner = self.learner_since(
            {AgeBand.COMPULSORY_SCHOOL_AGE}, on, kinds={SettingKind.INDEPENDENT}, aged_at_least=9
        )
        if learner is None:
            return None
        school = self.setting_of(learner)
        if school is None:
            return None
        name = learner.first_name

        def gather(case: Case) -> None:
            request = self.act(
                case_request_advice,
                officer,
                case,
                source=AdviceFrom.EDUCATIONAL_PSYCHOLOGY,
                asked_of="Demo Educational Psychology Service",
                question="Please advise on the learner's needs and the provision to meet them.",
                requested_on=self.ago(230),
                wanted_by=self.ago(205),
            )
            self.act(
                case_record_advice,
                officer,
                case,
                request=request,
                received_on=self.ago(207),
                summary=(
                    "Autism with severe anxiety and a language disorder. Needs small classes, "
                    "speech and language teaching every day and a waking day curriculum."
                ),
            )
            self.views(
                officer,
                case,
                ViewsOf.CHILD,
                215,
                "Horses, and the quiet of the school library.",
                "Not having to travel so far every day.",
                "Keep things the same. Let me write instead of talking when I am upset.",
            )

        case = self.has_aln_case(
            officer,
            learner,
            DecidingBody.LOCAL_AUTHORITY,
            240,
            {
                "raised_by": ConcernSource.PARENT,
                "raised_by_name": "Parent",
                "concern": (
                    f"The family asks the local authority to decide: {name} is autistic, the "
                    f"daily journey to {school.name_en} takes over an hour each way and "
                    "anxiety has stopped attendance on many days."
                ),
            },
            gather,
            200,
            f"{name} has additional learning needs (autism, severe anxiety and a language "
            f"disorder). The provision can only be secured at {school.name_en} with weekly "
            "boarding. The local authority will prepare and maintain the plan.",
            198,
            NoticeLanguage.EN,
            DeliveryMethod.POST,
        )
        given = self.ago(185)
        ends = month_end(given, 11)
        by = f"By {in_english(ends)}"
        idp, draft = self.write(
            officer,
            case,
            language=PlanLanguage.ENGLISH,
            profile=Profile(
                like_and_admire=(
                    f"{name} is thoughtful, knows everything about "
                    f"horses and writes beautiful stories."
                ),
                important_to_me="Horses. The library. Phoning home every evening.",
                how_to_support_me="Keep things the same. Let me write when I cannot talk.",
                written_with=f"{name}, in writing, with the family and the ALN officer.",
            ),
            needs_summary=(
                f"{name} is autistic, with severe anxiety and a language disorder that make a "
                "large school and long journeys very hard."
            ),
            needs=(
                (
                    "A language disorder: understanding and using spoken language.",
                    "Misses much of what is said in lessons and cannot explain what is wrong.",
                ),
                (
                    "Severe anxiety linked to travel, noise and change.",
                    "Attendance fell to half of the school days last year.",
                ),
            ),
            alps=(
                Alp(
                    outcome=(
                        f"{by}, {name} will answer 'who', 'what' and 'where' questions about a "
                        "short text correctly in 4 out of 5 speech and language sessions."
                    ),
                    provision="Speech and language teaching from the school's therapy team.",
                    frequency="Every day",
                    duration="30 minutes",
                    group_size="Group of two",
                    provider=AlpProvider.OTHER,
                    provider_name=school.name_en,
                    rationale="Educational psychologist's advice.",
                ),
                Alp(
                    outcome=(
                        f"{by}, {name} will attend at least 90% of school days in each half "
                        "term, recorded in the school register."
                    ),
                    provision=(
                        "A place in a class of eight with a waking day curriculum, and weekly "
                        "boarding so the journey is made twice a week, not ten times."
                    ),
                    frequency="Every school day",
                    duration="The school day and the evening programme",
                    group_size="Class of eight",
                    provider=AlpProvider.OTHER,
                    provider_name=school.name_en,
                    rationale="Educational psychologist's advice; attendance records.",
                    needs=(1,),
                ),
            ),
            starts_on=given,
            ends_on=ends,
            placement={
                "other_placement": (
                    f"A place at {school.name_en}, an independent school, paid for by the "
                    "local authority."
                ),
                "board_and_lodging": (
                    f"Weekly boarding at {school.name_en}, Monday to Thursday nights in term "
                    "time, paid for by the local authority."
                ),
            },
        )
        self.give(officer, idp, draft, 185, NoticeLanguage.EN, DeliveryMethod.POST)
        return idp


def simple_pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF of plain lines in Helvetica: an invented report to attach as an appendix,
    without drawing it through WeasyPrint (Windows-1252 text: no ŵ or ŷ)."""

    def text(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({text(line)}) '" for line in lines)
    content = f"BT /F1 11 Tf 16 TL 56 800 Td {shown} ET".encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def _comes_into_care(learner: Learner, la: LocalAuthority) -> None:
    """The learner's record says the LA now looks after them. The demo writes learners directly,
    as the builder does: no service records a child coming into care yet."""
    Learner.objects.filter(pk=learner.pk).update(is_looked_after=True, looked_after_by=la)
    learner.is_looked_after, learner.looked_after_by = True, la


def _demo_plans(la: LocalAuthority) -> QuerySet[Idp]:
    return Idp.objects.filter(learner__home_local_authority=la)


def create_demo_plans(
    la: LocalAuthority,
    settings: dict[str, Setting],
    users: dict[str, User],
    today: datetime.date,
) -> list[Idp]:
    """Tell each plan's story through the services; returns the plans made.

    Does nothing if the demo LA's learners already have plans (running it again changes
    nothing). Call inside the demo's transaction, after `create_process_cases`: two stories carry
    on from the cases it left at IDP due.
    """
    if _demo_plans(la).exists():
        return []
    return run_stories(_PlanStories(la, settings, users, today).all())


# The printout -------------------------------------------------------------------------------

_BODY_WORDS = {
    Body.SCHOOL.value: "School's plan",
    Body.FEI.value: "College's plan",
    Body.LOCAL_AUTHORITY.value: "Local authority's plan",
    Body.LOOKING_AFTER_AUTHORITY.value: "Looking-after authority's plan",
}


def _features(idp: Idp, version: IdpVersion | None) -> list[str]:
    learner = idp.learner
    on = idp.first_given_on or idp.created_at.date()
    elements = list(version.elements.all()) if version is not None else []
    placement = version is not None and bool(
        version.named_school_id or version.other_placement or version.board_and_lodging
    )
    checks = (
        (learner.is_looked_after, "for a looked-after child"),
        (
            age_band(learner.date_of_birth, on) is AgeBand.UNDER_COMPULSORY_SCHOOL_AGE,
            "(early years)",
        ),
        (version is not None and version.language == PlanLanguage.WELSH, "in Welsh"),
        (any(e.welsh_required for e in elements), "with Welsh-medium provision"),
        (any(e.is_nhs for e in elements), "with NHS provision (2C)"),
        (placement, "with a placement and board and lodging (2D)"),
    )
    return [words for holds, words in checks if holds]


def _events(idp: Idp, version: IdpVersion | None) -> list[str]:
    decisions = set(idp.reviews.values_list("decision", flat=True))
    requested = list(
        idp.review_requests.filter(state="open").values_list("requested_by", flat=True)
    )
    transfer = idp.transfers.first()
    checks = (
        (idp.case.stage == Stage.IDP_DUE, "a draft being written"),
        (version is not None and version.number > 1, f"version {version and version.number} given"),
        (ReviewDecision.NO_REVISION.value in decisions, "reviewed, no revision"),
        (bool(requested), f"a review asked for ({', '.join(requested)})"),
        (transfer is not None, f"passed on ({transfer and transfer.kind.replace('_', ' ')})"),
        (idp.case.stage == Stage.CEASE_PROPOSED, "proposal to cease"),
        (bool(idp.ceased_on), "ceased"),
    )
    return [words for holds, words in checks if holds]


def _summary(idp: Idp) -> str:
    """What the plan shows, in a line (English: the printout is for whoever runs the demo)."""
    version = idp.versions.order_by("-number").first()
    words = [_BODY_WORDS.get(idp.maintained_by, "Plan"), *_features(idp, version)]
    events = _events(idp, version)
    return " ".join(words) + (f": {', '.join(events)}" if events else "")


def _sign_in_as(idp: Idp) -> str:
    """A demo login acting for the body that maintains the plan now."""
    memberships = Membership.objects.filter(user__email__endswith="@demo.example")
    if idp.setting_id is not None:
        at_setting = memberships.filter(
            setting_id=idp.setting_id, role__in=[r.value for r in _SETTING_ROLES]
        ).first()
        if at_setting is not None:
            return at_setting.user.email
    on = idp.first_given_on or idp.created_at.date()
    under_school_age = (
        age_band(idp.learner.date_of_birth, on) is AgeBand.UNDER_COMPULSORY_SCHOOL_AGE
    )
    role = Role.EARLY_YEARS_LEAD if under_school_age else Role.LA_ALN_OFFICER
    la_login = memberships.filter(
        local_authority_id=idp.local_authority_id, role=role.value
    ).first()
    return la_login.user.email if la_login else ""


def demo_plans(la: LocalAuthority) -> list[DemoIdp]:
    """Each demo plan, in the order the stories tell them, with a login to open it with."""
    plans = _demo_plans(la).select_related("case", "learner").order_by("created_at")
    return [
        DemoIdp(
            summary=_summary(idp),
            stage=Stage(idp.case.stage),
            idp_id=idp.pk,
            learner=idp.learner.full_name,
            sign_in_as=_sign_in_as(idp),
        )
        for idp in plans
    ]


def plan_path(idp_id: Any) -> str:
    return reverse("idps:plan", kwargs={"idp_id": idp_id})

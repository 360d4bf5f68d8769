"""An individual development plan after the decision: what it must hold before it is given, its
reviews, how it ends, and where it goes when the learner moves.

Sources (spec §4, §6.2, §6.3, T11, T16, T17):

- Content: an IDP describes the ALN (Act s.10(a)) and the ALP it calls for (s.10(b)); for each
  element of ALP, the mandatory form (Annex A of the ALN Code) asks for the outcome (2B.1), the
  provision (2B.2, "detailed, specific and quantifiable", Code 23.37), whether it must be in Welsh
  (2B.3; the body must consider it, ss.12(6), 14(5), 19(3), 21(4)), who provides it (2B.4), from
  when (2B.5), the review or end date (2B.6) and the rationale (2B.7). NHS-secured ALP sits in 2C
  (s.21(3)); an LA plan may name a school and other provision (2D; ss.14(6)-(7), 48). Sections
  1, 2C and the record of information used are UNVERIFIED against Annex A, so they are checked
  only where the Act itself requires something.
- Reviews: at least once in each 12-month review period (s.23(1)-(6); rule `idp-review`). A
  review ends with a revised plan, a notice that the plan will not be revised (s.23(10)), or a
  proposal to cease.
- Ceasing: automatic grounds end the duty without a decision (s.31(1)-(4); Nodi 10.06); decided
  grounds need a proposal first and then a decision with reasons (s.31; EN paras 89-90); a
  school's decision may be reconsidered by the LA on a request made within the window (s.32;
  Regs reg 12; rule `cease-reconsideration-request`); an LA's or FEI's decision is appealable
  (s.70).
- Transfers: s.35 (schools, FEIs, LAs, looked-after children), s.30 (dual registration); the old
  body gives the new one a copy (reg 15) and the new body tells the family (s.22(2)).

Every function here only decides; services carry the decisions out.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from aln.domain.ages import duties_end
from aln.domain.idp import ProblemCode, check_outcome
from aln.domain.responsibility import Body

# The plan's review period (spec T11) and the s.32 request window (T7), by rule id.
REVIEW_RULE = "idp-review"
CEASE_RECONSIDERATION_RULE = "cease-reconsideration-request"

# The learner must join the new school or FEI before the end of September for a start-of-year
# transfer (s.35(2), (4); the academic year runs 1 August to 31 July, s.35(5); spec T16).
ACADEMIC_YEAR_STARTS = (8, 1)
START_OF_YEAR_JOINS_BY = (9, 30)


class AlpProvider(StrEnum):
    """Who provides an element of ALP (2B.4; spec §4.4 `provider_type`)."""

    SCHOOL = "school"
    FEI = "fei"
    LOCAL_AUTHORITY = "local_authority"
    NHS_BODY = "nhs_body"  # ALP an NHS body secures: section 2C (s.21(3))
    OTHER = "other"


class IssueProblem(StrEnum):
    """Why a plan cannot be given yet. Stable codes; the interface translates them."""

    NO_PROFILE = "idp.issue.no_profile"
    NO_NEEDS = "idp.issue.no_needs"
    NO_ELEMENTS = "idp.issue.no_elements"
    NO_PROVISION = "idp.issue.no_provision"
    NO_PROVIDER = "idp.issue.no_provider"
    NO_HEALTH_BOARD = "idp.issue.no_health_board"
    WELSH_NOT_DECIDED = "idp.issue.welsh_not_decided"
    NO_START_DATE = "idp.issue.no_start_date"
    END_BEFORE_START = "idp.issue.end_before_start"
    OUTCOME_EMPTY = "idp.issue.outcome_empty"
    # An outcome with no measure or no date, and no recorded reason why (issue 5).
    OUTCOME_NEEDS_MEASURE_OR_DATE = "idp.issue.outcome_needs_measure_or_date"
    NO_NEED_LINKED = "idp.issue.no_need_linked"


@dataclass(frozen=True, slots=True)
class ElementFacts:
    """One element of ALP (2B or 2C) as the issue check needs it."""

    key: str
    outcome: str
    provision: str
    provider: AlpProvider | None
    provider_named: bool  # 2B.4 names the provider (a health board for NHS provision)
    welsh_required: bool | None  # None: 2B.3 not yet decided
    starts_on: datetime.date | None
    review_or_end_on: datetime.date | None
    linked_needs: int  # how many described needs (2A) the outcome is linked to
    outcome_exception: str = ""  # why the outcome has no measure or date, if it has not


@dataclass(frozen=True, slots=True)
class PlanFacts:
    language: str  # "en" or "cy": the language the outcomes are written in
    has_profile: bool  # the one-page profile says something (section 1)
    needs_described: bool  # 2A (s.10(a))
    elements: tuple[ElementFacts, ...] = ()


@dataclass(frozen=True, slots=True)
class IssueBlock:
    """One reason the plan cannot be given; `element` is the element's key, "" for the plan."""

    problem: IssueProblem
    element: str = ""


def _outcome_blocks(element: ElementFacts, language: str) -> Iterable[IssueProblem]:
    if not element.outcome.strip():
        yield IssueProblem.OUTCOME_EMPTY
    else:
        codes = check_outcome(element.outcome, language).codes
        unmeasured = bool(codes & {ProblemCode.MEASURABLE, ProblemCode.TIME_BOUND})
        if unmeasured and not element.outcome_exception.strip():
            yield IssueProblem.OUTCOME_NEEDS_MEASURE_OR_DATE
    if element.linked_needs < 1:
        yield IssueProblem.NO_NEED_LINKED


def _provision_blocks(element: ElementFacts) -> Iterable[IssueProblem]:
    if not element.provision.strip():
        yield IssueProblem.NO_PROVISION
    if element.provider is None:
        yield IssueProblem.NO_PROVIDER
    elif element.provider is AlpProvider.NHS_BODY and not element.provider_named:
        yield IssueProblem.NO_HEALTH_BOARD
    if element.welsh_required is None:
        yield IssueProblem.WELSH_NOT_DECIDED
    if element.starts_on is None:
        yield IssueProblem.NO_START_DATE
    elif element.review_or_end_on is not None and element.review_or_end_on < element.starts_on:
        yield IssueProblem.END_BEFORE_START


def check_issue(plan: PlanFacts) -> tuple[IssueBlock, ...]:
    """Everything that stops the plan being given, plan-level problems first; () when it may be.

    The outcome quality checker is advice while a draft is written and never blocks saving; at
    issue, an outcome with no measure or no date blocks unless the author recorded why (issue 5).
    Vague wording alone does not block: the checker explains it, the author decides.
    """
    blocks: list[IssueBlock] = []
    if not plan.has_profile:
        blocks.append(IssueBlock(IssueProblem.NO_PROFILE))
    if not plan.needs_described:
        blocks.append(IssueBlock(IssueProblem.NO_NEEDS))
    if not plan.elements:
        blocks.append(IssueBlock(IssueProblem.NO_ELEMENTS))
    for element in plan.elements:
        problems = [*_outcome_blocks(element, plan.language), *_provision_blocks(element)]
        blocks.extend(IssueBlock(problem, element.key) for problem in problems)
    return tuple(blocks)


# --- Reviews ----------------------------------------------------------------------------------


class ReviewDecision(StrEnum):
    """How a review ends (s.23; spec §5)."""

    REVISE = "revise"  # a revised plan follows; giving it starts the next period (s.23(5))
    NO_REVISION = "no_revision"  # notice with reasons, starting the next period (s.23(10))
    PROPOSE_CEASE = "propose_cease"  # no longer ALN / no longer necessary: propose to cease


class ReviewRequester(StrEnum):
    """Who may ask for a review (s.23(7)-(9) per spec §13 rule 2; NHS body per issue 5)."""

    CHILD = "child"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    NHS_BODY = "nhs_body"


class ReviewError(StrEnum):
    INVITED_AFTER_MEETING = "idp.review.invited_after_meeting"
    PROGRESS_REQUIRED = "idp.review.progress_required"
    VIEWS_REQUIRED = "idp.review.views_required"
    REASONS_REQUIRED = "idp.review.reasons_required"


def check_review(
    *,
    invited_on: datetime.date,
    held_on: datetime.date,
    learner_views: str,
    progress: Iterable[str],
    decision: ReviewDecision,
    reasons: str,
) -> ReviewError | None:
    """A review record: invitations went out before the meeting, the learner's views are
    recorded (s.6: involve and support them), progress is recorded against every outcome, and a
    decision not to revise or to propose ceasing gives its reasons (s.23(10); s.31)."""
    if invited_on >= held_on:
        return ReviewError.INVITED_AFTER_MEETING
    if not learner_views.strip():
        return ReviewError.VIEWS_REQUIRED
    if any(not text.strip() for text in progress):
        return ReviewError.PROGRESS_REQUIRED
    if decision is not ReviewDecision.REVISE and not reasons.strip():
        return ReviewError.REASONS_REQUIRED
    return None


# --- Ceasing ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroundRule:
    source: str
    automatic: bool  # the duty ends without a decision
    # Only a plan maintained by one of these bodies can end on this ground (empty: any).
    maintained_by: frozenset[Body] = field(default_factory=frozenset)
    young_person_only: bool = False


class CeaseGround(StrEnum):
    """Why the duty to maintain a plan ends (spec §6.2). Moves that hand the plan to another body
    (becoming looked after, dual registration, an LA take-over) are transfers, not ceasing."""

    NO_LONGER_REGISTERED = "no_longer_registered"
    LEFT_FEI = "left_fei"
    LA_NO_LONGER_RESPONSIBLE = "la_no_longer_responsible"
    NO_LONGER_LOOKED_AFTER_IN_AREA = "no_longer_looked_after_in_area"
    ENGLISH_EHC_PLAN = "english_ehc_plan"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    AGE_25 = "age_25"
    NO_LONGER_ALN = "no_longer_aln"
    NO_LONGER_NECESSARY = "no_longer_necessary"

    @property
    def rule(self) -> GroundRule:
        return GROUND_RULES[self]

    @property
    def automatic(self) -> bool:
        return GROUND_RULES[self].automatic


_LA_BODIES = frozenset({Body.LOCAL_AUTHORITY, Body.LOOKING_AFTER_AUTHORITY})

GROUND_RULES: dict[CeaseGround, GroundRule] = {
    # e.g. moving to elective home education (s.31(1)(a)).
    CeaseGround.NO_LONGER_REGISTERED: GroundRule(
        "Act s.31(1)(a)", automatic=True, maintained_by=frozenset({Body.SCHOOL})
    ),
    CeaseGround.LEFT_FEI: GroundRule(
        "Act s.31(2)", automatic=True, maintained_by=frozenset({Body.FEI})
    ),
    # Moving out of the LA's area or out of Wales works through this ground (spec §6.2 note).
    CeaseGround.LA_NO_LONGER_RESPONSIBLE: GroundRule(
        "Act s.31(3)(a)", automatic=True, maintained_by=frozenset({Body.LOCAL_AUTHORITY})
    ),
    CeaseGround.NO_LONGER_LOOKED_AFTER_IN_AREA: GroundRule(
        "Act s.31(4)", automatic=True, maintained_by=frozenset({Body.LOOKING_AFTER_AUTHORITY})
    ),
    CeaseGround.ENGLISH_EHC_PLAN: GroundRule("Nodi 10.06 (secondary)", automatic=True),
    CeaseGround.CONSENT_WITHDRAWN: GroundRule(
        "Act ss.12(2)(b), 14(3); Nodi 10.06 (secondary)", automatic=True, young_person_only=True
    ),
    CeaseGround.AGE_25: GroundRule("Nodi 10.06 (secondary); spec T17", automatic=True),
    CeaseGround.NO_LONGER_ALN: GroundRule("Act s.31; EN paras 89-90", automatic=False),
    CeaseGround.NO_LONGER_NECESSARY: GroundRule(
        "Act s.31; Regs regs 6-9",
        automatic=False,
        maintained_by=_LA_BODIES,
        young_person_only=True,
    ),
}


class CeaseError(StrEnum):
    NOT_FOR_THIS_BODY = "idp.cease.not_for_this_body"
    NOT_A_YOUNG_PERSON = "idp.cease.not_a_young_person"
    NOT_YET_25 = "idp.cease.not_yet_25"
    NEEDS_A_DECISION = "idp.cease.needs_a_decision"
    NOT_A_DECISION = "idp.cease.not_a_decision"
    REASONS_REQUIRED = "idp.cease.reasons_required"


def check_cease(
    ground: CeaseGround,
    *,
    maintained_by: Body,
    is_young_person: bool,
    date_of_birth: datetime.date,
    on: datetime.date,
    decided: bool,
    reasons: str = "",
) -> CeaseError | None:
    """Whether the plan may end on `ground` on `on`.

    `decided` says which route is being used: recording that the duty ended (automatic grounds)
    or deciding to cease after a proposal (decided grounds, which need reasons).
    """
    rule = ground.rule
    # The duties end with the academic year in which the young person turns 25 (spec T17).
    checks = (
        (rule.automatic and decided, CeaseError.NOT_A_DECISION),
        (not rule.automatic and not decided, CeaseError.NEEDS_A_DECISION),
        (
            bool(rule.maintained_by) and maintained_by not in rule.maintained_by,
            CeaseError.NOT_FOR_THIS_BODY,
        ),
        (rule.young_person_only and not is_young_person, CeaseError.NOT_A_YOUNG_PERSON),
        (ground is CeaseGround.AGE_25 and on <= duties_end(date_of_birth), CeaseError.NOT_YET_25),
        (decided and not reasons.strip(), CeaseError.REASONS_REQUIRED),
    )
    return next((error for failed, error in checks if failed), None)


class CeaseRight(StrEnum):
    """The challenge a cease decision notice must state (spec §5, §6.2)."""

    LA_RECONSIDERATION = "la_reconsideration"  # a school's decision: ask the LA within 4 weeks
    TRIBUNAL_APPEAL = "tribunal_appeal"  # an LA's or FEI's decision (s.70)


def cease_right(decided_by: Body) -> CeaseRight:
    """A school governing body's decision goes to the LA first (s.32; Regs reg 12); every other
    body's decision is appealable to the Education Tribunal for Wales (s.70)."""
    if decided_by is Body.SCHOOL:
        return CeaseRight.LA_RECONSIDERATION
    return CeaseRight.TRIBUNAL_APPEAL


# --- Transfers --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TransferRule:
    source: str
    from_bodies: frozenset[Body]
    to_body: Body
    start_of_year: bool = False  # the learner must join by the end of September (T16)


class TransferKind(StrEnum):
    """Moves that hand a plan to a new body, which must maintain it (spec §6.3)."""

    IN_YEAR_SCHOOL = "in_year_school"
    START_OF_YEAR_SCHOOL = "start_of_year_school"
    SCHOOL_TO_FEI = "school_to_fei"
    DUAL_REGISTRATION = "dual_registration"
    BETWEEN_LAS = "between_las"
    INTO_CARE = "into_care"
    OUT_OF_CARE = "out_of_care"
    # The LA decides to take over a school's or FEI's plan (s.28(3), (6)); never a move the
    # body maintaining the plan records (see `LA_TAKES_OVER_FROM`).
    LA_TAKES_OVER = "la_takes_over"

    @property
    def rule(self) -> TransferRule:
        return TRANSFER_RULES[self]


_SETTINGS = frozenset({Body.SCHOOL, Body.FEI})

TRANSFER_RULES: dict[TransferKind, TransferRule] = {
    TransferKind.IN_YEAR_SCHOOL: TransferRule(
        "Act s.35(1), (3)", frozenset({Body.SCHOOL}), Body.SCHOOL
    ),
    TransferKind.START_OF_YEAR_SCHOOL: TransferRule(
        "Act s.35(2)-(3), (5)", frozenset({Body.SCHOOL}), Body.SCHOOL, start_of_year=True
    ),
    TransferKind.SCHOOL_TO_FEI: TransferRule(
        "Act s.35(4)-(6)", frozenset({Body.SCHOOL}), Body.FEI, start_of_year=True
    ),
    TransferKind.DUAL_REGISTRATION: TransferRule(
        "Act s.30(3)-(4); Code 12.88, 28.11 (secondary)",
        frozenset({Body.SCHOOL}),
        Body.LOCAL_AUTHORITY,
    ),
    TransferKind.BETWEEN_LAS: TransferRule(
        "Act s.35(7)-(8)", frozenset({Body.LOCAL_AUTHORITY}), Body.LOCAL_AUTHORITY
    ),
    TransferKind.INTO_CARE: TransferRule(
        "Act s.35(11)-(13)",
        frozenset({Body.SCHOOL, Body.FEI, Body.LOCAL_AUTHORITY}),
        Body.LOOKING_AFTER_AUTHORITY,
    ),
    # The Code (28.17-28.20, secondary) says who maintains it next: usually the school the child
    # attends, otherwise the LA; regs 16 adjusts review periods (details UNVERIFIED, see docs).
    TransferKind.OUT_OF_CARE: TransferRule(
        "Code 28.17-28.20 (secondary); Regs reg 16",
        frozenset({Body.LOOKING_AFTER_AUTHORITY}),
        Body.LOCAL_AUTHORITY,
    ),
    # Treated as the LA's own plan under s.14 (s.28; spec §6.1). No body records it on the plan's
    # transfer page (no `from_bodies`): the LA's answer to a request does (`LA_TAKES_OVER_FROM`).
    TransferKind.LA_TAKES_OVER: TransferRule(
        "Act ss.28(3), (6)-(7), 14, 22(2); spec §6.1", frozenset(), Body.LOCAL_AUTHORITY
    ),
}

# The plans an LA may take over: a maintained school's or an FEI's (s.28(1); spec §6.1).
LA_TAKES_OVER_FROM = frozenset({Body.SCHOOL, Body.FEI})


# On a transfer the review period carries on with the new body (s.35 keeps the plan; s.23's
# periods run from when a plan or notice was given, spec T11); any other duty still open was the
# old body's and closes with its part in the plan.
CARRIED_ON_TRANSFER = frozenset({REVIEW_RULE})


class TransferError(StrEnum):
    NOT_FROM_THIS_BODY = "idp.transfer.not_from_this_body"
    SAME_BODY = "idp.transfer.same_body"
    JOINED_TOO_LATE = "idp.transfer.joined_too_late"
    NO_NEW_SETTING = "idp.transfer.no_new_setting"
    NO_NEW_AUTHORITY = "idp.transfer.no_new_authority"


def academic_year_start(on: datetime.date) -> datetime.date:
    """1 August of the academic year `on` falls in (s.35(5))."""
    month, day = ACADEMIC_YEAR_STARTS
    year = on.year if (on.month, on.day) >= (month, day) else on.year - 1
    return datetime.date(year, month, day)


def check_transfer(
    kind: TransferKind,
    *,
    maintained_by: Body,
    joined_on: datetime.date,
    new_setting_chosen: bool,
    new_authority_chosen: bool,
    same_as_now: bool,
) -> TransferError | None:
    """Whether the plan moves to a new body on `kind`.

    A start-of-year move needs the learner to join the new school or FEI before the end of
    September of the academic year (s.35(2), (4); spec T16). A move to a school or FEI names it;
    a move between authorities or into care names the new authority. A move to the body that
    already maintains the plan is not a transfer.
    """
    rule = kind.rule
    if maintained_by not in rule.from_bodies:
        return TransferError.NOT_FROM_THIS_BODY
    if rule.start_of_year:
        year_starts = academic_year_start(joined_on)
        month, day = START_OF_YEAR_JOINS_BY
        if joined_on > datetime.date(year_starts.year, month, day):
            return TransferError.JOINED_TOO_LATE
    if rule.to_body in _SETTINGS and not new_setting_chosen:
        return TransferError.NO_NEW_SETTING
    needs_authority = kind in (TransferKind.BETWEEN_LAS, TransferKind.INTO_CARE)
    if needs_authority and not new_authority_chosen:
        return TransferError.NO_NEW_AUTHORITY
    if same_as_now:
        return TransferError.SAME_BODY
    return None


class PlanError(StrEnum):
    """Why a change to a plan was refused (services raise these; the interface translates)."""

    NOT_DUE = "idp.not_due"  # no plan is due on this case
    ALREADY_STARTED = "idp.already_started"
    DRAFT_EXISTS = "idp.draft_exists"
    NOT_A_DRAFT = "idp.not_a_draft"
    NO_DRAFT = "idp.no_draft"  # nothing is being written: start a new version first
    NOT_YOURS = "idp.not_yours"
    CHANGED_BY_SOMEONE_ELSE = "idp.changed_by_someone_else"
    NOT_IN_FORCE = "idp.not_in_force"
    CANNOT_ISSUE = "idp.cannot_issue"
    NOT_FOUND = "idp.not_found"  # a need or element that is no longer in the draft
    FIRST_VERSION_CANNOT_BE_DISCARDED = "idp.first_version_cannot_be_discarded"
    WHY_REVISED_REQUIRED = "idp.why_revised_required"
    UNKNOWN_NEED = "idp.unknown_need"

"""The stages of an ALN decision case and the legal moves between them (architecture §4).

A case runs from a concern to a decision and the notice that follows (Act ss.11-14, 18, 22; ALN
(Wales) Regs 2021 reg 10; spec §2, §3, §5, §7):

    awaiting consent --(young person consents)--> gathering information
    gathering information --(school or FEI refers, s.12(2)(a))--> gathering information (LA decides)
    gathering information --(decide)--> notice due
                          \\--(has ALN, young person outside school/FEI)--> deciding necessity
    deciding necessity --(decide whether an IDP is necessary, s.14(1)(c), reg 10)--> notice due
    notice due --(give notice)--> IDP due (has ALN) | closed (no ALN, duty does not arise,
                                                      IDP not necessary)
    IDP due --(give the IDP)--> maintaining --(review; revised plan or no-revision notice;
                                              transfer to a new body)--> maintaining
    maintaining --(propose to cease)--> cease proposed --(cease)--> closed
    maintaining | cease proposed --(the duty ends on an automatic ground)--> closed

The LA answering a request about a school's decision or plan (ss.26-28, 32; spec §6.1) moves the
case too, as the party `RECONSIDERING_LA`:

    closed (school's notice) | IDP due | maintaining --(s.26: LA decides has ALN)--> IDP due |
                                                      IDP due | maintaining
                             \\--(s.26: LA decides no ALN)--> closed
    maintaining --(s.27(4) no revision; s.27(6) revision; s.28 take-over)--> maintaining
    closed (plan ceased) --(s.32: the decision to cease does not stand)--> maintaining

`TRANSITIONS` is the whole table. `move()` is the one function that answers "may this party take
this action now, and where does it lead?"; it never changes anything, so a refused move leaves
nothing changed. Each transition names the audit event and the effects on the statutory clock the
service must carry out, so services do not decide the law themselves.

The checks on what a person types (reasons given, dates not in the future or before the concern,
evidence attached to a referral) are here too, each returning a stable error code and the field
it concerns.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from aln.domain.cases import DecidingBody

# Free text limits: long enough for real reasons, short enough that a pasted file is refused.
MAX_TEXT_LENGTH = 10_000
MAX_SHORT_TEXT_LENGTH = 300


class Stage(StrEnum):
    AWAITING_CONSENT = "awaiting_consent"  # a young person's case: nothing proceeds (s.11(3)(c))
    GATHERING = "gathering"  # views, evidence and advice gathered by the body deciding
    DECIDING_NECESSITY = "deciding_necessity"  # LA decides if an IDP is necessary (s.14(1)(c))
    NOTICE_DUE = "notice_due"  # decided; the notice has not been given yet
    IDP_DUE = "idp_due"  # has ALN: an IDP must be given by the decision deadline (s.22)
    MAINTAINING = "maintaining"  # the IDP is given and maintained; reviewed yearly (s.23)
    CEASE_PROPOSED = "cease_proposed"  # the body proposes to stop maintaining it (s.31)
    CLOSED = "closed"


OPEN_STAGES = frozenset(Stage) - {Stage.CLOSED}
OPEN_STAGES_IN_ORDER = tuple(stage for stage in Stage if stage in OPEN_STAGES)


class CaseAction(StrEnum):
    RECORD_CONSENT = "record_consent"
    RECORD_NO_CONSENT = "record_no_consent"
    ADD_EVIDENCE = "add_evidence"
    RECORD_VIEWS = "record_views"
    REQUEST_ADVICE = "request_advice"
    RECORD_ADVICE = "record_advice"
    REFER_TO_NHS = "refer_to_nhs"
    RECORD_NHS_RESPONSE = "record_nhs_response"
    RECORD_MEETING = "record_meeting"
    REFER_TO_LA = "refer_to_la"
    DECIDE = "decide"
    DECIDE_NECESSITY = "decide_necessity"
    GIVE_NOTICE = "give_notice"
    WITHDRAW_CONSENT = "withdraw_consent"
    TAKE_ON = "take_on"  # become the case's owner: its reminders come to you
    GIVE_IDP = "give_idp"  # the first plan is given (s.22)
    RECORD_REVIEW = "record_review"  # a review that leads to a revised plan (s.23)
    GIVE_REVISED_IDP = "give_revised_idp"  # s.23(5), (11)
    GIVE_NO_REVISION_NOTICE = "give_no_revision_notice"  # s.23(10)
    PROPOSE_CEASE = "propose_cease"  # no longer ALN, or no longer necessary (s.31; EN para 90)
    WITHDRAW_CEASE_PROPOSAL = "withdraw_cease_proposal"
    CEASE = "cease"  # the decision to cease, with reasons (s.31)
    END_PLAN = "end_plan"  # the duty ended without a decision (s.31(1)-(4); spec §6.2)
    TRANSFER = "transfer"  # another body must now maintain it (s.35, s.30)
    # The LA's answers to a request about a school's (or, s.28, an FEI's) decision or plan
    # (spec §6.1; `aln.domain.disagreements.OUTCOME_RULES` says which answer has which effect).
    # s.26: the LA's decision whether the learner has ALN replaces the school's (EN paras 74-75).
    LA_REPLACE_DECISION = "la_replace_decision"
    LA_NO_REVISION = "la_no_revision"  # s.27(4)-(5): the plan is not revised; notice to family
    LA_DECIDE_REVISION = "la_decide_revision"  # s.27(6): the LA will prepare the revised plan
    LA_TAKE_OVER = "la_take_over"  # s.28(3), (6); s.14(2): the plan becomes the LA's
    LA_REVERSE_CEASE = "la_reverse_cease"  # s.32: the school's decision to cease does not stand


class Party(StrEnum):
    """How the person acting stands to the case."""

    DECIDER = "decider"  # acts for the body that must decide now (its ALNCo, head, LA officer)
    CONTRIBUTOR = "contributor"  # other staff working with the learner (a class teacher, the school
    # on a case it referred to the LA): adds evidence, views and meeting notes, decides nothing
    # The LA answering a request about the school's (or FEI's) decision or plan (Act ss.26-28,
    # 32; spec §6.1): its deciders, whichever body decides the case. Only the services that carry
    # out the LA's answer (`aln.disputes.services.outcomes`) act as this party.
    RECONSIDERING_LA = "reconsidering_la"


class Outcome(StrEnum):
    HAS_ALN = "has_aln"
    NO_ALN = "no_aln"
    DUTY_DOES_NOT_ARISE = "duty_does_not_arise"


class ClosedBecause(StrEnum):
    NOTICE_GIVEN = "notice_given"
    NO_CONSENT = "no_consent"  # s.11(3)(c), s.13(2)(d)
    CONSENT_WITHDRAWN = "consent_withdrawn"  # s.14(3); Nodi 10.06 (secondary)
    PLAN_CEASED = "plan_ceased"  # decided: no longer ALN, or no longer necessary (s.31)
    PLAN_ENDED = "plan_ended"  # the duty ended on an automatic ground (spec §6.2)


class Effect(StrEnum):
    """What a move does to the statutory clock (spec §3); the service carries it out."""

    START_DECISION_CLOCK = "start_decision_clock"  # the deciding body's limit, T1-T3
    # The school's clock closes and the LA's 12 weeks start (T3). After an LA's s.26 decision
    # that the learner has ALN (treated as a s.13 decision, EN para 75) they run from the day the
    # request reached the LA, unless the LA directs the school to prepare the plan: the direction
    # states its own date (s.14(2)(b); no rule in the spec).
    SWITCH_TO_LA_CLOCK = "switch_to_la_clock"
    START_NECESSITY_CLOCK = "start_necessity_clock"  # reg 10(3), from the young person's consent
    START_NHS_CLOCK = "start_nhs_clock"  # reg 11, from receipt of the s.20 referral
    MEET_NHS_CLOCK = "meet_nhs_clock"
    ISSUE_NOTICE = "issue_notice"  # decision notice (s.11(4), s.13(3), s.18(3), reg 10(2))
    SETTLE_DECISION_CLOCK = "settle_decision_clock"  # met by the notice, or closed (see service)
    CLOSE_CLOCKS = "close_clocks"  # the duty fell away: every open deadline closes
    MEET_DECISION_CLOCK = "meet_decision_clock"  # the IDP is given within the limit (s.22)
    # A plan, revised plan or no-revision notice is given: the review period running is met and
    # the next starts that day (s.23(3)-(5), (10); spec T11).
    START_REVIEW_PERIOD = "start_review_period"
    # The new body owns the open deadlines; the review period carries on (s.35; spec §6.3).
    HAND_OVER_CLOCKS = "hand_over_clocks"
    # A decision to cease that did not stand: the review period that was running when the plan
    # ceased runs again to its old end (s.32; spec §6.1, powers UNVERIFIED).
    REOPEN_REVIEW_PERIOD = "reopen_review_period"


class ProcessError(StrEnum):
    NOT_ALLOWED_NOW = "case.not_allowed_now"
    NOT_YOURS = "case.not_yours"
    CHANGED_BY_SOMEONE_ELSE = "case.changed_by_someone_else"
    REASONS_REQUIRED = "case.reasons_required"
    TEXT_TOO_LONG = "case.text_too_long"
    REQUIRED = "case.required"
    DATE_IN_FUTURE = "case.date_in_future"
    DATE_BEFORE_CONCERN = "case.date_before_concern"
    DATE_BEFORE_START = "case.date_before_start"
    EXCEPTION_REQUIRED = "case.exception_required"
    OUTCOME_REQUIRED = "case.outcome_required"
    REFERRAL_GROUNDS_REQUIRED = "case.referral_grounds_required"
    REFERRAL_EVIDENCE_REQUIRED = "case.referral_evidence_required"
    ONLY_A_SETTING_REFERS = "case.only_a_setting_refers"
    NOT_A_YOUNG_PERSON = "case.not_a_young_person"
    NECESSITY_NOT_FOR_THIS_CASE = "case.necessity_not_for_this_case"


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the table needs to know about a case to answer a move."""

    stage: Stage
    deciding_body: DecidingBody
    is_young_person: bool
    # The LA must also decide whether an IDP is necessary: a young person outside a maintained
    # school or FEI, or a detained person (s.14(1)(c); regs 6-10).
    necessity_decision: bool = False
    outcome: Outcome | None = None
    idp_necessary: bool | None = None
    # Requests still waiting for an answer: an answer can be recorded only when one is awaited.
    advice_awaited: bool = False
    nhs_response_awaited: bool = False
    # The person asking already owns the case (so taking it on is not offered).
    owned_by_actor: bool = False
    # Why a closed case closed: the LA's answers reopen only some (s.26 after a decision notice,
    # s.32 after a decision to cease).
    closed_because: ClosedBecause | None = None


@dataclass(frozen=True, slots=True)
class Transition:
    source: Stage
    action: CaseAction
    target: Stage
    by: frozenset[Party]
    event: str  # the audit event type the move writes
    effects: tuple[Effect, ...] = ()
    # A row applies only when its condition holds; rows for the same (source, action) are tried
    # in order, so the last row for a pair is the "otherwise".
    when: str = ""


_DECIDER = frozenset({Party.DECIDER})
_LA = frozenset({Party.RECONSIDERING_LA})
_ANYONE = frozenset({Party.DECIDER, Party.CONTRIBUTOR})
_GATHER = Stage.GATHERING

TRANSITIONS: tuple[Transition, ...] = (
    # A young person's consent starts the clock (spec T1-T3, T8; Newport CC; reg 10(3)).
    Transition(
        Stage.AWAITING_CONSENT,
        CaseAction.RECORD_CONSENT,
        _GATHER,
        _DECIDER,
        "case.consent_recorded",
        (Effect.START_DECISION_CLOCK,),
    ),
    # Without consent the duty to decide does not arise (s.11(3)(c), s.13(2)(d)).
    Transition(
        Stage.AWAITING_CONSENT,
        CaseAction.RECORD_NO_CONSENT,
        Stage.CLOSED,
        _DECIDER,
        "case.consent_refused",
        (Effect.CLOSE_CLOCKS,),
    ),
    # Gathering information (Code ch. 12 and 11, secondary; Act ss.6, 20).
    Transition(_GATHER, CaseAction.ADD_EVIDENCE, _GATHER, _ANYONE, "case.evidence_added"),
    Transition(_GATHER, CaseAction.RECORD_VIEWS, _GATHER, _ANYONE, "case.views_recorded"),
    Transition(_GATHER, CaseAction.RECORD_MEETING, _GATHER, _ANYONE, "case.meeting_recorded"),
    Transition(_GATHER, CaseAction.REQUEST_ADVICE, _GATHER, _DECIDER, "case.advice_requested"),
    Transition(
        _GATHER,
        CaseAction.RECORD_ADVICE,
        _GATHER,
        _DECIDER,
        "case.advice_received",
        when="advice_awaited",
    ),
    Transition(
        _GATHER,
        CaseAction.REFER_TO_NHS,
        _GATHER,
        _DECIDER,
        "case.nhs_referral_made",
        (Effect.START_NHS_CLOCK,),
    ),
    Transition(
        _GATHER,
        CaseAction.RECORD_NHS_RESPONSE,
        _GATHER,
        _DECIDER,
        "case.nhs_response_recorded",
        (Effect.MEET_NHS_CLOCK,),
        when="nhs_response_awaited",
    ),
    # s.12(2)(a): the school or FEI refers; the LA decides under s.13 within 12 weeks.
    Transition(
        _GATHER,
        CaseAction.REFER_TO_LA,
        _GATHER,
        _DECIDER,
        "case.referred_to_la",
        (Effect.SWITCH_TO_LA_CLOCK,),
        when="setting_decides",
    ),
    # Has ALN, and the LA must also decide if an IDP is necessary (s.14(1)(c); reg 10).
    Transition(
        _GATHER,
        CaseAction.DECIDE,
        Stage.DECIDING_NECESSITY,
        _DECIDER,
        "case.decided",
        (Effect.START_NECESSITY_CLOCK,),
        when="has_aln_needs_necessity",
    ),
    Transition(_GATHER, CaseAction.DECIDE, Stage.NOTICE_DUE, _DECIDER, "case.decided"),
    Transition(
        Stage.DECIDING_NECESSITY,
        CaseAction.DECIDE_NECESSITY,
        Stage.NOTICE_DUE,
        _DECIDER,
        "case.necessity_decided",
    ),
    # The notice gives the decision; for has-ALN the IDP follows by the same deadline (s.22).
    Transition(
        Stage.NOTICE_DUE,
        CaseAction.GIVE_NOTICE,
        Stage.IDP_DUE,
        _DECIDER,
        "case.notice_given",
        (Effect.ISSUE_NOTICE,),
        when="idp_follows",
    ),
    Transition(
        Stage.NOTICE_DUE,
        CaseAction.GIVE_NOTICE,
        Stage.CLOSED,
        _DECIDER,
        "case.notice_given",
        (Effect.ISSUE_NOTICE, Effect.SETTLE_DECISION_CLOCK),
    ),
    # A young person may withdraw consent at any point before the plan exists (s.14(3)).
    *(
        Transition(
            stage,
            CaseAction.WITHDRAW_CONSENT,
            Stage.CLOSED,
            _DECIDER,
            "case.consent_withdrawn",
            (Effect.CLOSE_CLOCKS,),
            when="young_person",
        )
        for stage in (Stage.GATHERING, Stage.DECIDING_NECESSITY, Stage.NOTICE_DUE, Stage.IDP_DUE)
    ),
    # The plan (spec §4, §6): given, reviewed and revised, transferred, and ended.
    Transition(
        Stage.IDP_DUE,
        CaseAction.GIVE_IDP,
        Stage.MAINTAINING,
        _DECIDER,
        "case.idp_given",
        (Effect.MEET_DECISION_CLOCK, Effect.START_REVIEW_PERIOD),
    ),
    Transition(
        Stage.MAINTAINING, CaseAction.RECORD_REVIEW, Stage.MAINTAINING, _DECIDER, "case.reviewed"
    ),
    Transition(
        Stage.MAINTAINING,
        CaseAction.GIVE_REVISED_IDP,
        Stage.MAINTAINING,
        _DECIDER,
        "case.revised_idp_given",
        (Effect.START_REVIEW_PERIOD,),
    ),
    Transition(
        Stage.MAINTAINING,
        CaseAction.GIVE_NO_REVISION_NOTICE,
        Stage.MAINTAINING,
        _DECIDER,
        "case.no_revision_notice_given",
        (Effect.START_REVIEW_PERIOD,),
    ),
    Transition(
        Stage.MAINTAINING,
        CaseAction.TRANSFER,
        Stage.MAINTAINING,
        _DECIDER,
        "case.transferred",
        (Effect.HAND_OVER_CLOCKS,),
    ),
    Transition(
        Stage.MAINTAINING,
        CaseAction.PROPOSE_CEASE,
        Stage.CEASE_PROPOSED,
        _DECIDER,
        "case.cease_proposed",
    ),
    Transition(
        Stage.CEASE_PROPOSED,
        CaseAction.WITHDRAW_CEASE_PROPOSAL,
        Stage.MAINTAINING,
        _DECIDER,
        "case.cease_proposal_withdrawn",
    ),
    Transition(
        Stage.CEASE_PROPOSED,
        CaseAction.CEASE,
        Stage.CLOSED,
        _DECIDER,
        "case.plan_ceased",
        (Effect.CLOSE_CLOCKS,),
    ),
    *(
        Transition(
            stage,
            CaseAction.END_PLAN,
            Stage.CLOSED,
            _DECIDER,
            "case.plan_ended",
            (Effect.CLOSE_CLOCKS,),
        )
        for stage in (Stage.MAINTAINING, Stage.CEASE_PROPOSED)
    ),
    # The LA's answers to requests (spec §6.1). s.26: the LA decides ALN itself and its decision
    # replaces the school's (EN paras 74-75): a "has ALN" decision after a school's "no ALN" (or
    # refusal to decide) reopens the case for the IDP, which the LA prepares on its own clock or
    # directs the school to prepare by the date the direction states (s.14(2)(b)); a "no ALN"
    # decision ends the duty to prepare or maintain a plan. Every row is the LA's alone.
    Transition(
        Stage.CLOSED,
        CaseAction.LA_REPLACE_DECISION,
        Stage.IDP_DUE,
        _LA,
        "case.la_decision_replaced",
        (Effect.SWITCH_TO_LA_CLOCK,),
        when="la_decides_aln_after_notice",
    ),
    Transition(
        Stage.CLOSED,
        CaseAction.LA_REPLACE_DECISION,
        Stage.CLOSED,
        _LA,
        "case.la_decision_replaced",
        when="la_decides_no_aln_after_notice",
    ),
    *(
        row
        for stage, target_if_aln, effects_if_aln in (
            (Stage.IDP_DUE, Stage.IDP_DUE, (Effect.SWITCH_TO_LA_CLOCK,)),
            (Stage.MAINTAINING, Stage.MAINTAINING, ()),
        )
        for row in (
            Transition(
                stage,
                CaseAction.LA_REPLACE_DECISION,
                target_if_aln,
                _LA,
                "case.la_decision_replaced",
                effects_if_aln,
                when="la_decides_aln",
            ),
            Transition(
                stage,
                CaseAction.LA_REPLACE_DECISION,
                Stage.CLOSED,
                _LA,
                "case.la_decision_replaced",
                (Effect.CLOSE_CLOCKS,),
                when="la_decides_no_aln",
            ),
        )
    ),
    # s.27(4)-(5): the LA's notice that the plan will not be revised starts the next review
    # period (s.23; spec T11). s.27(6): the LA prepares the revised plan (its own draft), and
    # gives it (s.27(7)): the school maintains it, or the LA takes it over (s.28(6)).
    Transition(
        Stage.MAINTAINING,
        CaseAction.LA_NO_REVISION,
        Stage.MAINTAINING,
        _LA,
        "case.la_no_revision_notice_given",
        (Effect.START_REVIEW_PERIOD,),
    ),
    Transition(
        Stage.MAINTAINING,
        CaseAction.LA_DECIDE_REVISION,
        Stage.MAINTAINING,
        _LA,
        "case.la_revision_decided",
    ),
    # s.28: the plan is treated as the LA's own (s.14); the review period carries on (T11).
    Transition(
        Stage.MAINTAINING,
        CaseAction.LA_TAKE_OVER,
        Stage.MAINTAINING,
        _LA,
        "case.la_took_over",
        (Effect.HAND_OVER_CLOCKS,),
    ),
    # s.32: the school's decision to cease does not stand, so the plan is maintained again
    # (powers UNVERIFIED, spec §6.1).
    Transition(
        Stage.CLOSED,
        CaseAction.LA_REVERSE_CEASE,
        Stage.MAINTAINING,
        _LA,
        "case.la_cease_reversed",
        (Effect.REOPEN_REVIEW_PERIOD,),
        when="plan_ceased",
    ),
    # Someone acting for the deciding body owns the case; reminders go to them.
    *(
        Transition(stage, CaseAction.TAKE_ON, stage, _DECIDER, "case.taken_on", when="not_owner")
        for stage in OPEN_STAGES_IN_ORDER
    ),
)


_CONDITIONS: dict[str, Callable[[CaseFacts, Outcome | None], bool]] = {
    "": lambda facts, decided: True,
    "setting_decides": lambda facts, decided: (
        facts.deciding_body is not DecidingBody.LOCAL_AUTHORITY
    ),
    "has_aln_needs_necessity": lambda facts, decided: (
        decided is Outcome.HAS_ALN and facts.necessity_decision
    ),
    "idp_follows": lambda facts, decided: (
        decided is Outcome.HAS_ALN and facts.idp_necessary is not False
    ),
    "young_person": lambda facts, decided: facts.is_young_person,
    "advice_awaited": lambda facts, decided: facts.advice_awaited,
    "nhs_response_awaited": lambda facts, decided: facts.nhs_response_awaited,
    "not_owner": lambda facts, decided: not facts.owned_by_actor,
    # s.26 (EN paras 74-75): the decision the LA makes itself.
    "la_decides_aln": lambda facts, decided: decided is Outcome.HAS_ALN,
    "la_decides_no_aln": lambda facts, decided: decided is Outcome.NO_ALN,
    # ...on a case that closed when the school's decision notice was given (no ALN, or the duty
    # did not arise), not on one whose plan ended or whose young person did not agree.
    "la_decides_aln_after_notice": lambda facts, decided: (
        decided is Outcome.HAS_ALN and facts.closed_because is ClosedBecause.NOTICE_GIVEN
    ),
    "la_decides_no_aln_after_notice": lambda facts, decided: (
        decided is Outcome.NO_ALN and facts.closed_because is ClosedBecause.NOTICE_GIVEN
    ),
    # s.32: only a plan that ended by a decision to cease it.
    "plan_ceased": lambda facts, decided: facts.closed_because is ClosedBecause.PLAN_CEASED,
}


def _condition_holds(condition: str, facts: CaseFacts, outcome: Outcome | None) -> bool:
    """Whether a row's `when` holds; `outcome` is the decision being made, if any."""
    decided = outcome if outcome is not None else facts.outcome
    return _CONDITIONS[condition](facts, decided)  # a typo in the table fails every test


@dataclass(frozen=True, slots=True)
class Move:
    """A move that may be made. `target` is where it leads; `error` is why it may not."""

    transition: Transition | None
    error: ProcessError | None = None

    @property
    def allowed(self) -> bool:
        return self.error is None


# Conditions whose failure means "not for this case" rather than "not now".
_CONDITION_ERRORS = {
    "setting_decides": ProcessError.ONLY_A_SETTING_REFERS,
    "young_person": ProcessError.NOT_A_YOUNG_PERSON,
}


def move(
    facts: CaseFacts,
    action: CaseAction,
    parties: Iterable[Party],
    *,
    outcome: Outcome | None = None,
) -> Move:
    """Whether `parties` may take `action` on a case in `facts`, and which transition applies.

    `outcome` is the decision being made, for DECIDE (it picks the next stage).
    """
    rows = [t for t in TRANSITIONS if t.source is facts.stage and t.action is action]
    if not rows:
        return Move(None, ProcessError.NOT_ALLOWED_NOW)
    applicable = [t for t in rows if _condition_holds(t.when, facts, outcome)]
    if not applicable:
        return Move(None, _CONDITION_ERRORS.get(rows[-1].when, ProcessError.NOT_ALLOWED_NOW))
    transition = applicable[0]
    if not transition.by & frozenset(parties):
        return Move(None, ProcessError.NOT_YOURS)
    return Move(transition)


def allowed_actions(facts: CaseFacts, parties: Iterable[Party]) -> list[CaseAction]:
    """The actions to offer this person now, in the table's order (the page shows no others)."""
    parties = frozenset(parties)
    offered: list[CaseAction] = []
    for action in CaseAction:
        # DECIDE is offered whatever the outcome will be: try it with an outcome that needs no
        # special condition.
        if move(facts, action, parties, outcome=Outcome.NO_ALN).allowed and action not in offered:
            offered.append(action)
    return offered


# --- Checks on what a person enters -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InputError:
    code: ProcessError
    field: str  # "" when the problem is with the case, not one field


def check_text(
    value: str, field: str, *, required: bool = True, limit: int = MAX_TEXT_LENGTH
) -> InputError | None:
    text = value.strip()
    if required and not text:
        return InputError(ProcessError.REQUIRED, field)
    if len(text) > limit:
        return InputError(ProcessError.TEXT_TOO_LONG, field)
    return None


def check_date(
    day: datetime.date | None,
    field: str,
    *,
    today: datetime.date,
    not_before: datetime.date | None = None,
    before_code: ProcessError = ProcessError.DATE_BEFORE_CONCERN,
) -> InputError | None:
    """A date that has happened: not in the future and not before the case began."""
    if day is None:
        return InputError(ProcessError.REQUIRED, field)
    if day > today:
        return InputError(ProcessError.DATE_IN_FUTURE, field)
    if not_before is not None and day < not_before:
        return InputError(before_code, field)
    return None


def check_decision(
    *,
    outcome: Outcome | None,
    reasons: str,
    decided_on: datetime.date | None,
    duty_exception: str,
    concern_on: datetime.date,
    today: datetime.date,
) -> InputError | None:
    """A decision needs an outcome, reasons (s.11(4), s.13(3)) and a date that has happened.

    "Duty does not arise" must also say which exception applies (s.11(3), s.13(2); spec §2.3).
    """
    if outcome is None:
        return InputError(ProcessError.OUTCOME_REQUIRED, "outcome")
    if outcome is Outcome.DUTY_DOES_NOT_ARISE and not duty_exception:
        return InputError(ProcessError.EXCEPTION_REQUIRED, "duty_exception")
    if not reasons.strip():
        return InputError(ProcessError.REASONS_REQUIRED, "reasons")
    return check_text(reasons, "reasons") or check_date(
        decided_on, "decided_on", today=today, not_before=concern_on
    )


class ReferralGround(StrEnum):
    """Why a school or FEI refers to the LA (Act s.12(2)(a); EN para 36)."""

    NOT_REASONABLE_TO_SECURE = "not_reasonable_to_secure"  # s.12(2)(a)(i)
    CANNOT_DETERMINE_NEEDS = "cannot_determine_needs"  # s.12(2)(a)(ii)
    CANNOT_DETERMINE_PROVISION = "cannot_determine_provision"  # s.12(2)(a)(iii)


def check_referral(
    *,
    grounds: Iterable[ReferralGround],
    summary: str,
    evidence_count: int,
    referred_on: datetime.date | None,
    concern_on: datetime.date,
    today: datetime.date,
) -> InputError | None:
    """A referral names its s.12(2)(a) grounds, says why, and carries the graduated-response
    evidence an LA expects before it accepts one (seed documents: council referral criteria)."""
    if not list(grounds):
        return InputError(ProcessError.REFERRAL_GROUNDS_REQUIRED, "grounds")
    if evidence_count < 1:
        return InputError(ProcessError.REFERRAL_EVIDENCE_REQUIRED, "")  # not one field: the case
    return check_text(summary, "summary") or check_date(
        referred_on, "referred_on", today=today, not_before=concern_on
    )

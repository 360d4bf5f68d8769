"""Challenging a decision: requests to the local authority, its answers, and Tribunal appeals.

The law of challenge as data (spec §3 T4-T7, T14, T15, T18, T20; §5; §6.1; §6.2; §7):

- A maintained school's governing body is never appealed against. The child, young person or
  parent asks the LA instead, on one of four routes (`Route`): reconsider the school's ALN
  decision (Act s.26), reconsider its IDP with a view to revising it (s.27), take over a school's
  or FEI's IDP (s.28; the governing body may ask too), or reconsider its decision to cease an IDP
  (s.32, within 4 weeks: Regs reg 12). EN para 73; spec §6.1.
- The LA answers within the route's time limit (`RouteRule.deadline_rule`; every one of them is
  UNVERIFIED and an LA setting, spec T4-T7). Its answer (`LaOutcome`) has effects on the plan or
  decision (`OutcomeEffect`) and, where it goes against the family, a right of appeal.
- Appeals go to the Education Tribunal for Wales against LA and FEI decisions, including the LA's
  answers on these routes (Act s.70; EN paras 156-159): within 8 weeks of the notice, 16 when
  the matter went to disagreement resolution before the 8 weeks ran out (ETW Regs reg 10; T14).
- Disagreement resolution (s.68) and independent advocacy (s.69) sit alongside and never take
  away a right of appeal (s.68(5)).
- A child who lacks capacity acts through a case friend the Tribunal appoints (ss.84-85); a
  parent or young person who lacks capacity through a representative (s.83).

Facts the spec marks UNVERIFIED are module constants marked `# UNVERIFIED (spec ...)` or rule
entries with `verified=False`, so an LA can configure them or a caseworker can see the doubt.
Every function here only decides; services carry the decisions out. Codes, never sentences: the
interface translates them.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from aln.domain.calendar import SchoolCalendar
from aln.domain.notices import (
    PLAN_KINDS,
    NoticeKind,
    ProviderKind,
    Recipient,
    Right,
    notice_recipients,
)
from aln.domain.organisations import SettingKind
from aln.domain.plans import CEASE_RECONSIDERATION_RULE
from aln.domain.process import Outcome
from aln.domain.responsibility import Body
from aln.domain.timelines import RULES, PeriodStart, Unit, due_date, get_rule

# --- Routes -------------------------------------------------------------------------------------


class Route(StrEnum):
    """The four requests to the LA about a maintained school's decision or plan (spec §6.1)."""

    RECONSIDER_ALN = "reconsider_aln"  # s.26: decision whether the learner has ALN, or refusal
    RECONSIDER_IDP = "reconsider_idp"  # s.27: a school IDP, with a view to revising it
    TAKE_OVER_IDP = "take_over_idp"  # s.28: a school's or FEI's IDP becomes the LA's
    RECONSIDER_CEASING = "reconsider_ceasing"  # s.32: a school's decision to cease an IDP


class Requester(StrEnum):
    """Who asks (spec §6.1, §7)."""

    CHILD = "child"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"  # holds the rights themselves (spec §7)
    CASE_FRIEND = "case_friend"  # s.85: appointed by the Tribunal for a child lacking capacity
    REPRESENTATIVE = "representative"  # s.83: for a parent or young person lacking capacity
    GOVERNING_BODY = "governing_body"  # the governing body of the school or FEI (s.28 only)


_FAMILY = frozenset(
    {
        Requester.CHILD,
        Requester.PARENT,
        Requester.YOUNG_PERSON,
        Requester.CASE_FRIEND,
        Requester.REPRESENTATIVE,
    }
)
_SCHOOL = frozenset({Body.SCHOOL})
_GOVERNING_BODY = frozenset({Requester.GOVERNING_BODY})
_NOBODY: frozenset[Requester] = frozenset()


@dataclass(frozen=True, slots=True)
class RouteRule:
    """One route to the LA.

    - `requesters`: who may ask.
    - `about_bodies`: whose decision or plan it must be about (`Body`).
    - `deadline_rule`: the timeline rule for the LA's answer (from the day it receives the request).
    - `representations_from`: who the LA must inform and invite to make representations when the
      family asks; `representations_when_governing_body_asks`: when the governing body asks
      (family members are narrowed to the learner by `invited_to_make_representations`).
    - `request_window_rule`: the timeline rule for the last day to ask, if there is one.
    """

    source: str
    requesters: frozenset[Requester]
    about_bodies: frozenset[Body]
    deadline_rule: str
    representations_from: frozenset[Requester]
    representations_when_governing_body_asks: frozenset[Requester] = _NOBODY
    request_window_rule: str | None = None


ROUTE_RULES: dict[Route, RouteRule] = {
    # The LA decides ALN itself after inviting the governing body's representations (s.26(3)).
    Route.RECONSIDER_ALN: RouteRule(
        "Act s.26; EN paras 74-75; spec §6.1, T4",
        _FAMILY,
        _SCHOOL,
        "la-reconsideration",
        _GOVERNING_BODY,
    ),
    Route.RECONSIDER_IDP: RouteRule(
        "Act s.27; spec §6.1, T5", _FAMILY, _SCHOOL, "la-idp-reconsideration", _GOVERNING_BODY
    ),
    # Either side may ask; the LA invites representations from the other (s.28(4), (5)).
    Route.TAKE_OVER_IDP: RouteRule(
        "Act s.28; spec §2.1, §6.1, T6",
        _FAMILY | _GOVERNING_BODY,
        frozenset({Body.SCHOOL, Body.FEI}),
        "la-takeover-decision",
        _GOVERNING_BODY,
        representations_when_governing_body_asks=frozenset(
            {Requester.CHILD, Requester.PARENT, Requester.YOUNG_PERSON}
        ),
    ),
    # The spec names no representations duty for s.32 (spec §5 lists ss.26(3), 27(3), 28(4)-(5)
    # only): none is imposed here. The 4-week window is Regs reg 12 (T7).
    Route.RECONSIDER_CEASING: RouteRule(
        "Act s.32; Regs reg 12; EN para 90; spec §6.1, §6.2, T7",
        _FAMILY,
        _SCHOOL,
        "la-cease-reconsideration",
        _NOBODY,
        request_window_rule=CEASE_RECONSIDERATION_RULE,
    ),
}

assert all(  # noqa: S101 (import-time guard: every rule id exists)
    rule.deadline_rule in RULES and rule.request_window_rule in (None, *RULES)
    for rule in ROUTE_RULES.values()
)

# The clocks of the LA's duty to answer a request. The duty lasts until the LA answers, records a
# s.29 exception, or the request is withdrawn (Act ss.26-29, 32; spec §6.1): what ends or hands
# over the case (a transfer, a cease, the LA's s.26 "no ALN") leaves them open.
REQUEST_DEADLINE_RULES = frozenset(rule.deadline_rule for rule in ROUTE_RULES.values())


def invited_to_make_representations(
    route: Route, requester: Requester, *, learner_is_young_person: bool
) -> frozenset[Requester]:
    """Who the LA must inform of the request and invite to make representations.

    When the family asks: the governing body (Act ss.26(3), 27(3), 28(5)). When the governing
    body asks for a take-over: the young person, or the child and the parent (s.28(4)). Whether
    a child who lacks capacity is told is `child_is_notified` (s.84).
    """
    rule = ROUTE_RULES[route]
    if requester is not Requester.GOVERNING_BODY:
        return rule.representations_from
    family = rule.representations_when_governing_body_asks
    if learner_is_young_person:
        return family & {Requester.YOUNG_PERSON}
    return family - {Requester.YOUNG_PERSON}


# --- Standing and validity of a request ---------------------------------------------------------


class RequestProblem(StrEnum):
    """Why a request to the LA is not a valid request on its route. Stable codes."""

    NO_STANDING = "disagreement.no_standing"
    NO_DECISION = "disagreement.no_decision"
    NOT_A_SCHOOL_DECISION = "disagreement.not_a_school_decision"
    WINDOW_CLOSED = "disagreement.window_closed"
    ALREADY_OPEN = "disagreement.already_open"


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """What `check_request` needs to know about a request.

    - `decided_by`: the body whose decision or plan the request is about (None: none recorded).
    - `decision_exists`: s.26: the school decided (has ALN, no ALN, or the reasoned refusal to
      decide, a "duty does not arise" notice). `plan_maintained`: s.27, s.28: an IDP that body
      maintains now. `cease_decided`: s.32: the school decided to cease the IDP.
    - `school_decision_replaced`: s.26: the LA has answered a s.26 request about this decision,
      so the decision is the LA's now (its answer replaced the school's, EN para 75), even when
      the LA directed the school to prepare the plan and the school acts on the case.
    - `reconsideration_closes_on`: s.32: the last day of the 4-week window (rule
      `cease-reconsideration-request` from the s.31(8)-(9) notifications); None when the
      notifications were not given, so the window has not begun.
    - `has_representative`: a s.83 representative is recorded for the parent or young person
      (not in the brief's list; it mirrors `has_case_friend`).
    - `open_same_route`: a request on this route about the same decision or plan is still open.
    """

    route: Route
    requester: Requester
    learner_is_young_person: bool
    child_lacks_capacity: bool
    capacity_declared_by_tribunal: bool
    has_case_friend: bool
    has_representative: bool
    decided_by: Body | None
    decision_exists: bool
    plan_maintained: bool
    cease_decided: bool
    school_decision_replaced: bool
    received_on: datetime.date
    reconsideration_closes_on: datetime.date | None
    open_same_route: bool


def _acts_for_learner(
    person: str,
    *,
    learner_is_young_person: bool,
    child_lacks_capacity: bool,
    capacity_declared_by_tribunal: bool,
    has_case_friend: bool,
    has_representative: bool,
) -> bool:
    """Whether `person` (a `Requester` or `Appellant` value) may act for the learner.

    - Young persons hold the rights themselves (spec §7): not a parent, a child or a case friend.
      A parent who is the young person's s.83 representative acts as REPRESENTATIVE.
    - A child acts personally unless the child lacks capacity: duties on the child's request
      are disapplied (s.84; EN paras 176-177) unless the Tribunal declared capacity. Otherwise the
      child's rights are exercised by a case friend (s.85; EN para 158).
    - A case friend only for a child, and only when one is recorded (s.85).
    - A representative only when one is recorded (s.83).
    """
    lacks = child_lacks_capacity and not capacity_declared_by_tribunal
    allowed = {
        Requester.YOUNG_PERSON: learner_is_young_person,
        Requester.PARENT: not learner_is_young_person,
        Requester.CHILD: not learner_is_young_person and not lacks,
        Requester.CASE_FRIEND: not learner_is_young_person and has_case_friend,
        Requester.REPRESENTATIVE: has_representative,
        Requester.GOVERNING_BODY: True,  # stands for the school or FEI, not for the learner
    }
    return allowed[Requester(person)]


def _subject_exists(facts: RequestFacts) -> bool:
    if facts.decided_by in (None, Body.NONE):
        return False
    if facts.route is Route.RECONSIDER_ALN:
        return facts.decision_exists
    if facts.route is Route.RECONSIDER_CEASING:
        return facts.cease_decided
    return facts.plan_maintained


def _window_closed(facts: RequestFacts) -> bool:
    if ROUTE_RULES[facts.route].request_window_rule is None:
        return False
    closes_on = facts.reconsideration_closes_on
    return closes_on is not None and facts.received_on > closes_on


def la_reconsiders(
    route: Route, decided_by: Body | None, *, school_decision_replaced: bool
) -> bool:
    """Whether a decision or plan of `decided_by` is one the LA reconsiders on `route`: a
    maintained school's (an FEI's too for a take-over, s.28), and on s.26 only while no LA answer
    to a s.26 request has replaced it (`school_decision_replaced`; EN paras 74-75). Otherwise
    the remedy is an appeal to the Tribunal (s.70; EN para 73; spec §6.1)."""
    if route is Route.RECONSIDER_ALN and school_decision_replaced:
        return False
    return decided_by in ROUTE_RULES[route].about_bodies


def check_request(facts: RequestFacts) -> RequestProblem | None:
    """The first reason the request is not valid on its route, or None. Checked in this order:

    1. NO_STANDING: the requester is not one the route allows (a governing body asks only for a
       take-over, s.28(2)), or may not act for this learner (`_acts_for_learner`: young persons
       hold the rights, spec §7; s.84 child lacking capacity; s.85 case friend; s.83
       representative).
    2. NO_DECISION: there is nothing to challenge: no school decision (s.26), no plan maintained
       now (ss.27, 28), no decision to cease (s.32).
    3. NOT_A_SCHOOL_DECISION: the decision or plan is the LA's or an FEI's (an FEI's plan is
       fine for a take-over, s.28), or, on s.26, the LA's answer to an earlier s.26 request
       replaced the school's decision (`la_reconsiders`). There is no reconsideration of those:
       the remedy is an appeal to the Tribunal (s.70; EN para 73; spec §6.1).
    4. WINDOW_CLOSED: s.32 only, received after the last day of the 4 weeks (Regs reg 12; T7).
       The code alone is returned: the caller shows `facts.reconsideration_closes_on`, the date
       the window closed.
    5. ALREADY_OPEN: a request on this route about the same decision or plan is still open.

    The s.29 exceptions are not refusals here: the LA records one with its reasons
    (`check_exception`).
    """
    rule = ROUTE_RULES[facts.route]
    standing = facts.requester in rule.requesters and _acts_for_learner(
        facts.requester,
        learner_is_young_person=facts.learner_is_young_person,
        child_lacks_capacity=facts.child_lacks_capacity,
        capacity_declared_by_tribunal=facts.capacity_declared_by_tribunal,
        has_case_friend=facts.has_case_friend,
        has_representative=facts.has_representative,
    )
    reconsidered = la_reconsiders(
        facts.route, facts.decided_by, school_decision_replaced=facts.school_decision_replaced
    )
    checks = (
        (not standing, RequestProblem.NO_STANDING),
        (not _subject_exists(facts), RequestProblem.NO_DECISION),
        (not reconsidered, RequestProblem.NOT_A_SCHOOL_DECISION),
        (_window_closed(facts), RequestProblem.WINDOW_CLOSED),
        (facts.open_same_route, RequestProblem.ALREADY_OPEN),
    )
    return next((problem for failed, problem in checks if failed), None)


# --- Exceptions to the LA's duty (s.29) ---------------------------------------------------------


class DutyException(StrEnum):
    """When the LA's duty to answer does not apply (Act s.29; spec §6.1 "Exceptions (s.29)")."""

    PREVIOUSLY_RECONSIDERED_NO_CHANGE = "previously_reconsidered_no_change"
    BECAME_LOOKED_AFTER = "became_looked_after"
    BECAME_DETAINED = "became_detained"


@dataclass(frozen=True, slots=True)
class ExceptionRule:
    source: str
    verified: bool


# UNVERIFIED (spec §6.1): the wording is the draft Code's; the final wording was not seen.
EXCEPTION_RULES: dict[DutyException, ExceptionRule] = {
    DutyException.PREVIOUSLY_RECONSIDERED_NO_CHANGE: ExceptionRule(
        "Act s.29; EN para 74; draft Code (reconsidered before, no material change in needs and "
        "no new information that materially affects the decision); spec §6.1",
        verified=False,
    ),
    DutyException.BECAME_LOOKED_AFTER: ExceptionRule(
        "Act s.29; EN para 74; draft Code (the child has become looked after); spec §6.1",
        verified=False,
    ),
    DutyException.BECAME_DETAINED: ExceptionRule(
        "Act s.29; EN para 74; draft Code (the child has become detained); spec §6.1",
        verified=False,
    ),
}

# UNVERIFIED (spec §6.1): EN para 74 says s.29 covers the s.26 duty "and others". Which others is
# not in the spec: all three exceptions are applied to ss.26, 27 and 28, none to s.32 (its own
# section and reg 12 window).
_EXCEPTIONS_BY_ROUTE: dict[Route, tuple[DutyException, ...]] = {
    Route.RECONSIDER_ALN: tuple(DutyException),
    Route.RECONSIDER_IDP: tuple(DutyException),
    Route.TAKE_OVER_IDP: tuple(DutyException),
    Route.RECONSIDER_CEASING: (),
}


def exceptions_for(route: Route) -> tuple[DutyException, ...]:
    """The s.29 exceptions an LA may record on `route` (mapping UNVERIFIED, spec §6.1)."""
    return _EXCEPTIONS_BY_ROUTE[route]


class ExceptionProblem(StrEnum):
    NOT_FOR_THIS_ROUTE = "disagreement.exception.not_for_this_route"
    REASONS_REQUIRED = "disagreement.exception.reasons_required"


def check_exception(
    route: Route, exception: DutyException, reasons: str
) -> ExceptionProblem | None:
    """An LA recording that an exception applies: one for this route, with its reasons. Nothing
    refuses a request automatically; an officer decides and says why (spec §6.1, s.29)."""
    if exception not in exceptions_for(route):
        return ExceptionProblem.NOT_FOR_THIS_ROUTE
    if not reasons.strip():
        return ExceptionProblem.REASONS_REQUIRED
    return None


# --- What may be done on a request now ----------------------------------------------------------


class RequestError(StrEnum):
    """Why a change to a stored request is refused (besides `RequestProblem`). Stable codes."""

    NOT_YOURS = "disagreement.request.not_yours"
    ONLY_LA_RECORDS = "disagreement.request.only_la_records"
    NOT_OPEN = "disagreement.request.not_open"
    ALREADY_INVITED = "disagreement.request.already_invited"
    NOBODY_TO_INVITE = "disagreement.request.nobody_to_invite"
    NO_EXCEPTIONS = "disagreement.request.no_exceptions"
    CHANGED_BY_SOMEONE_ELSE = "disagreement.request.changed_by_someone_else"
    BEFORE_DECISION = "disagreement.request.before_decision"
    BEFORE_RECEIVED = "disagreement.request.before_received"


class RequestMove(StrEnum):
    """What may be done on a stored request before it closes."""

    INVITE = "invite"  # tell the other side and invite representations (ss.26(3), 27(3), 28(4)-(5))
    REPRESENTATIONS = "representations"  # record the other side's representations
    EXCEPTION = "exception"  # the duty to answer does not apply (s.29)
    WITHDRAW = "withdraw"
    DECIDE = "decide"  # the LA's answer (`check_outcome`)


@dataclass(frozen=True, slots=True)
class MoveFacts:
    """What `check_request_move` needs about a stored request: whether it is still open (not
    answered, not closed by a s.29 exception, not withdrawn), its route, the day the other side
    was invited (None: not yet), and whom the law names to invite
    (`invited_to_make_representations`)."""

    is_open: bool
    route: Route
    invited_on: datetime.date | None
    invitees: frozenset[Requester]


@dataclass(frozen=True, slots=True)
class RequestParts:
    """How a person stands to one request: acting for the LA that must answer (`la`), for the
    school's or FEI's governing body whose decision or plan it is about (`governing_body`), as
    the person who sent it online (`requester`), and as which member of the learner's family
    (`family_as`; None: not family)."""

    la: bool = False
    governing_body: bool = False
    requester: bool = False
    family_as: Requester | None = None


def check_request_move(
    move: RequestMove, facts: MoveFacts, parts: RequestParts
) -> RequestError | None:
    """Why `move` may not be made on the request by someone standing to it as `parts`, or None.

    Nothing is done on a request that is no longer open (NOT_OPEN). The LA that must answer
    does everything (spec §6.1): invites the other side once (ALREADY_INVITED), and only when the
    law names someone (NOBODY_TO_INVITE: nobody on s.32, `invited_to_make_representations`),
    records representations that arrived on paper, records a s.29 exception where the route has
    one (NO_EXCEPTIONS: not on s.32, `exceptions_for`), withdraws a request on the requester's
    word, and answers it. The side invited (the governing body, ss.26(3), 27(3), 28(5); or the
    family when the governing body asked for a take-over, s.28(4)) may record its own
    representations. Whoever sent a request online may withdraw it. Anyone else: NOT_YOURS.
    """
    if not facts.is_open:
        return RequestError.NOT_OPEN
    invited_side = (parts.governing_body and Requester.GOVERNING_BODY in facts.invitees) or (
        parts.family_as is not None and parts.family_as in facts.invitees
    )
    allowed = {
        RequestMove.REPRESENTATIONS: parts.la or invited_side,
        RequestMove.WITHDRAW: parts.la or parts.requester,
    }.get(move, parts.la)
    if not allowed:
        return RequestError.NOT_YOURS
    refusals = {
        RequestMove.INVITE: (
            (not facts.invitees, RequestError.NOBODY_TO_INVITE),
            (facts.invited_on is not None, RequestError.ALREADY_INVITED),
        ),
        RequestMove.EXCEPTION: ((not exceptions_for(facts.route), RequestError.NO_EXCEPTIONS),),
    }
    return next((code for failed, code in refusals.get(move, ()) if failed), None)


def request_moves(facts: MoveFacts, parts: RequestParts) -> frozenset[RequestMove]:
    """The moves to offer the person: exactly those `check_request_move` allows."""
    return frozenset(move for move in RequestMove if check_request_move(move, facts, parts) is None)


# --- Appeals to the Education Tribunal for Wales: what may be appealed --------------------------


class AppealMatter(StrEnum):
    """What an appeal is about (Act s.70; EN paras 156-159; spec §6.1)."""

    HAS_ALN = "has_aln"
    IDP_NOT_NECESSARY = "idp_not_necessary"  # a young person's (s.14(1)(c); Regs reg 10(5))
    DESCRIPTION_OF_NEED = "description_of_need"
    ALP = "alp"  # the ALP in the IDP, or its absence
    WELSH_PROVISION = "welsh_provision"  # whether ALP is to be in Welsh (EN para 27)
    LA_PROVISION = "la_provision"  # s.14(6) / s.19(4) provision, or its absence
    REFUSAL_TO_REVISE = "refusal_to_revise"
    REFUSAL_TO_TAKE_OVER = "refusal_to_take_over"
    CEASE = "cease"


_LA = frozenset({Body.LOCAL_AUTHORITY, Body.LOOKING_AFTER_AUTHORITY})
_LA_OR_FEI = _LA | {Body.FEI}

# Whose decision on each matter is appealable. A school's never is (EN para 73; spec §6.1):
# the challenge goes to the LA first. Only an LA decides necessity (s.14(1)(c)), makes s.14(6) /
# s.19(4) provision and decides a take-over (s.28).
APPEAL_MATTER_BODIES: dict[AppealMatter, frozenset[Body]] = {
    AppealMatter.HAS_ALN: _LA_OR_FEI,
    AppealMatter.IDP_NOT_NECESSARY: _LA,
    AppealMatter.DESCRIPTION_OF_NEED: _LA_OR_FEI,
    AppealMatter.ALP: _LA_OR_FEI,
    AppealMatter.WELSH_PROVISION: _LA_OR_FEI,
    AppealMatter.LA_PROVISION: _LA,
    AppealMatter.REFUSAL_TO_REVISE: _LA_OR_FEI,
    AppealMatter.REFUSAL_TO_TAKE_OVER: _LA,
    AppealMatter.CEASE: _LA_OR_FEI,
}
APPEAL_MATTERS_SOURCE = "Act s.70; EN paras 27, 73, 156-159; Regs reg 10(5); spec §6.1, §6.2"


def appealable(decided_by: Body, matter: AppealMatter) -> bool:
    """Whether a decision on `matter` by `decided_by` can be appealed to the Tribunal (s.70).

    LA (including the LA looking after a child) and FEI decisions only, and only on the matters
    that body decides (`APPEAL_MATTER_BODIES`). A maintained school's decision never is: it is
    reconsidered by the LA first, and the LA's answer is appealable (EN para 73; spec §6.1).
    """
    return decided_by in APPEAL_MATTER_BODIES[matter]


# What the decision in each kind of notice can be appealed on (Act s.70; EN paras 27, 156-159; Regs
# reg 10(5); spec §5, §6.1). A plan's content is its description of needs, its ALP, whether ALP is
# to be in Welsh and, in an LA's plan, s.14(6) / s.19(4) provision; `appealable` narrows it to what
# the deciding body decides. The LA's answers to requests give theirs in `OUTCOME_RULES`.
_PLAN_MATTERS = frozenset(
    {
        AppealMatter.DESCRIPTION_OF_NEED,
        AppealMatter.ALP,
        AppealMatter.WELSH_PROVISION,
        AppealMatter.LA_PROVISION,
    }
)
NOTICE_APPEAL_MATTERS: dict[NoticeKind, frozenset[AppealMatter]] = {
    NoticeKind.HAS_ALN: frozenset({AppealMatter.HAS_ALN}),
    NoticeKind.NO_ALN: frozenset({AppealMatter.HAS_ALN}),
    NoticeKind.DUTY_DOES_NOT_ARISE: frozenset({AppealMatter.HAS_ALN}),
    NoticeKind.IDP_NOT_NECESSARY: frozenset({AppealMatter.IDP_NOT_NECESSARY}),
    NoticeKind.IDP_GIVEN: _PLAN_MATTERS,
    NoticeKind.REVISED_IDP_GIVEN: _PLAN_MATTERS,
    NoticeKind.NO_REVISION: frozenset({AppealMatter.REFUSAL_TO_REVISE}),
    NoticeKind.REVIEW_REFUSED: frozenset({AppealMatter.REFUSAL_TO_REVISE}),
    NoticeKind.CEASE_DECIDED: frozenset({AppealMatter.CEASE}),
}
NOTICE_APPEAL_MATTERS_SOURCE = "Act s.70; EN paras 27, 156-159; Regs reg 10(5); spec §5, §6.1"


def notice_decided_by(
    rights: Iterable[str],
    *,
    answers_request: bool,
    notice_kind: NoticeKind,
    plan_body: str | None,
    case_body: str,
) -> Body:
    """Whose decision a notice gave, from the rights it stated (`notices.notice_rights`).

    No right of appeal: a maintained school's decision (the route is a request to the LA, EN
    para 73), or nobody's when it stated no right at all. With the right of appeal (Act s.70):
    the LA's when it answers a request to the LA (ss.26-28, 32); otherwise the body that
    maintains the plan (`plan_body`, for a notice about a plan) or decides the case
    (`case_body`) when that is an FEI or the LA looking after a child, else the LA (which may
    since have directed the school to prepare the plan, s.14(2)(b): a school named now means
    the LA decided).
    """
    stated = {str(right) for right in rights}
    if Right.APPEAL_TO_TRIBUNAL.value not in stated:
        return Body.SCHOOL if stated else Body.NONE
    if answers_request:
        return Body.LOCAL_AUTHORITY
    body = plan_body if notice_kind in PLAN_KINDS and plan_body else case_body
    if body in (Body.FEI, Body.LOOKING_AFTER_AUTHORITY):
        return Body(body)
    return Body.LOCAL_AUTHORITY


# --- LA outcomes --------------------------------------------------------------------------------


class LaOutcome(StrEnum):
    """How the LA answers a request (spec §5, §6.1)."""

    ALN_DECISION_CONFIRMED = "aln_decision_confirmed"  # s.26: same decision as the school
    ALN_DECISION_CHANGED = "aln_decision_changed"  # s.26: a different decision
    NO_REVISION = "no_revision"  # s.27(4)-(5)
    REVISED_SCHOOL_TO_MAINTAIN = "revised_school_to_maintain"  # s.27(6)-(7)
    REVISED_AND_TAKEN_OVER = "revised_and_taken_over"  # s.27(6), s.28(6)
    TAKEN_OVER = "taken_over"  # s.28
    TAKE_OVER_REFUSED = "take_over_refused"  # s.28(7)
    CEASING_CONFIRMED = "ceasing_confirmed"  # s.32 (powers UNVERIFIED)
    CEASING_REVERSED = "ceasing_reversed"  # s.32 (powers UNVERIFIED)


class OutcomeEffect(StrEnum):
    """What an LA outcome does; the service carries it out."""

    # The LA's decision replaces the school's and is treated as a s.13 decision (s.26; EN 74-75).
    REPLACES_SCHOOL_DECISION = "replaces_school_decision"
    # Has ALN: the s.14 duties follow: the LA prepares the IDP or directs the school to (s.14(2)).
    LA_MUST_PREPARE_OR_DIRECT = "la_must_prepare_or_direct"
    # The LA chose to direct the school to prepare and maintain it (s.14(2)(b)(ii)); the date is
    # the one the direction states (no rule: the spec has none), and the school then owns it.
    DIRECTS_SCHOOL_TO_PREPARE = "directs_school_to_prepare"
    LA_PREPARES_REVISION = "la_prepares_revision"  # s.27(6)
    DIRECTS_SCHOOL_TO_MAINTAIN = "directs_school_to_maintain"  # s.27(7)
    LA_TAKES_OVER = "la_takes_over"  # treated as an LA s.14 plan (s.28)
    # A next review period begins when the notice or plan is given (s.23(5); spec T11).
    STARTS_REVIEW_PERIOD = "starts_review_period"
    PLAN_CONTINUES = "plan_continues"  # s.32: the school's decision to cease does not stand


@dataclass(frozen=True, slots=True)
class OutcomeRule:
    """One LA outcome.

    - `route`: the route it answers. `replaces_school_decision`: the LA's decision takes the
      school's place (s.26).
    - `tells`: who in the family is given the decision (narrowed to the learner, with s.84
      capacity, by `outcome_recipients`); `copy_to_governing_body`: the governing body gets a
      copy (spec §5: s.27(4)-(5), s.28(7); for the rest, because the decision is about its
      decision or plan).
    - `appeal_matters`: what the outcome gives a right of appeal about (empty: nothing adverse
      to appeal). `effects`: always; `effects_if_has_aln`: only when the LA decides ALN (s.26).
    - `verified`: False where the spec marks the LA's powers UNVERIFIED.
    """

    route: Route
    source: str
    replaces_school_decision: bool
    appeal_matters: frozenset[AppealMatter]
    effects: frozenset[OutcomeEffect]
    effects_if_has_aln: frozenset[OutcomeEffect] = field(default_factory=frozenset)
    tells: frozenset[Recipient] = frozenset(
        {Recipient.CHILD, Recipient.PARENT, Recipient.YOUNG_PERSON}
    )
    copy_to_governing_body: bool = True
    verified: bool = True


_S26_EFFECTS = frozenset({OutcomeEffect.REPLACES_SCHOOL_DECISION})
_S26_IF_ALN = frozenset({OutcomeEffect.LA_MUST_PREPARE_OR_DIRECT})
_PLAN_CONTENT = frozenset(
    {AppealMatter.DESCRIPTION_OF_NEED, AppealMatter.ALP, AppealMatter.WELSH_PROVISION}
)

OUTCOME_RULES: dict[LaOutcome, OutcomeRule] = {
    # Either way the LA decides ALN itself and the decision is appealable (s.70: "whether the
    # learner has ALN").
    LaOutcome.ALN_DECISION_CONFIRMED: OutcomeRule(
        Route.RECONSIDER_ALN,
        "Act ss.26, 13, 14(2)(b), 70; EN paras 74-75",
        replaces_school_decision=True,
        appeal_matters=frozenset({AppealMatter.HAS_ALN}),
        effects=_S26_EFFECTS,
        effects_if_has_aln=_S26_IF_ALN,
    ),
    LaOutcome.ALN_DECISION_CHANGED: OutcomeRule(
        Route.RECONSIDER_ALN,
        "Act ss.26, 13, 14(2)(b), 70; EN paras 74-75",
        replaces_school_decision=True,
        appeal_matters=frozenset({AppealMatter.HAS_ALN}),
        effects=_S26_EFFECTS,
        effects_if_has_aln=_S26_IF_ALN,
    ),
    # Notice with reasons, copy to the governing body (s.27(4)-(5)); it starts the next review
    # period (s.23; spec T11 "an LA s.27(4) notice").
    LaOutcome.NO_REVISION: OutcomeRule(
        Route.RECONSIDER_IDP,
        "Act ss.27(4)-(5), 23, 70; spec §5, T11",
        replaces_school_decision=False,
        appeal_matters=frozenset({AppealMatter.REFUSAL_TO_REVISE}),
        effects=frozenset({OutcomeEffect.STARTS_REVIEW_PERIOD}),
    ),
    # The revised plan's content is appealable (s.70: description of ALN, ALP, Welsh).
    LaOutcome.REVISED_SCHOOL_TO_MAINTAIN: OutcomeRule(
        Route.RECONSIDER_IDP,
        "Act ss.27(6)-(7), 23(5), 70; spec §5, T11",
        replaces_school_decision=False,
        appeal_matters=_PLAN_CONTENT,
        effects=frozenset(
            {
                OutcomeEffect.LA_PREPARES_REVISION,
                OutcomeEffect.DIRECTS_SCHOOL_TO_MAINTAIN,
                OutcomeEffect.STARTS_REVIEW_PERIOD,
            }
        ),
    ),
    # The LA's own plan now: its s.14(6) provision (or absence) is appealable too. A revised plan
    # given starts the next review period (s.23(5); T11).
    LaOutcome.REVISED_AND_TAKEN_OVER: OutcomeRule(
        Route.RECONSIDER_IDP,
        "Act ss.27(6), 28(6)-(7), 23(5), 70; spec §5, T11",
        replaces_school_decision=False,
        appeal_matters=_PLAN_CONTENT | {AppealMatter.LA_PROVISION},
        effects=frozenset(
            {
                OutcomeEffect.LA_PREPARES_REVISION,
                OutcomeEffect.LA_TAKES_OVER,
                OutcomeEffect.STARTS_REVIEW_PERIOD,
            }
        ),
    ),
    LaOutcome.TAKEN_OVER: OutcomeRule(
        Route.TAKE_OVER_IDP,
        "Act s.28(3), (7); spec §2.1, §5",
        replaces_school_decision=False,
        appeal_matters=frozenset(),
        effects=frozenset({OutcomeEffect.LA_TAKES_OVER}),
    ),
    LaOutcome.TAKE_OVER_REFUSED: OutcomeRule(
        Route.TAKE_OVER_IDP,
        "Act ss.28(7), 70; spec §5, §6.1",
        replaces_school_decision=False,
        appeal_matters=frozenset({AppealMatter.REFUSAL_TO_TAKE_OVER}),
        effects=frozenset(),
    ),
    # UNVERIFIED (spec §6.1 "Powers detail UNVERIFIED"): two outcomes are modelled. LA
    # reconsideration outcomes are appealable (spec §6.1), so a confirmed cease is (s.70).
    LaOutcome.CEASING_CONFIRMED: OutcomeRule(
        Route.RECONSIDER_CEASING,
        "Act ss.32, 70; Regs reg 12; EN para 90; spec §6.1 (powers UNVERIFIED)",
        replaces_school_decision=False,
        appeal_matters=frozenset({AppealMatter.CEASE}),
        effects=frozenset(),
        verified=False,
    ),
    LaOutcome.CEASING_REVERSED: OutcomeRule(
        Route.RECONSIDER_CEASING,
        "Act s.32; EN para 90; spec §6.1 (powers UNVERIFIED)",
        replaces_school_decision=False,
        appeal_matters=frozenset(),
        effects=frozenset({OutcomeEffect.PLAN_CONTINUES}),
        verified=False,
    ),
}


def outcomes_for(route: Route) -> tuple[LaOutcome, ...]:
    """The answers the LA may give on `route`, in the table's order."""
    return tuple(outcome for outcome, rule in OUTCOME_RULES.items() if rule.route is route)


def outcome_effects(
    outcome: LaOutcome, *, has_aln: bool = False, directs_school: bool = False
) -> frozenset[OutcomeEffect]:
    """What `outcome` does. On s.26, when the LA decides the learner has ALN (`has_aln`), the
    s.14 duties follow, and if the LA chooses to direct the school to prepare the plan
    (`directs_school`, s.14(2)(b)(ii)) that is an effect too. `has_aln` and `directs_school` mean
    nothing on the other routes."""
    rule = OUTCOME_RULES[outcome]
    if not (has_aln and rule.effects_if_has_aln):
        return rule.effects
    effects = rule.effects | rule.effects_if_has_aln
    if directs_school:
        effects |= {OutcomeEffect.DIRECTS_SCHOOL_TO_PREPARE}
    return effects


def outcome_recipients(
    outcome: LaOutcome,
    *,
    is_young_person: bool,
    child_lacks_capacity: bool,
    case_friend_appointed: bool,
) -> tuple[Recipient, ...]:
    """The family members the LA's decision notice goes to (the governing body's copy is
    `OUTCOME_RULES[outcome].copy_to_governing_body`).

    The young person, or the child and the parent, with a case friend when one is appointed and
    without a child who lacks capacity and has none (s.84; `notices.notice_recipients`). These
    routes are about a maintained school's or FEI's decision or plan, which a looked-after child
    does not have (ss.11(5), 19, 31(1)(b)), so no IRO is added.
    """
    family = notice_recipients(
        is_young_person=is_young_person,
        looked_after=False,
        child_lacks_capacity=child_lacks_capacity,
        case_friend_appointed=case_friend_appointed,
    )
    allowed = OUTCOME_RULES[outcome].tells | {Recipient.CASE_FRIEND}
    return tuple(recipient for recipient in family if recipient in allowed)


class OutcomeProblem(StrEnum):
    NOT_FOR_THIS_ROUTE = "disagreement.outcome.not_for_this_route"
    # s.26: the LA decides for itself whether the learner has ALN: it must say which.
    HAS_ALN_REQUIRED = "disagreement.outcome.has_aln_required"
    DIRECTION_NEEDS_ALN = "disagreement.outcome.direction_needs_aln"
    REASONS_REQUIRED = "disagreement.outcome.reasons_required"
    # s.26: "the same decision as the school" must be the school's decision, and "a different
    # decision" must not be.
    NOT_THE_SCHOOLS_DECISION = "disagreement.outcome.not_the_schools_decision"


class OutcomeError(StrEnum):
    """Why an answer cannot be recorded on the request as it stands. Stable codes."""

    NO_PLAN = "disagreement.outcome.no_plan"  # s.27, s.28, s.32: no plan given to be about
    NOTICE_ALREADY_GIVEN = "disagreement.outcome.notice_already_given"


def same_as_school(*, has_aln: bool, school_outcome: Outcome | None) -> bool:
    """s.26: whether the LA's decision (`has_aln`) is the school's own (`school_outcome`, None:
    none recorded). A decision that the duty to decide did not arise is never the same as a
    decision the LA makes on whether the learner has ALN (Act ss.26, 13; EN paras 74-75)."""
    return school_outcome == (Outcome.HAS_ALN if has_aln else Outcome.NO_ALN)


def check_outcome(
    route: Route,
    outcome: LaOutcome,
    *,
    has_aln: bool | None,
    directs_school: bool,
    reasons: str,
    school_outcome: Outcome | None,
) -> OutcomeProblem | None:
    """An LA answer as recorded, or the first problem with it, in this order:

    1. NOT_FOR_THIS_ROUTE: the answer does not answer this route.
    2. HAS_ALN_REQUIRED: on s.26 the LA decides ALN itself (s.26; EN para 75): `has_aln` (None:
       not said) must say whether the learner has ALN.
    3. DIRECTION_NEEDS_ALN: a direction to the school to prepare an IDP only when the LA decided
       the learner has ALN (s.14(2)(b)).
    4. REASONS_REQUIRED: ss.13(3), 27(4), 28(7) ask for decision and reasons; for the rest the
       family is owed them as well.
    5. NOT_THE_SCHOOLS_DECISION: on s.26, "the same decision as the school" when the LA's
       decision is not the school's (`same_as_school`, with `school_outcome`), or "a different
       decision" when it is.
    """
    rule = OUTCOME_RULES[outcome]
    if rule.route is not route:
        return OutcomeProblem.NOT_FOR_THIS_ROUTE
    if rule.effects_if_has_aln and has_aln is None:
        return OutcomeProblem.HAS_ALN_REQUIRED
    if directs_school and not (has_aln and rule.effects_if_has_aln):
        return OutcomeProblem.DIRECTION_NEEDS_ALN
    if not reasons.strip():
        return OutcomeProblem.REASONS_REQUIRED
    if rule.replaces_school_decision:
        confirmed = outcome is LaOutcome.ALN_DECISION_CONFIRMED
        if confirmed is not same_as_school(has_aln=bool(has_aln), school_outcome=school_outcome):
            return OutcomeProblem.NOT_THE_SCHOOLS_DECISION
    return None


# --- Disagreement resolution (s.68) and independent advocacy (s.69) -----------------------------


class SupportKind(StrEnum):
    DISAGREEMENT_RESOLUTION = "disagreement_resolution"  # Act s.68
    ADVOCACY = "advocacy"  # Act s.69


class ResolutionOutcome(StrEnum):
    RESOLVED = "resolved"
    PARTLY_RESOLVED = "partly_resolved"
    NOT_RESOLVED = "not_resolved"
    WITHDRAWN = "withdrawn"


# The LA must take reasonable steps to tell families that s.68 arrangements do not affect their
# rights of appeal (Act s.68(5); spec §5). Notices show it whenever they mention s.68.
RESOLUTION_KEEPS_APPEAL_RIGHTS = True
RESOLUTION_KEEPS_APPEAL_RIGHTS_SOURCE = "Act s.68(5); spec §5"

# Who a referral goes to: one of the LA's arranged providers of the matching service, for
# disagreement resolution (Act s.68) or independent advocacy (s.69); spec §5, §8.
PROVIDER_KIND_FOR: dict[SupportKind, ProviderKind] = {
    SupportKind.DISAGREEMENT_RESOLUTION: ProviderKind.DISAGREEMENT_RESOLUTION,
    SupportKind.ADVOCACY: ProviderKind.INDEPENDENT_ADVOCACY,
}
PROVIDER_KIND_FOR_SOURCE = "Act ss.68, 69; spec §5, §8"


def provider_fits(kind: SupportKind, provider_kind: str) -> bool:
    """Whether a provider of `provider_kind` (a `ProviderKind` value) can take a referral of
    `kind`: a s.68 referral goes to a disagreement resolution provider, a s.69 one to an
    independent advocacy provider (`PROVIDER_KIND_FOR`)."""
    return provider_kind == PROVIDER_KIND_FOR[kind].value


class SupportProblem(StrEnum):
    """Why a referral, or its outcome, cannot be recorded. Stable codes: messages in
    `aln.common.i18n`."""

    NOT_YOURS = "dispute.support.not_yours"
    PROVIDER_REQUIRED = "dispute.support.provider_required"
    PROVIDER_WRONG_KIND = "dispute.support.provider_wrong_kind"
    PROVIDER_NOT_AVAILABLE = "dispute.support.provider_not_available"
    NOT_ABOUT_THIS_LEARNER = "dispute.support.not_about_this_learner"
    OUTCOME_RECORDED = "dispute.support.outcome_recorded"
    CHANGED_BY_SOMEONE_ELSE = "dispute.support.changed_by_someone_else"


# --- Appeal deadline (T14) ----------------------------------------------------------------------

APPEAL_RULE = "etw-appeal"
APPEAL_EXTENDED_RULE = "etw-appeal-extended"
REVIEW_RULE = "etw-review"
assert {APPEAL_RULE, APPEAL_EXTENDED_RULE, REVIEW_RULE} <= set(RULES)  # noqa: S101


def appeal_period_ends_on(notice_given_on: datetime.date) -> datetime.date:
    """The last day of the original appeal period: 8 weeks beginning with the day notice of the
    decision and of the right of appeal was given (ETW Regs reg 10 via Nodi 12.07; spec T14).

    This is the day the period *expires* (at its end), not the day the appeal must be received
    by: `due_date("etw-appeal", ...)` gives that, the first working day after the expiry
    (`DueOn.FIRST_WORKING_DAY_AFTER`). A s.68 referral extends the period only if made before the
    period expires, so it is compared with this day: a referral on a weekend or bank holiday
    after this day, but before the appeal is due, is too late (T14: "before the original period
    expires"). `timelines` does not expose a rule's last day, so it is computed here from the
    rule's own length and start, which are checked.
    """
    rule = get_rule(APPEAL_RULE)
    if rule.unit is not Unit.WEEKS or rule.period_starts is not PeriodStart.SAME_DAY:
        raise ValueError(f"{APPEAL_RULE} is no longer N weeks beginning with the notice date")
    return notice_given_on + datetime.timedelta(weeks=rule.length, days=-1)


def extends_appeal(
    referred_on: datetime.date,
    notice_given_on: datetime.date,
    *,
    kind: SupportKind = SupportKind.DISAGREEMENT_RESOLUTION,
) -> bool:
    """Whether this referral extends the appeal period by 8 weeks (ETW Regs reg 10; spec T14).

    Only a referral of the matter to s.68 disagreement resolution made on or before the last day
    of the original period (`appeal_period_ends_on`); advocacy (s.69) never does. The words are
    "before the original period expires", so a referral made before the notice was given counts
    too; the caller makes sure the referral is about this decision.
    """
    if kind is not SupportKind.DISAGREEMENT_RESOLUTION:
        return False
    return referred_on <= appeal_period_ends_on(notice_given_on)


def appeal_rule(
    notice_given_on: datetime.date, resolution_referred_on: datetime.date | None
) -> str:
    """`etw-appeal`, or `etw-appeal-extended` when the matter was referred to s.68 disagreement
    resolution before the original period expired (ETW Regs reg 10; spec T14)."""
    if resolution_referred_on is not None and extends_appeal(
        resolution_referred_on, notice_given_on
    ):
        return APPEAL_EXTENDED_RULE
    return APPEAL_RULE


def appeal_last_day(
    notice_given_on: datetime.date,
    resolution_referred_on: datetime.date | None,
    calendar: SchoolCalendar | None = None,
) -> datetime.date:
    """The day by which the Tribunal must receive the appeal: the first working day after the
    8 (or 16) weeks expire (ETW Regs reg 10; spec T14). Working days are Monday to Friday except
    bank holidays in Wales; `calendar` is passed to `due_date` and not needed for a weeks rule."""
    rule_id = appeal_rule(notice_given_on, resolution_referred_on)
    return due_date(rule_id, notice_given_on, calendar)


def review_last_day(decision_sent_on: datetime.date) -> datetime.date:
    """The last day to apply for the Tribunal to review its decision: 28 days after the decision
    was sent to the parties (ETW Regs reg 53; spec T15; rule `etw-review`)."""
    return due_date(REVIEW_RULE, decision_sent_on)


# --- Who may appeal, and whether the appeal may go ahead ----------------------------------------


def appeal_matters(
    decided_by: Body, notice_kind: NoticeKind, answer: LaOutcome | None = None
) -> tuple[AppealMatter, ...]:
    """What the decision in a notice can be appealed on, in the order `AppealMatter` lists them:
    the LA's answer's matters when the notice gives one (`OUTCOME_RULES`), else the notice
    kind's (`NOTICE_APPEAL_MATTERS`), narrowed to what `decided_by` decides (`appealable`; Act
    s.70; EN paras 156-159)."""
    if answer is not None:
        wanted = OUTCOME_RULES[answer].appeal_matters
    else:
        wanted = NOTICE_APPEAL_MATTERS.get(notice_kind, frozenset())
    return tuple(m for m in AppealMatter if m in wanted and appealable(decided_by, m))


class Appellant(StrEnum):
    """Who brings the appeal (Act s.70; s.83 representative; s.85 case friend; spec §7)."""

    CHILD = "child"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    CASE_FRIEND = "case_friend"
    REPRESENTATIVE = "representative"


class AppealProblem(StrEnum):
    NOT_APPEALABLE = "appeal.not_appealable"
    NO_STANDING = "appeal.no_standing"
    NO_MATTERS = "appeal.no_matters"
    LATE_NEEDS_PERMISSION = "appeal.late_needs_permission"
    LATE_REFUSED = "appeal.late_refused"


@dataclass(frozen=True, slots=True)
class AppealFacts:
    """What `check_appeal` needs. `last_day` is `appeal_last_day(...)` for the notice.
    `late_permission`: the President's answer on accepting a late appeal (ETW Regs reg 14):
    None not yet decided, True accepted, False refused."""

    decided_by: Body
    matters: frozenset[AppealMatter]
    appellant: Appellant
    learner_is_young_person: bool
    child_lacks_capacity: bool
    capacity_declared_by_tribunal: bool
    has_case_friend: bool
    has_representative: bool
    received_on: datetime.date
    last_day: datetime.date
    late_permission: bool | None = None


def check_appeal(facts: AppealFacts) -> AppealProblem | None:
    """The first reason the appeal cannot go ahead as it stands, or None. In this order:

    1. NOT_APPEALABLE: a school's decision (challenge the LA first, EN para 73), or a chosen
       matter that body does not decide (`appealable`; s.70).
    2. NO_STANDING: as for requests: young persons appeal themselves; a child who lacks capacity
       appeals only through a case friend (s.85; EN para 158) unless the Tribunal declared
       capacity; a representative or case friend only when recorded (ss.83, 85).
    3. NO_MATTERS: no part of the decision is chosen.
    4. Late: received after `last_day`. Not final: the President may accept a late appeal if fair
       and just (ETW Regs reg 14; T14): LATE_NEEDS_PERMISSION until decided, LATE_REFUSED if
       refused, no problem if accepted.
    """
    if facts.decided_by not in _LA_OR_FEI or not all(
        appealable(facts.decided_by, matter) for matter in facts.matters
    ):
        return AppealProblem.NOT_APPEALABLE
    if not _acts_for_learner(
        facts.appellant,
        learner_is_young_person=facts.learner_is_young_person,
        child_lacks_capacity=facts.child_lacks_capacity,
        capacity_declared_by_tribunal=facts.capacity_declared_by_tribunal,
        has_case_friend=facts.has_case_friend,
        has_representative=facts.has_representative,
    ):
        return AppealProblem.NO_STANDING
    if not facts.matters:
        return AppealProblem.NO_MATTERS
    if facts.received_on <= facts.last_day or facts.late_permission is True:
        return None
    if facts.late_permission is None:
        return AppealProblem.LATE_NEEDS_PERMISSION
    return AppealProblem.LATE_REFUSED


# --- An appeal's stages -------------------------------------------------------------------------


class AppealStage(StrEnum):
    LODGED = "lodged"
    LATE_PERMISSION_SOUGHT = "late_permission_sought"  # ETW Regs reg 14
    CASE_STATEMENTS = "case_statements"  # dates as the Tribunal sets them (no rule in the spec)
    HEARING_LISTED = "hearing_listed"  # likewise
    DECIDED = "decided"  # a party may apply for a review within 28 days (reg 53; T15)
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


OPEN_APPEAL_STAGES = frozenset(
    {
        AppealStage.LODGED,
        AppealStage.LATE_PERMISSION_SOUGHT,
        AppealStage.CASE_STATEMENTS,
        AppealStage.HEARING_LISTED,
    }
)


class AppealAction(StrEnum):
    SEEK_LATE_PERMISSION = "seek_late_permission"
    GRANT_LATE_PERMISSION = "grant_late_permission"
    REFUSE_LATE_PERMISSION = "refuse_late_permission"
    REGISTER = "register"  # the Tribunal accepts the appeal; case statements follow
    LIST_HEARING = "list_hearing"
    DECIDE = "decide"
    RECORD_REVIEW_APPLICATION = "record_review_application"  # ETW Regs reg 53
    CLOSE = "close"
    WITHDRAW = "withdraw"


class AppealDecision(StrEnum):
    ALLOWED = "allowed"
    ALLOWED_IN_PART = "allowed_in_part"
    DISMISSED = "dismissed"
    CONCEDED = "conceded"  # the LA concedes before the hearing
    STRUCK_OUT = "struck_out"


# Decisions that can come before a hearing is listed; the rest follow a hearing.
DECISIONS_BEFORE_HEARING = frozenset({AppealDecision.CONCEDED, AppealDecision.STRUCK_OUT})


class AppealMoveError(StrEnum):
    NOT_ALLOWED_NOW = "appeal.not_allowed_now"
    LATE_NEEDS_PERMISSION = "appeal.late_needs_permission"
    NOT_LATE = "appeal.not_late"
    DECISION_REQUIRED = "appeal.decision_required"
    DECISION_NEEDS_HEARING = "appeal.decision_needs_hearing"


class AppealError(StrEnum):
    """Refusals about recording what the Tribunal said (who records it, stale pages, dates out
    of order), not the law of appeals. Stable codes: messages in `aln.common.i18n`."""

    NOT_YOURS = "appeal.not_yours"
    CHANGED_BY_SOMEONE_ELSE = "appeal.changed_by_someone_else"
    WRONG_NOTICE = "appeal.wrong_notice"
    RECEIVED_BEFORE_NOTICE = "appeal.received_before_notice"
    DATE_BEFORE_RECEIVED = "appeal.date_before_received"
    SENT_BEFORE_DECIDED = "appeal.sent_before_decided"
    APPLIED_BEFORE_SENT = "appeal.applied_before_sent"
    CLOSED_BEFORE_DECIDED = "appeal.closed_before_decided"
    ORDER_NOT_ALLOWED = "appeal.order.not_allowed"
    ORDER_BEFORE_DECISION = "appeal.order.before_decision"
    ORDER_ALREADY_COMPLETE = "appeal.order.already_complete"
    ORDER_CHANGED_BY_SOMEONE_ELSE = "appeal.order.changed_by_someone_else"
    COMPLETED_BEFORE_ORDER = "appeal.order.completed_before_order"
    OWNER_NOT_ALLOWED = "appeal.order.owner_not_allowed"


@dataclass(frozen=True, slots=True)
class AppealState:
    """What the appeal table needs: the stage, whether the appeal was received late, and the
    President's answer on a late appeal (None: not asked or not yet decided)."""

    stage: AppealStage
    lodged_late: bool = False
    late_permission: bool | None = None


@dataclass(frozen=True, slots=True)
class AppealTransition:
    source: AppealStage
    action: AppealAction
    target: AppealStage
    event: str  # the audit event type
    when: str = ""  # a condition name in `_APPEAL_CONDITIONS`; rows for a pair tried in order


_OPEN_IN_ORDER = tuple(stage for stage in AppealStage if stage in OPEN_APPEAL_STAGES)

APPEAL_TRANSITIONS: tuple[AppealTransition, ...] = (
    # A late appeal waits for the President's permission (ETW Regs reg 14; T14).
    AppealTransition(
        AppealStage.LODGED,
        AppealAction.SEEK_LATE_PERMISSION,
        AppealStage.LATE_PERMISSION_SOUGHT,
        "appeal.late_permission_sought",
        when="late_undecided",
    ),
    AppealTransition(
        AppealStage.LATE_PERMISSION_SOUGHT,
        AppealAction.GRANT_LATE_PERMISSION,
        AppealStage.LODGED,
        "appeal.late_permission_granted",
    ),
    AppealTransition(
        AppealStage.LATE_PERMISSION_SOUGHT,
        AppealAction.REFUSE_LATE_PERMISSION,
        AppealStage.CLOSED,
        "appeal.late_permission_refused",
    ),
    AppealTransition(
        AppealStage.LODGED,
        AppealAction.REGISTER,
        AppealStage.CASE_STATEMENTS,
        "appeal.registered",
        when="in_time",
    ),
    AppealTransition(
        AppealStage.CASE_STATEMENTS,
        AppealAction.LIST_HEARING,
        AppealStage.HEARING_LISTED,
        "appeal.hearing_listed",
    ),
    AppealTransition(
        AppealStage.CASE_STATEMENTS,
        AppealAction.DECIDE,
        AppealStage.DECIDED,
        "appeal.decided",
        when="decided_before_hearing",
    ),
    AppealTransition(
        AppealStage.HEARING_LISTED,
        AppealAction.DECIDE,
        AppealStage.DECIDED,
        "appeal.decided",
        when="decided",
    ),
    AppealTransition(
        AppealStage.DECIDED,
        AppealAction.RECORD_REVIEW_APPLICATION,
        AppealStage.DECIDED,
        "appeal.review_applied_for",
    ),
    AppealTransition(AppealStage.DECIDED, AppealAction.CLOSE, AppealStage.CLOSED, "appeal.closed"),
    *(
        AppealTransition(stage, AppealAction.WITHDRAW, AppealStage.WITHDRAWN, "appeal.withdrawn")
        for stage in _OPEN_IN_ORDER
    ),
)

_APPEAL_CONDITIONS: dict[str, Callable[[AppealState, AppealDecision | None], bool]] = {
    "": lambda state, decision: True,
    "late_undecided": lambda state, decision: state.lodged_late and state.late_permission is None,
    "in_time": lambda state, decision: not state.lodged_late or state.late_permission is True,
    "decided_before_hearing": lambda state, decision: decision in DECISIONS_BEFORE_HEARING,
    "decided": lambda state, decision: decision is not None,
}


def _condition_error(
    condition: str, state: AppealState, decision: AppealDecision | None
) -> AppealMoveError:
    if condition == "in_time":
        return AppealMoveError.LATE_NEEDS_PERMISSION
    if condition == "late_undecided":
        return (
            AppealMoveError.NOT_LATE if not state.lodged_late else AppealMoveError.NOT_ALLOWED_NOW
        )
    if decision is None:
        return AppealMoveError.DECISION_REQUIRED
    return AppealMoveError.DECISION_NEEDS_HEARING


@dataclass(frozen=True, slots=True)
class AppealMove:
    """A move that may be made (`transition`), or why not (`error`)."""

    transition: AppealTransition | None
    error: AppealMoveError | None = None

    @property
    def allowed(self) -> bool:
        return self.error is None


def appeal_move(
    state: AppealState, action: AppealAction, *, decision: AppealDecision | None = None
) -> AppealMove:
    """Whether `action` may be taken on an appeal in `state`, and which transition applies.

    A late appeal is registered only once the President accepts it (ETW Regs reg 14); a
    concession or strike-out can end it before a hearing, any other decision follows one; it
    can be withdrawn at any open stage. After the decision a review application may be recorded
    (ETW Regs reg 53; `review_last_day`). Case statement and hearing dates are the Tribunal's.
    """
    rows = [t for t in APPEAL_TRANSITIONS if t.source is state.stage and t.action is action]
    if not rows:
        return AppealMove(None, AppealMoveError.NOT_ALLOWED_NOW)
    for row in rows:
        if _APPEAL_CONDITIONS[row.when](state, decision):
            return AppealMove(row)
    return AppealMove(None, _condition_error(rows[-1].when, state, decision))


# --- Tribunal orders ----------------------------------------------------------------------------


class OrderKind(StrEnum):
    """What the Tribunal orders the LA or FEI to do (Act s.70; spec §6.1)."""

    REVISE_IDP = "revise_idp"
    PREPARE_IDP = "prepare_idp"
    MAINTAIN_IDP = "maintain_idp"
    AMEND_DESCRIPTION_OF_NEED = "amend_description_of_need"
    AMEND_ALP = "amend_alp"
    SPECIFY_WELSH_PROVISION = "specify_welsh_provision"
    TAKE_OVER_IDP = "take_over_idp"
    CONTINUE_IDP = "continue_idp"  # a decision to cease is overturned
    OTHER = "other"


# UNVERIFIED (spec T20): the time to comply with an ETW order under the ALN regime was not found;
# the old SENTW Regs 2012 reg 61 5-week and 2-week limits are NOT the ALN rules. The due date is
# the one the Tribunal's order states; no timeline rule exists for it.
ORDER_COMPLIANCE_RULE_VERIFIED = False

# An ETW order to revise the plan before the review period ends counts as that period's review
# (Act s.23(6); spec T11).
ORDER_COUNTS_AS_REVIEW = frozenset({OrderKind.REVISE_IDP})
ORDER_COUNTS_AS_REVIEW_SOURCE = "Act s.23(6); spec T11"

# The Tribunal's decisions that lead to orders: it allowed the appeal (in whole or in part), or the
# LA conceded. A dismissed or struck-out appeal orders nothing (Act s.70; spec §6.1).
ORDERING_DECISIONS = frozenset(
    {AppealDecision.ALLOWED, AppealDecision.ALLOWED_IN_PART, AppealDecision.CONCEDED}
)


def orders_may_be_recorded(stage: AppealStage, decision: AppealDecision | None) -> bool:
    """Orders follow a decision that allowed the appeal, or the LA's concession
    (`ORDERING_DECISIONS`; Act s.70), while the appeal is decided and not yet closed."""
    return stage is AppealStage.DECIDED and decision in ORDERING_DECISIONS


class OrderProblem(StrEnum):
    COMPLY_BY_REQUIRED = "appeal.order.comply_by_required"
    COMPLY_BY_BEFORE_ORDER = "appeal.order.comply_by_before_order"


def check_order(*, made_on: datetime.date, comply_by: datetime.date | None) -> OrderProblem | None:
    """A Tribunal order as recorded: the date to comply by is the one the order states (spec T20:
    no statutory figure to compute it from), and it cannot be before the order was made."""
    if comply_by is None:
        return OrderProblem.COMPLY_BY_REQUIRED
    if comply_by < made_on:
        return OrderProblem.COMPLY_BY_BEFORE_ORDER
    return None


# --- Capacity and case friends (ss.83-85) -------------------------------------------------------


class CapacityAssessor(StrEnum):
    """Who formed a view on whether a child has capacity (s.84; EN paras 176-178)."""

    SCHOOL = "school"
    FEI = "fei"
    LOCAL_AUTHORITY = "local_authority"
    NHS_BODY = "nhs_body"
    TRIBUNAL = "tribunal"  # a declaration (s.70(3)/s.71)


def capacity_assessors_for(
    *, decides_for_la: bool, decides_at_setting: SettingKind | None
) -> tuple[CapacityAssessor, ...]:
    """The views on a child's capacity an actor may record (Act s.84; EN paras 176-178).

    - `decides_for_la`: the actor decides for an LA that stands to the learner. The LA records
      every view: its own, one a school, college or NHS body formed, and the Tribunal's
      declaration, as it is told of them.
    - `decides_at_setting`: the kind of setting the child attends where the actor decides
      (ALNCo, headteacher, FEI ALN lead), or None. That governing body records only its own
      view: the college's at an FEI, the school's anywhere else.
    - Anyone else records none.
    """
    if decides_for_la:
        return tuple(CapacityAssessor)
    if decides_at_setting is None:
        return ()
    if decides_at_setting is SettingKind.FEI:
        return (CapacityAssessor.FEI,)
    return (CapacityAssessor.SCHOOL,)


class CapacityProblem(StrEnum):
    """Why a view on capacity cannot be recorded. Stable codes: messages in `aln.common.i18n`."""

    NOT_YOURS = "dispute.capacity.not_yours"
    ASSESSOR_NOT_YOURS = "dispute.capacity.assessor_not_yours"
    ONLY_FOR_A_CHILD = "dispute.capacity.only_for_a_child"


class ActingForProblem(StrEnum):
    """Why a case friend or representative cannot be recorded or ended."""

    NOT_YOURS = "dispute.acting_for.not_yours"
    CASE_FRIEND_ONLY_FOR_A_CHILD = "dispute.acting_for.case_friend_only_for_a_child"
    CASE_FRIEND_ALREADY = "dispute.acting_for.case_friend_already"
    ALREADY_ENDED = "dispute.acting_for.already_ended"
    CHANGED_BY_SOMEONE_ELSE = "dispute.acting_for.changed_by_someone_else"


@dataclass(frozen=True, slots=True)
class CapacityView:
    assessor: CapacityAssessor
    lacks_capacity: bool
    on: datetime.date


# Standing of each view: the Tribunal's declaration prevails over everything; the LA's view over
# a school's (EN para 178, where the LA has informed the governing body). EN para 178 ranks only
# the LA and the school: putting an FEI and an NHS body level with the school is UNVERIFIED.
CAPACITY_STANDING: dict[CapacityAssessor, int] = {
    CapacityAssessor.SCHOOL: 1,
    CapacityAssessor.FEI: 1,
    CapacityAssessor.NHS_BODY: 1,
    CapacityAssessor.LOCAL_AUTHORITY: 2,
    CapacityAssessor.TRIBUNAL: 3,
}


def prevailing_view_index(views: Sequence[CapacityView]) -> int | None:
    """The position in `views` of the view that prevails (None: no view recorded), so pages can
    say whose view it is. The Tribunal's declaration prevails over every other view, the LA's
    over a school's (Act s.84; EN paras 176-178); among views of equal standing the latest wins,
    and on the same day the one later in `views`."""
    if not views:
        return None
    return max(
        range(len(views)), key=lambda i: (CAPACITY_STANDING[views[i].assessor], views[i].on, i)
    )


def capacity_view(views: Iterable[CapacityView]) -> bool | None:
    """Whether the child lacks capacity, by the view that prevails (`prevailing_view_index`;
    None: no view recorded)."""
    listed = list(views)
    index = prevailing_view_index(listed)
    return None if index is None else listed[index].lacks_capacity


def check_capacity_view(*, is_child: bool) -> CapacityProblem | None:
    """A view on capacity under s.84 is about a child only: a young person's own capacity is a
    matter for the Mental Capacity Act 2005, and a s.83 representative acts for them (Act ss.83,
    84; EN paras 176-177; spec §7)."""
    return None if is_child else CapacityProblem.ONLY_FOR_A_CHILD


def check_case_friend(*, is_child: bool, case_friend_acting: bool) -> ActingForProblem | None:
    """A case friend is appointed by the Tribunal for a child lacking capacity only (a young
    person holds the rights themselves: Act s.85; EN para 158; spec §7). One at a time is this
    service's rule, not the Act's: the one acting is ended first, so notices and requests go
    through one person."""
    if not is_child:
        return ActingForProblem.CASE_FRIEND_ONLY_FOR_A_CHILD
    if case_friend_acting:
        return ActingForProblem.CASE_FRIEND_ALREADY
    return None


def child_is_notified(lacks_capacity: bool, has_case_friend: bool, declared_capacity: bool) -> bool:
    """Whether duties to notify or inform the child apply: not for a child who lacks capacity,
    unless a case friend is appointed or the Tribunal declared the child has capacity (Act s.84;
    EN para 176; spec §5, §7)."""
    return not lacks_capacity or has_case_friend or declared_capacity


def notice_goes_to_case_friend(*, is_young_person: bool, has_case_friend: bool) -> bool:
    """Whether a notice also goes to the child's case friend: whenever one is appointed, since
    the case friend exercises the child's rights (Act s.85; EN para 158). Young persons have no
    case friend; a s.83 representative acts for them instead."""
    return not is_young_person and has_case_friend

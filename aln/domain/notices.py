"""Statutory notices: which notice, to whom, and which right of challenge it must state.

A decision about a learner's additional learning needs is not complete until the people it is about
have been told, in writing, with reasons (Act ss.11(4), 13(3), 18(3); ALN (Wales) Regs 2021
reg 10(2), (5); spec §5). The notice must also say how to challenge the decision: a school's
decision is reconsidered by the local authority (Act s.26); a local authority's or further
education institution's decision is appealed to the Education Tribunal for Wales (Act s.70).

The interface layer turns these codes into words in the recipient's language; this module only
decides.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from aln.domain.cases import APPEAL_RULE
from aln.domain.plans import CEASE_RECONSIDERATION_RULE


class NoticeKind(StrEnum):
    """What the notice tells the family (spec §5)."""

    # The learner has ALN: an IDP will be given by a date (Act ss.11(1), 12, 13(1), 14, 22).
    HAS_ALN = "has_aln"
    # The learner does not have ALN (Act s.11(4) school or FEI, s.13(3) LA, s.18(3) LA that looks
    # after the child).
    NO_ALN = "no_aln"
    # The duty to decide does not arise, with the exception that applies (Act ss.11(3), 13(2),
    # 18(2); spec §2.3): the notice is the reasoned "refusal to decide".
    DUTY_DOES_NOT_ARISE = "duty_does_not_arise"
    # A young person outside school and FEI has ALN but an IDP is not necessary to meet their
    # reasonable needs for education or training (Act s.14(1)(c); Regs reg 10(2), (5)).
    IDP_NOT_NECESSARY = "idp_not_necessary"
    # About an IDP once it exists (spec §5, §6.2, §6.3):
    # a copy of the plan, first given (Act s.22(1), (3));
    IDP_GIVEN = "idp_given"
    # a copy of a revised plan (s.23(11));
    REVISED_IDP_GIVEN = "revised_idp_given"
    # a review decided not to revise the plan: decision and reasons (s.23(10));
    NO_REVISION = "no_revision"
    # a requested review refused as unnecessary, with reasons (spec §5; content UNVERIFIED, T13);
    REVIEW_REFUSED = "review_refused"
    # the proposed decision to cease the plan (s.31; EN para 90);
    CEASE_PROPOSED = "cease_proposed"
    # the decision to cease it, with reasons (s.31; EN para 90; Regs reg 12);
    CEASE_DECIDED = "cease_decided"
    # a new body has become responsible for maintaining the plan (s.22(2); s.35).
    RESPONSIBILITY_CHANGED = "responsibility_changed"
    # The LA's answers to a request about a school's (or FEI's) plan (spec §5, §6.1), which it
    # gives with a copy to the governing body. (Its s.26 decision is a HAS_ALN or NO_ALN notice,
    # its s.27(4) refusal to revise a NO_REVISION notice, given by the LA.)
    # the LA takes the plan over: decision and reasons, and that it is now responsible (s.28(3),
    # (6), (7); s.22(2));
    TAKE_OVER_AGREED = "take_over_agreed"
    # the LA refuses to take it over: decision and reasons (s.28(7)); appealable (s.70);
    TAKE_OVER_REFUSED = "take_over_refused"
    # the LA will revise the plan itself, and either direct the governing body to maintain it or
    # take it over (s.27(6)-(7), s.28(6)); the revised plan follows with its own notice;
    REVISION_DECIDED = "revision_decided"
    # the LA reconsidered a school's decision to cease the plan and the decision stands
    # (s.32; powers UNVERIFIED, spec §6.1); appealable (s.70: "decisions to cease");
    CEASE_CONFIRMED = "cease_confirmed"
    # ...or the decision to cease does not stand and the plan is maintained again (s.32);
    CEASE_REVERSED = "cease_reversed"
    # the LA's duty to answer a request does not apply (s.29; exceptions UNVERIFIED): the
    # reasons it will not reconsider.
    REQUEST_EXCEPTION = "request_exception"


# The notices that give a decision whether the learner has ALN (or needs an IDP); the rest are
# about a plan that exists.
DECISION_KINDS = frozenset(
    {
        NoticeKind.HAS_ALN,
        NoticeKind.NO_ALN,
        NoticeKind.DUTY_DOES_NOT_ARISE,
        NoticeKind.IDP_NOT_NECESSARY,
    }
)
# The LA's answers to requests about a school's or FEI's plan, and its s.29 letter: only an LA
# gives them (spec §5, §6.1).
LA_ANSWER_KINDS = frozenset(
    {
        NoticeKind.TAKE_OVER_AGREED,
        NoticeKind.TAKE_OVER_REFUSED,
        NoticeKind.REVISION_DECIDED,
        NoticeKind.CEASE_CONFIRMED,
        NoticeKind.CEASE_REVERSED,
        NoticeKind.REQUEST_EXCEPTION,
    }
)
PLAN_KINDS = frozenset(NoticeKind) - DECISION_KINDS - LA_ANSWER_KINDS


class Recipient(StrEnum):
    """Who a notice is given to (spec §5, §7)."""

    CHILD = "child"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    INDEPENDENT_REVIEWING_OFFICER = "independent_reviewing_officer"
    CASE_FRIEND = "case_friend"


def notice_recipients(
    *,
    is_young_person: bool,
    looked_after: bool,
    child_lacks_capacity: bool,
    case_friend_appointed: bool,
    kind: NoticeKind | None = None,
) -> tuple[Recipient, ...]:
    """Everyone a decision notice must be given to, in the order the letter names them.

    - A young person (over compulsory school age, under 25) holds the rights themselves and is
      the only recipient (Act ss.11(4), 13(3), 99; spec §7). `looked_after`,
      `child_lacks_capacity` and `case_friend_appointed` are about children and do not apply.
    - A child and the child's parent (Act ss.11(4), 13(3)).
    - Except that duties to notify a child who lacks capacity do not apply unless a case friend
      has been appointed (Act s.84; EN para 176). The case friend, appointed by the Tribunal to
      exercise the child's rights (Act s.85), receives the notice too whenever one is appointed.
    - A looked-after child's independent reviewing officer as well (Act s.18(3); s.22(3) for the
      IDP), for the notices whose source names the IRO (`NOTICE_RULES[kind].tells_iro`; every
      decision notice when `kind` is not given).
    """
    if is_young_person:
        return (Recipient.YOUNG_PERSON,)
    recipients: list[Recipient] = []
    if not child_lacks_capacity or case_friend_appointed:
        recipients.append(Recipient.CHILD)
    recipients.append(Recipient.PARENT)
    if case_friend_appointed:
        recipients.append(Recipient.CASE_FRIEND)
    if looked_after and (kind is None or NOTICE_RULES[kind].tells_iro):
        recipients.append(Recipient.INDEPENDENT_REVIEWING_OFFICER)
    return tuple(recipients)


class Right(StrEnum):
    """How the people told about a decision can challenge it (spec §6.1)."""

    # Ask the LA to reconsider a school's decision whether the child has ALN, or its refusal to
    # decide (Act s.26; EN paras 74-75). There is no appeal against a school (EN para 73).
    ASK_LA_TO_RECONSIDER = "ask_la_to_reconsider"
    # Appeal to the Education Tribunal for Wales against an LA's or FEI's decision (Act s.70),
    # including an LA decision that a young person's IDP is not necessary (Regs reg 10(5)), the
    # content of an IDP it gives, a refusal to revise one and a decision to cease one (spec §6.1).
    APPEAL_TO_TRIBUNAL = "appeal_to_tribunal"
    # Ask the LA to reconsider a school's IDP with a view to revising it (Act s.27; spec §6.1).
    ASK_LA_TO_RECONSIDER_IDP = "ask_la_to_reconsider_idp"
    # Ask the LA to reconsider a school's decision to cease the IDP, within 4 weeks of the notice
    # (Act s.32; Regs reg 12; spec T7).
    ASK_LA_TO_RECONSIDER_CEASING = "ask_la_to_reconsider_ceasing"


# The clock that gives the last day for using a right, by right (none: no statutory window).
# ETW Regs reg 10 (spec T14) for an appeal; Regs reg 12 (spec T7) for the s.32 request.
RIGHT_LAST_DAY_RULES: dict[Right, str] = {
    Right.APPEAL_TO_TRIBUNAL: APPEAL_RULE,
    Right.ASK_LA_TO_RECONSIDER_CEASING: CEASE_RECONSIDERATION_RULE,
}


def last_day_rule(right: Right) -> str | None:
    """The timeline rule whose due date is the last day for using `right`, or None."""
    return RIGHT_LAST_DAY_RULES.get(right)


_RECONSIDER = frozenset({Right.ASK_LA_TO_RECONSIDER})
_RECONSIDER_IDP = frozenset({Right.ASK_LA_TO_RECONSIDER_IDP})
_RECONSIDER_CEASING = frozenset({Right.ASK_LA_TO_RECONSIDER_CEASING})
_APPEAL = frozenset({Right.APPEAL_TO_TRIBUNAL})
_NONE: frozenset[Right] = frozenset()


@dataclass(frozen=True, slots=True)
class NoticeRule:
    """What one kind of notice must carry (spec §5).

    - `school_rights`: the challenge stated when a maintained school's governing body gives it
      (None: a school never gives this notice); `other_rights`: when an LA or FEI gives it.
    - `reasons_required`: the source asks for the decision *and* its reasons.
    - `tells_iro`: a looked-after child's independent reviewing officer is given it too.
    """

    source: str
    school_rights: frozenset[Right] | None
    other_rights: frozenset[Right]
    reasons_required: bool = True
    tells_iro: bool = True


NOTICE_RULES: dict[NoticeKind, NoticeRule] = {
    NoticeKind.HAS_ALN: NoticeRule("Act ss.11(4), 13(3), 18(3), 26, 70", _RECONSIDER, _APPEAL),
    NoticeKind.NO_ALN: NoticeRule("Act ss.11(4), 13(3), 18(3), 26, 70", _RECONSIDER, _APPEAL),
    # Whether every "duty does not arise" notice is appealable is not settled (spec §2.3, §6.1):
    # the notice states the same route as a decision, never less than the family is owed.
    NoticeKind.DUTY_DOES_NOT_ARISE: NoticeRule(
        "Act ss.11(3), 13(2), 18(2), 26, 70", _RECONSIDER, _APPEAL
    ),
    # Only an LA decides whether an IDP is necessary (s.14(1)(c); Regs reg 10(2), (5)).
    NoticeKind.IDP_NOT_NECESSARY: NoticeRule("Regs reg 10(2), (5); Act s.70", None, _APPEAL),
    # The plan's content is appealable when an LA or FEI gives it (s.70; 2B.2, 2B.3, 2B.5, 2B.6
    # per Nodi 07.08); a school's plan is reconsidered by the LA (s.27). A copy of a plan needs no
    # reasons (s.22(1), (3)); a revised one goes to the IRO as well (s.23(11)).
    NoticeKind.IDP_GIVEN: NoticeRule(
        "Act ss.22(1), (3), 27, 70", _RECONSIDER_IDP, _APPEAL, reasons_required=False
    ),
    NoticeKind.REVISED_IDP_GIVEN: NoticeRule(
        "Act ss.23(11), 27, 70", _RECONSIDER_IDP, _APPEAL, reasons_required=False
    ),
    # Decision and reasons to the child or young person and the parent (s.23(10)); the source
    # names no IRO. A school's refusal to revise goes to the LA (s.27); an LA's or FEI's is
    # appealable (s.70: "refusal to revise").
    NoticeKind.NO_REVISION: NoticeRule(
        "Act ss.23(10), 27, 70", _RECONSIDER_IDP, _APPEAL, tells_iro=False
    ),
    # Refusing a requested review as unnecessary (spec §5, T13: content UNVERIFIED): the notice
    # states the route a decision not to revise has, which is never less than the family is owed.
    NoticeKind.REVIEW_REFUSED: NoticeRule(
        "Act ss.23(10), 27, 70 (SNAP Cymru, secondary)",
        _RECONSIDER_IDP,
        _APPEAL,
        tells_iro=False,
    ),
    # A proposal is not yet a decision: it can be answered, not challenged (s.31; EN para 90).
    NoticeKind.CEASE_PROPOSED: NoticeRule("Act s.31; EN para 90", _NONE, _NONE),
    # A school's decision: the request to the LA within 4 weeks (s.32; reg 12). An LA's or FEI's:
    # appeal (s.70: "decisions to cease").
    NoticeKind.CEASE_DECIDED: NoticeRule(
        "Act ss.31, 32, 70; EN para 90; Regs reg 12", _RECONSIDER_CEASING, _APPEAL
    ),
    # The new body tells the child or young person and the parent that it is responsible
    # (s.22(2)): information, not a decision.
    NoticeKind.RESPONSIBILITY_CHANGED: NoticeRule(
        "Act s.22(2); s.35", _NONE, _NONE, reasons_required=False, tells_iro=False
    ),
    # Only an LA gives these (school_rights None), to the child or young person and the parent
    # with a copy to the governing body (ss.27(4)-(5), 28(7)); a school's or FEI's plan is never
    # a looked-after child's (ss.11(5), 19), so no IRO. What each answer gives a right of appeal
    # about is `aln.domain.disagreements.OUTCOME_RULES[...].appeal_matters`.
    NoticeKind.TAKE_OVER_AGREED: NoticeRule(
        "Act ss.28(3), (6), (7), 22(2)", None, _NONE, tells_iro=False
    ),
    NoticeKind.TAKE_OVER_REFUSED: NoticeRule("Act ss.28(7), 70", None, _APPEAL, tells_iro=False),
    # The revised plan's content is appealable once it is given (REVISED_IDP_GIVEN, s.70).
    NoticeKind.REVISION_DECIDED: NoticeRule(
        "Act ss.27(6)-(7), 28(6)-(7)", None, _NONE, tells_iro=False
    ),
    NoticeKind.CEASE_CONFIRMED: NoticeRule(
        "Act ss.32, 70; spec §6.1 (powers UNVERIFIED)", None, _APPEAL, tells_iro=False
    ),
    NoticeKind.CEASE_REVERSED: NoticeRule(
        "Act s.32; spec §6.1 (powers UNVERIFIED)", None, _NONE, tells_iro=False
    ),
    # The spec names no right against an s.29 exception: none is stated.
    NoticeKind.REQUEST_EXCEPTION: NoticeRule(
        "Act s.29; EN para 74; spec §6.1 (exceptions UNVERIFIED)", None, _NONE, tells_iro=False
    ),
}


def notice_rights(*, decided_by_school: bool, kind: NoticeKind) -> frozenset[Right]:
    """The right of challenge a notice must state (spec §5; the table `NOTICE_RULES`).

    A maintained school's governing body decides under Act s.11: its decisions (has ALN, no ALN,
    or the reasoned refusal to decide) are reconsidered by the LA on request (s.26), and the
    notice must say so. Decisions of an LA (ss.13, 18) or an FEI (s.11) are appealable to the
    Education Tribunal for Wales (s.70; T14: within 8 weeks of the notice). Only an LA decides
    whether an IDP is necessary (s.14(1)(c); Regs reg 10), so `IDP_NOT_NECESSARY` with
    `decided_by_school` is refused with ValueError.

    Whether every "duty does not arise" notice is appealable is not settled by the sources we
    have (spec §2.3, §6.1); the notice states the same route as a decision, which is never less
    than the family is owed.

    For notices about a plan, `decided_by_school` means the plan is maintained by a maintained
    school's governing body: its plan, refusal to revise, and decision to cease go to the LA
    (ss.27, 32); an LA's or FEI's are appealable (s.70). A proposal to cease and a change of
    responsible body state no right (empty set).
    """
    rule = NOTICE_RULES[kind]
    if not decided_by_school:
        return rule.other_rights
    if rule.school_rights is None:
        raise ValueError(f"Only a local authority gives this notice: {kind}")
    return rule.school_rights


class NoticeLanguage(StrEnum):
    """The language a notice is written in: the family's preferred one, or both (spec §9).

    A bilingual notice gives the Welsh text first, then the English, in one document (Welsh
    Language Standards: Welsh is not treated less favourably than English).
    """

    EN = "en"
    CY = "cy"
    BILINGUAL = "bilingual"


class DeliveryMethod(StrEnum):
    """How a notice was given (Act s.88; Regs regs 3-4; spec T19).

    Email counts as given the day it is sent unless the contrary is proved (s.88(6)); post when it
    would normally arrive; by hand the day it is left (Interpretation Act 1978 s.7).
    """

    EMAIL = "email"
    POST = "post"
    BY_HAND = "by_hand"


class ProviderKind(StrEnum):
    """The services an LA must arrange, which every notice tells the family about (spec §8)."""

    INFORMATION_AND_ADVICE = "information_and_advice"  # Act s.9
    DISAGREEMENT_RESOLUTION = "disagreement_resolution"  # Act s.68
    INDEPENDENT_ADVOCACY = "independent_advocacy"  # Act s.69


class NoticeError(StrEnum):
    """Why a notice cannot be given as it stands (the interface turns codes into words)."""

    REASONS_REQUIRED = "notice_reasons_required"  # Act ss.11(4), 13(3): decision AND reasons
    NO_RECIPIENTS = "notice_no_recipients"
    NO_ADDRESSEE = "notice_no_addressee"
    GIVEN_BEFORE_DECISION = "notice_given_before_decision"
    APPEAL_LAST_DAY_REQUIRED = "notice_appeal_last_day_required"
    APPEAL_LAST_DAY_BEFORE_GIVEN = "notice_appeal_last_day_before_given"
    IDP_DUE_DATE_REQUIRED = "notice_idp_due_date_required"
    EMAIL_ADDRESS_REQUIRED = "notice_email_address_required"
    RIGHTS_DO_NOT_MATCH = "notice_rights_do_not_match"
    RECONSIDERATION_LAST_DAY_REQUIRED = "notice_reconsideration_last_day_required"
    RECONSIDERATION_LAST_DAY_BEFORE_GIVEN = "notice_reconsideration_last_day_before_given"


def notice_problem(  # noqa: PLR0911 (one return per rule reads like the checklist)
    *,
    kind: NoticeKind,
    decided_by_school: bool,
    rights: frozenset[Right],
    reasons: str,
    recipients: tuple[Recipient, ...],
    addressee_count: int,
    decided_on: datetime.date,
    given_on: datetime.date,
    appeal_last_day: datetime.date | None,
    idp_due_on: datetime.date | None,
    method: DeliveryMethod,
    email_count: int,
    reconsideration_last_day: datetime.date | None = None,
) -> NoticeError | None:
    """The first thing that stops this notice being given lawfully, or None (spec §5).

    - Every notice states the decision and the reasons for it (Act ss.11(4), 13(3), 18(3);
      Regs reg 10(2)), to at least one person, by name; a copy of a plan and a change of
      responsible body need no reasons (`NOTICE_RULES[kind].reasons_required`).
    - It cannot be given before the decision was made.
    - It states the right of challenge `notice_rights` gives, and a notice that tells of the
      right of appeal gives the last day for appealing (ETW Regs 2021 reg 10; spec T14), which
      cannot be before the notice is given; one that tells of the right to ask the LA to
      reconsider ceasing gives the last day for asking (Regs reg 12; spec T7), likewise.
    - A "has ALN" notice says by when the IDP will be given (Act s.22; spec T1-T3).
    - A notice given by email needs an address to send it to (Act s.88(6); spec T19).
    """
    if NOTICE_RULES[kind].reasons_required and not reasons.strip():
        return NoticeError.REASONS_REQUIRED
    if not recipients:
        return NoticeError.NO_RECIPIENTS
    if addressee_count < 1:
        return NoticeError.NO_ADDRESSEE
    if given_on < decided_on:
        return NoticeError.GIVEN_BEFORE_DECISION
    problem = _rights_problem(kind, decided_by_school, rights, given_on, appeal_last_day)
    if problem is None and Right.ASK_LA_TO_RECONSIDER_CEASING in rights:
        problem = _window_problem(
            reconsideration_last_day,
            given_on,
            NoticeError.RECONSIDERATION_LAST_DAY_REQUIRED,
            NoticeError.RECONSIDERATION_LAST_DAY_BEFORE_GIVEN,
        )
    if problem is not None:
        return problem
    if kind is NoticeKind.HAS_ALN and idp_due_on is None:
        return NoticeError.IDP_DUE_DATE_REQUIRED
    if method is DeliveryMethod.EMAIL and email_count < 1:
        return NoticeError.EMAIL_ADDRESS_REQUIRED
    return None


def _rights_problem(
    kind: NoticeKind,
    decided_by_school: bool,
    rights: frozenset[Right],
    given_on: datetime.date,
    appeal_last_day: datetime.date | None,
) -> NoticeError | None:
    if kind is NoticeKind.IDP_NOT_NECESSARY and decided_by_school:
        return NoticeError.RIGHTS_DO_NOT_MATCH
    if rights != notice_rights(decided_by_school=decided_by_school, kind=kind):
        return NoticeError.RIGHTS_DO_NOT_MATCH
    if Right.APPEAL_TO_TRIBUNAL not in rights:
        return None
    return _window_problem(
        appeal_last_day,
        given_on,
        NoticeError.APPEAL_LAST_DAY_REQUIRED,
        NoticeError.APPEAL_LAST_DAY_BEFORE_GIVEN,
    )


def _window_problem(
    last_day: datetime.date | None,
    given_on: datetime.date,
    missing: NoticeError,
    too_early: NoticeError,
) -> NoticeError | None:
    if last_day is None:
        return missing
    if last_day < given_on:
        return too_early
    return None


class ProviderError(StrEnum):
    """Why a change to an LA's providers was refused."""

    OUTSIDE_YOUR_AUTHORITY = "provider_outside_your_authority"  # views answer 404
    ALREADY_INACTIVE = "provider_already_inactive"

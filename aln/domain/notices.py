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
from enum import StrEnum


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
      IDP).
    """
    if is_young_person:
        return (Recipient.YOUNG_PERSON,)
    recipients: list[Recipient] = []
    if not child_lacks_capacity or case_friend_appointed:
        recipients.append(Recipient.CHILD)
    recipients.append(Recipient.PARENT)
    if case_friend_appointed:
        recipients.append(Recipient.CASE_FRIEND)
    if looked_after:
        recipients.append(Recipient.INDEPENDENT_REVIEWING_OFFICER)
    return tuple(recipients)


class Right(StrEnum):
    """How the people told about a decision can challenge it (spec §6.1)."""

    # Ask the LA to reconsider a school's decision whether the child has ALN, or its refusal to
    # decide (Act s.26; EN paras 74-75). There is no appeal against a school (EN para 73).
    ASK_LA_TO_RECONSIDER = "ask_la_to_reconsider"
    # Appeal to the Education Tribunal for Wales against an LA's or FEI's decision (Act s.70),
    # including an LA decision that a young person's IDP is not necessary (Regs reg 10(5)).
    APPEAL_TO_TRIBUNAL = "appeal_to_tribunal"


def notice_rights(*, decided_by_school: bool, kind: NoticeKind) -> frozenset[Right]:
    """The right of challenge a notice must state (spec §5).

    A maintained school's governing body decides under Act s.11: its decisions (has ALN, no ALN,
    or the reasoned refusal to decide) are reconsidered by the LA on request (s.26), and the
    notice must say so. Decisions of an LA (ss.13, 18) or an FEI (s.11) are appealable to the
    Education Tribunal for Wales (s.70; T14: within 8 weeks of the notice). Only an LA decides
    whether an IDP is necessary (s.14(1)(c); Regs reg 10), so `IDP_NOT_NECESSARY` with
    `decided_by_school` is refused with ValueError.

    Whether every "duty does not arise" notice is appealable is not settled by the sources we
    have (spec §2.3, §6.1); the notice states the same route as a decision, which is never less
    than the family is owed.
    """
    if kind is NoticeKind.IDP_NOT_NECESSARY and decided_by_school:
        raise ValueError("Only a local authority decides whether an IDP is necessary")
    if decided_by_school:
        return frozenset({Right.ASK_LA_TO_RECONSIDER})
    return frozenset({Right.APPEAL_TO_TRIBUNAL})


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
) -> NoticeError | None:
    """The first thing that stops this notice being given lawfully, or None (spec §5).

    - Every notice states the decision and the reasons for it (Act ss.11(4), 13(3), 18(3);
      Regs reg 10(2)), to at least one person, by name.
    - It cannot be given before the decision was made.
    - It states the right of challenge `notice_rights` gives, and a notice that tells of the
      right of appeal gives the last day for appealing (ETW Regs 2021 reg 10; spec T14), which
      cannot be before the notice is given.
    - A "has ALN" notice says by when the IDP will be given (Act s.22; spec T1-T3).
    - A notice given by email needs an address to send it to (Act s.88(6); spec T19).
    """
    if not reasons.strip():
        return NoticeError.REASONS_REQUIRED
    if not recipients:
        return NoticeError.NO_RECIPIENTS
    if addressee_count < 1:
        return NoticeError.NO_ADDRESSEE
    if given_on < decided_on:
        return NoticeError.GIVEN_BEFORE_DECISION
    problem = _rights_problem(kind, decided_by_school, rights, given_on, appeal_last_day)
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
    if appeal_last_day is None:
        return NoticeError.APPEAL_LAST_DAY_REQUIRED
    if appeal_last_day < given_on:
        return NoticeError.APPEAL_LAST_DAY_BEFORE_GIVEN
    return None


class ProviderError(StrEnum):
    """Why a change to an LA's providers was refused."""

    OUTSIDE_YOUR_AUTHORITY = "provider_outside_your_authority"  # views answer 404
    ALREADY_INACTIVE = "provider_already_inactive"

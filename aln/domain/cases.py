"""What a case is about, and which body owns it.

A case is one learner's journey through one statutory question (architecture §4). The process
state machine that moves a case between stages comes with the case process (issue 4); this module
holds the vocabulary the statutory clock needs now: the kind of case, the body that must act, and
which clock each kind of body runs on.
"""

from enum import StrEnum

from aln.domain.timelines import RULES


class CaseKind(StrEnum):
    ALN_DECISION = "aln_decision"  # does the learner have ALN? (Act ss.11, 13)
    RECONSIDERATION = "reconsideration"  # LA reconsiders a school's decision (Act s.26)


class DecidingBody(StrEnum):
    """Who must act: a school's governing body, an FEI, or the local authority."""

    SCHOOL = "school"  # Act s.11
    FEI = "fei"  # Act s.11 (FEI students)
    LOCAL_AUTHORITY = "local_authority"  # Act ss.13, 18


# The limit for deciding whether a learner has ALN, by the body deciding (spec T1, T2, T3).
DECISION_RULE: dict[DecidingBody, str] = {
    DecidingBody.SCHOOL: "school-decision",
    DecidingBody.FEI: "fei-decision",
    DecidingBody.LOCAL_AUTHORITY: "la-decision",
}

assert all(rule in RULES for rule in DECISION_RULE.values())  # noqa: S101 (import-time guard)

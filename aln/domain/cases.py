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

# The LA decides whether a young person outside school or college needs an IDP (reg 10, T8); a
# decision notice gives the right to appeal to the Tribunal by this rule's last day (T14).
NECESSITY_RULE = "young-person-necessity"
APPEAL_RULE = "etw-appeal"

assert all(rule in RULES for rule in DECISION_RULE.values())  # noqa: S101 (import-time guard)
assert {NECESSITY_RULE, APPEAL_RULE} <= set(RULES)  # noqa: S101


class ConcernSource(StrEnum):
    """Who raised the concern that the learner may have ALN (Act ss.11, 13, 64; Code ch. 12)."""

    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    CHILD = "child"
    TEACHER = "teacher"
    ALNCO = "alnco"
    EARLY_YEARS_SETTING = "early_years_setting"
    HEALTH_BODY = "health_body"  # s.64: a health body's opinion about a child under school age
    LA_SERVICE = "la_service"
    OTHER_AGENCY = "other_agency"


class EvidenceKind(StrEnum):
    """The graduated response an LA expects to see before a referral (seed council pages)."""

    UNIVERSAL = "universal"  # universal provision: quality teaching, differentiation
    TARGETED = "targeted"  # targeted, time-limited interventions
    MONITORING_REGISTER = "monitoring_register"  # on the school's register for monitoring
    PROGRESS_DATA = "progress_data"  # assessments and progress over time
    OTHER = "other"


class ViewsOf(StrEnum):
    """Whose views, wishes and feelings are recorded (Act s.6: involve and support them)."""

    CHILD = "child"
    PARENT = "parent"
    YOUNG_PERSON = "young_person"


class AdviceFrom(StrEnum):
    """Who is asked for an assessment or specialist advice while the body decides."""

    EDUCATIONAL_PSYCHOLOGY = "educational_psychology"
    SPEECH_AND_LANGUAGE = "speech_and_language"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    LA_SERVICE = "la_service"
    OTHER = "other"


class Circumstance(StrEnum):
    """Facts about a learner the record does not hold, asked when a concern is recorded.

    Each can change who decides or whether the duty arises at all (spec §2.1, §2.3).
    """

    IDP_MAINTAINED = "idp_maintained"  # s.11(3)(a), s.13(2)(a)
    DECIDED_BEFORE_NO_CHANGE = "decided_before_no_change"  # s.11(3)(b), s.13(2)(b)
    ENGLISH_LA_RESPONSIBLE = "english_la_responsible"  # s.11(3)(e)
    LOOKED_AFTER_IN_ENGLAND = "looked_after_in_england"  # s.18(2)(c)
    RESIDENT_IN_ENGLAND = "resident_in_england"  # s.87
    DETAINED = "detained"  # ss.39-43


class ConsentAnswer(StrEnum):
    """A young person's answer to whether the body may decide (s.11(3)(c), s.13(2)(d))."""

    GIVEN = "given"
    NOT_YET = "not_yet"
    REFUSED = "refused"

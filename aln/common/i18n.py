"""Domain codes to translated words: the one place the interface turns codes into language."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aln.domain.access import Relationship
from aln.domain.accounts import AccountError
from aln.domain.calendar import CalendarErrorCode
from aln.domain.cases import (
    AdviceFrom,
    Circumstance,
    ConcernSource,
    ConsentAnswer,
    EvidenceKind,
    ViewsOf,
)
from aln.domain.deadlines import DeadlineError, DeadlineStatus, MissedReason
from aln.domain.learners import LearnerError
from aln.domain.organisations import (
    EducationArrangement,
    LanguageMedium,
    LAServiceKind,
    NeedType,
    SettingKind,
)
from aln.domain.process import (
    CaseAction,
    ClosedBecause,
    Outcome,
    ProcessError,
    ReferralGround,
    Stage,
)
from aln.domain.roles import Role
from aln.domain.timelines import TimelineErrorCode
from aln.domain.upn import UpnError

ERROR_MESSAGES = {
    UpnError.WRONG_LENGTH: _("Unique pupil number must be 13 characters, like A123456789012"),
    UpnError.BAD_CHARACTERS: _(
        "Unique pupil number must be a letter followed by 12 numbers (the last may be a letter)"
    ),
    UpnError.WRONG_CHECK_LETTER: _(
        "Unique pupil number is not valid: check the first letter and the numbers"
    ),
    LearnerError.DATE_OF_BIRTH_IN_FUTURE: _("Date of birth must be today or in the past"),
    LearnerError.DUPLICATE_UPN: _("A learner with this unique pupil number is already recorded"),
    LearnerError.UNKNOWN_SETTING: _("Select a school or setting from the list"),
    LearnerError.LOOKED_AFTER_NEEDS_AUTHORITY: _(
        "Select the local authority that looks after the child"
    ),
    LearnerError.ENROLMENT_BEFORE_BIRTH: _("Start date must be after the date of birth"),
    LearnerError.SETTING_REQUIRED: _("Select the school, setting or college the learner attends"),
    LearnerError.OUTSIDE_YOUR_RESPONSIBILITY: _(
        "You can only add learners who live in your local authority or attend its schools"
    ),
    AccountError.EMAIL_IN_USE: _("This email address is already used by another account"),
    AccountError.ORGANISATION_REQUIRED: _("Select the organisation this person works for"),
    AccountError.ORGANISATION_NOT_ALLOWED: _(
        "Parents, young people, advocates and administrators do not belong to an organisation"
    ),
    AccountError.ROLE_NOT_ALLOWED: _("Only a system administrator can give this role"),
    AccountError.OUTSIDE_YOUR_AUTHORITY: _(
        "You can only add people to organisations in your local authority"
    ),
    DeadlineError.NOT_OPEN: _("This deadline has already been closed"),
    DeadlineError.MET_BEFORE_START: _("Date done must be on or after the day the clock started"),
    DeadlineError.MET_IN_FUTURE: _("Date done must be today or in the past"),
    DeadlineError.NOT_MISSED: _(
        "You can only record why a deadline was missed once its due date has passed"
    ),
    DeadlineError.REASON_REQUIRED: _("Select why the deadline was missed"),
    DeadlineError.CIRCUMSTANCE_REQUIRED: _("Enter what happened"),
    DeadlineError.CIRCUMSTANCE_TOO_LONG: _("What happened must be 2,000 characters or fewer"),
    DeadlineError.CHANGED_BY_SOMEONE_ELSE: _(
        "Someone else changed this deadline while you were working on it. "
        "Check what it says now and try again"
    ),
    DeadlineError.REMINDER_DAYS_OUT_OF_RANGE: _("Number of school days must be between 1 and 30"),
    TimelineErrorCode.LENGTH_NOT_POSITIVE: _("Time limit must be at least 1"),
    TimelineErrorCode.LENGTH_TOO_LONG: _("Time limit must be 52 or fewer"),
    TimelineErrorCode.LENGTH_NOT_CONFIGURABLE: _(
        "This time limit is set by law and cannot be changed"
    ),
    TimelineErrorCode.ROLL_FORWARD_NOT_CONFIGURABLE: _(
        "Whether this deadline moves to the next working day is set by law and cannot be changed"
    ),
    CalendarErrorCode.TERM_ENDS_BEFORE_START: _(
        "The last day of term must be the same as or after the first day"
    ),
    CalendarErrorCode.TERMS_OVERLAP: _("This term overlaps another term"),
    CalendarErrorCode.TERMS_TOO_FAR_APART: _(
        "Terms are more than 100 days apart: add the missing term dates first"
    ),
    CalendarErrorCode.CLOSURE_ENDS_BEFORE_START: _(
        "The last day closed must be the same as or after the first day closed"
    ),
    CalendarErrorCode.BAD_DATE: _("Enter a real date, like 2027-09-01"),
    CalendarErrorCode.MISSING_FIELD: _("A required value is missing"),
    CalendarErrorCode.BAD_VALUE: _("This value is not valid"),
    CalendarErrorCode.NO_TERMS: _("Add at least one term"),
    ProcessError.NOT_ALLOWED_NOW: _(
        "You cannot do this at this stage of the case. The page shows what can be done now"
    ),
    ProcessError.NOT_YOURS: _("Only the body that must decide can do this"),
    ProcessError.CHANGED_BY_SOMEONE_ELSE: _(
        "Someone else changed this case while you were working on it. "
        "Check what it says now and try again"
    ),
    ProcessError.REASONS_REQUIRED: _("Enter the reasons for the decision"),
    ProcessError.TEXT_TOO_LONG: _("This must be 10,000 characters or fewer"),
    ProcessError.REQUIRED: _("Enter or select an answer"),
    ProcessError.DATE_IN_FUTURE: _("The date must be today or in the past"),
    ProcessError.DATE_BEFORE_CONCERN: _(
        "The date must be on or after the day the concern was brought to your attention"
    ),
    ProcessError.DATE_BEFORE_START: _("The date must be on or after the date it started"),
    ProcessError.EXCEPTION_REQUIRED: _("Select why the duty to decide does not arise"),
    ProcessError.OUTCOME_REQUIRED: _("Select what you have decided"),
    ProcessError.REFERRAL_GROUNDS_REQUIRED: _(
        "Select why you are referring to the local authority"
    ),
    ProcessError.REFERRAL_EVIDENCE_REQUIRED: _(
        "Add the evidence of support already given before you refer to the local authority"
    ),
    ProcessError.ONLY_A_SETTING_REFERS: _(
        "Only a school or college can refer to the local authority"
    ),
    ProcessError.NOT_A_YOUNG_PERSON: _("This applies only to a young person"),
    ProcessError.NECESSITY_NOT_FOR_THIS_CASE: _(
        "The local authority decides whether an IDP is necessary only for some young people"
    ),
}

# Short names for the statutory time limits (`aln.domain.timelines.RULES`), by rule id.
RULE_LABELS = {
    "school-decision": _("School decides whether the learner has ALN (35 school days)"),
    "fei-decision": _("College decides whether the learner has ALN (35 term-time days)"),
    "la-decision": _("Local authority decides whether the learner has ALN (12 weeks)"),
    "la-reconsideration": _("Local authority reconsiders a school's decision"),
    "la-idp-reconsideration": _("Local authority reconsiders a school's IDP"),
    "la-takeover-decision": _("Local authority decides whether to take over an IDP"),
    "la-cease-reconsideration": _(
        "Local authority reconsiders a school's decision to stop maintaining an IDP"
    ),
    "young-person-necessity": _("Local authority decides whether an IDP is necessary (12 weeks)"),
    "nhs-response": _("NHS body responds to a referral (6 weeks)"),
    "cease-reconsideration-request": _(
        "Young person or parent asks the local authority to reconsider ceasing an IDP (4 weeks)"
    ),
    "fei-takeover-response": _(
        "College responds to a request to take over an IDP (20 term-time days)"
    ),
    "idp-review": _("IDP review (within 12 months)"),
    "etw-appeal": _("Last day to appeal to the Education Tribunal for Wales (8 weeks)"),
    "etw-appeal-extended": _(
        "Last day to appeal to the Education Tribunal for Wales, after disagreement resolution "
        "(16 weeks)"
    ),
    "etw-review": _("Last day to ask the Tribunal to review its decision (28 days)"),
}

DEADLINE_STATUS_LABELS = {
    DeadlineStatus.DUE: _("Due"),
    DeadlineStatus.OVERDUE: _("Overdue"),
    DeadlineStatus.DATE_UNKNOWN: _("Due date not known: term dates missing"),
    DeadlineStatus.MET: _("Done on time"),
    DeadlineStatus.MET_LATE: _("Done late"),
    DeadlineStatus.CLOSED: _("Closed"),
}

MISSED_REASON_LABELS = {
    MissedReason.BEYOND_CONTROL: _(
        "It was impractical because of circumstances beyond our control"
    ),
    MissedReason.EXCEPTIONAL_CIRCUMSTANCES: _("There were exceptional circumstances"),
    MissedReason.NO_EXCEPTION: _("No exception applies: the deadline was missed"),
}

ROLE_LABELS = {
    Role.LA_ALN_OFFICER: _("Local authority ALN officer"),
    Role.LA_ALN_MANAGER: _("Local authority ALN manager"),
    Role.EARLY_YEARS_LEAD: _("Early Years ALN Lead Officer"),
    Role.LA_SERVICE_PRACTITIONER: _("Local authority service practitioner"),
    Role.ALNCO: _("ALN coordinator (ALNCo)"),
    Role.HEADTEACHER: _("Headteacher"),
    Role.TEACHER: _("Teacher"),
    Role.FEI_ALN_LEAD: _("College ALN lead"),
    Role.HEALTH_PROFESSIONAL: _("Health professional"),
    Role.DECLO: _("Designated Education Clinical Lead Officer (DECLO)"),
    Role.PARENT: _("Parent or carer"),
    Role.YOUNG_PERSON: _("Young person"),
    Role.ADVOCATE: _("Advocate"),
    Role.SYSTEM_ADMIN: _("System administrator"),
    Role.DATA_PROTECTION_OFFICER: _("Data protection officer"),
}

SETTING_KIND_LABELS = {
    SettingKind.MAINTAINED_NURSERY: _("Maintained nursery school"),
    SettingKind.PRIMARY: _("Primary school"),
    SettingKind.SECONDARY: _("Secondary school"),
    SettingKind.ALL_AGE: _("All-age school"),
    SettingKind.SPECIAL: _("Special school"),
    SettingKind.PUPIL_REFERRAL_UNIT: _("Pupil referral unit"),
    SettingKind.NON_MAINTAINED_EARLY_YEARS: _("Funded non-maintained early years setting"),
    SettingKind.FEI: _("Further education college"),
    SettingKind.INDEPENDENT: _("Independent school"),
}

LANGUAGE_MEDIUM_LABELS = {
    LanguageMedium.ENGLISH: _("English-medium"),
    LanguageMedium.WELSH: _("Welsh-medium"),
    LanguageMedium.DUAL_STREAM: _("Dual stream"),
    LanguageMedium.BILINGUAL: _("Bilingual"),
}

SERVICE_KIND_LABELS = {
    LAServiceKind.EDUCATIONAL_PSYCHOLOGY: _("Educational psychology"),
    LAServiceKind.EARLY_YEARS_ALN: _("Early years ALN"),
    LAServiceKind.BEHAVIOUR_SUPPORT: _("Behaviour support"),
    LAServiceKind.LITERACY_SUPPORT: _("Literacy support"),
    LAServiceKind.SPEECH_AND_LANGUAGE_OUTREACH: _("Speech and language outreach"),
    LAServiceKind.ENGLISH_WELSH_ADDITIONAL_LANGUAGE: _(
        "English or Welsh as an additional language"
    ),
    LAServiceKind.SENSORY_SUPPORT: _("Sensory support"),
}

NEED_TYPE_LABELS = {
    NeedType.MODERATE_LEARNING_DIFFICULTIES: _("Moderate learning difficulties"),
    NeedType.SEVERE_LEARNING_DIFFICULTIES: _("Severe learning difficulties"),
    NeedType.PROFOUND_MULTIPLE_LEARNING_DIFFICULTIES: _(
        "Profound and multiple learning difficulties"
    ),
    NeedType.DYSLEXIA: _("Dyslexia"),
    NeedType.DYSCALCULIA: _("Dyscalculia"),
    NeedType.DYSPRAXIA: _("Dyspraxia"),
    NeedType.ADHD: _("Attention deficit hyperactivity disorder"),
    NeedType.AUTISTIC_SPECTRUM: _("Autistic spectrum disorders"),
    NeedType.PHYSICAL_MEDICAL: _("Physical and medical difficulties"),
    NeedType.HEARING_IMPAIRMENT: _("Hearing impairment"),
    NeedType.VISUAL_IMPAIRMENT: _("Visual impairment"),
    NeedType.MULTI_SENSORY_IMPAIRMENT: _("Multi-sensory impairment"),
    NeedType.SPEECH_LANGUAGE_COMMUNICATION: _("Speech, language and communication difficulties"),
    NeedType.BEHAVIOURAL_EMOTIONAL_SOCIAL: _("Behavioural, emotional and social difficulties"),
}

EDUCATION_ARRANGEMENT_LABELS = {
    EducationArrangement.AT_SETTING: _("Attends a school, setting or college"),
    EducationArrangement.ELECTIVE_HOME_EDUCATION: _("Electively home educated"),
    EducationArrangement.EOTAS: _("Educated other than at school (EOTAS)"),
    EducationArrangement.NOT_IN_EDUCATION: _("Not in education"),
}

CORRESPONDENCE_LANGUAGE_LABELS = {
    "en": pgettext_lazy("language", "English"),
    "cy": pgettext_lazy("language", "Welsh"),
}


RELATIONSHIP_EXPLANATIONS = {
    Relationship.LA_RESPONSIBLE: _(
        "You can see this record because the learner lives in your local authority's area."
    ),
    Relationship.LA_LOOKS_AFTER: _(
        "You can see this record because your local authority looks after the learner."
    ),
    Relationship.LA_MAINTAINS_SETTING: _(
        "You can see this record because the learner attends a school or setting in your "
        "local authority."
    ),
    Relationship.ENROLLED_AT_SETTING: _(
        "You can see this record because the learner is enrolled at your school, setting or "
        "college."
    ),
    Relationship.FAMILY: _(
        "You can see this record because you are recorded as the learner's parent or carer."
    ),
    Relationship.SELF: _("This is your own record."),
    Relationship.GRANTED: _(
        "You can see this record because you have been given access to it for your work with "
        "the learner."
    ),
}

WORKLIST_LABELS = {
    "no-parent-or-carer": _("No parent or carer recorded"),
    "no-upn": _("Pupils at maintained schools with no UPN"),
    "looked-after": _("Looked after"),
    "home-educated": _("Electively home educated"),
    "eotas": _("Educated other than at school (EOTAS)"),
}


# --- The case process (`aln.domain.process`, `aln.domain.cases`) -------------------------------

STAGE_LABELS = {
    Stage.AWAITING_CONSENT: _("Waiting for the young person's agreement"),
    Stage.GATHERING: _("Gathering information"),
    Stage.DECIDING_NECESSITY: _("Deciding whether an IDP is necessary"),
    Stage.NOTICE_DUE: _("Decision made: notice to be given"),
    Stage.IDP_DUE: _("Has additional learning needs: IDP to be given"),
    Stage.MAINTAINING: _("IDP given and maintained"),
    Stage.CEASE_PROPOSED: _("Proposal to stop maintaining the IDP"),
    Stage.CLOSED: _("Closed"),
}

CASE_ACTION_LABELS = {
    CaseAction.RECORD_CONSENT: _("Record that the young person agreed"),
    CaseAction.RECORD_NO_CONSENT: _("Record that the young person did not agree"),
    CaseAction.ADD_EVIDENCE: _("Add evidence of support already given"),
    CaseAction.RECORD_VIEWS: _("Record views, wishes and feelings"),
    CaseAction.REQUEST_ADVICE: _("Request advice or an assessment"),
    CaseAction.RECORD_ADVICE: _("Record advice received"),
    CaseAction.REFER_TO_NHS: _("Refer to a health board"),
    CaseAction.RECORD_NHS_RESPONSE: _("Record the health board's answer"),
    CaseAction.RECORD_MEETING: _("Record a meeting"),
    CaseAction.REFER_TO_LA: _("Refer to the local authority"),
    CaseAction.DECIDE: _("Record the decision"),
    CaseAction.DECIDE_NECESSITY: _("Decide whether an IDP is necessary"),
    CaseAction.GIVE_NOTICE: _("Give the decision notice"),
    CaseAction.WITHDRAW_CONSENT: _("Record that the young person withdrew their agreement"),
    CaseAction.TAKE_ON: _("Take on this case"),
    CaseAction.GIVE_IDP: _("Give the IDP"),
    CaseAction.RECORD_REVIEW: _("Record a review"),
    CaseAction.GIVE_REVISED_IDP: _("Give the revised IDP"),
    CaseAction.GIVE_NO_REVISION_NOTICE: _("Give notice that the IDP will not be revised"),
    CaseAction.PROPOSE_CEASE: _("Propose to stop maintaining the IDP"),
    CaseAction.WITHDRAW_CEASE_PROPOSAL: _("Withdraw the proposal to stop maintaining the IDP"),
    CaseAction.CEASE: _("Decide to stop maintaining the IDP"),
    CaseAction.END_PLAN: _("Record that the duty to maintain the IDP has ended"),
    CaseAction.TRANSFER: _("Pass the IDP to the body now responsible"),
}

OUTCOME_LABELS = {
    Outcome.HAS_ALN: _("The learner has additional learning needs"),
    Outcome.NO_ALN: _("The learner does not have additional learning needs"),
    Outcome.DUTY_DOES_NOT_ARISE: _("The duty to decide does not arise"),
}

CLOSED_BECAUSE_LABELS = {
    ClosedBecause.NOTICE_GIVEN: _("The decision notice was given"),
    ClosedBecause.NO_CONSENT: _("The young person did not agree to a decision being made"),
    ClosedBecause.CONSENT_WITHDRAWN: _("The young person withdrew their agreement"),
    ClosedBecause.PLAN_CEASED: _("It was decided to stop maintaining the IDP"),
    ClosedBecause.PLAN_ENDED: _("The duty to maintain the IDP ended"),
}

CONCERN_SOURCE_LABELS = {
    ConcernSource.PARENT: _("A parent or carer"),
    ConcernSource.YOUNG_PERSON: _("The young person"),
    ConcernSource.CHILD: _("The child"),
    ConcernSource.TEACHER: _("A teacher"),
    ConcernSource.ALNCO: _("The ALNCo"),
    ConcernSource.EARLY_YEARS_SETTING: _("An early years setting"),
    ConcernSource.HEALTH_BODY: _("A health body"),
    ConcernSource.LA_SERVICE: _("A local authority service"),
    ConcernSource.OTHER_AGENCY: _("Another agency"),
}

CONSENT_ANSWER_LABELS = {
    ConsentAnswer.GIVEN: _("Yes"),
    ConsentAnswer.NOT_YET: _("Not yet: we are waiting for their answer"),
    ConsentAnswer.REFUSED: _("No, they do not agree"),
}

CIRCUMSTANCE_LABELS = {
    Circumstance.IDP_MAINTAINED: _("An IDP is already maintained for the learner"),
    Circumstance.DECIDED_BEFORE_NO_CHANGE: _(
        "This was decided before, and nothing important has changed since"
    ),
    Circumstance.ENGLISH_LA_RESPONSIBLE: _(
        "A local authority in England is responsible, or keeps an EHC plan"
    ),
    Circumstance.LOOKED_AFTER_IN_ENGLAND: _("Looked after by a local authority in England"),
    Circumstance.RESIDENT_IN_ENGLAND: _("Lives in England"),
    Circumstance.DETAINED: _("Detained in youth custody"),
}

EVIDENCE_KIND_LABELS = {
    EvidenceKind.UNIVERSAL: _("Universal provision (for example, adapted teaching)"),
    EvidenceKind.TARGETED: _("A targeted intervention"),
    EvidenceKind.MONITORING_REGISTER: _("On the school's register for monitoring"),
    EvidenceKind.PROGRESS_DATA: _("Progress data or assessment results"),
    EvidenceKind.OTHER: _("Other evidence"),
}

VIEWS_OF_LABELS = {
    ViewsOf.CHILD: _("The child"),
    ViewsOf.PARENT: _("A parent or carer"),
    ViewsOf.YOUNG_PERSON: _("The young person"),
}

ADVICE_FROM_LABELS = {
    AdviceFrom.EDUCATIONAL_PSYCHOLOGY: _("Educational psychology"),
    AdviceFrom.SPEECH_AND_LANGUAGE: _("Speech and language therapy"),
    AdviceFrom.HEALTH: _("A health professional"),
    AdviceFrom.SOCIAL_CARE: _("Social care"),
    AdviceFrom.LA_SERVICE: _("Another local authority service"),
    AdviceFrom.OTHER: _("Someone else"),
}

REFERRAL_GROUND_LABELS = {
    ReferralGround.NOT_REASONABLE_TO_SECURE: _(
        "The learner may need provision it would not be reasonable for us to secure"
    ),
    ReferralGround.CANNOT_DETERMINE_NEEDS: _(
        "We cannot adequately work out the extent or nature of the learner's needs"
    ),
    ReferralGround.CANNOT_DETERMINE_PROVISION: _(
        "We cannot adequately work out the provision the learner needs"
    ),
}


def error_message(code) -> str:
    return str(ERROR_MESSAGES[code])


def label(labels: dict, code: str) -> str:
    """The translated label for a stored code (codes unknown to this version show as-is)."""
    for key, text in labels.items():
        if key == code:
            return str(text)
    return code


# What happened, for the history on a case page (audit event type → words).
AUDIT_EVENT_LABELS = {
    "case.opened": _("Case opened"),
    "deadline.opened": _("Clock started"),
    "deadline.met": _("Marked as done"),
    "deadline.missed_reason_recorded": _("Reason for missing the deadline recorded"),
    "deadline.recomputed": _("Due date recalculated"),
    "deadline.closed": _("Clock stopped: the duty no longer applies"),
    "case.consent_recorded": _("Young person agreed to a decision being made"),
    "case.consent_refused": _("Young person did not agree to a decision being made"),
    "case.consent_withdrawn": _("Young person withdrew their agreement"),
    "case.evidence_added": _("Evidence added"),
    "case.views_recorded": _("Views recorded"),
    "case.meeting_recorded": _("Meeting recorded"),
    "case.advice_requested": _("Advice requested"),
    "case.advice_received": _("Advice received"),
    "case.nhs_referral_made": _("Referred to the health board"),
    "case.nhs_response_recorded": _("Health board's answer recorded"),
    "case.referred_to_la": _("Referred to the local authority"),
    "case.decided": _("Decision made"),
    "case.necessity_decided": _("Decided whether an IDP is necessary"),
    "case.notice_given": _("Notice given"),
    "case.taken_on": _("Case taken on"),
    "notice.issued": _("Notice produced"),
}

# `aln.domain.cases.CaseKind`, by value.
CASE_KIND_LABELS = {
    "aln_decision": _("Deciding whether the learner has additional learning needs"),
    "reconsideration": _("Local authority reconsidering a school's decision"),
}

# `aln.domain.cases.DecidingBody`, by value.
DECIDING_BODY_LABELS = {
    "school": _("The school's governing body"),
    "fei": _("The further education college"),
    "local_authority": _("The local authority"),
}

# `aln.domain.responsibility.ReasonCode`, by value: why this body decides. %(name)s is the
# learner's name, so the sentence reads the same to staff, a parent and the young person.
RESPONSIBILITY_REASON_LABELS = {
    "registered_pupil": _(
        "The school must decide, because %(name)s is a registered pupil there "
        "(section 11 of the Act)."
    ),
    "english_resident_pupil": _(
        "The school must decide, because %(name)s is a registered pupil there, even though the "
        "family lives in England (sections 11 and 87 of the Act)."
    ),
    "fei_student": _(
        "The college must decide, because %(name)s is a student there (section 11 of the Act)."
    ),
    "setting_referral": _(
        "The local authority must decide, because the school or college has asked it to "
        "(sections 12 and 13 of the Act)."
    ),
    "looked_after": _(
        "The local authority that looks after %(name)s must decide (section 18 of the Act)."
    ),
    "dual_registered": _(
        "The local authority must decide, because %(name)s is registered at two schools or "
        "colleges (section 30 of the Act)."
    ),
    "under_school_age_not_at_school": _(
        "The local authority must decide, because %(name)s is not yet of compulsory school age "
        "and is not a pupil at a maintained school (section 13 of the Act)."
    ),
    "not_at_maintained_school": _(
        "The local authority must decide, because %(name)s is not a pupil at a maintained "
        "school (section 13 of the Act)."
    ),
    "young_person_outside_school_fei": _(
        "The local authority must decide, because %(name)s is not at a maintained school or a "
        "further education college. It must also decide whether a plan is needed "
        "(sections 13 and 14 of the Act)."
    ),
    "detained": _(
        "The home local authority must decide, because of the detention. It must also decide "
        "whether a plan will be needed on release (section 40 of the Act)."
    ),
}

# `aln.domain.responsibility.DutyException`, by value: why no decision is made, for families.
DUTY_EXCEPTION_LABELS = {
    "idp_already_maintained": _(
        "No new decision is needed, because an individual development plan is already being "
        "kept (sections 11, 13 and 18 of the Act)."
    ),
    "decided_no_material_change": _(
        "No new decision is needed, because a decision was made before and nothing important "
        "has changed since (sections 11, 13 and 18 of the Act)."
    ),
    "young_person_no_consent": _(
        "No decision can be made, because you have not agreed to one being made "
        "(sections 11 and 13 of the Act)."
    ),
    "looked_after_in_england": _(
        "No decision is made in Wales, because the child is looked after and living in "
        "England (section 18 of the Act)."
    ),
    "english_la_responsible": _(
        "The school or college does not decide, because a local authority in England is "
        "responsible or keeps an education, health and care plan (section 11 of the Act)."
    ),
    "home_authority_in_england": _(
        "No decision is made in Wales, because the home local authority is in England "
        "(section 40 of the Act)."
    ),
    "not_in_wales": _(
        "No decision is made in Wales, because no local authority in Wales is responsible "
        "(section 13 of the Act)."
    ),
    "aged_25": _(
        "No new decision can be made after the 25th birthday. A plan already in place carries "
        "on until the end of that academic year (section 99 of the Act)."
    ),
    "beyond_age": _(
        "The duties have ended. They stop at the end of the academic year in which a young "
        "person turns 25 (section 99 of the Act)."
    ),
    "school_is_deciding": _(
        "The local authority does not decide, because the school is deciding "
        "(section 13 of the Act)."
    ),
    "fei_only_no_referral": _(
        "The local authority does not decide, because your college decides unless it asks the "
        "local authority to (section 13 of the Act)."
    ),
    "looked_after_child": _(
        "The local authority that looks after the child decides, not the local authority "
        "where the child lives (sections 13 and 18 of the Act)."
    ),
}

# `aln.domain.responsibility.Body`, by value.
BODY_LABELS = {
    "school": _("The school's governing body"),
    "fei": _("The further education college"),
    "local_authority": _("The local authority"),
    "looking_after_authority": _("The local authority that looks after the child"),
    "none": _("No one"),
}

# --- Statutory notices (aln.notices) ---------------------------------------------------------
from aln.domain.notices import NoticeError, ProviderError  # noqa: E402 (kept with its labels)

ERROR_MESSAGES.update(
    {
        NoticeError.REASONS_REQUIRED: _("Enter the reasons for the decision"),
        NoticeError.NO_RECIPIENTS: _("A notice must be given to at least one person"),
        NoticeError.NO_ADDRESSEE: _("Enter the name of the person the notice is addressed to"),
        NoticeError.GIVEN_BEFORE_DECISION: _(
            "The date the notice is given must be the same as or after the date of the decision"
        ),
        NoticeError.APPEAL_LAST_DAY_REQUIRED: _(
            "The last day for appealing to the Tribunal is not known: check the case's deadlines"
        ),
        NoticeError.APPEAL_LAST_DAY_BEFORE_GIVEN: _(
            "The last day for appealing must be after the date the notice is given"
        ),
        NoticeError.IDP_DUE_DATE_REQUIRED: _(
            "The date the individual development plan is due is not known: check the case's "
            "deadlines"
        ),
        NoticeError.EMAIL_ADDRESS_REQUIRED: _(
            "Enter an email address to send the notice to, or choose another way to give it"
        ),
        NoticeError.RIGHTS_DO_NOT_MATCH: _(
            "The notice does not state the right way to challenge this decision"
        ),
        NoticeError.RECONSIDERATION_LAST_DAY_REQUIRED: _(
            "The last day for asking the local authority to reconsider is not known: check "
            "that term dates and bank holidays are recorded"
        ),
        NoticeError.RECONSIDERATION_LAST_DAY_BEFORE_GIVEN: _(
            "The last day for asking the local authority to reconsider cannot be before the "
            "notice is given"
        ),
        ProviderError.OUTSIDE_YOUR_AUTHORITY: _(
            "You can only manage providers for your own local authority"
        ),
        ProviderError.ALREADY_INACTIVE: _("This provider has already been removed"),
    }
)

AUDIT_EVENT_LABELS.update(
    {
        "notice.issued": _("Notice given"),
        "notice.downloaded": _("Notice downloaded"),
        "support_provider.created": _("Provider added"),
        "support_provider.updated": _("Provider changed"),
        "support_provider.deactivated": _("Provider removed"),
    }
)

# `aln.domain.notices.NoticeKind`, by value.
NOTICE_KIND_LABELS = {
    "has_aln": _("Decision: has additional learning needs"),
    "no_aln": _("Decision: does not have additional learning needs"),
    "duty_does_not_arise": _("No decision: the duty to decide does not arise"),
    "idp_not_necessary": _("Decision: an individual development plan is not necessary"),
    "idp_given": _("Individual development plan given"),
    "revised_idp_given": _("Revised individual development plan given"),
    "no_revision": _("Review: the individual development plan will not be revised"),
    "review_refused": _("Request for a review of the individual development plan refused"),
    "cease_proposed": _("Proposal to stop maintaining the individual development plan"),
    "cease_decided": _("Decision to stop maintaining the individual development plan"),
    "responsibility_changed": _("Change of who is responsible for the individual development plan"),
}

# `aln.domain.notices.NoticeLanguage`, by value.
NOTICE_LANGUAGE_LABELS = {
    "en": _("English"),
    "cy": _("Welsh"),
    "bilingual": _("Welsh and English"),
}

# `aln.domain.notices.DeliveryMethod`, by value.
DELIVERY_METHOD_LABELS = {
    "email": _("By email"),
    "post": _("By post"),
    "by_hand": _("By hand"),
}

# `aln.domain.notices.Recipient`, by value.
RECIPIENT_LABELS = {
    "child": _("The child"),
    "parent": _("The child's parent"),
    "young_person": _("The young person"),
    "independent_reviewing_officer": _("The child's independent reviewing officer"),
    "case_friend": _("The child's case friend"),
}

# `aln.domain.notices.ProviderKind`, by value.
PROVIDER_KIND_LABELS = {
    "information_and_advice": _("Information and advice (section 9 of the Act)"),
    "disagreement_resolution": _("Avoiding and resolving disagreements (section 68 of the Act)"),
    "independent_advocacy": _("Independent advocacy (section 69 of the Act)"),
}

# `aln.domain.idp.OutcomeProblem.message_key`, by value. %(evidence)s is the vague word as the
# author wrote it (in the outcome's language); messages without it ignore it.
OUTCOME_PROBLEM_MESSAGES = {
    "idp.outcome.no_skill": _("The outcome does not say what the child or young person will do"),
    "idp.outcome.no_measure": _("The outcome does not say how you will know it has been achieved"),
    "idp.outcome.no_date": _("The outcome does not say by when it will be achieved"),
    "idp.outcome.vague_wording": _(
        "“%(evidence)s” is vague when the outcome does not say how progress will be measured"
    ),
    "idp.outcome.empty": _("The outcome is empty"),
    "idp.outcome.no_need": _("The outcome is not linked to a need described in section 2A"),
    "idp.outcome.no_provision": _(
        "The outcome is not linked to any additional learning provision in section 2B"
    ),
}

# `aln.domain.idp.OutcomeProblem.suggestion_key`, by value. %(evidence)s as above.
OUTCOME_SUGGESTION_MESSAGES = {
    "idp.outcome.suggest.name_skill": _(
        "Say what the child or young person will be able to do, for example read, write, "
        "count, ask for help or take turns"
    ),
    "idp.outcome.suggest.add_measure": _(
        "Say how you will know, for example “on 4 out of 5 occasions”, “independently” or "
        "“40 words”"
    ),
    "idp.outcome.suggest.add_date": _(
        "Add a date or a period, for example “by July 2027”, “by the end of the spring term” "
        "or “within 6 weeks”"
    ),
    "idp.outcome.suggest.replace_vague": _(
        "Replace “%(evidence)s” with what the child or young person will do and how well, "
        "or add a measure"
    ),
    "idp.outcome.suggest.write_outcome": _(
        "Write what the child or young person will be able to do, how you will know, and by when"
    ),
    "idp.outcome.suggest.link_need": _(
        "Link the outcome to the need in section 2A that it is meant to meet"
    ),
    "idp.outcome.suggest.link_provision": _(
        "Link the outcome to the additional learning provision in section 2B that will help "
        "achieve it"
    ),
}


# --- Individual development plans (aln.domain.plans, aln.idps) -------------------------------
from aln.domain.plans import (  # noqa: E402 (kept with its labels)
    AlpProvider,
    CeaseError,
    CeaseGround,
    IssueProblem,
    PlanError,
    ReviewDecision,
    ReviewError,
    ReviewRequester,
    TransferError,
    TransferKind,
)

ERROR_MESSAGES.update(
    {
        PlanError.NOT_DUE: _("An IDP can be started only when the decision says one is due"),
        PlanError.ALREADY_STARTED: _("An IDP has already been started for this case"),
        PlanError.DRAFT_EXISTS: _("A new version of this IDP is already being written"),
        PlanError.NOT_A_DRAFT: _("This version has been given and cannot be changed"),
        PlanError.NO_DRAFT: _("No new version of the IDP is being written: start one first"),
        PlanError.NOT_YOURS: _("Only the body that maintains the IDP can do this"),
        PlanError.CHANGED_BY_SOMEONE_ELSE: _(
            "Someone else saved this IDP while you were working on it. Your changes have not "
            "been saved: check their changes below, then save again"
        ),
        PlanError.NOT_IN_FORCE: _("This can be done only while the IDP is maintained"),
        PlanError.CANNOT_ISSUE: _("The IDP cannot be given yet: fix the problems listed"),
        PlanError.NOT_FOUND: _("This part of the IDP is no longer in the draft"),
        PlanError.FIRST_VERSION_CANNOT_BE_DISCARDED: _(
            "The first version of an IDP cannot be thrown away"
        ),
        PlanError.WHY_REVISED_REQUIRED: _("Enter why the IDP is being revised"),
        PlanError.UNKNOWN_NEED: _("Select needs from section 2A of this IDP"),
        ReviewError.INVITED_AFTER_MEETING: _(
            "Invitations must be sent before the date of the review meeting"
        ),
        ReviewError.VIEWS_REQUIRED: _(
            "Enter the views of the child or young person, or say how they were sought"
        ),
        ReviewError.PROGRESS_REQUIRED: _("Enter the progress made towards every outcome"),
        ReviewError.REASONS_REQUIRED: _("Enter the reasons for the decision"),
        CeaseError.NOT_FOR_THIS_BODY: _(
            "This reason does not apply to an IDP maintained by this body"
        ),
        CeaseError.NOT_A_YOUNG_PERSON: _("This reason applies only to a young person"),
        CeaseError.NOT_YET_25: _(
            "The duty continues until the end of the academic year in which the young person "
            "turns 25"
        ),
        CeaseError.NEEDS_A_DECISION: _(
            "This reason needs a proposal and then a decision with reasons"
        ),
        CeaseError.NOT_A_DECISION: _(
            "For this reason the duty ends by itself: record that it has ended instead"
        ),
        CeaseError.REASONS_REQUIRED: _("Enter the reasons for the decision"),
        TransferError.NOT_FROM_THIS_BODY: _(
            "This kind of move does not apply to an IDP maintained by this body"
        ),
        TransferError.SAME_BODY: _("The IDP is already maintained there"),
        TransferError.JOINED_TOO_LATE: _(
            "A start-of-year move applies only if the learner joined before the end of "
            "September; record an in-year move instead"
        ),
        TransferError.NO_NEW_SETTING: _("Select the school or college the learner has joined"),
        TransferError.NO_NEW_AUTHORITY: _("Select the local authority now responsible"),
    }
)

ISSUE_PROBLEM_MESSAGES = {
    IssueProblem.NO_PROFILE: _(
        "Section 1: write the one-page profile with the child or young person"
    ),
    IssueProblem.NO_NEEDS: _("Section 2A: describe the additional learning needs"),
    IssueProblem.NO_ELEMENTS: _(
        "Section 2B: add at least one piece of additional learning provision"
    ),
    IssueProblem.NO_PROVISION: _("Describe the provision: what, how often, how long, group size"),
    IssueProblem.NO_PROVIDER: _("Say who will provide it"),
    IssueProblem.NO_HEALTH_BOARD: _("Select the health board that will secure it"),
    IssueProblem.WELSH_NOT_DECIDED: _("Say whether it must be provided in Welsh"),
    IssueProblem.NO_START_DATE: _("Enter the date it starts"),
    IssueProblem.END_BEFORE_START: _("The review or end date must be after the start date"),
    IssueProblem.OUTCOME_EMPTY: _("Write the outcome"),
    IssueProblem.OUTCOME_NEEDS_MEASURE_OR_DATE: _(
        "The outcome has no measure or no date: add them, or record why not"
    ),
    IssueProblem.NO_NEED_LINKED: _("Link the outcome to a need described in section 2A"),
}

ALP_PROVIDER_LABELS = {
    AlpProvider.SCHOOL: _("The school"),
    AlpProvider.FEI: _("The college"),
    AlpProvider.LOCAL_AUTHORITY: _("The local authority"),
    AlpProvider.NHS_BODY: _("An NHS body (section 2C)"),
    AlpProvider.OTHER: _("Someone else"),
}

REVIEW_DECISION_LABELS = {
    ReviewDecision.REVISE: _("Revise the IDP"),
    ReviewDecision.NO_REVISION: _("Keep the IDP as it is (no revision)"),
    ReviewDecision.PROPOSE_CEASE: _("Propose to stop maintaining the IDP"),
}

REVIEW_REQUESTER_LABELS = {
    ReviewRequester.CHILD: _("The child"),
    ReviewRequester.PARENT: _("A parent or carer"),
    ReviewRequester.YOUNG_PERSON: _("The young person"),
    ReviewRequester.NHS_BODY: _("An NHS body"),
}

CEASE_GROUND_LABELS = {
    CeaseGround.NO_LONGER_REGISTERED: _(
        "The learner is no longer a registered pupil at the school"
    ),
    CeaseGround.LEFT_FEI: _("The young person is no longer enrolled at the college"),
    CeaseGround.LA_NO_LONGER_RESPONSIBLE: _(
        "The local authority is no longer responsible (for example, the family moved away)"
    ),
    CeaseGround.NO_LONGER_LOOKED_AFTER_IN_AREA: _(
        "The child is no longer looked after by the local authority"
    ),
    CeaseGround.ENGLISH_EHC_PLAN: _("A local authority in England now maintains an EHC plan"),
    CeaseGround.CONSENT_WITHDRAWN: _("The young person withdrew their consent"),
    CeaseGround.AGE_25: _("The academic year in which the young person turned 25 has ended"),
    CeaseGround.NO_LONGER_ALN: _("The learner no longer has additional learning needs"),
    CeaseGround.NO_LONGER_NECESSARY: _(
        "The IDP is no longer necessary to meet the young person's reasonable needs"
    ),
}

TRANSFER_KIND_LABELS = {
    TransferKind.IN_YEAR_SCHOOL: _("Moved to another maintained school during the year"),
    TransferKind.START_OF_YEAR_SCHOOL: _(
        "Moved to another maintained school at the start of the academic year"
    ),
    TransferKind.SCHOOL_TO_FEI: _("Moved from school to a further education college"),
    TransferKind.DUAL_REGISTRATION: _(
        "Became dual registered: the local authority maintains the IDP"
    ),
    TransferKind.BETWEEN_LAS: _("Moved to the area of another local authority"),
    TransferKind.INTO_CARE: _("Became looked after by a local authority"),
    TransferKind.OUT_OF_CARE: _("Stopped being looked after"),
}

AUDIT_EVENT_LABELS.update(
    {
        "idp.started": _("IDP started"),
        "idp.viewed": _("IDP opened"),
        "learner.looked_after_changed": _("Looked-after status changed"),
        "idp.revision_started": _("New version of the IDP started"),
        "idp.draft_discarded": _("Draft version thrown away"),
        "idp.draft_saved": _("IDP draft saved"),
        "idp.need_added": _("Need added to the IDP"),
        "idp.need_changed": _("Need in the IDP changed"),
        "idp.need_removed": _("Need removed from the IDP"),
        "idp.element_added": _("Provision added to the IDP"),
        "idp.element_changed": _("Provision in the IDP changed"),
        "idp.element_removed": _("Provision removed from the IDP"),
        "idp.reviewed": _("Review of the IDP recorded"),
        "idp.review_requested": _("Review of the IDP asked for"),
        "idp.review_request_assigned": _("Request for a review given to someone to deal with"),
        "idp.review_request_refused": _("Request for a review refused as not needed"),
        "idp.given": _("IDP given to the family"),
        "idp.review_period_started": _("New 12-month review period started"),
        "idp.preview_viewed": _("Draft IDP opened as a PDF"),
        "case.idp_given": _("IDP given"),
        "case.reviewed": _("IDP reviewed"),
        "case.revised_idp_given": _("Revised IDP given"),
        "case.no_revision_notice_given": _("Notice given that the IDP will not be revised"),
        "case.transferred": _("IDP passed to the body now responsible"),
        "case.cease_proposed": _("Proposal to stop maintaining the IDP"),
        "case.cease_proposal_withdrawn": _("Proposal to stop maintaining the IDP withdrawn"),
        "case.plan_ceased": _("Decision to stop maintaining the IDP"),
        "case.plan_ended": _("Duty to maintain the IDP ended"),
        "deadline.handed_over": _("Clock passed to the body now responsible"),
    }
)

# --- IDP appendices and the plan editor (aln.domain.attachments, aln.idps) -------------------
from aln.domain.attachments import AttachmentError  # noqa: E402 (kept with its labels)

ERROR_MESSAGES.update(
    {
        AttachmentError.EMPTY: _("The selected file is empty"),
        AttachmentError.TOO_LARGE: _("The selected file must be smaller than 10 MB"),
        AttachmentError.WRONG_TYPE: _(
            "The selected file must be a PDF, Word document, PNG or JPEG"
        ),
        AttachmentError.TITLE_REQUIRED: _("Enter a title for the document"),
        AttachmentError.ALREADY_REMOVED: _("This document has already been removed from the draft"),
    }
)

# `aln.idps.models.AttachmentKind`, by value.
ATTACHMENT_KIND_LABELS = {
    "professional_report": _("A professional's report"),
    "health_care_plan": _("Individual healthcare plan"),
    "interim_targets": _("Interim targets"),
    "other": _("Another document"),
}

AUDIT_EVENT_LABELS.update(
    {
        "idp.attachment_added": _("Document added to the IDP"),
        "idp.attachment_removed": _("Document removed from the IDP"),
        "idp.attachment_downloaded": _("Document attached to the IDP downloaded"),
    }
)


# --- Disagreements (aln.domain.disagreements, aln.disputes) ---------------------------------
from aln.domain.disagreements import (  # noqa: E402 (kept with their labels)
    AppealDecision,
    AppealMatter,
    AppealMoveError,
    AppealProblem,
    AppealStage,
    Appellant,
    CapacityAssessor,
    DutyException,
    ExceptionProblem,
    LaOutcome,
    OrderKind,
    OrderProblem,
    OutcomeProblem,
    Requester,
    RequestProblem,
    ResolutionOutcome,
    Route,
    SupportKind,
)

# What the request asks the LA to do, as the family would say it.
ROUTE_LABELS = {
    Route.RECONSIDER_ALN: _("Reconsider the school's decision about additional learning needs"),
    Route.RECONSIDER_IDP: _("Reconsider the school's IDP, with a view to revising it"),
    Route.TAKE_OVER_IDP: _("Take over responsibility for the IDP"),
    Route.RECONSIDER_CEASING: _("Reconsider the school's decision to stop maintaining the IDP"),
}

REQUESTER_LABELS = {
    Requester.CHILD: _("The child"),
    Requester.PARENT: _("A parent"),
    Requester.YOUNG_PERSON: _("The young person"),
    Requester.CASE_FRIEND: _("The child's case friend"),
    Requester.REPRESENTATIVE: _("A representative (deputy or attorney)"),
    Requester.GOVERNING_BODY: _("The school's or college's governing body"),
}

DISPUTE_EXCEPTION_LABELS = {
    DutyException.PREVIOUSLY_RECONSIDERED_NO_CHANGE: _(
        "Already reconsidered, with no material change and no new information"
    ),
    DutyException.BECAME_LOOKED_AFTER: _("The child has become looked after"),
    DutyException.BECAME_DETAINED: _("The child has become detained"),
}

LA_OUTCOME_LABELS = {
    LaOutcome.ALN_DECISION_CONFIRMED: _(
        "The local authority reached the same decision as the school"
    ),
    LaOutcome.ALN_DECISION_CHANGED: _("The local authority reached a different decision"),
    LaOutcome.NO_REVISION: _("The IDP will not be revised"),
    LaOutcome.REVISED_SCHOOL_TO_MAINTAIN: _(
        "The local authority revises the IDP and directs the school to maintain it"
    ),
    LaOutcome.REVISED_AND_TAKEN_OVER: _("The local authority revises the IDP and takes it over"),
    LaOutcome.TAKEN_OVER: _("The local authority takes over the IDP"),
    LaOutcome.TAKE_OVER_REFUSED: _("The local authority will not take over the IDP"),
    LaOutcome.CEASING_CONFIRMED: _("The decision to stop maintaining the IDP stands"),
    LaOutcome.CEASING_REVERSED: _("The IDP continues: the decision to stop it does not stand"),
}

REQUEST_STATUS_LABELS = {
    "open": _("Waiting for the local authority"),
    "decided": _("Decided"),
    "exception": _("Not reconsidered: the duty does not apply"),
    "withdrawn": _("Withdrawn"),
}

APPEAL_MATTER_LABELS = {
    AppealMatter.HAS_ALN: _("Whether the learner has additional learning needs"),
    AppealMatter.IDP_NOT_NECESSARY: _("That an IDP is not necessary"),
    AppealMatter.DESCRIPTION_OF_NEED: _("The description of the additional learning needs"),
    AppealMatter.ALP: _("The additional learning provision in the IDP, or its absence"),
    AppealMatter.WELSH_PROVISION: _("Whether provision must be in Welsh"),
    AppealMatter.LA_PROVISION: _(
        "The school place or other provision the LA names, or its absence"
    ),
    AppealMatter.REFUSAL_TO_REVISE: _("The refusal to revise the IDP"),
    AppealMatter.REFUSAL_TO_TAKE_OVER: _("The refusal to take over the IDP"),
    AppealMatter.CEASE: _("The decision to stop maintaining the IDP"),
}

APPELLANT_LABELS = {
    Appellant.CHILD: _("The child"),
    Appellant.PARENT: _("A parent"),
    Appellant.YOUNG_PERSON: _("The young person"),
    Appellant.CASE_FRIEND: _("The child's case friend"),
    Appellant.REPRESENTATIVE: _("A representative (deputy or attorney)"),
}

APPEAL_STAGE_LABELS = {
    AppealStage.LODGED: _("Appeal made"),
    AppealStage.LATE_PERMISSION_SOUGHT: _("Late: waiting for the Tribunal's permission"),
    AppealStage.CASE_STATEMENTS: _("Case statements"),
    AppealStage.HEARING_LISTED: _("Hearing listed"),
    AppealStage.DECIDED: _("Decided"),
    AppealStage.CLOSED: _("Closed"),
    AppealStage.WITHDRAWN: _("Withdrawn"),
}

APPEAL_DECISION_LABELS = {
    AppealDecision.ALLOWED: _("Appeal allowed"),
    AppealDecision.ALLOWED_IN_PART: _("Appeal allowed in part"),
    AppealDecision.DISMISSED: _("Appeal dismissed"),
    AppealDecision.CONCEDED: _("Conceded by the local authority"),
    AppealDecision.STRUCK_OUT: _("Struck out"),
}

ORDER_KIND_LABELS = {
    OrderKind.REVISE_IDP: _("Revise the IDP"),
    OrderKind.PREPARE_IDP: _("Prepare an IDP"),
    OrderKind.MAINTAIN_IDP: _("Maintain the IDP"),
    OrderKind.AMEND_DESCRIPTION_OF_NEED: _("Change the description of the needs"),
    OrderKind.AMEND_ALP: _("Change the additional learning provision"),
    OrderKind.SPECIFY_WELSH_PROVISION: _("Say that provision must be in Welsh"),
    OrderKind.TAKE_OVER_IDP: _("Take over the IDP"),
    OrderKind.CONTINUE_IDP: _("Continue to maintain the IDP"),
    OrderKind.OTHER: _("Something else"),
}

SUPPORT_KIND_LABELS = {
    SupportKind.DISAGREEMENT_RESOLUTION: _("Disagreement resolution"),
    SupportKind.ADVOCACY: _("Independent advocacy"),
}

RESOLUTION_OUTCOME_LABELS = {
    ResolutionOutcome.RESOLVED: _("Resolved"),
    ResolutionOutcome.PARTLY_RESOLVED: _("Partly resolved"),
    ResolutionOutcome.NOT_RESOLVED: _("Not resolved"),
    ResolutionOutcome.WITHDRAWN: _("Withdrawn"),
}

CAPACITY_ASSESSOR_LABELS = {
    CapacityAssessor.SCHOOL: _("The school"),
    CapacityAssessor.FEI: _("The college"),
    CapacityAssessor.LOCAL_AUTHORITY: _("The local authority"),
    CapacityAssessor.NHS_BODY: _("An NHS body"),
    CapacityAssessor.TRIBUNAL: _("The Education Tribunal for Wales (a declaration)"),
}

ACTING_FOR_LABELS = {
    "case_friend": _("Case friend"),
    "representative": _("Representative"),
}

ERROR_MESSAGES.update(
    {
        RequestProblem.NO_STANDING: _(
            "The person asking cannot make this request for this learner"
        ),
        RequestProblem.NO_DECISION: _(
            "There is no decision or IDP of the school's that this request could be about"
        ),
        RequestProblem.NOT_A_SCHOOL_DECISION: _(
            "The local authority reconsiders only a school's decisions. This decision can be "
            "appealed to the Education Tribunal for Wales instead"
        ),
        # The form adds the date the window closed (see `aln.disputes`).
        RequestProblem.WINDOW_CLOSED: _("The time to ask for this has passed"),
        RequestProblem.ALREADY_OPEN: _("A request like this is already waiting for an answer"),
        ExceptionProblem.NOT_FOR_THIS_ROUTE: _("That exception does not apply to this request"),
        ExceptionProblem.REASONS_REQUIRED: _("Enter the reasons the duty does not apply"),
        OutcomeProblem.NOT_FOR_THIS_ROUTE: _("Select an answer that fits this request"),
        OutcomeProblem.DIRECTION_NEEDS_ALN: _(
            "The school can be directed to prepare an IDP only when the learner has additional "
            "learning needs"
        ),
        OutcomeProblem.REASONS_REQUIRED: _("Enter the reasons for the decision"),
        AppealProblem.NOT_APPEALABLE: _(
            "This decision cannot be appealed to the Tribunal: a school's decision goes to the "
            "local authority first"
        ),
        AppealProblem.NO_STANDING: _("The person appealing cannot appeal for this learner"),
        AppealProblem.NO_MATTERS: _("Select what the appeal is about"),
        AppealProblem.LATE_NEEDS_PERMISSION: _(
            "The appeal was made after the last day: record whether the Tribunal accepts it late"
        ),
        AppealProblem.LATE_REFUSED: _("The Tribunal did not accept the late appeal"),
        AppealMoveError.NOT_ALLOWED_NOW: _("That cannot be done at this stage of the appeal"),
        AppealMoveError.LATE_NEEDS_PERMISSION: _(
            "The appeal was late: the Tribunal's permission must be recorded first"
        ),
        AppealMoveError.NOT_LATE: _("The appeal was not late"),
        AppealMoveError.DECISION_REQUIRED: _("Select the Tribunal's decision"),
        AppealMoveError.DECISION_NEEDS_HEARING: _(
            "That decision is made at a hearing: record the hearing first"
        ),
        OrderProblem.COMPLY_BY_REQUIRED: _("Enter the date the order must be complied with by"),
        OrderProblem.COMPLY_BY_BEFORE_ORDER: _(
            "The date to comply by must be on or after the date of the order"
        ),
    }
)

# --- Disagreements: LA outcomes (A2) ---
# (the LA's answers to requests: aln.disputes.services.outcomes)
from aln.domain.disagreements import OutcomeError  # noqa: E402 (kept with its messages)

TRANSFER_KIND_LABELS.update(
    {
        TransferKind.LA_TAKES_OVER: _(
            "The local authority decided to take over the IDP (section 28 of the Act)"
        ),
    }
)

CASE_ACTION_LABELS.update(
    {
        CaseAction.LA_REPLACE_DECISION: _(
            "The local authority's own decision about additional learning needs"
        ),
        CaseAction.LA_NO_REVISION: _("The local authority decided not to revise the IDP"),
        CaseAction.LA_DECIDE_REVISION: _("The local authority decided to revise the IDP"),
        CaseAction.LA_TAKE_OVER: _("The local authority took over the IDP"),
        CaseAction.LA_REVERSE_CEASE: _("The local authority decided the IDP continues"),
    }
)

NOTICE_KIND_LABELS.update(
    {
        "take_over_agreed": _("Decision: the local authority takes over the IDP"),
        "take_over_refused": _("Decision: the local authority will not take over the IDP"),
        "revision_decided": _("Decision: the local authority will revise the IDP"),
        "cease_confirmed": _("Decision: the decision to stop maintaining the IDP stands"),
        "cease_reversed": _("Decision: the IDP continues"),
        "request_exception": _("Why the local authority will not reconsider"),
    }
)

AUDIT_EVENT_LABELS.update(
    {
        "dispute.request_decided": _("The local authority answered the request"),
        "dispute.exception_notice_given": _(
            "Letter given: why the local authority will not reconsider"
        ),
        "case.la_decision_replaced": _(
            "The local authority's decision replaced the school's decision"
        ),
        "case.la_no_revision_notice_given": _(
            "The local authority gave notice that the IDP will not be revised"
        ),
        "case.la_revision_decided": _("The local authority decided to revise the IDP"),
        "case.la_took_over": _("The local authority took over the IDP"),
        "case.la_cease_reversed": _(
            "The local authority decided the IDP continues: the decision to stop it does not stand"
        ),
        "idp.taken_over": _("IDP taken over by the local authority"),
        "idp.ended_by_la_decision": _(
            "IDP ended: the local authority decided there are no additional learning needs"
        ),
        "idp.continued": _("IDP maintained again"),
        "idp.la_revision_started": _("The local authority started the revised IDP"),
        "idp.preparer_changed": _("The body preparing the IDP changed"),
    }
)

# What each answer does, in plain words, on the page where the LA records it.
LA_OUTCOME_EXPLANATIONS = {
    LaOutcome.ALN_DECISION_CONFIRMED: _(
        "The local authority makes the same decision as the school. Its decision replaces the "
        "school's, so the family can now appeal to the Education Tribunal for Wales."
    ),
    LaOutcome.ALN_DECISION_CHANGED: _(
        "The local authority makes a different decision. If the learner has additional learning "
        "needs, an IDP follows: the local authority prepares it, or directs the school to. If "
        "not, any IDP stops. The family can appeal to the Education Tribunal for Wales."
    ),
    LaOutcome.NO_REVISION: _(
        "The IDP stays as it is and the school goes on maintaining it. The letter starts a new "
        "review period, and the family can appeal against the refusal to revise."
    ),
    LaOutcome.REVISED_SCHOOL_TO_MAINTAIN: _(
        "The local authority writes the revised IDP itself, then directs the school to maintain "
        "it. A new draft is started for local authority officers to write and give."
    ),
    LaOutcome.REVISED_AND_TAKEN_OVER: _(
        "The local authority takes the IDP over now and writes the revised IDP itself. The "
        "school no longer maintains it."
    ),
    LaOutcome.TAKEN_OVER: _(
        "The IDP becomes the local authority's from the date of the decision. The school or "
        "college no longer maintains it; the review date stays the same."
    ),
    LaOutcome.TAKE_OVER_REFUSED: _(
        "The school or college goes on maintaining the IDP. The family can appeal against the "
        "refusal to take it over."
    ),
    LaOutcome.CEASING_CONFIRMED: _(
        "The IDP stays stopped. The family can appeal to the Education Tribunal for Wales."
    ),
    LaOutcome.CEASING_REVERSED: _(
        "The IDP is maintained again by the school, and the review period that was running "
        "when it stopped runs again."
    ),
}

ERROR_MESSAGES.update(
    {
        OutcomeProblem.NOT_THE_SCHOOLS_DECISION: _(
            "The answer does not match the school's decision: choose “the same decision as the "
            "school” only when the local authority decided what the school decided"
        ),
        OutcomeProblem.HAS_ALN_REQUIRED: _(
            "Select whether the learner has additional learning needs"
        ),
        OutcomeError.NO_PLAN: _(
            "There is no individual development plan given on this case for the decision to be "
            "about"
        ),
        OutcomeError.NOTICE_ALREADY_GIVEN: _("The letter for this request has already been given"),
    }
)
# --- end of Disagreements: LA outcomes (A2) ---

# --- Disagreements: requests (A1) ---
# (requests to the LA: aln.disputes.services.requests, aln.disputes.views.requests)
from aln.domain.disagreements import RequestError  # noqa: E402 (kept with its messages)

AUDIT_EVENT_LABELS.update(
    {
        "dispute.request_recorded": _("Request to the local authority recorded"),
        "dispute.representations_invited": _("Representations invited"),
        "dispute.representations_recorded": _("Representations recorded"),
        "dispute.exception_recorded": _("Recorded that the duty to reconsider does not apply"),
        "dispute.request_withdrawn": _("Request to the local authority withdrawn"),
    }
)
RULE_LABELS.setdefault(
    "la-cease-reconsideration",
    _("Local authority reconsiders a school's decision to stop maintaining an IDP"),
)

ERROR_MESSAGES.update(
    {
        RequestError.NOT_YOURS: _("You cannot do this on this request"),
        RequestError.ONLY_LA_RECORDS: _(
            "Only the local authority that must answer can record a request received by post "
            "or email"
        ),
        RequestError.NOT_OPEN: _("This request is closed. The page shows what happened to it"),
        RequestError.ALREADY_INVITED: _(
            "Representations have already been invited on this request"
        ),
        RequestError.NOBODY_TO_INVITE: _(
            "The law does not name anyone to invite to make representations on this request"
        ),
        RequestError.NO_EXCEPTIONS: _(
            "The exceptions to the duty to reconsider do not apply to this kind of request"
        ),
        RequestError.CHANGED_BY_SOMEONE_ELSE: _(
            "Someone else changed this request while you were working on it. "
            "Check what it says now and try again"
        ),
        RequestError.BEFORE_DECISION: _(
            "The date must be on or after the date of the decision or plan the request is about"
        ),
        RequestError.BEFORE_RECEIVED: _(
            "The date must be on or after the date the request was received"
        ),
    }
)
# Shown instead of WINDOW_CLOSED's message when the date the window closed is known.
WINDOW_CLOSED_ON = _("The time to ask for this ended on %(date)s")

# Each route in plain words, with its section (the request form).
ROUTE_EXPLANATIONS = {
    Route.RECONSIDER_ALN: _(
        "The local authority looks again at the school's decision about whether the learner "
        "has additional learning needs, or its refusal to decide, and makes its own decision "
        "instead (section 26 of the Additional Learning Needs and Education Tribunal (Wales) "
        "Act 2018)."
    ),
    Route.RECONSIDER_IDP: _(
        "The local authority looks again at the individual development plan (IDP) the school "
        "keeps and decides whether it should be revised (section 27 of the Act)."
    ),
    Route.TAKE_OVER_IDP: _(
        "The local authority decides whether to take over the IDP from the school or college "
        "and keep it itself. The school's or college's governing body can ask for this too "
        "(section 28 of the Act)."
    ),
    Route.RECONSIDER_CEASING: _(
        "The local authority looks again at the school's decision to stop keeping the IDP. "
        "The request must be made within 4 weeks of being told of the decision (section 32 of "
        "the Act and regulation 12 of the Additional Learning Needs (Wales) Regulations 2021)."
    ),
}
ROUTE_SECTIONS = {
    Route.RECONSIDER_ALN: "26",
    Route.RECONSIDER_IDP: "27",
    Route.TAKE_OVER_IDP: "28",
    Route.RECONSIDER_CEASING: "32",
}
# --- end of Disagreements: requests (A1) ---

# --- Disagreements: support, capacity, log, dashboard (C) ---
from aln.domain.disagreements import (  # noqa: E402 (kept with their messages)
    ActingForProblem,
    CapacityProblem,
    SupportProblem,
)

ERROR_MESSAGES.update(
    {
        SupportProblem.NOT_YOURS: _(
            "Only the local authority's additional learning needs team can record this"
        ),
        SupportProblem.PROVIDER_REQUIRED: _("Select the provider"),
        SupportProblem.PROVIDER_WRONG_KIND: _("Select a provider of the kind the referral is for"),
        SupportProblem.PROVIDER_NOT_AVAILABLE: _(
            "Select one of your local authority's current providers"
        ),
        SupportProblem.NOT_ABOUT_THIS_LEARNER: _("Select a decision about this learner"),
        SupportProblem.OUTCOME_RECORDED: _("How this referral ended has already been recorded"),
        SupportProblem.CHANGED_BY_SOMEONE_ELSE: _(
            "Someone else changed this referral while you were working on it. Check what it "
            "says now and try again"
        ),
        CapacityProblem.NOT_YOURS: _(
            "Only the local authority, or the school or college the child attends, can record "
            "a view on the child's capacity"
        ),
        CapacityProblem.ASSESSOR_NOT_YOURS: _(
            "You can record only your own school's or college's view"
        ),
        CapacityProblem.ONLY_FOR_A_CHILD: _(
            "A view on capacity under section 84 can be recorded only for a child"
        ),
        ActingForProblem.NOT_YOURS: _(
            "Only the local authority's additional learning needs team can record a case "
            "friend or representative"
        ),
        ActingForProblem.CASE_FRIEND_ONLY_FOR_A_CHILD: _(
            "A case friend can be recorded only for a child. A young person uses their rights "
            "themselves, or through a representative"
        ),
        ActingForProblem.CASE_FRIEND_ALREADY: _(
            "The child already has a case friend. Record that they stopped acting first"
        ),
        ActingForProblem.ALREADY_ENDED: _("This person has already stopped acting"),
        ActingForProblem.CHANGED_BY_SOMEONE_ELSE: _(
            "Someone else changed this appointment while you were working on it. Check what it "
            "says now and try again"
        ),
    }
)

AUDIT_EVENT_LABELS.update(
    {
        "dispute.referral_recorded": _("Referral to disagreement resolution or advocacy recorded"),
        "dispute.referral_outcome_recorded": _("How a referral ended recorded"),
        "dispute.capacity_recorded": _("View on the child's capacity recorded"),
        "dispute.acting_for_appointed": _("Case friend or representative recorded"),
        "dispute.acting_for_ended": _("Case friend or representative stopped acting"),
    }
)
# --- end of Disagreements: support, capacity, log, dashboard (C) ---

# --- Disagreements: appeals (B) ---
from aln.domain.disagreements import AppealError  # noqa: E402 (kept with its messages)

ERROR_MESSAGES.update(
    {
        AppealError.NOT_YOURS: _(
            "Only the local authority's additional learning needs team can record this"
        ),
        AppealError.CHANGED_BY_SOMEONE_ELSE: _(
            "Someone else changed this appeal while you were working on it. "
            "Check what it says now and try again"
        ),
        AppealError.WRONG_NOTICE: _("Select a decision about this learner"),
        AppealError.RECEIVED_BEFORE_NOTICE: _(
            "The date the Tribunal received the appeal must be on or after the date the notice "
            "was given"
        ),
        AppealError.DATE_BEFORE_RECEIVED: _(
            "The date must be on or after the date the Tribunal received the appeal"
        ),
        AppealError.SENT_BEFORE_DECIDED: _(
            "The date the decision was sent must be on or after the date of the decision"
        ),
        AppealError.APPLIED_BEFORE_SENT: _(
            "The date of the application must be on or after the date the decision was sent"
        ),
        AppealError.CLOSED_BEFORE_DECIDED: _(
            "The date the appeal closed must be on or after the date of the decision"
        ),
        AppealError.ORDER_NOT_ALLOWED: _(
            "Orders can be recorded only once the Tribunal has allowed the appeal, or the local "
            "authority has conceded it, and before the appeal is closed"
        ),
        AppealError.ORDER_BEFORE_DECISION: _(
            "The date of the order must be on or after the date of the Tribunal's decision"
        ),
        AppealError.ORDER_ALREADY_COMPLETE: _(
            "This order has already been recorded as complied with"
        ),
        AppealError.ORDER_CHANGED_BY_SOMEONE_ELSE: _(
            "Someone else changed this order while you were working on it. "
            "Check what it says now and try again"
        ),
        AppealError.COMPLETED_BEFORE_ORDER: _(
            "The date it was complied with must be on or after the date of the order"
        ),
        AppealError.OWNER_NOT_ALLOWED: _(
            "Select someone in the local authority's additional learning needs team"
        ),
    }
)

AUDIT_EVENT_LABELS.update(
    {
        "dispute.appeal_recorded": _("Appeal to the Tribunal recorded"),
        "dispute.appeal_late_permission_sought": _(
            "Late appeal: waiting for the Tribunal's permission"
        ),
        "dispute.appeal_late_permission_granted": _("The Tribunal accepted the late appeal"),
        "dispute.appeal_late_permission_refused": _("The Tribunal refused the late appeal"),
        "dispute.appeal_registered": _("Appeal registered by the Tribunal"),
        "dispute.appeal_hearing_listed": _("Appeal hearing listed"),
        "dispute.appeal_decided": _("The Tribunal's decision recorded"),
        "dispute.appeal_review_applied_for": _("Application for a review of the decision"),
        "dispute.appeal_closed": _("Appeal closed"),
        "dispute.appeal_withdrawn": _("Appeal withdrawn"),
        "dispute.order_recorded": _("Tribunal order recorded"),
        "dispute.order_assigned": _("Tribunal order given to someone to follow up"),
        "dispute.order_completed": _("Tribunal order complied with"),
    }
)
# --- end of Disagreements: appeals (B) ---

# --- Audit trail search for data protection officers (issue 7: dpo) ---
AUDIT_EVENT_LABELS.update(
    {
        "audit.exported": _("Audit trail downloaded"),
        "account.signed_out_everywhere": _("Signed out on every browser and device"),
        "user.invited": _("User added"),
        "user.language_changed": _("Language changed"),
        "membership.created": _("Role given"),
        "learner.created": _("Learner added"),
        "enrolment.created": _("Enrolment recorded"),
        "family_member.linked": _("Family member linked to the learner"),
        "calendar.term_added": _("Term added"),
        "calendar.term_changed": _("Term changed"),
        "calendar.term_removed": _("Term removed"),
        "calendar.closure_added": _("Closure added"),
        "calendar.closure_removed": _("Closure removed"),
        "calendar.imported": _("Term dates imported"),
        "calendar_feed.created": _("Calendar feed address created"),
        "calendar_feed.revoked": _("Calendar feed address stopped"),
        "clock_settings.changed": _("Deadline settings changed"),
        "demo.loaded": _("Demo data loaded"),
    }
)

# What an audit event is about (`AuditEvent.subject_type`, a model's label) → words.
AUDIT_SUBJECT_LABELS = {
    "accounts.user": _("User account"),
    "accounts.membership": _("Role"),
    "organisations.localauthority": _("Local authority"),
    "organisations.setting": _("School, setting or college"),
    "learners.learner": _("Learner"),
    "learners.enrolment": _("Enrolment"),
    "learners.familymember": _("Family member"),
    "learners.familylink": _("Family member's link to a learner"),
    "learners.learneraccessgrant": _("Access to a learner's records"),
    "cases.case": _("Case"),
    "cases.evidence": _("Evidence"),
    "cases.views": _("Views, wishes and feelings"),
    "cases.advicerequest": _("Request for advice"),
    "cases.nhsreferral": _("Referral to a health board"),
    "cases.meeting": _("Meeting"),
    "deadlines.deadline": _("Deadline"),
    "deadlines.calendarterm": _("Term"),
    "deadlines.calendarclosure": _("Closure"),
    "deadlines.clocksettings": _("Deadline settings"),
    "deadlines.rulesetting": _("Time limit setting"),
    "deadlines.calendarfeedtoken": _("Calendar feed address"),
    "notices.notice": _("Notice"),
    "notices.supportprovider": _("Support provider"),
    "idps.idp": _("Individual development plan"),
    "idps.idpversion": _("Version of an IDP"),
    "idps.need": _("Need in an IDP"),
    "idps.element": _("Provision in an IDP"),
    "idps.attachment": _("Attachment to an IDP"),
    "idps.review": _("Review of an IDP"),
    "idps.reviewprogress": _("Progress recorded at a review"),
    "idps.reviewrequest": _("Request for a review of an IDP"),
    "idps.transfer": _("Transfer of an IDP"),
    "disputes.larequest": _("Request to the local authority"),
    "disputes.appeal": _("Appeal to the Tribunal"),
    "disputes.tribunalorder": _("Tribunal order"),
    "disputes.supportreferral": _("Referral to disagreement resolution or advocacy"),
    "disputes.capacityrecord": _("View on capacity"),
    "disputes.actingfor": _("Case friend or representative"),
}
# --- end of Audit trail search for data protection officers (issue 7: dpo) ---

# --- Two-step sign-in and sign-in auditing (ADR 0015) ---
from aln.domain.accounts import TwoStepError  # noqa: E402 (kept with its messages)

ERROR_MESSAGES.update(
    {
        TwoStepError.WRONG_CODE: _(
            "The code is not right. Check the code your app shows now and try again"
        ),
        TwoStepError.TOO_MANY_TRIES: _(
            "You have entered too many wrong codes. Wait a minute, then try again"
        ),
        TwoStepError.ALREADY_SET_UP: _("Two-step sign-in is already set up for your account"),
        TwoStepError.NOT_SET_UP: _("Two-step sign-in is not set up for your account"),
        TwoStepError.REQUIRED: _("Your role needs two-step sign-in, so you cannot turn it off."),
    }
)

AUDIT_EVENT_LABELS.update(
    {
        "account.signed_in": _("Signed in"),
        "account.password_accepted": _("Password accepted: code still to give"),
        "account.sign_in_failed": _("Sign-in failed: wrong email address or password"),
        "account.signed_out": _("Signed out"),
        "account.two_step_code_failed": _("Wrong two-step sign-in code"),
        "account.two_step_set_up": _("Two-step sign-in set up"),
        "account.two_step_turned_off": _("Two-step sign-in turned off"),
        "account.two_step_reset": _("Two-step sign-in reset by an administrator"),
        "account.recovery_codes_made": _("New recovery codes made"),
        "account.recovery_code_used": _("Recovery code used to sign in"),
    }
)
# --- end of two-step sign-in ---

# --- Access log (who opened, downloaded or exported a learner's data) ---
# Access events are kept out of records' histories (`aln.audit.access`); these words are for the
# audit search.
AUDIT_EVENT_LABELS.update(
    {
        "learner.viewed": _("Learner's record opened"),
        "learner.list_viewed": _("List of learners viewed"),
        "case.viewed": _("Case record opened"),
        "deadline.viewed": _("Deadline opened"),
        "deadline.list_viewed": _("List of deadlines viewed"),
        "deadline.feed_downloaded": _("Calendar of deadlines downloaded by a calendar app"),
        "idp.version_viewed": _("Version of the IDP opened"),
        "idp.review_viewed": _("Review of the IDP opened"),
        "idp.review_request_viewed": _("Request for a review of the IDP opened"),
        "dispute.log_viewed": _("Learner's disagreements opened"),
        "dispute.dashboard_viewed": _("Disagreements and appeals dashboard viewed"),
        "dispute.request_viewed": _("Request to the local authority opened"),
        "dispute.appeal_viewed": _("Appeal to the Tribunal opened"),
        "dispute.order_viewed": _("Tribunal order opened"),
        "dispute.referral_viewed": _("Referral to disagreement resolution or advocacy opened"),
        "dispute.capacity_viewed": _("View on the child's capacity opened"),
        "dispute.acting_for_viewed": _("Case friend or representative record opened"),
    }
)
# --- end of access log ---

# --- Sessions: inactivity timeout (issue 7) ---
AUDIT_EVENT_LABELS.update(
    {
        "account.signed_out_idle": _("Signed out after a period without using the service"),
    }
)
# --- end of Sessions: inactivity timeout ---

# --- Data protection: subject access export and retention (ADR 0017) ---
from aln.domain.retention import RetentionError  # noqa: E402 (kept with its messages)

ERROR_MESSAGES.update(
    {
        RetentionError.YEARS_OUT_OF_RANGE: _("Number of years must be between 26 and 100"),
        RetentionError.DOCUMENTS_OUTLIVE_FILE: _(
            "Documents cannot be kept longer than the learner's file"
        ),
        RetentionError.AUDIT_BEFORE_FILE: _(
            "Audit events must be kept at least as long as the learner's file"
        ),
        RetentionError.NOTHING_SELECTED: _("Select the records to erase"),
        RetentionError.NOT_ERASABLE: _(
            "Some of the records you selected are not past their retention period. "
            "Nothing has been erased"
        ),
        RetentionError.HAS_OPEN_CASE: _(
            "A learner you selected has a case that is still open. Nothing has been erased"
        ),
        RetentionError.CONFIRMATION_WRONG: _("Type the word erase to confirm"),
        RetentionError.REASON_REQUIRED: _("Enter why these records are being erased"),
    }
)

AUDIT_EVENT_LABELS.update(
    {
        "learner.subject_access_exported": _("Subject access export made"),
        "retention_settings.changed": _("Retention periods changed"),
        "retention.erased": _("Records erased at the end of their retention period"),
        "retention.erasure_completed": _("Records past their retention period erased"),
        "retention.list_viewed": _("Records past their retention period viewed"),
    }
)

# `aln.domain.retention.RecordType`, by value.
RETENTION_RECORD_TYPE_LABELS = {
    "learner_file": _("The learner's file"),
    "documents": _("Documents attached to plans"),
    "audit_events": _("Audit events about the learner's records"),
}

RETENTION_RECORD_TYPE_HINTS = {
    "learner_file": _(
        "The learner and every record about them: family, schools, cases, plans, notices, "
        "disagreements and deadlines. Erasing the file erases them all."
    ),
    "documents": _(
        "Reports and other files uploaded to a plan. They can be erased sooner than the file, "
        "but not later."
    ),
    "audit_events": _(
        "Who opened or changed the learner's records. They are kept at least as long as the "
        "file. The service cannot erase them yet."
    ),
}

# `aln.dataprotection.learner_file.SECTIONS`, by key: what each part of `learner.json` holds.
SUBJECT_ACCESS_SECTION_LABELS = {
    "learner": _("The learner's details"),
    "family_links": _("How each parent or carer is related to the learner"),
    "family_members": _("Parents and carers: names and contact details"),
    "enrolments": _("Schools, settings and colleges, with dates"),
    "access_grants": _("People given access to the learner's records, and why"),
    "cases": _("Cases: concerns, decisions and reasons"),
    "evidence": _("Support already given"),
    "views": _("Views, wishes and feelings"),
    "advice_requests": _("Advice and assessments asked for"),
    "nhs_referrals": _("Referrals to a health board"),
    "meetings": _("Meetings"),
    "deadlines": _("Statutory deadlines"),
    "notices": _("Notices given (the PDFs are in the documents folder)"),
    "idps": _("Individual development plans"),
    "idp_versions": _("Every version of each plan"),
    "idp_needs": _("Needs described in each version of a plan"),
    "idp_elements": _("Additional learning provision in each version of a plan"),
    "idp_attachments": _("Documents attached to plans (the files are in the documents folder)"),
    "idp_reviews": _("Reviews of plans"),
    "idp_review_progress": _("Progress towards each outcome, as each review found it"),
    "idp_review_requests": _("Requests for a review"),
    "idp_transfers": _("Plans passed to another school, college or authority"),
    "la_requests": _("Requests to the local authority"),
    "appeals": _("Appeals to the Education Tribunal for Wales"),
    "tribunal_orders": _("Orders made by the Tribunal"),
    "support_referrals": _("Referrals to disagreement resolution or independent advocacy"),
    "capacity_records": _("Views on whether the child has capacity"),
    "acting_for": _("Case friends and representatives"),
}
# --- end of Data protection ---

# --- Access log: the home page, which names a family's children and the tasks staff own ---
AUDIT_EVENT_LABELS.update({"home.viewed": _("Home page with learners' names viewed")})

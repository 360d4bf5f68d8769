"""Domain codes to translated words: the one place the interface turns codes into language."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from aln.domain.access import Relationship
from aln.domain.accounts import AccountError
from aln.domain.calendar import CalendarErrorCode
from aln.domain.deadlines import DeadlineError, DeadlineStatus, MissedReason
from aln.domain.learners import LearnerError
from aln.domain.organisations import (
    EducationArrangement,
    LanguageMedium,
    LAServiceKind,
    NeedType,
    SettingKind,
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
}

# Short names for the statutory time limits (`aln.domain.timelines.RULES`), by rule id.
RULE_LABELS = {
    "school-decision": _("School decides whether the learner has ALN (35 school days)"),
    "fei-decision": _("College decides whether the learner has ALN (35 term-time days)"),
    "la-decision": _("Local authority decides whether the learner has ALN (12 weeks)"),
    "la-reconsideration": _("Local authority reconsiders a school's decision"),
    "la-idp-reconsideration": _("Local authority reconsiders a school's IDP"),
    "la-takeover-decision": _("Local authority decides whether to take over an IDP"),
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

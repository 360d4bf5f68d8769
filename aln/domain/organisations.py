"""Kinds of settings, language medium, LA services and types of need, as codes.

Setting kinds are those named in Estyn's 2025 thematic review of the ALN system and the council
pages the project was created from: maintained nursery, primary, secondary, all-age and special
schools, pupil referral units, funded non-maintained early years settings, further education
institutions and independent schools. Language categories follow the Welsh Government's school
categories by language (English-medium, Welsh-medium, dual stream, bilingual/transitional).
Types of need are the 14 Schools' Census (PLASC) categories (aln-statutory-spec.md §11.1).
"""

from enum import StrEnum


class SettingKind(StrEnum):
    MAINTAINED_NURSERY = "maintained_nursery"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    ALL_AGE = "all_age"
    SPECIAL = "special"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit"
    NON_MAINTAINED_EARLY_YEARS = "non_maintained_early_years"
    FEI = "fei"
    INDEPENDENT = "independent"


# Maintained by an LA: their governing bodies carry the school duties in ALNET Act ss.11-12.
MAINTAINED_SCHOOL_KINDS = frozenset(
    {
        SettingKind.MAINTAINED_NURSERY,
        SettingKind.PRIMARY,
        SettingKind.SECONDARY,
        SettingKind.ALL_AGE,
        SettingKind.SPECIAL,
        SettingKind.PUPIL_REFERRAL_UNIT,
    }
)
# An ALNCo must be designated for these (Act s.60; special schools are excluded, EN para 138),
# and FEIs (s.60(1)(b)). Funded non-maintained settings have no statutory ALNCo.
ALNCO_REQUIRED_KINDS = (MAINTAINED_SCHOOL_KINDS - {SettingKind.SPECIAL}) | {SettingKind.FEI}


class LanguageMedium(StrEnum):
    ENGLISH = "english"
    WELSH = "welsh"
    DUAL_STREAM = "dual_stream"
    BILINGUAL = "bilingual"


class LAServiceKind(StrEnum):
    EDUCATIONAL_PSYCHOLOGY = "educational_psychology"
    EARLY_YEARS_ALN = "early_years_aln"
    BEHAVIOUR_SUPPORT = "behaviour_support"
    LITERACY_SUPPORT = "literacy_support"
    SPEECH_AND_LANGUAGE_OUTREACH = "speech_and_language_outreach"
    ENGLISH_WELSH_ADDITIONAL_LANGUAGE = "english_welsh_additional_language"
    SENSORY_SUPPORT = "sensory_support"


class NeedType(StrEnum):
    MODERATE_LEARNING_DIFFICULTIES = "mld"
    SEVERE_LEARNING_DIFFICULTIES = "sld"
    PROFOUND_MULTIPLE_LEARNING_DIFFICULTIES = "pmld"
    DYSLEXIA = "dyslexia"
    DYSCALCULIA = "dyscalculia"
    DYSPRAXIA = "dyspraxia"
    ADHD = "adhd"
    AUTISTIC_SPECTRUM = "asd"
    PHYSICAL_MEDICAL = "physical_medical"
    HEARING_IMPAIRMENT = "hearing"
    VISUAL_IMPAIRMENT = "visual"
    MULTI_SENSORY_IMPAIRMENT = "multi_sensory"
    SPEECH_LANGUAGE_COMMUNICATION = "slcd"
    BEHAVIOURAL_EMOTIONAL_SOCIAL = "besd"


class EducationArrangement(StrEnum):
    """How a learner is educated, which decides who owes the ALN duties (Act ss.11-14)."""

    AT_SETTING = "at_setting"
    ELECTIVE_HOME_EDUCATION = "elective_home_education"
    EOTAS = "eotas"
    NOT_IN_EDUCATION = "not_in_education"


class Language(StrEnum):
    ENGLISH = "en"
    WELSH = "cy"

"""Rules for recording a learner, as error codes the interface layer translates."""

import datetime
from enum import StrEnum


class LearnerError(StrEnum):
    DATE_OF_BIRTH_IN_FUTURE = "learner.date_of_birth_in_future"
    DUPLICATE_UPN = "learner.duplicate_upn"
    UNKNOWN_SETTING = "learner.unknown_setting"
    LOOKED_AFTER_NEEDS_AUTHORITY = "learner.looked_after_needs_authority"
    ENROLMENT_BEFORE_BIRTH = "learner.enrolment_before_birth"
    SETTING_REQUIRED = "learner.setting_required"
    OUTSIDE_YOUR_RESPONSIBILITY = "learner.outside_your_responsibility"


def check_date_of_birth(date_of_birth: datetime.date, today: datetime.date) -> LearnerError | None:
    """A date of birth cannot be after today."""
    if date_of_birth > today:
        return LearnerError.DATE_OF_BIRTH_IN_FUTURE
    return None


def check_enrolment_start(
    date_of_birth: datetime.date, started_on: datetime.date
) -> LearnerError | None:
    """An enrolment cannot start before the learner was born."""
    if started_on < date_of_birth:
        return LearnerError.ENROLMENT_BEFORE_BIRTH
    return None

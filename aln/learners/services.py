import datetime
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from aln.accounts.models import User
from aln.audit.services import audit_record
from aln.common.clock import today
from aln.common.errors import ServiceError
from aln.domain import upn as upn_rules
from aln.domain.learners import LearnerError, check_date_of_birth, check_enrolment_start
from aln.domain.organisations import EducationArrangement
from aln.learners.models import Enrolment, FamilyLink, FamilyMember, Learner
from aln.learners.selectors import learner_visible_queryset
from aln.organisations.models import LocalAuthority, Setting
from aln.organisations.selectors import setting_list_for


@dataclass(frozen=True)
class NewFamilyMember:
    full_name: str
    relationship: str
    email: str = ""
    phone: str = ""
    preferred_language: str = "en"
    has_parental_responsibility: bool = True


@dataclass(frozen=True)
class NewLearner:
    first_name: str
    last_name: str
    date_of_birth: datetime.date
    home_local_authority: LocalAuthority
    education_arrangement: EducationArrangement
    preferred_language: str
    upn: str = ""
    setting_id: object = None
    started_on: datetime.date | None = None
    is_looked_after: bool = False
    looked_after_by: LocalAuthority | None = None
    family_member: NewFamilyMember | None = None


def _validated_upn(raw: str) -> str:
    if not raw.strip():
        return ""
    result = upn_rules.validate(raw)
    if result.error is not None:
        raise ServiceError(result.error, field="upn")
    if Learner.objects.filter(upn=result.value).exists():
        raise ServiceError(LearnerError.DUPLICATE_UPN, field="upn")
    return result.value


def _validated_setting(actor: User, data: NewLearner) -> Setting | None:
    if data.education_arrangement is not EducationArrangement.AT_SETTING:
        return None
    if data.setting_id is None:
        raise ServiceError(LearnerError.SETTING_REQUIRED, field="setting")
    try:
        setting_id = uuid.UUID(str(data.setting_id))
    except ValueError as error:
        raise ServiceError(LearnerError.UNKNOWN_SETTING, field="setting") from error
    setting = setting_list_for(user=actor).filter(pk=setting_id).first()
    if setting is None:
        raise ServiceError(LearnerError.UNKNOWN_SETTING, field="setting")
    return setting


def _check(actor: User, data: NewLearner) -> tuple[str, Setting | None]:
    error = check_date_of_birth(data.date_of_birth, today())
    if error is not None:
        raise ServiceError(error, field="date_of_birth")
    if data.is_looked_after and data.looked_after_by is None:
        raise ServiceError(LearnerError.LOOKED_AFTER_NEEDS_AUTHORITY, field="looked_after_by")
    setting = _validated_setting(actor, data)
    started_on = data.started_on or today()
    if setting is not None and check_enrolment_start(data.date_of_birth, started_on):
        raise ServiceError(LearnerError.ENROLMENT_BEFORE_BIRTH, field="started_on")
    return _validated_upn(data.upn), setting


def learner_create(*, actor: User, data: NewLearner) -> Learner:
    """Record a learner, their current setting and a parent or carer, all or nothing.

    Audit events: `learner.created`, `enrolment.created`, `family_member.linked`. No side effects.
    Raises ServiceError with a LearnerError or UpnError code (and the field) when input is wrong.
    """
    upn, setting = _check(actor, data)
    try:
        with transaction.atomic():
            learner = Learner.objects.create(
                first_name=data.first_name.strip(),
                last_name=data.last_name.strip(),
                date_of_birth=data.date_of_birth,
                upn=upn,
                home_local_authority=data.home_local_authority,
                is_looked_after=data.is_looked_after,
                looked_after_by=data.looked_after_by if data.is_looked_after else None,
                education_arrangement=data.education_arrangement.value,
                preferred_language=data.preferred_language,
                created_by=actor,
            )
            tenant = data.home_local_authority.pk
            audit_record(
                actor=actor,
                event_type="learner.created",
                subject=learner,
                local_authority_id=tenant,
                changes={"upn": [None, upn], "home_local_authority": [None, str(tenant)]},
            )
            if setting is not None:
                enrolment = Enrolment.objects.create(
                    learner=learner,
                    setting=setting,
                    started_on=data.started_on or today(),
                    created_by=actor,
                )
                audit_record(
                    actor=actor,
                    event_type="enrolment.created",
                    subject=enrolment,
                    local_authority_id=tenant,
                    changes={"setting": [None, str(setting.pk)]},
                )
            if data.family_member is not None:
                _link_family_member(actor, learner, data.family_member, tenant)
            if not learner_visible_queryset(user=actor).filter(pk=learner.pk).exists():
                raise ServiceError(
                    LearnerError.OUTSIDE_YOUR_RESPONSIBILITY, field="home_local_authority"
                )
    except IntegrityError as error:
        # Two people saving the same UPN at once: the database constraint decides.
        if upn and Learner.objects.filter(upn=upn).exists():
            raise ServiceError(LearnerError.DUPLICATE_UPN, field="upn") from error
        raise
    return learner


def _link_family_member(
    actor: User, learner: Learner, new: NewFamilyMember, tenant: object
) -> None:
    member = FamilyMember.objects.create(
        full_name=new.full_name.strip(),
        email=new.email.strip().lower(),
        phone=new.phone.strip(),
        preferred_language=new.preferred_language,
        created_by=actor,
    )
    link = FamilyLink.objects.create(
        learner=learner,
        family_member=member,
        relationship=new.relationship,
        has_parental_responsibility=new.has_parental_responsibility,
        is_main_contact=True,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        event_type="family_member.linked",
        subject=link,
        local_authority_id=tenant,
        changes={"relationship": [None, new.relationship]},
    )


def learner_set_looked_after(
    *, actor: User, learner: Learner, looked_after_by: LocalAuthority | None, reason: str
) -> None:
    """Record that a learner became, or stopped being, looked after by a local authority.

    Called by the service that acts on it (a plan's transfer into or out of care, s.35(11)-(13)):
    who looks after the child decides who is responsible for them (Act ss.18-19) and who may see
    their record. Audit event: `learner.looked_after_changed`.
    """
    before = str(learner.looked_after_by_id) if learner.looked_after_by_id else None
    after = str(looked_after_by.pk) if looked_after_by else None
    if before == after:
        return
    Learner.objects.filter(pk=learner.pk).update(
        is_looked_after=looked_after_by is not None, looked_after_by=looked_after_by
    )
    learner.is_looked_after = looked_after_by is not None
    learner.looked_after_by = looked_after_by
    audit_record(
        actor=actor,
        event_type="learner.looked_after_changed",
        subject=learner,
        local_authority_id=learner.home_local_authority_id,
        changes={"looked_after_by": [before, after]},
        reason=reason,
    )

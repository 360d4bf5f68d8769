"""A learner with one of every kind of record, and stored documents, for export and erasure."""

import datetime

import pytest
from django.apps import apps

from aln.audit.services import audit_record
from aln.notifications.models import OutboxMessage
from aln.organisations.models import HealthBoard
from tests.conftest import signed_in
from tests.factories import (
    ActingForFactory,
    AppealFactory,
    AttachmentFactory,
    CapacityRecordFactory,
    CaseFactory,
    DeadlineFactory,
    ElementFactory,
    EnrolmentFactory,
    EvidenceFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    IdpFactory,
    IdpVersionFactory,
    LaRequestFactory,
    LearnerAccessGrantFactory,
    LearnerFactory,
    NeedFactory,
    NoticeFactory,
    ReviewFactory,
    ReviewRequestFactory,
    SettingFactory,
    SupportReferralFactory,
    TransferFactory,
    TribunalOrderFactory,
    UserFactory,
)

D = datetime.date.fromisoformat
# Past a 31-year period on any day these tests run; and well inside it.
OLD = D("1980-03-14")
YOUNG = D("2012-09-02")


@pytest.fixture(autouse=True)
def _data_protection_urls(settings):
    settings.ROOT_URLCONF = "tests.aln.dataprotection.urls"


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def dpo(client, authority):
    return signed_in(client, "data_protection_officer", local_authority=authority)


def model(label):
    return apps.get_model(label)


def build_file(learner, *, school=None, copies=1, case_stage="closed"):
    """One (or `copies`) of every kind of record about `learner`; returns them by section key.

    Every case is closed (a learner past retention has no live work) unless `case_stage` says.
    """
    made: dict[str, list] = {}

    def add(key, record):
        made.setdefault(key, []).append(record)
        return record

    if not learner.enrolments.exists():
        EnrolmentFactory(learner=learner, setting=school or SettingFactory())
    made["enrolments"] = list(learner.enrolments.all())
    school = school or made["enrolments"][0].setting
    staff = UserFactory()
    for _n in range(copies):
        member = add("family_members", FamilyMemberFactory())
        add("family_links", FamilyLinkFactory(learner=learner, family_member=member))
        add("access_grants", LearnerAccessGrantFactory(learner=learner))
        case = add(
            "cases",
            CaseFactory(
                learner=learner,
                local_authority=learner.home_local_authority,
                setting=school,
                stage=case_stage,
                owner=staff,
            ),
        )
        add("evidence", EvidenceFactory(case=case))
        add(
            "views",
            model("cases.Views").objects.create(
                case=case, whose="child", important_to="Friends", gathered_on=D("2026-09-01")
            ),
        )
        add(
            "advice_requests",
            model("cases.AdviceRequest").objects.create(
                case=case,
                source="educational_psychology",
                asked_of="Dr Evans",
                question="Reading assessment",
                requested_on=D("2026-09-02"),
                wanted_by=D("2026-10-02"),
            ),
        )
        nhs_deadline = add(
            "deadlines", DeadlineFactory(case=case, rule_id="nhs-response", owner=staff)
        )
        add(
            "nhs_referrals",
            model("cases.NhsReferral").objects.create(
                case=case,
                health_board=HealthBoard.objects.get(code="7A1"),
                question="Speech and language",
                received_on=D("2026-09-03"),
                deadline=nhs_deadline,
            ),
        )
        add(
            "meetings",
            model("cases.Meeting").objects.create(
                case=case, held_on=D("2026-09-10"), invited="Family", notes="Agreed a plan"
            ),
        )
        notice = add("notices", NoticeFactory(case=case))
        idp = add("idps", IdpFactory(case=case))
        given = add(
            "idp_versions",
            IdpVersionFactory(idp=idp, number=1, state="issued", issued_on=D("2026-01-12")),
        )
        draft = add(
            "idp_versions",
            IdpVersionFactory(idp=idp, number=2, notice=NoticeFactory(case=case)),
        )
        add("notices", draft.notice)
        need = add("idp_needs", NeedFactory(version=draft))
        add("idp_elements", ElementFactory(version=draft, need_keys=[need.key]))
        add("idp_attachments", AttachmentFactory(idp=idp))
        review = add("idp_reviews", ReviewFactory(idp=idp, version=given))
        add(
            "idp_review_progress",
            model("idps.ReviewProgress").objects.create(
                review=review, element_key="k", outcome="Read", progress="Good"
            ),
        )
        add("idp_review_requests", ReviewRequestFactory(idp=idp, review=review))
        add("idp_transfers", TransferFactory(idp=idp))
        request_deadline = add(
            "deadlines", DeadlineFactory(case=case, rule_id="la-reconsideration")
        )
        la_request = add(
            "la_requests", LaRequestFactory(case=case, deadline=request_deadline, notice=notice)
        )
        appeal = add("appeals", AppealFactory(case=case, la_request=la_request, notice=notice))
        add("tribunal_orders", TribunalOrderFactory(appeal=appeal))
        add(
            "support_referrals",
            SupportReferralFactory(learner=learner, case=case, notice=notice),
        )
        add("capacity_records", CapacityRecordFactory(learner=learner))
        add("acting_for", ActingForFactory(learner=learner))
        OutboxMessage.objects.create(
            dedupe_key=f"notice-issued:{notice.pk}:parent@example.org",
            to_email="parent@example.org",
            language="en",
            subject="A notice about your child",
            body=f"{learner.full_name}: a notice.",
            send_after=notice.created_at,
        )
        audit_record(actor=staff, event_type="case.opened", subject=case)
    audit_record(actor=staff, event_type="learner.created", subject=learner)
    return made


@pytest.fixture
def old_learner(authority, school):
    learner = LearnerFactory(date_of_birth=OLD, home_local_authority=authority)
    EnrolmentFactory(learner=learner, setting=school, started_on=D("1985-09-01"))
    return learner


@pytest.fixture
def young_learner(authority, school):
    learner = LearnerFactory(date_of_birth=YOUNG, home_local_authority=authority)
    EnrolmentFactory(learner=learner, setting=school)
    return learner


__all__ = ["OLD", "YOUNG", "build_file", "signed_in"]

import datetime
import hashlib

import factory
from factory.django import DjangoModelFactory

from aln.accounts.models import Membership, User
from aln.cases.models import Case
from aln.deadlines.models import CalendarClosure, CalendarTerm, Deadline
from aln.domain import upn
from aln.learners.models import Enrolment, FamilyLink, FamilyMember, Learner, LearnerAccessGrant
from aln.notices.models import Notice, SupportProvider
from aln.organisations.models import LAService, LocalAuthority, Setting


class LocalAuthorityFactory(DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    # 800-889: never one of the codes tests ask for by name (990-999), which get_or_create would
    # otherwise hand back, making an "unrelated" authority the same as the test's own.
    code = factory.Sequence(lambda n: f"{800 + n % 90}")
    gss_code = factory.Sequence(lambda n: f"X{n:08d}")
    name_en = factory.Sequence(lambda n: f"Test Authority {n}")
    name_cy = factory.Sequence(lambda n: f"Awdurdod Prawf {n}")
    is_demo = True


class SettingFactory(DjangoModelFactory):
    class Meta:
        model = Setting

    name_en = factory.Sequence(lambda n: f"Test Primary School {n}")
    name_cy = factory.Sequence(lambda n: f"Ysgol Gynradd Prawf {n}")
    kind = "primary"
    language_medium = "english"
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    establishment_number = factory.Sequence(lambda n: f"{2000 + n}")


class LAServiceFactory(DjangoModelFactory):
    class Meta:
        model = LAService

    name_en = "Educational Psychology Service"
    name_cy = "Gwasanaeth Seicoleg Addysg"
    kind = "educational_psychology"
    lead_authority = factory.SubFactory(LocalAuthorityFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = "alnco"


class LearnerFactory(DjangoModelFactory):
    class Meta:
        model = Learner

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = datetime.date(2016, 5, 4)
    upn = factory.Sequence(lambda n: upn.make(999, 1000 + n % 9000, 24, n % 1000))
    home_local_authority = factory.SubFactory(LocalAuthorityFactory)


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    learner = factory.SubFactory(LearnerFactory)
    setting = factory.SubFactory(SettingFactory)
    started_on = datetime.date(2021, 9, 1)


class FamilyMemberFactory(DjangoModelFactory):
    class Meta:
        model = FamilyMember

    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"parent{n}@example.org")


class FamilyLinkFactory(DjangoModelFactory):
    class Meta:
        model = FamilyLink

    learner = factory.SubFactory(LearnerFactory)
    family_member = factory.SubFactory(FamilyMemberFactory)
    relationship = "mother"


class LearnerAccessGrantFactory(DjangoModelFactory):
    class Meta:
        model = LearnerAccessGrant

    learner = factory.SubFactory(LearnerFactory)
    user = factory.SubFactory(UserFactory)
    reason = "Assessment requested"


class CaseFactory(DjangoModelFactory):
    """A school's ALN decision case for an enrolled learner (no deadline: use DeadlineFactory)."""

    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"ALN-T{n:07d}")
    learner = factory.SubFactory(LearnerFactory)
    local_authority = factory.SelfAttribute("learner.home_local_authority")
    setting = factory.SubFactory(
        SettingFactory, local_authority=factory.SelfAttribute("..local_authority")
    )
    kind = "aln_decision"
    deciding_body = "school"
    opened_on = datetime.date(2026, 10, 1)


class DeadlineFactory(DjangoModelFactory):
    """A stored deadline; set `due_on` yourself (services compute it, factories do not)."""

    class Meta:
        model = Deadline

    case = factory.SubFactory(CaseFactory)
    rule_id = "school-decision"
    local_authority = factory.SelfAttribute("case.local_authority")
    setting = factory.SelfAttribute("case.setting")
    started_on = factory.SelfAttribute("case.opened_on")
    due_on = factory.LazyAttribute(lambda d: d.started_on + datetime.timedelta(days=49))
    reminder_on = factory.LazyAttribute(lambda d: d.due_on - datetime.timedelta(days=7))
    state = "open"


class CalendarTermFactory(DjangoModelFactory):
    class Meta:
        model = CalendarTerm

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2026, 10, 23)


class CalendarClosureFactory(DjangoModelFactory):
    class Meta:
        model = CalendarClosure

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    starts_on = datetime.date(2026, 9, 18)
    ends_on = datetime.date(2026, 9, 18)
    reason = "INSET day"


class EvidenceFactory(DjangoModelFactory):
    """Graduated-response evidence on a case, written directly (the service also audits it)."""

    class Meta:
        model = "cases.Evidence"

    case = factory.SubFactory(CaseFactory)
    kind = "targeted"
    description = "Small-group phonics, three times a week"
    started_on = datetime.date(2026, 9, 7)
    provided_by = "Teaching assistant"
    progress = "Reading age up four months"


class SupportProviderFactory(DjangoModelFactory):
    class Meta:
        model = SupportProvider

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    kind = "independent_advocacy"
    name_en = factory.Sequence(lambda n: f"Advocacy Service {n}")
    name_cy = factory.Sequence(lambda n: f"Gwasanaeth Eirioli {n}")
    phone = "0808 800 0000"
    email = "help@advocacy.example"
    website = "www.advocacy.example"
    description_en = "Free, independent advocacy for children and young people."
    description_cy = "Eiriolaeth annibynnol am ddim i blant a phobl ifanc."


_FAKE_PDF = b"%PDF-1.7\n% a stand-in notice for tests\n%%EOF\n"


class NoticeFactory(DjangoModelFactory):
    """A stored notice with a stand-in PDF (the service renders real ones: `notice_issue`)."""

    class Meta:
        model = Notice

    case = factory.SubFactory(CaseFactory)
    learner = factory.SelfAttribute("case.learner")
    local_authority = factory.SelfAttribute("case.local_authority")
    kind = "no_aln"
    language = "en"
    recipients = factory.LazyFunction(lambda: ["child", "parent"])
    addressee_names = factory.LazyFunction(lambda: ["Siân Prys"])
    rights = factory.LazyFunction(lambda: ["ask_la_to_reconsider"])
    method = "post"
    given_on = datetime.date(2026, 11, 23)
    file = factory.django.FileField(filename="notice.pdf", data=_FAKE_PDF)
    sha256 = hashlib.sha256(_FAKE_PDF).hexdigest()
    size_bytes = len(_FAKE_PDF)


class IdpFactory(DjangoModelFactory):
    """A plan maintained by the case's school (its first version: IdpVersionFactory)."""

    class Meta:
        model = "idps.Idp"

    case = factory.SubFactory(CaseFactory, stage="maintaining", outcome="has_aln")
    learner = factory.SelfAttribute("case.learner")
    local_authority = factory.SelfAttribute("case.local_authority")
    setting = factory.SelfAttribute("case.setting")
    maintained_by = "school"


class IdpVersionFactory(DjangoModelFactory):
    """A version written directly; `state="issued"` needs `issued_on` (the services freeze it)."""

    class Meta:
        model = "idps.IdpVersion"

    idp = factory.SubFactory(IdpFactory)
    number = 1
    state = "draft"
    like_and_admire = "Kind, funny and brilliant with animals."
    important_to_me = "Football with my friends."
    how_to_support_me = "One instruction at a time."
    needs_summary = "Difficulty decoding unfamiliar words."


class NeedFactory(DjangoModelFactory):
    class Meta:
        model = "idps.Need"

    version = factory.SubFactory(IdpVersionFactory)
    description = "Difficulty decoding unfamiliar words."
    impact = "Cannot yet read class texts independently."


class ElementFactory(DjangoModelFactory):
    class Meta:
        model = "idps.Element"

    version = factory.SubFactory(IdpVersionFactory)
    outcome = "By July 2027, read 40 common words aloud correctly in 4 out of 5 checks."
    provision = "Structured phonics, one to one"
    frequency = "Three times a week"
    duration = "20 minutes"
    group_size = "1:1"
    welsh_required = False
    provider = "school"
    starts_on = datetime.date(2026, 10, 19)
    review_or_end_on = datetime.date(2027, 7, 16)
    rationale = "Educational psychologist's report"


class AttachmentFactory(DjangoModelFactory):
    """An appendix with a stand-in PDF file."""

    class Meta:
        model = "idps.Attachment"

    idp = factory.SubFactory(IdpFactory)
    kind = "professional_report"
    title = "Educational psychologist's report"
    file = factory.django.FileField(filename="report.pdf", data=_FAKE_PDF)
    filename = "report.pdf"
    content_type = "application/pdf"
    size_bytes = len(_FAKE_PDF)
    added_in = 1


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = "idps.Review"

    idp = factory.SubFactory(IdpFactory)
    version = factory.SubFactory(
        IdpVersionFactory,
        idp=factory.SelfAttribute("..idp"),
        state="issued",
        issued_on=datetime.date(2026, 1, 12),
    )
    invited = "Cai, his mother, the class teacher"
    invited_on = datetime.date(2026, 10, 1)
    held_on = datetime.date(2026, 10, 12)
    learner_views = "Cai likes his reading group."
    decision = "no_revision"
    reasons = "Good progress."


class ReviewRequestFactory(DjangoModelFactory):
    class Meta:
        model = "idps.ReviewRequest"

    idp = factory.SubFactory(IdpFactory)
    requested_by = "parent"
    requester_name = "Siân Prys"
    received_on = datetime.date(2026, 10, 5)
    reason = "Cai is finding the new class hard."


class TransferFactory(DjangoModelFactory):
    class Meta:
        model = "idps.Transfer"

    idp = factory.SubFactory(IdpFactory)
    kind = "in_year_school"
    joined_on = datetime.date(2026, 9, 7)
    from_body = "school"
    from_local_authority = factory.SelfAttribute("idp.local_authority")
    to_body = "school"
    to_local_authority = factory.SelfAttribute("idp.local_authority")
    to_setting = factory.SelfAttribute("idp.setting")


# --- Disagreements (aln.disputes) ---------------------------------------------------------------


class LaRequestFactory(DjangoModelFactory):
    """An open request to the LA to reconsider a school's decision (s.26)."""

    class Meta:
        model = "disputes.LaRequest"

    case = factory.SubFactory(CaseFactory, stage="closed", outcome="no_aln")
    learner = factory.SelfAttribute("case.learner")
    local_authority = factory.SelfAttribute("case.local_authority")
    setting = factory.SelfAttribute("case.setting")
    route = "reconsider_aln"
    requester = "parent"
    requester_name = "Siân Prys"
    received_on = datetime.date(2026, 11, 2)
    details = "We think the school has not taken account of the speech therapist's report."


class AppealFactory(DjangoModelFactory):
    """An appeal against an LA's decision that the learner has no ALN, just made."""

    class Meta:
        model = "disputes.Appeal"

    case = factory.SubFactory(CaseFactory, stage="closed", outcome="no_aln")
    learner = factory.SelfAttribute("case.learner")
    local_authority = factory.SelfAttribute("case.local_authority")
    decided_by = "local_authority"
    appellant = "parent"
    appellant_name = "Siân Prys"
    matters = factory.LazyFunction(lambda: ["has_aln"])
    notice_given_on = datetime.date(2026, 10, 5)
    received_on = datetime.date(2026, 11, 16)
    last_day = datetime.date(2026, 12, 1)


class TribunalOrderFactory(DjangoModelFactory):
    class Meta:
        model = "disputes.TribunalOrder"

    appeal = factory.SubFactory(AppealFactory, stage="decided", decision="allowed")
    kind = "prepare_idp"
    details = "The local authority must prepare an IDP."
    made_on = datetime.date(2026, 11, 20)
    comply_by = datetime.date(2027, 1, 15)


class SupportReferralFactory(DjangoModelFactory):
    class Meta:
        model = "disputes.SupportReferral"

    learner = factory.SubFactory(LearnerFactory)
    local_authority = factory.SelfAttribute("learner.home_local_authority")
    kind = "disagreement_resolution"
    referred_on = datetime.date(2026, 11, 9)
    referred_by_name = "Siân Prys"
    about = "The family disagree with the decision that Cai has no additional learning needs."


class CapacityRecordFactory(DjangoModelFactory):
    class Meta:
        model = "disputes.CapacityRecord"

    learner = factory.SubFactory(LearnerFactory)
    assessor = "local_authority"
    lacks_capacity = True
    decided_on = datetime.date(2026, 10, 1)
    decided_by_name = "Educational psychologist"
    reasons = "Cannot yet understand what the rights mean or what using them would involve."


class ActingForFactory(DjangoModelFactory):
    class Meta:
        model = "disputes.ActingFor"

    learner = factory.SubFactory(LearnerFactory)
    kind = "case_friend"
    name = "Gareth Prys"
    email = "gareth@example.org"
    authority = "Appointed by the Education Tribunal for Wales"
    appointed_on = datetime.date(2026, 10, 12)

"""Plans for the browser tests, built through the services (not the pages) so that only the
steps a test is about go through the browser.

Dates are relative to the real today: the live server runs in another thread, and freezing the
clock there would also freeze Playwright's. The LA's term dates cover the year before today's,
today's and the next, so every deadline has a date.
"""

import contextlib
import datetime
from unittest import mock

from aln.cases.services.deciding import case_decide, case_give_notice
from aln.cases.services.opening import case_raise_concern
from aln.common.clock import today
from aln.deadlines.calendars import academic_year_of
from aln.demo.clock import illustrative_terms
from aln.domain.cases import ConcernSource
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import CeaseGround, ReviewDecision, ReviewRequester
from aln.domain.process import Outcome
from aln.idps.models import Idp
from aln.idps.selectors.plans import current_version
from aln.idps.services.ceasing import cease_propose
from aln.idps.services.drafting import (
    element_save,
    idp_start,
    idp_start_revision,
)
from aln.idps.services.reviews import review_record, review_request_record
from tests.aln.idps.conftest import complete_draft
from tests.aln.idps.review_helpers import give_plan
from tests.factories import (
    CalendarTermFactory,
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

DAY = datetime.timedelta(days=1)
# The browser's language setting for each language, and what <html lang> must then say.
LANGUAGES = {"en": ("en-gb", "en-GB"), "cy": ("cy", "cy")}

GOOD_OUTCOME = {
    "en": "By July 2027, Cai will read 40 common words aloud correctly in 4 out of 5 checks.",
    "cy": "Erbyn Gorffennaf 2027, bydd Cai yn darllen 40 gair cyffredin yn uchel yn gywir "
    "mewn 4 o bob 5 prawf.",
}
VAGUE_OUTCOME = {"en": "Cai will improve his reading.", "cy": "Bydd Cai yn gwella ei ddarllen."}
PROVISION = "Structured phonics programme, one to one with a trained assistant."


# A stand-in for a notice's PDF: records built for a test whose pages never open that PDF skip
# drawing it (WeasyPrint takes about a second a letter). Everything else the services do, they do.
STUB_PDF = b"%PDF-1.4\n% drawn by tests.browser.idp_data.quick_pdfs\n%%EOF\n"


@contextlib.contextmanager
def quick_pdfs():
    """Build records without drawing their letters. Only around building records: the live
    server shares the process, so no page may be loaded inside this block."""
    with mock.patch("aln.notices.services.render_notice_pdf", return_value=STUB_PDF):
        yield


def days_ago(days: int) -> datetime.date:
    return today() - days * DAY


def born(years: int, days: int = 0) -> datetime.date:
    now = today()
    return now.replace(year=now.year - years, day=min(now.day, 28)) - days * DAY


def add_terms(authority):
    """Term dates for the academic year before today's, today's and the next."""
    year = academic_year_of(today())
    for start_year in (year - 1, year, year + 1):
        for starts_on, ends_on in illustrative_terms(start_year):
            CalendarTermFactory(local_authority=authority, starts_on=starts_on, ends_on=ends_on)
    return authority


def authority_with_terms(code="995", name_en="Plan County", name_cy="Sir y Cynllun"):
    return add_terms(LocalAuthorityFactory(code=code, name_en=name_en, name_cy=name_cy))


def school_in(authority, name_en="Plan Primary School", name_cy="Ysgol Gynradd y Cynllun"):
    return SettingFactory(local_authority=authority, name_en=name_en, name_cy=name_cy)


def person(role, language="en", name=None, **organisation):
    """Someone with one role; `language` ("en" or "cy") is the language they saved."""
    return MembershipFactory(
        role=role,
        user__preferred_language=LANGUAGES[language][0],
        user__full_name=name or f"{role.replace('_', ' ').title()} Person",
        **organisation,
    ).user


def pupil(school, first_name="Cai", last_name="Morgan", parent_user=None):
    """A nine-year-old at the school, with a mother (the `parent_user`, if given)."""
    learner = EnrolmentFactory(
        setting=school,
        learner__first_name=first_name,
        learner__last_name=last_name,
        learner__date_of_birth=born(9, days=120),
        learner__home_local_authority=school.local_authority,
        started_on=born(4),
    ).learner
    member = (
        FamilyMemberFactory(user=parent_user, full_name=parent_user.full_name)
        if parent_user is not None
        else FamilyMemberFactory(full_name=f"Rhian {last_name}")
    )
    FamilyLinkFactory(learner=learner, family_member=member)
    return learner


def idp_due_case(alnco, learner):
    """A school's case decided "has ALN", its notice given 39 days ago: the IDP is due."""
    case = case_raise_concern(
        actor=alnco,
        learner=learner,
        raised_by=ConcernSource.TEACHER,
        raised_by_name="Ms Jones",
        concern="Finds reading very hard despite support.",
        brought_to_attention_on=days_ago(60),
    )
    case_decide(
        actor=alnco,
        case=case,
        version=case.version,
        outcome=Outcome.HAS_ALN,
        reasons="Cai needs provision beyond what is generally made for others of his age.",
        decided_on=days_ago(40),
    )
    case_give_notice(
        actor=alnco,
        case=case,
        version=case.version,
        language=NoticeLanguage.EN,
        method=DeliveryMethod.POST,
        given_on=days_ago(39),
    )
    return case


def la_idp_due_case(learner, authority):
    """A case the LA decided, which the LA prepares and maintains (section 2D applies)."""
    return CaseFactory(
        learner=learner,
        local_authority=authority,
        setting=None,
        deciding_body="local_authority",
        idp_preparer="local_authority",
        stage="idp_due",
        outcome="has_aln",
        opened_on=days_ago(80),
        decided_on=days_ago(40),
    )


def write_draft(actor, idp, *, outcome=None, language="en"):
    """Fill the draft so that it can be given (unless `outcome` is vague): profile, a need and
    one element of ALP linked to it, dated around today."""
    return complete_draft(
        actor,
        idp,
        about={"language": language},
        element={
            "outcome": outcome or GOOD_OUTCOME["en"],
            "provision": PROVISION,
            "starts_on": days_ago(20),
            "review_or_end_on": today() + 200 * DAY,
            "rationale": "The educational psychologist's report.",
        },
    )


def started_plan(actor, case, **draft):
    idp = idp_start(actor=actor, case=case)
    write_draft(actor, idp, **draft)
    return fresh(idp)


def give(actor, idp, given_on):
    give_plan(actor, idp, given_on)
    return fresh(idp)


def given_plan(actor, case, given_on=None):
    """A plan in force: version 1 given 30 days ago (or on `given_on`)."""
    return give(actor, started_plan(actor, case), given_on or days_ago(30))


def revise(actor, idp, provision, why="The review found Cai needs more practice."):
    """Start version 2 and change the provision of its element (not given)."""
    draft = idp_start_revision(actor=actor, idp=idp, why_revised=why)
    element = draft.elements.get()
    values = {
        name: getattr(element, name)
        for name in (
            "need_keys",
            "outcome",
            "outcome_exception",
            "frequency",
            "duration",
            "group_size",
            "welsh_required",
            "provider",
            "provider_name",
            "starts_on",
            "review_or_end_on",
            "rationale",
        )
    }
    element_save(
        actor=actor,
        version=draft,
        revision=draft.revision,
        key=element.key,
        values={**values, "provision": provision},
    )
    return fresh(idp)


def record_review(actor, idp, decision=ReviewDecision.NO_REVISION, held_on=None):
    idp = fresh(idp)
    version = current_version(idp=idp)
    held_on = held_on or days_ago(2)
    notice = (
        {
            "notice_given_on": held_on,
            "notice_method": DeliveryMethod.POST,
            "notice_language": NoticeLanguage.EN,
        }
        if decision is ReviewDecision.NO_REVISION
        else {}
    )
    return review_record(
        actor=actor,
        idp=idp,
        case_version=idp.case.version,
        invited="Cai, his mother and his class teacher.",
        invited_on=held_on - 14 * DAY,
        held_on=held_on,
        attended="Cai, his mother and his class teacher.",
        learner_views="I like the phonics sessions and I can read more words now.",
        family_views="",
        others_views="",
        progress={e.key: "Reads 25 of the 40 words." for e in version.elements.all()},
        decision=decision,
        reasons="Good progress; the provision stays as it is."
        if decision is not ReviewDecision.REVISE
        else "",
        **notice,
    )


def request_review(actor, idp):
    return review_request_record(
        actor=actor,
        idp=fresh(idp),
        requested_by=ReviewRequester.PARENT,
        requester_name="Rhian Morgan",
        received_on=days_ago(1),
        reason="Cai is finding the new class much harder.",
    )


def propose_to_cease(actor, idp):
    idp = fresh(idp)
    cease_propose(
        actor=actor,
        idp=idp,
        case_version=idp.case.version,
        ground=CeaseGround.NO_LONGER_ALN,
        reasons="Cai now reads at the expected level without extra help.",
        given_on=days_ago(1),
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    return fresh(idp)


def fresh(idp):
    return Idp.objects.select_related("case", "learner").get(pk=idp.pk)

"""The letters about a plan: each kind in English and Welsh, with the right way to challenge it
and its last day (spec §5, §6.1, §6.2), and `plan_notice_issue` filling them in from the plan."""

import dataclasses
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from aln.common.errors import ServiceError
from aln.domain.notices import (
    PLAN_KINDS,
    DeliveryMethod,
    NoticeError,
    NoticeKind,
    NoticeLanguage,
    Recipient,
    Right,
)
from aln.idps.models import Idp
from aln.idps.services.issuing import plan_notice_issue, plan_right_last_day
from aln.notices.models import Notice
from aln.notices.rendering import render_notice_html
from aln.notices.services import notice_read_pdf
from tests.aln.idps.conftest import TODAY, D
from tests.aln.idps.test_issuing import give
from tests.aln.notices.conftest import make_content
from tests.factories import ActingForFactory, CapacityRecordFactory

K = NoticeKind


def text_of(content) -> str:
    html = render_notice_html(content)
    words = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    return words.replace("\u2019", "'")


def letter(kind, language="en", *, by_school=False, **overrides):
    content = make_content(
        kind=kind, language=NoticeLanguage(language), decided_by_school=by_school
    )
    if Right.ASK_LA_TO_RECONSIDER_CEASING in content.rights:
        overrides.setdefault("reconsideration_last_day", datetime.date(2026, 12, 21))
    return dataclasses.replace(content, **overrides)


APPEAL_EN = "The Tribunal must receive your appeal by Tuesday 19 January 2027."
APPEAL_CY = "Rhaid i'r Tribiwnlys gael eich apêl erbyn dydd Mawrth 19 Ionawr 2027."
S27_EN = "to reconsider the plan with a view to revising it (section 27 of the Act)"
S27_CY = "ailystyried y cynllun gyda golwg ar ei ddiwygio (adran 27 o'r Ddeddf)"
S32_EN = "You must make your request by Monday 21 December 2026. This is the last day for asking."
S32_CY = "Rhaid i chi wneud eich cais erbyn dydd Llun 21 Rhagfyr 2026. Dyma'r diwrnod olaf i ofyn."
NO_RIGHT_EN = ("Your right to appeal", "Your right to ask the local authority")
NO_RIGHT_CY = ("Eich hawl i apelio", "Eich hawl i ofyn i'r awdurdod lleol")


@pytest.mark.parametrize(
    ("kind", "by_school", "language", "present", "absent"),
    [
        # A copy of the plan: a school's is reconsidered by the LA (s.27), an LA's appealed.
        (
            K.IDP_GIVEN,
            True,
            "en",
            ["We have prepared an individual development plan (IDP) for Osian Prys.", S27_EN],
            ["Tribunal must receive"],
        ),
        (K.IDP_GIVEN, True, "cy", ["Rydym wedi paratoi cynllun datblygu unigol", S27_CY], []),
        (
            K.IDP_GIVEN,
            False,
            "en",
            ["If you disagree with the description of the additional learning needs", APPEAL_EN],
            ["section 27"],
        ),
        (K.IDP_GIVEN, False, "cy", ["Os ydych yn anghytuno â'r disgrifiad", APPEAL_CY], []),
        (
            K.REVISED_IDP_GIVEN,
            False,
            "en",
            ["We have revised Osian Prys's individual development plan", APPEAL_EN],
            [],
        ),
        (K.REVISED_IDP_GIVEN, True, "cy", ["Rydym wedi diwygio cynllun datblygu", S27_CY], []),
        # Not revised: decision and reasons, a new review period, and the route to challenge.
        (
            K.NO_REVISION,
            True,
            "en",
            ["decided not to revise it", "This notice starts a new review period.", S27_EN],
            ["Tribunal must receive"],
        ),
        (
            K.NO_REVISION,
            False,
            "cy",
            ["ac wedi penderfynu peidio â'i ddiwygio", "cyfnod adolygu newydd", APPEAL_CY],
            [],
        ),
        (K.REVIEW_REFUSED, True, "en", ["a review is not necessary at this time", S27_EN], []),
        (K.REVIEW_REFUSED, False, "cy", ["nad oes angen adolygiad ar hyn o bryd", APPEAL_CY], []),
        # A proposal states no right: it is answered, not challenged.
        (
            K.CEASE_PROPOSED,
            True,
            "en",
            ["We propose to stop maintaining", "This is a proposal, not a decision."],
            list(NO_RIGHT_EN),
        ),
        (
            K.CEASE_PROPOSED,
            False,
            "cy",
            ["Rydym yn cynnig rhoi'r gorau i gynnal", "Cynnig yw hwn, nid penderfyniad."],
            list(NO_RIGHT_CY),
        ),
        # A school's decision to cease: ask the LA within the window (s.32); else appeal.
        (
            K.CEASE_DECIDED,
            True,
            "en",
            ["We have decided to stop maintaining", "(section 32 of the Act)", S32_EN],
            ["Tribunal must receive"],
        ),
        (K.CEASE_DECIDED, True, "cy", ["(adran 32 o'r Ddeddf)", S32_CY], ["Rhaid i'r Tribiwnlys"]),
        (K.CEASE_DECIDED, False, "en", ["We have decided to stop maintaining", APPEAL_EN], []),
        (K.CEASE_DECIDED, False, "cy", ["Rydym wedi penderfynu rhoi'r gorau", APPEAL_CY], []),
        # Being told who is responsible now is information: no right.
        (
            K.RESPONSIBILITY_CHANGED,
            False,
            "en",
            ["We are now responsible for maintaining Osian Prys's individual development plan"],
            list(NO_RIGHT_EN),
        ),
        (
            K.RESPONSIBILITY_CHANGED,
            True,
            "cy",
            ["Ni sy'n gyfrifol bellach am gynnal cynllun datblygu unigol (CDU) Osian Prys"],
            list(NO_RIGHT_CY),
        ),
    ],
)
def test_each_plan_letter_states_its_right_and_last_day(kind, by_school, language, present, absent):
    text = text_of(letter(kind, language, by_school=by_school))
    for words in present:
        assert words in text
    for words in absent:
        assert words not in text


@pytest.mark.parametrize("kind", sorted(PLAN_KINDS))
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_plan_letter_has_a_title_and_the_mandatory_blocks(kind, language):
    content = letter(kind, language, by_school=True)
    soup = BeautifulSoup(render_notice_html(content), "html.parser")
    assert soup.title.get_text(strip=True)
    headings = [h.get_text(strip=True) for h in soup.select("h2")]
    expected = (
        ("Resolving disagreements", "Independent advocacy", "Information and advice")
        if language == "en"
        else ("Datrys anghytundebau", "Eiriolaeth annibynnol", "Gwybodaeth a chyngor")
    )
    assert set(expected) <= set(headings)


def test_a_welsh_cease_decision_about_a_young_person_who_no_longer_needs_a_plan():
    content = letter(
        K.CEASE_DECIDED,
        "cy",
        cease_ground="no_longer_necessary",
        recipients=(Recipient.YOUNG_PERSON,),
        addressee_names=("Osian Prys",),
        ceases_on=datetime.date(2027, 1, 4),
    )
    text = text_of(content)
    assert "oherwydd nad oes ei angen mwyach i ddiwallu eich anghenion rhesymol" in text
    assert "Byddwn yn rhoi'r gorau i gynnal y cynllun o 4 Ionawr 2027 ymlaen." in text
    assert "Annwyl Osian Prys," in text


def test_a_bilingual_plan_letter_is_welsh_then_english():
    soup = BeautifulSoup(render_notice_html(letter(K.NO_REVISION, "bilingual")), "html.parser")
    letters = soup.select(".letter")
    assert [part["lang"] for part in letters] == ["cy", "en-GB"]


# --- plan_notice_issue, from a plan ------------------------------------------------------------


def pdf_text(notice) -> str:
    reader = PdfReader(io.BytesIO(notice_read_pdf(notice=notice)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def issue(actor, idp, kind, **overrides):
    values = {
        "actor": actor,
        "idp": idp,
        "kind": kind,
        "given_on": TODAY,
        "method": DeliveryMethod.POST,
        "language": NoticeLanguage.EN,
        "reasons": "Cai has met his outcomes and no longer needs this provision.",
    }
    return plan_notice_issue(**{**values, **overrides})


def make_la_plan(idp):
    Idp.objects.filter(pk=idp.pk).update(maintained_by="local_authority", setting=None)
    idp.refresh_from_db()
    return idp


@pytest.mark.django_db
def test_a_schools_cease_decision_gives_the_window_to_ask_the_la(plan, alnco):
    give(alnco, plan)
    last_day = plan_right_last_day(
        idp=plan, right=Right.ASK_LA_TO_RECONSIDER_CEASING, given_on=TODAY
    )
    assert last_day == D("2026-11-11")  # 4 weeks beginning the day after (reg 12)
    notice = issue(alnco, plan, K.CEASE_DECIDED, extra={"ground": "no_longer_aln"})
    assert notice.rights == [Right.ASK_LA_TO_RECONSIDER_CEASING.value]
    assert notice.appeal_last_day is None
    text = pdf_text(notice)
    assert "You must make your request by Wednesday 11 November 2026." in text
    name = plan.learner.full_name
    assert f"because {name} no longer has additional learning needs" in text


@pytest.mark.django_db
def test_an_las_decision_gives_the_last_day_for_appealing(plan, alnco):
    give(alnco, plan)
    la_plan = make_la_plan(plan)
    expected = plan_right_last_day(idp=la_plan, right=Right.APPEAL_TO_TRIBUNAL, given_on=TODAY)
    assert expected == D("2026-12-09")  # first working day after 8 weeks (ETW Regs reg 10)
    notice = issue(alnco, la_plan, K.NO_REVISION, language=NoticeLanguage.CY)
    assert notice.rights == [Right.APPEAL_TO_TRIBUNAL.value]
    assert notice.appeal_last_day == expected
    text = pdf_text(notice)
    assert "erbyn dydd Mercher 9 Rhagfyr 2026" in text
    # A no-revision notice starts a new period: the letter gives the next review's date.
    assert "13 Hydref 2027" in text


@pytest.mark.django_db
def test_a_notice_that_needs_reasons_is_refused_without_them(plan, alnco):
    give(alnco, plan)
    before = Notice.objects.count()
    with pytest.raises(ServiceError) as refused:
        issue(alnco, plan, K.CEASE_PROPOSED, reasons=" ", extra={"ground": "no_longer_aln"})
    assert refused.value.code is NoticeError.REASONS_REQUIRED
    assert Notice.objects.count() == before


@pytest.mark.django_db
def test_the_new_body_tells_the_family_it_is_responsible(plan, alnco):
    give(alnco, plan)
    notice = issue(
        alnco,
        plan,
        K.RESPONSIBILITY_CHANGED,
        reasons="",
        extra={
            "new_body_name_en": "Ysgol Newydd",
            "new_body_name_cy": "Ysgol Newydd",
            "previous_body_name_en": "Ysgol Hen",
            "joined_on": D("2026-10-12"),
        },
    )
    assert notice.rights == []
    text = pdf_text(notice)
    assert "Ysgol Newydd" in text
    assert (
        "from 12 October 2026 (section 22(2) of the Act). Before this, Ysgol Hen maintained" in text
    )


@pytest.mark.django_db
def test_only_plan_notices_are_given_this_way(plan, alnco):
    with pytest.raises(ValueError, match="plan"):
        issue(alnco, plan, K.NO_ALN)


@pytest.mark.django_db
def test_a_child_recorded_as_lacking_capacity_is_not_sent_the_plan_letter(plan, alnco):
    give(alnco, plan)
    CapacityRecordFactory(learner=plan.learner, decided_on=TODAY - datetime.timedelta(days=30))
    notice = issue(alnco, plan, K.NO_REVISION)
    assert Recipient.CHILD.value not in notice.recipients  # s.84: no case friend yet
    assert Recipient.PARENT.value in notice.recipients


@pytest.mark.django_db
def test_a_recorded_case_friend_is_sent_the_plan_letter(plan, alnco):
    give(alnco, plan)
    CapacityRecordFactory(learner=plan.learner, decided_on=TODAY - datetime.timedelta(days=30))
    ActingForFactory(
        learner=plan.learner, name="Gareth Prys", appointed_on=TODAY - datetime.timedelta(days=7)
    )
    notice = issue(alnco, plan, K.NO_REVISION)
    assert {Recipient.CHILD.value, Recipient.CASE_FRIEND.value} <= set(notice.recipients)
    assert "Gareth Prys" in notice.addressee_names

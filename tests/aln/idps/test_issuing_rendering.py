"""The plan as a PDF, in the mandatory form's order, in English, Welsh or both (Welsh first)."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from aln.idps.rendering import render_plan_html, render_plan_pdf
from aln.idps.selectors.plans import version_get
from aln.organisations.models import HealthBoard
from tests.factories import (
    AttachmentFactory,
    ElementFactory,
    IdpFactory,
    IdpVersionFactory,
    NeedFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def board(db):
    board, _created = HealthBoard.objects.get_or_create(
        code="TEST-UHB",
        defaults={"name_en": "Test University Health Board", "name_cy": "Bwrdd Iechyd Prawf"},
    )
    return board


def make_plan(*, maintained_by="school", board=None):
    idp = IdpFactory(maintained_by=maintained_by)
    if maintained_by != "school":
        idp.setting = None
        idp.save()
    version = IdpVersionFactory(
        idp=idp,
        information_used="Educational psychologist's report, September 2026.",
        transition_arrangements="Visits to the juniors in the summer term.",
        other_placement="A place at the resource base two mornings a week.",
    )
    need = NeedFactory(version=version)
    ElementFactory(version=version, need_keys=[need.key], position=0)
    if board is not None:
        ElementFactory(
            version=version,
            need_keys=[need.key],
            position=1,
            provider="nhs_body",
            health_board=board,
            welsh_required=True,
            outcome="By March 2027, will say 20 target sounds correctly in 8 of 10 tries.",
            provision="Speech and language therapy programme",
        )
    AttachmentFactory(idp=idp, title="Speech and language report", added_in=1)
    AttachmentFactory(idp=idp, title="Removed report", added_in=1, removed_in=1)
    return idp, version_get(idp=idp, number=version.number)


def test_the_english_plan_follows_the_mandatory_form(board):
    idp, version = make_plan(board=board)
    text = pdf_text(render_plan_pdf(idp=idp, version=version, language="en"))
    assert idp.learner.full_name in text
    order = [
        "Section 1: About me",
        "What people like and admire about me",
        "Section 2A: Description of additional learning needs",
        "Section 2B: Additional learning provision",
        "2B.1 Outcome",
        "2B.2 Additional learning provision",
        "2B.3 Must it be provided in Welsh?",
        "2B.4 Who will provide it",
        "2B.5 Provided from",
        "2B.6 Review date or end date",
        "2B.7 Rationale",
        "Section 2C: Additional learning provision secured by an NHS body",
        "Test University Health Board",
        "Information used to prepare this plan",
        "Transition arrangements",
        "Appendices",
        "Speech and language report",
    ]
    positions = [text.index(words) for words in order]
    assert positions == sorted(positions)
    assert "19 October 2026" in text  # 2B.5
    assert "Removed report" not in text  # not part of version 1
    assert "Section 2D" not in text  # a school's plan


def test_the_welsh_plan_is_in_welsh(board):
    idp, version = make_plan(board=board)
    text = pdf_text(render_plan_pdf(idp=idp, version=version, language="cy"))
    assert idp.learner.full_name in text
    for words in (
        "Adran 1: Amdanaf i",
        "Adran 2B: Darpariaeth ddysgu ychwanegol",
        "2B.1 Canlyniad",
        "2B.3 A oes rhaid ei darparu yn Gymraeg? Nac oes",
        "2B.7 Rhesymeg",
        "Adran 2C",
        "Bwrdd Iechyd Prawf",
        "19 Hydref 2026",
        "Atodiadau",
    ):
        assert words in text
    assert "2B.1 Outcome" not in text


def test_a_bilingual_plan_gives_each_heading_in_welsh_then_english(board):
    idp, version = make_plan(board=board)
    text = pdf_text(render_plan_pdf(idp=idp, version=version, language="bilingual"))
    assert idp.learner.full_name in text
    assert "2B.1 Canlyniad / Outcome" in text
    assert "Adran 2B: Darpariaeth ddysgu ychwanegol / Section 2B: Additional learning" in text
    assert "19 Hydref 2026 / 19 October 2026" in text
    # The plan's own words appear once.
    assert text.count("Structured phonics, one to one") == 1
    html = render_plan_html(idp=idp, version=version, language="bilingual")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "cy"
    assert soup.select_one('h1 span[lang="en-GB"]').get_text() == "Individual development plan"


def test_an_la_plan_has_section_2d(db):
    idp, version = make_plan(maintained_by="local_authority")
    text = pdf_text(render_plan_pdf(idp=idp, version=version, language="en"))
    assert "Section 2D: Other provision secured by the local authority" in text
    assert "2D.2 Place at another school or institution" in text
    assert "A place at the resource base two mornings a week." in text


def test_a_draft_is_marked_on_every_page(db):
    idp, version = make_plan()
    html = render_plan_html(idp=idp, version=version, language="cy", draft=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".watermark").get_text() == "DRAFFT"
    assert soup.title.get_text() == "Cynllun datblygu unigol \u2013 DRAFFT"


def test_a_given_plan_says_when_and_to_whom(db):
    idp, version = make_plan()
    version.state, version.issued_on = "issued", datetime.date(2026, 10, 14)
    version.given_to = ["Siân Prys", "Osian Prys"]
    text = pdf_text(render_plan_pdf(idp=idp, version=version, language="en"))
    assert "Date given 14 October 2026" in text
    assert "Given to Siân Prys, Osian Prys" in text

"""The letter says what the law asks (spec §5), in English, in Welsh, or both, as a PDF."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from aln.domain.notices import NoticeKind, NoticeLanguage, Right
from aln.notices.rendering import (
    _no_network_fetcher,
    date_in_words,
    names_in_words,
    render_notice_html,
    render_notice_pdf,
)
from tests.aln.notices.conftest import make_content


def _text(html: str) -> str:
    """The words a reader sees (typographic apostrophes as plain ones, for readable tests)."""
    words = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    return words.replace("\u2019", "'")


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize(
    ("day", "language", "weekday", "expected"),
    [
        (datetime.date(2027, 3, 12), "en", False, "12 March 2027"),
        (datetime.date(2027, 3, 12), "en", True, "Friday 12 March 2027"),
        (datetime.date(2027, 3, 12), "cy", False, "12 Mawrth 2027"),
        (datetime.date(2027, 3, 12), "cy", True, "dydd Gwener 12 Mawrth 2027"),
        (datetime.date(2027, 1, 4), "cy", True, "dydd Llun 4 Ionawr 2027"),
        (datetime.date(2026, 2, 1), "cy", True, "dydd Sul 1 Chwefror 2026"),
    ],
)
def test_dates_in_words(day, language, weekday, expected):
    assert date_in_words(day, language, weekday=weekday) == expected


@pytest.mark.parametrize(
    ("names", "language", "expected"),
    [
        (("Siân Prys",), "en", "Siân Prys"),
        (("Siân Prys", "Elis Prys"), "en", "Siân Prys and Elis Prys"),
        (("A", "B", "C"), "en", "A, B and C"),
        (("Siân Prys", "Tomos Prys"), "cy", "Siân Prys a Tomos Prys"),
        (("Siân Prys", "Elis Prys"), "cy", "Siân Prys ac Elis Prys"),
        (("Siân", " ", "Ynyr"), "cy", "Siân ac Ynyr"),
    ],
)
def test_names_in_words(names, language, expected):
    assert names_in_words(names, language) == expected


@pytest.mark.parametrize("kind", list(NoticeKind))
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_kind_has_a_letter_in_each_language(kind, language):
    content = make_content(
        kind=kind,
        language=NoticeLanguage(language),
        young_person=kind is NoticeKind.IDP_NOT_NECESSARY,
    )
    soup = BeautifulSoup(render_notice_html(content), "html.parser")
    assert soup.html["lang"] == ("cy" if language == "cy" else "en-GB")
    assert soup.title.get_text(strip=True)
    assert len(soup.select(".letter")) == 1
    assert soup.select_one(".reasons").get_text(strip=True) == "Reading support has closed the gap."
    assert soup.select_one(".reference").get_text(strip=True) == "ALN-T0000042"


def test_english_la_decision_has_every_mandatory_block():
    text = _text(render_notice_html(make_content(kind=NoticeKind.NO_ALN)))
    assert "We have decided that Osian Prys does not have additional learning needs." in text
    assert "Our reasons Reading support has closed the gap." in text
    # The right of appeal with the last day in words (s.70; ETW Regs reg 10).
    assert "you can appeal to the Education Tribunal for Wales (section 70 of the Act)" in text
    assert "The Tribunal must receive your appeal by Tuesday 19 January 2027." in text
    assert "ask the local authority" not in text
    # Disagreement resolution, saying it does not affect the right of appeal (s.68(5)).
    assert "(section 68 of the Act)" in text
    assert (
        "Using these arrangements does not affect your right to appeal to the Education "
        "Tribunal for Wales." in text
    )
    assert "Disagreement Resolution Service" in text
    # Advocacy (s.69) and information and advice (s.9) with the LA's providers.
    assert "(section 69 of the Act)" in text
    assert "SNAP Cymru Free independent advocacy. Telephone: 0808 801 0608" in text
    assert "(section 9 of the Act)" in text
    assert "Family Information Service" in text
    # Contact details and who is told.
    assert "Telephone: 01234 567890" in text
    assert "Dear Siân Prys and Elis Prys," in text
    assert "the child the child's parent" in text
    assert "Date: 23 November 2026" in text


def test_a_school_decision_tells_of_the_right_to_ask_the_la_to_reconsider():
    content = make_content(
        kind=NoticeKind.HAS_ALN,
        decided_by_school=True,
        idp_preparer_name="Ysgol Aberwen",
    )
    text = _text(render_notice_html(content))
    assert content.rights == frozenset({Right.ASK_LA_TO_RECONSIDER})
    assert "We have decided that Osian Prys has additional learning needs." in text
    assert (
        "Ysgol Aberwen will prepare an individual development plan (IDP) for Osian Prys and "
        "give you a copy of it by Friday 11 December 2026." in text
    )
    assert "you can ask the local authority (Demo Council) to reconsider it (section 26" in text
    assert "The Tribunal must receive your appeal" not in text
    assert "does not affect your right to ask the local authority to reconsider" in text


def test_a_young_person_is_written_to_as_you():
    content = make_content(kind=NoticeKind.IDP_NOT_NECESSARY, young_person=True)
    text = _text(render_notice_html(content))
    assert "Dear Osian Prys," in text
    assert (
        "We have decided that you have additional learning needs, but that an individual "
        "development plan (IDP) is not necessary" in text
    )
    assert "the young person" in text
    assert "the child's parent" not in text


def test_welsh_letter_is_written_in_welsh():
    content = make_content(kind=NoticeKind.NO_ALN, language=NoticeLanguage.CY)
    text = _text(render_notice_html(content))
    assert "Annwyl Siân Prys ac Elis Prys," in text
    assert "Rydym wedi penderfynu nad oes gan Osian Prys anghenion dysgu ychwanegol." in text
    assert "Rhaid i'r Tribiwnlys gael eich apêl erbyn dydd Mawrth 19 Ionawr 2027." in text
    assert (
        "Nid yw defnyddio'r trefniadau hyn yn effeithio ar eich hawl i apelio i Dribiwnlys "
        "Addysg Cymru." in text
    )
    assert "Gwasanaeth Datrys Anghytundebau" in text  # the provider's Welsh name
    assert "Eiriolaeth annibynnol am ddim." in text  # its Welsh description
    assert "SNAP Cymru" in text  # no Welsh name given: the English one
    assert "Yn gywir," in text
    assert "Dyddiad: 23 Tachwedd 2026" in text
    for english in ("Dear ", "Yours sincerely", "We have decided", "Telephone"):
        assert english not in text


def test_without_providers_the_letter_says_whom_to_ask():
    text = _text(render_notice_html(make_content(providers=())))
    assert text.count("Contact us and we will tell you how to get this help.") == 3


def test_a_looked_after_childs_notice_names_the_independent_reviewing_officer():
    content = make_content(
        recipients=("child", "parent", "independent_reviewing_officer"),
    )
    assert "the child's independent reviewing officer" in _text(render_notice_html(content))


def test_names_and_reasons_are_escaped():
    content = make_content(reasons="<script>alert(1)</script>", learner_name="<b>Osian</b>")
    html = render_notice_html(content)
    assert "<script>" not in html
    assert "<b>Osian</b>" not in html
    assert "&lt;script&gt;" in html


def test_the_letter_loads_nothing_from_anywhere():
    html = render_notice_html(make_content(language=NoticeLanguage.BILINGUAL))
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("[src], link, [href]")
    assert "url(" not in html
    with pytest.raises(FatalURLFetchingError):
        _no_network_fetcher().fetch("https://example.org/font.woff")


def test_english_pdf():
    pdf = render_notice_pdf(make_content(kind=NoticeKind.NO_ALN))
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf)
    assert "Decision about additional learning needs" in text
    assert "The Tribunal must receive your appeal by Tuesday 19 January 2027." in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Decision about additional learning needs"
    # Tagged for screen readers (PDF/UA-1), in the letter's language.
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"


def test_welsh_pdf_keeps_welsh_letters():
    content = make_content(
        kind=NoticeKind.HAS_ALN,
        language=NoticeLanguage.CY,
        decided_by_school=True,
        learner_name="Gwenllïan Ŵyn Prŷs",
    )
    text = _pdf_text(render_notice_pdf(content))
    assert "Penderfyniad am anghenion dysgu ychwanegol" in text
    assert "Gwenllïan Ŵyn Prŷs" in text
    assert "erbyn dydd Gwener 11 Rhagfyr 2026" in text


def test_bilingual_pdf_is_welsh_then_english():
    pdf = render_notice_pdf(make_content(language=NoticeLanguage.BILINGUAL))
    text = _pdf_text(pdf)
    welsh = text.index("Rydym wedi penderfynu nad oes gan Osian Prys")
    english = text.index("We have decided that Osian Prys does not have")
    assert welsh < english
    # Each language's letter starts on a new page.
    reader = PdfReader(io.BytesIO(pdf))
    first_pages = [p.extract_text() for p in reader.pages]
    english_start = next(i for i, t in enumerate(first_pages) if "Our reference" in t)
    assert english_start > 0
    assert "Annwyl" not in first_pages[english_start]
    assert reader.metadata.title == (
        "Penderfyniad am anghenion dysgu ychwanegol / Decision about additional learning needs"
    )


def test_each_language_names_the_body_preparing_the_plan_in_that_language():
    content = make_content(
        kind=NoticeKind.HAS_ALN,
        language=NoticeLanguage.BILINGUAL,
        decided_by_school=True,
        idp_preparer_name="Aberwen Primary School",
        idp_preparer_name_cy="Ysgol Gynradd Aberwen",
    )
    text = _text(render_notice_html(content))
    assert "Bydd Ysgol Gynradd Aberwen yn paratoi" in text
    assert "Aberwen Primary School will prepare" in text

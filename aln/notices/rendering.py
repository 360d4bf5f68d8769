"""Turn a `NoticeContent` into the letter: HTML from per-language templates, then a PDF.

Each language has its own whole-letter templates (`notices/letters/en/<kind>.html` and
`notices/letters/cy/<kind>.html`), written as letters in that language rather than assembled from
translated fragments, so word order and Welsh mutations are right (style.md §11). Both share the
mandatory blocks (spec §5): decision and reasons, the right to ask the LA to reconsider or to
appeal with the last day, disagreement resolution (s.68), independent advocacy (s.69),
information and advice (s.9) and contact details. A bilingual notice is the Welsh letter followed
by the English one, in one document (Welsh first: Welsh Language Standards).

PDFs are drawn by WeasyPrint (ADR 0010) as tagged PDF/UA-1, with fonts from the machine (DejaVu,
from Debian) and nothing fetched from anywhere: the URL fetcher refuses every URL.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from aln.domain.notices import NoticeKind, NoticeLanguage, ProviderKind, Right
from aln.notices.content import Contact, NoticeContent

MONTH_NAMES = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "cy": (
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ),
}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    # Lower case: these dates stand inside sentences ("erbyn dydd Gwener 12 Mawrth 2027").
    "cy": (
        "dydd Llun",
        "dydd Mawrth",
        "dydd Mercher",
        "dydd Iau",
        "dydd Gwener",
        "dydd Sadwrn",
        "dydd Sul",
    ),
}
_HTML_LANG = {"en": "en-GB", "cy": "cy"}


def date_in_words(day: datetime.date, language: str, *, weekday: bool = False) -> str:
    """ "12 March 2027" / "12 Mawrth 2027"; with `weekday`, "Friday 12 March 2027"."""
    words = f"{day.day} {MONTH_NAMES[language][day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[language][day.weekday()]} {words}" if weekday else words


def names_in_words(names: tuple[str, ...], language: str) -> str:
    """ "A, B and C" / "A, B a C" ("ac" before a vowel in Welsh; names are never mutated)."""
    names = tuple(name.strip() for name in names if name.strip())
    if len(names) <= 1:
        return "".join(names)
    if language == "cy":
        conjunction = "ac" if names[-1][:1].lower() in "aeiouwyâêîôûŵŷ" else "a"
    else:
        conjunction = "and"
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def notice_languages(language: NoticeLanguage | str) -> tuple[str, ...]:
    """The languages a notice is written in, in order: ("cy", "en") for a bilingual one."""
    if language == NoticeLanguage.BILINGUAL:
        return ("cy", "en")
    return ("cy",) if language == NoticeLanguage.CY else ("en",)


def _providers(content: NoticeContent, kind: ProviderKind, language: str) -> list[dict[str, str]]:
    return [
        {
            "name": provider.name_in(language),
            "description": provider.description_in(language),
            "phone": provider.phone,
            "email": provider.email,
            "website": provider.website,
        }
        for provider in content.providers_of(kind)
    ]


def _optional_date(day: datetime.date | None, language: str, *, weekday: bool = True) -> str:
    return date_in_words(day, language, weekday=weekday) if day is not None else ""


# What the letter is about, for sentences shared by every kind ("if you disagree with ...").
_ABOUT = {
    NoticeKind.IDP_GIVEN: "plan",
    NoticeKind.REVISED_IDP_GIVEN: "plan",
    NoticeKind.RESPONSIBILITY_CHANGED: "plan",
    NoticeKind.CEASE_PROPOSED: "proposal",
}


def _in(language: str, english: str, welsh: str) -> str:
    """The Welsh name in a Welsh letter (the English where there is no Welsh one)."""
    return (welsh or english) if language == "cy" else english


def _plan_context(content: NoticeContent, language: str) -> dict[str, Any]:
    """What the notices about a plan add (`aln.domain.notices.PLAN_KINDS`)."""
    return {
        "about": _ABOUT.get(NoticeKind(content.kind), "decision"),
        "reconsider_idp": Right.ASK_LA_TO_RECONSIDER_IDP in content.rights,
        "reconsider_ceasing": Right.ASK_LA_TO_RECONSIDER_CEASING in content.rights,
        "reconsideration_last_day": _optional_date(content.reconsideration_last_day, language),
        "review_due_on": _optional_date(content.review_due_on, language, weekday=False),
        "plan_version": content.plan_version,
        "cease_ground": content.cease_ground,
        "ceases_on": _optional_date(content.ceases_on, language, weekday=False),
        "previous_body_name": _in(
            language, content.previous_body_name_en, content.previous_body_name_cy
        ),
        "responsible_from": _optional_date(content.responsible_from, language, weekday=False),
        "requested_on": _optional_date(content.requested_on, language, weekday=False),
    }


def _request_context(content: NoticeContent, language: str) -> dict[str, Any]:
    """What the LA's answer to a request adds (`aln.disputes`; ss.26-29, 32)."""
    return {
        "request_route": content.request_route,
        "request_received_on": _optional_date(content.request_received_on, language, weekday=False),
        "about_body_name": _in(language, content.about_body_name_en, content.about_body_name_cy),
        "copy_to_governing_body": content.copy_to_governing_body,
        "la_outcome": content.la_outcome,
        "request_exception": content.request_exception,
    }


def _context(content: NoticeContent, language: str) -> dict[str, Any]:
    in_welsh = language == "cy"
    return {
        **_plan_context(content, language),
        **_request_context(content, language),
        "kind": str(content.kind),
        "bilingual": content.language == NoticeLanguage.BILINGUAL,
        "body_name": (content.body_name_cy or content.body_name_en)
        if in_welsh
        else content.body_name_en,
        "contact": content.contact,
        "reference": content.case_reference,
        "given_on": date_in_words(content.given_on, language),
        "addressees": names_in_words(content.addressee_names, language),
        "dear": names_in_words(content.addressee_names, language),
        "learner_name": content.learner_name,
        "date_of_birth": date_in_words(content.learner_date_of_birth, language),
        "decided_on": date_in_words(content.decided_on, language),
        "reasons": content.reasons.strip(),
        "to_young_person": content.to_young_person,
        "idp_preparer_name": (content.idp_preparer_name_cy or content.idp_preparer_name)
        if in_welsh
        else content.idp_preparer_name,
        "idp_due_on": _optional_date(content.idp_due_on, language),
        "appeal": Right.APPEAL_TO_TRIBUNAL in content.rights,
        "reconsider": Right.ASK_LA_TO_RECONSIDER in content.rights,
        "appeal_last_day": _optional_date(content.appeal_last_day, language),
        "la_name": (content.local_authority_name_cy or content.local_authority_name_en)
        if in_welsh
        else content.local_authority_name_en,
        "la_contact": content.local_authority_contact or Contact(),
        "information_providers": _providers(content, ProviderKind.INFORMATION_AND_ADVICE, language),
        "disagreement_providers": _providers(
            content, ProviderKind.DISAGREEMENT_RESOLUTION, language
        ),
        "advocacy_providers": _providers(content, ProviderKind.INDEPENDENT_ADVOCACY, language),
        "recipient_codes": [str(recipient) for recipient in content.recipients],
    }


def notice_title(content: NoticeContent, language: str) -> str:
    """The letter's heading in one language ("Decision about additional learning needs")."""
    context = {"kind": str(content.kind)}
    return render_to_string(f"notices/letters/{language}/_title.txt", context).strip()


def render_notice_html(content: NoticeContent) -> str:
    """The whole notice as one HTML document (Welsh, English, or Welsh then English)."""
    parts = []
    for language in notice_languages(content.language):
        # The letter's words are in the template; the override keeps any filter in step.
        with translation.override("cy" if language == "cy" else "en-gb"):
            context = _context(content, language)
            context["title"] = notice_title(content, language)
            html = render_to_string(f"notices/letters/{language}/{content.kind}.html", context)
        # Safe to embed: our own template's output, in which every value was escaped.
        parts.append({"lang": _HTML_LANG[language], "html": mark_safe(html)})  # noqa: S308
    languages = notice_languages(content.language)
    return render_to_string(
        "notices/letters/document.html",
        {
            "html_lang": _HTML_LANG[languages[0]],
            "title": " / ".join(notice_title(content, language) for language in languages),
            "author": " / ".join(
                dict.fromkeys(
                    (content.body_name_cy or content.body_name_en)
                    if language == "cy"
                    else content.body_name_en
                    for language in languages
                )
            ),
            "case_reference": content.case_reference,
            "parts": parts,
        },
    )


def render_notice_pdf(content: NoticeContent, *, enclosures: Sequence[str] = ()) -> bytes:
    """The notice as a tagged PDF (PDF/UA-1), drawn without touching the network.

    `enclosures` are whole HTML documents drawn after the letter in the same PDF, each with its
    own styles (a copy of the plan follows the letter that gives it: Act s.22).
    """
    return html_to_pdf(render_notice_html(content), *enclosures)


def html_to_pdf(*documents: str) -> bytes:
    """One tagged PDF (PDF/UA-1) of these HTML documents, in order, drawn with nothing fetched."""
    # Imported here, not at start-up: WeasyPrint loads Pango, which only drawing a PDF needs.
    import weasyprint  # noqa: PLC0415

    fetcher = _no_network_fetcher()
    drawn = [
        weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(
            pdf_variant="pdf/ua-1"
        )
        for html in documents
    ]
    first = drawn[0]
    if len(drawn) > 1:
        first = first.copy([page for document in drawn for page in document.pages])
    pdf = first.write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None  # noqa: S101 (write_pdf without a target returns the bytes)
    return pdf


def _no_network_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL, so a template can never reach out."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher  # noqa: PLC0415

    class RefuseEveryUrl(URLFetcher):
        def fetch(self, url, headers=None):
            raise FatalURLFetchingError(f"Notices load nothing from outside: {url[:100]}")

    return RefuseEveryUrl()

"""The plan as a document: one version of an IDP in the mandatory form's order, as HTML and PDF.

The order follows the form as far as the spec confirms it (spec §4.2): section 1 (core details
and the one-page profile), 2A (the ALN and its impact), 2B (each element of ALP with 2B.1-2B.7),
2C (ALP an NHS body secures, with the health board and whether it must be in Welsh), 2D (an LA
plan's named school, other placement, board and lodging), the record of information used,
transition arrangements and the list of appendices.

A plan is given in the family's language or in both (spec §9). Like the notices
(`aln.notices.rendering`), its fixed words are written per language here rather than drawn from
the interface's catalogue, because a document's language is the family's choice, not the page's;
a bilingual plan gives each heading in Welsh first, then English, and the plan's own text once.
The PDF is drawn by `aln.notices.rendering.html_to_pdf` (tagged, nothing fetched).
"""

# The plan's Welsh is typeset as printed, with curly apostrophes, as the notices' letters are.
# ruff: noqa: RUF001

import datetime
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from aln.domain.notices import NoticeLanguage
from aln.domain.plans import AlpProvider
from aln.domain.responsibility import Body
from aln.idps.models import Idp, IdpVersion, PlanLanguage
from aln.idps.selectors.versions import attachments_of
from aln.notices.rendering import date_in_words, html_to_pdf, notice_languages

_HTML_LANG = {"en": "en-GB", "cy": "cy"}

# The fixed words of the plan, by key: (English, Welsh).
WORDS: dict[str, tuple[str, str]] = {
    "title": ("Individual development plan", "Cynllun datblygu unigol"),
    "draft": ("DRAFT", "DRAFFT"),
    "draft_note": (
        "This is a draft for checking. It has not been given and may change.",
        "Drafft i’w wirio yw hwn. Nid yw wedi’i roi a gall newid.",
    ),
    "reference": ("Reference", "Cyfeirnod"),
    "version": ("Version", "Fersiwn"),
    "given_on": ("Date given", "Dyddiad ei roi"),
    "given_to": ("Given to", "Wedi’i roi i"),
    "why_revised": ("Why this version was made", "Pam y gwnaed y fersiwn hon"),
    "section_1": ("Section 1: About me", "Adran 1: Amdanaf i"),
    "core": ("Core details", "Manylion craidd"),
    "name": ("Name", "Enw"),
    "date_of_birth": ("Date of birth", "Dyddiad geni"),
    "upn": ("Unique pupil number", "Rhif disgybl unigryw"),
    "setting": ("School or setting", "Ysgol neu leoliad"),
    "local_authority": ("Local authority", "Awdurdod lleol"),
    "maintained_by": ("Who maintains this plan", "Pwy sy’n cynnal y cynllun hwn"),
    "plan_language": ("Language of this plan", "Iaith y cynllun hwn"),
    "communication_language": ("Language I communicate in", "Yr iaith rwy’n cyfathrebu ynddi"),
    "profile": ("One-page profile", "Proffil un dudalen"),
    "like_and_admire": (
        "What people like and admire about me",
        "Beth mae pobl yn ei hoffi a’i edmygu amdanaf i",
    ),
    "important_to_me": ("What is important to me", "Beth sy’n bwysig i mi"),
    "how_to_support_me": ("How best to support me", "Y ffordd orau o fy nghefnogi"),
    "profile_written_with": (
        "How this profile was written, and who took part",
        "Sut cafodd y proffil hwn ei ysgrifennu, a phwy a gymerodd ran",
    ),
    "section_2a": (
        "Section 2A: Description of additional learning needs",
        "Adran 2A: Disgrifiad o’r anghenion dysgu ychwanegol",
    ),
    "need": ("Need", "Angen"),
    "impact": ("Impact on learning", "Yr effaith ar ddysgu"),
    "section_2b": (
        "Section 2B: Additional learning provision",
        "Adran 2B: Darpariaeth ddysgu ychwanegol",
    ),
    "element": ("Element", "Elfen"),
    "linked_needs": ("Linked to need", "Yn gysylltiedig ag angen"),
    "outcome": ("Outcome", "Canlyniad"),
    "outcome_exception": (
        "Why the outcome has no measure or no date",
        "Pam nad oes mesur neu ddyddiad yn y canlyniad",
    ),
    "provision": ("Additional learning provision", "Darpariaeth ddysgu ychwanegol"),
    "frequency": ("How often", "Pa mor aml"),
    "duration": ("How long each time", "Am ba hyd bob tro"),
    "group_size": ("Group size", "Maint y grŵp"),
    "welsh_required": ("Must it be provided in Welsh?", "A oes rhaid ei darparu yn Gymraeg?"),
    "provider": ("Who will provide it", "Pwy fydd yn ei darparu"),
    "starts_on": ("Provided from", "Yn cael ei darparu o"),
    "review_or_end_on": ("Review date or end date", "Dyddiad adolygu neu ddyddiad gorffen"),
    "rationale": ("Rationale", "Rhesymeg"),
    "section_2c": (
        "Section 2C: Additional learning provision secured by an NHS body",
        "Adran 2C: Darpariaeth ddysgu ychwanegol a sicrheir gan gorff GIG",
    ),
    "health_board": ("NHS body that will secure it", "Y corff GIG a fydd yn ei sicrhau"),
    "section_2d": (
        "Section 2D: Other provision secured by the local authority",
        "Adran 2D: Darpariaeth arall a sicrheir gan yr awdurdod lleol",
    ),
    "named_school": ("School named for admission", "Ysgol a enwir ar gyfer derbyn"),
    "other_placement": (
        "Place at another school or institution",
        "Lle mewn ysgol neu sefydliad arall",
    ),
    "board_and_lodging": ("Board and lodging", "Bwyd a llety"),
    "information_used": (
        "Information used to prepare this plan",
        "Gwybodaeth a ddefnyddiwyd i baratoi’r cynllun hwn",
    ),
    "transition_arrangements": ("Transition arrangements", "Trefniadau pontio"),
    "appendices": ("Appendices", "Atodiadau"),
    "dated": ("dated", "dyddiedig"),
    "none": ("None", "Dim"),
    "not_recorded": ("Not recorded", "Heb ei gofnodi"),
    "yes": ("Yes", "Oes"),
    "no": ("No", "Nac oes"),
    "not_decided": ("Not decided", "Heb benderfynu"),
    # Who provides an element (2B.4), by `AlpProvider` value.
    "provider_school": ("The school", "Yr ysgol"),
    "provider_fei": ("The college", "Y coleg"),
    "provider_local_authority": ("The local authority", "Yr awdurdod lleol"),
    "provider_nhs_body": ("An NHS body", "Corff GIG"),
    "provider_other": ("Someone else", "Rhywun arall"),
    # The plan's language, by `PlanLanguage` value.
    "language_en": ("English", "Saesneg"),
    "language_cy": ("Welsh", "Cymraeg"),
    "language_bilingual": ("Welsh and English", "Cymraeg a Saesneg"),
    # Appendices, by `AttachmentKind` value.
    "attachment_professional_report": ("Professional report", "Adroddiad proffesiynol"),
    "attachment_health_care_plan": ("Individual healthcare plan", "Cynllun gofal iechyd unigol"),
    "attachment_interim_targets": ("Interim targets", "Targedau interim"),
    "attachment_other": ("Other document", "Dogfen arall"),
}

# Who maintains the plan, with the body's name: (English, Welsh) patterns.
_MAINTAINER = {
    Body.SCHOOL: ("The governing body of {name}", "Corff llywodraethu {name}"),
    Body.FEI: ("The governing body of {name}", "Corff llywodraethu {name}"),
    Body.LOCAL_AUTHORITY: ("{name}", "{name}"),
    Body.LOOKING_AFTER_AUTHORITY: (
        "{name} (the local authority that looks after the child)",
        "{name} (yr awdurdod lleol sy’n gofalu am y plentyn)",
    ),
}

_LA_BODIES = {Body.LOCAL_AUTHORITY.value, Body.LOOKING_AFTER_AUTHORITY.value}


class _Words:
    """Fixed words in the document's language(s): Welsh, English, or Welsh / English."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages

    def join(self, texts: dict[str, str]) -> SafeString:
        if len(self.languages) == 1:
            return format_html("{}", texts[self.languages[0]])
        return format_html_join(
            " / ",
            '<span lang="{}">{}</span>',
            ((_HTML_LANG[lang], texts[lang]) for lang in self.languages),
        )

    def word(self, key: str) -> SafeString:
        english, welsh = WORDS[key]
        return self.join({"en": english, "cy": welsh})

    def named(self, patterns: tuple[str, str], name_en: str, name_cy: str) -> SafeString:
        return self.join(
            {
                "en": patterns[0].format(name=name_en),
                "cy": patterns[1].format(name=name_cy or name_en),
            }
        )

    def name(self, organisation: Any) -> SafeString:
        if organisation is None:
            return SafeString("")
        return self.join(
            {"en": organisation.name_en, "cy": organisation.name_cy or organisation.name_en}
        )

    def date(self, day: Any) -> SafeString:
        if day is None:
            return SafeString("")
        return self.join({lang: date_in_words(day, lang) for lang in self.languages})

    def yes_no(self, value: bool | None) -> SafeString:
        return self.word({True: "yes", False: "no", None: "not_decided"}[value])

    def __getitem__(self, key: str) -> SafeString:
        """`{{ words.title }}` in a template."""
        return self.word(key)


def _plain(languages: tuple[str, ...], key: str) -> str:
    """Fixed words as plain text, for the PDF's title: "Cynllun datblygu unigol / ..."."""
    english, welsh = WORDS[key]
    return " / ".join(welsh if lang == "cy" else english for lang in languages)


def plan_document_languages(language: str) -> tuple[str, ...]:
    """("cy", "en") for a bilingual plan (Welsh first), else the one language."""
    return notice_languages(NoticeLanguage(language))


def _provider(words: _Words, element: Any) -> SafeString:
    if element.is_nhs and element.health_board is not None:
        return words.name(element.health_board)
    if element.provider_name.strip():
        return format_html("{}", element.provider_name)
    if element.provider:
        return words.word(f"provider_{AlpProvider(element.provider).value}")
    return words.word("not_recorded")


def _elements(words: _Words, version: IdpVersion, needs: list[Any]) -> list[dict[str, Any]]:
    numbers = {need.key: index for index, need in enumerate(needs, start=1)}
    rows = []
    for element in version.elements.all():
        rows.append(
            {
                "element": element,
                "nhs": element.is_nhs,
                "needs": ", ".join(str(numbers[k]) for k in element.need_keys if k in numbers),
                "welsh": words.yes_no(element.welsh_required),
                "provider": _provider(words, element),
                "starts_on": words.date(element.starts_on),
                "review_or_end_on": words.date(element.review_or_end_on),
            }
        )
    return rows


def _maintainer(words: _Words, idp: Idp) -> SafeString:
    body = Body(idp.maintained_by)
    organisation = idp.setting if body in (Body.SCHOOL, Body.FEI) else idp.local_authority
    if organisation is None or body not in _MAINTAINER:
        return words.word("not_recorded")
    return words.named(_MAINTAINER[body], organisation.name_en, organisation.name_cy)


def plan_context(
    *,
    idp: Idp,
    version: IdpVersion,
    language: str,
    draft: bool = False,
    given_on: datetime.date | None = None,
    given_to: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Everything the plan template prints, in `language` ("en", "cy" or "bilingual").

    `given_on` and `given_to` default to the version's own (a copy enclosed with the letter that
    gives it is drawn before the version is frozen, so the service passes them).
    """
    languages = plan_document_languages(language)
    words = _Words(languages)
    needs = list(version.needs.all())
    elements = _elements(words, version, needs)
    learner = idp.learner
    content_language = version.language if version.language in ("en", "cy") else ""
    return {
        "html_lang": _HTML_LANG[languages[0]],
        # The plan's own text is in the language it was written in (unknown for bilingual).
        "content_lang": _HTML_LANG.get(content_language, ""),
        "title": _plain(languages, "title") + (f" – {_plain(languages, 'draft')}" if draft else ""),
        "words": words,
        "draft": draft,
        "idp": idp,
        "version": version,
        "learner": learner,
        "reference": idp.case.reference,
        "date_of_birth": words.date(learner.date_of_birth),
        "given_on": words.date(given_on or version.issued_on),
        "given_to": ", ".join(given_to if given_to is not None else version.given_to or []),
        "setting": words.name(idp.setting or idp.case.setting),
        "local_authority": words.name(idp.local_authority),
        "maintained_by": _maintainer(words, idp),
        "plan_language": words.word(f"language_{PlanLanguage(version.language).value}"),
        "needs": needs,
        "elements_2b": [row for row in elements if not row["nhs"]],
        "elements_2c": [row for row in elements if row["nhs"]],
        "la_plan": idp.maintained_by in _LA_BODIES,
        "named_school": words.name(version.named_school),
        "appendices": [
            {
                "attachment": attachment,
                "kind": words.word(f"attachment_{attachment.kind}"),
                "date": words.date(attachment.document_date),
            }
            for attachment in attachments_of(idp=idp, number=version.number)
        ],
    }


def render_plan_html(
    *,
    idp: Idp,
    version: IdpVersion,
    language: str,
    draft: bool = False,
    given_on: datetime.date | None = None,
    given_to: Sequence[str] | None = None,
) -> str:
    """The plan as one HTML document (its own styles), ready to draw or to enclose with a notice.

    `version` should come from `aln.idps.selectors.plans.version_get` (needs and elements
    prefetched). `draft` marks every page DRAFT / DRAFFT.
    """
    context = plan_context(
        idp=idp,
        version=version,
        language=language,
        draft=draft,
        given_on=given_on,
        given_to=given_to,
    )
    return render_to_string("idps/pdf/plan.html", context)


def render_plan_pdf(*, idp: Idp, version: IdpVersion, language: str, draft: bool = False) -> bytes:
    """The plan on its own as a tagged PDF (the draft preview)."""
    return html_to_pdf(render_plan_html(idp=idp, version=version, language=language, draft=draft))

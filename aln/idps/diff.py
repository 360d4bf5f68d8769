"""A readable difference between two versions of a plan, section by section and field by field.

Needs (2A) and elements of ALP (2B, 2C) are matched by their stable `key`, so an element whose
outcome was rewritten shows as changed, not as one removed and another added. Text is compared
word by word: each changed field carries `segments`, pieces of text marked as kept, inserted or
deleted, which the template shows with <ins> and <del>. Everything here is plain text: the
template escapes it (nothing is ever marked safe).
"""

import datetime
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aln.common.i18n import (
    ALP_PROVIDER_LABELS,
    ATTACHMENT_KIND_LABELS,
    NOTICE_LANGUAGE_LABELS,
    label,
)
from aln.idps.models import Attachment, Element, IdpVersion, Need

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"

# Words, runs of spaces and single marks: a change to one word leaves its neighbours alone.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str  # EQUAL, INSERT or DELETE

    @property
    def is_insert(self) -> bool:
        return self.kind == INSERT

    @property
    def is_delete(self) -> bool:
        return self.kind == DELETE


@dataclass(frozen=True, slots=True)
class FieldDiff:
    name: str
    label: str
    before: str
    after: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class ItemDiff:
    """A need, an element or an appendix, matched between the two versions."""

    key: str
    status: str  # ADDED, REMOVED, CHANGED or UNCHANGED
    title: str
    fields: tuple[FieldDiff, ...]  # the changed fields (all fields when added or removed)


@dataclass(frozen=True, slots=True)
class SectionDiff:
    slug: str
    title: str
    fields: tuple[FieldDiff, ...]  # the section's own fields that changed
    items: tuple[ItemDiff, ...]  # needs, elements or appendices that changed

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.items)


@dataclass(frozen=True, slots=True)
class VersionDiff:
    old: IdpVersion
    new: IdpVersion
    sections: tuple[SectionDiff, ...]

    @property
    def changed(self) -> bool:
        return any(section.changed for section in self.sections)

    @property
    def changed_sections(self) -> tuple[SectionDiff, ...]:
        return tuple(section for section in self.sections if section.changed)


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """`before` turned into `after`, word by word: what was kept, deleted and inserted.

    A space kept between two changes is folded into them, so a rewritten phrase reads as one
    deletion and one insertion, not as alternating single words."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    # Each block is [kept, deleted, inserted]: kept text, or a change.
    blocks: list[list[str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            blocks.append(["".join(old[i1:i2]), "", ""])
        else:
            blocks.append(["", "".join(old[i1:i2]), "".join(new[j1:j2])])
    segments: list[Segment] = []
    for block in _folded(blocks):
        kept, deleted, inserted = block
        segments += [Segment(kept, EQUAL), Segment(deleted, DELETE), Segment(inserted, INSERT)]
    return tuple(_joined(segments))


def _folded(blocks: list[list[str]]) -> list[list[str]]:
    """Blocks with whitespace-only kept text between two changes merged into one change (when
    both sides of the merged change have words in them)."""
    result: list[list[str]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous = result[-1] if result else None
        if (
            previous is not None
            and following is not None
            and block[0]
            and not block[0].strip()
            and not previous[0]
            and not following[0]
            and (previous[1] or following[1])
            and (previous[2] or following[2])
        ):
            space = block[0]
            previous[1] += space + following[1]
            previous[2] += space + following[2]
            index += 2
            continue
        result.append(list(block))
        index += 1
    return result


def _joined(segments: Iterable[Segment]) -> list[Segment]:
    """Neighbouring segments of the same kind as one (fewer, longer <ins> and <del>)."""
    joined: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if joined and joined[-1].kind == segment.kind:
            joined[-1] = Segment(joined[-1].text + segment.text, segment.kind)
        else:
            joined.append(segment)
    return joined


# --- Values as the reader sees them -------------------------------------------------------------


def _text(value: Any) -> str:
    return (
        (value or "").strip() if isinstance(value, str) else ("" if value is None else str(value))
    )


def _day(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def _yes_no(value: bool | None) -> str:
    if value is None:
        return str(_("Not decided"))
    return str(_("Yes")) if value else str(_("No"))


def _field(name: str, title: Any, before: str, after: str) -> FieldDiff:
    return FieldDiff(name, str(title), before, after, word_diff(before, after))


def _fields(
    specs: Sequence[tuple[str, Any, Callable[[Any], str]]],
    old: Any,
    new: Any,
    *,
    only_changed: bool = True,
) -> tuple[FieldDiff, ...]:
    """Each (name, label, show) compared between `old` and `new` (either may be None)."""
    result = []
    for name, title, show in specs:
        before = show(old) if old is not None else ""
        after = show(new) if new is not None else ""
        if before != after or (not only_changed and (before or after)):
            result.append(_field(name, title, before, after))
    return tuple(result)


def _attr(name: str) -> Callable[[Any], str]:
    return lambda record: _text(getattr(record, name))


# Section 1: about me (the one-page profile).
ABOUT_FIELDS: tuple[tuple[str, Any, Callable[[Any], str]], ...] = (
    (
        "language",
        gettext_lazy("Language of the IDP"),
        lambda v: label(NOTICE_LANGUAGE_LABELS, v.language),
    ),
    (
        "communication_language",
        gettext_lazy("Language the learner prefers to communicate in"),
        _attr("communication_language"),
    ),
    (
        "like_and_admire",
        gettext_lazy("What people like and admire about me"),
        _attr("like_and_admire"),
    ),
    ("important_to_me", gettext_lazy("What is important to me"), _attr("important_to_me")),
    ("how_to_support_me", gettext_lazy("How best to support me"), _attr("how_to_support_me")),
    (
        "profile_written_with",
        gettext_lazy("Who the profile was written with, and how"),
        _attr("profile_written_with"),
    ),
)

NEED_FIELDS: tuple[tuple[str, Any, Callable[[Any], str]], ...] = (
    ("description", gettext_lazy("The need"), _attr("description")),
    ("impact", gettext_lazy("Its impact on learning"), _attr("impact")),
)

PLACEMENT_FIELDS: tuple[tuple[str, Any, Callable[[Any], str]], ...] = (
    (
        "named_school",
        gettext_lazy("2D.1 School named for admission"),
        lambda v: v.named_school.name if v.named_school_id else "",
    ),
    (
        "other_placement",
        gettext_lazy("2D.2 Place at another school or institution"),
        _attr("other_placement"),
    ),
    ("board_and_lodging", gettext_lazy("2D.3 Board and lodging"), _attr("board_and_lodging")),
)

INFORMATION_FIELDS: tuple[tuple[str, Any, Callable[[Any], str]], ...] = (
    (
        "information_used",
        gettext_lazy("Information used to prepare the IDP"),
        _attr("information_used"),
    ),
    (
        "transition_arrangements",
        gettext_lazy("Transition arrangements"),
        _attr("transition_arrangements"),
    ),
)


def _provision(element: Element) -> str:
    lines = [_text(element.provision)]
    for title, value in (
        (_("How often"), element.frequency),
        (_("How long each time"), element.duration),
        (_("Group size"), element.group_size),
    ):
        if _text(value):
            lines.append(f"{title}: {_text(value)}")
    return "\n".join(line for line in lines if line)


def _provider(element: Element) -> str:
    parts = [label(ALP_PROVIDER_LABELS, element.provider) if element.provider else ""]
    if element.is_nhs and element.health_board is not None:
        parts.append(element.health_board.name)
    elif _text(element.provider_name):
        parts.append(_text(element.provider_name))
    return ": ".join(part for part in parts if part)


def element_fields(needs_by_key: dict[str, str]) -> tuple[tuple[str, Any, Callable], ...]:
    """2B.1-2B.7 of one element, with its links to needs shown as the needs' descriptions."""
    return (
        ("outcome", gettext_lazy("2B.1 Outcome"), _attr("outcome")),
        (
            "outcome_exception",
            gettext_lazy("Why the outcome has no measure or no date"),
            _attr("outcome_exception"),
        ),
        (
            "need_keys",
            gettext_lazy("Needs this outcome is for"),
            lambda e: "\n".join(needs_by_key.get(key, "") for key in e.need_keys).strip(),
        ),
        ("provision", gettext_lazy("2B.2 Provision"), _provision),
        (
            "welsh_required",
            gettext_lazy("2B.3 Must it be provided in Welsh?"),
            lambda e: _yes_no(e.welsh_required),
        ),
        ("provider", gettext_lazy("2B.4 Who provides it"), _provider),
        ("starts_on", gettext_lazy("2B.5 Provided from"), lambda e: _day(e.starts_on)),
        (
            "review_or_end_on",
            gettext_lazy("2B.6 Review date or end date"),
            lambda e: _day(e.review_or_end_on),
        ),
        ("rationale", gettext_lazy("2B.7 Rationale"), _attr("rationale")),
    )


ATTACHMENT_FIELDS: tuple[tuple[str, Any, Callable[[Any], str]], ...] = (
    ("title", gettext_lazy("Title"), _attr("title")),
    ("kind", gettext_lazy("Kind of document"), lambda a: label(ATTACHMENT_KIND_LABELS, a.kind)),
    ("document_date", gettext_lazy("Date of the document"), lambda a: _day(a.document_date)),
)


def _matched(
    old_items: Iterable[Any],
    new_items: Iterable[Any],
    key: Callable[[Any], str],
    specs: Sequence[tuple[str, Any, Callable]] | Callable[[Any], Sequence],
    title: Callable[[Any], str],
) -> tuple[ItemDiff, ...]:
    """Items matched by `key`: the new version's order, then what was removed.

    `specs` may be a function of the item's side ("old" or "new") for fields that read other
    parts of the same version (an element's needs).
    """
    old_by_key = {key(item): item for item in old_items}
    new_list = list(new_items)
    new_keys = {key(item) for item in new_list}

    def specs_for(side: str) -> Sequence[tuple[str, Any, Callable]]:
        return specs(side) if callable(specs) else specs

    result = []
    for item in new_list:
        before = old_by_key.get(key(item))
        if before is None:
            fields = _fields(specs_for("new"), None, item, only_changed=False)
            result.append(ItemDiff(key(item), ADDED, title(item), fields))
            continue
        fields = _changed_pairs(specs_for("old"), specs_for("new"), before, item)
        if fields:
            result.append(ItemDiff(key(item), CHANGED, title(item), fields))
    for item_key, item in old_by_key.items():
        if item_key not in new_keys:
            fields = _fields(specs_for("old"), item, None, only_changed=False)
            result.append(ItemDiff(item_key, REMOVED, title(item), fields))
    return tuple(result)


def _changed_pairs(
    old_specs: Sequence[tuple[str, Any, Callable]],
    new_specs: Sequence[tuple[str, Any, Callable]],
    old: Any,
    new: Any,
) -> tuple[FieldDiff, ...]:
    fields = []
    for (name, title, show_old), (_name, _title, show_new) in zip(
        old_specs, new_specs, strict=True
    ):
        before, after = show_old(old), show_new(new)
        if before != after:
            fields.append(_field(name, title, before, after))
    return tuple(fields)


def _need_title(need: Need) -> str:
    return Truncator(_text(need.description)).words(12)


def _element_title(element: Element) -> str:
    return Truncator(_text(element.outcome)).words(12) or str(_("Provision with no outcome yet"))


def version_diff(
    old: IdpVersion,
    new: IdpVersion,
    *,
    old_attachments: Iterable[Attachment] = (),
    new_attachments: Iterable[Attachment] = (),
    with_placement: bool = True,
) -> VersionDiff:
    """What changed from `old` to `new` (both with needs and elements prefetched)."""
    old_needs, new_needs = list(old.needs.all()), list(new.needs.all())
    descriptions = {
        "old": {n.key: _text(n.description) for n in old_needs},
        "new": {n.key: _text(n.description) for n in new_needs},
    }
    sections = [
        SectionDiff("about", str(_("1. About me")), _fields(ABOUT_FIELDS, old, new), ()),
        SectionDiff(
            "needs",
            str(_("2A. Additional learning needs")),
            _fields(
                (
                    (
                        "needs_summary",
                        gettext_lazy("Description of the additional learning needs"),
                        _attr("needs_summary"),
                    ),
                ),
                old,
                new,
            ),
            _matched(old_needs, new_needs, lambda n: n.key, NEED_FIELDS, _need_title),
        ),
        SectionDiff(
            "elements",
            str(_("2B and 2C. Additional learning provision")),
            (),
            _matched(
                old.elements.all(),
                new.elements.all(),
                lambda e: e.key,
                lambda side: element_fields(descriptions[side]),
                _element_title,
            ),
        ),
    ]
    if with_placement:
        sections.append(
            SectionDiff(
                "placement",
                str(_("2D. Placement, board and lodging")),
                _fields(PLACEMENT_FIELDS, old, new),
                (),
            )
        )
    sections += [
        SectionDiff(
            "information",
            str(_("Information used and transition")),
            _fields(INFORMATION_FIELDS, old, new),
            (),
        ),
        SectionDiff(
            "appendices",
            str(_("Appendices")),
            (),
            _matched(
                old_attachments,
                new_attachments,
                lambda a: str(a.pk),
                ATTACHMENT_FIELDS,
                lambda a: _text(a.title),
            ),
        ),
    ]
    return VersionDiff(old=old, new=new, sections=tuple(sections))

"""The readable difference between two versions: matched by key, section by section, word by
word, and always escaped."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.idps.diff import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    Segment,
    version_diff,
    word_diff,
)
from aln.idps.selectors.plans import version_get
from aln.idps.services.drafting import (
    ELEMENT_FIELDS,
    draft_save_section,
    element_remove,
    element_save,
    idp_start_revision,
    need_remove,
    need_save,
)
from tests.aln.idps.conftest import GOOD_OUTCOME, D
from tests.aln.idps.test_plan_pages import give

pytestmark = pytest.mark.django_db


def test_a_word_diff_marks_only_the_words_that_changed():
    assert word_diff("Cai will read 40 words", "Cai will read 60 words aloud") == (
        Segment("Cai will read ", EQUAL),
        Segment("40", DELETE),
        Segment("60", INSERT),
        Segment(" words", EQUAL),
        Segment(" aloud", INSERT),
    )
    assert word_diff("", "New text") == (Segment("New text", INSERT),)
    assert word_diff("Same", "Same") == (Segment("Same", EQUAL),)


def test_a_rewritten_phrase_reads_as_one_removal_and_one_addition():
    assert word_diff(
        "Cai will read 40 common words by July",
        "Cai will write three short sentences by July",
    ) == (
        Segment("Cai will ", EQUAL),
        Segment("read 40 common words", DELETE),
        Segment("write three short sentences", INSERT),
        Segment(" by July", EQUAL),
    )


def test_words_added_between_kept_words_are_not_folded_into_a_removal():
    assert word_diff("Cai will read words", "Cai will read new words aloud") == (
        Segment("Cai will read ", EQUAL),
        Segment("new ", INSERT),
        Segment("words", EQUAL),
        Segment(" aloud", INSERT),
    )


_PROSE = st.lists(
    st.sampled_from(["Cai", "will", "read", "40", "words", "by", "July", ".", " ", "  ", "\n"]),
    max_size=20,
).map("".join)


@given(before=_PROSE, after=_PROSE)
def test_the_kept_and_removed_text_is_the_old_and_the_kept_and_added_text_is_the_new(before, after):
    segments = word_diff(before, after)
    assert "".join(s.text for s in segments if s.kind != INSERT) == before
    assert "".join(s.text for s in segments if s.kind != DELETE) == after
    assert all(s.text for s in segments)
    assert all(a.kind != b.kind for a, b in itertools.pairwise(segments))


def _revise(plan, alnco):
    """Version 1 given; version 2 changes one outcome, adds an element, removes another and a
    need, and rewrites part of the profile."""
    v1_draft = plan.versions.get()
    first = v1_draft.elements.get()
    extra_need = need_save(
        actor=alnco,
        version=v1_draft,
        revision=v1_draft.revision,
        key=None,
        description="Finds it hard to settle after break.",
        impact="",
    )
    doomed = element_save(
        actor=alnco,
        version=v1_draft,
        revision=v1_draft.revision,
        key=None,
        values={"outcome": "By December 2026, Cai will settle within 5 minutes.", "need_keys": []},
    )
    give(plan, alnco)
    draft = idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=first.key,
        values={  # a save sends the whole element, as the form does
            **{name: getattr(first, name) for name in ELEMENT_FIELDS},
            "outcome": GOOD_OUTCOME.replace("40", "60"),
            "review_or_end_on": D("2027-12-17"),
        },
    )
    element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=None,
        values={"outcome": "By July 2027, Cai will write 3 sentences <b>unaided</b>."},
    )
    element_remove(actor=alnco, version=draft, revision=draft.revision, key=doomed.key)
    need_remove(actor=alnco, version=draft, revision=draft.revision, key=extra_need.key)
    draft_save_section(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        section="about",
        values={"important_to_me": "Playing rugby at break with my friends."},
    )
    return first, doomed, extra_need


def test_changed_added_and_removed_elements_between_two_versions(plan, alnco):
    first, doomed, extra_need = _revise(plan, alnco)
    diff = version_diff(version_get(idp=plan, number=1), version_get(idp=plan, number=2))
    sections = {section.slug: section for section in diff.sections}
    assert diff.changed
    elements = {item.key: item for item in sections["elements"].items}
    assert elements[first.key].status == CHANGED
    changed = {field.name: field for field in elements[first.key].fields}
    assert set(changed) == {"outcome", "review_or_end_on"}
    outcome = changed["outcome"].segments
    assert Segment("40", DELETE) in outcome
    assert Segment("60", INSERT) in outcome
    assert changed["review_or_end_on"].before == "16 July 2027"
    assert changed["review_or_end_on"].after == "17 December 2027"
    assert elements[doomed.key].status == REMOVED
    added = [item for item in elements.values() if item.status == ADDED]
    assert len(added) == 1
    assert "3 sentences" in added[0].title
    needs = {item.key: item.status for item in sections["needs"].items}
    assert needs == {extra_need.key: REMOVED}
    assert [f.name for f in sections["about"].fields] == ["important_to_me"]
    assert not sections["information"].changed


def test_two_versions_with_no_change_say_so(page, plan, alnco):
    give(plan, alnco)
    idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    diff = version_diff(version_get(idp=plan, number=1), version_get(idp=plan, number=2))
    assert not diff.changed
    soup = page.get(f"/plans/{plan.pk}/compare/", **{"from": "1", "to": "2"}).soup
    assert soup.select_one("#no-differences")


def test_the_compare_page_marks_each_element_and_escapes_what_was_written(page, plan, alnco):
    first, doomed, _ = _revise(plan, alnco)
    response = page.get(f"/plans/{plan.pk}/compare/", **{"from": "1", "to": "2"})
    soup = response.soup
    statuses = {
        card["data-item"]: card["data-status"] for card in soup.select("#diff-elements [data-item]")
    }
    assert statuses[first.key] == "changed"
    assert statuses[doomed.key] == "removed"
    assert "added" in statuses.values()
    # What people write is text, never markup.
    assert b"<b>unaided</b>" not in response.content
    assert b"&lt;b&gt;unaided&lt;/b&gt;" in response.content
    changed = soup.select_one(f'[data-item="{first.key}"] [data-field=outcome]')
    assert "40" in changed.select_one("del").get_text()
    assert "60" in changed.select_one("ins").get_text()


def test_the_plan_page_escapes_what_was_written(page, plan, alnco):
    draft = plan.versions.get()
    draft_save_section(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        section="about",
        values={"like_and_admire": "<script>alert(1)</script> Kind"},
    )
    response = page.get(f"/plans/{plan.pk}/versions/1/")
    assert b"<script>alert(1)</script>" not in response.content
    assert "<script>alert(1)</script> Kind" in response.soup.select_one("#profile").get_text()

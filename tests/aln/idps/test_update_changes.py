"""Changing a draft plan records, in its audit event, exactly the fields that changed, before and
after (`aln.audit.changes.field_changes`)."""

import pytest

from aln.audit.models import AuditEvent
from aln.domain.plans import AlpProvider
from aln.idps.selectors.plans import draft_of
from aln.idps.services.drafting import draft_save_section, element_save, need_save
from aln.organisations.models import HealthBoard
from tests.aln.idps.conftest import D
from tests.factories import SettingFactory

pytestmark = pytest.mark.django_db


def _last(event_type: str) -> dict:
    return AuditEvent.objects.filter(event_type=event_type).latest("id").changes


def _save(actor, plan, section, **values):
    draft = draft_of(idp=plan)
    draft_save_section(
        actor=actor, version=draft, revision=draft.revision, section=section, values=values
    )
    return draft


def test_a_section_save_records_each_changed_field_with_a_placement_as_its_id(plan, alnco):
    school = SettingFactory()
    draft = _save(alnco, plan, "placement", named_school=school, board_and_lodging="Weekdays")
    assert _last("idp.draft_saved") == {
        "version": draft.number,
        "section": "placement",
        "named_school": [None, str(school.pk)],
        "board_and_lodging": ["", "Weekdays"],
    }
    _save(alnco, plan, "placement", named_school=school.pk, board_and_lodging=" Term time ")
    assert _last("idp.draft_saved") == {
        "version": draft.number,
        "section": "placement",
        "board_and_lodging": ["Weekdays", "Term time"],
    }


def test_a_section_saved_unchanged_records_no_field(plan, alnco):
    draft = draft_of(idp=plan)
    _save(alnco, plan, "about", like_and_admire=draft.like_and_admire)
    assert _last("idp.draft_saved") == {"version": draft.number, "section": "about"}


def test_changing_a_need_records_the_words_before_and_after(plan, alnco):
    draft = draft_of(idp=plan)
    need = draft.needs.get()
    need_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=need.key,
        description=need.description,
        impact="He reads class texts with help.",
    )
    assert _last("idp.need_changed") == {
        "version": draft.number,
        "need": need.key,
        "impact": [need.impact, "He reads class texts with help."],
    }


def test_changing_an_element_records_dates_as_iso_and_the_health_board_as_its_id(plan, alnco):
    draft = draft_of(idp=plan)
    element = draft.elements.get()
    unchanged = {"need_keys": element.need_keys, "provider": element.provider}
    element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=element.key,
        values={**unchanged, "starts_on": D("2026-11-02"), "frequency": element.frequency},
    )
    assert _last("idp.element_changed") == {
        "version": draft.number,
        "element": element.key,
        "starts_on": ["2026-10-19", "2026-11-02"],
    }
    board = HealthBoard.objects.get(code="7A1")
    draft = draft_of(idp=plan)
    element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=element.key,
        values={**unchanged, "provider": AlpProvider.NHS_BODY.value, "health_board": board},
    )
    assert _last("idp.element_changed") == {
        "version": draft.number,
        "element": element.key,
        "provider": [AlpProvider.SCHOOL.value, AlpProvider.NHS_BODY.value],
        "health_board": [None, str(board.pk)],
    }

"""Writing a plan: starting it, saving sections, needs and elements, and two people at once."""

import pytest

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.errors import ServiceError
from aln.domain.plans import AlpProvider, PlanError, check_issue
from aln.domain.process import ProcessError
from aln.idps.models import Element, Idp, IdpVersion
from aln.idps.selectors.plans import draft_of, issue_blocks, plan_facts
from aln.idps.services.drafting import (
    draft_save_section,
    element_remove,
    element_save,
    idp_start,
    need_remove,
    need_save,
)
from tests.aln.idps.conftest import D
from tests.conftest import signed_in
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def refused(call, code):
    events = AuditEvent.objects.count()
    with pytest.raises(ServiceError) as raised:
        call()
    assert raised.value.code is code
    assert AuditEvent.objects.count() == events
    return raised.value


def test_starting_a_plan_makes_a_first_draft_kept_by_the_school(idp_due_case, alnco):
    idp = idp_start(actor=alnco, case=idp_due_case)
    draft = draft_of(idp=idp)
    assert idp.maintained_by == "school"
    assert idp.setting_id == idp_due_case.setting_id
    assert (draft.number, draft.state, draft.revision) == (1, "draft", 1)
    assert AuditEvent.objects.filter(event_type="idp.started", subject_id=str(idp.pk)).exists()


def test_a_plan_cannot_be_started_twice_or_before_it_is_due(idp_due_case, alnco, client, school):
    idp_start(actor=alnco, case=idp_due_case)
    refused(lambda: idp_start(actor=alnco, case=idp_due_case), PlanError.ALREADY_STARTED)
    assert Idp.objects.count() == 1


def test_only_the_body_that_maintains_it_writes_the_plan(idp_due_case, client, school):
    teacher = signed_in(client, "teacher", setting=school)
    refused(lambda: idp_start(actor=teacher, case=idp_due_case), PlanError.NOT_YOURS)
    assert not Idp.objects.exists()


def test_saving_a_section_records_what_changed(plan, alnco):
    draft = draft_of(idp=plan)
    draft_save_section(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        section="needs",
        values={"needs_summary": "  Dyslexia affects Cai's reading.  ", "outcome": "ignored"},
    )
    stored = IdpVersion.objects.get(pk=draft.pk)
    assert stored.needs_summary == "Dyslexia affects Cai's reading."
    event = AuditEvent.objects.filter(event_type="idp.draft_saved").latest("id")
    assert event.changes["needs_summary"] == ["", "Dyslexia affects Cai's reading."]


def test_the_second_of_two_saves_from_the_same_revision_is_refused_and_nothing_is_lost(plan, alnco):
    seen = draft_of(idp=plan)  # both people open the draft at the same revision
    other = draft_of(idp=plan)
    draft_save_section(
        actor=alnco,
        version=other,
        revision=other.revision,
        section="information",
        values={"information_used": "EP report, September 2026"},
    )
    refused(
        lambda: draft_save_section(
            actor=alnco,
            version=seen,
            revision=seen.revision,
            section="information",
            values={"information_used": "Class teacher's notes"},
        ),
        PlanError.CHANGED_BY_SOMEONE_ELSE,
    )
    assert IdpVersion.objects.get(pk=seen.pk).information_used == "EP report, September 2026"


def test_a_complete_first_draft_has_nothing_blocking_it(plan):
    assert issue_blocks(draft_of(idp=plan)) == ()


def test_an_outcome_link_to_a_removed_need_is_dropped(plan, alnco):
    draft = draft_of(idp=plan)
    need = draft.needs.get()
    need_remove(actor=alnco, version=draft, revision=draft.revision, key=need.key)
    element = Element.objects.get(version=draft)
    assert element.need_keys == []
    problems = {block.problem.value for block in check_issue(plan_facts(draft_of(idp=plan)))}
    assert "idp.issue.no_need_linked" in problems


def test_an_element_cannot_link_a_need_from_nowhere(plan, alnco):
    draft = draft_of(idp=plan)
    refused(
        lambda: element_save(
            actor=alnco,
            version=draft,
            revision=draft.revision,
            key=None,
            values={"need_keys": ["not-a-need"], "outcome": "x"},
        ),
        PlanError.UNKNOWN_NEED,
    )


def test_an_end_date_before_the_start_is_refused(plan, alnco):
    draft = draft_of(idp=plan)
    key = draft.elements.get().key
    refused(
        lambda: element_save(
            actor=alnco,
            version=draft,
            revision=draft.revision,
            key=key,
            values={"starts_on": D("2027-01-10"), "review_or_end_on": D("2027-01-01")},
        ),
        ProcessError.DATE_BEFORE_START,
    )


def test_nhs_provision_keeps_its_health_board_and_others_drop_it(plan, alnco):
    draft = draft_of(idp=plan)
    element = element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=None,
        values={"provider": AlpProvider.OTHER.value, "provider_name": "Charity", "outcome": ""},
    )
    assert element.health_board_id is None
    draft = draft_of(idp=plan)
    element_remove(actor=alnco, version=draft, revision=draft.revision, key=element.key)
    assert draft_of(idp=plan).elements.count() == 1


def test_a_need_needs_a_description(plan, alnco):
    draft = draft_of(idp=plan)
    refused(
        lambda: need_save(
            actor=alnco,
            version=draft,
            revision=draft.revision,
            key=None,
            description=" ",
            impact="",
        ),
        ProcessError.REQUIRED,
    )


def test_a_looked_after_childs_plan_is_kept_by_the_authority_that_looks_after_them(
    idp_due_case,
):
    learner = idp_due_case.learner
    learner.is_looked_after = True
    learner.looked_after_by_id = idp_due_case.local_authority_id
    learner.save()
    Case.objects.filter(pk=idp_due_case.pk).update(
        deciding_body="local_authority", idp_preparer="local_authority"
    )
    officer = MembershipFactory(
        role="la_aln_officer", local_authority=idp_due_case.local_authority
    ).user
    idp = idp_start(actor=officer, case=Case.objects.get(pk=idp_due_case.pk))
    assert idp.maintained_by == "looking_after_authority"
    assert idp.setting_id is None

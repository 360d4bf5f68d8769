"""Giving a plan: the version freezes, the family gets a copy with a letter, the clocks move."""

import io

import pytest
from pypdf import PdfReader

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.errors import ServiceError
from aln.deadlines.models import Deadline
from aln.domain.notices import DeliveryMethod, NoticeLanguage, Right
from aln.domain.plans import REVIEW_RULE, PlanError
from aln.domain.process import ProcessError
from aln.idps.models import Idp, IdpVersion
from aln.idps.selectors.plans import current_version, draft_of
from aln.idps.services.drafting import draft_save_section, idp_start, idp_start_revision
from aln.idps.services.issuing import idp_give
from aln.notices.models import ImmutableError, Notice
from aln.notices.services import notice_read_pdf
from tests.aln.idps.conftest import TODAY, D
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def pdf_text(notice):
    reader = PdfReader(io.BytesIO(notice_read_pdf(notice=notice)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def give(actor, idp, *, given_on=TODAY, language=NoticeLanguage.EN, **overrides):
    draft = draft_of(idp=idp)
    idp.case.refresh_from_db()
    values = {
        "actor": actor,
        "idp": idp,
        "version": draft,
        "revision": draft.revision,
        "case_version": idp.case.version,
        "given_on": given_on,
        "method": DeliveryMethod.POST,
        "language": language,
    }
    return idp_give(**{**values, **overrides})


def snapshot(idp):
    case = Case.objects.get(pk=idp.case_id)
    return {
        "notices": Notice.objects.count(),
        "events": AuditEvent.objects.count(),
        "states": list(IdpVersion.objects.order_by("number").values_list("state", flat=True)),
        "stage": case.stage,
        "case_version": case.version,
        "deadlines": list(Deadline.objects.order_by("pk").values_list("state", "met_on")),
    }


def test_giving_the_first_plan_moves_the_case_and_starts_the_review_clock(plan, alnco):
    decision = Deadline.objects.get(case=plan.case, rule_id="school-decision")
    assert decision.state == "open"

    notice = give(alnco, plan)

    plan.refresh_from_db()
    case = Case.objects.get(pk=plan.case_id)
    assert case.stage == "maintaining"
    decision.refresh_from_db()
    assert (decision.state, decision.met_on) == ("met", TODAY)
    review = Deadline.objects.get(case=case, rule_id=REVIEW_RULE)
    assert (review.state, review.started_on, review.due_on) == ("open", TODAY, D("2027-10-13"))
    assert (plan.first_given_on, plan.review_period_started_on) == (TODAY, TODAY)

    version = current_version(idp=plan)
    assert (version.number, version.state, version.issued_on) == (1, "issued", TODAY)
    assert version.issued_by == alnco
    assert version.notice == notice
    assert version.given_to == list(notice.addressee_names)
    assert plan.case.learner.full_name in version.given_to

    assert notice.kind == "idp_given"
    assert notice.case_id == plan.case_id
    # A school's plan: the family may ask the LA to reconsider it (s.27); no appeal, no last day.
    assert notice.rights == [Right.ASK_LA_TO_RECONSIDER_IDP.value]
    assert notice.appeal_last_day is None

    events = set(
        AuditEvent.objects.filter(subject_id=str(plan.pk)).values_list("event_type", flat=True)
    )
    assert {"idp.given", "idp.review_period_started"} <= events
    given = AuditEvent.objects.get(event_type="idp.given")
    assert given.changes["version"] == 1
    assert AuditEvent.objects.filter(event_type="case.idp_given").exists()


def test_the_stored_notice_is_the_letter_followed_by_the_plan(plan, alnco):
    notice = give(alnco, plan)
    text = pdf_text(notice)
    learner = plan.case.learner.full_name
    assert f"We have prepared an individual development plan (IDP) for {learner}" in text
    assert "A copy of it is with this letter." in text
    assert "The next review will be held by 13 October 2027." in text
    assert "to reconsider the plan with a view to revising it (section 27 of the Act)" in text
    # The plan itself follows the letter.
    assert text.index("Yours sincerely") < text.index("Section 2B: Additional learning provision")
    assert "2B.1 Outcome" in text
    assert "Cai will read 40 common words" in text
    assert "Date given 14 October 2026" in text


def test_a_given_version_can_never_change(plan, alnco):
    give(alnco, plan)
    version = IdpVersion.objects.get(idp=plan, number=1)
    version.needs_summary = "Changed afterwards."
    with pytest.raises(ImmutableError):
        version.save()


def test_a_plan_that_is_not_ready_is_refused_and_nothing_changes(idp_due_case, alnco):
    idp = idp_start(actor=alnco, case=idp_due_case)
    before = snapshot(idp)
    with pytest.raises(ServiceError) as refused:
        give(alnco, idp)
    assert refused.value.code is PlanError.CANNOT_ISSUE
    assert snapshot(idp) == before
    assert draft_of(idp=idp) is not None


def test_a_stale_draft_is_refused(plan, alnco):
    draft = draft_of(idp=plan)
    stale = draft.revision
    draft_save_section(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        section="information",
        values={"transition_arrangements": "Visits to the new class in July."},
    )
    before = snapshot(plan)
    with pytest.raises(ServiceError) as refused:
        give(alnco, plan, revision=stale)
    assert refused.value.code is PlanError.CHANGED_BY_SOMEONE_ELSE
    assert snapshot(plan) == before


def test_a_stale_case_is_refused(plan, alnco):
    before = snapshot(plan)
    with pytest.raises(ServiceError) as refused:
        give(alnco, plan, case_version=plan.case.version - 1)
    assert refused.value.code is ProcessError.CHANGED_BY_SOMEONE_ELSE
    assert snapshot(plan) == before


@pytest.mark.parametrize(
    ("given_on", "code"),
    [
        (D("2026-10-15"), ProcessError.DATE_IN_FUTURE),
        (D("2026-10-11"), ProcessError.DATE_BEFORE_START),  # decided on 12 October
        (None, ProcessError.REQUIRED),
    ],
)
def test_the_date_given_must_have_happened_after_the_decision(plan, alnco, given_on, code):
    before = snapshot(plan)
    with pytest.raises(ServiceError) as refused:
        give(alnco, plan, given_on=given_on)
    assert (refused.value.code, refused.value.field) == (code, "given_on")
    assert snapshot(plan) == before


def test_a_revised_plan_starts_the_next_review_period(plan, alnco, time_machine):
    give(alnco, plan)
    time_machine.move_to("2027-03-10 12:00")
    idp_start_revision(actor=alnco, idp=plan, why_revised="Cai now reads well; new outcome.")
    notice = give(alnco, plan, given_on=D("2027-03-10"))

    periods = list(
        Deadline.objects.filter(case=plan.case, rule_id=REVIEW_RULE)
        .order_by("started_on")
        .values_list("started_on", "state", "met_on", "due_on")
    )
    assert periods == [
        (TODAY, "met", D("2027-03-10"), D("2027-10-13")),
        (D("2027-03-10"), "open", None, D("2028-03-09")),
    ]
    plan.refresh_from_db()
    assert (plan.first_given_on, plan.review_period_started_on) == (TODAY, D("2027-03-10"))
    assert notice.kind == "revised_idp_given"
    assert list(
        IdpVersion.objects.filter(idp=plan).order_by("number").values_list("number", "state")
    ) == [(1, "issued"), (2, "issued")]
    assert Case.objects.get(pk=plan.case_id).stage == "maintaining"
    text = pdf_text(notice)
    assert "Cai now reads well; new outcome." in text
    assert "Version of the plan: 2" in text


def test_someone_who_does_not_maintain_the_plan_cannot_give_it(plan, client, school):
    teacher = signed_in(client, "teacher", setting=school)
    before = snapshot(plan)
    with pytest.raises(ServiceError) as refused:
        give(teacher, plan)
    assert refused.value.code is PlanError.NOT_YOURS
    assert snapshot(plan) == before
    assert Idp.objects.get(pk=plan.pk).first_given_on is None

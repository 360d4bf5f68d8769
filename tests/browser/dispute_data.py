"""Disagreements for the browser tests, built through the services (not the pages) so that only
the steps a test is about go through the browser.

As in idp_data, dates are relative to the real today (the live server's clock is not frozen),
and the LA's term dates cover the year before today's, today's and the next. Build records
inside `idp_data.quick_pdfs()` when no page will open their letters.
"""

from aln.cases.models import Case
from aln.cases.services.deciding import case_decide, case_give_notice
from aln.cases.services.opening import case_raise_concern
from aln.disputes.models import Appeal, LaRequest
from aln.disputes.services.appeals import (
    appeal_close,
    appeal_decide,
    appeal_list_hearing,
    appeal_option_for,
    appeal_record,
    appeal_register,
    appeal_withdraw,
    order_record,
)
from aln.disputes.services.capacity import acting_for_appoint, capacity_record
from aln.disputes.services.outcomes import la_request_decide
from aln.disputes.services.requests import (
    la_request_invite_representations,
    la_request_record,
    la_request_record_exception,
    la_request_withdraw,
)
from aln.disputes.services.support import support_refer
from aln.domain.cases import ConcernSource
from aln.domain.disagreements import (
    AppealDecision,
    Appellant,
    CapacityAssessor,
    DutyException,
    LaOutcome,
    OrderKind,
    Requester,
    SupportKind,
)
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import CeaseGround
from aln.domain.process import Outcome
from aln.idps.services.ceasing import cease_decide, cease_propose
from tests.browser.idp_data import (
    days_ago,
    fresh,
    given_plan,
    idp_due_case,
)
from tests.factories import CaseFactory, NoticeFactory, SupportProviderFactory

DETAILS = "We think the school has not looked at the reports from the speech therapist."


def school_no_aln_case(alnco, learner, decided_days_ago=20):
    """A school's decision that the learner has no ALN, its notice given the next day (the case
    closes on the notice)."""
    case = case_raise_concern(
        actor=alnco,
        learner=learner,
        raised_by=ConcernSource.TEACHER,
        raised_by_name="Ms Jones",
        concern="Finds reading hard.",
        brought_to_attention_on=days_ago(decided_days_ago + 30),
    )
    case_decide(
        actor=alnco,
        case=case,
        version=case.version,
        outcome=Outcome.NO_ALN,
        reasons="Progress is good with the support every pupil in the class gets.",
        decided_on=days_ago(decided_days_ago),
    )
    case = Case.objects.get(pk=case.pk)
    case_give_notice(
        actor=alnco,
        case=case,
        version=case.version,
        language=NoticeLanguage.EN,
        method=DeliveryMethod.POST,
        given_on=days_ago(decided_days_ago - 1),
    )
    return Case.objects.get(pk=case.pk)


def school_plan(alnco, learner, given_days_ago=30):
    """A plan the school maintains, given `given_days_ago` days ago."""
    return given_plan(alnco, idp_due_case(alnco, learner), days_ago(given_days_ago))


def ceased_plan(alnco, learner, decided_days_ago=5):
    """A school's decision to cease its plan (given 3 days before), given `decided_days_ago`
    days ago: the s.32 window (4 weeks, Regs reg 12) is open for a recent decision and closed
    for one 35 days old. At most 36 (the case was decided 40 days ago)."""
    idp = fresh(school_plan(alnco, learner, given_days_ago=decided_days_ago + 3))
    cease_propose(
        actor=alnco,
        idp=idp,
        case_version=idp.case.version,
        ground=CeaseGround.NO_LONGER_ALN,
        reasons="Nia now reads at the expected level without extra help.",
        given_on=days_ago(decided_days_ago + 2),
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    idp = fresh(idp)
    cease_decide(
        actor=alnco,
        idp=idp,
        case_version=idp.case.version,
        reasons="Nia now reads at the expected level without extra help.",
        decided_on=days_ago(decided_days_ago),
        given_on=days_ago(decided_days_ago),
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    return fresh(idp)


def la_decision(learner, given_days_ago=20):
    """The LA's decision that the learner has no ALN, its notice (with the right of appeal,
    s.70) given `given_days_ago` days ago."""
    case = CaseFactory(
        learner=learner,
        local_authority=learner.home_local_authority,
        setting=None,
        deciding_body="local_authority",
        stage="closed",
        outcome="no_aln",
        opened_on=days_ago(given_days_ago + 60),
        decided_on=days_ago(given_days_ago),
        closed_on=days_ago(given_days_ago),
    )
    notice = NoticeFactory(
        case=case,
        kind="no_aln",
        rights=["appeal_to_tribunal"],
        given_on=days_ago(given_days_ago),
        addressee_names=["Rhian Bowen"],
    )
    return case, notice


def resolution_provider(authority):
    return SupportProviderFactory(
        local_authority=authority,
        kind="disagreement_resolution",
        name_en="SNAP Cymru",
        name_cy="SNAP Cymru",
        description_en="Free, independent help to sort out disagreements.",
        description_cy="Help annibynnol am ddim i ddatrys anghytundebau.",
    )


def advocacy_provider(authority):
    return SupportProviderFactory(local_authority=authority, kind="independent_advocacy")


# Requests ---------------------------------------------------------------------------------------


def request(officer, case, route, received_days_ago=3, requester=Requester.PARENT):
    """A request the LA recorded as it arrived by post (its clock running)."""
    return la_request_record(
        actor=officer,
        case=case,
        route=route,
        requester=requester,
        requester_name="Rhian Bowen",
        received_on=days_ago(received_days_ago),
        details=DETAILS,
    )


def plan_request(alnco, officer, learner, route, *, ceased=False):
    """A school's plan in force (or, `ceased`, the school's decision to cease it 5 days ago) and
    a parent's request to the LA about it, recorded 3 days ago. Returns (plan, request)."""
    idp = ceased_plan(alnco, learner) if ceased else school_plan(alnco, learner)
    return idp, request(officer, idp.case, route)


def refresh(la_request):
    return LaRequest.objects.get(pk=la_request.pk)


def invited(officer, la_request):
    la_request_invite_representations(
        actor=officer, la_request=la_request, version=la_request.version, invited_on=days_ago(1)
    )
    return refresh(la_request)


def with_exception(officer, la_request):
    la_request_record_exception(
        actor=officer,
        la_request=la_request,
        version=la_request.version,
        exception=next(iter(DutyException)),
        reasons="The decision was reconsidered in the spring and nothing has changed since.",
        decided_on=days_ago(1),
    )
    return refresh(la_request)


def withdrawn(officer, la_request):
    la_request_withdraw(
        actor=officer,
        la_request=la_request,
        version=la_request.version,
        withdrawn_on=days_ago(1),
        reasons="The family and the school agreed a way forward.",
    )
    return refresh(la_request)


def decided(officer, la_request, outcome=LaOutcome.NO_REVISION, **extra):
    la_request_decide(
        actor=officer,
        la_request=la_request,
        version=la_request.version,
        outcome=outcome,
        reasons="The plan describes the needs and the provision well.",
        decided_on=days_ago(1),
        given_on=days_ago(1),
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
        **extra,
    )
    return refresh(la_request)


# Appeals ----------------------------------------------------------------------------------------


def appeal(officer, case, notice, received_days_ago=5):
    return appeal_record(
        actor=officer,
        case=case,
        notice=notice,
        appellant=Appellant.PARENT,
        appellant_name="Rhian Bowen",
        matters=list(appeal_option_for(notice).matters)[:1],
        received_on=days_ago(received_days_ago),
        tribunal_reference="ETW/26/0042",
    )


def fresh_appeal(item):
    return Appeal.objects.get(pk=item.pk)


def registered(officer, item):
    appeal_register(
        actor=officer,
        appeal=item,
        version=item.version,
        case_statement_due_on=days_ago(-20),
        tribunal_reference="ETW/26/0042",
    )
    return fresh_appeal(item)


def hearing_listed(officer, item):
    item = registered(officer, item)
    appeal_list_hearing(actor=officer, appeal=item, version=item.version, hearing_on=days_ago(2))
    return fresh_appeal(item)


def allowed(officer, item):
    item = hearing_listed(officer, item)
    appeal_decide(
        actor=officer,
        appeal=item,
        version=item.version,
        decision=AppealDecision.ALLOWED,
        summary="The Tribunal found that Nia has additional learning needs.",
        decided_on=days_ago(1),
        decision_sent_on=days_ago(1),
    )
    return fresh_appeal(item)


def closed(officer, item):
    """An appeal decided (allowed) and then closed."""
    item = allowed(officer, item)
    appeal_close(actor=officer, appeal=item, version=item.version, closed_on=today_plus(0))
    return fresh_appeal(item)


def withdrawn_appeal(officer, item):
    appeal_withdraw(
        actor=officer,
        appeal=item,
        version=item.version,
        withdrawn_on=today_plus(0),
        reasons="The family and the LA agreed the provision.",
    )
    return fresh_appeal(item)


def order(officer, item, owner=None):
    return order_record(
        actor=officer,
        appeal=item,
        kind=OrderKind.PREPARE_IDP,
        details="Prepare an IDP for Nia.",
        made_on=days_ago(1),
        comply_by=today_plus(30),
        owner=owner or officer,
    )


def today_plus(days):
    return days_ago(-days)


# Support, capacity, case friends ----------------------------------------------------------------


def referral(officer, learner, provider, notice=None, case=None, kind=None):
    return support_refer(
        actor=officer,
        learner=learner,
        kind=kind or SupportKind.DISAGREEMENT_RESOLUTION,
        provider=provider,
        referred_on=days_ago(2),
        referred_by_name="Owain Price",
        about="Whether Nia needs speech and language therapy.",
        case=case,
        notice=notice,
    )


def capacity_view(officer, learner, lacks=True):
    return capacity_record(
        actor=officer,
        learner=learner,
        assessor=CapacityAssessor.LOCAL_AUTHORITY,
        lacks_capacity=lacks,
        decided_on=days_ago(3),
        decided_by_name="Dr Elin Rees, educational psychologist",
        reasons="Nia cannot yet understand what asking for a review would mean for her.",
    )


def case_friend(officer, learner):
    return acting_for_appoint(
        actor=officer,
        learner=learner,
        kind="case_friend",
        name="Gareth Lloyd",
        email="gareth.lloyd@example.org",
        address="1 Heol y Bryn, Aberystwyth",
        authority="Appointed by the Education Tribunal for Wales, ETW/26/0042.",
        appointed_on=days_ago(3),
    )

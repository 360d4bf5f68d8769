"""The LA's clock for answering a request (Act ss.26-28, 32) outlives what ends or hands over the
case: a plan ending or ceasing, a transfer, the LA's own s.26 "no ALN". The duty lasts until the
LA answers, records a s.29 exception or the request is withdrawn."""

import pytest

from aln.deadlines.models import Deadline
from aln.deadlines.services.deadlines import deadlines_hand_over, deadlines_settle
from aln.disputes.models import LaRequest
from aln.domain.disagreements import REQUEST_DEADLINE_RULES, Route
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import CeaseGround, TransferKind
from aln.idps.services.ceasing import plan_end
from aln.idps.services.transfers import idp_transfer
from tests.aln.disputes.test_outcomes_setup import request_on, with_plan
from tests.aln.disputes.test_requests_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_requests_setup import TODAY
from tests.factories import DeadlineFactory, EnrolmentFactory, MembershipFactory, SettingFactory

pytestmark = pytest.mark.django_db


def _states(case):
    return dict(Deadline.objects.filter(case=case).values_list("rule_id", "state"))


@pytest.mark.parametrize("rule_id", sorted(REQUEST_DEADLINE_RULES))
def test_settling_a_whole_case_leaves_a_request_clock_open(authority, rule_id):
    request_clock = DeadlineFactory(rule_id=rule_id, case__local_authority=authority)
    case = request_clock.case
    other = DeadlineFactory(case=case, rule_id="school-decision")

    assert deadlines_settle(actor=None, case=case, reason="Plan ended") == 1

    assert Deadline.objects.get(pk=other.pk).state == "closed"
    assert Deadline.objects.get(pk=request_clock.pk).state == "open"


def test_a_request_clock_is_settled_when_named(authority):
    by_id = DeadlineFactory(rule_id="la-reconsideration", case__local_authority=authority)
    by_rule = DeadlineFactory(case=by_id.case, rule_id="la-idp-reconsideration")

    deadlines_settle(actor=None, case=by_id.case, deadline_ids=[by_id.pk], met_on=TODAY)
    deadlines_settle(actor=None, case=by_id.case, rule_ids=["la-idp-reconsideration"])

    assert Deadline.objects.get(pk=by_id.pk).state == "met"
    assert Deadline.objects.get(pk=by_rule.pk).state == "closed"


def test_a_hand_over_leaves_a_request_clock_with_the_la_that_owes_the_answer(authority):
    request_clock = DeadlineFactory(
        rule_id="la-takeover-decision", case__local_authority=authority, setting=None
    )
    case = request_clock.case
    review = DeadlineFactory(case=case, rule_id="idp-review")

    assert deadlines_hand_over(
        actor=None, case=case, carry_on={"idp-review"}, reason="Moved school"
    ) == (1, 0)

    stored = Deadline.objects.get(pk=request_clock.pk)
    assert (stored.state, stored.version, stored.setting_id) == ("open", 1, None)
    assert Deadline.objects.get(pk=review.pk).version == 2


# --- Through the services that end or pass on a plan -----------------------------------------


def test_a_plan_ending_leaves_the_request_open_and_its_clock_running(
    learner, officer, school_alnco
):
    idp = with_plan(learner, officer)
    la_request = request_on(Route.RECONSIDER_IDP, idp.case, officer)

    plan_end(
        actor=school_alnco,
        idp=idp,
        case_version=idp.case.version,
        ground=CeaseGround.NO_LONGER_REGISTERED,
        ended_on=TODAY,
    )

    assert _states(idp.case) == {"idp-review": "closed", "la-idp-reconsideration": "open"}
    assert LaRequest.objects.get(pk=la_request.pk).status == "open"


def test_a_transfer_leaves_the_request_open_and_its_clock_with_the_la(
    learner, officer, school_alnco, school
):
    idp = with_plan(learner, officer)
    la_request = request_on(Route.TAKE_OVER_IDP, idp.case, officer)
    clock = Deadline.objects.get(pk=la_request.deadline_id)
    new_school = SettingFactory(local_authority=school.local_authority)
    EnrolmentFactory(learner=learner, setting=new_school, started_on=TODAY)
    MembershipFactory(role="alnco", setting=new_school)

    idp_transfer(
        actor=school_alnco,
        idp=idp,
        case_version=idp.case.version,
        kind=TransferKind.IN_YEAR_SCHOOL,
        joined_on=TODAY,
        new_setting=new_school,
        notice_language=NoticeLanguage.EN,
        notice_method=DeliveryMethod.POST,
        given_on=TODAY,
    )

    assert _states(idp.case) == {"idp-review": "open", "la-takeover-decision": "open"}
    after = Deadline.objects.get(pk=clock.pk)
    assert (after.local_authority_id, after.setting_id, after.owner_id, after.due_on) == (
        clock.local_authority_id,
        None,
        clock.owner_id,
        clock.due_on,
    )
    assert LaRequest.objects.get(pk=la_request.pk).status == "open"

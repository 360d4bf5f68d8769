"""The pages that end a plan, in English and Welsh: what they offer, and what they do."""

import pytest
from django.urls import reverse
from django.utils import translation

from aln.cases.models import Case
from aln.common.i18n import CEASE_GROUND_LABELS, error_message
from aln.domain.plans import CeaseGround
from aln.domain.process import ProcessError
from aln.domain.responsibility import Body
from aln.idps.models import Idp
from aln.notices.models import Notice
from tests.aln.idps.test_ceasing import fresh, given_plan
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def dated(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def planned(client, authority, school, terms):
    idp, actor = given_plan(body=Body.SCHOOL, authority=authority, setting=school)
    client.force_login(actor)
    return idp, actor


@pytest.fixture
def school_plan(planned):
    return planned[0]


def speaks(user, language):
    """Staff see pages in the language saved on their profile."""
    user.preferred_language = "cy" if language == "cy" else "en-gb"
    user.save()


def propose_directly(idp):
    """The case waiting for a decision to cease (proposed on 5 October)."""
    Case.objects.filter(pk=idp.case_id).update(stage="cease_proposed", version=2)
    Idp.objects.filter(pk=idp.pk).update(
        cease_ground="no_longer_aln",
        cease_proposed_on="2026-10-05",
        cease_reasons="Reads at the expected level without extra help.",
    )
    return fresh(idp)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
@pytest.mark.parametrize("name", ["idps:end", "idps:cease-propose", "idps:transfer"])
def test_the_pages_for_a_plan_in_force_open_in_both_languages(page, planned, name, language):
    school_plan, actor = planned
    speaks(actor, language)
    response = page.get(reverse(name, args=[school_plan.pk]), language=language)
    assert response.soup.select_one("h1").get_text(strip=True)
    assert response.soup.select("form input[type=radio]")


@pytest.mark.parametrize("language", ["en-gb", "cy"])
@pytest.mark.parametrize("name", ["idps:cease-withdraw", "idps:cease-decide"])
def test_the_pages_for_a_proposal_open_in_both_languages(page, planned, name, language):
    idp = propose_directly(planned[0])
    speaks(planned[1], language)
    response = page.get(reverse(name, args=[idp.pk]), language=language)
    with translation.override("cy" if language == "cy" else "en-gb"):
        ground = str(CEASE_GROUND_LABELS[CeaseGround.NO_LONGER_ALN])
    assert ground in response.soup.select_one(".govuk-summary-list").get_text()


def test_the_end_page_offers_only_the_grounds_that_fit_the_plan(page, school_plan):
    response = page.get(reverse("idps:end", args=[school_plan.pk]))
    offered = [radio["value"] for radio in response.soup.select("input[name=ground]")]
    assert offered == ["no_longer_registered", "english_ehc_plan"]


def test_recording_that_the_duty_ended_closes_the_case(client, page, school_plan):
    response = client.post(
        reverse("idps:end", args=[school_plan.pk]),
        {
            "version": school_plan.case.version,
            "ground": "no_longer_registered",
            "notes": "Now educated at home.",
            **dated("ended_on", school_plan.case.opened_on.replace(month=10, day=9)),
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("idps:plan", args=[school_plan.pk])
    stored = fresh(school_plan)
    assert (stored.case.stage, stored.cease_ground) == ("closed", "no_longer_registered")


def test_a_missing_answer_is_shown_on_the_page_in_welsh(page, planned):
    school_plan, actor = planned
    speaks(actor, "cy")
    response = page.post(
        reverse("idps:end", args=[school_plan.pk]),
        {"version": school_plan.case.version},
        language="cy",
    )
    assert response.soup.select_one(".govuk-error-summary")
    assert fresh(school_plan).case.stage == "maintaining"


def test_a_stale_page_goes_back_to_the_plan_and_changes_nothing(client, school_plan):
    response = client.post(
        reverse("idps:end", args=[school_plan.pk]),
        {
            "version": school_plan.case.version + 5,
            "ground": "no_longer_registered",
            **dated("ended_on", school_plan.case.opened_on.replace(month=10, day=9)),
        },
    )
    assert response.url == reverse("idps:plan", args=[school_plan.pk])
    assert fresh(school_plan).case.stage == "maintaining"


def test_a_decision_page_before_any_proposal_goes_back_to_the_plan(client, school_plan):
    response = client.get(reverse("idps:cease-decide", args=[school_plan.pk]))
    assert response.url == reverse("idps:plan", args=[school_plan.pk])
    page = client.get(response.url)
    assert error_message(ProcessError.NOT_ALLOWED_NOW) in page.content.decode()


def test_someone_who_sees_the_plan_but_does_not_maintain_it_is_sent_back(
    client, school_plan, authority
):
    officer = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    client.force_login(officer)
    response = client.get(reverse("idps:end", args=[school_plan.pk]))
    assert response.url == reverse("idps:plan", args=[school_plan.pk])


def test_a_teacher_cannot_open_the_pages(client, school_plan, school):
    client.force_login(MembershipFactory(role="teacher", setting=school).user)
    assert client.get(reverse("idps:end", args=[school_plan.pk])).status_code == 404


def propose_and_decide(client, school_plan):
    """Propose to cease on 5 October, decide on the 13th, give the decision on the 14th."""
    notice = {"language": "en", "method": "post"}
    response = client.post(
        reverse("idps:cease-propose", args=[school_plan.pk]),
        {
            "version": school_plan.case.version,
            "ground": "no_longer_aln",
            "reasons": "Reads at the expected level without extra help.",
            **notice,
            **dated("given_on", school_plan.case.opened_on.replace(day=5)),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    idp = fresh(school_plan)
    assert idp.case.stage == "cease_proposed"
    response = client.post(
        reverse("idps:cease-decide", args=[idp.pk]),
        {
            "version": idp.case.version,
            "reasons": "The review found no additional learning needs remain.",
            **notice,
            **dated("decided_on", idp.case.opened_on.replace(day=13)),
            **dated("given_on", idp.case.opened_on.replace(day=14)),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return fresh(idp)


def test_propose_then_decide_in_the_browser(client, school_plan):
    stored = propose_and_decide(client, school_plan)
    assert (stored.case.stage, stored.case.closed_because) == ("closed", "plan_ceased")
    assert stored.reconsideration_closes_on is not None


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_after_a_school_decides_to_cease_the_plan_page_says_when_why_and_until_when(
    client, page, planned, language
):
    school_plan, actor = planned
    idp = propose_and_decide(client, school_plan)
    speaks(actor, language)
    ended = page.get(reverse("idps:plan", args=[idp.pk]), language=language).soup
    summary = ended.select_one("#plan-ended").get_text(" ", strip=True)
    with translation.override(language):
        assert str(CEASE_GROUND_LABELS[CeaseGround.NO_LONGER_ALN]) in summary
    assert "The review found no additional learning needs remain." in summary
    assert str(idp.ceased_on.year) in summary
    closes = idp.reconsideration_closes_on
    assert (
        ended.select_one("#reconsideration-closes").get_text(strip=True).startswith(str(closes.day))
    )
    assert not ended.select_one("#appeal-closes")  # a school's decision: reconsideration first
    notice = Notice.objects.get(case=idp.case, kind="cease_decided")
    assert ended.select_one("#cease-notice")["href"] == reverse(
        "notices:download", args=[notice.pk]
    )


def test_after_an_la_decides_to_cease_the_plan_page_gives_the_appeal_date(client, page, authority):
    la_plan, officer = given_plan(body=Body.LOCAL_AUTHORITY, authority=authority)
    client.force_login(officer)
    idp = propose_and_decide(client, la_plan)
    ended = page.get(reverse("idps:plan", args=[idp.pk])).soup
    notice = Notice.objects.get(case=idp.case, kind="cease_decided")
    assert notice.appeal_last_day is not None
    assert ended.select_one("#appeal-closes").get_text(strip=True) == (
        f"{notice.appeal_last_day.day} {notice.appeal_last_day:%B %Y}"
    )
    assert not ended.select_one("#reconsideration-closes")


def test_after_the_duty_ends_the_plan_page_gives_the_ground_and_no_notice(
    client, page, school_plan
):
    client.post(
        reverse("idps:end", args=[school_plan.pk]),
        {
            "version": school_plan.case.version,
            "ground": "no_longer_registered",
            "notes": "Now educated at home.",
            **dated("ended_on", school_plan.case.opened_on.replace(month=10, day=9)),
        },
    )
    ended = page.get(reverse("idps:plan", args=[school_plan.pk])).soup
    summary = ended.select_one("#plan-ended").get_text(" ", strip=True)
    assert str(CEASE_GROUND_LABELS[CeaseGround.NO_LONGER_REGISTERED]) in summary
    assert "Now educated at home." in summary
    assert not ended.select_one("#cease-notice")
    assert not ended.select_one("#reconsideration-closes")


def test_a_plan_in_force_has_no_ending_on_its_page(page, school_plan):
    assert not page.get(reverse("idps:plan", args=[school_plan.pk])).soup.select_one("#plan-ended")


def test_withdrawing_in_the_browser(client, school_plan):
    idp = propose_directly(school_plan)
    response = client.post(
        reverse("idps:cease-withdraw", args=[idp.pk]),
        {"version": idp.case.version, "reasons": "New evidence from the family."},
    )
    assert response.status_code == 302
    assert fresh(idp).case.stage == "maintaining"

"""The transfer page: the moves it offers, a refusal in Welsh, and where the person goes next."""

import pytest
from django.urls import reverse
from django.utils import translation

from aln.common.i18n import error_message
from aln.domain.plans import TransferError
from aln.domain.responsibility import Body
from aln.idps.models import Idp, IdpVersion, Transfer
from aln.idps.views import transfers as transfer_views
from tests.aln.idps.conftest import D
from tests.aln.idps.test_ceasing import fresh, given_plan
from tests.aln.idps.test_ceasing_views import dated
from tests.factories import SettingFactory

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def new_school(authority):
    return SettingFactory(local_authority=authority, name_en="Ysgol y Bryn", name_cy="Ysgol y Bryn")


def _form(idp, **values):
    return {
        "version": idp.case.version,
        "language": "en",
        "method": "post",
        **dated("given_on", D("2026-10-14")),
        **values,
    }


def test_the_page_offers_the_moves_that_start_from_a_school(page, planned, new_school):
    school_plan, actor = planned
    speaks(actor, "cy")
    response = page.get(reverse("idps:transfer", args=[school_plan.pk]), language="cy")
    kinds = [radio["value"] for radio in response.soup.select("input[name=kind]")]
    assert kinds == [
        "in_year_school",
        "start_of_year_school",
        "school_to_fei",
        "dual_registration",
        "into_care",
    ]
    schools = [o["value"] for o in response.soup.select("select[name=new_setting] option")]
    assert str(new_school.pk) in schools


def test_a_late_start_of_year_move_is_refused_with_the_reason_in_welsh(page, planned, new_school):
    school_plan, actor = planned
    speaks(actor, "cy")
    response = page.post(
        reverse("idps:transfer", args=[school_plan.pk]),
        _form(
            school_plan,
            kind="start_of_year_school",
            new_setting=str(new_school.pk),
            **dated("joined_on", D("2026-10-01")),
        ),
        language="cy",
    )
    with translation.override("cy"):
        message = error_message(TransferError.JOINED_TOO_LATE)
    assert message in response.soup.select_one(".govuk-error-summary").get_text()
    assert not Transfer.objects.exists()
    assert fresh(school_plan).setting_id != new_school.pk


def test_after_the_move_the_old_school_sees_the_plan_but_may_no_longer_change_it(
    client, school_plan, new_school
):
    response = client.post(
        reverse("idps:transfer", args=[school_plan.pk]),
        _form(
            school_plan,
            kind="in_year_school",
            new_setting=str(new_school.pk),
            **dated("joined_on", D("2026-10-05")),
        ),
    )
    plan_page = reverse("idps:plan", args=[school_plan.pk])
    assert response.url == plan_page
    assert fresh(school_plan).setting_id == new_school.pk
    again = client.get(reverse("idps:end", args=[school_plan.pk]))
    assert again.url == plan_page  # no longer theirs to change


def test_someone_who_can_no_longer_see_the_learner_goes_to_the_learner_search(
    client, school_plan, new_school, monkeypatch
):
    def nothing_visible(*, user):
        return Idp.objects.none()

    monkeypatch.setattr(transfer_views, "idp_visible_queryset", nothing_visible)
    response = client.post(
        reverse("idps:transfer", args=[school_plan.pk]),
        _form(
            school_plan,
            kind="in_year_school",
            new_setting=str(new_school.pk),
            **dated("joined_on", D("2026-10-05")),
        ),
    )
    assert response.url == reverse("learners:learner-search")
    assert "Ysgol y Bryn" in client.get(response.url).content.decode()
    assert IdpVersion.objects.filter(idp=school_plan).count() == 1

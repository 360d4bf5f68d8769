"""Pages shown to a signed-in person are never kept by the browser or a proxy (ASVS 8.2.1)."""

import pytest
from django.urls import reverse

from tests.factories import EnrolmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_learner_page_tells_browsers_and_proxies_to_keep_no_copy(client):
    learner = EnrolmentFactory().learner
    officer = MembershipFactory(
        role="la_aln_manager", local_authority=learner.home_local_authority
    ).user
    client.force_login(officer)

    response = client.get(reverse("learners:learner-detail", args=[learner.pk]))

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "private"} <= directives


def test_a_public_page_for_a_signed_out_visitor_is_left_alone(client):
    response = client.get(reverse("home:privacy"))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")

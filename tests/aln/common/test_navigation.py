"""The service navigation offers each person only the pages their roles may open."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import LocalAuthorityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _links(client, user) -> dict[str, str]:
    client.force_login(user)
    page = BeautifulSoup(client.get(reverse("home:home")).content, "html.parser")
    return {
        a.get_text(strip=True): a["href"]
        for a in page.select("a.govuk-service-navigation__link[href]")
    }


def test_a_data_protection_officer_is_offered_the_audit_trail_and_retention_not_learners(client):
    authority = LocalAuthorityFactory()
    dpo = MembershipFactory(role="data_protection_officer", local_authority=authority).user

    links = _links(client, dpo)

    assert links["Audit trail"] == reverse("audit:search")
    assert links["Retention"] == reverse("dataprotection:retention")
    assert "Learners" not in links
    assert "Deadlines" not in links


def test_an_la_manager_is_not_offered_the_audit_trail(client):
    manager = MembershipFactory(role="la_aln_manager", local_authority=LocalAuthorityFactory()).user

    links = _links(client, manager)

    assert "Learners" in links
    assert "Audit trail" not in links
    assert "Retention" not in links

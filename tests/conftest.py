"""Shared fixtures. `page` fetches a URL and checks what every page must have (Notify's pattern)."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.factories import (
    EnrolmentFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    UserFactory,
)

# Property tests check behaviour, never speed: a busy CI machine must not fail them on timing.
hypothesis_settings.register_profile("aln", deadline=None)
hypothesis_settings.load_profile("aln")


class Page:
    def __init__(self, client: Client):
        self.client = client

    def get(self, url, *, status=200, language="en-gb", **params):
        self.client.cookies["django_language"] = language
        response = self.client.get(url, params or None)
        return self._check(response, status, language)

    def post(self, url, data, *, status=200, language="en-gb"):
        self.client.cookies["django_language"] = language
        response = self.client.post(url, data)
        return self._check(response, status, language)

    def _check(self, response, status, language):
        assert response.status_code == status, response.content[:2000]
        if status != 200:
            return response
        soup = BeautifulSoup(response.content, "html.parser")
        expected_lang = "cy" if language == "cy" else "en-GB"
        assert soup.html["lang"] == expected_lang
        title = soup.title.get_text(strip=True)
        assert title, "every page has a <title>"
        if soup.select_one(".govuk-error-summary"):
            prefix = "Gwall:" if language == "cy" else "Error:"
            assert title.startswith(prefix), title
        response.soup = soup
        return response


@pytest.fixture
def page(client):
    return Page(client)


@pytest.fixture
def authority(db):
    return LocalAuthorityFactory(code="999", name_en="Demo Test County", name_cy="Sir Prawf")


@pytest.fixture
def school(authority):
    return SettingFactory(local_authority=authority)


def signed_in(client, role, **organisation):
    membership = MembershipFactory(role=role, **organisation)
    client.force_login(membership.user)
    return membership.user


@pytest.fixture
def alnco(client, school):
    return signed_in(client, "alnco", setting=school)


@pytest.fixture
def la_officer(client, authority):
    return signed_in(client, "la_aln_officer", local_authority=authority)


@pytest.fixture
def enrolled_learner(school):
    return EnrolmentFactory(
        setting=school, learner__home_local_authority=school.local_authority
    ).learner


__all__ = ["UserFactory", "signed_in"]

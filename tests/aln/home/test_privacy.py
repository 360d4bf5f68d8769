import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

PRIVACY = "/privacy/"


def test_anyone_can_read_the_privacy_notice(page):
    response = page.get(PRIVACY)
    assert response.soup.h1.get_text(strip=True) == "Privacy notice"
    headings = [h.get_text(strip=True) for h in response.soup.select("main h2")]
    assert headings == [
        "Who holds the information",
        "What information we hold",
        "Why we use it",
        "Who we share it with",
        "How long we keep it",
        "Your rights",
        "How to ask",
    ]
    text = response.soup.select_one("main").get_text(" ", strip=True)
    for fact in (
        "data controller",
        "Article 9(2)(g)",
        "Education Tribunal for Wales",
        "By default, records are kept until the learner is 31 years old.",
        "ico.org.uk",
        "data protection officer",
    ):
        assert fact in text


def test_a_signed_in_person_can_read_it_too(client, page, authority):
    signed_in(client, "la_aln_manager", local_authority=authority)
    assert page.get(PRIVACY).soup.h1.get_text(strip=True) == "Privacy notice"


def test_the_privacy_notice_is_in_welsh(page):
    response = page.get(PRIVACY, language="cy")
    assert response.soup.h1.get_text(strip=True) == "Hysbysiad preifatrwydd"
    assert response.soup.title.get_text(strip=True).startswith("Hysbysiad preifatrwydd")
    assert "ico.org.uk" in response.soup.select_one("main").get_text()


@pytest.mark.parametrize(
    ("url", "with_user"),
    [("/sign-in/", False), ("/", True), ("/no-such-page-here/", False), (PRIVACY, True)],
)
def test_every_page_links_to_the_privacy_notice_in_its_footer(client, authority, url, with_user):
    if with_user:
        signed_in(client, "la_aln_manager", local_authority=authority)
    response = client.get(url)
    footer = BeautifulSoup(response.content, "html.parser").select_one("footer")
    link = footer.select_one(f'a[href="{reverse("home:privacy")}"]')
    assert link.get_text(strip=True) == "Privacy"

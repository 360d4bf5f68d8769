import re

import pytest

from aln.domain.access import Action
from tests.architecture.url_walk import all_routes

ROUTES = all_routes()


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_every_url_declares_its_permission(route):
    assert route.view_class is not None, f"{route.name} must be a class-based view"
    public = getattr(route.view_class, "public", False)
    action = getattr(route.view_class, "required_action", None)
    assert public or isinstance(action, Action), (
        f"{route.name} ({route.pattern}) declares neither required_action nor public = True"
    )
    assert not (public and action), f"{route.name} cannot be both public and need an action"


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_every_url_is_named_in_kebab_case(route):
    assert ":" in route.name, f"{route.pattern} needs an app namespace and a name"
    assert re.fullmatch(r"[a-z]+:[a-z]+(-[a-z]+)*", route.name), route.name
    static_parts = re.sub(r"<[^>]+>", "", route.pattern)
    # A file name may end in an extension (the calendar feed is `.ics`).
    assert re.fullmatch(r"[a-z0-9/-]*(\.[a-z]+)?", static_parts), route.pattern


def test_the_public_pages_are_only_the_expected_ones():
    public = {r.name for r in ROUTES if getattr(r.view_class, "public", False)}
    assert public == {
        "accounts:sign-in",
        "accounts:sign-out",
        "accounts:password-reset",
        "accounts:password-reset-sent",
        "accounts:password-reset-confirm",
        "accounts:password-reset-complete",
        "common:language-switch",
        "deadlines:feed",  # authenticated by its secret token: calendar apps cannot sign in
        "home:privacy",  # the privacy notice: a parent may read it before they have an account
    }

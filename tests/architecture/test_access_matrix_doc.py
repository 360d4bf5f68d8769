"""docs/access-matrix.md is the access matrix the access test checks, and is up to date."""

from django.utils import translation

from aln.domain.access import role_may
from aln.domain.roles import Role
from tests.architecture import access_matrix_doc as doc
from tests.architecture.url_walk import all_routes


def test_the_access_matrix_document_is_up_to_date():
    current = doc.DOCUMENT.read_text() if doc.DOCUMENT.exists() else ""
    assert current == doc.render(), (
        f"docs/access-matrix.md is out of date (a URL, an action or a role changed). "
        f"Regenerate it with: {doc.COMMAND}"
    )


def test_the_document_is_in_english_whatever_language_is_active():
    """A test before may leave Welsh active in the thread (a signed-in Welsh speaker's request)."""
    with translation.override("cy"):
        in_welsh_context = doc.render()
    assert in_welsh_context == doc.render()
    assert "Local authority ALN officer" in in_welsh_context


def test_every_url_and_role_has_its_cell():
    text = doc.render()
    for route in all_routes():
        assert f"| `{route.name}` |" in text, route.name
    for role in Role:
        assert f"| `{doc.role_code(role)}` |" in text, role


def test_the_cells_say_what_the_policy_says():
    """A spot check of the rendering against `role_may`, the function the access test uses."""
    roles = list(Role)
    for route in all_routes():
        action = getattr(route.view_class, "required_action", None)
        if getattr(route.view_class, "public", False) or action is None:
            continue
        cells = doc.row(route, roles)[5:]
        expected = [role_may(role, action) for role in roles]
        assert [cell != doc.NOT_FOUND for cell in cells] == expected, route.name


def test_role_codes_are_unique():
    codes = [doc.role_code(role) for role in Role]
    assert len(codes) == len(set(codes))

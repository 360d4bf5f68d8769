"""How the demo tells its stories (cases, plans, disagreements): each in a savepoint, and a story
that does not fit the demo's data is left out, never made up."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


class NotAsToldError(Exception):
    """The learner picked for a story is decided for by another body than the story tells."""


def run_stories(stories: Iterable[Callable[[], T | None]]) -> list[T]:
    """Tell each story; returns what each story made, leaving out the stories that made nothing
    or raised `NotAsToldError`."""
    made = []
    for story in stories:
        try:
            with transaction.atomic():  # a savepoint: a story left out leaves nothing behind
                record = story()
        except NotAsToldError:
            continue
        if record is not None:
            made.append(record)
    return made

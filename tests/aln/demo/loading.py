"""Loading the demo from a test, as `make demo` does (a small one: 200 learners)."""

import io

from django.core.management import call_command

LEARNERS = 200


def load_demo(*args: str) -> str:
    """Run `demo_load` and return what it printed."""
    out = io.StringIO()
    call_command("demo_load", "--learners", str(LEARNERS), *args, stdout=out)
    return out.getvalue()

"""The demo loaded once for a whole test module.

A load takes tens of seconds (its story cases and plans are made through the services and give
PDF notices), and most demo tests only read what it made. The module's load runs in a transaction
rolled back after the module's last test; each test still runs in its own savepoint inside it, so
whatever a test changes is undone before the next one.
"""

import pytest
from django.db import transaction

from tests.aln.demo.loading import load_demo


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """What `demo_load` printed when it built the demo for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)

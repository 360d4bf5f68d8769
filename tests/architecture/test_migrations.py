from pathlib import Path

from django.conf import settings
from django.core.management import call_command


def test_migration_names_describe_the_change():
    names = [p.name for p in Path(settings.BASE_DIR, "aln").glob("*/migrations/0*.py")]
    assert names
    assert not [n for n in names if "_auto_" in n], "name migrations with --name"


def test_models_and_migrations_agree(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def _manage(*args, **env):
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(DJANGO_SETTINGS_MODULE="aln.config.settings.base", **env)
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 60 + "production-like-secret-key-for-the-check",
        ALLOWED_HOSTS="aln.example.gov.wales",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", ALLOWED_HOSTS="aln.example.gov.wales")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr

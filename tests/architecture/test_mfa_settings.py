"""Two-step sign-in is required in production unless someone turns it off on purpose."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PRINT = "from django.conf import settings; print(settings.MFA_REQUIRED)"


def _mfa_required(**env: str) -> str:
    ignored = {"DEBUG", "SECRET_KEY", "DEMO_MODE", "MFA_REQUIRED", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(
        DJANGO_SETTINGS_MODULE="aln.config.settings.base",
        SECRET_KEY="x" * 60 + "production-like-secret-key-for-the-check",
        ALLOWED_HOSTS="aln.example.gov.wales",
        **env,
    )
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "shell", "-c", PRINT],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after what `shell` says it imported


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "True"),  # production: nothing set
        ({"DEMO_MODE": "1", "DEBUG": "1"}, "False"),  # `make run`: the demo
        ({"DEMO_MODE": "1", "DEBUG": "1", "MFA_REQUIRED": "1"}, "True"),  # MFA_REQUIRED=1 make run
        ({"MFA_REQUIRED": "0"}, "False"),  # turned off on purpose
    ],
    ids=["production", "demo", "demo-with-it-on", "turned-off"],
)
def test_two_step_sign_in_is_required_unless_it_is_the_demo(env, expected):
    assert _mfa_required(**env) == expected

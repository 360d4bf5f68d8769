"""Test settings: the base settings with fast hashing, in-memory email and no lockout."""

import os
import tempfile
from pathlib import Path

# Tests run without DEBUG (as production does), so they need a key; it is never used elsewhere.
os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from aln.config.settings.base import *  # noqa: F403
from aln.config.settings.base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = False
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_MODE = True
# Most tests sign people in with force_login; the two-step tests turn this on themselves.
MFA_REQUIRED = False
# Serve static files straight from the finders, as the browser tests need, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Generated documents go to the system's temporary directory, never to var/ (tests that look at the
# files point DOCUMENTS_ROOT at their own tmp_path).
DOCUMENTS_ROOT = Path(tempfile.gettempdir()) / "aln-test-documents"

"""The only module that reads the environment (django-environ). See `.env.example`."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer's `.env` is read if present; real deployments set variables in the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

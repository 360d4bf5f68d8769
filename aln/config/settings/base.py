"""Every setting lives here; `test.py` overrides a few for speed. There is no production.py."""

from django.utils.translation import gettext_lazy as _

from aln.config.env import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=False)

# Required outside debug: a deploy without a secret key must fail at boot, not run insecurely.
SECRET_KEY = (
    env.str("SECRET_KEY") if not DEBUG else env.str("SECRET_KEY", default="dev-only-insecure")
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A refused form gets the service's own page, in the person's language (not Django's English one).
CSRF_FAILURE_VIEW = "aln.common.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "aln.common",
    "aln.accounts",
    "aln.organisations",
    "aln.learners",
    "aln.audit",
    "aln.cases",
    "aln.deadlines",
    "aln.notifications",
    "aln.notices",
    "aln.idps",
    "aln.disputes",
    "aln.dataprotection",
    "aln.home",
    "aln.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step sign-in (ADR 0015): django-otp marks verified sessions; ours asks for the code.
    "django_otp.middleware.OTPMiddleware",
    "aln.accounts.middleware.TwoStepMiddleware",
    "aln.common.middleware.UserLanguageMiddleware",
    "aln.common.middleware.RequestIdMiddleware",
    "aln.common.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inactivity timeout (ADR 0016): after authentication, and after messages for its sign-in note.
    "aln.common.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "aln.config.urls"
WSGI_APPLICATION = "aln.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aln.common.context_processors.language",
                "aln.common.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "aln.common.templatetags.govuk"],
        },
    },
]

# SQLite under var/ by default (the embedded mode); PostgreSQL in production via DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'aln.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id first: new passwords, and old hashes on the owner's next sign-in, are stored with it.
# PBKDF2 stays so that hashes made before the switch still check (ADR 0014).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
PASSWORD_RESET_TIMEOUT = (
    60 * 60 * 24
)  # one day: long enough for a busy parent, short enough to be safe

# Sign-in lockout (django-axes): 5 failures lock the email + IP pair for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# A session lasts one working day from sign-in, and ends when the browser closes. "Sign out
# everywhere" ends the rest (`User.get_session_auth_hash`).
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Inactivity (ADR 0016): a signed-in person who sends no request for this long is signed out; pages
# warn them this long before, and keep the session alive while they type. Settings in seconds.
SESSION_IDLE_TIMEOUT = 60 * env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_IDLE_WARNING = 60 * env.int("SESSION_IDLE_WARNING_MINUTES", default=2)

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build", BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Documents the service generates (statutory notices as PDFs): private files outside the web root,
# served only through views that check who is asking. Never put this under STATIC_ROOT.
DOCUMENTS_ROOT = env.path("DOCUMENTS_ROOT", default=BASE_DIR / "var" / "documents")

# EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587 (console output by default).
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="aln-noreply@localhost")

# Security headers. HTTPS is enforced unless DEBUG; the TLS proxy sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    },
}

# Demo data: the command that loads it refuses to run unless this is on (never in production).
DEMO_MODE = env.bool("DEMO_MODE", default=DEBUG)
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-password-2026")

# Two-step sign-in (ADR 0015). Staff roles must set it up when this is on; anyone who has set it up
# is asked for a code whatever it says. On by default; off by default only for the demo.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=not DEMO_MODE)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="ALN Cymru")
# Wrong codes: each failure doubles the wait before the next try (1, 2, 4, 8... seconds).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every step of drawing a PDF at INFO: keep only its warnings.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Background tasks (ADR 0004): Django's Tasks API through the django-tasks backport, queued in our
# own database and run by `manage.py db_worker`; `manage.py schedule_run` enqueues the periodic
# jobs listed in aln/config/schedule.py.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

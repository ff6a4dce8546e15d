"""Settings for Pain LMN, in one module; deployments set DJANGO_* environment variables.

Without configuration it runs as production (DEBUG off, HTTPS only) and refuses to start without a strong
DJANGO_SECRET_KEY. Every variable and its default: README, "Running it for a clinic".
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable: 1/true/yes/on are true."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def database_from_url(url: str) -> dict:
    """Return a DATABASES entry for a postgres:// or sqlite:/// URL."""
    parts = urlsplit(url)
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if parts.scheme == "sqlite":
        return sqlite_database(private_file(Path(unquote(parts.path))))
    raise ImproperlyConfigured(f"DJANGO_DATABASE_URL: unsupported scheme {parts.scheme!r}")


def sqlite_database(path: Path) -> dict:
    """Return a DATABASES entry for SQLite tuned for several users (WAL, immediate transactions)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # Writers queue for the lock at BEGIN instead of failing mid-transaction; waits up to "timeout" s.
            "transaction_mode": "IMMEDIATE",
            "timeout": 15,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


# Keys that were ever published with the code: refused like a missing key.
PUBLISHED_SECRET_KEYS = {
    "insecure-development-key-never-use-in-production",
    "bench-only-secret-key-not-for-any-deployment-0123456789",
    "letter-bench-only",
}
MAKE_A_KEY = 'make one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'


def secret_key_from_env() -> str:
    """Return DJANGO_SECRET_KEY, or refuse to start when it is missing, published or weak."""
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if not key:
        raise ImproperlyConfigured(f"DJANGO_SECRET_KEY is not set; {MAKE_A_KEY}")
    if key in PUBLISHED_SECRET_KEYS or key.startswith("django-insecure"):
        raise ImproperlyConfigured(f"DJANGO_SECRET_KEY is a published example value; {MAKE_A_KEY}")
    # The same bar as Django's security.W009 check.
    if len(key) < 50 or len(set(key)) < 5:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is weak (needs 50+ characters, 5+ different ones); {MAKE_A_KEY}"
        )
    return key


def default_data_dir() -> Path:
    """Return the per-user data folder: $XDG_DATA_HOME/pain-lmn or ~/.local/share/pain-lmn."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "pain-lmn"


def private_folder(path: Path) -> Path:
    """Create the folder (and parents) if needed and make it readable by its owner only (mode 700)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)
    except OSError as error:
        raise ImproperlyConfigured(f"DJANGO_DATA_DIR: cannot use {path} ({error.strerror})") from error
    return path


def private_file(path: Path) -> Path:
    """Create the file if needed and make it and its SQLite companions owner-only (mode 600)."""
    # SQLite gives the -wal and -shm files the database file's mode, so creating it 600 first is enough.
    try:
        path.touch(mode=0o600, exist_ok=True)
        for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if companion.exists():
                companion.chmod(0o600)
    except OSError as error:
        raise ImproperlyConfigured(f"Cannot use the database file {path} ({error.strerror})") from error
    return path


def trusted_origins(hosts: list[str]) -> list[str]:
    """Return https://host for each allowed host (a leading dot allows subdomains)."""
    return [f"https://*{h}" if h.startswith(".") else f"https://{h}" for h in hosts if h != "*"]


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# ---- Core ---------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = secret_key_from_env()
# Behind a TLS proxy, the client's address is the last hop of X-Forwarded-For (audit trail, lockout).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "") or trusted_origins(ALLOWED_HOSTS)

# ---- HTTPS: on unless DEBUG; the TLS proxy in front says the scheme in X-Forwarded-Proto -----------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" only takes effect if someone submits the domain at hstspreload.org; see the README.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "formtools",
    "crispy_forms",
    "crispy_bootstrap5",
    "wizard",
    "audit",
    "clinic",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered before sessions or the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Automatic logoff; after messages, so the login page can say why the user was signed out.
    "wizard.session_limits.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wizard.middleware.PrivacyHeadersMiddleware",
    # Turns a locked-out sign-in into our "try again after" page (django-axes asks for it near the end).
    "axes.middleware.AxesMiddleware",
    # Last, so it is the first to see a view's exception: a locked database answers 503, not 500.
    "wizard.database_busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "wizard.context_processors.membership",
            ],
        },
    },
]

# ---- Database: SQLite in the private data folder by default, PostgreSQL when DJANGO_DATABASE_URL says so
DATA_DIR = Path(os.environ.get("DJANGO_DATA_DIR") or default_data_dir())
if os.environ.get("DJANGO_DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DJANGO_DATABASE_URL"])}
else:
    SQLITE_PATH = Path(os.environ.get("DJANGO_SQLITE_PATH") or private_folder(DATA_DIR) / "db.sqlite3")
    DATABASES = {"default": sqlite_database(private_file(SQLITE_PATH))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- Accounts and sessions: patient data never goes into a cookie --------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.NameInPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "case_list"
LOGOUT_REDIRECT_URL = "login"
# A manager's invitation or password-reset link works once, for this many hours.
ONE_TIME_LINK_HOURS = int(os.environ.get("DJANGO_ONE_TIME_LINK_HOURS", "72"))
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Automatic logoff (HIPAA 164.312(a)(2)(iii)), enforced by wizard.session_limits: after DJANGO_IDLE_MINUTES
# without a request, and DJANGO_SESSION_HOURS after sign-in whatever the activity. The browser warns
# DJANGO_IDLE_WARNING_SECONDS before the idle limit. The cookie itself ends with the browser.
SESSION_IDLE_SECONDS = round(float(os.environ.get("DJANGO_IDLE_MINUTES", "15")) * 60)
SESSION_IDLE_WARNING_SECONDS = int(os.environ.get("DJANGO_IDLE_WARNING_SECONDS", "120"))
SESSION_ABSOLUTE_SECONDS = round(float(os.environ.get("DJANGO_SESSION_HOURS", "12")) * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000

# ---- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = False
USE_TZ = True

# ---- Static files: everything vendored, nothing fetched at run time ------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
# Hashed, compressed copies made by collectstatic (bin/serve runs it); the test run turns it off, as Django
# advises, because tests do not run collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_HASHED_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# The fonts are for the PDF renderer, which reads static/; compressing them would only slow collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["ttf", "woff", "woff2", "png", "jpg", "gif", "webp", "gz", "br", "zip"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ---- Logging: request paths carry only case UUIDs; form data is never logged ---------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports each render at INFO; its warnings and errors still show.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "wizard.views.errors.csrf_failure"
# An archived case may be purged this many years after it was archived (records retention, state law).
RETENTION_YEARS = int(os.environ.get("DJANGO_RETENTION_YEARS", "7"))
# Days we allow a payer with no decision-time rule we know of before a request shows as overdue.
DECISION_DEFAULT_DAYS = int(os.environ.get("DJANGO_DECISION_DEFAULT_DAYS", "15"))
# django-axes first: it refuses locked-out sign-ins before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "wizard.auth.MembershipBackend"]

# ---- Sign-in: lockout (django-axes) and second factor (django-otp) --------------------------------
# DJANGO_REQUIRE_MFA (default on): every user sets up an authenticator app and passes it at sign-in.
# Off (bin/demo sets DJANGO_REQUIRE_MFA=0), users may still set one up on the Security page, and then
# must pass it at sign-in.
REQUIRE_MFA = env_bool("DJANGO_REQUIRE_MFA", True)
OTP_TOTP_ISSUER = "Pain LMN"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# DJANGO_LOCKOUT_FAILURES failed sign-ins (default 5) for one account, or from one client address
# (password spraying), pause signing in for DJANGO_LOCKOUT_MINUTES (default 15) after the last one.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOCKOUT_FAILURES", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "audit.trail.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Attempts refused while locked do not push the end of the pause further away, so the time shown holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Sign-ins are on the audit trail already (audit/signals.py).
AXES_DISABLE_ACCESS_LOG = True
# Axes announces itself on stderr at every start; commands print one-line reasons there.
AXES_VERBOSE = False

"""Settings shared by every environment; secure by default.

Everything that differs per deployment is read from environment variables
(see `.env.example`); `dev` and `test` add throwaway values on top.
"""

from pathlib import Path
from urllib.parse import urlparse

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY")
# Older keys, still accepted after a rotation (signed links, sessions, and the
# encrypted second-factor secrets: people.second_factor_adapter).
SECRET_KEY_FALLBACKS = [key for key in env.list("SECRET_KEY_FALLBACKS", default=[]) if key]
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "website",
    "aftercare",
    "volunteers",
    "courses",
    "knowledge",
    "groups",
    "people",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "people.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_q",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "website.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "website.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "website.middleware.AdminContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "people.second_factor.SecondFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps no server-side connection pool; WAL lets the web server and
    # the task worker read while the other writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields.
    INSTALLED_APPS.append("django.contrib.postgres")
    # A server that does not answer fails a request (and /health/ready/)
    # within seconds instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "people.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Dutch first, English available; stored in UTC, shown in
# Europe/Amsterdam.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "website" / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Cache and task broker: Redis when REDIS_URL is set, otherwise the database
# (a cache table and django-q2's ORM broker) so that nothing but Python is
# needed. Never a per-process cache: allauth's log-in rate limits must count
# across every web server process (website.checks warns about it).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer fails a request, it never hangs it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "waakvlam_cache",
        },
        # A table of its own: culling pages never drops a rate-limit count.
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "waakvlam_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# Anonymous visitors' public pages are kept this many seconds in the "pages"
# cache, and retired at once when anything they show changes
# (website.pagecache); 0 turns the page cache off. Set it the same for every
# web server and task worker: a worker's writes retire pages too.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

Q_CLUSTER = {
    "name": "waakvlam",
    "workers": env.int("Q_WORKERS", default=2),
    # A task that fails is not acknowledged and is delivered again after
    # `retry` seconds, at most `max_attempts` times. Mail does not rely on
    # this: its task never fails, the outbox retries (MAIL_RETRY_* below).
    "timeout": 60,
    "retry": 120,
    "max_attempts": 10,
    "ack_failures": False,
    "save_limit": 500,
    "catch_up": False,
    "label": _("Background tasks"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 1

# E-mail: EMAIL_URL as understood by django-environ (smtp+tls://user:pw@host:587,
# consolemail://, filemail:///path).
EMAIL_URL = env("EMAIL_URL", default="smtp://localhost:25")
_email = environ.Env.email_url_config(EMAIL_URL)
_email_options = {
    key: value
    for key, value in {
        "host": _email.get("EMAIL_HOST"),
        "port": _email.get("EMAIL_PORT"),
        "username": _email.get("EMAIL_HOST_USER"),
        "password": _email.get("EMAIL_HOST_PASSWORD"),
        "use_tls": _email.get("EMAIL_USE_TLS"),
        "use_ssl": _email.get("EMAIL_USE_SSL"),
        # django-environ drops the leading slash of an absolute path.
        "file_path": urlparse(EMAIL_URL).path,
    }.items()
    if value not in (None, "")
}
if "filebased" not in _email["EMAIL_BACKEND"]:
    _email_options.pop("file_path", None)
if "smtp" not in _email["EMAIL_BACKEND"]:
    for _key in ("host", "port", "username", "password", "use_tls", "use_ssl"):
        _email_options.pop(_key, None)
if "smtp" in _email["EMAIL_BACKEND"]:
    # A mail server that hangs gives an error the outbox retries, well
    # before django-q2 stops the task (Q_CLUSTER["timeout"]).
    _email_options.setdefault("timeout", env.int("EMAIL_TIMEOUT", default=20))
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Waakvlam <noreply@waakvlam.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every e-mail waits in the outbox (people.outbox) until it is sent. One that
# cannot be sent is tried again after these delays (in seconds; after the
# last one, every 12 hours) until MAIL_RETRY_DAYS have passed; then it is
# flagged "failed" under Organisations → E-mails, never dropped. A sweep
# task (website.setup.SCHEDULES) sends what is due every minute.
MAIL_RETRY_DELAYS = [60, 5 * 60, 15 * 60, 3600, 3 * 3600, 6 * 3600, 12 * 3600]
MAIL_RETRY_DAYS = env.int("MAIL_RETRY_DAYS", default=3)

# Accounts (django-allauth): e-mail is the login, and must be verified.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "people.forms.SignupForm"
ACCOUNT_FORMS = {
    "login": "people.account_forms.LoginForm",
    "signup": "people.account_forms.SignupForm",
    "reset_password": "people.account_forms.ResetPasswordForm",
    "reset_password_from_key": "people.account_forms.ResetPasswordKeyForm",
    "change_password": "people.account_forms.ChangePasswordForm",
    "set_password": "people.account_forms.SetPasswordForm",
    "change_email": "people.account_forms.ChangeEmailForm",
}
# One address per person, changed in one step; security notices by mail.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# Confirming in the browser that signed up logs the person in and takes them
# on to where they were going (allauth does this only within that session).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Waakvlam: "
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# allauth's rate limits are on by default; these are its defaults written out
# so that a reader sees them.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Two-factor login (allauth.mfa): an authenticator app or a passkey, with
# recovery codes. Required for staff who see other people's personal data
# (people.permissions.must_use_second_factor, people.second_factor);
# offered to everyone else in Mijn Waakvlam. The secrets are encrypted at
# rest (people.second_factor_adapter). Wrong codes count towards the
# "login_failed" rate limit above.
MFA_ADAPTER = "people.second_factor_adapter.SecondFactorAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A passkey that checks a fingerprint, face or PIN is two factors in one:
# it may log in without the password. The relying party is the host the
# request came to (ALLOWED_HOSTS); browsers and fido2 accept only https, or
# http on localhost, so MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN stays off
# everywhere (dev and tests run on localhost).
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Waakvlam"
MFA_FORMS = {
    "activate_totp": "people.account_forms.ActivateAppForm",
    "authenticate": "people.account_forms.AuthenticateForm",
    "reauthenticate": "people.account_forms.ReauthenticateForm",
    "add_webauthn": "people.account_forms.AddPasskeyForm",
    "authenticate_webauthn": "people.account_forms.AuthenticatePasskeyForm",
    "login_webauthn": "people.account_forms.LoginPasskeyForm",
    "reauthenticate_webauthn": "people.account_forms.ReauthenticatePasskeyForm",
    "edit_webauthn": "people.account_forms.EditPasskeyForm",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "people:my"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Privacy (AVG): accounts unused this long are anonymised by a daily task.
ANONYMISE_AFTER_DAYS = env.int("ANONYMISE_AFTER_DAYS", default=730)
# The audit trail of who saw or exported others' data is kept this long.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)
# Aftercare plans closed this many months ago are anonymised by a daily task.
AFTERCARE_RETENTION_MONTHS = env.int("AFTERCARE_RETENTION_MONTHS", default=24)
# Invitations (to a role, to a group): how long the link works, and how long
# an answered or expired invitation is kept before a daily task removes it.
ROLE_INVITATION_DAYS = env.int("ROLE_INVITATION_DAYS", default=14)
INVITATION_RETENTION_DAYS = env.int("INVITATION_RETENTION_DAYS", default=90)

# The offer: how long a freed place is kept for the next person waiting.
WAITING_LIST_OFFER_HOURS = env.int("WAITING_LIST_OFFER_HOURS", default=48)

# Attendance: someone who missed this many meetings in a row needs attention.
ATTENTION_MISSED_IN_A_ROW = env.int("ATTENTION_MISSED_IN_A_ROW", default=2)
# ... and this many announced absences ("met bericht afwezig") in a row: a softer signal.
ATTENTION_EXCUSED_IN_A_ROW = env.int("ATTENTION_EXCUSED_IN_A_ROW", default=3)
# A signal without an outcome after this many days goes to the coordinators.
ATTENTION_ESCALATION_DAYS = env.int("ATTENTION_ESCALATION_DAYS", default=7)

# Volunteers: a VOG (certificate of conduct) older than this counts as
# expired; reminders start this many days before anything expires.
VOG_VALID_MONTHS = env.int("VOG_VALID_MONTHS", default=36)
RENEWAL_WINDOW_DAYS = env.int("RENEWAL_WINDOW_DAYS", default=60)
# The reminder stages: a competency or VOG gets a reminder this many days
# before it expires, once per stage (0: on the day itself).
EXPIRY_REMINDER_DAYS = env.list(
    "EXPIRY_REMINDER_DAYS", cast=int, default=[RENEWAL_WINDOW_DAYS, 14, 0]
)
# A VOG requested this long ago and still not in is flagged to coordinators.
VOG_REQUEST_OVERDUE_WEEKS = env.int("VOG_REQUEST_OVERDUE_WEEKS", default=8)
# Certificates uploaded as evidence: outside MEDIA_ROOT, served by a view.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024

# Knowledge base: a service on the social map not checked for this long is
# put to the editors again.
SERVICE_CHECK_DAYS = env.int("SERVICE_CHECK_DAYS", default=365)

# Wagtail
WAGTAIL_SITE_NAME = "Waakvlam"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
# The database backend picks PostgreSQL's full-text search or SQLite's FTS5
# by itself. On PostgreSQL the Dutch configuration stems words, so
# "vrijwilliger" also finds "vrijwilligers"; SQLite has no Dutch stemmer.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "dutch"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "txt"]
WAGTAILADMIN_LOGIN_URL = "account_login"
# No e-mail hashes to Gravatar and no calls home from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"},
}

# Security headers that hold everywhere; production adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail lifts this to SAMEORIGIN for its own preview frames.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# The public site runs no inline script; the few that Wagtail's admin writes
# get the request's nonce (website.middleware). Styles keep 'unsafe-inline':
# Wagtail's admin and its JS set style="..." attributes, which no nonce or
# hash covers. Icons are `data:` images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"url_secrets": {"()": "website.log_filters.RedactUrlSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["url_secrets"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Wagtail's inline tasks log every run; only problems are of interest.
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

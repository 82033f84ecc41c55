"""Settings for the municipal e-services platform.

Everything deployment-specific comes from environment variables (see README,
"Configuration"); the defaults run locally with no configuration at all.
"""

from pathlib import Path

import environ
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from corsheaders import defaults as corsheaders_defaults
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from obshtina.core.error_reports import start_error_reports
from obshtina.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; never required

DEBUG = env.bool("DEBUG", default=True)
DEMO = env.bool("DEMO", default=DEBUG)  # demo accounts and printed logins, never in production

_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdefghijklmnop"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")

# ".localhost" also lets samokov.localhost (PLATFORM_DOMAIN's subdomains) in while developing.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", ".localhost", "[::1]"])
# One platform, many municipalities, each on its own host (organization.hosts):
# <slug>.PLATFORM_DOMAIN, or a host of its own entered in the admin. The hosts of
# DEFAULT_MUNICIPALITY_HOSTS serve the first municipality; an installation with one
# municipality serves it on every allowed host.
PLATFORM_DOMAIN = env.str("PLATFORM_DOMAIN", default="localhost")
PLATFORM_NAME = env.str("PLATFORM_NAME", default="Електронни услуги на общините")
DEFAULT_MUNICIPALITY_HOSTS = env.list(
    "DEFAULT_MUNICIPALITY_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The one address of the site in e-mails, calendar invitations and Open311 links; in
# production it must be set (check --deploy fails without an https address).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
# Reverse proxies in front of the app (addresses or networks, e.g. "127.0.0.1,::1" for
# the nginx of deploy/): only their X-Forwarded-For is believed (obshtina/core/clients.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "phonenumber_field",
    # Before allauth, so that our templates override allauth's.
    "obshtina.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "obshtina.core",
    "obshtina.organization",
    "obshtina.registry",
    "obshtina.notifications",
    "obshtina.reports",
    "obshtina.correspondence",
    "obshtina.infodesk",
    "obshtina.reception",
    "obshtina.casework",
    "obshtina.api",
    "obshtina.audit",
    "obshtina.edelivery",  # its table always exists; it acts only with EDELIVERY_ENABLED
    "obshtina.eauth",
    "obshtina.signatures",
    "corsheaders",
    "ninja",  # the API docs' templates and Swagger UI files (served locally, no CDN)
    "csp",  # its checks refuse the settings of django-csp < 4
]

MIDDLEWARE = [
    "obshtina.core.request_log.RequestLogMiddleware",  # first: the request id for all below
    "django.middleware.security.SecurityMiddleware",
    "obshtina.core.middleware.ContentSecurityPolicyMiddleware",
    "obshtina.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "obshtina.organization.middleware.MunicipalityMiddleware",  # the host decides
    "django.contrib.sessions.middleware.SessionMiddleware",
    "obshtina.core.middleware.ChosenLanguageMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth's: staff sessions end when idle or too old, then a staff member
    # without a second factor is taken to set one up (obshtina/accounts/middleware.py).
    "obshtina.accounts.middleware.StaffSessionLimitMiddleware",
    "obshtina.accounts.middleware.SecondFactorRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "obshtina.core.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# SQLite by default (WAL, IMMEDIATE transactions and a busy timeout, because the
# web process and the background worker write at the same time); DATABASE_URL
# switches to PostgreSQL, which is what production uses.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, sessions): kept outside the app process -------------
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_table",
        }
    }
# Each municipality's cache keys are its own (organization.hosts.cache_key).
CACHE_KEY_FUNCTION = "obshtina.organization.hosts.cache_key"
CACHES["default"]["KEY_FUNCTION"] = CACHE_KEY_FUNCTION

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "obshtina.accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
# A password change keeps the session it was made in; Django's session hash ends every
# other session of the person. The change, like every change to e-mails and second
# factors, is e-mailed to the person (allauth's notifications, through the outbox).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Brute-force protection: failed logins are limited per IP and per account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_FAILED_RATE_LIMIT", default="10/m/ip,5/5m/key"),
}
ACCOUNT_ADAPTER = "obshtina.accounts.adapter.AccountAdapter"

# Two-factor authentication (allauth.mfa): staff must have a second factor, citizens
# may (obshtina.organization.permissions.needs_second_factor).
MFA_ADAPTER = "obshtina.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Security keys need https and a host name; runserver on localhost is let through.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Staff sessions end after this long without a request, and this long after logging in.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=12)
if STAFF_SESSION_IDLE_MINUTES < 1 or STAFF_SESSION_MAX_HOURS < 1:
    raise environ.ImproperlyConfigured(
        "STAFF_SESSION_IDLE_MINUTES and STAFF_SESSION_MAX_HOURS must be at least 1."
    )
PHONENUMBER_DEFAULT_REGION = "BG"

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "bg"
LANGUAGES = [("bg", _("Български")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The site's one way of writing dates in each language (obshtina/core/formats/).
FORMAT_MODULE_PATH = ["obshtina.core.formats"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Private files (letters' attachments): outside MEDIA_ROOT, streamed only after a
# permission check, never served by the web server.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
UPLOAD_MAX_DOCUMENT_BYTES = env.int("UPLOAD_MAX_DOCUMENT_BYTES", default=20 * 1024 * 1024)
# Virus-scan hook for documents: dotted path of a callable(upload) that raises
# ValidationError to refuse a file (e.g. a ClamAV client); empty: no scan.
DOCUMENT_SCANNER = env.str("DOCUMENT_SCANNER", default="") or None
# Third-party front-end code comes from PyPI packages (XStatic), never pasted in.
STATICFILES_DIRS = [
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
# Photos: at most this many per report and this size each (before re-encoding).
REPORT_MAX_PHOTOS = env.int("REPORT_MAX_PHOTOS", default=5)
UPLOAD_MAX_IMAGE_BYTES = env.int("UPLOAD_MAX_IMAGE_BYTES", default=10 * 1024 * 1024)
# Anonymous report submissions per IP address (count/period: s, m, h, d).
REPORT_RATE_LIMIT = env.str("REPORT_RATE_LIMIT", default="5/10m")
QUESTION_RATE_LIMIT = env.str("QUESTION_RATE_LIMIT", default="5/10m")
# "Наистина ли е решен?": this many days after a report is resolved (manage.py send_fixed_checks).
REPORT_FIXED_CHECK_DAYS = env.int("REPORT_FIXED_CHECK_DAYS", default=21)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files: folders (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) by default, or S3-compatible
# object storage (MEDIA_STORAGE=s3): photos in a bucket readable by anyone (stable,
# unsigned URLs that pages and API clients may cache), private files in another bucket
# with no public ACL and no URL at all (obshtina/core/storage.py).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    _s3 = {
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,  # non-AWS providers
        "region_name": env.str("S3_REGION", default="") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "file_overwrite": False,
    }
    _media, _private = (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env.str("S3_BUCKET"),
                # Empty for providers without ACLs, whose bucket policy makes it public instead.
                "default_acl": env.str("S3_MEDIA_ACL", default="public-read") or None,
                "querystring_auth": False,
                "custom_domain": env.str("S3_MEDIA_DOMAIN", default="") or None,  # e.g. a CDN
            },
        },
        {
            "BACKEND": "obshtina.core.storage.PrivateS3Storage",
            "OPTIONS": {**_s3, "bucket_name": env.str("S3_PRIVATE_BUCKET")},
        },
    )
elif MEDIA_STORAGE == "filesystem":
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private = {"BACKEND": "obshtina.core.storage.PrivateStorage"}
else:
    raise environ.ImproperlyConfigured("MEDIA_STORAGE is either filesystem or s3.")
STORAGES = {
    "default": _media,
    "private": _private,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "obshtina.core.storage.StaticStorage"
    },
}

# --- E-mail -------------------------------------------------------------------
# Development writes mail to the console; production sets EMAIL_URL
# (e.g. smtp+tls://user:password@mail.example.bg:587).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Община Самоков <noreply@samokov.bg>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Background jobs ----------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=10)

# --- Maps -----------------------------------------------------------------------
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)

# --- Security -------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A refused form (open too long, no cookie): a page in Bulgarian, or the APIs' formats.
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Pages opened from the site (video rooms, admin pop-ups) get no handle on its window.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Only the site's own files run and style pages: no inline script, style attribute or
# eval. The map's tile server (from MAP_TILE_URL) is added to img-src for each response
# by obshtina.core.middleware. Video rooms open in their own tab and the push service is
# called by the server, so neither needs a source here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": not DEBUG and SECURE_SSL_REDIRECT,  # served over https
    }
}
# Location (the report form's "my location") and the camera for the site itself; every
# other powerful feature for nobody, embedded pages included (only features Chromium
# knows: an unknown one is a console warning on every page).
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": ["self"],
    "microphone": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "hid": [],
    "midi": [],
    "display-capture": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    "xr-spatial-tracking": [],
    "browsing-topics": [],
}

# --- Logging: never log personal data (no request bodies, no e-mail addresses) --
# One JSON object a line in production (journald keeps them), text in development;
# every line carries its request's id (obshtina/core/logs.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING_CONFIG = "obshtina.core.logs.configure"
LOGGING = logging_config(LOG_FORMAT, env.str("LOG_LEVEL", default="INFO"))

# Error reports to Sentry or a compatible server (GlitchTip): off without SENTRY_DSN;
# never with personal data (obshtina/core/error_reports.py).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    start_error_reports(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production"),
        release=env.str("SENTRY_RELEASE", default=""),
    )

# --- Registry -------------------------------------------------------------------
# Dotted path to a DocumentSystemConnector subclass (e.g. for АКСТЪР ОФИС).
REGISTRY_CONNECTOR = env.str(
    "REGISTRY_CONNECTOR", default="obshtina.registry.connectors.NullConnector"
)

# --- Who looked at personal data ------------------------------------------------------
# Days an access record is kept before `manage.py prune_access_records` removes it:
# five years by default, the general limitation period for claims (ЗЗД, чл. 110).
ACCESS_RECORD_RETENTION_DAYS = env.int("ACCESS_RECORD_RETENTION_DAYS", default=1826)
if ACCESS_RECORD_RETENTION_DAYS < 1:
    raise environ.ImproperlyConfigured("ACCESS_RECORD_RETENTION_DAYS must be at least 1.")

# --- Reception hours ------------------------------------------------------------------
# The covering index for free slots exists on PostgreSQL only; SQLite rightly skips it.
SILENCED_SYSTEM_CHECKS = ["models.W040", *env.list("SILENCED_SYSTEM_CHECKS", default=[])]
# Requests a citizen may have waiting for approval at once, so nobody hoards the calendar.
RECEPTION_MAX_PENDING = env.int("RECEPTION_MAX_PENDING", default=3)
# Citizens book from this many minutes ahead up to this many days ahead.
RECEPTION_MIN_NOTICE_MINUTES = env.int("RECEPTION_MIN_NOTICE_MINUTES", default=60)
RECEPTION_BOOKING_HORIZON_DAYS = env.int("RECEPTION_BOOKING_HORIZON_DAYS", default=60)
# A freed slot offered to the first on a waitlist is theirs to accept for this long
# (never past the schedule's cut-off before the slot), then it goes to the next.
RECEPTION_WAITLIST_OFFER_HOURS = env.int("RECEPTION_WAITLIST_OFFER_HOURS", default=3)
# Video consultations: "jitsi" (a room URL from VIDEO_URL_TEMPLATE with a random
# UUID room), "bigbluebutton" (checksum-signed join links from BBB_URL and BBB_SECRET)
# or "none" (officials paste a link themselves). The public meet.jit.si asks the
# moderator to log in; production should point the template at a self-hosted Jitsi.
VIDEO_PROVIDER = env.str("VIDEO_PROVIDER", default="jitsi")
VIDEO_URL_TEMPLATE = env.str("VIDEO_URL_TEMPLATE", default="https://meet.jit.si/{room}")
BBB_URL = env.str("BBB_URL", default="")
BBB_SECRET = env.str("BBB_SECRET", default="")

# --- Phones and other systems (PWA, web push, APIs) -----------------------------------
# Web push (VAPID): generate a key pair once (README); without keys push is off.
VAPID_PUBLIC_KEY = env.str("VAPID_PUBLIC_KEY", default="")
VAPID_PRIVATE_KEY = env.str("VAPID_PRIVATE_KEY", default="")
VAPID_SUBJECT = env.str("VAPID_SUBJECT", default="mailto:obshtina@samokov.bg")
# Anonymous POSTs to the JSON API and Open311 per IP address.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="10/10m")
# Where a deprecated API operation's Link: rel="deprecation" points (README, "API versions").
API_VERSION_POLICY_URL = env.str("API_VERSION_POLICY_URL", default="")
# Other front ends allowed to call /api/ and /open311/ from a browser.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/(api|open311)/.*$"
CORS_ALLOW_HEADERS = (*corsheaders_defaults.default_headers, "idempotency-key")
CORS_EXPOSE_HEADERS = ["Idempotent-Replayed", "Retry-After", "X-Request-ID"]
# A retry with the same Idempotency-Key within this many hours gets the first answer.
IDEMPOTENCY_KEY_HOURS = env.int("IDEMPOTENCY_KEY_HOURS", default=24)

# --- e-Delivery (ССЕВ) through the e-government service bus ------------------------
# Off by default: with EDELIVERY_ENABLED unset nothing of the connector runs or shows.
# Outgoing documents then also reach a recipient's e-Delivery profile (README_DRAFT.md).
EDELIVERY_ENABLED = env.bool("EDELIVERY_ENABLED", default=False)
EDELIVERY_URL = env.str("EDELIVERY_URL", default="").rstrip("/")  # the API, …/api/v1 below it
# The token endpoint (POST …/token); the service bus usually answers it on the same host.
EDELIVERY_TOKEN_URL = env.str("EDELIVERY_TOKEN_URL", default="").rstrip("/") or EDELIVERY_URL
EDELIVERY_CLIENT_ID = env.str("EDELIVERY_CLIENT_ID", default="")
EDELIVERY_TOKEN_SCOPE = env.str("EDELIVERY_TOKEN_SCOPE", default="")
# The client certificate registered with the service bus (its subject carries the OID),
# its key, and the CA bundle the bus's server certificate is checked against.
EDELIVERY_CLIENT_CERT = env.str("EDELIVERY_CLIENT_CERT", default="")
EDELIVERY_CLIENT_KEY = env.str("EDELIVERY_CLIENT_KEY", default="")
EDELIVERY_CA_BUNDLE = env.str("EDELIVERY_CA_BUNDLE", default="")
EDELIVERY_OID = env.str("EDELIVERY_OID", default="")  # the administration's OID
# The message template and the ids (GUIDs) of its text and file fields.
EDELIVERY_TEMPLATE_ID = env.int("EDELIVERY_TEMPLATE_ID", default=1)
EDELIVERY_TEMPLATE_TEXT_FIELD = env.str("EDELIVERY_TEMPLATE_TEXT_FIELD", default="")
EDELIVERY_TEMPLATE_FILE_FIELD = env.str("EDELIVERY_TEMPLATE_FILE_FIELD", default="")
EDELIVERY_TIMEOUT = env.int("EDELIVERY_TIMEOUT", default=30)  # seconds per request
EDELIVERY_MAX_ATTEMPTS = env.int("EDELIVERY_MAX_ATTEMPTS", default=20)
# How long a sent message's status is still checked for "delivered" (days).
EDELIVERY_WATCH_DAYS = env.int("EDELIVERY_WATCH_DAYS", default=30)
if EDELIVERY_ENABLED:
    _edelivery_missing = [
        name
        for name in (
            "EDELIVERY_URL",
            "EDELIVERY_CLIENT_ID",
            "EDELIVERY_CLIENT_CERT",
            "EDELIVERY_CLIENT_KEY",
            "EDELIVERY_OID",
            "EDELIVERY_TEMPLATE_TEXT_FIELD",
            "EDELIVERY_TEMPLATE_FILE_FIELD",
        )
        if not globals()[name]
    ]
    if _edelivery_missing:
        raise environ.ImproperlyConfigured(
            "EDELIVERY_ENABLED needs " + ", ".join(_edelivery_missing) + "."
        )

# --- e-Delivery inbox: ЗДОИ requests received in the municipality's profile -------------
# Read by ``manage.py edelivery_sweep`` only with EDELIVERY_ENABLED and ACCESS_PLATFORM
# both on. A received message is a ЗДОИ request when its subject (in the inbox list,
# before opening) carries a platform number, or the phrase "заявление за достъп до
# обществена информация", or its sender profile is named here; only those are opened
# and registered, every other message is left unopened for the registry.
# The platform's sender profile names, comma-separated (as e-Delivery shows them).
EDELIVERY_INBOX_PLATFORM_SENDERS = env.list("EDELIVERY_INBOX_PLATFORM_SENDERS", default=[])
# The municipality (slug) whose profile the certificate reads; "" is the first one.
EDELIVERY_INBOX_MUNICIPALITY = env.str("EDELIVERY_INBOX_MUNICIPALITY", default="")
# How many days back the inbox list is read on each sweep.
EDELIVERY_INBOX_DAYS = env.int("EDELIVERY_INBOX_DAYS", default=30)

# --- The national platform for access to public information (pitay.government.bg) ----
# Off by default. The platform has no API for administrations: its requests arrive by
# e-Delivery, the document-exchange system or e-mail. On, the registry desk records the
# platform's number of a ЗДОИ request (typed in, or read from a delivered message by
# ACCESS_PLATFORM_NUMBER_PATTERN), registers a request that arrives by several routes
# once, and exports each decision as a PDF and its data for entering on the platform.
ACCESS_PLATFORM = env.bool("ACCESS_PLATFORM", default=False)
# A regular expression for the platform's request number (case-insensitive); the
# default, "ЗДОИ-<2 digits>-<number>", is our reading of numbers seen on the platform,
# not a published format: change it here if the platform's numbers differ.
ACCESS_PLATFORM_NUMBER_PATTERN = env.str(
    "ACCESS_PLATFORM_NUMBER_PATTERN", default=r"ЗДОИ-\d{2}-\d{1,8}"
)
# A TrueType font with Cyrillic for the decision's PDF (Debian: fonts-dejavu-core).
ACCESS_PLATFORM_PDF_FONT = env.str(
    "ACCESS_PLATFORM_PDF_FONT", default="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
ACCESS_PLATFORM_PDF_BOLD_FONT = env.str(
    "ACCESS_PLATFORM_PDF_BOLD_FONT",
    default="/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)

# --- Sign in with the national e-identification (eAuth, obshtina.eauth) ----------------
# Off by default: without EAUTH_ENABLED nothing of it is visible. The SP's entity ID is
# its public metadata URL (/eauth/metadata/ on the site's host); eAuth fetches it from the
# Issuer of our signed requests. README, "Sign in with eAuth", says what to register.
EAUTH_ENABLED = env.bool("EAUTH_ENABLED", default=False)
# The identity provider's metadata: an https URL (fetched and cached) or a file path.
EAUTH_IDP_METADATA = env.str("EAUTH_IDP_METADATA", default="")
# Our key pair (PEM files) that signs requests and decrypts assertions; its certificate
# is published in our metadata.
EAUTH_SP_KEY = env.str("EAUTH_SP_KEY", default="")
EAUTH_SP_CERT = env.str("EAUTH_SP_CERT", default="")
# The electronic administrative service's OID and the administration's OID (register
# of administrations), both 2.16.100.…; the level asked for: LOW, SUBSTANTIAL or HIGH.
EAUTH_SERVICE_OID = env.str("EAUTH_SERVICE_OID", default="")
EAUTH_PROVIDER_OID = env.str("EAUTH_PROVIDER_OID", default="")
EAUTH_LEVEL_OF_ASSURANCE = env.str("EAUTH_LEVEL_OF_ASSURANCE", default="SUBSTANTIAL")
# The secret for the keyed hash (lookup) and the encryption of person identifiers (ЕГН).
# Required in production and never to be changed once set (the stored hashes depend on
# it); only with DEBUG on is it derived from SECRET_KEY.
EAUTH_IDENTIFIER_KEY = env.str("EAUTH_IDENTIFIER_KEY", default="")
# Accepted difference between the identity provider's clock and ours (seconds).
EAUTH_CLOCK_SKEW_SECONDS = env.int("EAUTH_CLOCK_SKEW_SECONDS", default=180)
if EAUTH_ENABLED:
    if EAUTH_LEVEL_OF_ASSURANCE not in {"LOW", "SUBSTANTIAL", "HIGH"}:
        raise environ.ImproperlyConfigured("EAUTH_LEVEL_OF_ASSURANCE is LOW, SUBSTANTIAL or HIGH.")
    _eauth_missing = [
        name
        for name in (
            "EAUTH_IDP_METADATA",
            "EAUTH_SP_KEY",
            "EAUTH_SP_CERT",
            "EAUTH_SERVICE_OID",
            "EAUTH_PROVIDER_OID",
        )
        if not globals()[name]
    ]
    if not DEBUG and not EAUTH_IDENTIFIER_KEY:
        _eauth_missing.append("EAUTH_IDENTIFIER_KEY")
    if _eauth_missing:
        raise environ.ImproperlyConfigured(f"EAUTH_ENABLED needs {', '.join(_eauth_missing)}.")

# --- Qualified electronic signatures (КЕП) ---------------------------------------------
# Off by default: nothing of it is visible. On, the signatures on filed attachments
# (PAdES, CAdES, XAdES) are checked after filing against the EU trusted lists, which
# `manage.py refresh_trusted_lists` fetches daily (deploy/obshtina-trusted-lists.timer).
SIGNATURES_ENABLED = env.bool("SIGNATURES_ENABLED", default=False)
# The EU list of lists, and the certificates its signature is checked with (a PEM
# file; empty: the LOTL signers bundled with pyHanko, as published in the OJEU).
SIGNATURES_LOTL_URL = env.str(
    "SIGNATURES_LOTL_URL", default="https://ec.europa.eu/tools/lotl/eu-lotl.xml"
)
SIGNATURES_LOTL_SIGNER_CERTS = env.str("SIGNATURES_LOTL_SIGNER_CERTS", default="")
# Whose trusted lists are fetched from the list of lists (ISO 3166 codes, EL for Greece).
SIGNATURES_TRUSTED_LIST_TERRITORIES = env.list(
    "SIGNATURES_TRUSTED_LIST_TERRITORIES", default=["BG"]
)
# Seconds to wait for a trusted list, an OCSP responder or a CRL.
SIGNATURES_FETCH_TIMEOUT = env.int("SIGNATURES_FETCH_TIMEOUT", default=30)
# A CA's OCSP responder or CRL out of reach: "hard-fail" shows the signature as one that
# cannot be confirmed yet (staff re-check it later); "soft-fail" accepts it as not revoked.
SIGNATURES_REVOCATION_MODE = env.str("SIGNATURES_REVOCATION_MODE", default="hard-fail")
if SIGNATURES_REVOCATION_MODE not in {"hard-fail", "soft-fail"}:
    raise environ.ImproperlyConfigured("SIGNATURES_REVOCATION_MODE is hard-fail or soft-fail.")
# (Not SIGNING_BACKEND: Django has a setting of that name for its own signing.)
# Signing outgoing PDFs with the official's qualified signature (PAdES B-T):
# "off" (the default), "pkcs11" (a token: its module, token label, PIN, key and
# certificate labels) or "csc" (a remote-signing service, Cloud Signature Consortium
# API v1: its address, the credential, a bearer token and the PIN). SIGNATURES_TSA_URL:
# the RFC 3161 time-stamping service (a qualified one in production).
SIGNATURES_SIGNING_BACKEND = env.str("SIGNATURES_SIGNING_BACKEND", default="off")
if SIGNATURES_SIGNING_BACKEND not in ("off", "pkcs11", "csc"):
    raise environ.ImproperlyConfigured("SIGNATURES_SIGNING_BACKEND is off, pkcs11 or csc.")
SIGNATURES_TSA_URL = env.str("SIGNATURES_TSA_URL", default="")
SIGNATURES_PKCS11_MODULE = env.str("SIGNATURES_PKCS11_MODULE", default="")
SIGNATURES_PKCS11_TOKEN_LABEL = env.str("SIGNATURES_PKCS11_TOKEN_LABEL", default="")
SIGNATURES_PKCS11_PIN = env.str("SIGNATURES_PKCS11_PIN", default="")
SIGNATURES_PKCS11_KEY_LABEL = env.str("SIGNATURES_PKCS11_KEY_LABEL", default="")
SIGNATURES_PKCS11_CERT_LABEL = env.str("SIGNATURES_PKCS11_CERT_LABEL", default="")
SIGNATURES_CSC_URL = env.str("SIGNATURES_CSC_URL", default="")
SIGNATURES_CSC_CREDENTIAL_ID = env.str("SIGNATURES_CSC_CREDENTIAL_ID", default="")
SIGNATURES_CSC_TOKEN = env.str("SIGNATURES_CSC_TOKEN", default="")
SIGNATURES_CSC_PIN = env.str("SIGNATURES_CSC_PIN", default="")

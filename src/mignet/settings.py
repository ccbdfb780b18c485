"""Settings for Mignet. Every environment variable is read here, and only here (see docs/configuration.md)."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("MIGNET_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("MIGNET_PRODUCTION")
DEBUG = env_bool("MIGNET_DEBUG")


def _secret_key() -> str:
    key = os.environ.get("MIGNET_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise RuntimeError("MIGNET_SECRET_KEY must be set when MIGNET_PRODUCTION is on.")
    # A local key that survives restarts, so sessions stay valid between `make run`s.
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("MIGNET_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("MIGNET_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "mignet.core",  # first, so its templates (allauth layouts and elements) override the libraries' own
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "django_countries",
    "mignet.accounts",
    "mignet.network",
    "mignet.meetings",
    "mignet.library",
    "mignet.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mignet.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mignet.core.middleware.DatabaseUnavailableMiddleware",
    "mignet.core.middleware.NetworkTimeZoneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "mignet.accounts.middleware.UserLanguageMiddleware",
    "mignet.accounts.middleware.RequireTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mignet.urls"
WSGI_APPLICATION = "mignet.wsgi.application"

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
                "mignet.core.context_processors.mignet",
            ],
        },
    }
]

# --- Database
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'mignet.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, background work
REDIS_URL = os.environ.get("REDIS_URL", "")
# The default cache lives in the database: allauth keeps rate limits and used TOTP codes there, which must
# hold even when Redis is away. Redis, when configured, backs the "shared" cache (rendered charts, fragments)
# through django-redis, which misses quietly instead of failing while Redis is down.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "mignet_cache"},
    "shared": (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mignet-shared"}
    ),
}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions live in the database so that pages still answer when Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_DEFAULT_RETRY_DELAY = 30
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 3, "socket_timeout": 5}
# Scheduled work (docs/deployment.md): beat runs the meetings app's tick every 15 minutes; where no broker
# runs, cron runs `mignet tick` instead. Either is idempotent. MIGNET_BASE_URL is where people reach Mignet,
# for the links in e-mail and calendar invitations, which are built outside any request.
CELERY_BEAT_SCHEDULE = {
    "meetings-tick": {"task": "mignet.meetings.tasks.tick", "schedule": 15 * 60.0},
}
MIGNET_BASE_URL = os.environ.get("MIGNET_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Authentication
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # sign-up is closed: no "create an account" e-mail to strangers
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "mignet.accounts.adapters.AccountAdapter"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": False}  # django-axes owns lockout; one mechanism, one message.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mignet"

AXES_FAILURE_LIMIT = int(os.environ.get("MIGNET_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "mignet.accounts.security.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_VERBOSE = False
# Behind N trusted reverse proxies (MIGNET_PROXY_COUNT=N) the client is read from X-Forwarded-For,
# counting N entries from the right (what the outermost trusted proxy saw); otherwise from the connection.
MIGNET_PROXY_COUNT = int(os.environ.get("MIGNET_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "mignet.accounts.security.client_ip"

# --- Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("bn", _("Bangla"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_libraries"]  # ours first; then library gaps
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FORMS_URLFIELD_ASSUME_HTTPS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail ---------------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("MIGNET_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("MIGNET_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("MIGNET_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("MIGNET_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("MIGNET_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MIGNET_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MIGNET_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("MIGNET_FROM_EMAIL", "Mignet <no-reply@mignet.local>")

# --- API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mignet.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["mignet.core.api.hooks.PolicyPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "mignet.core.api.hooks.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mignet.core.api.hooks.exception_handler",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mignet API",
    "DESCRIPTION": "The REST API of Mignet, the platform of a UN Network on Migration. "
    "Authenticate with a session or with `Authorization: Token <key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "VisibilityEnum": "mignet.core.choices.Visibility",
        "RoleEnum": "mignet.core.choices.Role",
        "NetworkLevelEnum": "mignet.network.choices.NetworkLevel",
        "OrganisationKindEnum": "mignet.network.choices.OrganisationKind",
        "BodyKindEnum": "mignet.network.choices.BodyKind",
        "ParticipationLevelEnum": "mignet.network.choices.ParticipationLevel",
        "MembershipKindEnum": "mignet.network.choices.MembershipKind",
        "MembershipStatusEnum": "mignet.network.choices.MembershipStatus",
        "RepresentativeRoleEnum": "mignet.network.choices.RepresentativeRole",
        "ChairRoleEnum": "mignet.network.choices.ChairRole",
        "NominationStatusEnum": "mignet.network.choices.NominationStatus",
        "ObjectiveScopeEnum": "mignet.network.choices.ObjectiveScope",
        "BodyStatusEnum": "mignet.network.choices.BodyStatus",
        "ChairRotationRuleEnum": "mignet.network.choices.ChairRotationRule",
        "MeetingKindEnum": "mignet.meetings.choices.MeetingKind",
        "MeetingStatusEnum": "mignet.meetings.choices.MeetingStatus",
        "AttendanceStatusEnum": "mignet.meetings.choices.AttendanceStatus",
        "MinutesStatusEnum": "mignet.meetings.choices.MinutesStatus",
        "DecisionMethodEnum": "mignet.meetings.choices.DecisionMethod",
        "DecisionSubjectEnum": "mignet.meetings.choices.DecisionSubject",
        "DecisionStatusEnum": "mignet.meetings.choices.DecisionStatus",
        "PositionValueEnum": "mignet.meetings.choices.PositionValue",
        "ActionStatusEnum": "mignet.meetings.choices.ActionStatus",
        "ResourceKindEnum": "mignet.library.choices.ResourceKind",
        "ResourceLanguageEnum": "mignet.library.choices.Language",
        "ReviewStatusEnum": "mignet.library.choices.ReviewStatus",
        "TextStatusEnum": "mignet.library.choices.TextStatus",
        "UrgencyEnum": "mignet.library.choices.Urgency",
        "RequestStatusEnum": "mignet.library.choices.RequestStatus",
        "PlanKindEnum": "mignet.plans.choices.PlanKind",
        "PlanStatusEnum": "mignet.plans.choices.PlanStatus",
        "ResultLevelEnum": "mignet.plans.choices.ResultLevel",
        "FrameworkKindEnum": "mignet.plans.choices.FrameworkKind",
        "ActivityStatusEnum": "mignet.plans.choices.ActivityStatus",
        "MarkerEnum": "mignet.plans.choices.Marker",
        "DirectionEnum": "mignet.plans.choices.Direction",
        "SexEnum": "mignet.plans.choices.Sex",
        "AgeGroupEnum": "mignet.plans.choices.AgeGroup",
        "MigrantStatusEnum": "mignet.plans.choices.MigrantStatus",
        "ReportStatusEnum": "mignet.plans.choices.ReportStatus",
        "ImpedimentCategoryEnum": "mignet.plans.choices.ImpedimentCategory",
        "SeverityEnum": "mignet.plans.choices.Severity",
        "ImpedimentStageEnum": "mignet.plans.choices.ImpedimentStage",
        "PriorityKindEnum": "mignet.plans.choices.PriorityKind",
        "PriorityStatusEnum": "mignet.plans.choices.PriorityStatus",
        "DuplicateVerdictEnum": "mignet.plans.choices.DuplicateVerdict",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Security
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("MIGNET_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("MIGNET_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)

# --- Logging: security events go to the `mignet.security` logger, in UTC
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "utc": {
            "()": "mignet.core.logging.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc"}},
    "loggers": {
        "mignet.security": {"handlers": ["console"], "level": "INFO", "propagate": True},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# --- Mignet
MIGNET_DEMO_PASSWORD = os.environ.get("MIGNET_DEMO_PASSWORD", "")
MIGNET_CHAIR_TERM_ALERT_DAYS = 60
# The Network plenary meets every calendar quarter; warn this many days before a quarter ends without one.
MIGNET_CADENCE_ALERT_DAYS = 30
# The largest file a person may upload to the library, in megabytes (each file is checked by its content,
# mignet.library.files). Keep the reverse proxy's request-body limit a little above it.
MIGNET_UPLOAD_MAX_MB = int(os.environ.get("MIGNET_UPLOAD_MAX_MB", "25"))
# Quarterly progress reports are due this many days after the quarter ends; later ones are flagged late.
MIGNET_PROGRESS_DUE_DAYS = int(os.environ.get("MIGNET_PROGRESS_DUE_DAYS", "15"))
# Activities whose titles and descriptions are at least this similar (TF-IDF cosine, 0–1) are flagged as
# possible duplicates when they share a district and a GCM objective; the dashboard can raise or lower it.
MIGNET_DUPLICATE_THRESHOLD = float(os.environ.get("MIGNET_DUPLICATE_THRESHOLD", "0.35"))
# Largest XLSX plan import, in data rows across all sheets.
MIGNET_IMPORT_MAX_ROWS = int(os.environ.get("MIGNET_IMPORT_MAX_ROWS", "20000"))

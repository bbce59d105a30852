"""Marquee settings, read from the environment (see docs/configuration.md).

Every variable is optional on a developer's machine; production sets at least
``MARQUEE_DEBUG=0``, ``MARQUEE_SECRET_KEY`` and ``MARQUEE_ALLOWED_HOSTS``.
"""

from __future__ import annotations

import os
import zoneinfo
from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from marquee.config.environment import (
    database_config,
    email_config,
    env_bool,
    env_list,
    env_number,
    media_storage,
)

# Django's generic classes (ModelAdmin, forms, querysets) accept a model type argument at run time
# as they do in the type stubs: ``admin.ModelAdmin[Article]``.
django_stubs_ext.monkeypatch()


PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MARQUEE_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_bool("MARQUEE_DEBUG", True)

SECRET_KEY = os.environ.get("MARQUEE_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "MARQUEE_SECRET_KEY is required when MARQUEE_DEBUG is off: set it to a long random "
            "value kept secret, e.g. the output of "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list(
    "MARQUEE_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("MARQUEE_CSRF_TRUSTED_ORIGINS", [])
# The header in which the site's own proxy puts the client's address (X-Real-IP with
# deploy/nginx); unset, the connection's address (docs/configuration.md).
MARQUEE_CLIENT_ADDRESS_HEADER = os.environ.get("MARQUEE_CLIENT_ADDRESS_HEADER", "").strip()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "marquee.web",
    "marquee.media",
    "marquee.catalog",
    "marquee.newsroom",
    "marquee.linking",
    "marquee.community",
    "marquee.discovery",
    "marquee.fans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marquee.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304s for every GET whose ETag the reader already holds, stored pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous readers' pages from the page cache, before sessions and CSRF cost anything.
    "marquee.web.pagecache_middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "marquee.config.urls"
WSGI_APPLICATION = "marquee.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marquee.web.context_processors.site",
                "marquee.web.context_processors.account_nav",
            ],
        },
    },
]


DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'marquee.sqlite3'}"
DATABASES = {"default": database_config(DATABASE_URL, var_dir=VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# The page cache (docs/caching.md): stored pages in Redis, shared by every process and machine,
# else in each process's memory; their version tokens must reach every process, so without
# Redis they are files under MARQUEE_VAR_DIR (one machine).
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "marquee.web.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "marquee.web.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
        "page-versions": {
            "BACKEND": "marquee.web.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "page-versions",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "page-versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "page-versions"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
# Fragments of pages and values keyed by their version (docs/caching.md): in each process's
# memory whatever the other caches are, as their keys say all their content depends on.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# Anonymous pages: stored and shareable for this long (s-maxage); article pages less, as their
# reaction counts may be at most this many seconds old.
MARQUEE_PAGE_CACHE = env_bool("MARQUEE_PAGE_CACHE", not DEBUG)
MARQUEE_PAGE_CACHE_SECONDS = int(env_number("MARQUEE_PAGE_CACHE_SECONDS", 60))
MARQUEE_PAGE_CACHE_ARTICLE_SECONDS = int(env_number("MARQUEE_PAGE_CACHE_ARTICLE_SECONDS", 5))

# --- Sessions (issue 10: a logged-in request, e.g. a reaction, costs no session query) ---
# With Redis, sessions are read from the shared cache and written through to the database
# (``cached_db``: they survive a cache flush; log-out deletes both). Without Redis they stay in
# the database only: the in-process cache is per worker, so a log-out in one worker would leave
# the session alive in the others.
SESSION_ENGINE = "marquee.web.sessions.cached_db" if REDIS_URL else "marquee.web.sessions"
# Django's model backend with a plain-SQL read of the reader on each request (marquee/web/auth.py);
# Django's own stays listed so that sessions made before it keep working.
AUTHENTICATION_BACKENDS = [
    "marquee.web.auth.PlainModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# The SQLite file and collected static files live under var/; make sure it exists.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded images and their renditions (docs/media.md): files under MARQUEE_MEDIA_ROOT by default,
# an S3-compatible bucket with MARQUEE_MEDIA_S3_BUCKET (django-storages, `pip install marquee[s3]`).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MARQUEE_MEDIA_ROOT") or VAR_DIR / "media").resolve()
MARQUEE_MEDIA_S3_BUCKET = os.environ.get("MARQUEE_MEDIA_S3_BUCKET", "").strip()
MEDIA_STORAGE = media_storage(MEDIA_ROOT, MEDIA_URL, MARQUEE_MEDIA_S3_BUCKET)
# Uploads larger than these are refused; the pixel limit also stops decompression bombs.
MARQUEE_IMAGE_MAX_BYTES = int(env_number("MARQUEE_IMAGE_MAX_BYTES", 20_000_000))
MARQUEE_IMAGE_MAX_PIXELS = int(env_number("MARQUEE_IMAGE_MAX_PIXELS", 50_000_000))

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MARQUEE_LOG_LEVEL = (os.environ.get("MARQUEE_LOG_LEVEL") or "WARNING").strip().upper()
if MARQUEE_LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        "MARQUEE_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, "
        f"got {os.environ['MARQUEE_LOG_LEVEL']!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": MARQUEE_LOG_LEVEL},
}

MARQUEE_DEFAULT_REGION = os.environ.get("MARQUEE_DEFAULT_REGION", "US").upper()

# The time zone schedules are entered and shown in for newsroom members who have not chosen
# their own (docs/workflow.md).
MARQUEE_NEWSROOM_TIME_ZONE = (os.environ.get("MARQUEE_NEWSROOM_TIME_ZONE") or "Asia/Seoul").strip()
try:
    zoneinfo.ZoneInfo(MARQUEE_NEWSROOM_TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        "MARQUEE_NEWSROOM_TIME_ZONE must be an IANA time zone such as Asia/Seoul, "
        f"got {MARQUEE_NEWSROOM_TIME_ZONE!r}"
    ) from None
# The site's own address, for links in mail sent without a request (editorial notices).
MARQUEE_SITE_URL = (os.environ.get("MARQUEE_SITE_URL") or "http://localhost:8000").rstrip("/")
# How long a preview link works unless its maker chooses otherwise.
MARQUEE_PREVIEW_LINK_DAYS = int(env_number("MARQUEE_PREVIEW_LINK_DAYS", 7))
MARQUEE_SITE_NAME = "Marquee"
MARQUEE_ARTICLES_PER_PAGE = 12
# The main navigation's sections: (tag slug, label). A section's tag page always answers, even
# before an article carries the tag; tests/web/test_navigation.py checks that the demo fills each.
MARQUEE_SECTIONS = [("film", "Film"), ("series", "TV"), ("books", "Books")]
# Automatic entity links below this confidence are kept for editors but not shown to readers.
MARQUEE_LINK_MIN_CONFIDENCE = env_number("MARQUEE_LINK_MIN_CONFIDENCE", 0.6, whole=False)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("MARQUEE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env_number("MARQUEE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every response by marquee.web.middleware. Scripts, styles, fonts and requests come
# from the site itself only (no inline script or style); images also from any https address
# (article bodies may show them) and data: URLs (the API docs' icons); the one frame allowed is
# the trailer's privacy-enhanced YouTube embed.
MARQUEE_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["https://www.youtube-nocookie.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Community: accounts, reactions, comments, moderation (docs/community.md) ---
LOGIN_URL = "community:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# JSON clients get {"error": {...}} for a missing CSRF token; pages get Django's own explanation.
CSRF_FAILURE_VIEW = "marquee.community.views.csrf_failure"


globals().update(email_config(os.environ.get("MARQUEE_EMAIL_URL", "")))
DEFAULT_FROM_EMAIL = os.environ.get("MARQUEE_EMAIL_FROM", "Marquee <noreply@localhost>")

# Stable keys (stored in the database); emoji and labels may be changed freely.
MARQUEE_REACTIONS = [
    {"key": "love", "emoji": "😍", "label": "Love"},
    {"key": "haha", "emoji": "😂", "label": "Haha"},
    {"key": "wow", "emoji": "😮", "label": "Wow"},
    {"key": "sad", "emoji": "😢", "label": "Sad"},
    {"key": "angry", "emoji": "😡", "label": "Angry"},
]
MARQUEE_COMMENT_MAX_LENGTH = 2000
MARQUEE_COMMENT_EDIT_SECONDS = 15 * 60
MARQUEE_COMMENTS_PER_PAGE = 20
# A reader's comments are held for review until this many of theirs have been approved.
MARQUEE_COMMENT_TRUSTED_AFTER = int(env_number("MARQUEE_COMMENT_TRUSTED_AFTER", 3))
# Rate limits: (most attempts, per seconds). Counted in Redis when REDIS_URL is set, else in
# the database (shared by every worker process); "cache" or "database" forces one.
MARQUEE_RATE_LIMIT_STORE = "auto"
MARQUEE_COMMENT_RATE_LIMITS = [(5, 60), (60, 3600)]  # per reader
MARQUEE_COMMUNITY_ACTION_RATE_LIMITS = [(60, 60)]  # likes and reports, per reader
MARQUEE_REACTION_RATE_LIMITS = [(30, 60)]  # reaction choices, per reader
MARQUEE_SIGNUP_RATE_LIMITS = [(10, 3600)]  # accounts created, per client address
# Password-reset mails, per e-mail address entered and per client address.
MARQUEE_PASSWORD_RESET_RATE_LIMITS = {"email": (3, 3600), "address": (10, 3600)}
# Password checks (log-in, password change, account deletion) per account; log-ins per address.
MARQUEE_LOGIN_RATE_LIMITS = {"account": (5, 15 * 60), "address": (30, 15 * 60)}

# Discovery (docs/discovery.md): sitemaps, view counting in the cache. Every N-th view of an
# article in an hour writes its counter to the database; `marquee flush_views` writes the rest.
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.sitemaps"]
MIDDLEWARE = [*MIDDLEWARE, "marquee.discovery.middleware.ArticleViewMiddleware"]
MARQUEE_VIEWS_FLUSH_EVERY = int(env_number("MARQUEE_VIEWS_FLUSH_EVERY", 10))

# JSON API (docs/api.md). With ninja installed its docs page (/api/v1/docs) uses the Swagger UI
# files ninja ships, served as our own static files, instead of loading them from a CDN.
INSTALLED_APPS = [*INSTALLED_APPS, "ninja", "marquee.api"]

# --- Task queue (docs/tasks.md): after-commit work as jobs in the database, run by
# `marquee worker`. MARQUEE_TASKS=inline (the default with MARQUEE_DEBUG on, and in tests) also
# runs each job in the committing process right after the commit; worker (the default in
# production) leaves it to the workers. Failed runs are retried MARQUEE_TASK_MAX_ATTEMPTS times
# in all, after MARQUEE_TASK_RETRY_DELAY_SECONDS doubled at each failure; a worker that stops
# renewing its lease (MARQUEE_TASK_LEASE_SECONDS) is taken for dead and its job runs again.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", "marquee.tasks"]
TASKS = {"default": {"BACKEND": "marquee.tasks.backend.DatabaseBackend", "QUEUES": ["default"]}}
MARQUEE_TASKS = (os.environ.get("MARQUEE_TASKS") or ("inline" if DEBUG else "worker")).strip()
if MARQUEE_TASKS not in {"inline", "worker"}:
    raise ImproperlyConfigured(f"MARQUEE_TASKS must be inline or worker, got {MARQUEE_TASKS!r}")
MARQUEE_TASK_LEASE_SECONDS = env_number("MARQUEE_TASK_LEASE_SECONDS", 60, whole=False)
MARQUEE_TASK_MAX_ATTEMPTS = int(env_number("MARQUEE_TASK_MAX_ATTEMPTS", 5))
MARQUEE_TASK_RETRY_DELAY_SECONDS = env_number("MARQUEE_TASK_RETRY_DELAY_SECONDS", 10, whole=False)
MARQUEE_TASK_KEEP_DAYS = env_number("MARQUEE_TASK_KEEP_DAYS", 7, whole=False)
# Tasks every worker enqueues at an interval (seconds), unless a run is already waiting: the
# fans' "leaving soon" alerts and e-mail digests (docs/fans.md). Without a worker, run
# `marquee worker --burst` from cron.
MARQUEE_PERIODIC_TASKS = [
    ("marquee.fans.tasks.alerts_due", env_number("MARQUEE_ALERTS_EVERY_SECONDS", 900, whole=False)),
]
for _name in ("MARQUEE_TASK_LEASE_SECONDS", "MARQUEE_TASK_MAX_ATTEMPTS", "MARQUEE_TASK_KEEP_DAYS"):
    if not globals()[_name] > 0:
        raise ImproperlyConfigured(f"{_name} must be above 0, got {os.environ[_name]!r}")

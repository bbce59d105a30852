"""Reading Marquee's configuration from the environment: typed values with one-line errors, and
the translation of the addresses operators give (``DATABASE_URL``, ``MARQUEE_EMAIL_URL``, the
media bucket) into Django's settings. ``settings.py`` puts them together (docs/configuration.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_number(name: str, default: float, *, whole: bool = True) -> float:
    """A number from the environment (a whole one unless ``whole`` is false), at least 0."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value) if whole else float(value)
    except ValueError:
        number = -1
    if not 0 <= number < float("inf"):
        kind = "a whole number" if whole else "a number"
        raise ImproperlyConfigured(f"{name} must be {kind}, 0 or more, got {value!r}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_config(url: str, *, var_dir: Path) -> dict[str, object]:
    """Translate ``DATABASE_URL`` into Django's DATABASES entry, tuning SQLite for a web server."""
    if not url.startswith(("sqlite:", "postgres:", "postgresql:")):
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with sqlite:// or postgres://, got {url.split(':', 1)[0]!r}"
        )
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock
            # at BEGIN so concurrent writers queue on the busy timeout instead of failing.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
        # A file (not memory) so that live-server threads share it; one per process so that
        # concurrent test runs on one machine do not collide.
        config["TEST"] = {"NAME": str(var_dir / f"test-{os.getpid()}.sqlite3")}
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


def email_config(url: str) -> dict[str, object]:
    """Email settings from ``MARQUEE_EMAIL_URL`` (smtp://user:pass@host:587, smtps:// for SSL)."""
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"MARQUEE_EMAIL_URL must start with smtp:// or smtps://, got {parts.scheme!r}"
        )
    options = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and options.get("tls", ["1"])[0] != "0",
    }


def media_storage(root: Path, url: str, bucket: str) -> dict[str, object]:
    """The default storage of images and renditions: files under ``root``, or an S3-compatible
    ``bucket`` (its endpoint, region, custom domain and prefix from ``MARQUEE_MEDIA_S3_*``)."""
    if not bucket:
        # Renditions are named by what they contain: two processes making the same one at once
        # write the same bytes under the same name instead of inventing a second name.
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": url, "allow_overwrite": True},
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("MARQUEE_MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MARQUEE_MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MARQUEE_MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("MARQUEE_MEDIA_S3_PREFIX", "media"),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": True,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

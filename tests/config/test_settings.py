"""Settings from the environment (CONTRACTS.md §4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from marquee.config.settings import database_config, env_bool


def run_marquee(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MARQUEE_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))
    }
    environment.update({"MARQUEE_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-m", "marquee", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    completed = run_marquee(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        MARQUEE_DEBUG="0",
        MARQUEE_SECRET_KEY="x" * 30 + "A-very-long-and-random-secret-value-1234567890",
        MARQUEE_ALLOWED_HOSTS="news.example.com",
    )
    assert completed.returncode == 0, completed.stderr
    assert "System check identified no issues" in completed.stdout


def test_production_requires_a_secret_key(tmp_path: Path) -> None:
    completed = run_marquee(tmp_path, "check", MARQUEE_DEBUG="0")
    assert completed.returncode == 1
    assert "MARQUEE_SECRET_KEY is required when MARQUEE_DEBUG is off." in completed.stderr


def test_database_url_forms() -> None:
    sqlite = database_config("sqlite:////tmp/x/marquee.sqlite3")
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite["NAME"] == "/tmp/x/marquee.sqlite3"
    assert sqlite["OPTIONS"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    postgres = database_config("postgres://u:p@db.example:5433/news")
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert (postgres["HOST"], postgres["PORT"], postgres["NAME"]) == ("db.example", 5433, "news")
    with pytest.raises(ImproperlyConfigured, match="must start with sqlite:// or postgres://"):
        database_config("mysql://u@h/db")


def test_env_bool_refuses_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARQUEE_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="MARQUEE_FLAG must be a boolean"):
        env_bool("MARQUEE_FLAG", True)
    monkeypatch.setenv("MARQUEE_FLAG", "off")
    assert env_bool("MARQUEE_FLAG", True) is False


@pytest.mark.django_db
def test_the_database_connection_is_tuned() -> None:
    """SQLite: WAL with a busy timeout. PostgreSQL: UTF-8 with health-checked connections."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 30000
        else:
            assert connection.vendor == "postgresql"
            cursor.execute("SHOW server_encoding")
            assert cursor.fetchone()[0] == "UTF8"
            assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True

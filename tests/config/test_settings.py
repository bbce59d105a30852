"""Settings from the environment (docs/configuration.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from marquee.config.environment import database_config, env_bool, env_number


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


SECRET_KEY_MISSING = (
    "marquee: MARQUEE_SECRET_KEY is required when MARQUEE_DEBUG is off: set it to a long random "
    "value kept secret, e.g. the output of "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'\n"
)


@pytest.mark.parametrize("command", [["check"], ["migrate", "--no-input"], ["serve"], ["demo"]])
def test_production_without_a_secret_key_says_what_to_set_in_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    completed = run_marquee(tmp_path, *command, MARQUEE_DEBUG="0")
    assert completed.returncode == 1
    assert completed.stderr == SECRET_KEY_MISSING  # one line, no traceback
    assert completed.stdout == ""


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MARQUEE_DEBUG", "maybe", "MARQUEE_DEBUG must be a boolean (1/0, true/false), got 'maybe'"),
        ("DATABASE_URL", "mysql://u@h/db",
         "DATABASE_URL must start with sqlite:// or postgres://, got 'mysql'"),
        ("MARQUEE_COMMENT_TRUSTED_AFTER", "three",
         "MARQUEE_COMMENT_TRUSTED_AFTER must be a whole number, 0 or more, got 'three'"),
        ("MARQUEE_LINK_MIN_CONFIDENCE", "high",
         "MARQUEE_LINK_MIN_CONFIDENCE must be a number, 0 or more, got 'high'"),
        ("MARQUEE_LOG_LEVEL", "loud",
         "MARQUEE_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got 'loud'"),
    ],
)  # fmt: skip
def test_a_malformed_setting_is_one_line_naming_it(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    completed = run_marquee(tmp_path, "check", **{variable: value})
    assert completed.returncode == 1
    assert completed.stderr == f"marquee: {message}\n"


def test_env_number(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_number("MARQUEE_NUMBER", 10) == 10
    monkeypatch.setenv("MARQUEE_NUMBER", " 7 ")
    assert env_number("MARQUEE_NUMBER", 10) == 7
    monkeypatch.setenv("MARQUEE_NUMBER", "0.75")
    assert env_number("MARQUEE_NUMBER", 0.6, whole=False) == 0.75
    for nonsense in ("-1", "nan", "inf", "1e400", "0.5"):
        monkeypatch.setenv("MARQUEE_NUMBER", nonsense)
        with pytest.raises(ImproperlyConfigured, match="MARQUEE_NUMBER must be a whole number"):
            env_number("MARQUEE_NUMBER", 10)


def test_database_url_forms() -> None:
    sqlite = database_config("sqlite:////tmp/x/marquee.sqlite3", var_dir=Path("/tmp/x"))
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite["NAME"] == "/tmp/x/marquee.sqlite3"
    assert sqlite["OPTIONS"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    postgres = database_config("postgres://u:p@db.example:5433/news", var_dir=Path("/tmp/x"))
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert (postgres["HOST"], postgres["PORT"], postgres["NAME"]) == ("db.example", 5433, "news")
    with pytest.raises(ImproperlyConfigured, match="must start with sqlite:// or postgres://"):
        database_config("mysql://u@h/db", var_dir=Path("/tmp/x"))


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

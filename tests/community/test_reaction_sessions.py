"""With Redis (``REDIS_URL``), sessions are read from the cache and rate-limit counts kept
there, so a reaction POST reads no session row and writes no rate-limit row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marquee.newsroom.models import Article
from tests.community.conftest import PASSWORD


def session_engine(**env: str) -> str:
    """``SESSION_ENGINE`` as the settings module computes it in a fresh process."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MARQUEE_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))
    }
    completed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "marquee.config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return completed.stdout.strip()


def test_sessions_are_cached_in_redis_when_there_is_one() -> None:
    assert session_engine(REDIS_URL="redis://127.0.0.1:6379/0") == (
        "marquee.web.sessions.cached_db"
    )


def test_sessions_stay_in_the_database_without_redis() -> None:
    assert session_engine() == "marquee.web.sessions"


@pytest.fixture
def redis_sessions(redis_cache: None, settings: Any) -> None:
    settings.SESSION_ENGINE = "marquee.web.sessions.cached_db"
    settings.MARQUEE_RATE_LIMIT_STORE = "auto"


def react(client: Client, article: Article, kind: str) -> Any:
    return client.post(
        f"{article.get_absolute_url()}react/",
        data=json.dumps({"reaction": kind}),
        content_type="application/json",
        headers={"accept": "application/json"},
    )


def test_a_reaction_post_reads_no_session_row_with_redis(
    redis_sessions: None, reader: User, article: Article
) -> None:
    client = Client()
    assert client.login(username=reader.username, password=PASSWORD)
    react(client, article, "love")
    with CaptureQueriesContext(connection) as queries:
        response = react(client, article, "haha")
    assert response.json()["mine"] == "haha"
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    # The session came from Redis, the rate-limit count went there.
    assert (
        statements
        == {
            "sqlite": [
                "SELECT",  # the article
                "SELECT",  # the user
                "SELECT",  # banned?
                "DELETE",
                "INSERT",
                "SELECT",  # counts and the reader's own
            ],
            "postgresql": ["SELECT", "SELECT", "SELECT"],  # the article, the user, the reaction
        }[connection.vendor]
    )
    assert not any("django_session" in query["sql"] for query in queries.captured_queries)


def test_logging_out_ends_the_cached_session(
    redis_sessions: None, reader: User, article: Article
) -> None:
    client = Client()
    assert client.login(username=reader.username, password=PASSWORD)
    cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert react(replay, article, "love").status_code == 401

"""The production profile end to end: ``marquee serve`` (``MARQUEE_DEBUG=0``) and ``marquee
worker`` as separate processes, changes made by a third (this test, as an editor's command would).
A newly published article appears once the worker has linked and indexed it, stored pages
revalidate with 304s, and an unpublished article disappears at once.

Runs on the suite's database: in CI (``.ci/run``) once on SQLite and once on PostgreSQL, both
with Redis; elsewhere with Redis when ``MARQUEE_TEST_REDIS_URL`` is set, else sharing files (and
with one web process). Two suites running at once need two Redis databases: the page versions of
one would otherwise change under the other's server.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from marquee.tasks.models import Job, JobStatus
from tests.conftest import production_environment

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "production-profile-premiere"
STORY = f"""---
title: "Kim Go-eun opens the festival"
slug: {SLUG}
tags: [Festivals]
---
Kim Go-eun walked the red carpet for Love in the Big City, with Noh Sang-hyun.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(base: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, Message, str]:
    request = urllib.request.Request(f"{base}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _eventually(check: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.2)


@pytest.fixture
def production(tmp_path: Path, server_redis_url: str, settings: Any) -> Iterator[str]:
    """The web server and a worker in production mode on the test database (and Redis when
    ``MARQUEE_TEST_REDIS_URL`` names one; without it the processes share files, one machine)."""
    settings.MARQUEE_TASKS = "worker"  # this process only queues, as a web process would
    port = _free_port()
    env = production_environment(settings, server_redis_url)
    # Without Redis each web process keeps its own stored pages (docs/caching.md): with two, a
    # page stored by one would be a miss whenever the next request reached the other.
    workers = "2" if server_redis_url else "1"
    log = (tmp_path / "processes.log").open("w")
    command = [sys.executable, "-m", "marquee.cli"]
    processes = [
        subprocess.Popen(
            [*command, "serve", "--port", str(port), "--workers", workers],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [*command, "worker", "--interval", "0.2"], env=env, stdout=log, stderr=subprocess.STDOUT
        ),
    ]
    base = f"http://127.0.0.1:{port}"
    try:

        def answering() -> bool:
            if any(p.poll() is not None for p in processes):
                raise RuntimeError(
                    "a process stopped:\n" + (tmp_path / "processes.log").read_text()
                )
            try:
                return _get(base, "/healthz")[0] == 200
            except OSError:
                return False

        _eventually(answering, "the server answers /healthz")
        yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def test_publish_revalidate_unpublish_in_production(
    production: str, small_kb: Any, tmp_path: Path
) -> None:
    base = production
    page = f"/articles/{SLUG}/"
    story = tmp_path / "story.md"
    story.write_text(STORY)

    call_command("articles", "import", str(story))  # published; linking queued for the worker

    status, headers, html = _get(base, page)
    assert status == 200 and "Kim Go-eun opens the festival" in html
    assert headers["Cache-Control"] == "public, max-age=0, s-maxage=5"
    # The worker links the article and indexes it; the pages it changes go stale everywhere.
    _eventually(
        lambda: 'href="/people/kim-go-eun/"' in _get(base, page)[2], "the worker linked the story"
    )
    _eventually(lambda: SLUG in _get(base, "/search/?q=festival")[2], "the story is searchable")
    assert SLUG in _get(base, "/")[2] and SLUG in _get(base, "/feeds/latest.rss")[2]
    _eventually(
        lambda: not Job.objects.exclude(status=JobStatus.SUCCESSFUL).exists(),
        "the worker has run every job (each one leaves the pages it changed stale)",
    )

    _get(base, page)  # stored under the versions that are now current
    stored = _get(base, page)
    assert stored[1]["X-Page-Cache"] == "hit"
    for path, answer in ((page, stored), ("/feeds/latest.rss", _get(base, "/feeds/latest.rss"))):
        revalidated = _get(base, path, {"If-None-Match": answer[1]["ETag"]})
        assert revalidated[0] == 304 and revalidated[2] == ""

    call_command("articles", "unpublish", SLUG)

    assert _get(base, page)[0] == 404
    assert SLUG not in _get(base, "/")[2] and SLUG not in _get(base, "/feeds/latest.rss")[2]
    _eventually(lambda: SLUG not in _get(base, "/search/?q=festival")[2], "withdrawn from search")
    _eventually(
        lambda: not Job.objects.exclude(status=JobStatus.SUCCESSFUL).exists(),
        "every job ran to success",
    )
    assert Job.objects.filter(task_path="marquee.newsroom.tasks.article_text_changed").count() == 1

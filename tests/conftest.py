from __future__ import annotations

import copy
import datetime
import os
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from marquee.catalog.kb_format import parse_document
from marquee.catalog.services import kb_import
from marquee.newsroom.article_format import ArticleInput, SourceInput
from marquee.newsroom.models import Article, ArticleStatus
from marquee.newsroom.services import article_update, article_upsert

SMALL_KB: dict[str, Any] = {
    "format": "marquee-kb/1",
    "people": [
        {"id": "kim-go-eun", "name": "Kim Go-eun", "native_name": "김고은", "born": "1991-07-02",
         "bio": "South Korean actress."},
        {"id": "noh-sang-hyun", "name": "Noh Sang-hyun", "native_name": "노상현",
         "aliases": ["Steve Noh"], "born": "1990-03-12"},
        {"id": "lee-eon-hee", "name": "Lee Eon-hee", "native_name": "이언희", "aliases": ["E.oni"]},
        {"id": "park-sang-young", "name": "Park Sang-young", "native_name": "박상영"},
    ],
    "titles": [
        {"id": "love-in-the-big-city-novel", "name": "Love in the Big City",
         "native_name": "대도시의 사랑법", "kind": "novel", "year": 2019},
        {"id": "love-in-the-big-city-film", "name": "Love in the Big City",
         "native_name": "대도시의 사랑법", "kind": "film", "year": 2024,
         "based_on": "love-in-the-big-city-novel", "synopsis": "Two friends share a flat."},
        {"id": "goblin", "name": "Guardian: The Lonely and Great God", "kind": "series",
         "year": 2016, "aliases": ["Goblin"]},
    ],
    "credits": [
        {"person": "kim-go-eun", "title": "love-in-the-big-city-film", "role": "actor",
         "character": "Goo Jae-hee", "character_aliases": ["Jae-hee"], "order": 1},
        {"person": "noh-sang-hyun", "title": "love-in-the-big-city-film", "role": "actor",
         "character": "Jang Heung-soo", "character_aliases": ["Heung-soo"], "order": 2},
        {"person": "lee-eon-hee", "title": "love-in-the-big-city-film", "role": "director"},
        {"person": "park-sang-young", "title": "love-in-the-big-city-novel", "role": "author"},
        {"person": "kim-go-eun", "title": "goblin", "role": "actor", "character": "Ji Eun-tak",
         "order": 2},
    ],
    "platforms": [
        {"id": "viki", "name": "Viki", "url": "https://www.viki.com"},
        {"id": "netflix", "name": "Netflix", "url": "https://www.netflix.com"},
    ],
    "availability": [
        {"title": "love-in-the-big-city-film", "platform": "viki", "regions": ["US", "CA"],
         "type": "subscription", "subtitles": ["en", "es"], "audio": ["ko"],
         "url": "https://www.viki.com/", "until": "2099-01-01"},
        {"title": "love-in-the-big-city-film", "platform": "netflix", "regions": ["GB"],
         "type": "rent", "until": "2001-01-01"},
        {"title": "goblin", "platform": "netflix", "regions": ["KR", "JP"], "subtitles": ["ja"]},
    ],
}  # fmt: skip


def run_marquee_on_scratch_database(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``marquee ARGS`` as a user runs it (the console script, its own process), on a fresh
    SQLite database under ``tmp_path`` migrated first."""
    env = {**os.environ, "MARQUEE_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": ""}
    subprocess.run(
        [sys.executable, "-m", "marquee", "migrate", "-v0"], env=env, check=True, timeout=120
    )
    return subprocess.run(
        [sys.executable, "-m", "marquee", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_environment(settings: Any, redis_url: str) -> dict[str, str]:
    """The environment of a ``marquee serve`` or ``marquee worker`` process in production mode
    on the test database, sharing this process's page versions (in Redis, else in the files of
    ``private_page_versions``): what the tests change, the servers see as changed."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MARQUEE_"))},
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "MARQUEE_DEBUG": "0",
        "MARQUEE_SECRET_KEY": settings.SECRET_KEY,  # the sessions made here must be valid there
        "MARQUEE_ALLOWED_HOSTS": "127.0.0.1",
        "MARQUEE_SSL_REDIRECT": "0",
    }
    if not redis_url:
        env["MARQUEE_VAR_DIR"] = str(Path(settings.CACHES["page-versions"]["LOCATION"]).parent)
    return env


def database_url() -> str:
    """A ``DATABASE_URL`` naming the test database, for a server or command in another process."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def redis_cache() -> Iterator[None]:
    """Django's cache on the Redis named by ``MARQUEE_TEST_REDIS_URL`` (``.ci/run`` starts one),
    emptied before and after; the test skips without it, except in CI, where it fails."""
    import os

    from django.core.cache import cache
    from django.test import override_settings

    from marquee.linking import index

    url = os.environ.get("MARQUEE_TEST_REDIS_URL", "")
    if not url:
        if os.environ.get("CI") == "true":
            raise RuntimeError(
                "CI=true but MARQUEE_TEST_REDIS_URL is not set: Redis tests must run"
            )
        pytest.skip("no Redis: set MARQUEE_TEST_REDIS_URL=redis://… to run the Redis tests")
    caches = {
        alias: {
            "BACKEND": "marquee.web.redis_cache.ReusedClientRedisCache",  # as production
            "LOCATION": url,
            "KEY_PREFIX": f"marquee-test-{os.getpid()}-{alias}",
        }
        for alias in ("default", "pages", "page-versions")
    }
    caches["fragments"] = settings.CACHES["fragments"]  # in-process, as in production
    # override_settings resets Django's cache handler, so ``cache`` is Redis inside.
    with override_settings(CACHES=caches):
        cache.clear()
        index.reset()
        yield
        cache.clear()
        index.reset()


@pytest.fixture
def server_redis_url() -> Iterator[str]:
    """The ``REDIS_URL`` to give a second Marquee process so that it shares this one's page
    versions: ``MARQUEE_TEST_REDIS_URL`` (this process then keeps them there too, as production
    settings would), or "" without Redis (both processes use the files under MARQUEE_VAR_DIR)."""
    import os

    from django.core.cache import caches
    from django.test import override_settings

    url = os.environ.get("MARQUEE_TEST_REDIS_URL", "")
    if not url:
        yield ""
        return
    versions = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "page-versions",
    }
    with override_settings(CACHES={**settings.CACHES, "page-versions": versions}):
        caches["page-versions"].clear()
        yield url


@pytest.fixture(autouse=True)
def inline_tasks(settings: Any) -> None:
    """Queued follow-ups run in the test's process right after commit, whatever
    ``MARQUEE_DEBUG`` says (tests of the worker switch to ``worker`` themselves)."""
    settings.MARQUEE_TASKS = "inline"


@pytest.fixture(autouse=True)
def no_periodic_tasks(settings: Any) -> None:
    """Workers started by tests run only the jobs the test queued (tests of the periodic
    round set ``MARQUEE_PERIODIC_TASKS`` themselves)."""
    settings.MARQUEE_PERIODIC_TASKS = []


@pytest.fixture(autouse=True)
def private_page_versions(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The page cache's version files of this test run, not the checkout's var/ folder that
    another run of the suite may be clearing at the same time."""
    if settings.CACHES["page-versions"]["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES = {
            **settings.CACHES,
            "page-versions": {
                **settings.CACHES["page-versions"],
                "LOCATION": str(tmp_path_factory.getbasetemp() / "page-versions"),
            },
        }


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each test keeps its images and renditions in a directory of its own."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "location": str(root)},
        },
    }
    return root


@pytest.fixture(autouse=True)
def fresh_cache_and_linker() -> Iterator[None]:
    """Each test starts with empty caches and no linker built from another test's data."""
    from django.core.cache import caches

    from marquee.discovery.services.similar import cached_frequencies
    from marquee.linking import index

    for alias in ("default", "pages", "page-versions", "fragments"):
        caches[alias].clear()
    cached_frequencies.clear()
    index.reset()
    yield
    index.reset()
    cached_frequencies.clear()


@pytest.fixture
def kb_document() -> dict[str, Any]:
    return copy.deepcopy(SMALL_KB)


@pytest.fixture
def small_kb(db: None, kb_document: dict[str, Any]) -> dict[str, Any]:
    kb_import(document=parse_document(kb_document))
    return kb_document


def jobs_queued(callbacks: list[Any], task: Any) -> list[list[Any]]:
    """The arguments of the jobs of ``task`` (a Tasks API task) that the captured on-commit
    ``callbacks`` ran in inline mode, in order."""
    from marquee.tasks.models import Job
    from marquee.tasks.runner import run_inline

    ids = [c.args[0] for c in callbacks if isinstance(c, partial) and c.func is run_inline]
    jobs = Job.objects.in_bulk(ids)
    return [jobs[i].args for i in ids if jobs[i].task_path == task.module_path]


def make_article(
    slug: str,
    *,
    title: str = "",
    body: str = "Body text.",
    status: str = ArticleStatus.PUBLISHED,
    published_at: datetime.datetime | None = None,
    tags: tuple[str, ...] = (),
    sources: tuple[SourceInput, ...] = (),
    trailer_url: str = "",
    dek: str = "",
    by: Any = None,
) -> Article:
    """An article saved through the real service, by ``by`` (None: the operator)."""
    return article_upsert(
        article_input=ArticleInput(
            title=title or slug.replace("-", " ").capitalize(),
            slug=slug,
            body=body,
            dek=dek,
            author="Staff writer",
            published_at=published_at,
            tags=tags,
            sources=sources,
            trailer_url=trailer_url,
        ),
        status=status,
        by=by,
    )


def edit_body(article: Article, body: str, *, by: Any, message: str = "An edit") -> Article:
    """``article`` with a new body, saved by ``by`` through the real service: a live article
    keeps it as its pending draft revision (readers see the old text)."""
    return article_update(
        article=article,
        article_input=ArticleInput(
            title=article.title, slug=article.slug, body=body, author=article.author
        ),
        status=article.status,
        by=by,
        message=message,
    )

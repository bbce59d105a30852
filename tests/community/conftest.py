"""Fixtures for the community tests: readers, a moderator, an article, fast password hashing."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.core.servers.basehttp import ThreadedWSGIServer

from marquee.community import services
from marquee.newsroom.models import Article
from tests.conftest import make_article

# Playwright's sync API runs an event loop in this thread; the ORM calls the browser tests make
# between page actions are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The live server's listen backlog is 10 (Django's WSGIServer); production servers queue far
# more (gunicorn: 2048). The concurrency test opens 50 connections at once, so queue them too.
ThreadedWSGIServer.request_queue_size = 128

PASSWORD = "correct-horse-battery-staple"
ReaderFactory = Callable[..., User]


@pytest.fixture(autouse=True)
def community_settings(settings: Any) -> Any:
    """Fast hashing; comments published at once unless a test turns pre-moderation on."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0
    return settings


@pytest.fixture
def make_reader(db: None) -> ReaderFactory:
    def make(username: str = "jaehee", *, email: str = "") -> User:
        return services.account_create(
            username=username, email=email or f"{username}@example.com", password=PASSWORD
        )

    return make


@pytest.fixture
def reader(make_reader: ReaderFactory) -> User:
    return make_reader("jaehee")


@pytest.fixture
def other_reader(make_reader: ReaderFactory) -> User:
    return make_reader("heungsoo")


@pytest.fixture
def moderator(make_reader: ReaderFactory) -> User:
    user = make_reader("mod")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def article(db: None) -> Article:
    return make_article(
        "love-in-the-big-city-review",
        title="Love in the Big City is the year's warmest film",
        dek="Kim Go-eun and Noh Sang-hyun make friendship look like the great romance.",
        body="Jae-hee and Heung-soo meet at college and move in together.",
    )

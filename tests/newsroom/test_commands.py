"""``marquee articles publish SLUG...`` and ``marquee articles unpublish SLUG...``."""

from __future__ import annotations

import datetime
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.newsroom.models import Article, ArticleStatus
from tests.conftest import database_url, make_article

pytestmark = pytest.mark.django_db
DAY = datetime.datetime(2024, 9, 12, 9, tzinfo=datetime.UTC)


def _status(slug: str) -> str:
    return Article.objects.get(slug=slug).status


def test_unpublish_and_publish_again_keep_the_date() -> None:
    make_article("one", published_at=DAY)
    make_article("two", published_at=DAY)
    out = StringIO()
    call_command("articles", "unpublish", "one", "two", stdout=out)
    assert out.getvalue() == "unpublished one\nunpublished two\n"
    assert _status("one") == _status("two") == ArticleStatus.UNPUBLISHED
    out = StringIO()
    call_command("articles", "publish", "one", stdout=out)
    assert out.getvalue() == "published one\n"
    assert Article.objects.get(slug="one").is_public
    assert Article.objects.get(slug="one").published_at == DAY


def test_an_unknown_slug_changes_nothing() -> None:
    make_article("one", published_at=DAY)
    with pytest.raises(CommandError, match="^no article with slug 'nope'$"):
        call_command("articles", "unpublish", "one", "nope")
    assert _status("one") == ArticleStatus.PUBLISHED


def test_the_console_script_exits_1_with_a_message() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "marquee.cli", "articles", "publish", "no-such-article"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url()},
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith("no article with slug 'no-such-article'")
    assert "Traceback" not in result.stderr

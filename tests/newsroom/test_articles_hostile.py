"""marquee articles import under hostile files: refused naming the file and the field, nothing
written, on SQLite and PostgreSQL alike (issue 14, items 2 and 5)."""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.discovery.models import ArticleProfile, SimilarArticle
from marquee.discovery.services.similar import similar_candidates
from marquee.discovery.similarity import Profile
from marquee.newsroom.article_format import parse_article_file
from marquee.newsroom.models import Article, Source, Tag
from tests.conftest import make_article, run_marquee_on_scratch_database
from tests.newsroom.test_articles_import import FRONT_MATTER_ARTICLE

pytestmark = pytest.mark.django_db


def refused(tmp_path: Path, text: str) -> str:
    """Import a good file and ``text`` together; both are refused; the message."""
    good = tmp_path / "good.md"
    good.write_text(FRONT_MATTER_ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(text.encode("utf-8", "surrogatepass"))
    with pytest.raises(CommandError) as caught:
        call_command("articles", "import", str(good), str(bad))
    assert (Article.objects.count(), Tag.objects.count(), Source.objects.count()) == (0, 0, 0)
    return str(caught.value).replace(f"{tmp_path}/", "")


def front_matter(*lines: str, body: str = "Body.") -> str:
    return "---\ntitle: A story\n" + "".join(f"{line}\n" for line in lines) + "---\n" + body


@pytest.mark.parametrize(
    ("published_at", "message"),
    [
        (
            "9999-12-31T23:59:59-14:00",
            "bad.md: field 'published_at' must be in the years 1900 to 2100, got "
            "'9999-12-31T23:59:59-14:00'",
        ),
        (
            "0001-01-01T00:00:00+14:00",
            "bad.md: field 'published_at' must be in the years 1900 to 2100, got "
            "'0001-01-01T00:00:00+14:00'",
        ),
        (
            "2101-01-01",
            "bad.md: field 'published_at' must be in the years 1900 to 2100, got '2101-01-01'",
        ),
        (
            "2024-13-01",
            "bad.md: field 'published_at' must be an ISO 8601 date or time, got '2024-13-01'",
        ),
        (
            "!!timestamp 2024-13-01",
            "bad.md: field 'published_at' must be an ISO 8601 date or time, got '2024-13-01'",
        ),
        (
            "!!timestamp nonsense",
            "bad.md: field 'published_at' must be an ISO 8601 date or time, got 'nonsense'",
        ),
        (
            "!!float soon",
            "bad.md: front matter is not valid YAML (line 3): cannot read 'soon': could not "
            "convert string to float",
        ),
    ],
)
def test_dates_out_of_range_are_refused(tmp_path: Path, published_at: str, message: str) -> None:
    assert refused(tmp_path, front_matter(f"published_at: {published_at}")) == message


def test_dates_at_the_ends_of_the_range_are_kept() -> None:
    first = parse_article_file(front_matter("published_at: 1900-01-01T00:00:00Z"), "a.md")
    last = parse_article_file(front_matter("published_at: 2100-12-31T23:59:59-14:00"), "a.md")
    assert first.published_at == datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    assert last.published_at == datetime.datetime(2101, 1, 1, 13, 59, 59, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            front_matter("tags: " + "[" * 5000 + "]" * 5000),
            "bad.md: front matter is nested too deeply",
        ),
        (
            front_matter("tags:", *("  " * depth + "- " for depth in range(5000))),
            "bad.md: front matter is nested too deeply",
        ),
        (
            front_matter("author: Kim", body="x" * 9000 + "\n\x00 after 8 KB"),
            "bad.md: field 'body' contains a NUL character (\\u0000)",
        ),
        (
            front_matter('author: "Kim\\0"'),
            "bad.md: field 'author' contains a NUL character (\\u0000)",
        ),
        (
            front_matter("# " + "c" * 9000, "author: Kim\x00"),
            "bad.md: front matter is not valid YAML (line 4): character U+0000 is not allowed",
        ),
        (
            front_matter('dek: "\\ud800"'),
            "bad.md: field 'dek' contains a lone surrogate (\\ud800), which is not a character",
        ),
        (
            front_matter("tags: [" + "k" * 101 + "]"),
            f"bad.md: field 'tags' has {'k' * 57!r}…, which is longer than 100 characters",
        ),
        (
            front_matter("tags: [" + ", ".join(f"tag {n}" for n in range(51)) + "]"),
            "bad.md: field 'tags' has 51 tags; an article may have at most 50",
        ),
        (
            front_matter("sources: [https://example.com/" + "a" * 481 + "]"),
            "bad.md: sources[0]: 'url' is longer than 500 characters",
        ),
        (
            front_matter("sources: [{name: X, url: [https://example.com/]}]"),
            "bad.md: sources[0]: 'url' must be text",
        ),
        (
            front_matter("trailer: http://a"),
            "bad.md: field 'trailer' must be an http(s) URL",
        ),
        (
            front_matter("sources: [{name: X, url: 'http://exa mple.com'}]"),
            "bad.md: sources[0]: 'url' must be an http(s) URL, got 'http://exa mple.com'",
        ),
        (
            front_matter("dek: " + "d" * 501),
            "bad.md: field 'dek' is longer than 500 characters",
        ),
        (
            front_matter("author: " + "a" * 201),
            "bad.md: field 'author' is longer than 200 characters",
        ),
        (
            front_matter("trailer: https://example.com/" + "t" * 481),
            "bad.md: field 'trailer' is longer than 500 characters",
        ),
        (
            front_matter("author: " + "9" * 5000),
            "bad.md: front matter is not valid YAML (line 3): cannot read "
            f"{'9' * 40!r}: Exceeds the limit (4300 digits) for integer string conversion",
        ),
        (
            front_matter("author: " + ":".join(["59"] * 200)),
            "bad.md: field 'author' must be text (put a long number in quotes)",
        ),
    ],
)
def test_hostile_front_matter_is_refused(tmp_path: Path, text: str, message: str) -> None:
    assert refused(tmp_path, text) == message


def test_fifty_tags_are_imported(tmp_path: Path) -> None:
    path = tmp_path / "tags.md"
    path.write_text(front_matter("tags: [" + ", ".join(f"tag {n}" for n in range(50)) + "]"))
    call_command("articles", "import", str(path))
    assert Article.objects.get().tags.count() == 50


def test_an_article_with_hundreds_of_features_gets_candidates_and_a_profile(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """More features than SQLite allows terms in one compound SELECT (500): many entities, or
    tags given through the admin."""
    tags = tuple(f"tag {n}" for n in range(600))
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = make_article("neighbour", tags=tags, body="A film festival opens.")
        article = make_article("crowded", tags=tags, body="A film festival opens in Busan.")
    profile = ArticleProfile.objects.get(article=article)
    assert len(profile.features) == 600
    assert profile.published_at is not None
    as_profile = Profile(
        article.pk, profile.published_at, profile.vector, frozenset(profile.features)
    )
    now = datetime.datetime.now(datetime.UTC)
    assert [c.article_id for c in similar_candidates(as_profile, now=now)] == [neighbour.pk]
    assert SimilarArticle.objects.filter(article=article, similar=neighbour).exists()


def test_refusal_exits_1_without_traceback(tmp_path: Path) -> None:
    """The console script as a user runs it, with the date that broke PostgreSQL."""
    path = tmp_path / "far.md"
    path.write_text(front_matter("published_at: 9999-12-31T23:59:59-14:00"), encoding="utf-8")
    completed = run_marquee_on_scratch_database(tmp_path, "articles", "import", str(path))
    assert completed.returncode == 1
    assert completed.stderr == (
        f"CommandError: {path}: field 'published_at' must be in the years 1900 to 2100, got "
        "'9999-12-31T23:59:59-14:00'\n"
    )


def test_fuzzed_files_are_refused_cleanly_or_imported_whole(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A few hundred cases of ``bench/fuzz/articles_fuzz.py`` (its full run is in bench/fuzz/)."""
    from bench.fuzz.articles_fuzz import fuzz

    tally = fuzz(
        random.Random(14),
        200,
        120.0,
        around=lambda: django_capture_on_commit_callbacks(execute=True),
    )
    assert tally.failures == []
    assert tally.cases == 200
    assert tally.accepted > 10

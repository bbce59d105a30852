"""marquee articles import: front matter, plain text, refusals (docs/articles.md)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.newsroom.article_format import ArticleFileError, decode_text, parse_article_file
from marquee.newsroom.models import Article, ArticleStatus, Source, Tag

pytestmark = pytest.mark.django_db

FRONT_MATTER_ARTICLE = """---
title: "Love in the Big City premieres at Toronto"
slug: lbc-toronto
dek: "E.oni's film opens at TIFF."
published_at: 2024-09-10T09:00:00+09:00
author: "Min-ji Seo"
tags: [film, festivals]
sources:
  - name: "Toronto International Film Festival"
    url: "https://www.tiff.net/"
  - https://www.viki.com/
trailer: https://www.youtube.com/watch?v=abcdefghijk
---
Kim Go-eun and **Noh Sang-hyun** star.

<script>alert("x")</script>
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_import(*paths: str, draft: bool = False) -> list[str]:
    from io import StringIO

    out = StringIO()
    call_command("articles", "import", *paths, *(["--draft"] if draft else []), stdout=out)
    return out.getvalue().split()


def test_front_matter_article(tmp_path: Path) -> None:
    slugs = run_import(write(tmp_path, "a.md", FRONT_MATTER_ARTICLE))
    assert slugs == ["lbc-toronto"]
    article = Article.objects.get(slug="lbc-toronto")
    assert article.title == "Love in the Big City premieres at Toronto"
    assert article.dek == "E.oni's film opens at TIFF."
    assert article.author == "Min-ji Seo"
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == datetime.datetime(2024, 9, 10, 0, 0, tzinfo=datetime.UTC)
    assert [t.slug for t in article.tags.order_by("slug")] == ["festivals", "film"]
    assert [(s.name, s.url) for s in article.sources.all()] == [
        ("Toronto International Film Festival", "https://www.tiff.net/"),
        ("www.viki.com", "https://www.viki.com/"),
    ]
    assert article.trailer_url == "https://www.youtube.com/watch?v=abcdefghijk"
    assert "<strong>Noh Sang-hyun</strong>" in article.body_html
    assert "&lt;script&gt;" in article.body_html
    assert "<script>" not in article.body_html


def test_plain_text_first_line_is_title(tmp_path: Path) -> None:
    path = write(
        tmp_path, "p.txt", "\n\n  Exhuma tops the box office  \n\nThe occult thriller...\n"
    )
    assert run_import(path, draft=True) == ["exhuma-tops-the-box-office"]
    article = Article.objects.get()
    assert article.title == "Exhuma tops the box office"
    assert article.body == "The occult thriller..."
    assert article.status == ArticleStatus.DRAFT
    assert article.published_at is None


def test_reimport_updates_in_place(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", FRONT_MATTER_ARTICLE)
    run_import(path)
    run_import(
        write(
            tmp_path,
            "a.md",
            FRONT_MATTER_ARTICLE.replace("tags: [film, festivals]", "tags: [film]"),
        )
    )
    assert Article.objects.count() == 1
    assert Source.objects.count() == 2
    assert [t.slug for t in Article.objects.get().tags.all()] == ["film"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "bad.md: the file is empty"),
        (
            "---\ntitle: A\nauthor: B: C\n---\nBody",
            "bad.md: front matter is not valid YAML (line 3): mapping values are not allowed here",
        ),
        (
            "---\ntitle: A\nheadline: B\n---\nBody",
            "bad.md: unknown front matter field 'headline' (allowed: title, slug, dek, "
            "published_at, author, sources, tags, trailer, image, image_alt, image_credit, "
            "image_caption)",
        ),
        ("---\nslug: a\n---\nBody", "bad.md: front matter needs a 'title'"),
        (
            "---\ntitle: A\npublished_at: next tuesday\n---\nBody",
            "bad.md: field 'published_at' must be an ISO 8601 date or time, got 'next tuesday'",
        ),
        (
            "---\ntitle: A\nslug: Not A Slug\n---\nBody",
            "bad.md: field 'slug' must be lowercase letters, digits and hyphens, got 'Not A Slug'",
        ),
        ("---\ntitle: A\n---\n", "bad.md: the article has no body"),
        (
            "---\ntitle: A\nsources:\n  - name: X\n    url: ftp://x\n---\nBody",
            "bad.md: sources[0]: 'url' must be an http(s) URL, got 'ftp://x'",
        ),
        (
            "---\ntitle: A\ntrailer: not a url\n---\nBody",
            "bad.md: field 'trailer' must be an http(s) URL",
        ),
        ("---\n- a\n- b\n---\nBody", "bad.md: front matter must be a mapping of fields"),
        (
            "---\ntitle: A\nBody without a closing line",
            "bad.md: front matter opens with --- but never closes",
        ),
    ],
)
def test_bad_file_refused_and_nothing_imported(tmp_path: Path, text: str, message: str) -> None:
    good = write(tmp_path, "good.md", FRONT_MATTER_ARTICLE)
    bad = write(tmp_path, "bad.md", text)
    with pytest.raises(CommandError) as caught:
        run_import(good, bad)
    assert message in str(caught.value).replace(str(tmp_path) + "/", "")
    assert Article.objects.count() == 0
    assert Tag.objects.count() == 0


def test_binary_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(CommandError, match="image.md: looks like a binary file, not text"):
        run_import(str(path))


def test_latin1_file_refused() -> None:
    with pytest.raises(ArticleFileError, match="x.md: is not UTF-8 text"):
        decode_text("Café".encode("latin-1"), "x.md")


def test_two_files_with_one_slug_refused(tmp_path: Path) -> None:
    first = write(tmp_path, "1.md", FRONT_MATTER_ARTICLE)
    second = write(tmp_path, "2.md", FRONT_MATTER_ARTICLE)
    with pytest.raises(CommandError, match="two files have the same slug 'lbc-toronto'"):
        run_import(first, second)
    assert Article.objects.count() == 0


def test_date_only_published_at_is_midnight_utc() -> None:
    article = parse_article_file("---\ntitle: A\npublished_at: 2024-10-01\n---\nBody", "d.md")
    assert article.published_at == datetime.datetime(2024, 10, 1, tzinfo=datetime.UTC)


def test_reimporting_the_same_file_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", FRONT_MATTER_ARTICLE)
    run_import(path)
    before = Article.objects.get()
    run_import(path)
    after = Article.objects.get()
    assert after.updated_at == before.updated_at
    assert list(after.sources.values_list("pk", flat=True)) == list(
        before.sources.values_list("pk", flat=True)
    )

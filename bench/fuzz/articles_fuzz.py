"""Fuzz ``marquee articles import`` with mutated article files.

Run with ``python -m bench.fuzz.articles_fuzz [--seed N] [--cases N] [--seconds S]``: a scratch
SQLite database, then a scratch PostgreSQL database when ``MARQUEE_TEST_POSTGRES_URL`` (or a
PostgreSQL ``DATABASE_URL``) names a server. Each case mutates a valid Markdown file with YAML
front matter — hostile values in its fields (YAML nested thousands deep, numbers of thousands of
digits, dates at the ends of time, NUL and lone surrogates, lengths around each column's,
hundreds of tags), broken front matter, NUL bytes after the first 8 KB, flipped bytes — and
imports it as published. A refusal must be a ``CommandError`` naming the file that wrote nothing;
an accepted article must be stored whole: linked with no error logged, indexed for search, and
with its Similar Articles profile. Prints cases run, clean refusals, accepted and tracebacks
(which must be 0).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from io import StringIO
from pathlib import Path
from typing import Any

from bench.fuzz.harness import ACCEPTED, REFUSED, CaseFailed, Tally, fuzz_files
from bench.fuzz.harness import main as harness_main
from bench.fuzz.kb_fuzz import flip_bytes

SLUGS = [f"story-{number}" for number in range(12)]
BODY = (
    "Kim Go-eun and **Noh Sang-hyun** star in *Love in the Big City*, which opens at the "
    "Busan International Film Festival.\n\nThe film is based on Park Sang-young's novel.\n"
)
LENGTHS = (0, 1, 99, 100, 101, 199, 200, 201, 299, 300, 301, 499, 500, 501, 5000)
SCALARS = (
    "''", "~", "null", "yes", "0", "-1", "1.5", ".nan", "-.inf", "0x1F", "0o17", "1_000",
    "190:20:30", ":".join(["59"] * 200), "9" * 4301, "0x" + "f" * 4000, '"\\0"', '"a\\0b"',
    '"\\ud800"', '"\\udfff x"', '"\\x1b[31m"', '"\\u202e"', "<script>alert(1)</script>",
    "!!binary aGVsbG8=", "!!set {a, b}", "!!float 1e400", "!!int 12", "!!str 12",
    "!!timestamp 2024-13-01", "!!timestamp 2024-09-10", "&anchor [a, b]", "*nowhere", "[a, [b]]",
    "{a: 1}", "[" * 5000 + "]" * 5000, "{a: " * 3000 + "1" + "}" * 3000, "|\n  block\n  text",
    '"Kim\\tGo-eun"', "Kim Go-eun", "김고은", "'quoted: colon'", "a: b", "- item", "? [a]\n: b",
)  # fmt: skip
DATES = (
    "1899-12-31T23:59:59Z", "1900-01-01", "1900-01-01T00:00:00+14:00", "2100-12-31T23:59:59-14:00",
    "2101-01-01", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2024-13-01",
    "2024-02-30", "2024-02-29", "2024-09-10T09:00:00+09:00", "2024-09-10 09:00:00", "next tuesday",
    "2024-09-10T25:00:00", "10000-01-01", "2024-09-10T09:00:00+24:00",
)  # fmt: skip
LETTERS = ("a", "가", "😀", "-", " ", "ﬃ", "ﷺ", "!", "\\u0000")


def text_of(rng: random.Random, length: int) -> str:
    """A double-quoted YAML string of about ``length`` characters."""
    letters = (
        "".join(rng.choice(LETTERS) for _ in range(length))
        if rng.random() < 0.3
        else (rng.choice(("a", "가", "x ")) * length)[:length]
    )
    return '"' + letters.replace('"', "") + '"'


def tags_of(rng: random.Random) -> str:
    count = rng.choice((0, 1, 5, 49, 50, 51, 120, 500, 700))
    length = rng.choice((1, 5, 99, 100, 101))
    tags = [f"t{number}-{'k' * length}"[: max(length, 1)] + str(number) for number in range(count)]
    if rng.random() < 0.3:
        tags[: rng.randint(0, 3)] = [rng.choice(SCALARS) for _ in range(3)]
    return "[" + ", ".join(tags) + "]"


def sources_of(rng: random.Random) -> str:
    url = "https://example.com/" + "a" * rng.choice((0, 479, 480, 481, 2000))
    choices = (
        f"\n  - {url}",
        f"\n  - name: {text_of(rng, rng.choice(LENGTHS))}\n    url: {url}",
        f"\n  - name: X\n    url: {rng.choice(SCALARS)}",
        f"\n  - {{name: X, url: {url}, extra: 1}}",
        "\n  - ftp://example.com/",
        f"\n  - {rng.choice(SCALARS)}",
        f" {rng.choice(SCALARS)}",
    )
    return "".join(rng.choice(choices) for _ in range(rng.randint(1, 3)))


def field_value(rng: random.Random, name: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(SCALARS)
    if name == "published_at":
        return rng.choice(DATES)
    if name == "tags":
        return tags_of(rng)
    if name == "sources":
        return sources_of(rng)
    if name == "trailer":
        if rng.random() < 0.3:
            return rng.choice(
                ("http://a", "https://", "http://exa mple.com", "https://[::1", "//x")
            )
        return "https://www.youtube.com/watch?v=" + "a" * rng.choice((11, 470, 471, 600))
    if name == "slug":
        return rng.choice((*SLUGS, "Not A Slug", "a" * 200, "a" * 201, "-a-", '""'))
    return text_of(rng, rng.choice(LENGTHS))


def front_matter(rng: random.Random) -> dict[str, str]:
    """The fields of a valid file, as YAML text, keyed by name."""
    return {
        "title": '"Love in the Big City opens Busan"',
        "slug": rng.choice(SLUGS),
        "dek": '"Kim Go-eun stars."',
        "published_at": "2024-09-10T09:00:00+09:00",
        "author": "Min-ji Seo",
        "tags": "[film, festivals, busan]",
        "sources": "\n  - name: BIFF\n    url: https://www.biff.kr/",
        "trailer": "https://www.youtube.com/watch?v=abcdefghijk",
    }


def mutated_file(rng: random.Random) -> bytes:
    """One hostile article file."""
    fields = front_matter(rng)
    for _ in range(rng.randint(1, 3)):
        name = rng.choice([*fields, "headline", "123", '"\\0"'])
        roll = rng.random()
        if roll < 0.8:
            fields[name] = field_value(rng, name)
        elif roll < 0.9:
            fields.pop(name, None)
        else:
            fields[name + ": x\n" + name] = field_value(rng, name)  # the key twice
    body = BODY
    roll = rng.random()
    if roll < 0.1:
        body = "x" * rng.choice((8000, 9000, 20_000)) + "\x00" + BODY
    elif roll < 0.15:
        body = "\x00" + BODY
    elif roll < 0.2:
        body = rng.choice(("", "   ", "---\n", "\x1b[2J", "\ud800", "a" * 500_001))
    elif roll < 0.25:
        body = BODY + rng.choice(SCALARS) * rng.randint(1, 50)
    head = "".join(f"{name}: {value}\n" for name, value in fields.items())
    roll = rng.random()
    if roll < 0.05:
        text = f"{rng.choice(('Title', '# Title', ' ', '---', '🎬'))}\n\n{body}"  # plain text
    elif roll < 0.1:
        text = f"---\n{head}{body}"  # never closed
    else:
        text = f"---\n{head}{rng.choice(('---', '...'))}\n{body}"
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")
    return flip_bytes(rng, data) if rng.random() < 0.15 else data


def newsroom_rows() -> list[int]:
    from marquee.newsroom.models import Article, Source, Tag

    return [model._default_manager.count() for model in (Article, Source, Tag)]


def import_case(data: bytes, path: Path, around: Callable[[], AbstractContextManager[Any]]) -> str:
    """Import one file as published; its outcome, or ``CaseFailed``."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from marquee.discovery.models import ArticleProfile, EntryKind, SearchEntry
    from marquee.newsroom.models import Article, ArticleStatus

    path.write_bytes(data)
    before = newsroom_rows()
    output = StringIO()
    try:
        with around():
            call_command("articles", "import", str(path), stdout=output)
    except CommandError as error:
        message = str(error)
        if not message.startswith(f"{path}: "):
            raise CaseFailed(f"the refusal does not name the file: {message[:300]!r}") from None
        message.encode("utf-8")  # a lone surrogate here could not be printed
        if newsroom_rows() != before:
            raise CaseFailed(f"refused but wrote rows: {message[:300]!r}") from None
        return REFUSED
    slug = output.getvalue().strip()
    article = Article.objects.get(slug=slug)
    assert article.status == ArticleStatus.PUBLISHED and article.published_at is not None
    # Years 1900 to 2100 as written: in UTC a day either side.
    if not 1899 <= article.published_at.year <= 2101:
        raise CaseFailed(f"accepted a date out of range: {article.published_at}")
    if not ArticleProfile.objects.filter(article=article, published_at__isnull=False).exists():
        raise CaseFailed(f"accepted, but {slug} has no Similar Articles profile")
    if not SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article.pk).exists():
        raise CaseFailed(f"accepted, but {slug} is not in the search index")
    return ACCEPTED


def fuzz(
    rng: random.Random,
    count: int,
    seconds: float,
    around: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> Tally:
    """Import ``count`` mutated files (at most ``seconds``); see ``harness.fuzz_files``."""
    return fuzz_files(
        rng,
        count,
        seconds,
        around,
        file_name="article.md",
        mutated_file=mutated_file,
        import_case=import_case,
    )


if __name__ == "__main__":
    harness_main(
        "bench.fuzz.articles_fuzz", "marquee_fuzz_articles", __doc__.splitlines()[0], 1000, fuzz
    )

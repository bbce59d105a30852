"""Shared set-up of the discovery benchmarks: Django on a scratch database, a synthetic corpus
generated deterministically (article ``i`` comes from ``random.Random(i)``), bulk inserts, the
discovery index built in bulk, timing helpers and RESULTS.md sections.

SQLite runs in-process; with ``MARQUEE_BENCH_POSTGRES_URL`` set, each benchmark re-runs itself
in a subprocess on that PostgreSQL database (``--vendor postgres``). Corpora are kept between
runs (``var/bench/`` for SQLite; the PostgreSQL database as given) and rebuilt when their size
differs.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

SURNAMES = [("Kim", "김"), ("Lee", "이"), ("Park", "박"), ("Choi", "최"), ("Jung", "정"),
            ("Kang", "강"), ("Cho", "조"), ("Yoon", "윤"), ("Jang", "장"), ("Lim", "임"),
            ("Han", "한"), ("Oh", "오"), ("Seo", "서"), ("Shin", "신"), ("Kwon", "권"),
            ("Hwang", "황"), ("Ahn", "안"), ("Song", "송"), ("Noh", "노")]  # fmt: skip
GIVEN = [("min", "민"), ("ji", "지"), ("seo", "서"), ("hyun", "현"), ("woo", "우"), ("jun", "준"),
         ("young", "영"), ("eun", "은"), ("soo", "수"), ("hee", "희"), ("jae", "재"), ("ho", "호"),
         ("yeon", "연"), ("sang", "상"), ("jin", "진"), ("hye", "혜"), ("won", "원"),
         ("sung", "성"), ("kyung", "경"), ("tae", "태")]  # fmt: skip
ONSETS = "b c d f g h j k l m n p r s t v w y z br ch cl dr fl gr pl pr sh st th tr".split()
VOWELS = "a e i o u ai ea ee ie io oo ou".split()
CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng"]
FUNCTION_WORDS = "the of and to in a is that for it as with was on at by from his her".split()
START = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
SPAN_DAYS = 5 * 365


def setup_django(vendor: str, name: str) -> None:
    """Point Django at the benchmark database of ``vendor`` and migrate it."""
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    os.environ["MARQUEE_VAR_DIR"] = str(work)
    if vendor == "postgres":
        os.environ["DATABASE_URL"] = os.environ["MARQUEE_BENCH_POSTGRES_URL"]
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{work / f'{name}.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.config.settings")
    os.environ["MARQUEE_LOG_LEVEL"] = "ERROR"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    """Median, p95 and max in milliseconds."""
    ms = [v * 1000 for v in values]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


def timed(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


class Vocabulary:
    """Pseudo-words with Zipf frequencies (exponent ~1.07), function words on top."""

    def __init__(self, size: int = 30_000, seed: int = 1) -> None:
        rng = random.Random(seed)
        words: list[str] = list(FUNCTION_WORDS)
        seen = set(words)
        while len(words) < size:
            word = "".join(
                rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                for _ in range(rng.choice((1, 2, 2, 3)))
            )
            if word not in seen and len(word) > 2:
                seen.add(word)
                words.append(word)
        self.words = words
        weights = [1 / (rank + 1) ** 1.07 for rank in range(size)]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def zipf_cumulative(size: int, exponent: float) -> list[float]:
    total, result = 0.0, []
    for rank in range(size):
        total += 1 / (rank + 1) ** exponent
        result.append(total)
    return result


class Corpus:
    """People, titles, tags and articles of a synthetic newsroom (deterministic)."""

    def __init__(self, articles: int, people: int = 5000, titles: int = 3000, tags: int = 150):
        self.size = articles
        self.vocabulary = Vocabulary()
        rng = random.Random(99)
        self.people: list[tuple[str, str, str]] = []  # slug, name, native
        seen: set[str] = set()
        while len(self.people) < people:
            surname, hangul_surname = rng.choice(SURNAMES)
            (first, h1), (second, h2) = rng.choice(GIVEN), rng.choice(GIVEN)
            name = f"{surname} {first.capitalize()}-{second}"
            if name in seen:
                continue
            seen.add(name)
            slug = f"{surname}-{first}-{second}".lower()
            self.people.append((slug, name, hangul_surname + h1 + h2))
        self.titles: list[tuple[str, str]] = []
        title_seen: set[str] = set()
        words = self.vocabulary.words[2000:12000]
        while len(self.titles) < titles:
            name = " ".join(w.capitalize() for w in rng.sample(words, rng.choice((1, 2, 3))))
            if name.lower() in title_seen:
                continue
            title_seen.add(name.lower())
            self.titles.append((f"title-{len(self.titles)}", name))
        self.tags = [f"tag-{n}" for n in range(tags)]
        self.people_weights = zipf_cumulative(people, 0.9)
        self.title_weights = zipf_cumulative(titles, 0.9)
        self.tag_weights = zipf_cumulative(tags, 1.0)

    def article(self, index: int) -> dict[str, Any]:
        """Article ``index``: title, dek, body, entity indexes, tag indexes, date."""
        rng = random.Random(index)
        people = sorted(
            set(
                rng.choices(
                    range(len(self.people)), cum_weights=self.people_weights, k=rng.randint(1, 3)
                )
            )
        )
        titles = sorted(
            set(
                rng.choices(
                    range(len(self.titles)), cum_weights=self.title_weights, k=rng.randint(1, 2)
                )
            )
        )
        tags = sorted(set(rng.choices(range(len(self.tags)), cum_weights=self.tag_weights, k=2)))
        words = self.vocabulary.sample(rng, 130)
        for position, person in enumerate(people):
            words.insert(10 + 30 * position, self.people[person][1])
        for position, title in enumerate(titles):
            words.insert(25 + 40 * position, self.titles[title][1])
        title_words = self.vocabulary.sample(rng, 5)
        headline = " ".join([self.titles[titles[0]][1], *title_words]).capitalize()
        return {
            "id": index + 1,
            "slug": f"a-{index + 1}",
            "title": headline[:300],
            "dek": " ".join(self.vocabulary.sample(rng, 14)),
            "body": " ".join(words) + ".",
            "people": people,
            "titles": titles,
            "tags": tags,
            "published_at": START + datetime.timedelta(minutes=rng.randint(0, SPAN_DAYS * 1440)),
        }

    def articles(self, start: int, stop: int) -> Iterator[dict[str, Any]]:
        for index in range(start, stop):
            yield self.article(index)


def build(corpus: Corpus, *, say: Callable[[str], None] = print) -> None:
    """Insert the corpus and build discovery's index in bulk, unless already there."""
    from django.db import connection, transaction

    from marquee.catalog.models import Person, Title
    from marquee.discovery.models import (
        DOCUMENTS_KEY,
        ArticleFeature,
        ArticleProfile,
        SearchEntry,
        SimilarArticle,
        TermStat,
    )
    from marquee.discovery.services import (
        search_entries_refresh_people,
        search_entries_refresh_titles,
    )
    from marquee.discovery.services.search_index import article_search_entry
    from marquee.discovery.similarity import TAG_PREFIX
    from marquee.discovery.text import article_term_counts, tfidf_vector
    from marquee.linking.models import ArticleEntity
    from marquee.newsroom.models import Article, Tag

    if (
        Article.objects.count() == corpus.size
        and ArticleProfile.objects.count() == corpus.size
        and Person.objects.count() == len(corpus.people)
    ):
        say(f"corpus of {corpus.size} articles already built")
        return
    started = time.perf_counter()
    with transaction.atomic():
        for model in (SimilarArticle, ArticleFeature, ArticleProfile, TermStat, SearchEntry):
            model.objects.all().delete()
        Article.objects.all().delete()
        Person.objects.all().delete()
        Title.objects.all().delete()
        Tag.objects.all().delete()
        Person.objects.bulk_create(
            (Person(id=n + 1, slug=s, name=name, native_name=native)
             for n, (s, name, native) in enumerate(corpus.people)),
            batch_size=2000,
        )  # fmt: skip
        Title.objects.bulk_create(
            (Title(id=n + 1, slug=s, name=name, kind="series", year=2000 + n % 25)
             for n, (s, name) in enumerate(corpus.titles)),
            batch_size=2000,
        )  # fmt: skip
        Tag.objects.bulk_create(
            (Tag(id=n + 1, slug=slug, name=slug) for n, slug in enumerate(corpus.tags))
        )
        through = Article.tags.through
        frequencies: Counter[str] = Counter()
        chunk = 2000
        for start in range(0, corpus.size, chunk):
            items = list(corpus.articles(start, min(start + chunk, corpus.size)))
            Article.objects.bulk_create(
                Article(
                    id=a["id"], slug=a["slug"], title=a["title"], dek=a["dek"], body=a["body"],
                    body_html=f"<p>{a['body']}</p>", author="Bench", status="published",
                    published_at=a["published_at"],
                )
                for a in items
            )  # fmt: skip
            ArticleEntity.objects.bulk_create(
                [
                    ArticleEntity(article_id=a["id"], person_id=p + 1)
                    for a in items
                    for p in a["people"]
                ]
                + [
                    ArticleEntity(article_id=a["id"], title_id=t + 1)
                    for a in items
                    for t in a["titles"]
                ]
            )
            through.objects.bulk_create(
                through(article_id=a["id"], tag_id=t + 1) for a in items for t in a["tags"]
            )
            for a in items:
                counts = article_term_counts(title=a["title"], dek=a["dek"], body=a["body"])
                frequencies.update(counts.keys())
                frequencies.update(_features(a, TAG_PREFIX))
            say(f"  inserted {start + len(items)} articles ({time.perf_counter() - started:.0f} s)")
        frequencies[DOCUMENTS_KEY] = corpus.size
        TermStat.objects.bulk_create(
            (TermStat(term=t, documents=c) for t, c in frequencies.items()), batch_size=5000
        )
        search_entries_refresh_people()
        search_entries_refresh_titles()
        people = {
            n + 1: Person(id=n + 1, name=p[1], native_name=p[2])
            for n, p in enumerate(corpus.people)
        }
        titles = {n + 1: Title(id=n + 1, name=t[1]) for n, t in enumerate(corpus.titles)}
        for start in range(0, corpus.size, chunk):
            items = list(corpus.articles(start, min(start + chunk, corpus.size)))
            profiles, features_rows, entries = [], [], []
            for a in items:
                counts = article_term_counts(title=a["title"], dek=a["dek"], body=a["body"])
                features = _features(a, TAG_PREFIX)
                profiles.append(
                    ArticleProfile(
                        article_id=a["id"], published_at=a["published_at"],
                        vector=tfidf_vector(counts, frequencies, corpus.size),
                        terms=sorted(counts), features=features,
                    )
                )  # fmt: skip
                features_rows.extend(
                    ArticleFeature(feature=f, article_id=a["id"], published_at=a["published_at"])
                    for f in features
                )
                article = Article(
                    id=a["id"], title=a["title"], dek=a["dek"], body_html=f"<p>{a['body']}</p>",
                    published_at=a["published_at"],
                )  # fmt: skip
                links = [ArticleEntity(person=people[p + 1]) for p in a["people"]] + [
                    ArticleEntity(title=titles[t + 1]) for t in a["titles"]
                ]
                entries.append(article_search_entry(article, links))
            ArticleProfile.objects.bulk_create(profiles)
            ArticleFeature.objects.bulk_create(features_rows)
            SearchEntry.objects.bulk_create(entries)
            say(f"  indexed {start + len(items)} articles ({time.perf_counter() - started:.0f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute(
                "INSERT INTO discovery_search_fts(discovery_search_fts) VALUES ('optimize')"
            )
    say(f"corpus built in {time.perf_counter() - started:.0f} s")


def _features(article: dict[str, Any], tag_prefix: str) -> list[str]:
    return sorted(
        {f"p:{p + 1}" for p in article["people"]}
        | {f"t:{t + 1}" for t in article["titles"]}
        | {f"{tag_prefix}{t + 1}" for t in article["tags"]}
    )


def run_vendors(
    module: str, argv: list[str], run: Callable[[str], dict[str, Any]]
) -> dict[str, Any]:
    """Run on SQLite here, and on PostgreSQL in a subprocess when configured."""
    if "--vendor" in argv:
        vendor = argv[argv.index("--vendor") + 1]
        print("RESULT " + json.dumps(run(vendor)))
        sys.exit(0)
    results = {"sqlite": run("sqlite")}
    if os.environ.get("MARQUEE_BENCH_POSTGRES_URL"):
        output = subprocess.run(
            [sys.executable, "-m", module, *argv, "--vendor", "postgres"],
            check=True, capture_output=True, text=True, cwd=ROOT,
        ).stdout  # fmt: skip
        print(output)
        line = next(line for line in output.splitlines() if line.startswith("RESULT "))
        results["postgresql"] = json.loads(line[len("RESULT ") :])
    return results


def write_section(name: str, text: str) -> None:
    """Replace the section ``name`` of RESULTS.md (between markers), keeping the others."""
    begin, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    current = RESULTS.read_text() if RESULTS.exists() else "# Discovery benchmarks\n\n"
    block = f"{begin}\n{text.strip()}\n{end}"
    if begin in current:
        head, rest = current.split(begin, 1)
        current = head + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(current)


def machine() -> str:
    import platform

    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"

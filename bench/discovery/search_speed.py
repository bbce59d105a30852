"""Search speed on 100k synthetic articles (plus 5,000 people, 3,000 titles).

    python -m bench.discovery.search_speed [--articles 100000] [--rounds 2]

Times ``discovery.selectors.search`` — what the /search/ view runs: query parsing, the
full-text query with ranking and snippets, entity-linked articles, loading the objects — for
people in variant spellings and in Hangul, titles, topic words, very common words and junk.
Writes the "search-speed" section of bench/discovery/RESULTS.md.
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

from bench.discovery.common import (
    Corpus,
    build,
    machine,
    run_vendors,
    setup_django,
    summary,
    write_section,
)


def arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def queries(corpus: Corpus) -> dict[str, list[str]]:
    from marquee.names import person_keys

    rng = random.Random(5)
    people = rng.sample(corpus.people, 60)
    variants = []
    for _, name, native in people:
        keys = sorted(person_keys(name, native_name=native))
        variants.append(rng.choice([k for k in keys if not k.isascii()] and keys))
        variants.append(rng.choice(keys))
    words = corpus.vocabulary.words
    return {
        "person (variant spelling)": [k for k in variants if k.isascii()][:60],
        "person (Hangul)": [native for _, _, native in people[:30]],
        "title": [name for _, name in rng.sample(corpus.titles, 40)],
        "topic words": [
            " ".join(rng.sample(words[300:5000], rng.choice((1, 2)))) for _ in range(40)
        ],
        "common word": rng.sample(words[20:120], 20),
        "junk": ['"', "AND OR", "kim*", "x" * 10_000, "(((", "노상현 " * 500, ":*", "zzzqqq"],
    }


def run(vendor: str) -> dict[str, Any]:
    size, rounds = arg("--articles", 100_000), arg("--rounds", 2)
    setup_django(vendor, f"discovery-{size}")
    from marquee.discovery.selectors import search

    corpus = Corpus(size)
    build(corpus)
    timings: dict[str, list[float]] = {}
    found: dict[str, int] = {}
    for category, texts in queries(corpus).items():
        for _ in range(rounds):
            for text in texts:
                started = time.perf_counter()
                page = search(text)
                timings.setdefault(category, []).append(time.perf_counter() - started)
                found[category] = found.get(category, 0) + bool(page.results)
    everything = [t for values in timings.values() for t in values]
    result: dict[str, Any] = {
        "articles": size,
        "all": summary(everything),
        **{category: summary(values) for category, values in timings.items()},
        "with_results": {c: round(found[c] / len(timings[c]), 2) for c in timings},
    }
    print(vendor, result)
    return result


def main() -> None:
    results = run_vendors("bench.discovery.search_speed", sys.argv[1:], run)
    rows = []
    for vendor, result in results.items():
        for category, s in result.items():
            if category in ("articles", "with_results"):
                continue
            share = result["with_results"].get(category)
            rows.append(
                f"| {vendor} | {category} | {s['n']} | {s['median_ms']} | {s['p95_ms']} "
                f"| {s['max_ms']} | {'' if share is None else f'{share:.0%}'} |"
            )
    size = next(iter(results.values()))["articles"]
    write_section(
        "search-speed",
        "## Search, server side (`python -m bench.discovery.search_speed`)\n\n"
        f"Corpus: {size:,} articles, 5,000 people, 3,000 titles. Machine: {machine()}. "
        "Target: p95 ≤ 50 ms.\n\n"
        "| database | queries | runs | median ms | p95 ms | max ms | with results |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n" + "\n".join(rows),
    )


if __name__ == "__main__":
    main()

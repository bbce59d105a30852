"""Similar Articles speed: one new article against a corpus of 100k synthetic articles.

    python -m bench.discovery.similar_speed [--articles 100000] [--new 200]

For each of ``--new`` articles not yet in the corpus (inserted with their entities and tags, each
in a transaction that is rolled back so the corpus stays as built), it times

- ``compute``: candidate generation and scoring (what the page's list is made of), and
- ``refresh``: everything ``article_linked`` triggers for it: profile, term statistics, feature
  index, its list and the rescoring of the lists it enters (``similar_refresh``).

Writes the "similar-speed" section of bench/discovery/RESULTS.md.
"""

from __future__ import annotations

import sys
from typing import Any

from bench.discovery.common import (
    Corpus,
    build,
    machine,
    run_vendors,
    setup_django,
    summary,
    timed,
    write_section,
)


def arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def run(vendor: str) -> dict[str, Any]:
    size, new = arg("--articles", 100_000), arg("--new", 200)
    setup_django(vendor, f"discovery-{size}")
    from django.db import transaction

    from marquee.discovery.services import article_profile_refresh, similar_refresh
    from marquee.discovery.services.similar import similar_compute
    from marquee.linking.models import ArticleEntity
    from marquee.newsroom.models import Article

    corpus = Corpus(size)
    build(corpus)
    compute, refresh = [], []
    for index in range(size, size + new):
        a = corpus.article(index)
        with transaction.atomic():
            Article.objects.create(
                id=a["id"], slug=a["slug"], title=a["title"], dek=a["dek"], body=a["body"],
                body_html=f"<p>{a['body']}</p>", status="published",
                published_at=a["published_at"],
            )  # fmt: skip
            ArticleEntity.objects.bulk_create(
                [ArticleEntity(article_id=a["id"], person_id=p + 1) for p in a["people"]]
                + [ArticleEntity(article_id=a["id"], title_id=t + 1) for t in a["titles"]]
            )
            Article.tags.through.objects.bulk_create(
                Article.tags.through(article_id=a["id"], tag_id=t + 1) for t in a["tags"]
            )
            article_id = a["id"]
            refresh.append(timed(lambda: similar_refresh(article_id=article_id)))  # noqa: B023
            profile = article_profile_refresh(article_id=article_id)
            assert profile is not None
            compute.append(timed(lambda: similar_compute(profile)))  # noqa: B023
            transaction.set_rollback(True)
    result = {"articles": size, "compute": summary(compute), "refresh": summary(refresh)}
    print(vendor, result)
    return result


def main() -> None:
    results = run_vendors("bench.discovery.similar_speed", sys.argv[1:], run)
    rows = []
    for vendor, result in results.items():
        for part in ("compute", "refresh"):
            s = result[part]
            rows.append(
                f"| {vendor} | {result['articles']:,} | {part} | {s['n']} | {s['median_ms']} "
                f"| {s['p95_ms']} | {s['max_ms']} |"
            )
    write_section(
        "similar-speed",
        "## Similar Articles: one new article (`python -m bench.discovery.similar_speed`)\n\n"
        f"Machine: {machine()}. Target: p95 ≤ 50 ms.\n\n"
        "| database | corpus | timed | runs | median ms | p95 ms | max ms |\n"
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |\n" + "\n".join(rows) + "\n\n"
        '`compute` = candidates (feature index, full-text "more like this") and scoring; '
        "`refresh` = the whole after-commit update (profile, term statistics, feature index, "
        "the article's list, rescoring of the lists it enters).",
    )


if __name__ == "__main__":
    main()

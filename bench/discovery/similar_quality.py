"""Similar Articles quality: precision@3 on a labelled set (target ≥ 0.9).

    python -m bench.discovery.similar_quality [--stories 60]

The labelled set is generated (seeded) from a story model written for this benchmark: each
*story* (a premiere, a casting, a box-office record…) is reported by four outlets, with their own
wording, on the same day or the next, naming the story's title and people and a few of its
specific words. The relevant articles of a report are the three other reports of its story.
Hard negatives share the story's film and cast but report another event months apart (a review,
an interview), and background articles mention the popular people and tags of every story.

Two pipelines are measured: the bulk rebuild (``marquee similar --rebuild``) and the
incremental one (articles published one by one, each refreshing the affected lists, as in
production on a large site). Writes the "similar-quality" section of RESULTS.md.
"""

from __future__ import annotations

import datetime
import random
import sys
from typing import Any

from bench.discovery.common import Vocabulary, setup_django, write_section

OUTLETS = ["Korea Screen", "Seoul Daily", "Hallyu Wire", "Film Desk"]


def arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def labelled_set(stories: int, seed: int = 11) -> tuple[list[dict[str, Any]], dict[int, set[int]]]:
    rng = random.Random(seed)
    vocabulary = Vocabulary(size=20_000, seed=3)
    words = vocabulary.words
    articles: list[dict[str, Any]] = []
    relevant: dict[int, set[int]] = {}
    start = datetime.datetime(2023, 1, 1, 9, tzinfo=datetime.UTC)
    people = list(range(1, 41))  # 40 people; the first five are stars in many stories
    star_weights = [12 if p <= 5 else 1 for p in people]

    def body(story_words: list[str], names: list[str], length: int = 110) -> str:
        text = vocabulary.sample(rng, length)
        for word in [*story_words, *names]:
            text.insert(rng.randrange(len(text)), word)
        return " ".join(text) + "."

    for story in range(stories):
        title_id = story % 30 + 1  # thirty titles: several stories per title
        cast = sorted(set(rng.choices(people, weights=star_weights, k=2)))
        event = rng.sample(words[3000:15000], 6)
        day = start + datetime.timedelta(days=rng.randrange(700))
        tag = f"tag-{rng.randrange(12)}"
        ids = []
        for outlet in OUTLETS:
            ids.append(len(articles) + 1)
            chosen = rng.sample(event, 4)
            articles.append({
                "id": len(articles) + 1,
                "title": f"{outlet}: " + " ".join(chosen[:2] + vocabulary.sample(rng, 4)),
                "body": body(chosen, [f"Title{title_id}"]),
                "people": cast if rng.random() < 0.8 else cast[:1],
                "titles": [title_id],
                "tags": [tag, rng.choice(["film", "tv"])],
                "published_at": day + datetime.timedelta(hours=rng.randrange(30)),
            })  # fmt: skip
        for article_id in ids:
            relevant[article_id] = set(ids) - {article_id}
        for _ in range(2):  # hard negatives: same film and cast, another event
            other = rng.sample(words[3000:15000], 4)
            articles.append({
                "id": len(articles) + 1,
                "title": " ".join(other[:2] + vocabulary.sample(rng, 4)),
                "body": body(other, [f"Title{title_id}"]),
                "people": cast,
                "titles": [title_id],
                "tags": [tag, "reviews"],
                "published_at": day
                + datetime.timedelta(days=rng.choice([-1, 1]) * rng.randint(40, 200)),
            })  # fmt: skip
    for _ in range(stories * 3):  # background: stars, common tags, no story
        articles.append({
            "id": len(articles) + 1,
            "title": " ".join(vocabulary.sample(rng, 6)),
            "body": body([], []),
            "people": sorted(set(rng.choices(people, weights=star_weights, k=2))),
            "titles": [],
            "tags": [rng.choice(["film", "tv"])],
            "published_at": start + datetime.timedelta(days=rng.randrange(700)),
        })  # fmt: skip
    return articles, relevant


def precision_at_3(relevant: dict[int, set[int]]) -> float:
    from marquee.discovery.selectors import similar_articles
    from marquee.newsroom.models import Article

    articles = Article.objects.in_bulk(list(relevant))
    total = 0.0
    for article_id, wanted in relevant.items():
        top = [row.similar_id for row in similar_articles(articles[article_id], limit=3)]
        total += len(set(top) & wanted) / 3
    return total / len(relevant)


def main() -> None:
    stories = arg("--stories", 60)
    setup_django("sqlite", "discovery-quality")
    from django.db import transaction

    from marquee.catalog.models import Person, Title
    from marquee.discovery.services import similar as similar_service
    from marquee.discovery.services import similar_refresh
    from marquee.discovery.services.rebuild import discovery_rebuild
    from marquee.linking.models import ArticleEntity
    from marquee.newsroom.models import Article, Tag

    articles, relevant = labelled_set(stories)
    with transaction.atomic():
        Article.objects.all().delete()
        Person.objects.all().delete()
        Title.objects.all().delete()
        Tag.objects.all().delete()
        Person.objects.bulk_create(
            Person(id=n, slug=f"person-{n}", name=f"Person {n}") for n in range(1, 41)
        )
        Title.objects.bulk_create(
            Title(id=n, slug=f"title-{n}", name=f"Title{n}") for n in range(1, 31)
        )
        tags = {
            slug: Tag.objects.create(slug=slug, name=slug)
            for slug in {t for a in articles for t in a["tags"]}
        }
        for a in articles:
            article = Article.objects.create(
                id=a["id"], slug=f"q-{a['id']}", title=a["title"], body=a["body"],
                body_html=f"<p>{a['body']}</p>", status="published",
                published_at=a["published_at"],
            )  # fmt: skip
            article.tags.set([tags[t] for t in a["tags"]])
            ArticleEntity.objects.bulk_create(
                [ArticleEntity(article=article, person_id=p) for p in a["people"]]
                + [ArticleEntity(article=article, title_id=t) for t in a["titles"]]
            )
    discovery_rebuild()
    rebuilt = precision_at_3(relevant)
    print(f"rebuild: precision@3 = {rebuilt:.3f} over {len(relevant)} labelled articles")

    similar_service.FULL_RECOMPUTE_UP_TO = 0  # the large-site path, even on this small set
    from marquee.discovery.models import ArticleFeature, ArticleProfile, SimilarArticle, TermStat

    for model in (SimilarArticle, ArticleFeature, ArticleProfile, TermStat):
        model.objects.all().delete()
    for a in sorted(articles, key=lambda item: item["published_at"]):
        similar_refresh(article_id=a["id"])
    incremental = precision_at_3(relevant)
    print(f"incremental: precision@3 = {incremental:.3f}")
    write_section(
        "similar-quality",
        "## Similar Articles: precision@3 (`python -m bench.discovery.similar_quality`)\n\n"
        f"Labelled set: {stories} stories × 4 outlets ({len(relevant)} labelled articles), "
        f"{stories * 2} hard negatives (same film and cast, another event), {stories * 3} "
        f"background articles; {len(articles)} articles in all. Target: ≥ 0.9.\n\n"
        "| pipeline | precision@3 |\n| --- | ---: |\n"
        f"| bulk rebuild (`marquee similar --rebuild`) | {rebuilt:.3f} |\n"
        f"| incremental, one article at a time (large-site path) | {incremental:.3f} |",
    )


if __name__ == "__main__":
    main()

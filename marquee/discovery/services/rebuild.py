"""Rebuilding everything discovery derives, in bulk (``marquee similar --rebuild``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import transaction

from marquee.discovery.models import (
    DOCUMENTS_KEY,
    ArticleFeature,
    ArticleProfile,
    EntryKind,
    SearchEntry,
    SimilarArticle,
    TermStat,
)
from marquee.discovery.services.search_index import (
    article_search_entry,
    published_article_chunks,
    search_entries_refresh_people,
    search_entries_refresh_titles,
)
from marquee.discovery.services.similar import STORED_SIMILAR, similar_compute
from marquee.discovery.similarity import TAG_PREFIX, Profile
from marquee.discovery.text import article_term_counts, tfidf_vector
from marquee.newsroom.models import Article

REBUILD_CHUNK = 1000


def _features(article: Article) -> list[str]:
    features = {f"{TAG_PREFIX}{tag.pk}" for tag in article.tags.all()}
    for link in article.entities.all():
        if link.person_id:
            features.add(f"p:{link.person_id}")
        if link.title_id:
            features.add(f"t:{link.title_id}")
        if link.character_id and link.character is not None:
            features.add(f"c:{link.character_id}")
            features.add(f"t:{link.character.title_id}")
    return sorted(features)


def discovery_rebuild(
    *, similar_lists: bool = True, progress: Callable[[str], None] | None = None
) -> int:
    """Reindex people, titles and published articles, and recompute every Similar Articles
    list; returns the number of articles indexed. One transaction."""
    say = progress or (lambda message: None)
    with transaction.atomic():
        search_entries_refresh_people()
        search_entries_refresh_titles()
        for model in (ArticleFeature, ArticleProfile, TermStat, SimilarArticle):
            model.objects.all().delete()
        SearchEntry.objects.filter(kind=EntryKind.ARTICLE).delete()

        frequencies: Counter[str] = Counter()
        total = 0
        for chunk in published_article_chunks(REBUILD_CHUNK):
            for article in chunk:
                counts = article_term_counts(
                    title=article.title, dek=article.dek, body=article.body
                )
                frequencies.update(counts.keys())
                frequencies.update(_features(article))
                total += 1
        frequencies[DOCUMENTS_KEY] = total
        TermStat.objects.bulk_create(
            (TermStat(term=term, documents=count) for term, count in frequencies.items()),
            batch_size=2000,
        )
        say(f"{total} published articles, {len(frequencies)} terms")

        profiles: list[Profile] = []
        for chunk in published_article_chunks(REBUILD_CHUNK):
            entries: list[SearchEntry] = []
            rows: list[ArticleProfile] = []
            features_rows: list[ArticleFeature] = []
            for article in chunk:
                assert article.published_at is not None
                counts = article_term_counts(
                    title=article.title, dek=article.dek, body=article.body
                )
                vector = tfidf_vector(counts, frequencies, total)
                features = _features(article)
                entries.append(article_search_entry(article, article.entities.all()))
                rows.append(
                    ArticleProfile(
                        article_id=article.pk,
                        published_at=article.published_at,
                        vector=vector,
                        terms=sorted(counts),
                        features=features,
                    )
                )
                features_rows.extend(
                    ArticleFeature(
                        feature=f, article_id=article.pk, published_at=article.published_at
                    )
                    for f in features
                )
                profiles.append(
                    Profile(article.pk, article.published_at, vector, frozenset(features))
                )
            SearchEntry.objects.bulk_create(entries, batch_size=500)
            ArticleProfile.objects.bulk_create(rows, batch_size=500)
            ArticleFeature.objects.bulk_create(features_rows, batch_size=2000)
        say("search entries and profiles stored")

        if similar_lists:
            lists: dict[int, list[SimilarArticle]] = defaultdict(list)
            for profile in profiles:
                for item in similar_compute(profile, limit=STORED_SIMILAR):
                    lists[profile.article_id].append(
                        SimilarArticle(
                            article_id=profile.article_id,
                            similar_id=item.article_id,
                            score=item.score,
                        )
                    )
            SimilarArticle.objects.bulk_create(
                (row for rows in lists.values() for row in rows), batch_size=2000
            )
            say("similar lists stored")
    return total

"""Similar Articles: article profiles, term and feature frequencies, candidates and scoring.

The stored lists and the refresh after an article changed are in ``similar_lists``.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.utils import timezone

from marquee.discovery.models import (
    DOCUMENTS_KEY,
    ArticleFeature,
    ArticleProfile,
    TermStat,
)
from marquee.discovery.search import backend
from marquee.discovery.similarity import (
    TAG_PREFIX,
    Profile,
    Scored,
    feature_weights,
    rank_similar,
)
from marquee.discovery.text import article_term_counts, tfidf_vector
from marquee.linking.models import ArticleEntity, EntityState
from marquee.newsroom.models import GOING_LIVE, Article

STORED_SIMILAR = 8
CANDIDATES_PER_FEATURE = 25
FEATURES_PER_QUERY = 200  # SQLite allows at most 500 terms in a compound SELECT
TEXT_CANDIDATES = 20
TEXT_QUERY_TERMS = 5
TEXT_TERM_MAX_SHARE = 0.005  # of the articles: more common terms do not query candidates
TEXT_TERM_MIN_CAP = 50
FULL_RECOMPUTE_UP_TO = 200


def article_features(article_id: int, tag_ids: Iterable[int]) -> list[str]:
    """Entity features (a character also counts for its title) and tag features."""
    features: set[str] = {f"{TAG_PREFIX}{tag_id}" for tag_id in tag_ids}
    rows = (
        ArticleEntity.objects.filter(article_id=article_id)
        .exclude(state=EntityState.REJECTED)
        .values_list("person_id", "title_id", "character_id", "character__title_id")
    )
    for person_id, title_id, character_id, character_title_id in rows:
        if person_id:
            features.add(f"p:{person_id}")
        if title_id:
            features.add(f"t:{title_id}")
        if character_id:
            features.add(f"c:{character_id}")
            features.add(f"t:{character_title_id}")
    return sorted(features)


def document_frequencies(keys: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(keys))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 900):
        found.update(
            TermStat.objects.filter(term__in=wanted[start : start + 900]).values_list(
                "term", "documents"
            )
        )
    return found


class _CachedFrequencies:
    """Document frequencies (``TermStat``) kept in the process for ``TTL`` seconds.

    Every computation of a list weighs the features of a few hundred candidates; reading their
    frequencies each time costs more than the scoring. A weight a minute old changes a score
    imperceptibly; writes in this process clear the cache at once (``adjust_frequencies``).
    """

    TTL = 60.0

    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        self.expires = 0.0

    def clear(self) -> None:
        self.values.clear()
        self.expires = 0.0

    def get(self, keys: Iterable[str]) -> dict[str, int]:
        now = time.monotonic()
        if now >= self.expires:
            self.clear()
            self.expires = now + self.TTL
        wanted = set(keys)
        missing = wanted - self.values.keys()
        if missing:
            found = document_frequencies(missing)
            self.values.update({key: found.get(key, 0) for key in missing})
        return {key: self.values[key] for key in wanted}


cached_frequencies = _CachedFrequencies()


def adjust_frequencies(added: Iterable[str], removed: Iterable[str]) -> None:
    """+1 for ``added`` terms, -1 for ``removed``; sorted so concurrent writers lock in order."""
    cached_frequencies.clear()
    table = TermStat._meta.db_table
    added, removed = sorted(set(added)), sorted(set(removed))
    with connection.cursor() as cursor:
        if added:
            cursor.executemany(
                f"INSERT INTO {table} (term, documents) VALUES (%s, 1) ON CONFLICT (term)"
                f" DO UPDATE SET documents = {table}.documents + 1",
                [(term,) for term in added],
            )
        for start in range(0, len(removed), 900):
            chunk = removed[start : start + 900]
            cursor.execute(
                f"UPDATE {table} SET documents = documents - 1"
                f" WHERE documents > 0 AND term IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )


def profile_of(row: ArticleProfile) -> Profile:
    assert row.published_at is not None
    return Profile(row.article_id, row.published_at, row.vector, frozenset(row.features))


def article_profile_refresh(*, article_id: int) -> Profile | None:
    """Recompute the profile and feature index of an article; None unless it is published.

    Caller holds a transaction.
    """
    article = Article.objects.filter(pk=article_id).prefetch_related("tags").first()
    old = ArticleProfile.objects.filter(article_id=article_id).first()
    old_keys: set[str] = set()
    if old is not None and old.published_at is not None:
        old_keys = {*old.terms, *old.features, DOCUMENTS_KEY}
    if article is None or article.status not in GOING_LIVE or not article.published_at:
        adjust_frequencies((), old_keys)
        ArticleFeature.objects.filter(article_id=article_id).delete()
        if old is not None and article is not None:
            old.published_at = None
            old.save(update_fields=["published_at"])
        return None
    counts = article_term_counts(title=article.title, dek=article.dek, body=article.body)
    features = article_features(article.pk, [tag.pk for tag in article.tags.all()])
    new_keys = {*counts, *features, DOCUMENTS_KEY}
    adjust_frequencies(new_keys - old_keys, old_keys - new_keys)
    frequencies = document_frequencies([*counts, DOCUMENTS_KEY])
    vector = tfidf_vector(counts, frequencies, frequencies.get(DOCUMENTS_KEY, 1))
    ArticleProfile.objects.update_or_create(
        article_id=article.pk,
        defaults={
            "published_at": article.published_at,
            "vector": vector,
            "terms": sorted(counts),
            "features": features,
        },
    )
    ArticleFeature.objects.filter(article_id=article.pk).delete()
    ArticleFeature.objects.bulk_create(
        ArticleFeature(feature=feature, article_id=article.pk, published_at=article.published_at)
        for feature in features
    )
    return Profile(article.pk, article.published_at, vector, frozenset(features))


def similar_candidates(profile: Profile, *, now: datetime.datetime) -> list[Profile]:
    """Published articles sharing a feature (newest first per feature) or distinctive words."""
    ids: set[int] = set()
    features = sorted(profile.features)
    table = ArticleFeature._meta.db_table
    newest = (
        f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE feature = %s"
        f" ORDER BY published_at DESC LIMIT {CANDIDATES_PER_FEATURE}) AS f{{}}"
    )
    with connection.cursor() as cursor:  # the newest articles of each feature, in few queries
        for start in range(0, len(features), FEATURES_PER_QUERY):
            batch = features[start : start + FEATURES_PER_QUERY]
            cursor.execute(" UNION ALL ".join(newest.format(n) for n in range(len(batch))), batch)
            ids.update(row[0] for row in cursor.fetchall())
    # The heaviest terms, leaving out those in too many articles: each would bring thousands of
    # matches to rank (slow on PostgreSQL) for little evidence of a shared story.
    heaviest = sorted(profile.vector, key=lambda term: -profile.vector[term])[
        : 3 * TEXT_QUERY_TERMS
    ]
    frequencies = cached_frequencies.get([*heaviest, DOCUMENTS_KEY])
    cap = max(TEXT_TERM_MIN_CAP, TEXT_TERM_MAX_SHARE * frequencies[DOCUMENTS_KEY])
    terms = [term for term in heaviest if frequencies[term] <= cap][:TEXT_QUERY_TERMS]
    for article_id, _ in backend().more_like(
        terms, now=now, exclude=profile.article_id, limit=TEXT_CANDIDATES
    ):
        ids.add(article_id)
    ids.discard(profile.article_id)
    return load_profiles(sorted(ids))


def _json(value: object) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _datetime(value: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    return datetime.datetime.fromisoformat(str(value)).replace(tzinfo=datetime.UTC)


def load_profiles(ids: list[int]) -> list[Profile]:
    """Published profiles by article id, read without ORM model or field converters: this is the
    hot path of every refresh (a few hundred JSON vectors)."""
    if not ids:
        return []
    table = ArticleProfile._meta.db_table
    params: list[Any]
    if connection.vendor == "postgresql":  # one array parameter instead of hundreds
        wanted, params = "= ANY(%s)", [ids]
    else:
        wanted, params = f"IN ({', '.join(['%s'] * len(ids))})", list(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT article_id, published_at, vector, features FROM {table}"
            f" WHERE published_at IS NOT NULL AND article_id {wanted}",
            params,
        )
        rows = cursor.fetchall()
    return [
        Profile(int(article_id), _datetime(published_at), _json(vector), frozenset(_json(features)))
        for article_id, published_at, vector, features in rows
    ]


def profile_weights(profiles: Iterable[Profile]) -> dict[str, float]:
    features = {f for profile in profiles for f in profile.features}
    frequencies = cached_frequencies.get([*features, DOCUMENTS_KEY])
    return feature_weights(features, frequencies, frequencies.get(DOCUMENTS_KEY) or 1)


def similar_compute(profile: Profile, *, limit: int = STORED_SIMILAR * 4) -> list[Scored]:
    """Score the candidates of ``profile``; reads only."""
    candidates = similar_candidates(profile, now=timezone.now())
    return rank_similar(profile, candidates, profile_weights([profile, *candidates]), limit=limit)

"""Similar Articles: article profiles, the feature index and the stored top lists.

``article_discovery_refresh`` runs after an article's entities were committed
(``article_linked``). It updates the article's profile, then its list, then — the score being
symmetric — rescores the lists of the articles it is similar to, with the article as a new
member and the current term and entity frequencies, so only the affected lists change.
"""

from __future__ import annotations

import datetime
import json
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from marquee.discovery.models import (
    ArticleFeature,
    ArticleProfile,
    SimilarArticle,
    TermStat,
)
from marquee.discovery.search import backend
from marquee.discovery.services.search_index import search_entry_refresh_article
from marquee.discovery.similarity import (
    TAG_PREFIX,
    Profile,
    Scored,
    feature_weights,
    rank_similar,
    related_score,
)
from marquee.discovery.text import article_term_counts, tfidf_vector
from marquee.newsroom.models import Article, ArticleEntity, ArticleStatus, EntityState

STORED_SIMILAR = 8
CANDIDATES_PER_FEATURE = 25
TEXT_CANDIDATES = 20
TEXT_QUERY_TERMS = 5
TEXT_TERM_MAX_SHARE = 0.005  # of the articles: more common terms do not query candidates
TEXT_TERM_MIN_CAP = 50
DOCUMENTS_KEY = "#documents"
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


def _document_frequencies(keys: Iterable[str]) -> dict[str, int]:
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
    imperceptibly; writes in this process clear the cache at once (``_adjust_frequencies``).
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
            found = _document_frequencies(missing)
            self.values.update({key: found.get(key, 0) for key in missing})
        return {key: self.values[key] for key in wanted}


cached_frequencies = _CachedFrequencies()


def _adjust_frequencies(added: Iterable[str], removed: Iterable[str]) -> None:
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


def _profile_of(row: ArticleProfile) -> Profile:
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
    if article is None or article.status != ArticleStatus.PUBLISHED or not article.published_at:
        _adjust_frequencies((), old_keys)
        ArticleFeature.objects.filter(article_id=article_id).delete()
        if old is not None and article is not None:
            old.published_at = None
            old.save(update_fields=["published_at"])
        return None
    counts = article_term_counts(title=article.title, dek=article.dek, body=article.body)
    features = article_features(article.pk, [tag.pk for tag in article.tags.all()])
    new_keys = {*counts, *features, DOCUMENTS_KEY}
    _adjust_frequencies(new_keys - old_keys, old_keys - new_keys)
    frequencies = _document_frequencies([*counts, DOCUMENTS_KEY])
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
    if features:  # one query for all features: the newest articles of each
        table = ArticleFeature._meta.db_table
        newest = (
            f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE feature = %s"
            f" ORDER BY published_at DESC LIMIT {CANDIDATES_PER_FEATURE}) AS f{{}}"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(newest.format(n) for n in range(len(features))), features
            )
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
    return _load_profiles(sorted(ids))


def _json(value: object) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _datetime(value: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    return datetime.datetime.fromisoformat(str(value)).replace(tzinfo=datetime.UTC)


def _load_profiles(ids: list[int]) -> list[Profile]:
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


def _weights(profiles: Iterable[Profile]) -> dict[str, float]:
    features = {f for profile in profiles for f in profile.features}
    frequencies = cached_frequencies.get([*features, DOCUMENTS_KEY])
    return feature_weights(features, frequencies, frequencies.get(DOCUMENTS_KEY) or 1)


def similar_compute(profile: Profile, *, limit: int = STORED_SIMILAR * 4) -> list[Scored]:
    """Score the candidates of ``profile``; reads only."""
    candidates = similar_candidates(profile, now=timezone.now())
    return rank_similar(profile, candidates, _weights([profile, *candidates]), limit=limit)


def _store_lists(profile: Profile, scored: list[Scored]) -> None:
    """Store the article's list, then rescore the lists of the articles it is similar to (and
    of those that listed it) with the same, current weights, keeping each list's best."""
    article_id = profile.article_id
    SimilarArticle.objects.filter(article_id=article_id).delete()
    SimilarArticle.objects.bulk_create(
        SimilarArticle(article_id=article_id, similar_id=item.article_id, score=item.score)
        for item in scored[:STORED_SIMILAR]
    )
    affected = {item.article_id for item in scored}
    SimilarArticle.objects.filter(similar_id=article_id).exclude(article_id__in=affected).delete()
    rows = list(SimilarArticle.objects.filter(article_id__in=sorted(affected)))
    members = {row.similar_id for row in rows} | affected
    profiles = {
        row.article_id: _profile_of(row)
        for row in ArticleProfile.objects.filter(
            article_id__in=sorted(members), published_at__isnull=False
        )
    }
    profiles[article_id] = profile
    weights = _weights(profiles.values())
    lists: dict[int, dict[int, SimilarArticle]] = defaultdict(dict)
    for row in rows:
        lists[row.article_id][row.similar_id] = row
    to_create: list[SimilarArticle] = []
    to_update: list[SimilarArticle] = []
    to_delete: list[int] = []
    for other_id in sorted(affected):
        other = profiles.get(other_id)
        if other is None:
            continue
        current = lists[other_id]
        rescored = []
        for member_id in {*current, article_id}:
            member = profiles.get(member_id)
            value = related_score(other, member, weights) if member else None
            if value is not None:
                rescored.append((round(value, 4), member_id))
        rescored.sort(key=lambda item: (-item[0], item[1]))
        keep = dict((member_id, value) for value, member_id in rescored[:STORED_SIMILAR])
        for member_id, row in current.items():
            if member_id not in keep:
                to_delete.append(row.pk)
            elif row.score != keep[member_id]:
                row.score = keep[member_id]
                to_update.append(row)
        to_create.extend(
            SimilarArticle(article_id=other_id, similar_id=member_id, score=value)
            for member_id, value in keep.items()
            if member_id not in current
        )
    SimilarArticle.objects.filter(pk__in=to_delete).delete()
    SimilarArticle.objects.bulk_update(to_update, ["score"])
    SimilarArticle.objects.bulk_create(to_create)


def _replace_list(article_id: int, scored: list[Scored]) -> None:
    SimilarArticle.objects.filter(article_id=article_id).delete()
    SimilarArticle.objects.bulk_create(
        SimilarArticle(article_id=article_id, similar_id=item.article_id, score=item.score)
        for item in scored[:STORED_SIMILAR]
    )


def similar_recompute_all() -> int:
    """Recompute every published article's vector (current term frequencies) and list from
    scratch; returns how many. Meant for small corpora, where frequencies move with each
    article."""
    rows = list(ArticleProfile.objects.filter(published_at__isnull=False))
    texts = {
        pk: (title, dek, body)
        for pk, title, dek, body in Article.objects.filter(
            pk__in=[row.article_id for row in rows]
        ).values_list("pk", "title", "dek", "body")
    }
    counts = {
        row.article_id: article_term_counts(
            title=texts[row.article_id][0],
            dek=texts[row.article_id][1],
            body=texts[row.article_id][2],
        )
        for row in rows
        if row.article_id in texts
    }
    frequencies = _document_frequencies(
        [term for c in counts.values() for term in c] + [DOCUMENTS_KEY]
    )
    total = frequencies.get(DOCUMENTS_KEY, 1)
    for row in rows:
        if row.article_id in counts:
            row.vector = tfidf_vector(counts[row.article_id], frequencies, total)
    ArticleProfile.objects.bulk_update(rows, ["vector"], batch_size=500)
    for row in rows:
        profile = _profile_of(row)
        _replace_list(profile.article_id, similar_compute(profile, limit=STORED_SIMILAR))
    return len(rows)


def similar_refresh(*, article_id: int) -> list[Scored]:
    """Recompute an article's profile and Similar Articles, and the lists it belongs in.

    In a small corpus (≤ ``FULL_RECOMPUTE_UP_TO`` published articles) every list is recomputed:
    it is cheap there, and term and entity frequencies still move a lot with each article.
    """
    with transaction.atomic():
        profile = article_profile_refresh(article_id=article_id)
        if profile is None:
            SimilarArticle.objects.filter(article_id=article_id).delete()
            SimilarArticle.objects.filter(similar_id=article_id).delete()
            return []
        scored = similar_compute(profile)
        documents = _document_frequencies([DOCUMENTS_KEY]).get(DOCUMENTS_KEY, 0)
        if documents <= FULL_RECOMPUTE_UP_TO:
            similar_recompute_all()
        else:
            _store_lists(profile, scored)
    return scored[:STORED_SIMILAR]


def article_discovery_refresh(*, article_id: int) -> None:
    """Everything discovery derives from one article: its search entry and similar lists."""
    with transaction.atomic():
        search_entry_refresh_article(article_id=article_id)
        similar_refresh(article_id=article_id)

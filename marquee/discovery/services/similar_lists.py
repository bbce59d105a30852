"""Stored Similar Articles lists, and the refresh of everything discovery derives from one
article after its text, entities or state changed.

``article_discovery_refresh`` is what the newsroom and linking actions call after commit: the
article's search entry, then its profile and list, then — the score being symmetric — the lists
of the articles it is similar to, rescored with the article as a new member. An article that
left the public is withdrawn from every list, and the lists it stood in are refilled.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from marquee.discovery.models import (
    DOCUMENTS_KEY,
    ArticleFeature,
    ArticleProfile,
    EntryKind,
    SearchEntry,
    SimilarArticle,
)
from marquee.discovery.services.search_index import search_entry_refresh_article
from marquee.discovery.services.similar import (
    FULL_RECOMPUTE_UP_TO,
    STORED_SIMILAR,
    adjust_frequencies,
    article_profile_refresh,
    document_frequencies,
    load_profiles,
    profile_of,
    profile_weights,
    similar_compute,
)
from marquee.discovery.similarity import Profile, Scored, related_score
from marquee.discovery.text import article_term_counts, tfidf_vector
from marquee.newsroom.models import Article
from marquee.web.pagecache import pages_changed


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
        row.article_id: profile_of(row)
        for row in ArticleProfile.objects.filter(
            article_id__in=sorted(members), published_at__isnull=False
        )
    }
    profiles[article_id] = profile
    weights = profile_weights(profiles.values())
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
    frequencies = document_frequencies(
        [term for c in counts.values() for term in c] + [DOCUMENTS_KEY]
    )
    total = frequencies.get(DOCUMENTS_KEY, 1)
    for row in rows:
        if row.article_id in counts:
            row.vector = tfidf_vector(counts[row.article_id], frequencies, total)
    ArticleProfile.objects.bulk_update(rows, ["vector"], batch_size=500)
    for row in rows:
        profile = profile_of(row)
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
            _withdraw(article_id)
            return []
        scored = similar_compute(profile)
        documents = document_frequencies([DOCUMENTS_KEY]).get(DOCUMENTS_KEY, 0)
        if documents <= FULL_RECOMPUTE_UP_TO:
            similar_recompute_all()
        else:
            _store_lists(profile, scored)
    return scored[:STORED_SIMILAR]


def _withdraw(article_id: int) -> None:
    """An article left the public: drop its list, and refill the lists it stood in from the
    remaining published articles, so no other article keeps showing it. Caller holds a
    transaction."""
    listed_in = list(
        SimilarArticle.objects.filter(similar_id=article_id).values_list("article_id", flat=True)
    )
    SimilarArticle.objects.filter(article_id=article_id).delete()
    SimilarArticle.objects.filter(similar_id=article_id).delete()
    for other in load_profiles(sorted(set(listed_in))):
        _replace_list(other.article_id, similar_compute(other, limit=STORED_SIMILAR))


def article_discovery_forget(*, article_id: int) -> None:
    """Withdraw an article that is about to be deleted from search and Similar Articles, while
    its rows still exist (the term and entity frequencies are kept exact). Caller holds the
    transaction that deletes it."""
    with transaction.atomic():
        SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article_id).delete()
        old = ArticleProfile.objects.filter(article_id=article_id).first()
        if old is not None and old.published_at is not None:
            adjust_frequencies((), {*old.terms, *old.features, DOCUMENTS_KEY})
        ArticleFeature.objects.filter(article_id=article_id).delete()
        ArticleProfile.objects.filter(article_id=article_id).delete()
        _withdraw(article_id)


def article_discovery_refresh(*, article_id: int) -> None:
    """Everything discovery derives from one article: its search entry and similar lists."""
    with transaction.atomic():
        search_entry_refresh_article(article_id=article_id)
        similar_refresh(article_id=article_id)
        pages_changed()

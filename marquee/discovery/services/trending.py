"""Page views counted in the cache and flushed to the database; the trending ranking.

Each article page view increments a cache counter for (hour, article slug) — no database
write. Every ``MARQUEE_VIEWS_FLUSH_EVERY``-th view of an article in an hour writes that
counter's value to ``ArticleViewCount`` (an upsert keeping the larger value, so flushing twice
never counts twice), and at most once a minute such a flush also recomputes the trending
ranking. ``marquee flush_views`` flushes every counter of the last hours and recomputes
trending; run it from cron (every minute or five) on busy sites.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from marquee.community import selectors as community_selectors
from marquee.discovery.models import ArticleViewCount, TrendingArticle
from marquee.newsroom.models import Article
from marquee.web.redis_cache import count as cache_count

logger = logging.getLogger(__name__)

COUNTER_TIMEOUT = 3 * 24 * 3600
FLUSH_HOURS = 3
TRENDING_WINDOW = datetime.timedelta(hours=48)
TRENDING_STORED = 20
TRENDING_REFRESH_SECONDS = 60
# Decay bands (age of the hour bucket → weight): roughly a 12-hour half-life.
DECAY_BANDS = ((6, 1.0), (12, 0.7), (24, 0.4), (48, 0.15))
VIEW_POINTS = 1.0
REACTION_POINTS = 5.0
COMMENT_POINTS = 10.0
RECENT_ENGAGEMENT = datetime.timedelta(hours=12)
OLDER_ENGAGEMENT_WEIGHT = 0.35


def _hour(now: datetime.datetime) -> datetime.datetime:
    return now.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)


def _counter_key(hour: datetime.datetime, slug: str) -> str:
    return f"discovery:views:{hour:%Y%m%d%H}:{slug}"


def _registry_key(hour: datetime.datetime) -> str:
    return f"discovery:views:slugs:{hour:%Y%m%d%H}"


def article_view_record(*, slug: str, now: datetime.datetime | None = None) -> int:
    """Count one view of the article ``slug``; returns this hour's count so far."""
    hour = _hour(now or timezone.now())
    count = cache_count(_counter_key(hour, slug), COUNTER_TIMEOUT)  # one round trip on Redis
    if count == 1:
        # Registry of this hour's counters, for the periodic flush. A lost update under a race
        # only delays that article's flush to its next threshold.
        registry = _registry_key(hour)
        slugs = cache.get(registry) or []
        if slug not in slugs:
            cache.set(registry, [*slugs, slug], timeout=COUNTER_TIMEOUT)
    if count % max(settings.MARQUEE_VIEWS_FLUSH_EVERY, 1) == 0:
        _flush({(hour, slug): count})
        if cache.add("discovery:trending:recent", 1, timeout=TRENDING_REFRESH_SECONDS):
            trending_refresh()
    return count


def _flush(counts: dict[tuple[datetime.datetime, str], int]) -> int:
    """Write counters to the database, keeping the larger of stored and counted."""
    if not counts:
        return 0
    ids = dict(
        Article.objects.filter(slug__in={slug for _, slug in counts}).values_list("slug", "pk")
    )
    rows = [
        (ids[slug], connection.ops.adapt_datetimefield_value(hour), views)
        for (hour, slug), views in sorted(counts.items())
        if slug in ids and views
    ]
    table = ArticleViewCount._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, hour, views) VALUES (%s, %s, %s)"
            f" ON CONFLICT (article_id, hour) DO UPDATE SET views = CASE"
            f" WHEN excluded.views > {table}.views THEN excluded.views ELSE {table}.views END",
            rows,
        )
    return len(rows)


def article_views_flush(*, now: datetime.datetime | None = None) -> int:
    """Flush the counters of the last ``FLUSH_HOURS`` hours; returns how many were written."""
    current = _hour(now or timezone.now())
    counts: dict[tuple[datetime.datetime, str], int] = {}
    for back in range(FLUSH_HOURS):
        hour = current - datetime.timedelta(hours=back)
        slugs = cache.get(_registry_key(hour)) or []
        keys = {_counter_key(hour, slug): slug for slug in slugs}
        for key, value in cache.get_many(list(keys)).items():
            counts[(hour, keys[key])] = int(value)
    return _flush(counts)


def _decayed_views(now: datetime.datetime) -> dict[int, float]:
    scores: dict[int, float] = {}
    rows = ArticleViewCount.objects.filter(hour__gte=_hour(now) - TRENDING_WINDOW).values_list(
        "article_id", "hour", "views"
    )
    for article_id, hour, views in rows.iterator(chunk_size=2000):
        age = (now - hour).total_seconds() / 3600
        weight = next((w for limit, w in DECAY_BANDS if age < limit), 0.0)
        scores[article_id] = scores.get(article_id, 0.0) + views * weight
    return scores


def _engagement(since: datetime.datetime) -> dict[int, tuple[int, int]]:
    """Reactions and comments per article since ``since``."""
    return dict(community_selectors.engagement_since(since=since))


def trending_scores(*, now: datetime.datetime) -> dict[int, float]:
    """Time-decayed views, reactions and comments of the last 48 hours, by article id."""
    scores = {key: value * VIEW_POINTS for key, value in _decayed_views(now).items()}
    recent = _engagement(now - RECENT_ENGAGEMENT)
    total = _engagement(now - TRENDING_WINDOW)
    for article_id in set(recent) | set(total):
        new_reactions, new_comments = recent.get(article_id, (0, 0))
        all_reactions, all_comments = total.get(article_id, (new_reactions, new_comments))
        reactions = new_reactions + OLDER_ENGAGEMENT_WEIGHT * max(all_reactions - new_reactions, 0)
        comments = new_comments + OLDER_ENGAGEMENT_WEIGHT * max(all_comments - new_comments, 0)
        scores[article_id] = (
            scores.get(article_id, 0.0) + reactions * REACTION_POINTS + comments * COMMENT_POINTS
        )
    return {key: value for key, value in scores.items() if value > 0}


def trending_refresh(*, now: datetime.datetime | None = None) -> list[int]:
    """Recompute and store the trending ranking; returns the article ids, best first."""
    now = now or timezone.now()
    scores = trending_scores(now=now)
    public = set(
        Article.objects.published(now).filter(pk__in=list(scores)).values_list("pk", flat=True)
    )
    ranked = sorted(
        (item for item in scores.items() if item[0] in public), key=lambda item: (-item[1], item[0])
    )[:TRENDING_STORED]
    with transaction.atomic():
        TrendingArticle.objects.all().delete()
        TrendingArticle.objects.bulk_create(
            TrendingArticle(article_id=article_id, score=round(score, 3), computed_at=now)
            for article_id, score in ranked
        )
    return [article_id for article_id, _ in ranked]

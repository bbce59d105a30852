"""Discovery's stored data: the search index, article profiles for Similar Articles, view counts,
trending scores and follows. Everything here is derived from other apps' data except follows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from marquee.catalog.models import Person, Title
from marquee.newsroom.models import Article


class EntryKind(models.TextChoices):
    ARTICLE = "article", "Article"
    PERSON = "person", "Person"
    TITLE = "title", "Title"


class SearchEntry(models.Model):
    """One searchable document. Full-text indexes live beside this table and follow it:

    on SQLite an external-content FTS5 table kept in sync by triggers, on PostgreSQL a generated
    ``tsvector`` column with a GIN index (both created in migration 0002).
    """

    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    object_id = models.BigIntegerField()
    name = models.CharField(max_length=300)
    keys = models.TextField(blank=True, help_text="Normalised name variants, one token each.")
    body = models.TextField(blank=True, help_text="Plain text shown in snippets.")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry"),
        ]
        indexes = [
            # What a search of very common words reads (``search.postgres.RECENT_ARTICLES``).
            models.Index(
                F("published_at").desc(),
                condition=Q(kind="article"),
                name="search_recent_articles",
            ),
        ]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


class ArticleProfile(models.Model):
    """What Similar Articles compares: a unit TF-IDF vector, entity/tag features, the date."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="discovery_profile"
    )
    published_at = models.DateTimeField(null=True, blank=True, help_text="Null unless published.")
    vector = models.JSONField(default=dict, help_text="Top terms → weight, unit length.")
    terms = models.JSONField(default=list, help_text="Every distinct term, for frequency updates.")
    features = models.JSONField(default=list, help_text="Entity and tag features.")

    def __str__(self) -> str:
        return f"Profile of article {self.article_id}"


class ArticleFeature(models.Model):
    """Inverted index feature → published articles, newest first (candidates for similarity)."""

    feature = models.CharField(max_length=40)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feature", "article"], name="unique_article_feature"),
        ]
        indexes = [
            models.Index(fields=["feature", "-published_at"], name="discovery_feature_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.feature} → {self.article_id}"


# The TermStat row whose count is the number of indexed published articles.
DOCUMENTS_KEY = "#documents"


class TermStat(models.Model):
    """Document frequency of a term or feature among indexed published articles
    (``DOCUMENTS_KEY`` counts the articles themselves)."""

    term = models.CharField(max_length=64, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.documents}"


class SimilarArticle(models.Model):
    """A stored Similar Articles entry; the article page only reads these."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="similar_entries")
    similar = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "similar"], name="unique_similar_pair"),
        ]
        indexes = [models.Index(fields=["article", "-score"], name="discovery_similar_rank")]

    def __str__(self) -> str:
        return f"{self.article_id} ~ {self.similar_id} ({self.score:.3f})"


class ArticleViewCount(models.Model):
    """Page views of an article in one clock hour, flushed from cache counters."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="unique_article_view_hour"),
        ]
        indexes = [models.Index(fields=["hour"], name="discovery_views_hour")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}h: {self.views}"


class TrendingArticle(models.Model):
    """The latest trending ranking, recomputed when views are flushed."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    score = models.FloatField(db_index=True)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.article_id}: {self.score:.2f}"


class Follow(models.Model):
    """A reader follows a person or a title."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discovery_follows"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.ForeignKey(
        Title, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, title__isnull=True)
                | models.Q(person__isnull=True, title__isnull=False),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "person"],
                condition=models.Q(person__isnull=False),
                name="unique_follow_person",
            ),
            models.UniqueConstraint(
                fields=["user", "title"],
                condition=models.Q(title__isnull=False),
                name="unique_follow_title",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.person_id or self.title_id}"

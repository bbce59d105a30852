"""Articles, their sources and tags, and the knowledge-graph entities they are about."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from marquee.catalog.models import slug_validator


class Tag(models.Model):
    slug = models.CharField(max_length=100, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=100)

    class Meta:
        ordering = [Lower("name"), "slug"]  # the same order on SQLite and PostgreSQL

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:tag", args=[self.slug])


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, now: datetime.datetime | None = None) -> ArticleQuerySet:
        """Articles the public may read: published, and not scheduled for later."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now())


class Article(models.Model):
    slug = models.CharField(max_length=200, unique=True, validators=[slug_validator])
    title = models.CharField(max_length=300)
    dek = models.CharField("standfirst", max_length=500, blank=True)
    body = models.TextField(help_text="Markdown (CommonMark); raw HTML is shown as text.")
    body_html = models.TextField(blank=True, editable=False)
    author = models.CharField("byline", max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="A future time schedules the article."
    )
    trailer_url = models.URLField(max_length=500, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_status_date")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ArticleStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="published_article_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsroom:article", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Source(models.Model):
    """A source the article cites."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article", "position"]

    def __str__(self) -> str:
        return self.name

"""Articles, their sources and tags, and the knowledge-graph entities they are about."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from marquee.catalog.models import Character, Person, Title, slug_validator


class Tag(models.Model):
    slug = models.CharField(max_length=100, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

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


class EntityState(models.TextChoices):
    AUTO = "auto", "Found by the linker"
    CONFIRMED = "confirmed", "Confirmed by an editor"
    REJECTED = "rejected", "Rejected by an editor"


class ArticleEntityQuerySet(models.QuerySet["ArticleEntity"]):
    def shown(self) -> ArticleEntityQuerySet:
        """What readers see: confirmed entities, and automatic ones the linker is sure of."""
        return self.filter(
            models.Q(state=EntityState.CONFIRMED)
            | models.Q(state=EntityState.AUTO, confidence__gte=settings.MARQUEE_LINK_MIN_CONFIDENCE)
            | models.Q(state=EntityState.AUTO, confidence__isnull=True)
        )


class ArticleEntity(models.Model):
    """A person, title or character an article is about, with the linker's evidence."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entities")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="article_links"
    )
    title = models.ForeignKey(
        Title, on_delete=models.CASCADE, null=True, blank=True, related_name="article_links"
    )
    character = models.ForeignKey(
        Character, on_delete=models.CASCADE, null=True, blank=True, related_name="article_links"
    )
    state = models.CharField(
        max_length=10, choices=EntityState.choices, default=EntityState.AUTO, db_index=True
    )
    confidence = models.FloatField(null=True, blank=True)
    mentions = models.JSONField(
        default=list,
        blank=True,
        help_text='Spans [{"start", "end", "text"}] in the linked text: the title, standfirst '
        "and body joined by blank lines.",
    )
    first_offset = models.PositiveIntegerField(default=0)

    objects = ArticleEntityQuerySet.as_manager()

    class Meta:
        ordering = ["article", "first_offset", "pk"]
        verbose_name_plural = "article entities"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, title__isnull=True, character__isnull=True)
                    | models.Q(person__isnull=True, title__isnull=False, character__isnull=True)
                    | models.Q(person__isnull=True, title__isnull=True, character__isnull=False)
                ),
                name="article_entity_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["article", "person"],
                condition=models.Q(person__isnull=False),
                name="unique_article_person",
            ),
            models.UniqueConstraint(
                fields=["article", "title"],
                condition=models.Q(title__isnull=False),
                name="unique_article_title",
            ),
            models.UniqueConstraint(
                fields=["article", "character"],
                condition=models.Q(character__isnull=False),
                name="unique_article_character",
            ),
        ]

    def __str__(self) -> str:
        return str(self.target)

    @property
    def target(self) -> Person | Title | Character:
        target = self.person or self.title or self.character
        assert target is not None  # guaranteed by article_entity_exactly_one_target
        return target

    @property
    def entity_type(self) -> str:
        if self.person_id:
            return "person"
        return "title" if self.title_id else "character"

"""What the linker found in articles: the entities an article is about, with editors' verdicts,
and the names it could not match (candidates for the knowledge base)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from marquee.catalog.models import Character, Person, Title
from marquee.newsroom.models import Article


class CandidateGuess(models.TextChoices):
    PERSON = "person", "Person"
    TITLE = "title", "Title"
    CHARACTER = "character", "Character"


class LinkCandidate(models.Model):
    """An unlinked, name-like span of an article, offered to editors to add to the graph."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="link_candidates")
    text = models.CharField(max_length=200, db_index=True)
    guess = models.CharField(max_length=10, choices=CandidateGuess.choices)
    occurrences = models.PositiveIntegerField(default=1)
    first_offset = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["text", "article"]
        constraints = [
            models.UniqueConstraint(fields=["article", "text"], name="unique_candidate_per_article")
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.get_guess_display()})"


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
    evidence = models.JSONField(
        default=list,
        blank=True,
        help_text='Why the linker chose it: the "evidence" items of marquee link --json '
        '([{"kind": "alias", "key": "Steve Noh", "alias_kind": "english_name"}, ...]).',
    )

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

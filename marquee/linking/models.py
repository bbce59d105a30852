"""Names the linker saw in articles but could not match: candidates for the knowledge base."""

from __future__ import annotations

from django.db import models

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

"""Readers' engagement with articles: reactions, comments, and the moderation around them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from marquee.newsroom.models import Article


class ReaderProfile(models.Model):
    """What Marquee keeps about a reader beyond Django's user: bans and notification state."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_profile"
    )
    replies_seen_at = models.DateTimeField(
        default=timezone.now, help_text="Replies after this time count as new in the header."
    )
    banned_at = models.DateTimeField(null=True, blank=True)
    ban_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "reader profile"

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def is_banned(self) -> bool:
        return self.banned_at is not None


class Reaction(models.Model):
    """One reader's reaction to one article; counts are aggregates over these rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=30, help_text="A key of settings.MARQUEE_REACTIONS.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_reaction_per_reader"),
        ]
        indexes = [models.Index(fields=["article", "kind"], name="reaction_article_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.article}"


class ReactionCount(models.Model):
    """How many ``Reaction`` rows an article has of one kind, so pages read counts, not rows.

    Kept by database triggers on ``Reaction`` (migration 0004), in the statement that changes
    the rows: exact whatever inserts, switches or deletes them (``reaction_set``, an account or
    article deleted by any path, a bulk update). Never write these rows from Python. On SQLite
    a migration that remakes ``Reaction``'s table drops its triggers: create them again there
    (``test_the_counting_triggers_exist_after_every_migration`` catches it).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reaction_counts")
    kind = models.CharField(max_length=30)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "kind"], name="one_count_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.kind}: {self.count}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected by a moderator"
    DELETED = "deleted", "Deleted by its author"


class Comment(models.Model):
    """A reader's comment; ``thread`` is the top-level comment a reply belongs to.

    Replies of any depth keep their ``parent`` (the comment answered) but are shown flat under
    their ``thread``. A deleted account leaves its comments with no author ("deleted user").
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    thread = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="thread_replies"
    )
    body = models.TextField(help_text="Markdown subset: emphasis, links, quotes, line breaks.")
    body_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    hold_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            models.Index(fields=["thread", "created_at"], name="comment_thread"),
            models.Index(fields=["author", "-created_at"], name="comment_author"),
            models.Index(fields=["status", "created_at"], name="comment_status"),
        ]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.article_id}"

    def get_absolute_url(self) -> str:
        return f"{reverse('newsroom:article', args=[self.article.slug])}#comment-{self.pk}"

    @property
    def author_name(self) -> str:
        return self.author.get_username() if self.author else "deleted user"

    def editable_until(self) -> datetime.datetime:
        window = datetime.timedelta(seconds=settings.MARQUEE_COMMENT_EDIT_SECONDS)
        return self.created_at + window


class CommentLike(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_likes"
    )
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="likes")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="one_like_per_reader"),
        ]

    def __str__(self) -> str:
        return f"{self.user} likes {self.comment_id}"


class ReportReason(models.TextChoices):
    OFFENSIVE = "offensive", "Offensive"
    ABUSIVE = "abusive", "Abusive or harassing"
    SPAM = "spam", "Spam"
    OTHER = "other", "Something else"


class CommentReport(models.Model):
    """A reader's report of a comment; open until a moderator approves or rejects the comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports"
    )
    reason = models.CharField(max_length=10, choices=ReportReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader"),
        ]

    def __str__(self) -> str:
        return f"{self.reporter} reported {self.comment_id} ({self.reason})"


class ClosedDiscussion(models.Model):
    """Marks an article whose comments are closed; reading stays open."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="closed_discussion"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    closed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Comments closed on {self.article_id}"


class WordRuleKind(models.TextChoices):
    BANNED = "banned", "Banned: the comment is refused"
    SUSPECT = "suspect", "Suspect: the comment is held for review"


class WordRule(models.Model):
    """A word or phrase moderators ban or hold for review (matched case-insensitively, whole)."""

    phrase = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=WordRuleKind.choices)

    class Meta:
        ordering = ["kind", "phrase"]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.kind})"


class ModerationActionKind(models.TextChoices):
    APPROVE = "approve", "Approved a comment"
    DISMISS_REPORTS = "dismiss_reports", "Kept a reported comment"
    REJECT = "reject", "Rejected a comment"
    BAN = "ban", "Banned a reader"
    UNBAN = "unban", "Lifted a ban"
    CLOSE = "close", "Closed comments"
    OPEN = "open", "Reopened comments"


class ModerationAction(models.Model):
    """Who did what to which comment, reader or article, and when."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_actions",
    )
    action = models.CharField(max_length=20, choices=ModerationActionKind.choices)
    comment = models.ForeignKey(Comment, on_delete=models.SET_NULL, null=True, blank=True)
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions_received",
    )
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.moderator} {self.action} at {self.created_at:%Y-%m-%d %H:%M}"


class RateLimitCounter(models.Model):
    """Attempts counted in one window of one rate limit (``community.ratelimit``), kept here
    when no cache shared by the web processes (Redis) is configured."""

    key = models.CharField(max_length=200, unique=True)
    count = models.IntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate-limit counter"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"

"""Articles, their sources and tags, and the knowledge-graph entities they are about."""

from __future__ import annotations

import datetime

from django.conf import settings
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
    """Where a story is in the newsroom (docs/workflow.md): draft → in review → scheduled →
    published → unpublished."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


# A scheduled article is public from its time on, whether or not the job that marks it
# published has run yet: readers never wait for a late worker.
GOING_LIVE = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, now: datetime.datetime | None = None) -> ArticleQuerySet:
        """Articles the public may read: published or scheduled, their time come, and not
        taken down by a scheduled unpublishing."""
        now = now or timezone.now()
        return self.filter(status__in=GOING_LIVE, published_at__lte=now).exclude(
            unpublish_at__lte=now
        )


class Article(models.Model):
    slug = models.CharField(max_length=200, unique=True, validators=[slug_validator])
    title = models.CharField(max_length=300)
    dek = models.CharField("standfirst", max_length=500, blank=True)
    body = models.TextField(help_text="Markdown (CommonMark); raw HTML is shown as text.")
    body_html = models.TextField(blank=True, editable=False)
    author = models.CharField("byline", max_length=200, blank=True)
    status = models.CharField(
        max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When it went or goes live; a scheduled article's publication time.",
    )
    unpublish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A scheduled unpublishing (an embargo's end, a promotion's).",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_owned",
        help_text="The newsroom member whose story it is (a writer edits only their own).",
    )
    pending_revision = models.ForeignKey(
        "ArticleRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An edit of the live article waiting for an editor to publish it.",
    )
    trailer_url = models.URLField(max_length=500, blank=True)
    image = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="lead image",
    )
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
            models.CheckConstraint(
                condition=~models.Q(status=ArticleStatus.SCHEDULED)
                | models.Q(published_at__isnull=False),
                name="scheduled_article_has_date",
            ),
        ]
        permissions = [
            ("submit_article", "Can submit articles for review"),
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("edit_any_article", "Can edit every article, not only their own"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsroom:article", args=[self.slug])

    @property
    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.status in GOING_LIVE
            and self.published_at is not None
            and self.published_at <= now
            and not (self.unpublish_at and self.unpublish_at <= now)
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


class RevisionState(models.TextChoices):
    DRAFT = "draft", "Draft"  # saved, not (yet) what readers see
    LIVE = "live", "Live"  # what readers see now
    SUPERSEDED = "superseded", "Superseded"  # was live, replaced since


class ArticleRevision(models.Model):
    """One save of an article: its content as it was then. Every save stores one; editing a
    live article stores a draft revision that goes live only when an editor publishes it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=RevisionState.choices)
    correction = models.TextField(
        blank=True, help_text="Shown to readers when this revision went live as a correction."
    )
    # The content, as the article's own fields hold it.
    title = models.CharField(max_length=300)
    slug = models.CharField(max_length=200)
    dek = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    byline = models.CharField(max_length=200, blank=True)
    trailer_url = models.URLField(max_length=500, blank=True)
    tags = models.JSONField(default=list)  # display names
    sources = models.JSONField(default=list)  # [{"name", "url"}]
    image = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.article.slug} revision {self.pk}"


class Correction(models.Model):
    """A correction notice readers see under an article, from a revision published with one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    revision = models.OneToOneField(
        ArticleRevision, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class EditorialAction(models.TextChoices):
    CREATE = "create", "Created"
    EDIT = "edit", "Edited"
    SUBMIT = "submit", "Submitted for review"
    RETURN = "return", "Returned to draft"
    SCHEDULE = "schedule", "Scheduled"
    PUBLISH = "publish", "Published"
    UNPUBLISH = "unpublish", "Unpublished"
    SCHEDULE_UNPUBLISH = "schedule_unpublish", "Unpublishing scheduled"
    RESTORE = "restore", "Revision restored"
    PREVIEW_LINK = "preview_link", "Preview link made"
    PREVIEW_REVOKE = "preview_revoke", "Preview link revoked"
    DELETE = "delete", "Deleted"


class EditorialEvent(models.Model):
    """The newsroom's audit trail: every transition (who, when, from, to, note) and every
    refusal of a permission."""

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    article_title = models.CharField(max_length=300, help_text="Kept if the article is deleted.")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=EditorialAction.choices)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    refused = models.BooleanField(default=False, help_text="A permission refused this action.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.article_title}"


class PreviewLink(models.Model):
    """A signed, expiring, revocable link to a revision for readers without an account."""

    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="previews")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Preview of {self.revision}"


def newsroom_time_zone() -> str:
    return str(settings.MARQUEE_NEWSROOM_TIME_ZONE)


class NewsroomMember(models.Model):
    """A newsroom member's own settings: the time zone schedules are entered and shown in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsroom_member"
    )
    time_zone = models.CharField(
        max_length=64,
        default=newsroom_time_zone,
        help_text="An IANA time zone, e.g. Asia/Seoul, Europe/London, America/Los_Angeles.",
    )
    events_seen_at = models.DateTimeField(
        default=timezone.now,
        help_text="What others did to their stories after this counts as new in the header.",
    )

    def __str__(self) -> str:
        return f"{self.user}: {self.time_zone}"

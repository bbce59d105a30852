"""What Marquee keeps for fans: their settings, watchlists and notifications (docs/fans.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from marquee.catalog.models import Person, Platform, Title


class DigestFrequency(models.TextChoices):
    OFF = "off", "No e-mail"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"


class FanSettings(models.Model):
    """A reader's region and subtitle languages (they drive Watch Now, alerts and Where to
    watch), whether their watchlist is public, and their e-mail digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fan_settings"
    )
    region = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2; blank: not chosen yet."
    )
    subtitles = models.JSONField(
        default=list, blank=True, help_text="ISO 639-1 codes, most preferred first."
    )
    watchlist_public = models.BooleanField(default=False)
    digest = models.CharField(
        max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.OFF
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "fan settings"
        verbose_name_plural = "fan settings"

    def __str__(self) -> str:
        return f"Settings of {self.user}"


class WatchState(models.TextChoices):
    PLAN = "plan", "Plan to watch"
    WATCHING = "watching", "Watching"
    COMPLETED = "completed", "Completed"
    ON_HOLD = "on_hold", "On hold"
    DROPPED = "dropped", "Dropped"


# States in which a reader still wants to hear that a title became watchable.
ALERTING_STATES = (WatchState.PLAN, WatchState.WATCHING, WatchState.ON_HOLD)


class WatchlistEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlist"
    )
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="watchlist_entries")
    state = models.CharField(max_length=10, choices=WatchState.choices, default=WatchState.PLAN)
    episode = models.PositiveIntegerField(
        null=True, blank=True, help_text="For series: the last episode watched."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "watchlist entries"
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "title"], name="unique_watchlist_title"),
        ]
        indexes = [models.Index(fields=["title", "state"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.title_id} ({self.state})"


class NotificationKind(models.TextChoices):
    AVAILABLE = "available", "Now watchable"
    LEAVING_SOON = "leaving_soon", "Leaving soon"
    REPLY = "reply", "Reply"


class Notification(models.Model):
    """Something a reader asked to hear about. ``key`` names what it is about (kind, title,
    platform, region and, for leaving soon, the date), unique per reader, so that producing the
    same notification twice stores it once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    key = models.CharField(max_length=300)
    title = models.ForeignKey(Title, on_delete=models.CASCADE, null=True, blank=True)
    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, null=True, blank=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="The followed person whose work this is (empty: the title is on the watchlist).",
    )
    region = models.CharField(max_length=2, blank=True)
    subtitles = models.JSONField(default=list, blank=True)
    url = models.URLField(max_length=500, blank=True, help_text="Where to watch.")
    until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="unique_notification_key"),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key}"

    @property
    def read(self) -> bool:
        return self.read_at is not None

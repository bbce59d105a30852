"""The fans' data in the admin: for support (what a reader chose, what they were sent), not for
writing around the services — notifications and tokens are read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from marquee.fans.models import FanSettings, Notification, WatchlistEntry


@admin.register(FanSettings)
class FanSettingsAdmin(admin.ModelAdmin[FanSettings]):
    list_display = ["user", "region", "subtitles", "watchlist_public", "digest", "digest_sent_at"]
    list_filter = ["region", "digest", "watchlist_public"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["digest_sent_at"]


@admin.register(WatchlistEntry)
class WatchlistEntryAdmin(admin.ModelAdmin[WatchlistEntry]):
    list_display = ["user", "title", "state", "episode", "updated_at"]
    list_filter = ["state"]
    search_fields = ["user__username", "title__name", "title__slug"]
    raw_id_fields = ["user", "title"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["user", "kind", "title", "platform", "region", "created_at", "read_at"]
    list_filter = ["kind", "region"]
    search_fields = ["user__username", "key"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False

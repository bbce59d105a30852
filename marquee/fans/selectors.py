"""What the fans' pages and the API read: watchlists, notifications, saved preferences."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from marquee.fans.models import FanSettings, Notification, WatchlistEntry, WatchState

NOTIFICATIONS_SHOWN = 100


# How long a reader's header badge and saved region are kept in the cache; the actions that
# change them drop them at once (``forget_reader``).
READER_CACHE_SECONDS = 60


def unread_key(user_id: int) -> str:
    return f"fans:unread:{user_id}"


def settings_key(user_id: int) -> str:
    return f"fans:settings:{user_id}"


def forget_reader(user_ids: Iterable[int], *, settings: bool = False) -> None:
    """Drop the readers' cached unread count (and saved settings) now and again after commit,
    so that a page built in between does not keep the old value."""
    keys = [unread_key(user) for user in user_ids]
    if settings:
        keys += [settings_key(user) for user in user_ids]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def saved_settings(user: AbstractBaseUser | AnonymousUser) -> FanSettings | None:
    """The logged-in reader's settings (None: anonymous, or never saved), read on every page
    they open (their region), so kept in the cache for ``READER_CACHE_SECONDS``."""
    if not user.is_authenticated:
        return None
    key = settings_key(user.pk)
    found: FanSettings | str | None = cache.get(key)
    if found is None:
        found = FanSettings.objects.filter(user_id=user.pk).first() or "none"
        cache.set(key, found, READER_CACHE_SECONDS)
    return found if isinstance(found, FanSettings) else None


def watchlist_of(user: User) -> QuerySet[WatchlistEntry]:
    return WatchlistEntry.objects.filter(user=user).select_related("title__poster")


def watchlist_by_state(user: User) -> list[tuple[str, str, list[WatchlistEntry]]]:
    """(state, label, entries) for every state, in the order of WatchState; one query."""
    entries = list(watchlist_of(user))
    return [
        (state.value, state.label, [entry for entry in entries if entry.state == state])
        for state in WatchState
    ]


def watchlist_entry(user: AbstractBaseUser | AnonymousUser, title_id: int) -> WatchlistEntry | None:
    if not user.is_authenticated:
        return None
    return WatchlistEntry.objects.filter(user_id=user.pk, title_id=title_id).first()


def public_watchlist_owner(
    username: str, *, viewer: AbstractBaseUser | AnonymousUser
) -> User | None:
    """The reader named ``username`` if ``viewer`` may see their watchlist: public, or their own."""
    owner = User.objects.filter(username=username, is_active=True).first()
    if owner is None:
        return None
    if viewer.is_authenticated and viewer.pk == owner.pk:
        return owner
    return owner if FanSettings.objects.filter(user=owner, watchlist_public=True).exists() else None


def notifications_of(user: User, *, limit: int = NOTIFICATIONS_SHOWN) -> list[Notification]:
    return list(
        Notification.objects.filter(user=user).select_related("title", "platform", "person")[:limit]
    )


def unread_notification_count(user: User) -> int:
    """The header's badge, kept in the cache for ``READER_CACHE_SECONDS``; new notifications
    and marking them read drop it at once."""
    key = unread_key(user.pk)
    count: int | None = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, READER_CACHE_SECONDS)
    return count


def notification_as_json(notification: Notification) -> dict[str, object]:
    """The shape of ``GET /notifications/`` (CONTRACTS §3) and of the API."""
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "title": notification.title.slug if notification.title else None,
        "platform": notification.platform.slug if notification.platform else None,
        "region": notification.region or None,
        "subtitles": list(notification.subtitles),
        "url": notification.url,
        "until": notification.until.isoformat() if notification.until else None,
        "person": notification.person.slug if notification.person else None,
        "created_at": notification.created_at.isoformat(),
        "read": notification.read,
    }


def watchlist_entry_as_json(entry: WatchlistEntry) -> dict[str, object]:
    return {
        "title": entry.title.slug,
        "name": entry.title.name,
        "kind": entry.title.kind,
        "state": entry.state,
        "episode": entry.episode,
        "episodes": entry.title.episodes,
        "updated_at": entry.updated_at.isoformat(),
    }

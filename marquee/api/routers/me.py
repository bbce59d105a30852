"""The reader's own watchlist and notifications: ``/api/v1/me/…`` (docs/api.md).

Authenticated by a personal token (``Authorization: Bearer mq_…``, made on the settings page)
or by the browser's session (then unsafe methods need the CSRF token, as forms do). Answers are
private: never stored by a shared cache.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import Router, Schema
from ninja.security import django_auth

from marquee.api.errors import ApiError, require_slug
from marquee.api.schemas import ErrorOut
from marquee.api.tokens import TokenAuth
from marquee.catalog.models import Title
from marquee.community.errors import Refusal
from marquee.fans import selectors, services
from marquee.fans.models import Notification, WatchlistEntry

router = Router(tags=["your watchlist and notifications"], auth=[TokenAuth(), django_auth])

State = Literal["plan", "watching", "completed", "on_hold", "dropped", "none"]


class WatchlistItem(Schema):
    title: str
    name: str
    kind: str
    state: str
    episode: int | None
    episodes: int | None
    updated_at: datetime.datetime

    @classmethod
    def of(cls, entry: WatchlistEntry) -> WatchlistItem:
        return cls(**selectors.watchlist_entry_as_json(entry))  # type: ignore[arg-type]


class WatchlistOut(Schema):
    watchlist: list[WatchlistItem]


class WatchlistChange(Schema):
    title: str
    state: State = "plan"
    episode: int | None = None


class WatchlistChangeOut(Schema):
    title: str
    state: str
    entry: WatchlistItem | None


class NotificationItem(Schema):
    id: int
    kind: str
    title: str | None
    platform: str | None
    region: str | None
    subtitles: list[str]
    url: str
    until: datetime.date | None
    person: str | None
    created_at: datetime.datetime
    read: bool

    @classmethod
    def of(cls, notification: Notification) -> NotificationItem:
        return cls(**selectors.notification_as_json(notification))  # type: ignore[arg-type]


class NotificationsOut(Schema):
    notifications: list[NotificationItem]
    unread: int


class ReadIn(Schema):
    ids: list[int] | None = None


class ReadOut(Schema):
    marked: int


def _reader(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]  # set by ninja from the authenticator
    assert isinstance(user, User)
    return user


def _private(response: HttpResponse) -> None:
    add_never_cache_headers(response)


@router.get(
    "/me/watchlist",
    response={200: WatchlistOut, 401: ErrorOut},
    operation_id="my_watchlist",
    summary="Your watchlist",
)
def my_watchlist(request: HttpRequest, response: HttpResponse) -> WatchlistOut:
    """Every title on your watchlist, most recently changed first, with its state and, for
    series, the episode reached."""
    _private(response)
    return WatchlistOut(
        watchlist=[WatchlistItem.of(entry) for entry in selectors.watchlist_of(_reader(request))]
    )


@router.post(
    "/me/watchlist",
    response={200: WatchlistChangeOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    operation_id="my_watchlist_set",
    summary="Add, change or remove a title",
)
def my_watchlist_set(
    request: HttpRequest, response: HttpResponse, change: WatchlistChange
) -> WatchlistChangeOut:
    """Put a title on your watchlist in a state, with the episode reached (series); state
    `none` takes it off."""
    _private(response)
    message = f"No title with id {change.title!r}."
    title = Title.objects.filter(slug=require_slug(change.title, message)).first()
    if title is None:
        raise ApiError(404, "not_found", message)
    try:
        entry = services.watchlist_set(
            user=_reader(request), title=title, state=change.state, episode=change.episode
        )
    except Refusal as refusal:
        raise ApiError(refusal.status, refusal.code, refusal.message) from None
    return WatchlistChangeOut(
        title=title.slug,
        state=entry.state if entry else "none",
        entry=WatchlistItem.of(entry) if entry else None,
    )


@router.get(
    "/me/notifications",
    response={200: NotificationsOut, 401: ErrorOut},
    operation_id="my_notifications",
    summary="Your notifications",
)
def my_notifications(request: HttpRequest, response: HttpResponse) -> NotificationsOut:
    """The newest 100 notifications (titles now watchable in your region with your subtitles,
    offers leaving soon), newest first; reading them here does not mark them read."""
    _private(response)
    user = _reader(request)
    return NotificationsOut(
        notifications=[NotificationItem.of(n) for n in selectors.notifications_of(user)],
        unread=selectors.unread_notification_count(user),
    )


@router.post(
    "/me/notifications/read",
    response={200: ReadOut, 401: ErrorOut},
    operation_id="my_notifications_read",
    summary="Mark notifications read",
)
def my_notifications_read(request: HttpRequest, response: HttpResponse, body: ReadIn) -> ReadOut:
    """Mark the given notification ids read, or all of them without `ids`; ids that are not
    yours are ignored."""
    _private(response)
    return ReadOut(marked=services.notifications_mark_read(user=_reader(request), ids=body.ids))

"""Readers' watchlists: a title, a state and, for series, the episode reached."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from marquee.catalog.models import Title, TitleKind
from marquee.community.errors import Refusal
from marquee.fans.models import WatchlistEntry, WatchState

REMOVE = "none"
EPISODIC_KINDS = (TitleKind.SERIES, TitleKind.SHOW)
MAX_EPISODE = 100_000


def parse_state(value: object) -> str:
    """A state of the watchlist, or ``none`` (remove); refused otherwise."""
    if isinstance(value, str) and (value == REMOVE or value in WatchState.values):
        return value
    allowed = ", ".join([*WatchState.values, REMOVE])
    raise Refusal("invalid_state", f"“state” must be one of {allowed}; got {value!r}.")


def parse_episode(value: object) -> int | None:
    """An episode number from a form ("7", "") or JSON (7, null)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Refusal("invalid_episode", "“episode” must be a whole number.")
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        raise Refusal("invalid_episode", f"“episode” must be a whole number; got {value!r}.")
    return int(text)


def _checked_episode(title: Title, state: str, episode: int | None) -> int | None:
    if title.kind not in EPISODIC_KINDS and not title.episodes:
        if episode is not None:
            raise Refusal(
                "invalid_episode",
                f"“{title.name}” is a {title.get_kind_display().lower()}: it has no episodes.",
            )
        return None
    if episode is not None and title.episodes and episode > title.episodes:
        raise Refusal(
            "invalid_episode",
            f"“{title.name}” has {title.episodes} episodes; episode {episode} does not exist.",
        )
    if episode is not None and episode > MAX_EPISODE:
        raise Refusal("invalid_episode", f"episode {episode} is not a plausible episode number.")
    if state == WatchState.COMPLETED and episode is None and title.episodes:
        return title.episodes
    return episode


def watchlist_set(
    *, user: User, title: Title, state: str, episode: int | None = None
) -> WatchlistEntry | None:
    """Put ``title`` on the reader's watchlist in ``state`` (``none`` removes it; returns None).

    An episode beyond the title's known count, or an episode for a film or a book, is refused;
    marking a series with a known count completed records its last episode. Without an episode
    the one already recorded is kept.
    """
    if state == REMOVE:
        watchlist_remove(user=user, title=title)
        return None
    episode = _checked_episode(title, state, episode)
    now = timezone.now()
    values: dict[str, object] = {"state": state, "updated_at": now}
    if episode is not None:
        values["episode"] = episode
    try:
        with transaction.atomic():
            entry, _ = WatchlistEntry.objects.update_or_create(
                user=user,
                title=title,
                defaults=values,
                create_defaults={**values, "created_at": now},
            )
    except IntegrityError:  # a concurrent request added it first: update that one
        WatchlistEntry.objects.filter(user=user, title=title).update(**values)
        entry = WatchlistEntry.objects.get(user=user, title=title)
    return entry


def watchlist_remove(*, user: User, title: Title) -> bool:
    """Take ``title`` off the watchlist; returns whether it was on it."""
    deleted, _ = WatchlistEntry.objects.filter(user=user, title=title).delete()
    return deleted > 0

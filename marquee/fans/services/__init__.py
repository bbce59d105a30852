"""The fans' actions: settings, watchlists, alerts and notifications (docs/fans.md)."""

from marquee.fans.services.alerts import (
    notify_gains,
    notify_leaving_soon,
    watching_offers,
)
from marquee.fans.services.notifications import digests_send, notifications_mark_read
from marquee.fans.services.preferences import settings_for, settings_update
from marquee.fans.services.watchlist import (
    parse_episode,
    parse_state,
    watchlist_remove,
    watchlist_set,
)

__all__ = [
    "digests_send",
    "notifications_mark_read",
    "notify_gains",
    "notify_leaving_soon",
    "parse_episode",
    "parse_state",
    "settings_for",
    "settings_update",
    "watching_offers",
    "watchlist_remove",
    "watchlist_set",
]

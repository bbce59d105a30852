"""Page chrome every template shares: the site's name and the header's account links."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property

from marquee.community import selectors as community
from marquee.fans import selectors as fans
from marquee.newsroom import selectors as newsroom


@lru_cache(maxsize=8)
def _section_links(sections: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [(label, reverse("newsroom:tag", args=[slug])) for slug, label in sections]


def site(request: HttpRequest) -> dict[str, object]:
    """The site's name and its main navigation's sections (label, address), from settings;
    the addresses are worked out once per set of sections, not on every page."""
    sections = _section_links(tuple(map(tuple, settings.MARQUEE_SECTIONS)))
    return {
        "site_name": settings.MARQUEE_SITE_NAME,
        "sections": sections,
        # How long a reader's fragments ({% cache_for_readers %}) are kept: off with the page cache.
        "fragment_seconds": settings.MARQUEE_PAGE_CACHE_SECONDS
        if settings.MARQUEE_PAGE_CACHE
        else 0,
    }


class AccountNav:
    """The header's per-reader links, each looked up the first time a template reads it, so a
    page without the header (a feed, a JSON fragment) pays nothing: the reply and notification
    badges cost one query each for a logged-in reader, the moderator link none beyond Django's
    permission cache."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @cached_property
    def unread_replies(self) -> int:
        user = self._request.user
        return community.unread_reply_count(user=user) if isinstance(user, User) else 0

    @cached_property
    def unread_notifications(self) -> int:
        """Alerts about the reader's watchlist and the people they follow, not yet read."""
        user = self._request.user
        return fans.unread_notification_count(user) if isinstance(user, User) else 0

    @cached_property
    def editorial_unseen(self) -> int:
        """For newsroom staff: what others did to their stories since they last looked."""
        user = self._request.user
        if not isinstance(user, User) or not user.is_staff:
            return 0
        return newsroom.editorial_unseen_count(user)

    @cached_property
    def is_moderator(self) -> bool:
        return community.is_moderator(self._request.user)


def account_nav(request: HttpRequest) -> dict[str, object]:
    return {"account_nav": AccountNav(request)}

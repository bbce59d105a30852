"""The reader's region and language: their saved settings (logged in), their pick (cookie), or
their browser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

from marquee.discovery.regions import (
    REGION_COOKIE,
    choose_region,
    language_from_accept_language,
    region_name,
)

if TYPE_CHECKING:
    from marquee.fans.models import FanSettings


@dataclass(frozen=True)
class ReaderLocale:
    region: str
    language: str
    picked: bool
    subtitles: tuple[str, ...] = ()  # the logged-in reader's saved subtitle languages

    @property
    def region_name(self) -> str:
        return region_name(self.region)


def reader_locale(request: HttpRequest) -> ReaderLocale:
    """Region: the reader's pick in this browser (cookie; saving the settings page sets it
    too), else a logged-in reader's saved region (``/accounts/settings/``), else
    Accept-Language, else MARQUEE_DEFAULT_REGION. Language: the first saved
    subtitle language, else the browser's. One query for a logged-in reader, once per request."""
    cached: ReaderLocale | None = getattr(request, "_reader_locale", None)
    if cached is not None:
        return cached
    accept = request.headers.get("Accept-Language", "")
    saved = _saved_settings(request)
    picked = request.COOKIES.get(REGION_COOKIE) or (saved.region if saved else "")
    region = choose_region(
        picked=picked, accept_language=accept, default=settings.MARQUEE_DEFAULT_REGION
    )
    subtitles = tuple(saved.subtitles) if saved else ()
    locale = ReaderLocale(
        region=region,
        language=subtitles[0] if subtitles else language_from_accept_language(accept),
        picked=bool(picked) and region == (picked or "").upper(),
        subtitles=subtitles,
    )
    request._reader_locale = locale  # type: ignore[attr-defined]  # our own per-request memo
    return locale


def _saved_settings(request: HttpRequest) -> FanSettings | None:
    user = getattr(request, "user", None)  # absent above the authentication middleware
    if user is None or not user.is_authenticated:
        return None
    from marquee.fans.selectors import saved_settings  # fans builds on discovery, not back

    return saved_settings(user)

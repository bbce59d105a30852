"""The reader's region and language, from their pick (cookie) or their browser."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from marquee.discovery.regions import (
    REGION_COOKIE,
    choose_region,
    language_from_accept_language,
    region_name,
)


@dataclass(frozen=True)
class ReaderLocale:
    region: str
    language: str
    picked: bool

    @property
    def region_name(self) -> str:
        return region_name(self.region)


def reader_locale(request: HttpRequest) -> ReaderLocale:
    """Region: the reader's pick (cookie), else Accept-Language, else MARQUEE_DEFAULT_REGION."""
    accept = request.headers.get("Accept-Language", "")
    picked = request.COOKIES.get(REGION_COOKIE)
    region = choose_region(
        picked=picked, accept_language=accept, default=settings.MARQUEE_DEFAULT_REGION
    )
    return ReaderLocale(
        region=region,
        language=language_from_accept_language(accept),
        picked=bool(picked) and region == (picked or "").upper(),
    )

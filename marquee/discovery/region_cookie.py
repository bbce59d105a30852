"""The cookie that keeps a reader's Watch Now region in their browser."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

from marquee.discovery.regions import REGION_COOKIE, REGION_COOKIE_MAX_AGE


def remember_region(response: HttpResponse, region: str | None) -> HttpResponse:
    """Keep ``region`` in the reader's region cookie for a year; none forgets it."""
    if region:
        response.set_cookie(
            REGION_COOKIE,
            region,
            max_age=REGION_COOKIE_MAX_AGE,
            samesite="Lax",
            secure=not settings.DEBUG,
        )
    else:
        response.delete_cookie(REGION_COOKIE)
    return response

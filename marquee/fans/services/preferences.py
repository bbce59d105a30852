"""A reader's fan settings: region, subtitle languages, public watchlist, e-mail digest."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from marquee.catalog.codes import LANGUAGE_CODES
from marquee.community.errors import Refusal
from marquee.discovery.regions import clean_region
from marquee.fans.models import DigestFrequency, FanSettings
from marquee.fans.selectors import forget_reader

MAX_SUBTITLE_LANGUAGES = 10


def settings_for(user: User) -> FanSettings:
    """The reader's settings row, created (empty) the first time."""
    try:
        with transaction.atomic():
            settings, created = FanSettings.objects.get_or_create(user=user)
        if created:
            forget_reader([user.pk], settings=True)
    except IntegrityError:  # created by a concurrent request
        settings = FanSettings.objects.get(user=user)
    return settings


def clean_subtitles(codes: Sequence[object]) -> list[str]:
    """ISO 639-1 codes, lower case, first occurrence kept; refused when unknown or too many."""
    cleaned: list[str] = []
    for code in codes:
        value = code.strip().lower() if isinstance(code, str) else code
        if not isinstance(value, str) or value not in LANGUAGE_CODES:
            raise Refusal("invalid_subtitles", f"“{code}” is not an ISO 639-1 language code.")
        if value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_SUBTITLE_LANGUAGES:
        raise Refusal(
            "invalid_subtitles", f"choose at most {MAX_SUBTITLE_LANGUAGES} subtitle languages."
        )
    return cleaned


def settings_update(
    *,
    user: User,
    region: str | None = None,
    subtitles: Sequence[object] | None = None,
    watchlist_public: bool | None = None,
    digest: str | None = None,
) -> FanSettings:
    """Change what is given (None leaves a setting as it is); ``region=""`` forgets the region."""
    settings = settings_for(user)
    changed = []
    if region is not None:
        code = clean_region(region) if region else ""
        if code is None:
            raise Refusal("invalid_region", f"“{region}” is not an ISO 3166-1 alpha-2 region code.")
        settings.region = code
        changed.append("region")
    if subtitles is not None:
        settings.subtitles = clean_subtitles(subtitles)
        changed.append("subtitles")
    if watchlist_public is not None:
        settings.watchlist_public = watchlist_public
        changed.append("watchlist_public")
    if digest is not None:
        if digest not in DigestFrequency.values:
            raise Refusal(
                "invalid_digest",
                f"“digest” must be one of {', '.join(DigestFrequency.values)}; got {digest!r}.",
            )
        settings.digest = digest
        changed.append("digest")
    if changed:
        settings.save(update_fields=changed)
        forget_reader([user.pk], settings=True)
    return settings

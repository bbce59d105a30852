"""Actions on the media library: adding an image, changing its details and focal point."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction

from marquee.media.errors import ImageInUse, ImageRejected
from marquee.media.models import Image
from marquee.media.processing import EXTENSIONS, Limits, check_upload
from marquee.media.renditions import image_version
from marquee.media.selectors import ImageUse, uses_in_text
from marquee.web.pagecache import pages_changed

# Files written inside `discard_files_on_error`: removed again when it ends in an exception,
# because a rolled-back transaction cannot take a file back with it.
_written: ContextVar[list[str] | None] = ContextVar("marquee_media_written", default=None)


@contextmanager
def discard_files_on_error() -> Iterator[None]:
    """Around a transaction that adds images (an article import): if it fails, the files of
    the images it added go too, so nothing of it is left behind."""
    written: list[str] = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    finally:
        _written.reset(token)


def upload_limits() -> Limits:
    return Limits(
        max_bytes=settings.MARQUEE_IMAGE_MAX_BYTES, max_pixels=settings.MARQUEE_IMAGE_MAX_PIXELS
    )


def image_add(
    *,
    data: bytes,
    alt: str,
    credit: str,
    caption: str = "",
    source_url: str = "",
    licence: str = "",
    focal: tuple[float, float] | None = None,
    uploaded_by: Any = None,
) -> Image:
    """Check an upload and keep it with its details; :class:`ImageRejected` says what is
    wrong with either, and then nothing is stored."""
    details = clean_details(
        alt=alt, credit=credit, caption=caption, source_url=source_url, licence=licence
    )
    focal_x, focal_y = clean_focal(focal or (0.5, 0.5))
    checked = check_upload(data, upload_limits())
    name = default_storage.save(
        f"images/{uuid.uuid4().hex}.{EXTENSIONS[checked.format]}", ContentFile(checked.data)
    )
    try:
        with transaction.atomic():
            image = Image.objects.create(
                file=name,
                format=checked.format,
                width=checked.width,
                height=checked.height,
                has_alpha=checked.has_alpha,
                sha256=checked.sha256,
                version=image_version(checked.sha256, focal_x, focal_y),
                focal_x=focal_x,
                focal_y=focal_y,
                uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
                **details,
            )
    except BaseException:
        default_storage.delete(name)
        raise
    written = _written.get()
    if written is not None:
        written.append(name)
    return image


def image_update(image: Image, **changes: Any) -> Image:
    """Change an image's details (alt, credit, caption, source_url, licence) and its focal
    point (``focal=(x, y)``); a new focal point gives its renditions new addresses."""
    focal = changes.pop("focal", None)
    current = {
        field: getattr(image, field)
        for field in ("alt", "credit", "caption", "source_url", "licence")
    }
    unknown = set(changes) - set(current)
    if unknown:
        raise TypeError(f"image_update: unknown fields {sorted(unknown)}")
    details = clean_details(**{**current, **changes})
    for field, value in details.items():
        setattr(image, field, value)
    if focal is not None:
        image.focal_x, image.focal_y = clean_focal(focal)
        image.version = image_version(image.sha256, image.focal_x, image.focal_y)
    with transaction.atomic():
        image.save()
        pages_changed()  # pages showing it carry its caption, credit and rendition addresses
    return image


# The columns' lengths, checked here on every database (SQLite would store longer text).
LIMITS = {"alt": 300, "credit": 200, "caption": 500, "source_url": 500, "licence": 100}


def clean_details(
    *, alt: str, credit: str, caption: str, source_url: str, licence: str
) -> dict[str, str]:
    values = {
        "alt": " ".join(alt.split()),
        "credit": " ".join(credit.split()),
        "caption": " ".join(caption.split()),
        "source_url": source_url.strip(),
        "licence": " ".join(licence.split()),
    }
    if not values["alt"]:
        raise ImageRejected("alt text is required: describe what the image shows")
    if not values["credit"]:
        raise ImageRejected("a credit is required: name the photographer, agency or owner")
    for field, value in values.items():
        limit = LIMITS[field]
        if len(value) > limit:
            raise ImageRejected(
                f"{field.replace('_', ' ')} is {len(value)} characters; the limit is {limit}"
            )
        if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise ImageRejected(f"{field.replace('_', ' ')} contains a character that is not text")
    if values["source_url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["source_url"])
        except ValidationError:
            raise ImageRejected("source must be an http(s) address") from None
    return values


def clean_focal(focal: tuple[float, float]) -> tuple[float, float]:
    try:
        x, y = (float(value) for value in focal)
    except (TypeError, ValueError):
        raise ImageRejected("the focal point must be two numbers between 0 and 1") from None
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise ImageRejected(
            f"the focal point must lie inside the image (0 to 1 across and down), got {x:g}, {y:g}"
        )
    return x, y


def image_delete(images: Iterable[Image]) -> None:
    """Delete images: articles, people and titles that showed one as their lead image, headshot
    or poster show their placeholder. The files (original and renditions) go after commit.

    Refused (``ImageInUse``, nothing deleted) when article text shows one of them, live or in a
    draft: it would vanish from the text, and the article could not be saved again until its
    text no longer named it.
    """
    doomed = list(images)
    with transaction.atomic():
        shown = uses_in_text([image.pk for image in doomed])
        if shown:
            raise ImageInUse(in_use_message(doomed, shown))
        Image.objects.filter(pk__in=[image.pk for image in doomed]).delete()
        pages_changed()
        transaction.on_commit(lambda: _delete_files(doomed))


def in_use_message(images: list[Image], shown: Mapping[int, list[ImageUse]]) -> str:
    """Which images article text shows, and where (five places at most per image)."""
    parts = []
    for image in images:
        uses = shown.get(image.pk)
        if not uses:
            continue
        places = "; ".join(str(use) for use in uses[:5])
        more = f" and {len(uses) - 5} more" if len(uses) > 5 else ""
        parts.append(f"image {image.pk} (“{image.alt}”) is shown {places}{more}")
    it = "it" if len(parts) == 1 else "them"
    return (
        f"Not deleted: {'; '.join(parts)}. Remove {it} from the text first (the "
        f"![…](image:ID) line), where a draft shows {it}, from the draft."
    )


def _delete_files(images: list[Image]) -> None:
    for image in images:
        default_storage.delete(image.file.name)
        folder = f"renditions/{image.pk}"
        try:
            versions, _ = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        for version in versions:
            for name in default_storage.listdir(f"{folder}/{version}")[1]:
                default_storage.delete(f"{folder}/{version}/{name}")

"""Images in article files: the lead image of the front matter, and library images in the body.

Front matter may name a lead image by a path relative to the Markdown file (``image``) with its
``image_alt`` and ``image_credit`` (both required with it) and ``image_caption``. A body shows an
image of the media library with ``![alt text](image:ID)``; the ID is what ``marquee images
add`` printed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marquee.storable import unstorable_reason

IMAGE_FIELDS = ("image", "image_alt", "image_credit", "image_caption")
LIBRARY_REFERENCE = re.compile(r"!\[[^\]]*\]\(\s*image:(\d{1,18})(?:\s+\"[^\"]*\")?\s*\)")


class ImageFieldError(ValueError):
    """A lead image field is wrong; the message names the file and the field."""


@dataclass(frozen=True)
class LeadImageInput:
    data: bytes
    alt: str
    credit: str
    caption: str
    where: str  # "FILE: field 'image' (PATH)", to name it in messages

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def lead_image(meta: dict[str, Any], name: str) -> LeadImageInput | None:
    """The lead image the front matter names, read from disk, or None."""
    values = {}
    for field in IMAGE_FIELDS:
        value = meta.get(field)
        if value is not None and not isinstance(value, str):
            raise ImageFieldError(f"{name}: field {field!r} must be text")
        values[field] = (value or "").strip()
        reason = unstorable_reason(values[field])
        if reason:
            raise ImageFieldError(f"{name}: field {field!r} {reason}")
    if not values["image"]:
        stray = [field for field in IMAGE_FIELDS[1:] if values[field]]
        if stray:
            raise ImageFieldError(f"{name}: field {stray[0]!r} needs an 'image' to describe")
        return None
    for field, what in (("image_alt", "what the image shows"), ("image_credit", "who made it")):
        if not values[field]:
            raise ImageFieldError(f"{name}: field {field!r} is required with 'image' ({what})")
    base = Path(name).parent if name != "-" else Path.cwd()
    path = base / values["image"]
    where = f"{name}: field 'image' ({values['image']})"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageFieldError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise ImageFieldError(f"{where}: is a directory, not a file") from None
    except OSError as error:
        raise ImageFieldError(f"{where}: cannot read ({error.strerror})") from None
    return LeadImageInput(
        data=data,
        alt=values["image_alt"],
        credit=values["image_credit"],
        caption=values["image_caption"],
        where=where,
    )


def library_image_ids(body: str) -> list[int]:
    """The media library images a body shows, in order of first use."""
    return list(dict.fromkeys(int(found) for found in LIBRARY_REFERENCE.findall(body)))

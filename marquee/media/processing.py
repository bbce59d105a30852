"""Checking an upload and making it safe to keep: Pillow only, no Django.

An upload is accepted when Pillow recognises it as JPEG, PNG, WebP or GIF, it is within the
byte and pixel limits (checked from the header, before any pixel is decoded, so a decompression
bomb costs nothing), and it decodes completely. What is kept is a re-encoding of the decoded
pixels, turned upright by its EXIF orientation: no EXIF, GPS, XMP or ICC data and nothing a
crafted file hid after its pixels survive.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from marquee.media.errors import ImageRejected

ACCEPTED_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ACCEPTED_NAMES = "JPEG, PNG, WebP or GIF"
# Extensions of the files kept, by format.
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "gif": "png"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pixels: int
    min_side: int = 16


@dataclass(frozen=True)
class CheckedImage:
    """A decoded, upright, metadata-free image and the file to keep for it."""

    data: bytes
    format: str  # the kept file's format: jpeg, png or webp (a GIF is kept as PNG)
    width: int
    height: int
    has_alpha: bool
    sha256: str  # of the uploaded bytes: the same file uploaded twice has the same digest


def file_size(size: int) -> str:
    """Bytes for a message: "20 MB", "2.5 MB", "800 KB"."""
    if size < 1_000_000:
        return f"{-(-size // 1000)} KB"
    return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"


def looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in head


def check_upload(data: bytes, limits: Limits) -> CheckedImage:
    """The image to keep for ``data``, or :class:`ImageRejected` saying what is wrong."""
    if not data:
        raise ImageRejected("the file is empty")
    if len(data) > limits.max_bytes:
        raise ImageRejected(
            f"the file is {file_size(len(data))}; the limit is {file_size(limits.max_bytes)}"
        )
    if looks_like_svg(data):
        raise ImageRejected(
            f"SVG images are not accepted (they can carry scripts): upload a {ACCEPTED_NAMES} file"
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns before it refuses; the limit below is ours and checked first.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            source = PILImage.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise ImageRejected(
            f"not an image this site accepts: upload a {ACCEPTED_NAMES} file"
        ) from None
    except PILImage.DecompressionBombError as error:
        # Pillow's own guard, for sizes far past any sensible limit: it names only the count.
        found = re.search(r"\((\d+) pixels\)", str(error))
        raise ImageRejected(
            too_many_pixels_message(int(found.group(1)) if found else None, limits)
        ) from None
    with source:
        kind = ACCEPTED_FORMATS.get(source.format or "")
        if kind is None:
            raise ImageRejected(
                f"{source.format or 'this'} images are not accepted: upload a {ACCEPTED_NAMES} file"
            )
        width, height = source.size
        if width * height > limits.max_pixels:
            raise ImageRejected(too_many_pixels_message((width, height), limits))
        if min(width, height) < limits.min_side:
            raise ImageRejected(
                f"the image is {width}×{height} pixels; each side must be at least "
                f"{limits.min_side} pixels"
            )
        try:
            source.seek(0)  # the first frame of an animation
            upright = ImageOps.exif_transpose(source)
            upright.load()
        except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError) as error:
            raise ImageRejected(
                f"the {kind.upper()} file is damaged or incomplete ({error})"
            ) from None
    return _reencode(upright, kind, hashlib.sha256(data).hexdigest())


def too_many_pixels_message(size: tuple[int, int] | int | None, limits: Limits) -> str:
    if isinstance(size, tuple):
        measured = f"is {size[0]}×{size[1]} pixels"
    elif size:
        measured = f"has {size / 1_000_000:g} million pixels"
    else:
        measured = "has too many pixels"
    return (
        f"the image {measured}; the limit is {limits.max_pixels / 1_000_000:g} million pixels "
        "(larger files are refused as possible decompression bombs)"
    )


def _reencode(image: PILImage.Image, kind: str, digest: str) -> CheckedImage:
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        image = image.convert("RGBA")
    elif image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    kept = "png" if kind == "gif" else kind
    if kept == "jpeg" and has_alpha:
        kept = "png"
    out = io.BytesIO()
    if kept == "jpeg":
        image.save(out, "JPEG", quality=92, optimize=True)
    elif kept == "webp":
        image.save(out, "WEBP", quality=92, method=4)
    else:
        # A lighter compression than the default: a few percent larger, about twice as fast.
        image.save(out, "PNG", compress_level=3)
    return CheckedImage(
        data=out.getvalue(),
        format=kept,
        width=image.width,
        height=image.height,
        has_alpha=has_alpha,
        sha256=digest,
    )

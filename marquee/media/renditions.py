"""Renditions: the copies of an image that pages show, cropped around its focal point.

A rendition is named by the image's id and ``version``, a shape and a width:
``renditions/<id>/<version>/<shape>-<width>.<webp|jpg|png>``. Pages compute these names from the
image's row alone; the file is made the first time it is asked for (``views.rendition``) and
kept in the default storage, so it is made once and a web server or CDN can serve it from then
on. Widths larger than the crop would need are left out rather than upscaled (the 1200×630
sharing image excepted: link previews want exactly that size).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from marquee.media.models import Image

# Bump to give every rendition a new name (a change in how they are made).
SCHEME = "1"
FORMATS = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class Shape:
    name: str
    ratio: tuple[int, int] | None  # width:height of the crop; None keeps the image's own
    widths: tuple[int, ...]
    exact: bool = False  # always exactly the one size (sharing), upscaled when need be


SHAPES = {
    shape.name: shape
    for shape in (
        Shape("card", (16, 9), (320, 480, 640, 960)),
        Shape("lead", (16, 9), (640, 960, 1280, 1600, 2000)),
        Shape("poster", (2, 3), (160, 240, 320, 480, 640)),
        Shape("headshot", (4, 5), (160, 240, 320, 480, 640)),
        Shape("inline", None, (480, 760, 1140, 1520)),
        Shape("share", (1200, 630), (1200,), exact=True),
    )
}


@dataclass(frozen=True)
class Rendition:
    name: str  # in the default storage
    width: int
    height: int
    format: str  # webp, jpg or png

    @property
    def url(self) -> str:
        """Always Marquee's own address (``MEDIA_URL``): served from the storage once made,
        made by ``views.rendition`` before that, whatever the storage."""
        return f"{settings.MEDIA_URL}{self.name}"


def image_version(sha256: str, focal_x: float, focal_y: float) -> str:
    key = f"{sha256}:{focal_x:.4f}:{focal_y:.4f}:{SCHEME}"
    return hashlib.sha256(key.encode()).hexdigest()[:10]


def crop_box(
    width: int, height: int, ratio: tuple[int, int] | None, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside a ``width``×``height`` image, centred on the focal
    point as far as the edges allow: (left, top, right, bottom)."""
    if ratio is None:
        return (0, 0, width, height)
    wanted = ratio[0] / ratio[1]
    if width / height > wanted:  # too wide: keep the height, choose the columns
        crop_w, crop_h = max(1, round(height * wanted)), height
    else:
        crop_w, crop_h = width, max(1, round(width / wanted))
    left = min(max(round(focal[0] * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal[1] * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def fallback_format(image: Image) -> str:
    return "png" if image.has_alpha else "jpg"


def renditions(image: Image, shape_name: str, image_format: str) -> list[Rendition]:
    """Every rendition of ``image`` in a shape and format, narrowest first."""
    shape = SHAPES[shape_name]
    left, top, right, bottom = crop_box(
        image.width, image.height, shape.ratio, (image.focal_x, image.focal_y)
    )
    crop_w, crop_h = right - left, bottom - top
    if shape.exact:
        assert shape.ratio is not None
        sizes = [shape.ratio]
    else:
        widths = [w for w in shape.widths if w <= crop_w] or [crop_w]
        sizes = [(w, max(1, round(w * crop_h / crop_w))) for w in widths]
    prefix = f"renditions/{image.pk}/{image.version}/{shape.name}"
    return [Rendition(f"{prefix}-{w}.{image_format}", w, h, image_format) for w, h in sizes]


def find(image: Image, shape_name: str, width: int, image_format: str) -> Rendition | None:
    """The rendition of that shape, width and format, if the image has one."""
    if shape_name not in SHAPES:
        return None
    allowed = {"jpg"} if shape_name == "share" else {"webp", fallback_format(image)}
    if image_format not in allowed:
        return None
    return next((r for r in renditions(image, shape_name, image_format) if r.width == width), None)


def make(image: Image, shape_name: str, rendition: Rendition) -> bytes:
    """Encode ``rendition`` from the image's kept file."""
    shape = SHAPES[shape_name]
    with image.file.open("rb") as handle, PILImage.open(handle) as source:
        source.load()
        box = crop_box(source.width, source.height, shape.ratio, (image.focal_x, image.focal_y))
        picture = source.crop(box).resize(
            (rendition.width, rendition.height), PILImage.Resampling.LANCZOS, reducing_gap=3.0
        )
    out = io.BytesIO()
    if rendition.format == "webp":
        picture.save(out, "WEBP", quality=80, method=4)
    elif rendition.format == "png":
        picture.save(out, "PNG", optimize=True)
    else:
        if picture.mode in {"RGBA", "LA"}:  # a transparent image shared as JPEG: on white
            backdrop = PILImage.new("RGB", picture.size, "white")
            backdrop.paste(picture, mask=picture.getchannel("A"))
            picture = backdrop
        picture.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def ensure(image: Image, shape_name: str, rendition: Rendition) -> None:
    """Make the rendition's file unless the storage has it already. Two processes making the
    same one at once both write the same bytes under the same name."""
    if not default_storage.exists(rendition.name):
        default_storage.save(rendition.name, ContentFile(make(image, shape_name, rendition)))

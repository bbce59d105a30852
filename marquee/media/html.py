"""An image as responsive HTML: the ``<picture>``, its figure with caption and credit, and the
designed placeholder. Used by the ``media`` template tags and by article bodies
(``![alt](image:ID)``)."""

from __future__ import annotations

import hashlib

from django.utils.html import format_html
from django.utils.safestring import SafeString

from marquee.media.models import Image
from marquee.media.renditions import SHAPES, Rendition, fallback_format, renditions

PLACEHOLDER_TONES = 6
DEFAULT_SIZES = "100vw"
# The widest rendition a browser without srcset gets.
SRC_WIDTH = 960


def srcset(items: list[Rendition]) -> str:
    return ", ".join(f"{item.url} {item.width}w" for item in items)


def picture_html(
    image: Image | None,
    shape: str,
    *,
    sizes: str = DEFAULT_SIZES,
    loading: str = "lazy",
    placeholder: str = "",
    alt: str | None = None,
) -> SafeString:
    """``<picture>``: WebP and JPEG (PNG when transparent) at every width of ``shape``; the
    placeholder when there is no image. ``alt`` replaces the image's own alt text."""
    if shape not in SHAPES or shape == "share":
        raise ValueError(f"unknown picture shape {shape!r}")
    if image is None:
        return placeholder_html(shape, placeholder)
    webp = renditions(image, shape, "webp")
    fallback = renditions(image, shape, fallback_format(image))
    chosen = ([r for r in fallback if r.width <= SRC_WIDTH] or fallback)[-1]
    eager = loading == "eager"
    return format_html(
        '<picture class="picture picture--{}">'
        '<source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}"'
        ' decoding="async"{}>'
        "</picture>",
        shape,
        srcset(webp),
        sizes,
        chosen.url,
        srcset(fallback),
        sizes,
        chosen.width,
        chosen.height,
        image.alt if alt is None else alt,
        "eager" if eager else "lazy",
        SafeString(' fetchpriority="high"') if eager else "",
    )


def placeholder_html(shape: str, text: str) -> SafeString:
    """A tinted panel of the shape's proportions with the first letter of ``text``: decoration,
    hidden from screen readers (the headline or name beside it says what it stands for)."""
    monogram = next((c for c in text if c.isalnum()), "◆").upper()
    tone = int(hashlib.sha256(text.encode()).hexdigest(), 16) % PLACEHOLDER_TONES
    return format_html(
        '<span class="picture picture--{} picture--placeholder picture--tone-{}"'
        ' aria-hidden="true"><span class="picture__monogram">{}</span></span>',
        shape,
        tone,
        monogram,
    )


def figure_html(
    image: Image | None,
    shape: str,
    *,
    sizes: str = DEFAULT_SIZES,
    loading: str = "lazy",
    placeholder: str = "",
    alt: str | None = None,
) -> SafeString:
    """The picture with its caption and credit under it (the placeholder alone, without)."""
    shown = picture_html(
        image, shape, sizes=sizes, loading=loading, placeholder=placeholder, alt=alt
    )
    if image is None:
        return format_html('<figure class="photo photo--{} photo--none">{}</figure>', shape, shown)
    caption = format_html("{} ", image.caption) if image.caption else ""
    return format_html(
        '<figure class="photo photo--{}">{}<figcaption>{}<span class="photo__credit">'
        "Credit: {}</span></figcaption></figure>",
        shape,
        shown,
        caption,
        image.credit,
    )


def share_url(image: Image | None) -> str:
    """The site-relative address of the 1200×630 JPEG for link previews, or ""."""
    return renditions(image, "share", "jpg")[0].url if image is not None else ""

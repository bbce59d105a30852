"""``{% picture %}``, ``{% figure %}`` and ``{% share_image_url %}`` (see marquee/media/html.py).

``{% picture image "card" sizes="(min-width: 50em) 18rem, 100vw" loading="lazy"
placeholder=title %}`` gives a ``<picture>`` with a WebP ``<source>`` and a JPEG (PNG for
transparent images) ``<img>``, each with every width of the shape in ``srcset``, and the
``<img>``'s ``width`` and ``height`` so the browser keeps its place before it loads. Without an
image it gives the designed placeholder of the same shape, a monogram of ``placeholder``, hidden
from screen readers. Shapes: card, lead, poster, headshot, inline.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from marquee.media.html import DEFAULT_SIZES, figure_html, picture_html, share_url
from marquee.media.models import Image

register = template.Library()


@register.simple_tag
def picture(
    image: Image | None,
    shape: str,
    sizes: str = DEFAULT_SIZES,
    loading: str = "lazy",
    placeholder: str = "",
) -> SafeString:
    try:
        return picture_html(image, shape, sizes=sizes, loading=loading, placeholder=placeholder)
    except ValueError as error:
        raise template.TemplateSyntaxError(f"picture: {error}") from None


@register.simple_tag
def figure(
    image: Image | None,
    shape: str,
    sizes: str = DEFAULT_SIZES,
    loading: str = "lazy",
    placeholder: str = "",
) -> SafeString:
    try:
        return figure_html(image, shape, sizes=sizes, loading=loading, placeholder=placeholder)
    except ValueError as error:
        raise template.TemplateSyntaxError(f"figure: {error}") from None


@register.simple_tag
def share_image_url(image: Image | None) -> str:
    """The site-relative address of the 1200×630 image for link previews, or ""."""
    return share_url(image)

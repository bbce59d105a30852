"""Demo artwork: typographic posters, portrait cards and editorial art cards (Pillow only).

The demo site has no photographs and must not pass invented pictures off as photos of real
people, so ``marquee demo`` gives its articles, people and titles artwork that is plainly
artwork: duotone geometry and type, each marked "Marquee demo artwork". Everything is drawn
with the font Pillow ships (no system fonts), and the same input always gives the same JPEG
bytes. Characters that font cannot draw (Hangul, most accents) are left out or reduced to
their base letter, never drawn as empty boxes. No Django here.
"""

from marquee.media.demo_art.artwork import (
    ARTICLE_SECTION_BOX,
    ARTICLE_SIZE,
    CARD_NAME_BOX,
    CARD_SIZE,
    MARK,
    POSTER_SIZE,
    POSTER_TITLE_BOX,
    article_art,
    initials,
    kind_label,
    person_card,
    title_poster,
)
from marquee.media.demo_art.shapes import PALETTES, Palette, palette_for
from marquee.media.demo_art.typesetting import TextLayout, can_draw, drawable_text, layout_text

__all__ = [
    "ARTICLE_SECTION_BOX",
    "ARTICLE_SIZE",
    "CARD_NAME_BOX",
    "CARD_SIZE",
    "MARK",
    "PALETTES",
    "POSTER_SIZE",
    "POSTER_TITLE_BOX",
    "Palette",
    "TextLayout",
    "article_art",
    "can_draw",
    "drawable_text",
    "initials",
    "kind_label",
    "layout_text",
    "palette_for",
    "person_card",
    "title_poster",
]

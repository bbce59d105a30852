"""The three kinds of demo artwork: a title's poster, a person's card, an article's art."""

from __future__ import annotations

from PIL import ImageDraw

from marquee.media.demo_art.shapes import Palette, Sketch, digest, encode, mix, palette_for
from marquee.media.demo_art.typesetting import (
    draw_label,
    draw_layout,
    drawable_text,
    font,
    layout_text,
)

MARK = "Marquee demo artwork"
POSTER_SIZE = (1000, 1500)  # 2:3
CARD_SIZE = (1000, 1250)  # 4:5
ARTICLE_SIZE = (1920, 1080)  # 16:9
# The boxes the main text must fit in: (left, top, width, height).
POSTER_TITLE_BOX = (80, 950, 840, 310)
CARD_NAME_BOX = (80, 830, 840, 200)
# Inside the centre column kept by every crop of an article card (2:3 keeps x 600..1320).
ARTICLE_SECTION_BOX = (660, 400, 600, 280)
KIND_LABELS = {"novel": "Book", "tv": "Series", "show": "Show"}


def _draw_mark(
    draw: ImageDraw.ImageDraw, palette: Palette, *, x: float, y: int, centred: bool = False
) -> None:
    draw_label(
        draw, MARK, x=x, y=y, size=22, fill=mix(palette.ink, palette.ground, 0.3), centred=centred
    )


def title_poster(
    *, title: str, kind: str, year: int | None, native_title: str = "", credit_line: str = ""
) -> bytes:
    """A 1000×1500 typographic poster: a duotone composition, the title set as large as fits,
    the kind and year, the native title and a credit line when the font can draw them."""
    key = f"{title}|{kind}|{year}"  # the book, the film and the series differ
    seed, palette = digest(key), palette_for(key)
    width = POSTER_SIZE[0]
    sketch = Sketch(POSTER_SIZE, mix(palette.ground, palette.accent, 0.45), palette.ground)
    centre_x = 300 + seed[1] % 400
    variant = seed[2] % 3
    if variant == 0:  # a setting sun cut by bands
        sketch.gradient_disc(
            centre_x, 470, 330, palette.accent, mix(palette.accent, palette.ink, 0.6)
        )
        for band in range(6):
            top = 560 + band * 46
            sketch.bar(
                0,
                top,
                width,
                top + 8 + band * 4,
                mix(palette.ground, palette.accent, 0.3 + 0.02 * band),
            )
    elif variant == 1:  # nested arches
        for step in range(4):
            inset = 90 * step
            shade = mix(
                palette.ground, palette.accent if step % 2 == 0 else palette.ink, 0.75 - 0.15 * step
            )
            sketch.arch(130 + inset, 870 - inset, 110 + inset, 880, shade)
    else:  # rings from a corner and a small disc
        corner_x = 0 if seed[3] % 2 else width
        for step in range(7):
            sketch.ring(
                corner_x,
                120,
                170 + 95 * step,
                16,
                mix(palette.ground, palette.accent, 0.8 - 0.08 * step),
            )
        sketch.disc(centre_x, 620, 120, palette.ink)
    image = sketch.finish()
    draw = ImageDraw.Draw(image)
    label = kind_label(kind)
    draw_label(
        draw,
        " · ".join(part for part in (label, str(year or "")) if part),
        x=80,
        y=900,
        size=34,
        fill=palette.accent,
    )
    left, top, box_width, box_height = POSTER_TITLE_BOX
    layout = layout_text(
        title, width=box_width, height=box_height, largest=150, smallest=40, leading=1.05
    )
    draw_layout(draw, layout, x=left, y=top, width=box_width, fill=palette.ink, centred=False)
    native = layout_text(
        drawable_text(native_title, whole=True), width=box_width, height=48, largest=40, smallest=26
    )
    draw_layout(
        draw,
        native,
        x=left,
        y=top + layout.height + 14,
        width=box_width,
        fill=mix(palette.ink, palette.ground, 0.25),
        centred=False,
    )
    credit = layout_text(credit_line, width=box_width, height=40, largest=30, smallest=20)
    draw_layout(draw, credit, x=left, y=1340, width=box_width, fill=palette.ink, centred=False)
    draw.line([(80, 1405), (width - 80, 1405)], fill=mix(palette.ink, palette.ground, 0.6), width=2)
    _draw_mark(draw, palette, x=80, y=1428)
    return encode(image)


def kind_label(kind: str) -> str:
    """How a poster names a kind of title: "film" → "Film", "novel" → "Book"."""
    return KIND_LABELS.get(kind.strip().lower(), kind.strip().title())


def initials(name: str) -> str:
    """The first letters of the first and last words the font can draw ("Kim Go-eun" → "KG")."""
    words = [word for word in drawable_text(name).split() if word[0].isalnum()]
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def person_card(*, name: str, role: str = "", native_name: str = "") -> bytes:
    """A 1000×1250 duotone card: an arch and a disc (an abstract figure, not a face) with the
    initials large on the disc, then the name, the role and the native name when drawable."""
    seed = digest(f"{name}|{role}")
    palette = palette_for(name)
    width, _ = CARD_SIZE
    sketch = Sketch(CARD_SIZE, palette.ground, mix(palette.ground, palette.accent, 0.4))
    for step in range(5):
        sketch.ring(
            500, 420, 300 + 70 * step, 3, mix(palette.ground, palette.ink, 0.22 - 0.035 * step)
        )
    offset = (seed[1] % 5 - 2) * 40
    sketch.arch(230 + offset, 770 + offset, 470, 780, mix(palette.ground, palette.accent, 0.55))
    sketch.bar(0, 780, width, 790, mix(palette.ground, palette.ink, 0.5))
    sketch.gradient_disc(500, 380, 220, palette.ink, mix(palette.ink, palette.accent, 0.55))
    letters = initials(name)
    if not letters:  # nothing drawable: a smaller disc stands in for the letters
        sketch.disc(500, 380, 70, palette.ground)
    image = sketch.finish()
    draw = ImageDraw.Draw(image)
    if letters:
        monogram = layout_text(letters, width=320, height=240, largest=220, smallest=80)
        face = font(monogram.size)
        draw.text((500, 380), letters, font=face, fill=palette.ground, anchor="mm")
    left, top, box_width, box_height = CARD_NAME_BOX
    layout = layout_text(name, width=box_width, height=box_height, largest=100, smallest=40)
    draw_layout(draw, layout, x=left, y=top, width=box_width, fill=palette.ink, centred=True)
    below = top + layout.height + 14
    if drawable_text(role):
        draw_label(draw, role, x=500, y=below, size=32, fill=palette.accent, centred=True)
        below += 52
    native = layout_text(
        drawable_text(native_name, whole=True), width=box_width, height=50, largest=40, smallest=24
    )
    draw_layout(
        draw,
        native,
        x=left,
        y=below,
        width=box_width,
        fill=mix(palette.ink, palette.ground, 0.25),
        centred=True,
    )
    _draw_mark(draw, palette, x=500, y=1195, centred=True)
    return encode(image)


def article_art(*, headline: str, section: str = "") -> bytes:
    """A 1920×1080 editorial card: a duotone gradient, geometry at the sides and the section
    word in a disc at the centre, so crops to 1200×630, 4:5 and 2:3 around it keep it whole."""
    seed = digest(headline)
    palette = palette_for(headline)
    width, height = ARTICLE_SIZE
    flip = seed[1] % 2 == 1
    start, end = palette.ground, mix(palette.ground, palette.accent, 0.5)
    sketch = Sketch(ARTICLE_SIZE, end if flip else start, start if flip else end, across=True)
    side = 1420 if flip else 40
    for step in range(4):  # nested arches rising on one side
        shade = mix(palette.ground, palette.accent if step % 2 else palette.ink, 0.6 - 0.1 * step)
        sketch.arch(side + 55 * step, side + 460 - 55 * step, 160 + 110 * step, height, shade)
    other_x = 260 if flip else width - 260
    if seed[3] % 2:  # rings on the other side
        for step in range(6):
            shade = mix(palette.ground, palette.accent, 0.85 - 0.1 * step)
            sketch.ring(other_x, 300 + seed[2] % 300, 60 + 70 * step, 10, shade)
    else:  # or a column of discs, waxing
        for step in range(3):
            shade = mix(palette.ground, palette.accent, 0.35 + 0.25 * step)
            sketch.disc(other_x + (seed[2] % 60 - 30), 170 + 250 * step, 95 + 15 * step, shade)
    for step in range(5):  # bands across the bottom, under the centre disc
        top = 820 + step * 44
        sketch.bar(0, top, width, top + 10, mix(palette.ground, palette.ink, 0.12 + 0.03 * step))
    sketch.ring(960, 540, 360, 6, palette.ink)
    sketch.disc(960, 540, 335, mix(palette.ground, (0, 0, 0), 0.2))
    words = drawable_text(section)
    if not words:  # no word: a target of rings stands in for it
        for step in range(4):
            sketch.ring(960, 540, 60 + 55 * step, 14, mix(palette.accent, palette.ink, step / 4))
    image = sketch.finish()
    draw = ImageDraw.Draw(image)
    if words:
        left, top, box_width, box_height = ARTICLE_SECTION_BOX
        layout = layout_text(words, width=box_width, height=box_height, largest=170, smallest=48)
        draw_layout(
            draw,
            layout,
            x=left,
            y=540 - layout.height // 2,
            width=box_width,
            fill=palette.ink,
            centred=True,
        )
        draw.line(
            [(900, 540 + layout.height // 2 + 30), (1020, 540 + layout.height // 2 + 30)],
            fill=palette.accent,
            width=6,
        )
    _draw_mark(draw, palette, x=960, y=990, centred=True)
    return encode(image)

"""Setting text in the font Pillow ships: what it can draw, wrapping, fitting, drawing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageDraw, ImageFont

from marquee.media.demo_art.shapes import RGB

# Characters the shipped font lacks, with a stand-in it has.
STAND_INS = {"–": "-", "—": "-", "‐": "-", "‑": "-", "′": "'", "″": '"', "„": '"', "‚": "'"}


@dataclass(frozen=True)
class TextLayout:
    """Lines of text set in one size, and the box they take (``height`` runs from the first
    line's ascender to the last line's descender)."""

    lines: tuple[str, ...]
    size: int
    line_height: int
    width: int
    height: int


@lru_cache(maxsize=64)
def font(size: int) -> ImageFont.FreeTypeFont:
    loaded = ImageFont.load_default(size=size)
    if not isinstance(loaded, ImageFont.FreeTypeFont):
        raise RuntimeError("demo artwork needs Pillow built with FreeType")
    return loaded


@lru_cache(maxsize=1024)
def can_draw(character: str) -> bool:
    """Whether the shipped font has a glyph for ``character`` (not its empty box)."""
    if character == " ":
        return True
    return bytes(font(40).getmask(character)) != _missing_glyph()


@lru_cache(maxsize=1)
def _missing_glyph() -> bytes:
    """What the font draws for a character it lacks (a private-use one): an empty box."""
    return bytes(font(40).getmask("\ue000"))


def drawable_text(text: str, *, whole: bool = False) -> str:
    """``text`` with what the shipped font cannot draw reduced to its base letter ("é" → "e")
    or left out. With ``whole``, "" unless every character could be drawn that way: for a
    native name, where the digits left of a Hangul title would mislead."""
    kept: list[str] = []
    for character in " ".join(text.split()):
        drawn = _drawable_form(character)
        if whole and not drawn:
            return ""
        kept.append(drawn)
    cleaned = "".join(kept)
    for empty in ("()", "[]", "( )", "[ ]"):
        cleaned = cleaned.replace(empty, "")
    return " ".join(cleaned.split())


def _drawable_form(character: str) -> str:
    if can_draw(character):
        return character
    if character in STAND_INS:
        return STAND_INS[character]
    base = unicodedata.normalize("NFKD", character)
    return "".join(part for part in base if part != " " and can_draw(part))


def _break_word(word: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    pieces, current = [], ""
    for character in word:
        if current and face.getlength(current + character) > width:
            pieces.append(current)
            current = ""
        current += character
    return [*pieces, current] if current else pieces


def _wrap(words: list[str], face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(candidate) <= width:
            lines[-1] = candidate
        elif face.getlength(word) <= width:
            lines.append(word)
        else:
            lines.extend(_break_word(word, face, width))
    return lines


def _ellipsize(line: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    while line and face.getlength(line + "…") > width:
        line = line[:-1].rstrip()
    return line + "…"


def layout_text(
    text: str, *, width: int, height: int, largest: int, smallest: int, leading: float = 1.1
) -> TextLayout:
    """Set ``text`` (drawable characters only) in the largest size from ``largest`` down to
    ``smallest`` whose word-wrapped lines fit ``width`` by ``height`` with no word broken; at
    ``smallest`` it breaks a word too wide for a line, keeps the lines that fit and ends the
    last with an ellipsis."""
    words = drawable_text(text).split()
    size = largest
    while True:
        face = font(size)
        lines = _wrap(words, face, width)
        line_height = round(size * leading)
        ascent, descent = face.getmetrics()
        fits = _block_height(len(lines), line_height, ascent + descent) <= height
        if size <= smallest or (fits and _unbroken(words, face, width)):
            break
        size = max(smallest, int(size * 0.9))
    fitting = max(1, (height - ascent - descent) // line_height + 1)
    if len(lines) > fitting:
        lines = [*lines[: fitting - 1], _ellipsize(lines[fitting - 1], face, width)]
    measured = max((face.getlength(line) for line in lines), default=0.0)
    return TextLayout(
        lines=tuple(lines),
        size=size,
        line_height=line_height,
        width=int(measured + 0.999),
        height=_block_height(len(lines), line_height, ascent + descent),
    )


def _unbroken(words: list[str], face: ImageFont.FreeTypeFont, width: int) -> bool:
    return all(face.getlength(word) <= width for word in words)


def _block_height(count: int, line_height: int, glyph_height: int) -> int:
    """From the first line's ascender to the last line's descender."""
    return (count - 1) * line_height + glyph_height if count else 0


def draw_layout(
    draw: ImageDraw.ImageDraw,
    layout: TextLayout,
    *,
    x: int,
    y: int,
    width: int,
    fill: RGB,
    centred: bool,
) -> None:
    face = font(layout.size)
    for number, line in enumerate(layout.lines):
        left = x + (width - face.getlength(line)) / 2 if centred else x
        draw.text((left, y + number * layout.line_height), line, font=face, fill=fill, anchor="la")


def draw_label(
    draw: ImageDraw.ImageDraw,
    text: str,
    *,
    x: float,
    y: int,
    size: int,
    fill: RGB,
    centred: bool = False,
    max_width: float = 840,
) -> None:
    """Capitals, letter-spaced, on one line of at most ``max_width`` (smaller if need be)."""
    characters = drawable_text(text.upper())
    if not characters:
        return
    while True:
        face, tracking = font(size), size * 0.18
        total = sum(face.getlength(character) + tracking for character in characters) - tracking
        if total <= max_width or size <= 8:
            break
        size -= 2
    left = x - total / 2 if centred else x
    for character in characters:
        if character != " ":
            draw.text((left, y), character, font=face, fill=fill, anchor="la")
        left += face.getlength(character) + tracking

"""Duotone palettes and the shapes of the demo artwork, drawn large and reduced for smooth edges."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

RGB = tuple[int, int, int]
# Shapes are drawn this many times larger and reduced, for smooth edges.
SCALE = 2


@dataclass(frozen=True)
class Palette:
    """A duotone: ``ground`` (dark) carries ``ink`` (light text); ``accent`` is for shapes."""

    name: str
    ground: RGB
    ink: RGB
    accent: RGB


PALETTES = (
    Palette("midnight", (20, 33, 61), (245, 235, 224), (252, 163, 17)),
    Palette("plum", (43, 16, 48), (255, 229, 217), (255, 122, 89)),
    Palette("forest", (15, 46, 42), (232, 245, 233), (123, 211, 137)),
    Palette("oxblood", (61, 12, 17), (246, 231, 203), (228, 87, 46)),
    Palette("graphite", (29, 29, 31), (250, 250, 250), (255, 210, 63)),
    Palette("ocean", (11, 57, 84), (241, 250, 238), (255, 111, 89)),
    Palette("indigo", (35, 25, 66), (240, 230, 255), (190, 149, 196)),
    Palette("teal", (7, 59, 76), (253, 240, 213), (239, 71, 111)),
    Palette("cobalt", (24, 38, 140), (255, 243, 176), (255, 180, 162)),
)


def digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def palette_for(text: str) -> Palette:
    """The palette of the artwork for ``text``, the same every time."""
    return PALETTES[digest(text)[0] % len(PALETTES)]


def mix(first: RGB, second: RGB, amount: float) -> RGB:
    r, g, b = (round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))
    return (r, g, b)


def gradient(size: tuple[int, int], start: RGB, end: RGB, *, across: bool = False) -> Image.Image:
    """``start`` to ``end`` from top to bottom (or left to right when ``across``)."""
    # One line of 256 steps, smoothed to its length and repeated across: far cheaper than
    # blending or smoothing two full-size images, and the same pixels.
    ramp = Image.linear_gradient("L").crop((0, 0, 1, 256))
    channels = [
        ramp.point([round(low + (high - low) * step / 255) for step in range(256)])
        for low, high in zip(start, end, strict=True)
    ]
    line = Image.merge("RGB", channels)
    width, height = size
    if across:
        line = line.transpose(Image.Transpose.ROTATE_90).resize(
            (width, 1), Image.Resampling.BILINEAR
        )
    else:
        line = line.resize((1, height), Image.Resampling.BILINEAR)
    return line.resize(size, Image.Resampling.NEAREST)


class Sketch:
    """Shapes on a canvas :data:`SCALE` times larger than the artwork, in artwork coordinates."""

    def __init__(
        self, size: tuple[int, int], start: RGB, end: RGB, *, across: bool = False
    ) -> None:
        self.image = gradient((size[0] * SCALE, size[1] * SCALE), start, end, across=across)
        self.draw = ImageDraw.Draw(self.image)

    def disc(self, x: float, y: float, radius: float, fill: RGB) -> None:
        self.draw.ellipse(_box(x, y, radius), fill=fill)

    def ring(self, x: float, y: float, radius: float, thickness: float, fill: RGB) -> None:
        self.draw.ellipse(_box(x, y, radius), outline=fill, width=round(thickness * SCALE))

    def gradient_disc(self, x: float, y: float, radius: float, top: RGB, bottom: RGB) -> None:
        left, top_edge, right, _ = (round(value) for value in _box(x, y, radius))
        side = right - left
        mask = Image.new("L", (side, side), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, side - 1, side - 1), fill=255)
        self.image.paste(gradient((side, side), top, bottom), (left, top_edge), mask)

    def arch(self, left: float, right: float, top: float, bottom: float, fill: RGB) -> None:
        """A rectangle with a half-disc on top, from ``top`` (the crown) down to ``bottom``."""
        radius = (right - left) / 2
        self.draw.pieslice(_box(left + radius, top + radius, radius), 180, 360, fill=fill)
        self.draw.rectangle(
            [
                round(left * SCALE),
                round((top + radius) * SCALE),
                round(right * SCALE),
                round(bottom * SCALE),
            ],
            fill=fill,
        )

    def bar(self, left: float, top: float, right: float, bottom: float, fill: RGB) -> None:
        self.draw.rectangle([round(v * SCALE) for v in (left, top, right, bottom)], fill=fill)

    def finish(self) -> Image.Image:
        return self.image.reduce(SCALE)


def _box(x: float, y: float, radius: float) -> tuple[float, float, float, float]:
    return ((x - radius) * SCALE, (y - radius) * SCALE, (x + radius) * SCALE, (y + radius) * SCALE)


def encode(image: Image.Image) -> bytes:
    """JPEG at high quality without chroma subsampling (crisp coloured type): several times
    faster to write and to re-encode on upload than PNG, which matters for ~200 demo images."""
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, subsampling=0)
    return out.getvalue()

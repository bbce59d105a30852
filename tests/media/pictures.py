"""Image files for the media tests, made with Pillow."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image as PILImage


def image_bytes(
    size: tuple[int, int] = (800, 450),
    image_format: str = "JPEG",
    colour: str = "teal",
    **save: object,
) -> bytes:
    mode = "RGBA" if image_format in {"PNG", "WEBP"} and save.pop("alpha", False) else "RGB"
    picture = PILImage.new(mode, size, colour)
    out = io.BytesIO()
    picture.save(out, image_format, **save)
    return out.getvalue()


def halves(size: tuple[int, int] = (1600, 900)) -> bytes:
    """A PNG whose left half is red and right half blue: crops show which side they kept."""
    picture = PILImage.new("RGB", size, "red")
    picture.paste("blue", (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression bomb's
    shape: decoding it would need gigabytes)."""
    real = image_bytes((1, 1), "PNG")
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    patched = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    start = real.index(b"IHDR") - 4
    return real[:start] + patched + real[start + 4 + 4 + 13 + 4 :]


def jpeg_with_orientation(size: tuple[int, int], orientation: int) -> bytes:
    """A JPEG carrying EXIF orientation ``orientation`` and a camera model and GPS tag."""
    picture = PILImage.new("RGB", size, "white")
    picture.paste("black", (0, 0, size[0] // 4, size[1]))  # a dark band on the left
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    exif[0x0110] = "Secret Camera 3000"
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def opened(data: bytes) -> PILImage.Image:
    picture = PILImage.open(io.BytesIO(data))
    picture.load()
    return picture

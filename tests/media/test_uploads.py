"""What the media library accepts and refuses (``image_add``), and that a refusal stores
nothing: no row, no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from marquee.media.errors import ImageRejected
from marquee.media.models import Image
from marquee.media.services import discard_files_on_error, image_add, image_update
from tests.media.pictures import image_bytes, jpeg_with_orientation, opened, png_declaring

pytestmark = pytest.mark.django_db
ACCEPTED = "JPEG, PNG, WebP or GIF"


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def add(data: bytes, **details: str) -> Image:
    return image_add(data=data, **{"alt": "A teal panel", "credit": "Marquee tests", **details})


@pytest.mark.parametrize(
    ("image_format", "kept", "extension"),
    [("JPEG", "jpeg", ".jpg"), ("PNG", "png", ".png"), ("WEBP", "webp", ".webp"),
     ("GIF", "png", ".png")],
)  # fmt: skip
def test_accepted_types_are_kept_with_their_details(
    media_root: Path, image_format: str, kept: str, extension: str
) -> None:
    image = add(
        image_bytes((640, 360), image_format),
        caption="  Teal,   on  purpose ",
        source_url="https://example.com/teal",
        licence="CC0",
    )
    assert (image.format, image.width, image.height) == (kept, 640, 360)
    assert (image.alt, image.credit, image.caption) == (
        "A teal panel",
        "Marquee tests",
        "Teal, on purpose",
    )
    assert image.file.name.startswith("images/") and image.file.name.endswith(extension)
    assert files_under(media_root) == [media_root / image.file.name]
    assert opened((media_root / image.file.name).read_bytes()).size == (640, 360)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"plain text, not a picture", f"not an image this site accepts: upload a {ACCEPTED} file"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            f"SVG images are not accepted (they can carry scripts): upload a {ACCEPTED} file",
        ),
        (
            b"\n  <svg width='10' height='10'></svg>",
            f"SVG images are not accepted (they can carry scripts): upload a {ACCEPTED} file",
        ),
        (image_bytes((64, 64), "BMP"), f"BMP images are not accepted: upload a {ACCEPTED} file"),
        (image_bytes((64, 64), "TIFF"), f"TIFF images are not accepted: upload a {ACCEPTED} file"),
        (
            png_declaring(60_000, 60_000),
            "the image has 3600 million pixels; the limit is 50 million pixels (larger files are "
            "refused as possible decompression bombs)",
        ),
        (
            png_declaring(9_000, 9_000),
            "the image is 9000×9000 pixels; the limit is 50 million pixels (larger files are "
            "refused as possible decompression bombs)",
        ),
        (
            image_bytes((8, 64), "PNG"),
            "the image is 8×64 pixels; each side must be at least 16 pixels",
        ),
    ],
    ids=["empty", "text", "svg", "svg-bare", "bmp", "tiff", "bomb", "too-many-pixels", "tiny"],
)
def test_refused_files_say_why_and_store_nothing(
    media_root: Path, data: bytes, message: str
) -> None:
    with pytest.raises(ImageRejected) as refused:
        add(data)
    assert str(refused.value) == message
    assert Image.objects.count() == 0
    assert files_under(media_root) == []


def test_a_truncated_file_is_refused_as_damaged(media_root: Path) -> None:
    whole = image_bytes((400, 300), "JPEG", colour="orange")
    with pytest.raises(ImageRejected, match=r"^the JPEG file is damaged or incomplete \("):
        add(whole[: len(whole) // 2])
    assert Image.objects.count() == 0 and files_under(media_root) == []


def test_the_byte_limit_is_checked_first(media_root: Path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MARQUEE_IMAGE_MAX_BYTES = 1000
    with pytest.raises(ImageRejected) as refused:
        add(image_bytes((300, 300), "PNG", colour="white") + b"\0" * 2000)
    assert str(refused.value).startswith("the file is 3 KB; the limit is 1 KB")
    assert files_under(media_root) == []


def test_the_pixel_limit_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MARQUEE_IMAGE_MAX_PIXELS = 10_000
    with pytest.raises(
        ImageRejected, match=r"^the image is 200×100 pixels; the limit is 0.01 million"
    ):
        add(image_bytes((200, 100)))


@pytest.mark.parametrize(
    ("details", "message"),
    [
        ({"alt": "   "}, "alt text is required: describe what the image shows"),
        ({"credit": ""}, "a credit is required: name the photographer, agency or owner"),
        ({"alt": "x" * 301}, "alt is 301 characters; the limit is 300"),
        ({"caption": "a\x00b"}, "caption contains a character that is not text"),
        ({"source_url": "javascript:alert(1)"}, "source must be an http(s) address"),
    ],
)
def test_details_are_checked_before_anything_is_stored(
    media_root: Path, details: dict[str, str], message: str
) -> None:
    with pytest.raises(ImageRejected) as refused:
        add(image_bytes(), **details)
    assert str(refused.value) == message
    assert Image.objects.count() == 0 and files_under(media_root) == []


def test_exif_orientation_is_applied_and_metadata_removed(media_root: Path) -> None:
    # Orientation 6: the camera was turned a quarter clockwise; the picture is 40 wide, 20 high
    # as stored and 20 wide, 40 high as seen.
    image = add(jpeg_with_orientation((40, 20), 6))
    assert (image.width, image.height) == (20, 40)
    kept = opened((media_root / image.file.name).read_bytes())
    assert kept.size == (20, 40)
    assert "exif" not in kept.info and dict(kept.getexif()) == {}
    # The dark band that was on the left of the stored pixels is now at the top.
    assert kept.getpixel((10, 2))[0] < 60 and kept.getpixel((10, 37))[0] > 200


def test_the_focal_point_must_lie_inside_the_image() -> None:
    with pytest.raises(ImageRejected) as refused:
        image_add(data=image_bytes(), alt="a", credit="b", focal=(1.2, 0.5))
    assert str(refused.value) == (
        "the focal point must lie inside the image (0 to 1 across and down), got 1.2, 0.5"
    )


def test_a_new_focal_point_gives_new_rendition_addresses() -> None:
    image = add(image_bytes())
    before = image.version
    image_update(image, focal=(0.2, 0.3), caption="Moved")
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y, image.caption) == (0.2, 0.3, "Moved")
    assert image.version != before
    image_update(image, alt="Same point")
    image.refresh_from_db()
    assert image.alt == "Same point" and image.version != before


def test_a_failed_transaction_takes_its_image_files_with_it(media_root: Path) -> None:
    with pytest.raises(RuntimeError), discard_files_on_error():
        add(image_bytes())
        assert len(files_under(media_root)) == 1
        raise RuntimeError("the import failed after the image")
    assert files_under(media_root) == []


def test_deleting_an_image_removes_its_files_and_leaves_placeholders(
    media_root: Path,
    client,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from marquee.media.renditions import renditions
    from marquee.media.services import image_delete
    from marquee.newsroom.services import article_image_set
    from tests.conftest import make_article

    article = make_article("pictured", title="Pictured")
    image = add(image_bytes())
    article_image_set(article, image)
    assert client.get(renditions(image, "card", "webp")[0].url).status_code == 200
    assert len(files_under(media_root)) == 2  # the original and one rendition
    with django_capture_on_commit_callbacks(execute=True):
        image_delete([image])
    article.refresh_from_db()
    assert article.image_id is None and not Image.objects.exists()
    assert files_under(media_root) == []
    page = client.get("/articles/pictured/").content.decode()
    assert "picture--lead picture--placeholder" in page and "<img" not in page

"""Renditions: their sizes, the crops around the focal point, the HTML that shows them and
the address that makes and serves them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from PIL import Image as PILImage

from marquee.media.models import Image
from marquee.media.renditions import crop_box, renditions
from marquee.media.services import image_add, image_update
from tests.media.pictures import halves, image_bytes

pytestmark = pytest.mark.django_db


def add(data: bytes, focal: tuple[float, float] | None = None) -> Image:
    return image_add(data=data, alt="Red and blue halves", credit="Marquee tests", focal=focal)


def sizes(image: Image, shape: str, image_format: str = "webp") -> list[tuple[int, int]]:
    return [(r.width, r.height) for r in renditions(image, shape, image_format)]


def fetch(client: Client, url: str) -> PILImage.Image:
    response = client.get(url)
    assert response.status_code == 200, url
    picture = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
    picture.load()
    return picture.convert("RGB")


def test_widths_of_each_shape_stop_at_the_crops_own_size() -> None:
    image = add(halves((1600, 900)))
    assert sizes(image, "card") == [(320, 180), (480, 270), (640, 360), (960, 540)]
    assert sizes(image, "lead") == [(640, 360), (960, 540), (1280, 720), (1600, 900)]
    # A 2:3 crop of a 1600×900 image is 600×900: no 640-wide poster is made from it.
    assert sizes(image, "poster") == [(160, 240), (240, 360), (320, 480), (480, 720)]
    assert sizes(image, "headshot") == [(160, 200), (240, 300), (320, 400), (480, 600), (640, 800)]
    assert sizes(image, "inline") == [(480, 270), (760, 428), (1140, 641), (1520, 855)]
    assert sizes(image, "share", "jpg") == [(1200, 630)]


def test_a_small_image_gets_one_rendition_at_its_own_size() -> None:
    image = add(image_bytes((200, 100)))
    assert sizes(image, "card") == [(178, 100)]
    assert sizes(image, "share", "jpg") == [(1200, 630)]


@pytest.mark.parametrize(
    ("focal", "box"),
    [
        ((0.5, 0.5), (500, 0, 1100, 900)),
        ((0.9, 0.5), (1000, 0, 1600, 900)),  # pushed against the right edge
        ((0.1, 0.5), (0, 0, 600, 900)),
        ((0.3, 0.5), (180, 0, 780, 900)),
    ],
)
def test_crop_box_centres_on_the_focal_point_within_the_image(
    focal: tuple[float, float], box: tuple[int, int, int, int]
) -> None:
    assert crop_box(1600, 900, (2, 3), focal) == box


def test_crops_keep_the_side_of_the_focal_point(client: Client) -> None:
    right = add(halves(), focal=(0.9, 0.5))
    left = add(halves(), focal=(0.1, 0.5))
    poster_right = fetch(client, renditions(right, "poster", "jpg")[0].url)
    poster_left = fetch(client, renditions(left, "poster", "jpg")[0].url)
    assert poster_right.size == poster_left.size == (160, 240)
    red, blue = poster_left.getpixel((80, 120)), poster_right.getpixel((80, 120))
    assert red[0] > 200 and red[2] < 60  # type: ignore[index]
    assert blue[2] > 200 and blue[0] < 60  # type: ignore[index]


def test_the_view_makes_a_rendition_once_and_serves_it_for_a_year(
    client: Client, media_root: Path
) -> None:
    image = add(halves())
    rendition = renditions(image, "card", "webp")[1]
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    stored = media_root / rendition.name
    assert PILImage.open(stored).size == (480, 270)
    made_at = stored.stat().st_mtime_ns
    assert client.get(rendition.url).status_code == 200
    assert stored.stat().st_mtime_ns == made_at


def test_the_view_refuses_what_is_not_a_rendition(client: Client) -> None:
    image = add(halves())
    base = f"/media/renditions/{image.pk}/{image.version}"
    assert client.get(f"{base}/card-320.webp").status_code == 200
    assert client.get(f"{base}/card-321.webp").status_code == 404  # not one of the widths
    assert client.get(f"{base}/card-320.png").status_code == 404  # opaque: JPEG fallback only
    assert client.get(f"{base}/share-1200.webp").status_code == 404  # sharing is JPEG only
    assert client.get(f"{base}/banner-320.webp").status_code == 404
    assert client.get(f"/media/renditions/{image.pk}/0000000000/card-320.webp").status_code == 404
    assert (
        client.get(f"/media/renditions/{image.pk + 1}/{image.version}/card-320.webp").status_code
        == 404
    )
    assert client.post(f"{base}/card-320.webp").status_code == 405


def test_transparent_images_fall_back_to_png_and_share_on_white(client: Client) -> None:
    image = add(image_bytes((800, 450), "PNG", colour=(0, 0, 0, 0), alpha=True))
    assert image.has_alpha
    assert renditions(image, "card", "png")[0].url.endswith("/card-320.png")
    assert client.get(renditions(image, "card", "png")[0].url)["Content-Type"] == "image/png"
    shared = fetch(client, renditions(image, "share", "jpg")[0].url)
    assert shared.size == (1200, 630) and shared.getpixel((600, 300)) == (255, 255, 255)


def test_picture_tag_gives_srcset_sizes_and_dimensions() -> None:
    image = add(halves())
    html = Template(
        '{% load media %}{% picture image "card" sizes="(min-width: 50em) 18rem, 100vw" %}'
    ).render(Context({"image": image}))
    base = f"/media/renditions/{image.pk}/{image.version}/card"
    assert html == (
        '<picture class="picture picture--card">'
        f'<source type="image/webp" srcset="{base}-320.webp 320w, {base}-480.webp 480w, '
        f'{base}-640.webp 640w, {base}-960.webp 960w" sizes="(min-width: 50em) 18rem, 100vw">'
        f'<img src="{base}-960.jpg" srcset="{base}-320.jpg 320w, {base}-480.jpg 480w, '
        f'{base}-640.jpg 640w, {base}-960.jpg 960w" sizes="(min-width: 50em) 18rem, 100vw" '
        'width="960" height="540" alt="Red and blue halves" loading="lazy" decoding="async">'
        "</picture>"
    )


def test_figure_tag_shows_caption_and_credit_escaped() -> None:
    image = add(halves())
    image_update(image, caption="Halves <b>bold</b>", credit="Studio & Co")
    html = Template('{% load media %}{% figure image "lead" loading="eager" %}').render(
        Context({"image": image})
    )
    assert 'loading="eager" decoding="async" fetchpriority="high">' in html
    assert html.endswith(
        "<figcaption>Halves &lt;b&gt;bold&lt;/b&gt; "
        '<span class="photo__credit">Credit: Studio &amp; Co</span></figcaption></figure>'
    )


def test_a_missing_image_is_a_placeholder_never_a_broken_image() -> None:
    html = Template(
        '{% load media %}{% picture None "poster" placeholder="Love in the Big City" %}'
        '{% figure None "lead" placeholder="" %}{% share_image_url None %}'
    ).render(Context({}))
    assert "<img" not in html
    assert re.fullmatch(
        r'<span class="picture picture--poster picture--placeholder picture--tone-\d" '
        r'aria-hidden="true"><span class="picture__monogram">L</span></span>'
        r'<figure class="photo photo--lead photo--none"><span class="picture picture--lead '
        r'picture--placeholder picture--tone-\d" aria-hidden="true">'
        r'<span class="picture__monogram">◆</span></span></figure>',
        html,
    )

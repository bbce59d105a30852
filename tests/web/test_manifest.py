"""The web app manifest, its icons, and the pages' links to them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def test_the_manifest_names_the_site_its_colours_and_icons(
    client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response.json() == {
        "name": "Marquee",
        "short_name": "Marquee",
        "description": "Marquee: Korean film, TV and books, and where to watch them.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": "#1d1a1f",
        "background_color": "#fbf8f3",
        "icons": [
            {"src": "/static/web/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "/static/web/icon-512.png", "sizes": "512x512", "type": "image/png"},
        ],
    }
    assert client.post("/manifest.webmanifest").status_code == 405


@pytest.mark.parametrize(
    ("name", "size"),
    [("icon-192.png", 192), ("icon-512.png", 512), ("apple-touch-icon.png", 180)],
)
def test_the_icons_are_pngs_of_their_size(
    client: Client, settings: Any, name: str, size: int
) -> None:
    # WhiteNoise serves the app directories' files, as ``marquee serve`` serves collected ones.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    path = finders.find(f"web/{name}")
    assert path is not None
    with Image.open(path) as icon:
        assert (icon.format, icon.size) == ("PNG", (size, size))
    response = client.get(f"/static/web/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert Image.open(io.BytesIO(body)).size == (size, size)


def test_pages_link_the_manifest_and_theme_colour(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#1d1a1f">' in html
    assert '<link rel="apple-touch-icon" href="/static/web/apple-touch-icon.png">' in html

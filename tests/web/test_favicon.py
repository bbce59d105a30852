"""The site icon: /favicon.ico and the pages' <link rel="icon">."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import marquee.web

pytestmark = pytest.mark.django_db
STATIC = Path(marquee.web.__file__).resolve().parent / "static" / "web"


def test_favicon_ico_is_the_icon_without_a_query(
    client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response.content == (STATIC / "favicon.ico").read_bytes()
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405


def test_pages_link_the_icons(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">' in html
    assert (STATIC / "favicon.svg").read_text().startswith("<svg ")

"""The header: the brand and one "Menu" disclosure holding the navigation, search and account
links (folded on phones by marquee.css, no script)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import marquee.web

pytestmark = pytest.mark.django_db
CSS = (Path(marquee.web.__file__).resolve().parent / "static" / "web" / "marquee.css").read_text()


def header(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def tags(html: str) -> list[str]:
    """The opening tag names, in order."""
    return re.findall(r"<([a-z0-9]+)[\s>]", html)


def test_the_header_is_the_brand_then_a_menu_with_nav_search_and_account(client: Client) -> None:
    html = header(client.get("/").content.decode())
    assert '<a class="brand" href="/" aria-label="Marquee home">' in html
    menu = html[html.index('<details class="site-menu">') : html.index("</details>")]
    assert html.index('class="brand"') < html.index('<details class="site-menu">')
    assert (
        '<summary class="site-menu__toggle"><span class="site-menu__icon" aria-hidden="true">'
        '</span><span class="site-menu__label">Menu</span></summary>'
    ) in menu
    panel = menu[menu.index('<div class="site-menu__panel">') :]
    order = [panel.index(part) for part in (
        '<nav class="site-nav" aria-label="Main">',
        '<form class="site-search" role="search"',
        '<nav class="account-nav" aria-label="Your account">',
    )]  # fmt: skip
    assert order == sorted(order)
    assert "<script" not in html


def test_a_logged_in_readers_links_are_in_the_menu(client: Client) -> None:
    client.force_login(User.objects.create_user("mira", password="x"))
    html = header(client.get("/").content.decode())
    menu = html[html.index('<details class="site-menu">') : html.index("</details>")]
    assert 'class="account-nav__me"' in menu and "Log out" in menu


def test_the_menu_is_folded_on_phones_and_open_on_wide_screens() -> None:
    # Phones: the panel drops below the header row; wide screens that can style the
    # disclosure's content show it in the row and hide the toggle.
    assert ".site-menu__panel { position: absolute;" in CSS
    wide = CSS[CSS.index("@supports selector(::details-content)") :]
    assert "@media (min-width: 60rem)" in wide.split("\n")[1]
    assert ".site-menu > .site-menu__toggle { display: none; }" in wide
    assert ".site-menu::details-content { content-visibility: visible; }" in wide

"""The share box (web/_share.html): plain links with the address and title encoded, no
third-party script, and the local script that makes the copy button."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from django.template.loader import render_to_string

import marquee.web

URL = "https://marquee.example/articles/love-in-the-big-city/"
TITLE = "Love & the City: 'Jae-hee' returns? 대도시"
STATIC = Path(marquee.web.__file__).resolve().parent / "static" / "web"


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def share_box() -> tuple[str, list[tuple[str, dict[str, str | None]]]]:
    html = render_to_string("web/_share.html", {"url": URL, "title": TITLE})
    parser = Elements()
    parser.feed(html)
    return html, parser.elements


def test_share_links_are_the_services_addresses_with_url_and_title_encoded() -> None:
    _, elements = share_box()
    links = {attrs["class"]: attrs for tag, attrs in elements if tag == "a"}
    url = "https%3A%2F%2Fmarquee.example%2Farticles%2Flove-in-the-big-city%2F"
    title = "Love%20%26%20the%20City%3A%20%27Jae-hee%27%20returns%3F%20%EB%8C%80%EB%8F%84%EC%8B%9C"
    assert {name: attrs["href"] for name, attrs in links.items()} == {
        "share__link share__link--x": f"https://x.com/intent/tweet?url={url}&text={title}",
        "share__link share__link--facebook": f"https://www.facebook.com/sharer/sharer.php?u={url}",
        "share__link share__link--whatsapp": f"https://wa.me/?text={title}%20{url}",
        "share__link share__link--line": f"https://social-plugins.line.me/lineit/share?url={url}",
        "share__link share__link--email": f"mailto:?subject={title}&body={url}",
    }
    assert {attrs["rel"] for attrs in links.values()} == {"noopener"}


def test_the_address_is_there_to_copy_without_script() -> None:
    html, elements = share_box()
    (field,) = [attrs for tag, attrs in elements if tag == "input"]
    assert field == {
        "id": "share-url", "class": "share__url", "type": "url", "value": URL, "readonly": None
    }  # fmt: skip
    assert '<label class="visually-hidden" for="share-url">Link to this page</label>' in html
    # The button is shown by the script only (it has something to do only with script).
    assert '<button class="share__button" type="button" hidden>Copy link</button>' in html
    assert '<span class="share__status" role="status"></span>' in html


def test_the_only_script_is_the_sites_own_file() -> None:
    html, elements = share_box()
    scripts = [attrs for tag, attrs in elements if tag == "script"]
    assert scripts == [{"src": "/static/web/share.js", "defer": None}]
    assert "<script>" not in html  # the Content-Security-Policy forbids inline scripts
    script = (STATIC / "share.js").read_text()
    assert "navigator.share" in script and "navigator.clipboard.writeText" in script
    assert "http" not in script  # loads nothing from anywhere

"""The demo site's pages in a real Chromium (Playwright), at 1280×900 and 390×844: axe-core finds
no WCAG 2.1 A/AA violation, every image loads with its alt text and dimensions, images shift no
layout, the article's share image is 1200×630, and a phone shows a compact header and the
article's lead image in the first screen. Also issue 11's "done when" on the demo: every article
has a lead image and a share image, every home card a thumbnail, people and titles a picture."""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from tests import browser_tools
from tests.browser_tools import (
    AxeUnavailable,
    axe_script,
    axe_script_or_skip,
    axe_violations,
    chromium_launch,
    describe_violations,
    skip_without_chromium,
)

# Playwright's sync API runs an event loop in this thread; the ORM calls made between page
# actions are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
skip_without_chromium()

from PIL import Image as PillowImage  # noqa: E402
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright  # noqa: E402
from pytest_django.live_server_helper import LiveServer  # noqa: E402

from marquee.newsroom.models import Article  # noqa: E402

# The demo is loaded once for the module (see `site`); each test only reads it, in a transaction
# of its own that the server thread never sees (a transactional test would empty the database).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = {
    "home": "/",
    "article": "/articles/review-love-in-the-big-city/",
    "person": "/people/kim-go-eun/",
    "title": "/titles/love-in-the-big-city-film/",
    "tag": "/tags/film/",
    "search": "/search/?q=Kim+Go-eun",
}
VIEWPORTS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 390, "height": 844},
}
EVERY_PAGE = [
    pytest.param(path, viewport, id=f"{name}-{viewport_name}")
    for name, path in PAGES.items()
    for viewport_name, viewport in VIEWPORTS.items()
]
LEAD_IMAGE = "main figure.photo--lead img"
# Every layout shift the page reports (buffered: from the first paint on), with the elements
# that moved; `takeRecords` hands over the entries not yet delivered to the callback.
RECORD_LAYOUT_SHIFTS = """(() => {
window.__layoutShifts = [];
const recordShifts = entries => {
  for (const entry of entries) {
    window.__layoutShifts.push({
      value: entry.value,
      hadRecentInput: entry.hadRecentInput,
      sources: (entry.sources || []).map(source => source.node
        ? source.node.nodeName.toLowerCase() + (source.node.className ? '.' + source.node.className : '')
        : '(removed)'),
    });
  }
};
const observer = new PerformanceObserver(list => recordShifts(list.getEntries()));
observer.observe({type: 'layout-shift', buffered: true});
window.__takeLayoutShifts = () => {
  recordShifts(observer.takeRecords());
  return window.__layoutShifts;
};
})();"""
# Scroll down half a screen at a time, so that every lazy image comes near the viewport and
# loads, then wait for all of them to be decoded and for two frames (the last shifts arrive).
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
    await frame();
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
  // (an image that is not rendered, display: none, never loads if lazy: not waited for)
  const rendered = Array.from(document.images).filter(img => img.getClientRects().length > 0);
  await Promise.all(rendered.map(img => img.decode().catch(() => null)));
  await frame();
  await frame();
}"""
DESCRIBE_IMAGES = """() => Array.from(document.images).map(img => {
  const link = img.closest('a');
  return {
    html: img.outerHTML.slice(0, 200),
    rendered: img.getClientRects().length > 0,
    loaded: img.complete && img.naturalWidth > 0,
    alt: img.getAttribute('alt'),
    width: img.getAttribute('width'),
    height: img.getAttribute('height'),
    inLinkWithText: link !== null && link.textContent.trim() !== '',
  };
})"""


def storages_in(root: Path) -> dict[str, Any]:
    """``STORAGES`` with the default storage (images, renditions) in ``root``."""
    storages: dict[str, Any] = copy.deepcopy(settings.STORAGES)
    storages["default"].setdefault("OPTIONS", {})["location"] = str(root)
    return storages


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_root(settings: Any, demo_media: Path) -> Path:
    """The demo's images for every test of the module (conftest's gives each its own)."""
    settings.MEDIA_ROOT = demo_media
    settings.STORAGES = storages_in(demo_media)
    return demo_media


@pytest.fixture(scope="module")
def site(
    browser: Browser, django_db_setup: None, django_db_blocker: Any, demo_media: Path
) -> Iterator[str]:
    """The demo content, loaded once for the module and committed, served by a live server
    whose thread reads it through its own connection; its URL. The database is emptied
    afterwards, as after a transactional test.

    Chromium starts first: Playwright's greenlets switch this thread's context, Django keeps a
    connection per context, and the one used here must be the one closed at the end."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=demo_media, STORAGES=storages_in(demo_media), MARQUEE_TASKS="inline"
        ),
    ):
        call_command("demo", stdout=StringIO())
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # (else PostgreSQL refuses to drop the test database: "accessed by other users")
            connections.close_all()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = chromium_launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe() -> str:
    """axe-core's source; the tests that need it skip without it, except in CI."""
    return axe_script_or_skip()


def open_page(browser: Browser, viewport: ViewportSize) -> Page:
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.add_init_script(RECORD_LAYOUT_SHIFTS)
    return page


def image_problems(page: Page) -> dict[str, Any]:
    """Scroll through ``page``, wait for its images, and name what is wrong with them: images
    that did not load, lack alt text or width and height attributes, and the layout shift
    seen meanwhile (a score of 0.01 or more; CLS counts 0.1 as "good", images should add none)."""
    page.evaluate(SCROLL_THROUGH)
    images = page.evaluate(DESCRIBE_IMAGES)
    shifts = [s for s in page.evaluate("window.__takeLayoutShifts()") if not s["hadRecentInput"]]
    problems = {
        "did not load": [i["html"] for i in images if i["rendered"] and not i["loaded"]],
        # An empty alt marks a decorative image: only inside a link with text of its own.
        "no alt text": [
            i["html"]
            for i in images
            if i["alt"] is None or (i["alt"].strip() == "" and not i["inLinkWithText"])
        ],
        "no width and height": [
            i["html"]
            for i in images
            if not (i["width"] or "").isdigit() or not (i["height"] or "").isdigit()
        ],
        "layout shift": shifts if sum(s["value"] for s in shifts) >= 0.01 else [],
    }
    return {problem: found for problem, found in problems.items() if found}


@pytest.mark.parametrize(("path", "viewport"), EVERY_PAGE)
def test_axe_finds_no_violation(
    browser: Browser, site: str, axe: str, path: str, viewport: ViewportSize
) -> None:
    page = open_page(browser, viewport)
    try:
        page.goto(site + path)
        violations = axe_violations(page, axe)
        assert violations == [], f"{path}:\n{describe_violations(violations)}"
    finally:
        page.context.close()


@pytest.mark.parametrize(("path", "viewport"), EVERY_PAGE)
def test_images_load_with_alt_text_and_dimensions_and_shift_no_layout(
    browser: Browser, site: str, path: str, viewport: ViewportSize
) -> None:
    page = open_page(browser, viewport)
    try:
        page.goto(site + path)
        assert image_problems(page) == {}
    finally:
        page.context.close()


def test_the_article_share_image_is_a_1200_by_630_image(browser: Browser, site: str) -> None:
    page = open_page(browser, VIEWPORTS["desktop"])
    try:
        page.goto(site + PAGES["article"])
        share = page.locator('meta[property="og:image"]')
        assert share.count() == 1, "the article page has no og:image"
        url = share.get_attribute("content") or ""
        assert url.startswith("http"), f"og:image must be an absolute URL, got {url!r}"
        assert page.locator('meta[name="twitter:image"]').get_attribute("content") == url
        response = page.request.get(urljoin(site, url))
        assert response.status == 200
        assert response.headers["content-type"].startswith("image/")
        with PillowImage.open(io.BytesIO(response.body())) as image:
            assert image.size == (1200, 630)
    finally:
        page.context.close()


def test_every_demo_article_has_a_lead_image_and_a_share_image(browser: Browser, site: str) -> None:
    """Issue 11's first "done when", on every demo article: a lead ``<img>`` with ``srcset``,
    alt text, width and height, and an ``og:image`` that answers with an image."""
    paths = [a.get_absolute_url() for a in Article.objects.published().order_by("slug")]
    assert len(paths) >= 15
    page = open_page(browser, VIEWPORTS["desktop"])
    lacking = {}
    try:
        for path in paths:
            page.goto(site + path)
            lead = page.evaluate(
                "selector => { const img = document.querySelector(selector);"
                " return img && ['srcset', 'alt', 'width', 'height']"
                ".filter(name => !(img.getAttribute(name) || '').trim()); }",
                LEAD_IMAGE,
            )
            share = page.locator('meta[property="og:image"]').get_attribute("content") or ""
            response = page.request.get(urljoin(site, share)) if share else None
            problems = (
                ["no lead image"] if lead is None else [f"lead image without {a}" for a in lead]
            )
            if response is None or response.status != 200:
                problems.append(f"og:image {share!r} does not answer 200")
            elif not response.headers["content-type"].startswith("image/"):
                problems.append(f"og:image is {response.headers['content-type']}")
            if problems:
                lacking[path] = problems
    finally:
        page.context.close()
    assert lacking == {}


def test_home_cards_have_thumbnails_and_people_and_titles_their_picture(
    browser: Browser, site: str
) -> None:
    page = open_page(browser, VIEWPORTS["desktop"])
    try:
        page.goto(site + PAGES["home"])
        cards = page.locator("main .card")
        assert cards.count() >= 10
        without = page.evaluate(
            "() => Array.from(document.querySelectorAll('main .card'))"
            ".filter(card => !card.querySelector('.card__image img'))"
            ".map(card => card.querySelector('a').getAttribute('href'))"
        )
        assert without == [], "home cards without a thumbnail"
        page.goto(site + PAGES["person"])
        assert page.locator("main .photo--headshot img").get_attribute("alt")
        page.goto(site + PAGES["title"])
        assert page.locator("main .photo--poster img").get_attribute("alt")
    finally:
        page.context.close()


def test_a_phone_shows_a_compact_header_and_the_lead_image_first(
    browser: Browser, site: str
) -> None:
    page = open_page(browser, VIEWPORTS["mobile"])
    try:
        headers = {}
        for name, path in PAGES.items():
            page.goto(site + path)
            box = page.locator("header.site-header").bounding_box()
            assert box is not None
            headers[name] = box["height"]
        assert {name: height for name, height in headers.items() if height > 64} == {}
        page.goto(site + PAGES["article"])
        lead = page.locator(LEAD_IMAGE).first
        box = lead.bounding_box()
        assert box is not None, f"no lead image ({LEAD_IMAGE}) on the article page"
        # at least half of it on the first screen, before any scrolling
        assert box["y"] >= 0 and box["y"] + box["height"] / 2 <= VIEWPORTS["mobile"]["height"], box
    finally:
        page.context.close()


def test_the_checks_see_a_violation_a_bad_image_and_a_layout_shift(
    browser: Browser, axe: str
) -> None:
    """The checks above are not vacuous: on a page with an image that has neither alt text
    nor dimensions, and pushes the text below it down when it arrives, each one fails."""
    page = open_page(browser, VIEWPORTS["desktop"])
    tall = io.BytesIO()
    PillowImage.new("RGB", (40, 300), "teal").save(tall, "PNG")
    late_image = (
        "<script>requestAnimationFrame(() => requestAnimationFrame(() => {"
        "  const img = new Image(); img.src = '/tall.png';"
        "  document.getElementById('slot').append(img); }));</script>"
    )
    html = (
        '<!doctype html><html lang="en"><head><title>Checks</title></head><body><main>'
        '<h1>Checks</h1><div id="slot"></div><p>This paragraph moves down.</p>'
        f"</main>{late_image}</body></html>"
    )
    page.route(
        "http://checks.invalid/", lambda route: route.fulfill(content_type="text/html", body=html)
    )
    page.route(
        "http://checks.invalid/tall.png",
        lambda route: route.fulfill(content_type="image/png", body=tall.getvalue()),
    )
    try:
        page.goto("http://checks.invalid/")
        page.wait_for_function("document.images.length === 1 && document.images[0].complete")
        problems = image_problems(page)
        assert list(problems) == ["no alt text", "no width and height", "layout shift"]
        assert problems["no alt text"] == ['<img src="/tall.png">']
        assert problems["layout shift"][0]["sources"] == ["p"]
        assert [v["id"] for v in axe_violations(page, axe)] == ["image-alt"]
    finally:
        page.context.close()


@pytest.fixture
def no_axe_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "axe.min.js"
    monkeypatch.setattr(browser_tools, "AXE_CACHE", cache)
    return cache


def test_without_npm_axe_is_unavailable_and_its_tests_skip_except_in_ci(
    no_axe_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(AxeUnavailable) as unavailable:
        axe_script()
    assert str(unavailable.value) == "npm is not installed (apt-get install npm) to fetch axe-core"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        axe_script_or_skip()
    assert str(skipped.value) == (
        "axe-core is unavailable: npm is not installed (apt-get install npm) to fetch axe-core"
    )
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        axe_script_or_skip()
    assert str(failed.value).startswith("CI=true but axe-core is unavailable: npm is not")
    assert not no_axe_cache.exists()


def test_a_cached_axe_that_is_not_the_pinned_release_is_refused(no_axe_cache: Path) -> None:
    no_axe_cache.write_text("window.axe = {run: async () => ({violations: []})};")
    with pytest.raises(RuntimeError) as refused:
        axe_script()
    assert str(refused.value) == f"{no_axe_cache} is not axe-core 4.11.4's axe.min.js: delete it"

"""A fan's way from a watchlist to an alert, in a real Chromium (Playwright): a reader in Mexico
who reads Spanish subtitles puts a series on their watchlist; an import makes it available on
Viki in Mexico with Spanish subtitles; the reader sees the alert in the header and follows it
to the offer."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User

from marquee.catalog.kb_format import parse_document
from marquee.catalog.services import kb_import
from marquee.fans.models import FanSettings, Notification, WatchlistEntry
from tests.browser_tools import (
    axe_script_or_skip,
    axe_violations,
    chromium_launch,
    describe_violations,
    skip_without_chromium,
)
from tests.conftest import SMALL_KB

# Playwright's sync API runs an event loop in this thread; the ORM calls made between page
# actions are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

skip_without_chromium()

from playwright.sync_api import Browser, Route, expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-staple"
OFFER_URL = "https://www.viki.com/tv/goblin-guardian"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = chromium_launch(playwright)
        yield chromium
        chromium.close()


def test_a_reader_in_mexico_hears_that_their_series_streams_with_spanish_subtitles(
    browser: Browser, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    kb_import(document=parse_document(copy.deepcopy(SMALL_KB)))
    User.objects.create_user("lucia", email="lucia@example.com", password=PASSWORD)
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-MX")
    context.set_default_timeout(15_000)
    page = context.new_page()

    # Log in and choose Mexico and Spanish subtitles.
    page.goto(f"{base}/accounts/login/?next=/accounts/settings/")
    page.fill("#id_username", "lucia")
    page.fill("#id_password", PASSWORD)
    page.click("form.stack-form button[type=submit]")
    expect(page).to_have_url(f"{base}/accounts/settings/")
    page.select_option("#settings-region", "MX")
    page.get_by_label("Spanish").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".notices")).to_contain_text("Your settings are saved")
    saved = FanSettings.objects.get(user__username="lucia")
    assert (saved.region, saved.subtitles) == ("MX", ["es"])

    # Put the series on the watchlist from its page: watching, episode 2.
    page.goto(f"{base}/titles/goblin/")
    form = page.locator("form.watchlist-form")
    form.locator("select[name=state]").select_option("watching")
    form.locator("input[name=episode]").fill("2")
    form.get_by_role("button", name="Add to watchlist").click()
    expect(page).to_have_url(f"{base}/titles/goblin/")
    expect(page.locator("form.watchlist-form")).to_contain_text("On your watchlist")
    entry = WatchlistEntry.objects.get(user__username="lucia")
    assert (entry.title.slug, entry.state, entry.episode) == ("goblin", "watching", 2)
    expect(page.locator("[data-unread-notifications]")).to_have_count(0)

    # The knowledge base learns that Goblin streams on Viki in Mexico with Spanish subtitles.
    document = copy.deepcopy(SMALL_KB)
    document["availability"].append(
        {
            "title": "goblin",
            "platform": "viki",
            "regions": ["MX", "US"],
            "type": "free",
            "subtitles": ["en", "es"],
            "url": OFFER_URL,
        }
    )
    kb_import(document=parse_document(document))
    assert Notification.objects.filter(user__username="lucia").count() == 1

    # The header says so on the next page; the notification leads to the offer.
    page.goto(f"{base}/")
    badge = page.locator("[data-unread-notifications]")
    expect(badge).to_have_text("1")
    page.locator("a.account-nav__notifications").click()
    expect(page).to_have_url(f"{base}/notifications/")
    item = page.locator("[data-notification]")
    expect(item).to_contain_text(
        "Guardian: The Lonely and Great God is now on Viki in MX with es subtitles"
    )
    opened: list[str] = []

    def viki(route: Route) -> None:  # the outside world, answered here
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Viki</title>Goblin")

    context.route("https://www.viki.com/**", viki)
    item.get_by_role("link", name="Watch on Viki").click()
    expect(page).to_have_url(OFFER_URL)
    assert opened == [OFFER_URL]
    page.goto(f"{base}/")
    expect(page.locator("[data-unread-notifications]")).to_have_count(0)

    # The fans' pages meet WCAG 2.1 A/AA as axe-core checks it.
    script = axe_script_or_skip()
    for path in (
        "/accounts/settings/",
        "/watchlist/",
        "/watchlist/add/?title=goblin",
        "/notifications/",
        "/watch/?region=MX&subtitles=es",
        "/titles/goblin/",
    ):
        page.goto(base + path)
        violations = axe_violations(page, script)
        assert violations == [], f"{path}:\n{describe_violations(violations)}"
    context.close()

"""The Content-Security-Policy in a real Chromium (Playwright): the article page with its
YouTube trailer and the reactions' script, the API's Swagger UI and the admin run without a
single violation, and the trailer frame draws no console warning."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User

from marquee.community import services as community
from tests.browser_tools import chromium_launch, skip_without_chromium
from tests.conftest import make_article

# Playwright's sync API runs an event loop in this thread; the ORM calls made between page
# actions are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

skip_without_chromium()

from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-staple"
# Every violation the page reports, as "directive blocked-address".
RECORD_VIOLATIONS = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation', event =>"
    "  window.__violations.push(event.effectiveDirective + ' ' + event.blockedURI));"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = chromium_launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    # No network here: YouTube's embed answers from this stub, after the policy allowed it.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<p id='player'>player</p>"
        ),
    )
    yield page
    context.close()


@pytest.fixture
def console(page: Page) -> list[str]:
    messages: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type in {"warning", "error"}:
            messages.append(message.text)

    page.on("console", record)
    return messages


@pytest.fixture
def reader(settings: Any) -> User:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return community.account_create(
        username="jaehee", email="jaehee@example.com", password=PASSWORD
    )


def test_article_with_trailer_and_reactions_breaks_no_policy(
    page: Page, console: list[str], live_server: Any, reader: User
) -> None:
    article = make_article(
        "lbc-trailer",
        title="Love in the Big City: the trailer",
        body="Kim Go-eun and Noh Sang-hyun.\n\n" + "A paragraph.\n\n" * 30,
        tags=("Film",),
        trailer_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    url = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(f"{live_server.url}/accounts/login/?next={article.get_absolute_url()}")
    page.fill("#id_username", "jaehee")
    page.fill("#id_password", PASSWORD)
    page.click("form.stack-form button[type=submit]")
    expect(page).to_have_url(url)
    frame = page.locator("iframe[title='Trailer: Love in the Big City: the trailer']")
    frame.scroll_into_view_if_needed()
    expect(frame.content_frame.locator("#player")).to_have_text("player")
    # the reactions' script runs: a reaction is counted in place, without a reload
    button = page.locator('button[data-reaction="love"]')
    # (scrolled first: a click that scrolls the long page itself can land before it settles)
    button.scroll_into_view_if_needed()
    button.click()
    expect(button.locator("[data-count]")).to_have_text("1")
    expect(button).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []
    assert [m for m in console if "Content Security Policy" in m or "allow" in m] == []


def test_swagger_ui_and_admin_break_no_policy(
    page: Page, console: list[str], live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Marquee")
    expect(page.locator(".opblock").first).to_be_visible()
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []
    User.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    make_article("in-the-admin", tags=("Film",))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("#login-form input[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("Marquee newsroom")
    # (each page starts its own list of violations: check each)
    page.goto(f"{live_server.url}/admin/newsroom/article/")
    expect(page.locator("#result_list")).to_contain_text("In the admin")
    assert page.evaluate("window.__violations") == []
    page.goto(f"{live_server.url}/admin/catalog/credit/add/")
    page.locator(".select2-selection").first.click()  # the autocomplete's script and styles
    expect(page.locator(".select2-search__field")).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []
    page.goto(f"{live_server.url}/admin/catalog/person/add/")
    page.locator("a", has_text="Today").first.click()  # the date widget's script
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []
    assert [m for m in console if "Content Security Policy" in m] == []

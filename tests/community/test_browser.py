"""The reader features in a real Chromium (Playwright): accounts, reactions, comments,
moderation, XSS payloads, and screenshots of the article page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from marquee.community import services
from marquee.community.models import Comment, CommentReport, CommentStatus
from marquee.community.rendering import render_comment
from marquee.newsroom.models import Article
from tests.browser_tools import chromium_launch, skip_without_chromium
from tests.community.conftest import PASSWORD, ReaderFactory
from tests.community.xss_payloads import XSS_PAYLOADS
from tests.conftest import make_article

# Screenshots go to tests/artifacts/ (ignored by git) so that a test run leaves the tree clean;
# MARQUEE_UPDATE_SCREENSHOTS=1 writes the README's copies in docs/screenshots/ instead.
SCREENSHOTS = Path(__file__).resolve().parents[2] / (
    "docs/screenshots" if os.environ.get("MARQUEE_UPDATE_SCREENSHOTS") == "1" else "tests/artifacts"
)

skip_without_chromium()

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    yield page
    context.close()


@pytest.fixture
def story(db: None) -> Article:
    return make_article(
        "love-in-the-big-city-review",
        title="Love in the Big City is the year's warmest film",
        dek="Kim Go-eun and Noh Sang-hyun make friendship look like the great romance.",
        body=(
            "E.oni's adaptation of Park Sang-young's novel follows Jae-hee and Heung-soo from "
            "their twenties into their thirties.\n\n"
            '> Heung-soo sings "Bad Girl Good Girl" at Jae-hee\'s wedding.\n\n'
            "It premiered at the Toronto International Film Festival in 2024."
        ),
        tags=("film",),
    )


def log_in(page: Page, base_url: str, username: str, next_path: str = "") -> None:
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.stack-form button[type=submit]")
    expect(page.locator(".account-nav__me")).to_contain_text(username)


def reaction(page: Page, key: str) -> Any:
    return page.locator(f'button[data-reaction="{key}"]')


def test_sign_up_react_switch_remove_log_out_and_in(
    page: Page, live_server: Any, story: Article, make_reader: ReaderFactory
) -> None:
    services.reaction_set(reader=make_reader("early"), article=story, kind="love")
    url = f"{live_server.url}{story.get_absolute_url()}"
    page.goto(url)
    # anonymous: counts and an invitation, no buttons
    expect(page.locator('.reaction--readonly[data-reaction="love"] [data-count]')).to_have_text("1")
    expect(page.get_by_text("Log in to join the conversation")).to_be_visible()
    expect(page.locator("button[data-reaction]")).to_have_count(0)

    page.locator(".join").get_by_role("link", name="Create an account").click()
    page.fill("#id_username", "nam-yoonsu")
    page.fill("#id_email", "yoonsu@example.com")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(url + "#comments")
    expect(page.locator(".account-nav__me")).to_contain_text("nam-yoonsu")

    # react: the count changes in place, no reload
    page.evaluate("window.__sameDocument = true")
    reaction(page, "love").click()
    expect(reaction(page, "love").locator("[data-count]")).to_have_text("2")
    expect(reaction(page, "love")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-reactions-status]")).to_have_text(
        "You reacted “Love”. Choose it again to take it back."
    )
    # switch
    reaction(page, "wow").click()
    expect(reaction(page, "wow").locator("[data-count]")).to_have_text("1")
    expect(reaction(page, "love").locator("[data-count]")).to_have_text("1")
    expect(reaction(page, "love")).to_have_attribute("aria-pressed", "false")
    expect(reaction(page, "wow")).to_have_attribute("aria-pressed", "true")
    # remove
    reaction(page, "wow").click()
    expect(reaction(page, "wow").locator("[data-count]")).to_have_text("0")
    expect(reaction(page, "wow")).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.__sameDocument") is True
    # the keyboard works too
    reaction(page, "sad").focus()
    page.keyboard.press("Enter")
    expect(reaction(page, "sad").locator("[data-count]")).to_have_text("1")
    user = User.objects.get(username="nam-yoonsu")
    assert list(user.reactions.values_list("kind", flat=True)) == ["sad"]

    page.get_by_role("button", name="Log out").click()
    expect(page.locator(".account-nav").get_by_role("link", name="Log in")).to_be_visible()
    log_in(page, live_server.url, "nam-yoonsu", story.get_absolute_url())
    expect(reaction(page, "sad")).to_have_attribute("aria-pressed", "true")


def test_reactions_work_without_javascript(
    browser: Browser, live_server: Any, story: Article, reader: User
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, reader.username, story.get_absolute_url())
    reaction(page, "haha").click()
    expect(page).to_have_url(f"{live_server.url}{story.get_absolute_url()}#reactions")
    expect(reaction(page, "haha").locator("[data-count]")).to_have_text("1")
    page.fill("#comment-body", "Posted *without* JavaScript")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment__body em")).to_have_text("without")
    context.close()


def test_comment_reply_edit_report_and_moderation(
    browser: Browser,
    page: Page,
    live_server: Any,
    story: Article,
    make_reader: ReaderFactory,
    moderator: User,
    settings: Any,
) -> None:
    make_reader("jaehee")
    make_reader("heungsoo")
    url = f"{live_server.url}{story.get_absolute_url()}"
    log_in(page, live_server.url, "jaehee", story.get_absolute_url())

    # comment
    page.fill("#comment-body", "Kim Go-eun is **wonderful** here.")
    page.get_by_role("button", name="Post comment").click()
    first = page.locator(".comment", has_text="is wonderful here")
    expect(first.locator(".comment__body strong")).to_have_text("wonderful")
    expect(page.locator(".comments__count")).to_have_text("1")
    comment = Comment.objects.get()

    # edit (own comment, within the window)
    first.get_by_role("link", name="Edit").click()
    page.fill("#edit-body", "Kim Go-eun is **wonderful** here. And Noh Sang-hyun too!")
    page.get_by_role("button", name="Save changes").click()
    edited = page.locator(f"#comment-{comment.pk}")
    expect(edited.locator(".comment__edited")).to_have_text("edited")
    expect(edited.locator(".comment__body")).to_contain_text("And Noh Sang-hyun too!")

    # another reader replies and reports
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    second = other.new_page()
    log_in(second, live_server.url, "heungsoo", story.get_absolute_url())
    target = second.locator(f"#comment-{comment.pk}")
    target.locator("summary", has_text="Reply").click()
    target.locator("textarea").fill("Agreed, the wedding scene!")
    target.get_by_role("button", name="Post reply").click()
    reply = second.locator(".comment-replies .comment", has_text="Agreed, the wedding scene!")
    expect(reply).to_be_visible()
    expect(reply.locator(".pill")).to_have_text("you")
    second.locator(f"#comment-{comment.pk}").get_by_role("link", name="Report").click()
    second.get_by_label("Spam").check()
    second.get_by_role("button", name="Send report").click()
    expect(second.locator(".notice--success")).to_have_text(
        "Thank you. A moderator will review this comment."
    )
    assert CommentReport.objects.get().reason == "spam"

    # the first reader sees the reply in the header
    page.goto(url)
    expect(page.locator("[data-unread-replies]")).to_have_text("1")
    page.locator(".account-nav__replies").click()
    expect(page.locator(".activity")).to_contain_text("Agreed, the wedding scene!")

    # a new reader is pre-moderated; a moderator approves the held comment
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 3
    make_reader("newbie")
    newbie = browser.new_context()
    third = newbie.new_page()
    log_in(third, live_server.url, "newbie", story.get_absolute_url())
    third.fill("#comment-body", "My very first comment")
    third.get_by_role("button", name="Post comment").click()
    held = third.locator(".comment", has_text="My very first comment")
    expect(held.locator(".pill--pending")).to_have_text("Awaiting moderation")
    expect(third.locator("[data-comments-status]")).to_have_text(
        "Thanks! Your comment will appear once a moderator has approved it."
    )
    page.goto(url)
    expect(page.get_by_text("My very first comment")).to_have_count(0)

    moderating = browser.new_context()
    mod_page = moderating.new_page()
    log_in(mod_page, live_server.url, moderator.username, "/moderation/")
    item = mod_page.locator(".queue-item", has_text="My very first comment")
    expect(item).to_contain_text("Held: New reader: first comments are reviewed")
    item.get_by_role("button", name="Approve").click()
    expect(mod_page.locator(".notice--success")).to_have_text("Approved the comment by newbie.")
    expect(mod_page.locator(".queue-item", has_text="My very first comment")).to_have_count(0)
    assert Comment.objects.get(body="My very first comment").status == CommentStatus.PUBLISHED
    page.goto(url)
    expect(page.get_by_text("My very first comment")).to_be_visible()
    for context in (other, newbie, moderating):
        context.close()


def test_refusals_are_explained_in_place(
    page: Page, live_server: Any, story: Article, reader: User
) -> None:
    log_in(page, live_server.url, reader.username, story.get_absolute_url())
    page.fill("#comment-body", "Same words twice")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment", has_text="Same words twice")).to_have_count(1)
    page.fill("#comment-body", "Same words twice")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comments > .comment-form [data-form-error]")).to_have_text(
        "You just posted this same comment. Write something new, or edit the one you posted."
    )
    expect(page.locator(".comment", has_text="Same words twice")).to_have_count(1)


def test_xss_payloads_are_inert_in_the_browser(
    page: Page, live_server: Any, story: Article, reader: User, settings: Any
) -> None:
    settings.MARQUEE_COMMENTS_PER_PAGE = 500
    # stored as the comment service stores them (the HTTP path is covered in test_security)
    Comment.objects.bulk_create(
        Comment(
            article=story,
            author=reader,
            body=payload,
            body_html=render_comment(payload),
            status=CommentStatus.PUBLISHED,
        )
        for payload in XSS_PAYLOADS
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(
        "for (const name of ['alert', 'confirm', 'prompt']) {"
        "  const original = window[name];"
        "  window[name] = function () { window.__xss = (window.__xss || 0) + 1;"
        "    return original.apply(this, arguments); }; }"
    )
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    expect(page.locator(".comment")).to_have_count(len(XSS_PAYLOADS))
    page.locator(".comment__body a").first.hover()
    for body in page.locator(".comment__body").all()[:40]:
        body.hover()
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("window.__xss || 0") == 0
    scripts = page.evaluate("[...document.scripts].map(s => s.src || s.type)")
    assert all(
        s.endswith(("/static/community/community.js", "/static/web/share.js"))
        or s == "application/ld+json"
        for s in scripts
    )
    hrefs = page.evaluate(
        "[...document.querySelectorAll('.comment__body a[href]')].map(a => a.href)"
    )
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert page.locator(".comment__body :is(script, img, svg, iframe, object, embed)").count() == 0


def test_article_screenshots(
    browser: Browser, live_server: Any, story: Article, make_reader: ReaderFactory
) -> None:
    """Saves comments-desktop.png and comments-mobile.png (see SCREENSHOTS)."""
    jaehee, heungsoo, mira, dan = (make_reader(n) for n in ("jaehee", "heungsoo", "mira", "dan"))
    for person, kind in [(jaehee, "love"), (heungsoo, "love"), (mira, "wow"), (dan, "haha")]:
        services.reaction_set(reader=person, article=story, kind=kind)
    root = services.comment_post(
        author=mira,
        article=story,
        body="The police station scene wrecked me. *Kim Go-eun* has never been better.",
    )
    reply = services.comment_post(
        author=heungsoo, article=story, body="> never been better\n\nAgreed!", parent_id=root.pk
    )
    services.comment_like_toggle(reader=dan, comment=root)
    services.comment_like_toggle(reader=jaehee, comment=root)
    services.comment_like_toggle(reader=mira, comment=reply)
    services.comment_post(
        author=dan,
        article=story,
        body="Read the novel first: Anton Hur's translation is **superb**.",
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in [
        ("comments-desktop.png", {"width": 1280, "height": 900}),
        ("comments-mobile.png", {"width": 390, "height": 844}),
    ]:
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        page = context.new_page()
        log_in(page, live_server.url, "jaehee", story.get_absolute_url())
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
        context.close()
        assert (SCREENSHOTS / name).stat().st_size > 10_000

"""A story's way through the newsroom in a real Chromium (Playwright): a writer drafts it in
the admin and submits it in the editorial area, an editor schedules it in Seoul time, it
stays invisible until its time, goes live, is edited (a draft revision readers do not see)
and published again with a correction readers do see."""

from __future__ import annotations

import datetime
import os
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from marquee.newsroom import services
from marquee.newsroom.models import Article, ArticleStatus, Correction
from tests.browser_tools import chromium_launch, skip_without_chromium

# Playwright's sync API runs an event loop in this thread; the ORM calls made between page
# actions are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

skip_without_chromium()

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-staple"
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = chromium_launch(playwright)
        yield chromium
        chromium.close()


def member(username: str, group: str) -> User:
    user = User.objects.create_user(
        username, email=f"{username}@example.com", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(browser: Browser, base: str, username: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/?next=/editorial/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.stack-form button[type=submit]")
    expect(page).to_have_url(f"{base}/editorial/")
    return page


def test_a_story_from_draft_through_review_to_a_scheduled_publication_and_a_correction(
    browser: Browser, live_server: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    base = live_server.url
    member("writer", "Writers")
    member("editor", "Editors")

    # The writer drafts the story in the admin and submits it in the editorial area.
    writer = logged_in(browser, base, "writer")
    writer.goto(f"{base}/admin/newsroom/article/add/")
    writer.fill("#id_title", "Embargoed: the festival line-up")
    writer.locator("#id_slug").clear()
    writer.fill("#id_slug", "festival-line-up")
    writer.fill("#id_body", "The line-up is out.\n\nIt opens on 2 October.")
    writer.click("input[name=_save]")
    article = Article.objects.get(slug="festival-line-up")
    assert (article.status, article.owner.get_username()) == (ArticleStatus.DRAFT, "writer")
    writer.goto(f"{base}/editorial/")
    drafts = writer.locator("[data-section=my-drafts]")
    drafts.get_by_role("link", name="Embargoed: the festival line-up").click()
    expect(writer.locator("[data-form=publish]")).to_have_count(0)
    writer.fill("#id_submit-note", "Ready; embargoed until tomorrow morning in Seoul")
    writer.get_by_role("button", name="Submit for review").click()
    expect(writer.locator("[data-state]")).to_have_text("In review")
    expect(writer.locator(".notices")).to_contain_text("Submitted for review.")

    # The editor finds it waiting and schedules it in Seoul time, a minute or two from now.
    editor = logged_in(browser, base, "editor")
    waiting = editor.locator("[data-section=waiting-for-review]")
    waiting.get_by_role("link", name="Embargoed: the festival line-up").click()
    at = (timezone.now() + datetime.timedelta(minutes=2)).astimezone(SEOUL).replace(second=0,
                                                                                  microsecond=0)  # fmt: skip
    editor.fill("#id_schedule-at", at.strftime("%Y-%m-%dT%H:%M"))
    editor.fill("#id_schedule-note", "Embargo lifts")
    editor.get_by_role("button", name="Schedule", exact=True).click()
    expect(editor.locator(".notices")).to_contain_text(
        f"Scheduled for {at:%Y-%m-%d %H:%M} (Asia/Seoul)."
    )
    expect(editor.locator("[data-published-at]")).to_have_text(f"{at.day} {at:%B %Y, %H:%M} KST")
    article.refresh_from_db()
    assert article.status == ArticleStatus.SCHEDULED
    assert article.published_at == at.astimezone(datetime.UTC)
    editor.goto(f"{base}/editorial/")
    expect(editor.locator(f"[data-section=scheduled] [data-day='{at:%Y-%m-%d}']")).to_have_count(1)

    # Not public before its time, to readers or anywhere else.
    reader = Client()
    assert reader.get("/articles/festival-line-up/").status_code == 404
    assert "Embargoed" not in reader.get("/").content.decode()

    # The clock moves past the time; the queued job (run here by hand) records the publication.
    later = at.astimezone(datetime.UTC) + datetime.timedelta(seconds=1)
    offset = later - timezone.now()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)
    assert services.articles_publish_due().published == ["festival-line-up"]
    editor.goto(f"{base}/articles/festival-line-up/")
    expect(editor.locator("#article-title")).to_have_text("Embargoed: the festival line-up")

    # The editor edits the live story: a draft revision readers do not see yet.
    editor.goto(f"{base}/admin/newsroom/article/{article.pk}/change/")
    editor.fill("#id_body", "The line-up is out.\n\nIt opens on 3 October.")
    editor.click("input[name=_save]")
    article.refresh_from_db()
    assert article.pending_revision is not None
    assert "3 October" not in reader.get("/articles/festival-line-up/").content.decode()

    # ... compares it with what is live, and publishes it with a correction.
    editor.goto(f"{base}/editorial/articles/{article.pk}/")
    expect(editor.locator("[data-pending]")).to_be_visible()
    editor.get_by_role("button", name="Compare").click()
    expect(editor.locator("[data-diff-body] del")).to_have_text("- It opens on 2 October.")
    expect(editor.locator("[data-diff-body] ins")).to_have_text("+ It opens on 3 October.")
    editor.fill("#id_publish-correction", "An earlier version gave the wrong opening date.")
    editor.get_by_role("button", name="Publish now").click()
    expect(editor.locator(".notices")).to_contain_text("Published.")
    expect(editor.locator("[data-pending]")).to_have_count(0)
    assert list(Correction.objects.values_list("text", flat=True)) == [
        "An earlier version gave the wrong opening date."
    ]

    # Readers see the corrected story, marked updated, with the correction.
    public = browser.new_page()  # a reader, in a context of their own
    public.goto(f"{base}/articles/festival-line-up/")
    expect(public.locator(".article__body")).to_contain_text("It opens on 3 October.")
    expect(public.locator(".meta__updated")).to_contain_text("Updated")
    expect(public.locator(".corrections")).to_contain_text(
        "An earlier version gave the wrong opening date."
    )

    # The writer hears what happened to their story.
    writer.goto(f"{base}/editorial/")
    happened = writer.locator("[data-section=what-happened]")
    expect(happened).to_contain_text("editor — published")
    expect(happened).to_contain_text("editor — scheduled")

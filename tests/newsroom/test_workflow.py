"""The editorial workflow at the service level (docs/workflow.md): every transition with its
audit row, wrong transitions, scheduling in the newsroom's time zone, the due job (late and
repeated), revisions, corrections and preview tokens; and that scheduled and in-review
articles are invisible to readers everywhere until their time."""

from __future__ import annotations

import datetime
import time
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core import signing
from django.test import Client
from django.utils import timezone

from marquee.newsroom import services
from marquee.newsroom import tasks as newsroom_tasks
from marquee.newsroom.article_format import ArticleInput, SourceInput
from marquee.newsroom.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    Correction,
    EditorialAction,
    EditorialEvent,
    RevisionState,
)
from marquee.tasks.models import Job
from tests.conftest import make_article

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
UTC = datetime.UTC
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
DAY = datetime.datetime(2024, 9, 12, 9, tzinfo=UTC)
# Decades ahead, so that "later" stays later whenever the suite runs.
LATER = datetime.datetime(2066, 12, 1, 9, 0, tzinfo=SEOUL)  # midnight UTC
MOMENT = datetime.timedelta(microseconds=1)


def member(username: str, group: str) -> User:
    user = User.objects.create_user(username=username, email=f"{username}@example.com")
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def writer() -> User:
    return member("writer", "Writers")


@pytest.fixture
def editor() -> User:
    return member("editor", "Editors")


def _events(article: Article) -> list[tuple[Any, ...]]:
    """The article's audit trail, oldest first: (actor, action, from, to, note)."""
    return [
        (
            event.actor.username if event.actor else None,
            event.action,
            event.from_state,
            event.to_state,
            event.note,
        )
        for event in EditorialEvent.objects.filter(article=article, refused=False).order_by("pk")
    ]


def _fresh(article: Article) -> Article:
    return Article.objects.get(pk=article.pk)


def _input(slug: str, **fields: Any) -> ArticleInput:
    return ArticleInput(**{"title": slug.capitalize(), "slug": slug, "body": "Body.", **fields})


# Transitions ------------------------------------------------------------------------------


def test_draft_to_review_and_back_to_draft(writer: User, editor: User) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT, by=writer)
    assert services.article_submit(article=story, by=writer, note="Ready").status == "review"
    returned = services.article_return(article=story, by=editor, note="Needs a second source")
    assert returned.status == ArticleStatus.DRAFT == _fresh(story).status
    assert _events(story) == [
        ("writer", EditorialAction.CREATE, "", "draft", ""),
        ("writer", EditorialAction.SUBMIT, "draft", "review", "Ready"),
        ("editor", EditorialAction.RETURN, "review", "draft", "Needs a second source"),
    ]


def test_a_writer_withdraws_their_own_submission(writer: User) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT, by=writer)
    services.article_submit(article=story, by=writer)
    services.article_return(article=story, by=writer, note="  One more fact  ")
    assert _events(story)[-1] == (
        "writer",
        EditorialAction.RETURN,
        "review",
        "draft",
        "One more fact",
    )


def test_review_to_scheduled_then_cancelled_back_to_draft(writer: User, editor: User) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT, by=writer)
    services.article_submit(article=story, by=writer)
    scheduled = services.article_publish(article=story, at=LATER, by=editor, note="Embargo")
    assert (scheduled.status, scheduled.published_at) == (ArticleStatus.SCHEDULED, LATER)
    job = Job.objects.get(task_path=newsroom_tasks.articles_publish_due.module_path)
    assert job.run_after == LATER
    with pytest.raises(services.EditorialRefused, match="^writer may not publish, schedule"):
        services.article_return(article=_fresh(story), by=writer)
    services.article_return(article=_fresh(story), by=editor, note="The embargo moved")
    assert _fresh(story).status == ArticleStatus.DRAFT
    assert _events(story)[2:] == [
        ("editor", EditorialAction.SCHEDULE, "review", "scheduled", "Embargo"),
        ("editor", EditorialAction.RETURN, "scheduled", "draft", "The embargo moved"),
    ]


def test_a_writer_cannot_cancel_a_schedule_made_after_they_loaded_the_article(
    writer: User, editor: User
) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT, by=writer)
    services.article_submit(article=story, by=writer)
    seen_by_the_writer = _fresh(story)  # in review when their page loaded
    services.article_publish(article=_fresh(story), at=LATER, by=editor)
    with pytest.raises(services.EditorialRefused, match="^writer may not publish, schedule"):
        services.article_return(article=seen_by_the_writer, by=writer)
    assert _fresh(story).status == ArticleStatus.SCHEDULED


def test_the_due_job_publishes_a_scheduled_article_at_its_time(editor: User) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT)
    services.article_publish(article=story, at=LATER, by=editor)
    assert services.articles_publish_due(now=LATER - MOMENT) == services.DueReport()
    assert _fresh(story).status == ArticleStatus.SCHEDULED
    report = services.articles_publish_due(now=LATER)
    assert report == services.DueReport(published=["story"], unpublished=[])
    story = _fresh(story)
    assert (story.status, story.published_at) == (ArticleStatus.PUBLISHED, LATER)
    assert _events(story)[-1] == (
        None,
        EditorialAction.PUBLISH,
        "scheduled",
        "published",
        "The scheduled time came",
    )


def test_published_to_unpublished_now_keeps_the_date(editor: User) -> None:
    story = make_article("story", published_at=DAY)
    unpublished = services.article_unpublish(article=story, by=editor, note="Legal asked")
    assert (unpublished.status, unpublished.published_at) == (ArticleStatus.UNPUBLISHED, DAY)
    assert not Article.objects.published().filter(pk=story.pk).exists()
    assert _events(story) == [
        (None, EditorialAction.CREATE, "", "published", ""),
        ("editor", EditorialAction.UNPUBLISH, "published", "unpublished", "Legal asked"),
    ]


def test_published_to_unpublished_at_a_later_time(editor: User) -> None:
    story = make_article("story", published_at=DAY)
    kept = services.article_unpublish(article=story, at=LATER, by=editor)
    assert (kept.status, kept.unpublish_at) == (ArticleStatus.PUBLISHED, LATER)
    assert _events(story)[-1] == (
        "editor",
        EditorialAction.SCHEDULE_UNPUBLISH,
        "published",
        "published",
        "Unpublishing at 2066-12-01T09:00:00+09:00",
    )
    assert Article.objects.published(now=LATER - MOMENT).filter(pk=story.pk).exists()
    assert not Article.objects.published(now=LATER).filter(pk=story.pk).exists()
    assert services.articles_publish_due(now=LATER) == services.DueReport(unpublished=["story"])
    story = _fresh(story)
    assert (story.status, story.unpublish_at, story.published_at) == (
        ArticleStatus.UNPUBLISHED,
        None,
        DAY,
    )
    assert _events(story)[-1] == (
        None,
        EditorialAction.UNPUBLISH,
        "published",
        "unpublished",
        "The scheduled time to unpublish came",
    )
    assert services.articles_publish_due(now=LATER) == services.DueReport()


def test_unpublished_back_to_review_then_published_with_its_date(
    writer: User, editor: User
) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT, by=writer)
    services.article_publish(article=story, at=DAY, by=editor)
    services.article_unpublish(article=story, by=editor)
    services.article_submit(article=story, by=writer, note="Fixed the quote")
    assert _fresh(story).status == ArticleStatus.IN_REVIEW
    republished = services.article_publish(article=story, by=editor, note="Back up")
    assert (republished.status, republished.published_at) == (ArticleStatus.PUBLISHED, DAY)
    assert _events(story)[1:] == [
        ("editor", EditorialAction.PUBLISH, "draft", "published", ""),
        ("editor", EditorialAction.UNPUBLISH, "published", "unpublished", ""),
        ("writer", EditorialAction.SUBMIT, "unpublished", "review", "Fixed the quote"),
        ("editor", EditorialAction.PUBLISH, "review", "published", "Back up"),
    ]


def test_an_unpublished_article_is_published_again_directly(editor: User) -> None:
    story = make_article("story", published_at=DAY)
    services.article_unpublish(article=story, by=editor)
    services.article_publish(article=story, by=editor)
    assert _events(story)[-1] == ("editor", EditorialAction.PUBLISH, "unpublished", "published", "")
    assert Article.objects.published().filter(pk=story.pk).exists()


@pytest.mark.parametrize(
    ("status", "move", "message"),
    [
        (
            ArticleStatus.PUBLISHED,
            "submit",
            "only a draft or an unpublished article can be submitted; this one is published",
        ),
        (
            ArticleStatus.IN_REVIEW,
            "submit",
            "only a draft or an unpublished article can be submitted; this one is in review",
        ),
        (
            ArticleStatus.SCHEDULED,
            "submit",
            "only a draft or an unpublished article can be submitted; this one is scheduled",
        ),
        (
            ArticleStatus.DRAFT,
            "return",
            "only an article in review or scheduled can go back to draft; this one is draft",
        ),
        (
            ArticleStatus.PUBLISHED,
            "return",
            "only an article in review or scheduled can go back to draft; this one is published",
        ),
        (
            ArticleStatus.DRAFT,
            "unpublish later",
            "only a published or scheduled article can be unpublished later",
        ),
        (ArticleStatus.DRAFT, "long note", "the note is 2001 characters; the limit is 2000"),
    ],
)
def test_a_wrong_transition_is_refused_with_a_message_and_changes_nothing(
    editor: User, status: str, move: str, message: str
) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT)
    if status == ArticleStatus.IN_REVIEW:
        services.article_submit(article=story, by=editor)
    elif status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        at = LATER if status == ArticleStatus.SCHEDULED else DAY
        services.article_publish(article=story, at=at, by=editor)
    story = _fresh(story)
    events = EditorialEvent.objects.count()
    attempts = {
        "submit": lambda: services.article_submit(article=story, by=editor),
        "return": lambda: services.article_return(article=story, by=editor),
        "unpublish later": lambda: services.article_unpublish(article=story, at=LATER, by=editor),
        "long note": lambda: services.article_submit(article=story, by=editor, note="x" * 2001),
    }
    with pytest.raises(ValueError) as refused:
        attempts[move]()
    assert str(refused.value) == message
    assert _fresh(story).status == status
    assert EditorialEvent.objects.count() == events


@pytest.mark.parametrize("status", [ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW])
def test_unpublishing_an_article_that_was_never_public_is_a_wrong_transition(
    editor: User, status: str
) -> None:
    story = make_article("story", status=ArticleStatus.DRAFT)
    if status == ArticleStatus.IN_REVIEW:
        services.article_submit(article=story, by=editor)
    events = EditorialEvent.objects.count()
    with pytest.raises(ValueError) as refused:
        services.article_unpublish(article=story, by=editor)
    state = "draft" if status == ArticleStatus.DRAFT else "in review"
    assert str(refused.value) == (
        f"only a published or scheduled article can be unpublished; this one is {state}"
    )
    assert _fresh(story).status == status
    assert EditorialEvent.objects.count() == events


# Scheduling in the newsroom's time zone ---------------------------------------------------


def test_a_time_given_in_seoul_is_stored_in_utc_and_public_from_that_moment(
    editor: User,
) -> None:
    assert services.member_time_zone(editor) == SEOUL  # the newsroom's default
    story = make_article("story", status=ArticleStatus.DRAFT)
    services.article_publish(article=story, at=LATER, by=editor)
    story = _fresh(story)
    assert story.published_at == datetime.datetime(2066, 12, 1, 0, 0, tzinfo=UTC)
    assert story.published_at.utcoffset() == datetime.timedelta(0)
    assert story.published_at.astimezone(SEOUL).isoformat() == "2066-12-01T09:00:00+09:00"
    assert story.status == ArticleStatus.SCHEDULED
    # Public from its time whether or not the due job has run.
    assert not Article.objects.published(now=LATER - MOMENT).filter(pk=story.pk).exists()
    assert Article.objects.published(now=LATER).filter(pk=story.pk).exists()
    assert _fresh(story).status == ArticleStatus.SCHEDULED


def test_a_members_own_time_zone(editor: User) -> None:
    services.member_time_zone_set(editor, "Europe/London")
    assert services.member_time_zone(editor) == zoneinfo.ZoneInfo("Europe/London")
    with pytest.raises(ValueError) as refused:
        services.member_time_zone_set(editor, "Mars/Olympus")
    assert (
        str(refused.value) == "'Mars/Olympus' is not a time zone (try Asia/Seoul or Europe/London)"
    )
    assert services.member_time_zone(editor) == zoneinfo.ZoneInfo("Europe/London")


def test_a_late_run_does_everything_due_at_once_and_a_second_run_nothing(editor: User) -> None:
    times = [LATER, LATER + datetime.timedelta(hours=1), LATER + datetime.timedelta(hours=2)]
    for n, at in enumerate(times):
        story = make_article(f"story-{n}", status=ArticleStatus.DRAFT)
        services.article_publish(article=story, at=at, by=editor)
    live = make_article("live", published_at=DAY)
    services.article_unpublish(article=live, at=times[1], by=editor)
    waiting = make_article("waiting", status=ArticleStatus.DRAFT)
    services.article_publish(article=waiting, at=LATER + datetime.timedelta(days=1), by=editor)

    late = times[-1] + datetime.timedelta(hours=5)
    assert services.articles_publish_due(now=late) == services.DueReport(
        published=["story-0", "story-1", "story-2"], unpublished=["live"]
    )
    stories = Article.objects.filter(slug__startswith="story-").order_by("slug")
    assert [(s.status, s.published_at) for s in stories] == [
        (ArticleStatus.PUBLISHED, at) for at in times
    ]
    assert _fresh(live).status == ArticleStatus.UNPUBLISHED
    assert _fresh(waiting).status == ArticleStatus.SCHEDULED
    events = EditorialEvent.objects.count()
    assert services.articles_publish_due(now=late) == services.DueReport()
    assert EditorialEvent.objects.count() == events


# Revisions --------------------------------------------------------------------------------


def _revisions(article: Article) -> list[tuple[Any, ...]]:
    """Oldest first: (state, title, body, message, author)."""
    return [
        (r.state, r.title, r.body, r.message, r.created_by.username if r.created_by else None)
        for r in ArticleRevision.objects.filter(article=article).order_by("created_at", "pk")
    ]


def test_every_save_stores_a_revision(writer: User, editor: User) -> None:
    story = make_article("story", title="First", body="One.", status="draft", by=writer)
    services.article_update(
        article=story,
        article_input=_input("story", title="Second", body="Two."),
        status=ArticleStatus.DRAFT,
        by=writer,
        message="Sharper",
    )
    services.article_update(
        article=_fresh(story),
        article_input=_input("story", title="Second", body="Two."),
        status=ArticleStatus.DRAFT,
        by=writer,
    )
    assert _revisions(story) == [
        (RevisionState.DRAFT, "First", "One.", "Created", "writer"),
        (RevisionState.DRAFT, "Second", "Two.", "Sharper", "writer"),
    ]
    services.article_publish(article=story, at=DAY, by=editor)
    assert [state for state, *_ in _revisions(story)] == [RevisionState.DRAFT, RevisionState.LIVE]


def test_a_members_edit_of_a_live_article_waits_as_a_draft_revision(
    editor: User, client: Client
) -> None:
    story = make_article("story", title="Original", body="Original body.", published_at=DAY)
    services.article_update(
        article=story,
        article_input=_input("story", title="Rewritten", body="New body.", tags=("Festivals",)),
        status=ArticleStatus.PUBLISHED,
        by=editor,
        message="Rewrite",
    )
    story = _fresh(story)
    assert (story.title, story.body, list(story.tags.all())) == ("Original", "Original body.", [])
    pending = story.pending_revision
    assert pending is not None
    assert (pending.state, pending.title, pending.body, pending.tags, pending.message) == (
        RevisionState.DRAFT,
        "Rewritten",
        "New body.",
        ["Festivals"],
        "Rewrite",
    )
    page = client.get("/articles/story/").content.decode()
    assert "Original" in page and "Rewritten" not in page
    assert client.get("/api/v1/articles/story").json()["title"] == "Original"
    assert _events(story)[-1] == (
        "editor",
        EditorialAction.EDIT,
        "published",
        "published",
        "Rewrite",
    )

    services.article_publish(article=story, by=editor)
    story = _fresh(story)
    assert (story.title, story.body, story.pending_revision, story.published_at) == (
        "Rewritten",
        "New body.",
        None,
        DAY,
    )
    assert [t.name for t in story.tags.all()] == ["Festivals"]
    assert _revisions(story) == [
        (RevisionState.SUPERSEDED, "Original", "Original body.", "Created", None),
        (RevisionState.LIVE, "Rewritten", "New body.", "Rewrite", "editor"),
    ]
    assert "Rewritten" in client.get("/articles/story/").content.decode()


def test_restoring_a_revision_saves_its_content_as_a_new_revision(writer: User) -> None:
    sources = (SourceInput(name="TIFF", url="https://tiff.net"),)
    story = make_article(
        "story",
        title="First",
        body="One.",
        status="draft",
        tags=("Film",),
        sources=sources,
        dek="A dek.",
        by=writer,
    )
    first = story.revisions.get()
    services.article_update(
        article=story,
        article_input=_input("story", title="Second", body="Two."),
        status=ArticleStatus.DRAFT,
        by=writer,
    )
    restored = services.article_restore(revision=first, by=writer)
    assert (restored.title, restored.body, restored.dek) == ("First", "One.", "A dek.")
    assert [t.name for t in restored.tags.all()] == ["Film"]
    assert [(s.name, s.url) for s in restored.sources.all()] == [("TIFF", "https://tiff.net")]
    newest = ArticleRevision.objects.filter(article=story).order_by("-pk").first()
    assert newest is not None and newest.pk != first.pk
    assert (newest.title, newest.body, newest.dek, newest.tags, newest.sources) == (
        "First",
        "One.",
        "A dek.",
        ["Film"],
        [{"name": "TIFF", "url": "https://tiff.net"}],
    )
    assert (newest.message, newest.created_by, newest.state) == (
        f"Restored revision {first.pk}",
        writer,
        RevisionState.DRAFT,
    )
    assert story.revisions.count() == 3
    assert _events(story)[-1] == (
        "writer",
        EditorialAction.RESTORE,
        "draft",
        "draft",
        f"Restored revision {first.pk}",
    )


def test_restoring_a_revision_of_a_live_article_waits_for_an_editor(editor: User) -> None:
    story = make_article("story", title="First", published_at=DAY)
    first = ArticleRevision.objects.get(article=story)
    make_article("story", title="Second", published_at=DAY)  # the operator: applied at once
    services.article_restore(revision=ArticleRevision.objects.get(pk=first.pk), by=editor)
    story = _fresh(story)
    assert story.title == "Second"
    assert story.pending_revision is not None and story.pending_revision.title == "First"
    services.article_publish(article=story, by=editor)
    assert _fresh(story).title == "First"


def test_an_operator_import_of_a_live_article_applies_at_once() -> None:
    story = make_article("story", title="First", published_at=DAY)
    services.articles_import(article_inputs=[_input("story", title="Imported", published_at=DAY)])
    story = _fresh(story)
    assert (story.title, story.pending_revision, story.status) == (
        "Imported",
        None,
        ArticleStatus.PUBLISHED,
    )
    assert [(state, title) for state, title, *_ in _revisions(story)] == [
        (RevisionState.SUPERSEDED, "First"),
        (RevisionState.LIVE, "Imported"),
    ]


# Corrections ------------------------------------------------------------------------------


def test_publishing_with_a_correction_records_it(editor: User) -> None:
    story = make_article("story", body="Kim Go-eun in Busan.", published_at=DAY)
    services.article_update(
        article=story,
        article_input=_input("story", body="Kim Go-eun in Toronto.", title="Story"),
        status="published",
        by=editor,
    )
    pending = _fresh(story).pending_revision
    before = timezone.now()
    services.article_publish(
        article=story, by=editor, correction="An earlier version placed the premiere in Busan."
    )
    correction = Correction.objects.get()
    assert (correction.article_id, correction.revision, correction.text) == (
        story.pk,
        pending,
        "An earlier version placed the premiere in Busan.",
    )
    assert before <= correction.published_at <= timezone.now()
    assert _events(story)[-1] == (
        "editor",
        EditorialAction.PUBLISH,
        "published",
        "published",
        "Correction: An earlier version placed the premiere in Busan.",
    )


def test_a_silent_update_records_no_correction(editor: User) -> None:
    story = make_article("story", body="Kim Go-eun in Torotno.", published_at=DAY)
    services.article_update(
        article=story,
        article_input=_input("story", body="Kim Go-eun in Toronto.", title="Story"),
        status="published",
        by=editor,
    )
    services.article_publish(article=story, by=editor)
    assert not Correction.objects.exists()
    assert _fresh(story).body == "Kim Go-eun in Toronto."
    assert _events(story)[-1] == ("editor", EditorialAction.PUBLISH, "published", "published", "")


# Preview tokens ---------------------------------------------------------------------------


@pytest.fixture
def draft_revision(writer: User) -> ArticleRevision:
    return make_article("story", status=ArticleStatus.DRAFT, by=writer).revisions.get()


def test_a_preview_token_shows_its_revision_until_it_expires(
    draft_revision: ArticleRevision, editor: User
) -> None:
    link = services.preview_link_create(revision=draft_revision, by=editor)
    assert link.expires_at - link.created_at == datetime.timedelta(days=7)
    token = services.preview_token(link)
    assert services.preview_revision(token) == draft_revision
    assert services.preview_revision(token, now=link.expires_at - MOMENT) == draft_revision
    with pytest.raises(services.PreviewInvalid):
        services.preview_revision(token, now=link.expires_at)
    assert _events(draft_revision.article)[-1] == (
        "editor",
        EditorialAction.PREVIEW_LINK,
        "draft",
        "draft",
        f"Until {link.expires_at.isoformat()}",
    )


def test_a_revoked_preview_token_is_invalid(draft_revision: ArticleRevision, writer: User) -> None:
    link = services.preview_link_create(revision=draft_revision, by=writer, days=1)
    token = services.preview_token(link)
    services.preview_link_revoke(link=link, by=writer)
    assert link.revoked_at is not None
    with pytest.raises(services.PreviewInvalid):
        services.preview_revision(token)
    assert _events(draft_revision.article)[-1][:4] == (
        "writer",
        EditorialAction.PREVIEW_REVOKE,
        "draft",
        "draft",
    )


def test_a_tampered_or_foreign_preview_token_is_invalid(
    draft_revision: ArticleRevision, writer: User
) -> None:
    link = services.preview_link_create(revision=draft_revision, by=writer)
    token = services.preview_token(link)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    other_link = signing.dumps(link.pk + 1, salt="marquee.newsroom.preview")[:-1] + token[-1]
    unsigned = signing.dumps(link.pk, salt="another purpose")
    for bad in (tampered, other_link, unsigned, "", "not-a-token"):
        with pytest.raises(services.PreviewInvalid):
            services.preview_revision(bad)
    missing = signing.dumps(link.pk + 1, salt="marquee.newsroom.preview")
    with pytest.raises(services.PreviewInvalid):
        services.preview_revision(missing)


def test_a_preview_link_is_made_only_by_those_who_may_edit(
    draft_revision: ArticleRevision,
) -> None:
    other = member("other", "Writers")
    with pytest.raises(services.EditorialRefused) as refused:
        services.preview_link_create(revision=draft_revision, by=other)
    assert str(refused.value) == "other may not share previews of this article"
    with pytest.raises(ValueError) as wrong:
        services.preview_link_create(revision=draft_revision, by=None, days=31)
    assert str(wrong.value) == "a preview link lasts from a moment to 30 days, not 31"


# Visibility -------------------------------------------------------------------------------

PUBLISHED = "love-in-toronto"
RELATED = "toronto-diary"
SCHEDULED = "embargoed-interview"
IN_REVIEW = "pending-profile"
TITLES = {
    PUBLISHED: "Kim Go-eun brings Love in the Big City to Toronto",
    RELATED: "Toronto diary with Noh Sang-hyun",
    SCHEDULED: "Embargoed interview with Kim Go-eun",
    IN_REVIEW: "Pending profile of Kim Go-eun",
}
# Every place a published article shows, with the published article that must show there.
PLACES = [
    ("home", "/", PUBLISHED),
    ("tag page", "/tags/festivals/", PUBLISHED),
    ("person page", "/people/kim-go-eun/", PUBLISHED),
    ("title page", "/titles/love-in-the-big-city-film/", PUBLISHED),
    ("similar articles on a page", f"/articles/{PUBLISHED}/", RELATED),
    ("search", "/search/?q=Toronto", PUBLISHED),
    ("RSS", "/feeds/latest.rss", PUBLISHED),
    ("Atom", "/feeds/latest.atom", PUBLISHED),
    ("tag feed", "/feeds/tags/festivals.rss", PUBLISHED),
    ("person feed", "/feeds/people/kim-go-eun.atom", PUBLISHED),
    ("title feed", "/feeds/titles/love-in-the-big-city-film.rss", PUBLISHED),
    ("sitemap of articles", "/sitemap-articles.xml", PUBLISHED),
    ("news sitemap", "/sitemap-news.xml", PUBLISHED),
    ("API: articles", "/api/v1/articles", PUBLISHED),
    ("API: articles about a person", "/api/v1/articles?person=kim-go-eun", PUBLISHED),
    ("API: articles with a tag", "/api/v1/articles?tag=festivals", PUBLISHED),
    ("API: similar articles", f"/api/v1/articles/{PUBLISHED}/similar", RELATED),
    ("API: search", "/api/v1/search?q=Toronto", PUBLISHED),
]
OWN_ADDRESSES = ["/articles/{}/", "/api/v1/articles/{}", "/api/v1/articles/{}/similar"]


def _newsroom(
    editor: User, capture: Capture, scheduled: datetime.datetime | datetime.timedelta
) -> datetime.datetime:
    """Two published articles, one scheduled (at a time, or this long after it is scheduled)
    and one in review, all about Kim Go-eun in Toronto with the tag Festivals, linked and
    indexed; returns the scheduled time."""
    now = timezone.now()
    bodies = {
        PUBLISHED: "Kim Go-eun and Steve Noh presented Love in the Big City in Toronto.",
        RELATED: "Noh Sang-hyun and Kim Go-eun in Toronto for Love in the Big City.",
        SCHEDULED: "Kim Go-eun on Love in the Big City after Toronto, with Steve Noh.",
        IN_REVIEW: "Kim Go-eun, Love in the Big City, Toronto and Noh Sang-hyun.",
    }
    with capture(execute=True):
        for n, slug in enumerate([PUBLISHED, RELATED]):
            make_article(
                slug,
                title=TITLES[slug],
                body=bodies[slug],
                tags=("Festivals",),
                published_at=now - datetime.timedelta(hours=2 - n),
            )
        for slug in (SCHEDULED, IN_REVIEW):
            make_article(
                slug,
                title=TITLES[slug],
                body=bodies[slug],
                tags=("Festivals",),
                status=ArticleStatus.DRAFT,
                by=editor,
            )
    with capture(execute=True):
        at = timezone.now() + scheduled if isinstance(scheduled, datetime.timedelta) else scheduled
        services.article_publish(article=Article.objects.get(slug=SCHEDULED), at=at, by=editor)
        services.article_submit(article=Article.objects.get(slug=IN_REVIEW), by=editor)
    return at


def _mentions(content: str, slug: str) -> bool:
    return slug in content or TITLES[slug] in content


def _shown(client: Client) -> dict[str, list[str]]:
    """Which of the scheduled and the in-review article each place shows."""
    shown = {}
    for name, path, _ in PLACES:
        response = client.get(path)
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        content = response.content.decode()
        shown[name] = [slug for slug in (SCHEDULED, IN_REVIEW) if _mentions(content, slug)]
    return shown


@pytest.mark.parametrize(("name", "path", "published"), PLACES, ids=[p[0] for p in PLACES])
def test_scheduled_and_in_review_articles_appear_nowhere(
    small_kb: Any,
    editor: User,
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    name: str,
    path: str,
    published: str,
) -> None:
    _newsroom(editor, django_capture_on_commit_callbacks, LATER)
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert _mentions(content, published)
    assert not _mentions(content, SCHEDULED)
    assert not _mentions(content, IN_REVIEW)


@pytest.mark.parametrize("slug", [SCHEDULED, IN_REVIEW])
def test_a_scheduled_or_in_review_articles_own_addresses_are_404(
    small_kb: Any,
    editor: User,
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    slug: str,
) -> None:
    _newsroom(editor, django_capture_on_commit_callbacks, LATER)
    for address in OWN_ADDRESSES:
        response = client.get(address.format(slug))
        assert response.status_code == 404, address
        assert TITLES[slug] not in response.content.decode()


def _wait_until(moment: datetime.datetime) -> None:
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.05)


def test_a_scheduled_article_appears_everywhere_once_its_time_has_come(
    small_kb: Any, editor: User, client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    at = _newsroom(editor, django_capture_on_commit_callbacks, datetime.timedelta(seconds=1))
    _wait_until(at)
    # The due job has not run: the article is still marked scheduled, and readers see it.
    assert Article.objects.get(slug=SCHEDULED).status == ArticleStatus.SCHEDULED
    assert _shown(client) == {name: [SCHEDULED] for name, _, _ in PLACES}
    for address in OWN_ADDRESSES:
        assert client.get(address.format(SCHEDULED)).status_code == 200
        assert client.get(address.format(IN_REVIEW)).status_code == 404


def test_the_due_job_brings_a_scheduled_article_into_stored_pages(
    small_kb: Any,
    editor: User,
    client: Client,
    django_capture_on_commit_callbacks: Capture,
    settings: Any,
) -> None:
    settings.MARQUEE_PAGE_CACHE = True
    settings.MARQUEE_PAGE_CACHE_SECONDS = 600
    settings.MARQUEE_PAGE_CACHE_ARTICLE_SECONDS = 300
    at = _newsroom(editor, django_capture_on_commit_callbacks, datetime.timedelta(seconds=2))
    _shown(client)  # every place stored, most likely before the time
    _wait_until(at)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.articles_publish_due() == services.DueReport(published=[SCHEDULED])
    assert _shown(client) == {name: [SCHEDULED] for name, _, _ in PLACES}

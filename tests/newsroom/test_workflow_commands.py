"""The workflow at the command line: ``marquee articles import --publish-at``, ``--as``,
``publish/unpublish --at``, ``marquee articles history`` and ``marquee publish_due``."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import zoneinfo
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from marquee.newsroom import services
from marquee.newsroom.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    EditorialAction,
    EditorialEvent,
)
from tests.conftest import edit_body, make_article

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
DAY = datetime.datetime(2024, 9, 12, 9, tzinfo=datetime.UTC)
STORY = "---\ntitle: Embargoed premiere report\nslug: embargoed\n---\nThe premiere, at last.\n"
WRITER_REFUSAL = "writer may not publish, schedule or unpublish articles: an editor does that"


def member(username: str, group: str) -> User:
    user = User.objects.create_user(username=username, email=f"{username}@example.com")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def story(tmp_path: Path) -> str:
    path = tmp_path / "embargoed.md"
    path.write_text(STORY)
    return str(path)


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _public_everywhere(client: Client, slug: str) -> dict[str, bool]:
    return {
        "page": client.get(f"/articles/{slug}/").status_code == 200,
        "feed": slug in client.get("/feeds/latest.rss").content.decode(),
        "sitemap": slug in client.get("/sitemap-articles.xml").content.decode(),
        "api list": slug in client.get("/api/v1/articles").content.decode(),
        "api detail": client.get(f"/api/v1/articles/{slug}").status_code == 200,
    }


# Scheduling on import -------------------------------------------------------------------------


def test_a_naive_publish_at_is_read_in_the_newsroom_time_zone(client: Client, story: str) -> None:
    # 09:00 in Seoul is midnight UTC (the example of docs/cli.md, decades ahead so that the
    # test keeps meaning the same thing).
    assert run("articles", "import", story, "--publish-at", "2066-12-01T09:00") == "embargoed\n"
    article = Article.objects.get(slug="embargoed")
    assert article.status == ArticleStatus.SCHEDULED
    assert article.published_at == datetime.datetime(2066, 12, 1, 0, 0, tzinfo=datetime.UTC)
    assert _public_everywhere(client, "embargoed") == dict.fromkeys(
        ["page", "feed", "sitemap", "api list", "api detail"], False
    )
    # Nothing is due a second before; at its time it goes live, and a run days late does too.
    moment = datetime.datetime(2066, 12, 1, tzinfo=datetime.UTC)
    early = services.articles_publish_due(now=moment - datetime.timedelta(seconds=1))
    assert (early.published, early.unpublished) == ([], [])
    late = services.articles_publish_due(now=moment + datetime.timedelta(days=3))
    assert late.published == ["embargoed"]
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == moment  # dated at its time, not at the late run


def test_an_offset_is_honoured(story: str) -> None:
    run("articles", "import", story, "--publish-at", "2066-12-01T09:00+01:00")
    assert Article.objects.get(slug="embargoed").published_at == datetime.datetime(
        2066, 12, 1, 8, 0, tzinfo=datetime.UTC
    )
    run("articles", "import", story, "--publish-at", "2066-12-01T09:00Z")
    assert Article.objects.get(slug="embargoed").published_at == datetime.datetime(
        2066, 12, 1, 9, 0, tzinfo=datetime.UTC
    )


def test_the_time_zone_setting_is_followed(story: str, settings: Any) -> None:
    settings.MARQUEE_NEWSROOM_TIME_ZONE = "Europe/London"
    run("articles", "import", story, "--publish-at", "2066-07-01T09:00")
    assert Article.objects.get(slug="embargoed").published_at == datetime.datetime(
        2066, 7, 1, 8, 0, tzinfo=datetime.UTC
    )  # British Summer Time


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--publish-at", "tomorrow"],
            "--publish-at: 'tomorrow' is not an ISO 8601 time (for example 2026-12-01T09:00 or "
            "2026-12-01T09:00+09:00)",
        ),
        (
            ["--publish-at", "2026-13-01T09:00"],
            "--publish-at: '2026-13-01T09:00' is not an ISO 8601 time (for example "
            "2026-12-01T09:00 or 2026-12-01T09:00+09:00)",
        ),
        (
            ["--publish-at", "9999-12-31T23:59-14:00"],
            "--publish-at: must be in the years 1900 to 2100, got '9999-12-31T23:59-14:00'",
        ),
        (
            ["--publish-at", "1899-12-31"],
            "--publish-at: must be in the years 1900 to 2100, got '1899-12-31'",
        ),
        (
            ["--publish-at", "2066-12-01T09:00", "--draft"],
            "--publish-at schedules a publication: leave out --draft",
        ),
    ],
)
def test_bad_publish_at_is_refused(story: str, extra: list[str], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        run("articles", "import", story, *extra)
    assert str(refused.value) == message
    assert not Article.objects.exists()


# Acting as a newsroom member ------------------------------------------------------------------


def test_a_writers_publish_is_refused_and_recorded(story: str) -> None:
    writer = member("writer", "Writers")
    assert run("articles", "import", story, "--draft", "--as", "writer") == "embargoed\n"
    article = Article.objects.get(slug="embargoed")
    assert (article.status, article.owner) == (ArticleStatus.DRAFT, writer)
    for command in (
        ["publish", "embargoed"],
        ["publish", "embargoed", "--at", "2066-12-01T09:00"],
        ["unpublish", "embargoed"],
    ):
        with pytest.raises(CommandError) as refused:
            run("articles", *command, "--as", "writer")
        assert str(refused.value) == WRITER_REFUSAL
    assert Article.objects.get(slug="embargoed").status == ArticleStatus.DRAFT
    refusals = EditorialEvent.objects.filter(refused=True).order_by("pk")
    assert [(e.actor, e.action, e.note) for e in refusals] == [
        (writer, EditorialAction.PUBLISH, WRITER_REFUSAL),
        (writer, EditorialAction.PUBLISH, WRITER_REFUSAL),
        (writer, EditorialAction.UNPUBLISH, WRITER_REFUSAL),
    ]


def test_a_writers_import_that_would_publish_is_refused_and_recorded(story: str) -> None:
    writer = member("writer", "Writers")
    for extra in ([], ["--publish-at", "2066-12-01T09:00"]):
        with pytest.raises(CommandError) as refused:
            run("articles", "import", story, *extra, "--as", "writer")
        assert str(refused.value) == WRITER_REFUSAL
    assert not Article.objects.exists()
    assert list(EditorialEvent.objects.filter(refused=True).values_list("actor", "note")) == [
        (writer.pk, WRITER_REFUSAL),
        (writer.pk, WRITER_REFUSAL),
    ]


def test_an_editor_publishes_and_is_recorded_as_the_actor(story: str) -> None:
    editor = member("editor", "Editors")
    run("articles", "import", story, "--draft")
    assert run("articles", "publish", "embargoed", "--as", "editor") == "published embargoed\n"
    event = EditorialEvent.objects.filter(action=EditorialAction.PUBLISH).get()
    assert (event.actor, event.from_state, event.to_state, event.refused) == (
        editor,
        ArticleStatus.DRAFT,
        ArticleStatus.PUBLISHED,
        False,
    )


def test_without_as_the_operator_acts(story: str) -> None:
    run("articles", "import", story)
    event = EditorialEvent.objects.get(action=EditorialAction.CREATE)
    assert (event.actor, event.to_state) == (None, ArticleStatus.PUBLISHED)


def test_an_unknown_user_is_named(story: str) -> None:
    for command in (["import", story], ["publish", "embargoed"], ["unpublish", "embargoed"]):
        with pytest.raises(CommandError) as refused:
            run("articles", *command, "--as", "ghost")
        assert str(refused.value) == "--as: no user 'ghost'"
    assert not Article.objects.exists()


# Publishing and unpublishing at a time -----------------------------------------------------


def test_publish_and_unpublish_at_a_time() -> None:
    make_article("one", status=ArticleStatus.DRAFT)
    assert (
        run("articles", "publish", "one", "--at", "2066-12-01T09:00")
        == "scheduled one at 2066-12-01T00:00:00Z\n"
    )
    article = Article.objects.get(slug="one")
    assert (article.status, article.published_at) == (
        ArticleStatus.SCHEDULED,
        datetime.datetime(2066, 12, 1, tzinfo=datetime.UTC),
    )
    assert (
        run("articles", "unpublish", "one", "--at", "2066-12-08T09:00+09:00")
        == "unpublishing one at 2066-12-08T00:00:00Z\n"
    )
    article.refresh_from_db()
    assert article.unpublish_at == datetime.datetime(2066, 12, 8, tzinfo=datetime.UTC)
    with pytest.raises(CommandError) as refused:
        run("articles", "publish", "one", "--at", "soon")
    assert str(refused.value).startswith("--at: 'soon' is not an ISO 8601 time")


# History -------------------------------------------------------------------------------------


def _edit(article: Article, body: str, by: Any, message: str) -> Article:
    return edit_body(article, body, by=by, message=message)


def test_history_lists_the_revisions_newest_first() -> None:
    editor = member("editor", "Editors")
    article = make_article("one", published_at=DAY)
    _edit(article, "Second text.", None, "Tightened the lede")
    _edit(Article.objects.get(slug="one"), "Third text.", editor, "Pending fix")
    revisions = list(ArticleRevision.objects.filter(article=article).order_by("-created_at", "-pk"))
    assert len(revisions) == 3
    document = json.loads(run("articles", "history", "one", "--json"))
    assert document == {
        "article": "one",
        "revisions": [
            {
                "id": revision.pk,
                "created_at": revision.created_at.isoformat().replace("+00:00", "Z"),
                "author": author,
                "message": message,
                "state": state,
            }
            for revision, author, message, state in zip(
                revisions,
                ["editor", None, None],
                ["Pending fix", "Tightened the lede", "Created"],
                ["draft", "live", "superseded"],
                strict=True,
            )
        ],
    }
    for row in document["revisions"]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z", row["created_at"])
    table = run("articles", "history", "one").splitlines()
    assert len(table) == 3
    assert table[0].split()[0] == str(revisions[0].pk)
    assert table[0].endswith("Pending fix") and " draft " in table[0] and " editor " in table[0]
    assert "(operator)" in table[2] and table[2].endswith("Created")


def test_history_of_an_unknown_article_is_refused() -> None:
    with pytest.raises(CommandError) as refused:
        run("articles", "history", "nope", "--json")
    assert str(refused.value) == "no article with slug 'nope'"


# publish_due ---------------------------------------------------------------------------------


def test_publish_due_publishes_what_is_due_once(client: Client, story: str) -> None:
    assert run("publish_due") == "nothing due\n"
    # An hour ahead, written as Seoul's wall-clock time without an offset.
    later = (datetime.datetime.now(SEOUL) + datetime.timedelta(hours=1)).replace(
        tzinfo=None, microsecond=0
    )
    run("articles", "import", story, "--publish-at", later.isoformat())
    make_article("old-news", published_at=DAY)
    run("articles", "unpublish", "old-news", "--at", later.isoformat())
    article = Article.objects.get(slug="embargoed")
    assert (article.status, article.published_at) == (
        ArticleStatus.SCHEDULED,
        later.replace(tzinfo=SEOUL),
    )
    assert client.get("/articles/embargoed/").status_code == 404
    assert run("publish_due") == "nothing due\n"
    # The hour passes with no worker running (the times move back instead of the clock on).
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    Article.objects.filter(slug="embargoed").update(published_at=past)
    Article.objects.filter(slug="old-news").update(unpublish_at=past)
    # Both fell due while no job ran: the late run does both at once.
    assert run("publish_due") == "published embargoed\nunpublished old-news\n"
    assert Article.objects.get(slug="embargoed").status == ArticleStatus.PUBLISHED
    assert Article.objects.get(slug="old-news").status == ArticleStatus.UNPUBLISHED
    assert client.get("/articles/embargoed/").status_code == 200
    assert client.get("/articles/old-news/").status_code == 404
    assert run("publish_due") == "nothing due\n"


# The console script -------------------------------------------------------------------------


def test_the_console_script_refuses_a_writers_publish(tmp_path: Path) -> None:
    env = {**os.environ, "MARQUEE_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": ""}

    def marquee(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "marquee", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert marquee("migrate", "-v0").returncode == 0
    made = marquee(
        "shell",
        "-v0",
        "-c",
        "from django.contrib.auth.models import Group, User\n"
        "User.objects.create_user('writer').groups.add(Group.objects.get(name='Writers'))",
    )
    assert made.returncode == 0, made.stderr
    (tmp_path / "story.md").write_text(STORY)
    imported = marquee(
        "articles", "import", str(tmp_path / "story.md"), "--draft", "--as", "writer"
    )
    assert (imported.returncode, imported.stdout) == (0, "embargoed\n")
    refused = marquee("articles", "publish", "embargoed", "--as", "writer")
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr == f"CommandError: {WRITER_REFUSAL}\n"
    audit = marquee(
        "shell",
        "-v0",
        "-c",
        "from marquee.newsroom.models import Article, EditorialEvent\n"
        "print(Article.objects.get().status)\n"
        "print(*EditorialEvent.objects.filter(refused=True).values_list("
        "'actor__username', 'action', 'note').get(), sep='|')",
    )
    assert audit.stdout == f"draft\nwriter|publish|{WRITER_REFUSAL}\n", audit.stderr

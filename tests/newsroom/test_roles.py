"""The newsroom's roles (docs/workflow.md): the groups the migration makes, and a writer's limits
checked in the services and in the admin. The editorial area and the command line have their
own tests (test_editorial.py, test_workflow_commands.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.utils import timezone

from marquee.newsroom import services
from marquee.newsroom.models import (
    Article,
    ArticleStatus,
    EditorialAction,
    EditorialEvent,
)
from tests.conftest import make_article

pytestmark = pytest.mark.django_db
DAY = datetime.datetime(2024, 9, 12, 9, tzinfo=datetime.UTC)
PUBLISH_REFUSAL = "{} may not publish, schedule or unpublish articles: an editor does that"

WRITER_PERMISSIONS = {
    "media.add_image", "media.change_image", "media.view_image",
    "newsroom.add_article", "newsroom.change_article", "newsroom.view_article",
    "newsroom.submit_article", "newsroom.view_tag", "newsroom.add_tag", "newsroom.view_source",
    "newsroom.add_source", "newsroom.change_source", "newsroom.delete_source",
    "newsroom.view_articlerevision",
}  # fmt: skip
EDITOR_ONLY_PERMISSIONS = {
    "media.delete_image",
    "newsroom.publish_article", "newsroom.edit_any_article", "newsroom.delete_article",
    "newsroom.change_tag", "newsroom.delete_tag", "newsroom.view_editorialevent",
    "newsroom.view_correction",
    "linking.view_articleentity", "linking.change_articleentity", "linking.view_linkcandidate",
}  # fmt: skip
ADMIN_APPS = ["newsroom", "media", "linking", "catalog", "community", "discovery", "tasks", "auth"]


def member(username: str, group: str) -> User:
    """A staff account in one of the newsroom's groups."""
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password="a long enough password",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # no cached permissions


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def group_permissions(name: str) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.fixture
def writer() -> User:
    return member("writer", "Writers")


@pytest.fixture
def editor() -> User:
    return member("editor", "Editors")


def _refusals() -> list[tuple[Any, ...]]:
    return list(
        EditorialEvent.objects.filter(refused=True)
        .order_by("pk")
        .values_list("article__slug", "actor__username", "action", "from_state", "to_state", "note")
    )


def _snapshot(article: Article) -> tuple[Any, ...]:
    article = Article.objects.get(pk=article.pk)
    return (
        article.status,
        article.published_at,
        article.unpublish_at,
        article.title,
        article.body,
        article.pending_revision_id,
        article.revisions.count(),
    )


# The groups -------------------------------------------------------------------------------


def test_the_migration_makes_the_newsroom_groups_with_their_permissions() -> None:
    assert group_permissions("Writers") == WRITER_PERMISSIONS
    assert group_permissions("Editors") == WRITER_PERMISSIONS | EDITOR_ONLY_PERMISSIONS
    everything = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(
            content_type__app_label__in=ADMIN_APPS
        ).values_list("content_type__app_label", "codename")
    }
    assert group_permissions("Admins") == everything
    assert {"newsroom.publish_article", "auth.change_user", "community.change_comment"} <= (
        everything
    )


def test_writers_cannot_publish_editors_and_admins_can(writer: User, editor: User) -> None:
    admin = member("chief", "Admins")
    assert [services.may_publish(user) for user in (writer, editor, admin, None)] == [
        False,
        True,
        True,
        True,
    ]
    assert [services.may_create(user) for user in (writer, editor, admin)] == [True, True, True]


def test_a_member_of_no_group_may_do_nothing(writer: User) -> None:
    nobody = User.objects.create_user("nobody", is_staff=True)
    article = make_article("story", status=ArticleStatus.DRAFT, by=writer)
    assert not services.may_create(nobody)
    assert not services.may_edit(nobody, article)
    assert not services.may_submit(nobody, article)
    assert not services.may_publish(nobody)


# A writer at the service ------------------------------------------------------------------


@pytest.mark.parametrize("status", [ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW])
def test_a_writers_publish_is_refused_recorded_and_changes_nothing(
    writer: User, status: str
) -> None:
    article = make_article("story", status=ArticleStatus.DRAFT, by=writer)
    if status == ArticleStatus.IN_REVIEW:
        article = services.article_submit(article=article, by=writer)
    before = _snapshot(article)
    events = EditorialEvent.objects.count()
    with pytest.raises(services.EditorialRefused) as refused:
        services.article_publish(article=article, by=writer, note="Go")
    assert str(refused.value) == PUBLISH_REFUSAL.format("writer")
    assert _snapshot(article) == before
    assert EditorialEvent.objects.count() == events + 1
    assert _refusals() == [
        ("story", "writer", EditorialAction.PUBLISH, status, "", PUBLISH_REFUSAL.format("writer"))
    ]


def test_a_writers_schedule_and_unpublish_are_refused(writer: User) -> None:
    mine = make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    live = make_article("live", published_at=DAY)
    later = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(services.EditorialRefused, match="^writer may not publish, schedule"):
        services.article_publish(article=mine, at=later, by=writer)
    with pytest.raises(services.EditorialRefused, match="^writer may not publish, schedule"):
        services.article_unpublish(article=live, by=writer)
    with pytest.raises(services.EditorialRefused, match="^writer may not publish, schedule"):
        services.article_unpublish(article=live, at=later, by=writer)
    assert [row[:4] for row in _refusals()] == [
        ("mine", "writer", EditorialAction.PUBLISH, ArticleStatus.DRAFT),
        ("live", "writer", EditorialAction.UNPUBLISH, ArticleStatus.PUBLISHED),
        ("live", "writer", EditorialAction.UNPUBLISH, ArticleStatus.PUBLISHED),
    ]
    assert Article.objects.get(slug="mine").status == ArticleStatus.DRAFT
    live.refresh_from_db()
    assert (live.status, live.unpublish_at) == (ArticleStatus.PUBLISHED, None)


def test_a_writer_cannot_create_an_article_published(writer: User) -> None:
    with pytest.raises(services.EditorialRefused, match="^writer may not publish, schedule"):
        make_article("sneaky", status=ArticleStatus.PUBLISHED, by=writer)
    assert not Article.objects.filter(slug="sneaky").exists()
    assert [row[1:3] for row in _refusals()] == [("writer", EditorialAction.PUBLISH)]


def test_a_writer_submits_their_own_draft_but_not_someone_elses(writer: User) -> None:
    other = member("other", "Writers")
    mine = make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    theirs = make_article("theirs", status=ArticleStatus.DRAFT, by=other)
    submitted = services.article_submit(article=mine, by=writer, note="Ready")
    assert submitted.status == ArticleStatus.IN_REVIEW
    event = EditorialEvent.objects.filter(article=mine).latest("pk")
    assert (event.actor, event.action, event.from_state, event.to_state, event.note) == (
        writer,
        EditorialAction.SUBMIT,
        ArticleStatus.DRAFT,
        ArticleStatus.IN_REVIEW,
        "Ready",
    )
    with pytest.raises(services.EditorialRefused) as refused:
        services.article_submit(article=theirs, by=writer)
    assert str(refused.value) == "writer may not submit this article for review"
    assert Article.objects.get(slug="theirs").status == ArticleStatus.DRAFT
    assert _refusals() == [
        (
            "theirs",
            "writer",
            EditorialAction.SUBMIT,
            ArticleStatus.DRAFT,
            "",
            "writer may not submit this article for review",
        ),
    ]


def test_a_writer_edits_their_own_story_only_until_an_editor_takes_it_further(
    writer: User, editor: User
) -> None:
    mine = make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    theirs = make_article("theirs", status=ArticleStatus.DRAFT, by=member("other", "Writers"))
    assert services.may_edit(writer, mine) and not services.may_edit(writer, theirs)
    assert services.may_edit(editor, mine) and services.may_edit(editor, theirs)
    mine = services.article_submit(article=mine, by=writer)
    assert services.may_edit(writer, mine)
    mine = services.article_publish(
        article=mine, at=timezone.now() + datetime.timedelta(days=1), by=editor
    )
    assert mine.status == ArticleStatus.SCHEDULED
    assert not services.may_edit(writer, mine)
    with pytest.raises(services.EditorialRefused) as refused:
        make_article("mine", title="Changed", status=ArticleStatus.SCHEDULED, by=writer)
    assert str(refused.value) == "writer may not change this article while it is scheduled"
    with pytest.raises(services.EditorialRefused) as refused:
        make_article("theirs", title="Changed", status=ArticleStatus.DRAFT, by=writer)
    assert str(refused.value) == "writer may not change other people's articles"
    assert list(Article.objects.order_by("slug").values_list("title", flat=True)) == [
        "Mine",
        "Theirs",
    ]


# A writer in the admin --------------------------------------------------------------------


def _changelist_actions(client: Client) -> list[str]:
    response = client.get("/admin/newsroom/article/")
    assert response.status_code == 200
    form = response.context["action_form"]
    return [] if form is None else [name for name, _ in form.fields["action"].choices if name]


def test_the_publish_actions_are_not_offered_to_a_writer(writer: User, editor: User) -> None:
    make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    assert _changelist_actions(logged_in(writer)) == []
    assert _changelist_actions(logged_in(editor)) == ["delete_selected", "publish", "unpublish"]


def test_a_writer_posting_the_publish_action_anyway_changes_nothing(writer: User) -> None:
    mine = make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    before = _snapshot(mine)
    events = EditorialEvent.objects.count()
    response = logged_in(writer).post(
        "/admin/newsroom/article/",
        {"action": "publish", "_selected_action": [mine.pk], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == []
    assert _snapshot(mine) == before
    assert EditorialEvent.objects.count() == events


def test_an_editor_publishes_a_writers_draft_in_the_admin(writer: User, editor: User) -> None:
    mine = make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    response = logged_in(editor).post(
        "/admin/newsroom/article/",
        {"action": "publish", "_selected_action": [mine.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Published 1 article(s)."]
    mine.refresh_from_db()
    assert mine.status == ArticleStatus.PUBLISHED
    event = EditorialEvent.objects.filter(article=mine).latest("pk")
    assert (event.actor, event.action, event.from_state, event.to_state) == (
        editor,
        EditorialAction.PUBLISH,
        ArticleStatus.DRAFT,
        ArticleStatus.PUBLISHED,
    )


def _form(article: Article, **fields: str) -> dict[str, str]:
    return {
        "title": article.title,
        "slug": article.slug,
        "dek": article.dek,
        "author": article.author,
        "body": article.body,
        "trailer_url": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "entities-TOTAL_FORMS": "0",
        "entities-INITIAL_FORMS": "0",
        **fields,
    }


def test_a_writer_cannot_open_or_change_another_writers_article(writer: User) -> None:
    theirs = make_article("theirs", status=ArticleStatus.DRAFT, by=member("other", "Writers"))
    client = logged_in(writer)
    url = f"/admin/newsroom/article/{theirs.pk}/change/"
    # Another writer's story is not in a writer's admin at all: the admin says it has no such
    # article and sends them to its index, as for any address that names nothing.
    assert client.get("/admin/newsroom/article/").context["cl"].result_count == 0
    for response in (client.get(url), client.post(url, _form(theirs, title="Mine now"))):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Article.objects.get(pk=theirs.pk).title == "Theirs"


def test_a_writer_edits_their_own_draft_in_the_admin(writer: User) -> None:
    mine = make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    client = logged_in(writer)
    url = f"/admin/newsroom/article/{mine.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form(mine, title="Better title", revision_message="Sharper"))
    assert response.status_code == 302, response.content.decode()
    mine.refresh_from_db()
    assert (mine.title, mine.status, mine.pending_revision) == (
        "Better title",
        ArticleStatus.DRAFT,
        None,
    )
    revision = mine.revisions.first()
    assert revision is not None
    assert (revision.title, revision.created_by, revision.message) == (
        "Better title",
        writer,
        "Sharper",
    )


def test_a_writer_adds_a_draft_in_the_admin(writer: User) -> None:
    response = logged_in(writer).post(
        "/admin/newsroom/article/add/",
        _form(Article(title="New story", slug="new-story", body="Text.", author="Writer")),
    )
    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get(slug="new-story")
    assert (article.status, article.owner, article.published_at) == (
        ArticleStatus.DRAFT,
        writer,
        None,
    )


@pytest.mark.parametrize("status", [ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED])
def test_a_writer_cannot_edit_their_own_article_once_an_editor_took_it_further(
    writer: User, editor: User, status: str
) -> None:
    mine = make_article("mine", status=ArticleStatus.DRAFT, by=writer)
    at = timezone.now() + datetime.timedelta(days=1) if status == ArticleStatus.SCHEDULED else None
    mine = services.article_publish(article=mine, at=at, by=editor)
    assert mine.status == status
    before = _snapshot(mine)
    client = logged_in(writer)
    url = f"/admin/newsroom/article/{mine.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["title"] == "View article"
    assert 'name="_save"' not in page.content.decode()
    assert client.post(url, _form(mine, title="Changed after")).status_code == 403
    assert _snapshot(mine) == before

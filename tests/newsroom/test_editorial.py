"""The editorial area (/editorial/): the dashboard, each article's desk with its transitions,
revisions, differences and preview links, the editor's preview and the time zone setting.
Every screen goes through the services; these tests assert what each one shows and does."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marquee.catalog.models import Person
from marquee.linking.models import ArticleEntity, CandidateGuess, EntityState, LinkCandidate
from marquee.newsroom import selectors, services
from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    Correction,
    EditorialAction,
    EditorialEvent,
    PreviewLink,
    RevisionState,
)

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def member(username: str, group: str) -> User:
    user = User.objects.create_user(username, email=f"{username}@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def draft(
    slug: str, by: User, *, title: str = "", body: str = "First line.\nSecond line."
) -> Article:
    return services.article_create(
        article_input=ArticleInput(title=title or slug.replace("-", " ").capitalize(), slug=slug,
                                   body=body, author="Staff writer"),
        by=by,
    )  # fmt: skip


def edit(article: Article, by: User, **changes: Any) -> Article:
    revision = article.revisions.first()
    assert revision is not None
    fields = {"title": article.title, "slug": article.slug, "body": article.body,
              "dek": article.dek, "author": article.author, **changes}  # fmt: skip
    return services.article_update(
        article=article, article_input=ArticleInput(**fields), status=article.status, by=by,
        message=changes.pop("message", "") if "message" in changes else "An edit",
    )  # fmt: skip


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(html: str, name: str) -> str:
    found = re.search(rf'data-section="{name}">(.*?)</section>', html, re.S)
    assert found, f"no section {name}"
    return found.group(1)


@pytest.fixture
def writer() -> User:
    return member("writer", "Writers")


@pytest.fixture
def editor() -> User:
    return member("editor", "Editors")


def next_year() -> int:
    return timezone.now().year + 1


# Who comes in


def test_anonymous_visitors_go_to_the_login_page(client: Client) -> None:
    response = client.get("/editorial/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/editorial/"


def test_people_outside_the_newsroom_are_refused() -> None:
    reader = User.objects.create_user("reader")
    staff_without_articles = User.objects.create_user("clerk", is_staff=True)
    moderator = member("moderator", "Moderators")
    for user in (reader, staff_without_articles, moderator):
        assert client_for(user).get("/editorial/").status_code == 403


def test_the_pages_are_never_cached(writer: User) -> None:
    response = client_for(writer).get("/editorial/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# The dashboard


def test_a_writer_sees_their_drafts_and_no_review_queue(writer: User, editor: User) -> None:
    mine = draft("my-story", writer)
    draft("editors-story", editor)
    html = page(client_for(writer), "/editorial/")
    drafts = section(html, "my-drafts")
    assert f'data-article="{mine.pk}"' in drafts
    assert "Editors story" not in drafts
    assert 'data-section="waiting-for-review"' not in html


def test_editors_see_stories_waiting_for_review_oldest_submission_first(
    writer: User, editor: User
) -> None:
    first, second = draft("first-story", writer), draft("second-story", writer)
    services.article_submit(article=second, by=writer)
    services.article_submit(article=first, by=writer)
    draft("not-submitted", writer)
    waiting = section(page(client_for(editor), "/editorial/"), "waiting-for-review")
    assert re.findall(r'data-article="(\d+)"', waiting) == [str(second.pk), str(first.pk)]


def test_writers_see_what_others_did_to_their_stories(writer: User, editor: User) -> None:
    article = draft("returned-story", writer)
    services.article_submit(article=article, by=writer, note="Ready")
    services.article_return(article=article, by=editor, note="Needs a second source")
    happened = section(page(client_for(writer), "/editorial/"), "what-happened")
    assert happened.count("<li") == 1  # their own submission is not news to them
    assert 'data-event="return"' in happened
    assert "editor — returned to draft" in happened
    assert "<q>Needs a second source</q>" in happened


def test_the_schedule_is_a_calendar_by_day_in_the_members_time_zone(editor: User) -> None:
    year = next_year()
    # 23:30 UTC on 30 November is 08:30 on 1 December in Seoul; 16:00 UTC on 1 December is
    # 01:00 on the 2nd.
    early = services.article_publish(article=draft("early", editor), by=editor,
                                     at=datetime.datetime(year, 11, 30, 23, 30, tzinfo=UTC))  # fmt: skip
    late = services.article_publish(article=draft("late", editor), by=editor,
                                    at=datetime.datetime(year, 12, 1, 16, 0, tzinfo=UTC))  # fmt: skip
    live = services.article_publish(article=draft("live", editor), by=editor)
    services.article_unpublish(article=live, by=editor,
                               at=datetime.datetime(year, 12, 1, 2, 0, tzinfo=UTC))  # fmt: skip
    scheduled = section(page(client_for(editor), "/editorial/"), "scheduled")
    days = re.findall(r'data-day="([\d-]+)"', scheduled)
    assert days == [f"{year}-12-01", f"{year}-12-02"]
    first_day = scheduled.split(f'data-day="{year}-12-02"')[0]
    assert re.findall(r'data-article="(\d+)" data-kind="(\w+)"><time[^>]*>([\d:]+)', first_day) == [
        (str(early.pk), "publish", "08:30"),
        (str(live.pk), "unpublish", "11:00"),
    ]
    assert f'data-article="{late.pk}" data-kind="publish"' in scheduled.split(f"{year}-12-02")[1]
    services.member_time_zone_set(editor, "Europe/London")
    scheduled = section(page(client_for(editor), "/editorial/"), "scheduled")
    assert re.findall(r'data-day="([\d-]+)"', scheduled) == [f"{year}-11-30", f"{year}-12-01"]


def test_recently_published_lists_published_articles_newest_first(editor: User) -> None:
    older = services.article_publish(article=draft("older", editor), by=editor,
                                     at=timezone.now() - datetime.timedelta(days=2))  # fmt: skip
    newer = services.article_publish(article=draft("newer", editor), by=editor)
    draft("still-a-draft", editor)
    recent = section(page(client_for(editor), "/editorial/"), "recently-published")
    assert re.findall(r'<li data-article="(\d+)"', recent) == [str(newer.pk), str(older.pk)]


def test_the_linkers_open_questions_show_under_each_article(writer: User, settings: Any) -> None:
    settings.MARQUEE_LINK_MIN_CONFIDENCE = 0.6
    article = draft("about-people", writer)
    unsure, sure = (Person.objects.create(slug=s, name=n) for s, n in
                    [("kim-go-eun", "Kim Go-eun"), ("noh-sang-hyun", "Noh Sang-hyun")])  # fmt: skip
    ArticleEntity.objects.create(article=article, person=unsure, confidence=0.4)
    ArticleEntity.objects.create(article=article, person=sure, confidence=0.9)
    LinkCandidate.objects.create(article=article, text="Lee Eon-hee", guess=CandidateGuess.PERSON,
                                 occurrences=2)  # fmt: skip
    drafts = section(page(client_for(writer), "/editorial/"), "my-drafts")
    low = re.search(r"data-low-confidence>(.*?)</ul>", drafts, re.S)
    unmatched = re.search(r"data-unmatched>(.*?)</ul>", drafts, re.S)
    assert low and unmatched
    assert "Kim Go-eun" in low.group(1) and "confidence 0.40" in low.group(1)
    assert "Noh Sang-hyun" not in drafts
    assert "Lee Eon-hee" in unmatched.group(1) and "×2" in unmatched.group(1)
    ArticleEntity.objects.filter(person=unsure).update(state=EntityState.REJECTED)
    LinkCandidate.objects.all().delete()
    assert "data-questions" not in page(client_for(writer), "/editorial/")


def test_the_dashboard_reads_a_fixed_number_of_queries(writer: User, editor: User) -> None:
    def queries() -> int:
        client = client_for(editor)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/editorial/").status_code == 200
        return len(captured)

    def stories(prefix: str, count: int) -> None:
        for number in range(count):
            article = draft(f"{prefix}-{number}", writer)
            LinkCandidate.objects.create(article=article, text=f"Name {number}", guess="person")
            services.article_submit(article=article, by=writer)
            services.article_return(article=article, by=editor)
            services.article_submit(article=article, by=writer)
            live = services.article_publish(article=draft(f"{prefix}-live-{number}", editor),
                                            by=editor)  # fmt: skip
            services.article_unpublish(article=live, by=editor,
                                       at=timezone.now() + datetime.timedelta(days=number + 1))  # fmt: skip

    stories("few", 1)
    queries()  # the site menu caches what it counts
    few = queries()
    stories("many", 6)
    assert queries() == few
    # 15 for the dashboard itself, the header's editorial badge, marking the news as seen
    assert few <= 17


# An article's desk


def test_a_writer_is_offered_only_what_they_may_do(writer: User) -> None:
    article = draft("writers-story", writer)
    html = page(client_for(writer), f"/editorial/articles/{article.pk}/")
    forms = re.findall(r'data-form="(\w[\w-]*)"', section(html, "transitions"))
    assert forms == ["submit"]
    assert f'action="/editorial/articles/{article.pk}/publish/"' not in html


def test_a_writer_posting_publish_anyway_is_refused_and_it_is_recorded(writer: User) -> None:
    article = draft("writers-story", writer)
    response = client_for(writer).post(f"/editorial/articles/{article.pk}/publish/",
                                       {"publish-note": "", "publish-correction": ""})  # fmt: skip
    assert response.status_code == 403
    assert ("writer may not publish, schedule or unpublish articles: an editor does that"
            in response.content.decode())  # fmt: skip
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    refusal = EditorialEvent.objects.get(refused=True)
    assert (refusal.article, refusal.actor, refusal.action) == (
        article, writer, EditorialAction.PUBLISH)  # fmt: skip


def test_submitting_redirects_with_a_message_and_records_the_note(writer: User) -> None:
    article = draft("to-submit", writer)
    client = client_for(writer)
    response = client.post(f"/editorial/articles/{article.pk}/submit/",
                           {"submit-note": "Ready for a look"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"/editorial/articles/{article.pk}/"
    html = page(client, response["Location"])
    assert "Submitted for review." in html
    assert 'data-state="review"' in html
    event = EditorialEvent.objects.get(action=EditorialAction.SUBMIT)
    assert (event.from_state, event.to_state, event.note) == ("draft", "review", "Ready for a look")


def test_a_transition_that_makes_no_sense_shows_the_form_again_with_the_reason(
    writer: User,
) -> None:
    article = draft("in-review", writer)
    services.article_submit(article=article, by=writer)
    response = client_for(writer).post(f"/editorial/articles/{article.pk}/submit/", {})
    assert response.status_code == 400
    assert ("only a draft or an unpublished article can be submitted; this one is in review"
            in response.content.decode())  # fmt: skip


def test_scheduling_in_seoul_stores_utc_and_shows_seoul_time(writer: User, editor: User) -> None:
    article = draft("embargoed", writer)
    services.article_submit(article=article, by=writer)
    year = next_year()
    client = client_for(editor)
    response = client.post(f"/editorial/articles/{article.pk}/schedule/",
                           {"schedule-at": f"{year}-12-01T09:00", "schedule-note": "Embargo"})  # fmt: skip
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.SCHEDULED
    assert article.published_at == datetime.datetime(year, 12, 1, 0, 0, tzinfo=UTC)
    html = page(client, f"/editorial/articles/{article.pk}/")
    assert f"Scheduled for {year}-12-01 09:00 (Asia/Seoul)." in html
    assert f">1 December {year}, 09:00 KST</time>" in section(html, "state").replace("\n", "")
    assert "<strong data-zone>Asia/Seoul</strong>" in html
    assert f'value="{year}-12-01T09:00"' in html  # the schedule form shows it back in Seoul
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_past_schedule_time_is_refused_by_the_form(editor: User) -> None:
    article = draft("late", editor)
    response = client_for(editor).post(f"/editorial/articles/{article.pk}/schedule/",
                                       {"schedule-at": "2001-01-01T09:00"})  # fmt: skip
    assert response.status_code == 400
    assert "That time has passed: publish now instead." in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_publishing_an_edit_with_a_correction(editor: User) -> None:
    article = services.article_publish(article=draft("corrected", editor), by=editor)
    article = edit(article, editor, title="Corrected title")
    client = client_for(editor)
    html = page(client, f"/editorial/articles/{article.pk}/")
    assert f'data-pending="{article.pending_revision_id}"' in html
    response = client.post(f"/editorial/articles/{article.pk}/publish/",
                           {"publish-correction": "An earlier version misspelt a name."})  # fmt: skip
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.pending_revision_id) == ("Corrected title", None)
    assert list(Correction.objects.values_list("text", flat=True)) == [
        "An earlier version misspelt a name."
    ]


def test_unpublishing_later_and_now(editor: User) -> None:
    article = services.article_publish(article=draft("going", editor), by=editor)
    client = client_for(editor)
    year = next_year()
    client.post(
        f"/editorial/articles/{article.pk}/unpublish/", {"unpublish-at": f"{year}-01-05T18:30"}
    )
    article.refresh_from_db()
    assert article.unpublish_at == datetime.datetime(year, 1, 5, 9, 30, tzinfo=UTC)
    assert article.status == ArticleStatus.PUBLISHED
    client.post(f"/editorial/articles/{article.pk}/unpublish/", {"unpublish-at": ""})
    article.refresh_from_db()
    assert (article.status, article.unpublish_at) == (ArticleStatus.UNPUBLISHED, None)


# Revisions


def test_the_diff_of_two_revisions(writer: User) -> None:
    article = draft("diffed", writer, body="One.\nTwo.\nThree.")
    edit(article, writer, title="Diffed again", body="One.\nTwo <b>bold</b>.\nThree.\nFour.")
    older, newer = sorted(ArticleRevision.objects.filter(article=article), key=lambda r: r.pk)
    diff = selectors.revision_diff(older, newer)
    assert [(c.name, c.before, c.after) for c in diff.changed_fields] == [
        ("title", "Diffed", "Diffed again")
    ]
    assert [(line.kind, line.text) for line in diff.body] == [
        ("hunk", "@@ -1,3 +1,4 @@"),
        ("same", "One."),
        ("removed", "Two."),
        ("added", "Two <b>bold</b>."),
        ("same", "Three."),
        ("added", "Four."),
    ]
    html = page(client_for(writer), f"/editorial/articles/{article.pk}/?a={newer.pk}&b={older.pk}")
    shown = section(html, "diff")
    assert f"Revision {older.pk} → revision {newer.pk}" in shown
    assert (
        '<tr data-field="title"><th scope="row">Title</th><td><del>Diffed</del></td><td><ins>Diffed again</ins></td></tr>'
        in shown
    )
    assert "<ins>+ Two &lt;b&gt;bold&lt;/b&gt;.</ins>" in shown
    assert "<del>- Two.</del>" in shown


def test_tags_sources_and_image_are_compared(writer: User) -> None:
    article = draft("tagged", writer)
    edit(article, writer, tags=("Film", "K-drama"))
    older, newer = sorted(ArticleRevision.objects.filter(article=article), key=lambda r: r.pk)
    diff = selectors.revision_diff(older, newer)
    assert [(c.name, c.before, c.after) for c in diff.changed_fields] == [
        ("tags", "", "Film, K-drama")
    ]
    assert diff.body == [] and not diff.body_changed


def test_comparing_a_revision_of_another_article_is_a_404(writer: User) -> None:
    one, other = draft("one", writer), draft("other", writer)
    theirs = other.revisions.get()
    mine = one.revisions.get()
    response = client_for(writer).get(f"/editorial/articles/{one.pk}/?a={mine.pk}&b={theirs.pk}")
    assert response.status_code == 404


def test_restoring_a_revision_makes_a_new_one(writer: User) -> None:
    article = draft("restored", writer, title="The first title")
    edit(article, writer, title="A worse title")
    first = article.revisions.order_by("pk").first()
    assert first is not None
    response = client_for(writer).post(f"/editorial/revisions/{first.pk}/restore/", {})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "The first title"
    revisions = list(article.revisions.order_by("pk"))
    assert len(revisions) == 3
    assert (revisions[-1].title, revisions[-1].message) == (
        "The first title", f"Restored revision {first.pk}")  # fmt: skip


# Previews


def test_the_editors_preview_shows_a_draft_revision_not_the_live_article(editor: User) -> None:
    article = services.article_publish(article=draft("previewed", editor), by=editor)
    article = edit(article, editor, title="A new headline", body="New **words**.")
    revision = article.pending_revision
    assert revision is not None and revision.state == RevisionState.DRAFT
    response = client_for(editor).get(f"/editorial/revisions/{revision.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert '<h1 id="article-title" class="article__title">A new headline</h1>' in html
    assert "<p>New <strong>words</strong>.</p>" in html
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "A new headline" not in public


def test_preview_links_are_made_listed_and_revoked(writer: User) -> None:
    article = draft("shared", writer)
    revision = article.revisions.get()
    client = client_for(writer)
    response = client.post(
        f"/editorial/revisions/{revision.pk}/preview-links/", {"preview-days": "3"}
    )
    assert response.status_code == 302
    link = PreviewLink.objects.get()
    assert link.expires_at - link.created_at == datetime.timedelta(days=3)
    listed = section(page(client, f"/editorial/articles/{article.pk}/"), "preview-links")
    assert f'href="/preview/{services.preview_token(link)}/"' in listed
    assert Client().get(f"/preview/{services.preview_token(link)}/").status_code == 200
    response = client.post(f"/editorial/preview-links/{link.pk}/revoke/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    listed = section(page(client, f"/editorial/articles/{article.pk}/"), "preview-links")
    assert "revoked" in listed and "/preview/" not in listed
    assert Client().get(f"/preview/{services.preview_token(link)}/").status_code == 404


def test_a_preview_link_for_too_long_is_refused_by_the_form(writer: User) -> None:
    revision = draft("shared", writer).revisions.get()
    response = client_for(writer).post(f"/editorial/revisions/{revision.pk}/preview-links/",
                                       {"preview-days": "90"})  # fmt: skip
    assert response.status_code == 400
    assert not PreviewLink.objects.exists()


def test_another_writer_may_not_share_a_preview(writer: User) -> None:
    revision = draft("not-yours", writer).revisions.get()
    other = member("other", "Writers")
    response = client_for(other).post(f"/editorial/revisions/{revision.pk}/preview-links/",
                                      {"preview-days": "3"})  # fmt: skip
    assert response.status_code == 403
    assert "other may not share previews of this article" in response.content.decode()


# The time zone setting


def test_setting_the_time_zone(writer: User) -> None:
    client = client_for(writer)
    response = client.post("/editorial/time-zone/", {"time_zone": "Europe/London"})
    assert response.status_code == 302
    assert services.member_time_zone(writer).key == "Europe/London"
    assert "Times are now shown in Europe/London." in page(client, "/editorial/")
    response = client.post("/editorial/time-zone/", {"time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 400
    assert "“Mars/Olympus_Mons” is not a time zone" in response.content.decode()
    assert services.member_time_zone(writer).key == "Europe/London"


def test_the_header_tells_a_writer_what_others_did_to_their_stories_until_they_look() -> None:
    writer, editor = member("writer", "Writers"), member("editor", "Editors")
    story = draft("moved-along", writer)
    services.article_submit(article=story, by=writer)  # their own move: not news to them
    writer_client = client_for(writer)
    assert "data-editorial-news" not in page(writer_client, "/search/")
    assert selectors.editorial_unseen_count(writer) == 0
    services.article_publish(article=story, by=editor, note="Good to go")
    services.article_unpublish(article=story, by=editor)
    assert selectors.editorial_unseen_count(writer) == 2
    header = page(writer_client, "/search/")
    assert (
        '<a class="account-nav__editorial" href="/editorial/" aria-label="Editorial: 2 new">'
        'Editorial <span class="badge" data-editorial-news>2</span></a>'
    ) in header
    dashboard = page(writer_client, "/editorial/")
    assert "Good to go" in section(dashboard, "what-happened")
    assert selectors.editorial_unseen_count(writer) == 0
    assert "data-editorial-news" not in page(writer_client, "/search/")
    # Readers who are not newsroom staff have no Editorial link at all.
    reader = User.objects.create_user("reader")
    assert 'href="/editorial/"' not in page(client_for(reader), "/search/")

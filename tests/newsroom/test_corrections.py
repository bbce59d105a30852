"""Corrections readers can see: "Updated …" and the notice on the article page, in the API and
in the JSON-LD; a silent update (a typo fixed) shows none of it."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marquee.newsroom import services
from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.models import Article, Correction
from tests.conftest import make_article

pytestmark = pytest.mark.django_db
PUBLISHED = datetime.datetime(2024, 9, 12, 9, tzinfo=datetime.UTC)
FIRST = datetime.datetime(2024, 9, 13, 8, 30, tzinfo=datetime.UTC)
SECOND = datetime.datetime(2024, 9, 20, 23, 15, tzinfo=datetime.UTC)


@pytest.fixture
def editor() -> User:
    user = User.objects.create_user("editor", email="editor@example.com")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def article() -> Article:
    return make_article("premiere", title="Premiere night", body="It opened on 9 September.",
                        published_at=PUBLISHED)  # fmt: skip


def _publish_edit(
    article: Article, editor: User, body: str, correction: str, at: datetime.datetime
) -> Article:
    """An editor's edit of the live article, published with ``correction`` (dated ``at``)."""
    article = services.article_update(
        article=article,
        article_input=ArticleInput(
            title=article.title, slug=article.slug, body=body, author=article.author
        ),
        status=article.status,
        by=editor,
    )
    article = services.article_publish(article=article, by=editor, correction=correction)
    # The notice's time is the publication's; pinned here so that the page can be compared.
    Correction.objects.filter(article=article, published_at__gt=at).update(published_at=at)
    return article


def _json_ld(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_a_correction_shows_updated_and_the_notice(
    client: Client, article: Article, editor: User
) -> None:
    _publish_edit(article, editor, "It opened on 10 September.",
                  "An earlier version gave the wrong date of the premiere.", FIRST)  # fmt: skip
    html = client.get("/articles/premiere/").content.decode()
    assert (
        '<time datetime="2024-09-12T09:00:00+00:00">12 September 2024</time> · '
        '<span class="meta__updated">Updated <time datetime="2024-09-13T08:30:00+00:00">'
        "13 September 2024</time></span>\n    </p>"
    ) in html
    assert (
        '<aside class="corrections" aria-labelledby="corrections-heading">\n'
        '      <h2 id="corrections-heading" class="corrections__heading">Correction</h2>\n'
        '      <ul class="corrections__list">\n'
        '        <li><time datetime="2024-09-13T08:30:00+00:00">13 September 2024</time>: '
        "An earlier version gave the wrong date of the premiere.</li>\n"
        "      </ul>\n"
        "    </aside>"
    ) in html
    assert "<p>It opened on 10 September.</p>" in html


def test_several_corrections_are_listed_oldest_first_and_escaped(
    client: Client, article: Article, editor: User
) -> None:
    article = _publish_edit(article, editor, "On 10 September.", "The date was wrong.", FIRST)
    _publish_edit(article, editor, "On 10 September, in Toronto.",
                  "The <b>city</b> was missing & is now given.", SECOND)  # fmt: skip
    html = client.get("/articles/premiere/").content.decode()
    assert html.count('class="meta__updated"') == 1
    assert 'Updated <time datetime="2024-09-20T23:15:00+00:00">20 September 2024</time>' in html
    assert '<h2 id="corrections-heading" class="corrections__heading">Corrections</h2>' in html
    assert (
        '<li><time datetime="2024-09-13T08:30:00+00:00">13 September 2024</time>: '
        "The date was wrong.</li>"
        '<li><time datetime="2024-09-20T23:15:00+00:00">20 September 2024</time>: '
        "The &lt;b&gt;city&lt;/b&gt; was missing &amp; is now given.</li>"
    ) in html
    assert "<b>city</b>" not in html


def test_a_silent_update_shows_nothing(client: Client, article: Article, editor: User) -> None:
    _publish_edit(article, editor, "It opened on 9 September (a typo fixed).", "", FIRST)
    assert not Correction.objects.exists()
    html = client.get("/articles/premiere/").content.decode()
    assert "<p>It opened on 9 September (a typo fixed).</p>" in html
    assert "Updated" not in html and 'class="corrections"' not in html
    data = _json_ld(html)
    assert "correction" not in data
    assert data["dateModified"] == Article.objects.get(slug="premiere").updated_at.isoformat()
    api = client.get("/api/v1/articles/premiere").json()
    assert (api["corrections"], api["updated_at"]) == ([], None)


def test_the_json_ld_carries_the_corrections(
    client: Client, article: Article, editor: User
) -> None:
    article = _publish_edit(article, editor, "On 10 September.", "The date was wrong.", FIRST)
    _publish_edit(article, editor, "On 10 September, in Toronto.", "The city was missing.",
                  SECOND)  # fmt: skip
    html = client.get("/articles/premiere/").content.decode()
    data = _json_ld(html)
    assert data["datePublished"] == "2024-09-12T09:00:00+00:00"
    assert data["dateModified"] == "2024-09-20T23:15:00+00:00"
    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": "The date was wrong.",
         "datePublished": "2024-09-13T08:30:00+00:00"},
        {"@type": "CorrectionComment", "text": "The city was missing.",
         "datePublished": "2024-09-20T23:15:00+00:00"},
    ]  # fmt: skip
    assert '<meta property="article:modified_time" content="2024-09-20T23:15:00+00:00">' in html


def test_the_api_gives_the_corrections_and_the_update_time(
    client: Client, article: Article, editor: User
) -> None:
    article = _publish_edit(article, editor, "On 10 September.", "The date was wrong.", FIRST)
    _publish_edit(article, editor, "On 10 September, in Toronto.", "The city was missing.",
                  SECOND)  # fmt: skip
    answer = client.get("/api/v1/articles/premiere").json()
    assert answer["corrections"] == [
        {"text": "The date was wrong.", "published_at": "2024-09-13T08:30:00Z"},
        {"text": "The city was missing.", "published_at": "2024-09-20T23:15:00Z"},
    ]
    assert answer["updated_at"] == "2024-09-20T23:15:00Z"
    assert answer["published_at"] == "2024-09-12T09:00:00Z"


@pytest.mark.parametrize("corrections", [1, 3])
def test_corrections_cost_one_query_whatever_their_number(
    client: Client,
    article: Article,
    editor: User,
    corrections: int,
    django_assert_num_queries: Any,
) -> None:
    # Without corrections: article, sources, tags, entities (none for the corrections).
    with django_assert_num_queries(4):
        client.get("/api/v1/articles/premiere")
    for n in range(corrections):
        article = _publish_edit(article, editor, f"Version {n}.", f"Fix {n}.", FIRST)
    with django_assert_num_queries(5):
        assert len(client.get("/api/v1/articles/premiere").json()["corrections"]) == corrections


def test_the_article_page_reads_the_corrections_in_one_query(
    client: Client, article: Article, editor: User, settings: Any
) -> None:
    settings.MARQUEE_PAGE_CACHE = False
    client.get("/articles/premiere/")  # warm what is not the article's (site-wide counts)
    with CaptureQueriesContext(connection) as uncorrected:
        client.get("/articles/premiere/")
    article = _publish_edit(article, editor, "On 10 September.", "The date was wrong.", FIRST)
    _publish_edit(article, editor, "On 10 September, in Toronto.", "Fixed.", SECOND)
    client.get("/articles/premiere/")
    with CaptureQueriesContext(connection) as corrected:
        html = client.get("/articles/premiere/").content.decode()
    assert html.count("<li><time datetime=") == 2
    assert len(corrected.captured_queries) == len(uncorrected.captured_queries) + 1


def test_a_correction_replaces_the_cached_page(
    client: Client,
    article: Article,
    editor: User,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MARQUEE_PAGE_CACHE = True
    first = Client().get("/articles/premiere/")
    assert first["X-Page-Cache"] == "miss" and "Updated" not in first.content.decode()
    assert Client().get("/articles/premiere/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        _publish_edit(article, editor, "It opened on 10 September.", "The date was wrong.", FIRST)
    corrected = Client().get("/articles/premiere/")
    assert corrected["X-Page-Cache"] == "miss"
    html = corrected.content.decode()
    assert 'Updated <time datetime="2024-09-13T08:30:00+00:00">13 September 2024</time>' in html
    assert _json_ld(html)["dateModified"] == "2024-09-13T08:30:00+00:00"

"""The demo content: Similar Articles and a Watch Now box that follows the region."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from marquee.discovery.models import SearchEntry, SimilarArticle
from marquee.discovery.selectors import search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db: None) -> None:
    """Loaded for real: the linker and discovery run after commit, as in production."""
    call_command("demo", stdout=StringIO())


def test_demo_article_page_has_similar_articles_and_watch_now(demo: None, client: Client) -> None:
    url = "/articles/tiff-2024-kim-go-eun-steve-noh-love-in-the-big-city/"
    us = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<h2 id="similar-heading" class="discovery__heading">Similar articles</h2>' in us
    assert us.count('class="similar__item"') == 4
    assert 'Watch now <span class="watch-now__region">in United States</span>' in us
    client.post("/watch-region/", {"region": "KR", "next": url})
    korea = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'Watch now <span class="watch-now__region">in South Korea</span>' in korea

    def box(html: str) -> str:
        start = html.index('class="watch-now"')
        return html[start : html.index("</section>", start)]

    assert box(us) != box(korea)


def test_demo_same_story_by_two_outlets_is_on_top_for_each_other(demo: None) -> None:
    def top(slug: str) -> str:
        out = StringIO()
        call_command("similar", slug, "--json", "-k", "1", stdout=out)
        return str(json.loads(out.getvalue())["similar"][0]["slug"])

    assert top("tiff-2024-kim-go-eun-steve-noh-love-in-the-big-city") == (
        "love-in-the-big-city-premieres-at-toronto"
    )
    assert top("love-in-the-big-city-premieres-at-toronto") == (
        "tiff-2024-kim-go-eun-steve-noh-love-in-the-big-city"
    )


def test_demo_similar_command_and_search(demo: None) -> None:
    out = StringIO()
    call_command("similar", "tiff-2024-kim-go-eun-steve-noh-love-in-the-big-city", stdout=out)
    assert len(out.getvalue().splitlines()) == 4
    assert SimilarArticle.objects.count() >= 19 * 4
    assert SearchEntry.objects.filter(kind="article").count() == 19
    for spelling in ("Steve Noh", "노상현", "Noh Sang Hyun"):
        results = search(spelling).results
        assert (results[0].kind, str(results[0].obj)) == ("person", "Noh Sang-hyun"), spelling
        assert sum(r.kind == "article" for r in results) >= 3, spelling

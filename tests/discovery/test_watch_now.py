"""Watch Now: offers in the reader's region for the titles and people an article mentions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from marquee.catalog.models import Availability, Platform, Title
from marquee.discovery.selectors import campaign_url, watch_now_for_article
from marquee.linking.models import EntityState
from marquee.newsroom.models import Article
from marquee.newsroom.selectors import article_detail
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(small_kb: dict[str, Any]) -> Article:
    article = make_article("lbc-news", title="Love in the Big City news")
    link(article, title="love-in-the-big-city-film")
    link(article, person="kim-go-eun")
    return article


def box_for(article: Article, region: str, language: str = "en") -> Any:
    return watch_now_for_article(article_detail(article.slug), region=region, language=language)


def test_mentioned_title_and_other_works_of_people(article: Article) -> None:
    box = box_for(article, "US")
    assert [item.title.slug for item in box.mentioned] == ["love-in-the-big-city-film"]
    offer = box.mentioned[0].offers[0]
    assert (offer.platform, offer.offer_type, offer.offer_label) == (
        "Viki",
        "subscription",
        "Subscription",
    )
    assert offer.subtitles == [("en", "English"), ("es", "Spanish")]
    assert offer.url == (
        "https://www.viki.com/?utm_source=marquee&utm_medium=watch_now&utm_content=lbc-news"
    )
    assert box.also == []  # Goblin is not offered in the US
    japan = box_for(article, "JP")
    # The film the article is about stays in the box, with where it is offered instead.
    assert [(i.title.slug, i.offers, i.elsewhere) for i in japan.mentioned] == [
        ("love-in-the-big-city-film", [], [("CA", "Canada"), ("US", "United States")])
    ]
    assert [(item.person.slug, item.title.slug, item.role) for item in japan.also] == [
        ("kim-go-eun", "goblin", "actor")
    ]
    # Netflix has neither an offer page nor a search address here: no link, not its home page.
    assert japan.also[0].offers[0].url == ""


def test_reader_language_first_in_subtitles(article: Article) -> None:
    assert box_for(article, "CA", "es").mentioned[0].offers[0].subtitles == [
        ("es", "Spanish"),
        ("en", "English"),
    ]


def test_expired_offers_are_hidden_and_elsewhere_is_named(article: Article) -> None:
    box = box_for(article, "GB")  # the GB offer ended in 2001
    assert [(i.title.slug, i.offers) for i in box.mentioned] == [("love-in-the-big-city-film", [])]
    assert box.also == [] and not box.has_offers
    assert [(t.slug, [code for code, _ in regions]) for t, regions in box.elsewhere] == [
        ("love-in-the-big-city-film", ["CA", "US"])
    ]


def test_no_offers_anywhere_means_no_box(small_kb: object) -> None:
    article = make_article("novel-news")
    link(article, title="love-in-the-big-city-novel")
    assert box_for(article, "US") is None
    bare = make_article("no-entities")
    assert box_for(bare, "US") is None


def test_rejected_entities_do_not_count(small_kb: object) -> None:
    article = make_article("rejected")
    link(article, title="love-in-the-big-city-film", state=EntityState.REJECTED)
    assert box_for(article, "US") is None


def test_character_mentions_count_for_their_title(small_kb: object) -> None:
    article = make_article("jae-hee")
    link(article, character="Goo Jae-hee")
    assert [i.title.slug for i in box_for(article, "US").mentioned] == ["love-in-the-big-city-film"]


def test_campaign_parameters_keep_the_offer_query() -> None:
    assert campaign_url("https://x.test/w?id=3&utm_source=old", content="a") == (
        "https://x.test/w?id=3&utm_source=marquee&utm_medium=watch_now&utm_content=a"
    )
    # The address's own parameters are kept as written: a search's %20 is not turned into +.
    assert campaign_url("https://x.test/s?q=A%20%26%20B&utm_medium=x#top", content="b") == (
        "https://x.test/s?q=A%20%26%20B&utm_source=marquee&utm_medium=watch_now&utm_content=b#top"
    )


def test_box_changes_with_region_cookie_and_language(client: Client, article: Article) -> None:
    url = article.get_absolute_url()
    us = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert (
        '<h2 id="watch-now-heading" class="discovery__heading">Watch now <span class="watch-now__region">in United States</span></h2>'
        in us
    )
    assert "utm_content=lbc-news" in us
    assert '<option value="US" selected>United States</option>' in us
    japan = client.get(url, HTTP_ACCEPT_LANGUAGE="ja-JP").content.decode()
    assert 'You can also watch <a href="/people/kim-go-eun/">Kim Go-eun</a> in' in japan
    response = client.post("/watch-region/", {"region": "gb", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert response.cookies["marquee_region"].value == "GB"
    britain = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert (
        '<p class="watch-title__elsewhere">Not offered in United Kingdom; available in '
        '<abbr title="Canada">CA</abbr>, <abbr title="United States">US</abbr>.</p>'
    ) in britain


@override_settings(MARQUEE_DEFAULT_REGION="KR")
def test_default_region_without_choice_or_language(client: Client, article: Article) -> None:
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Watch now <span class="watch-now__region">in South Korea</span>' in html


def test_region_picker_is_a_labelled_form_without_a_token(article: Article) -> None:
    """The picker sits on pages every anonymous reader shares, so it carries no CSRF token;
    the choice only changes what the reader's own browser shows."""
    client = Client(enforce_csrf_checks=True)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert '<form class="region-picker" action="/watch-region/" method="post">' in html
    assert '<label for="region-picker-select">Your region</label>' in html
    assert "csrfmiddlewaretoken" not in html and not response.cookies
    chosen = client.post("/watch-region/", {"region": "JP", "next": article.get_absolute_url()})
    assert chosen.status_code == 302 and chosen.cookies["marquee_region"].value == "JP"


def test_region_form_refuses_foreign_redirects_and_forgets(client: Client) -> None:
    response = client.post("/watch-region/", {"region": "FR", "next": "https://evil.test/"})
    assert response["Location"] == "/"
    forget = client.post("/watch-region/", {"region": ""})
    assert forget.cookies["marquee_region"].value == ""
    assert client.get("/watch-region/").status_code == 405


def test_title_page_has_the_box(client: Client, small_kb: object) -> None:
    html = client.get(
        "/titles/love-in-the-big-city-film/", HTTP_ACCEPT_LANGUAGE="fr-CA"
    ).content.decode()
    assert 'Watch now <span class="watch-now__region">in Canada</span>' in html
    assert "utm_content=love-in-the-big-city-film" in html
    novel = client.get("/titles/love-in-the-big-city-novel/").content.decode()
    assert 'id="watch-now-heading"' not in novel  # never an empty box


def test_offer_without_url_or_platform_search_is_plain(small_kb: object) -> None:
    platform = Platform.objects.create(slug="local", name="Local TV")
    title = Title.objects.get(slug="goblin")
    Availability.objects.create(title=title, platform=platform, regions=["FR"], offer_type="free")
    article = make_article("goblin-news")
    link(article, title="goblin")
    offer = box_for(article, "FR").mentioned[0].offers[0]
    assert (offer.platform, offer.offer_label, offer.url) == ("Local TV", "Free", "")

"""Feeds (feedparser), sitemaps, Open Graph and JSON-LD (extruct)."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from typing import Any

import extruct
import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from marquee.catalog.models import Title
from marquee.linking.models import EntityState
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def articles(small_kb: object) -> list[Any]:
    old = make_article(
        "old-review",
        title="Review: Love in the Big City",
        dek="A warm film.",
        published_at=timezone.now() - datetime.timedelta(days=10),
        tags=("film", "reviews"),
    )
    new = make_article(
        "fresh-news",
        title="Kim Go-eun & friends",
        dek="Breaking <news>.",
        published_at=timezone.now() - datetime.timedelta(hours=3),
        tags=("film",),
        trailer_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    link(new, person="kim-go-eun", state=EntityState.CONFIRMED)
    link(new, title="love-in-the-big-city-film")
    link(new, person="noh-sang-hyun")
    link(old, title="love-in-the-big-city-film")
    make_article("draft", status="draft", tags=("film",))
    return [old, new]


@pytest.mark.parametrize(
    ("url", "version", "links"),
    [
        ("/feeds/latest.rss", "rss20", ["/articles/fresh-news/", "/articles/old-review/"]),
        ("/feeds/latest.atom", "atom10", ["/articles/fresh-news/", "/articles/old-review/"]),
        ("/feeds/tags/reviews.rss", "rss20", ["/articles/old-review/"]),
        ("/feeds/tags/film.atom", "atom10", ["/articles/fresh-news/", "/articles/old-review/"]),
        ("/feeds/people/kim-go-eun.rss", "rss20", ["/articles/fresh-news/"]),
        ("/feeds/people/kim-go-eun.atom", "atom10", ["/articles/fresh-news/"]),
        ("/feeds/titles/love-in-the-big-city-film.rss", "rss20",
         ["/articles/fresh-news/", "/articles/old-review/"]),
        ("/feeds/titles/love-in-the-big-city-film.atom", "atom10",
         ["/articles/fresh-news/", "/articles/old-review/"]),
    ],
)  # fmt: skip
def test_feeds_parse_and_list_public_articles(
    client: Client, articles: object, url: str, version: str, links: list[str]
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert [entry.link for entry in feed.entries] == [f"http://testserver{path}" for path in links]
    first = feed.entries[0]
    assert first.title in ("Kim Go-eun & friends", "Review: Love in the Big City")
    assert first.published_parsed is not None
    assert first.author == "Staff writer"


def test_feed_entry_fields(client: Client, articles: object) -> None:
    feed = feedparser.parse(client.get("/feeds/latest.rss").content)
    entry = feed.entries[0]
    assert entry.title == "Kim Go-eun & friends"
    assert entry.summary == "Breaking &lt;news&gt;."  # HTML, as feed descriptions are
    assert [tag.term for tag in entry.tags] == ["film"]
    assert feed.feed.title == "Marquee: latest"


def test_unknown_feed_objects_are_404(client: Client) -> None:
    assert client.get("/feeds/people/nobody.rss").status_code == 404
    assert client.get("/feeds/tags/none.atom").status_code == 404


def test_sitemap_index_and_news_sitemap(client: Client, articles: object) -> None:
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [node.text for node in index.iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-news.xml" in locations
    assert "http://testserver/sitemap-articles.xml" in locations
    articles_map = ET.fromstring(client.get("/sitemap-articles.xml").content)
    assert [n.text for n in articles_map.iter(f"{SITEMAP}loc")] == [
        "http://testserver/articles/fresh-news/",
        "http://testserver/articles/old-review/",
    ]
    people = ET.fromstring(client.get("/sitemap-people.xml").content)
    assert "http://testserver/people/noh-sang-hyun/" in [
        n.text for n in people.iter(f"{SITEMAP}loc")
    ]
    news = ET.fromstring(client.get("/sitemap-news.xml").content)
    urls = list(news.iter(f"{SITEMAP}url"))
    assert len(urls) == 1  # the review is older than 48 hours
    assert urls[0].find(f"{SITEMAP}loc").text == "http://testserver/articles/fresh-news/"  # type: ignore[union-attr]
    assert urls[0].find(f"{NEWS}news/{NEWS}title").text == "Kim Go-eun & friends"  # type: ignore[union-attr]
    assert urls[0].find(f"{NEWS}news/{NEWS}publication/{NEWS}name").text == "Marquee"  # type: ignore[union-attr]


def metadata_of(client: Client, url: str) -> dict[str, Any]:
    html = client.get(url).content.decode()
    found: dict[str, Any] = extruct.extract(
        html, base_url="http://testserver" + url, syntaxes=["json-ld", "opengraph"], uniform=True
    )
    return found


def test_article_json_ld_and_open_graph(client: Client, articles: object) -> None:
    data = metadata_of(client, "/articles/fresh-news/")
    (news,) = data["json-ld"]
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Kim Go-eun & friends"
    assert news["datePublished"].startswith(str(timezone.now().date())[:4])
    assert news["author"] == [{"@type": "Person", "name": "Staff writer"}]
    assert news["image"] == ["https://i.ytimg.com/vi/abcdefghijk/hqdefault.jpg"]
    assert news["mainEntityOfPage"]["@id"] == "http://testserver/articles/fresh-news/"
    assert {(e["@type"], e["name"]) for e in news["about"]} == {
        ("Person", "Kim Go-eun"), ("Movie", "Love in the Big City")
    }  # fmt: skip
    assert news["mentions"] == [
        {
            "@type": "Person",
            "name": "Noh Sang-hyun",
            "url": "http://testserver/people/noh-sang-hyun/",
        }
    ]
    (og,) = data["opengraph"]
    assert og["@type"] == "article"
    assert og["og:title"] == "Kim Go-eun & friends"
    assert og["og:url"] == "http://testserver/articles/fresh-news/"
    assert og["og:image"] == "https://i.ytimg.com/vi/abcdefghijk/hqdefault.jpg"
    html = client.get("/articles/fresh-news/").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/fresh-news/">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "Breaking \\u003Cnews\\u003E." in html  # no "</script>" can close the JSON-LD early


def test_person_json_ld(client: Client, small_kb: object) -> None:
    (person,) = metadata_of(client, "/people/noh-sang-hyun/")["json-ld"]
    assert person["@type"] == "Person"
    assert person["name"] == "Noh Sang-hyun"
    assert person["alternateName"] == ["노상현", "Steve Noh"]
    assert person["birthDate"] == "1990-03-12"
    assert person["url"] == "http://testserver/people/noh-sang-hyun/"
    assert person["performerIn"] == [
        {
            "@type": "Movie",
            "name": "Love in the Big City",
            "url": "http://testserver/titles/love-in-the-big-city-film/",
        }
    ]


@pytest.mark.parametrize(
    ("slug", "schema_type", "og_type"),
    [("love-in-the-big-city-film", "Movie", "video.movie"),
     ("goblin", "TVSeries", "video.tv_show"),
     ("love-in-the-big-city-novel", "Book", "book")],
)  # fmt: skip
def test_title_json_ld(
    client: Client, small_kb: object, slug: str, schema_type: str, og_type: str
) -> None:
    data = metadata_of(client, f"/titles/{slug}/")
    (work,) = data["json-ld"]
    assert work["@type"] == schema_type
    assert work["name"] in ("Love in the Big City", "Guardian: The Lonely and Great God")
    assert data["opengraph"][0]["@type"] == og_type
    if schema_type == "Movie":
        assert [a["name"] for a in work["actor"]] == ["Kim Go-eun", "Noh Sang-hyun"]
        assert work["director"][0]["name"] == "Lee Eon-hee"
        assert work["isBasedOn"]["@type"] == "Book"
        assert work["dateCreated"] == "2024"
    if schema_type == "Book":
        assert work["author"][0]["name"] == "Park Sang-young"
    if schema_type == "TVSeries":
        assert work["alternateName"] == ["Goblin"]
        assert "numberOfEpisodes" not in work  # the count is not known


def test_a_series_with_a_known_count_gives_its_number_of_episodes(
    client: Client, small_kb: object
) -> None:
    Title.objects.filter(slug="goblin").update(episodes=16)
    (work,) = metadata_of(client, "/titles/goblin/")["json-ld"]
    assert work["numberOfEpisodes"] == 16


def test_feed_autodiscovery_on_entity_pages(client: Client, small_kb: object) -> None:
    html = client.get("/people/kim-go-eun/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Marquee: Kim Go-eun" href="/feeds/people/kim-go-eun.rss">'
        in html
    )
    home = client.get("/").content.decode()
    assert 'href="/feeds/latest.atom"' in home


def test_feed_autodiscovery_on_tag_pages(client: Client, articles: object) -> None:
    html = client.get("/tags/film/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Marquee: film" href="/feeds/tags/film.rss">'
        in html
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Marquee: film" href="/feeds/tags/film.atom">'
        in html
    )


@pytest.mark.parametrize(
    ("status", "published_at"),
    [("draft", None), ("published", timezone.now() + datetime.timedelta(days=1))],
)
def test_a_tag_only_drafts_carry_is_in_no_sitemap_or_feed(
    client: Client, articles: object, status: str, published_at: datetime.datetime | None
) -> None:
    make_article("plans", status=status, published_at=published_at, tags=("Project Zeta",))
    tags = ET.fromstring(client.get("/sitemap-tags.xml").content)
    assert [n.text for n in tags.iter(f"{SITEMAP}loc")] == [
        "http://testserver/tags/film/",
        "http://testserver/tags/reviews/",
    ]
    for url in ("/feeds/tags/project-zeta.rss", "/feeds/tags/project-zeta.atom"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Project Zeta" not in response.content.decode()


def test_person_and_title_feeds_and_pages_leave_drafts_out(
    client: Client, articles: object
) -> None:
    """People and titles are public knowledge; an unpublished article about them is not."""
    plans = make_article("plans", title="Secret plans", status="draft", tags=("Project Zeta",))
    link(plans, person="kim-go-eun")
    link(plans, title="love-in-the-big-city-film")
    for url in (
        "/feeds/people/kim-go-eun.rss",
        "/feeds/people/kim-go-eun.atom",
        "/feeds/titles/love-in-the-big-city-film.rss",
        "/feeds/titles/love-in-the-big-city-film.atom",
        "/people/kim-go-eun/",
        "/titles/love-in-the-big-city-film/",
    ):
        html = client.get(url).content.decode()
        assert "Secret plans" not in html and "Project Zeta" not in html, url
        assert "/articles/plans/" not in html, url


def test_rss_items_have_absolute_permalink_guids_and_valid_fields(
    client: Client, articles: object
) -> None:
    """What the W3C feed validator checks that can be checked offline: absolute links, RFC 822
    dates, a permalink guid that is the item's absolute address, the feed's own address."""
    from email.utils import parsedate_to_datetime

    root = ET.fromstring(client.get("/feeds/tags/film.rss").content)
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("link") == "http://testserver/tags/film/"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None and self_link.attrib == {
        "href": "http://testserver/feeds/tags/film.rss",
        "rel": "self",
    }
    assert parsedate_to_datetime(channel.findtext("lastBuildDate", "")).tzinfo is not None
    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [
        "http://testserver/articles/fresh-news/",
        "http://testserver/articles/old-review/",
    ]
    for item in items:
        guid = item.find("guid")
        assert guid is not None
        assert guid.attrib == {"isPermaLink": "true"}
        assert guid.text == item.findtext("link")
        assert parsedate_to_datetime(item.findtext("pubDate", "")).tzinfo is not None
    feed = feedparser.parse(client.get("/feeds/tags/film.rss").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.id for entry in feed.entries] == [
        "http://testserver/articles/fresh-news/",
        "http://testserver/articles/old-review/",
    ]


def test_atom_entries_have_absolute_ids(client: Client, articles: object) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(client.get("/feeds/latest.atom").content)
    assert [(link.get("rel"), link.get("href")) for link in root.findall(f"{atom}link")] == [
        ("alternate", "http://testserver/"),
        ("self", "http://testserver/feeds/latest.atom"),
    ]
    for entry in root.findall(f"{atom}entry"):
        (link,) = entry.findall(f"{atom}link")
        assert link.get("href") == entry.findtext(f"{atom}id")
        assert (link.get("href") or "").startswith("http://testserver/articles/")
    feed = feedparser.parse(client.get("/feeds/latest.atom").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.id == "http://testserver/"
    assert [entry.id for entry in feed.entries] == [
        "http://testserver/articles/fresh-news/",
        "http://testserver/articles/old-review/",
    ]
    assert all(entry.updated_parsed is not None for entry in feed.entries)

"""Where to watch: the /watch/ page (form, results, pages, 400s, queries, page cache)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from marquee.catalog.models import Availability, Platform, Title
from marquee.catalog.services import title_poster_set
from marquee.discovery.selectors import ReaderLocale
from marquee.fans import browse
from marquee.media.services import image_add
from tests.fans.test_browse import watch_kb

__all__ = ["watch_kb"]  # the fixture, shared with the selector's tests

pytestmark = pytest.mark.django_db

MEXICO = {"Accept-Language": "es-MX"}


def page(client: Client, query: str = "", accept_language: str = "es-MX") -> str:
    response = client.get(
        f"/watch/?{query}" if query else "/watch/", headers={"Accept-Language": accept_language}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_results_show_poster_title_kind_year_and_matching_offers(
    client: Client, watch_kb: None
) -> None:
    html = page(client, "subtitles=es")
    assert (
        '<p class="watch-page__count" role="status">3 titles watchable in Mexico with Spanish subtitles</p>'
        in html
    )
    assert html.count('<li class="watch-result">') == 3
    assert (
        '<h3 class="watch-result__name"><a href="/titles/beta/"><cite>Beta</cite></a></h3>' in html
    )
    assert '<p class="meta watch-result__kind">Series · 2023</p>' in html
    assert '<p class="meta watch-result__kind">Series</p>' in html  # Theta has no year
    assert (
        '<a class="offer__platform" href="https://www.viki.com/tv/beta?utm_source=marquee&amp;'
        'utm_medium=watch_now&amp;utm_content=watch" rel="noopener noreferrer sponsored">Viki</a>'
    ) in html
    assert '<span class="offer-type offer-type--ads">Free with ads</span>' in html
    assert 'Subtitles: <span lang="es">Spanish</span>, <span lang="en">English</span>' in html
    assert (
        "Netflix"
        not in html.split('class="watch-results"')[1]
        .split("</ol>")[0]
        .split("/titles/beta/")[1]
        .split("</li>")[0]
    )  # Beta's Netflix offer has Portuguese subtitles only
    assert 'class="picture picture--poster picture--placeholder' in html
    assert (
        '<link rel="canonical" href="http://testserver/watch/?region=MX&amp;subtitles=es">' in html
    )
    assert "<title>Where to watch in Mexico · Marquee</title>" in html
    assert (
        '<meta name="description" content="3 titles watchable in Mexico with Spanish subtitles:'
    ) in html


def test_a_poster_is_shown(client: Client, watch_kb: None) -> None:
    buffer = io.BytesIO()
    PILImage.new("RGB", (600, 900), "navy").save(buffer, "JPEG")
    poster = image_add(data=buffer.getvalue(), alt="Beta's poster", credit="Studio")
    title_poster_set(Title.objects.get(slug="beta"), poster)
    html = page(client, "kind=series")
    assert '<picture class="picture picture--poster">' in html
    assert 'alt="Beta&#x27;s poster"' in html
    assert 'sizes="4rem"' in html


def test_region_defaults_to_the_reader_and_a_query_overrides_it(
    client: Client, watch_kb: None
) -> None:
    assert "5 titles watchable in Mexico</p>" in page(client)
    assert "2 titles watchable in United States</p>" in page(client, accept_language="en-US")
    assert "1 title watchable in Canada</p>" in page(client, "region=ca")
    client.cookies["marquee_region"] = "BR"
    assert "1 title watchable in Brazil</p>" in page(client)


def test_saved_subtitle_languages_are_the_default_and_can_be_cleared(
    client: Client, watch_kb: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A logged-in reader's saved languages (``ReaderLocale.subtitles``) are the default."""

    saved = ReaderLocale(region="MX", language="es", picked=False, subtitles=("ko",))
    monkeypatch.setattr("marquee.fans.views.browse.reader_locale", lambda request: saved)
    html = page(client)
    assert "1 title watchable in Mexico with Korean subtitles</p>" in html
    assert '<input type="hidden" name="subtitles" value="">' in html
    assert 'value="ko" checked>' in html
    assert "5 titles watchable in Mexico</p>" in page(client, "subtitles=")
    assert "3 titles watchable in Mexico with Spanish subtitles</p>" in page(client, "subtitles=es")


def test_the_form_offers_what_exists_and_keeps_the_choices(client: Client, watch_kb: None) -> None:
    html = page(client, "region=MX&subtitles=es&kind=series&platform=viki&type=ads&sort=discussed")
    form = html.split('<form class="watch-filters"')[1].split("</form>")[0]
    assert 'action="/watch/" method="get"' in form
    assert '<option value="MX" selected>Mexico</option>' in form
    assert (
        '<option value="">Films, series and shows</option><option value="film">Film</option>'
        '<option value="series" selected>Series</option><option value="show">Show</option>'
    ) in form
    assert (
        '<option value="bold">&lt;b&gt;Bold&lt;/b&gt; &amp; Co</option>'
        '<option value="netflix">Netflix</option><option value="tving">TVING</option>'
        '<option value="viki" selected>Viki</option>'
    ) in form
    assert '<option value="ads" selected>Free with ads</option>' in form
    assert '<option value="discussed" selected>Most discussed</option>' in form
    languages = [part.split('"')[0] for part in form.split('name="subtitles" value="')[1:]]
    assert languages == ["en", "ko", "pt", "es"]  # by name: English, Korean, Portuguese, Spanish
    assert '<input type="checkbox" name="subtitles" value="es" checked>' in form
    assert 'type="hidden"' not in form  # no saved languages: an empty choice needs no marker
    assert "1 series watchable in Mexico on Viki free with ads with Spanish subtitles" in html
    assert '<span class="watch-result__discussion">0 articles, 0 comments</span>' in html


def test_names_are_escaped(client: Client, watch_kb: None) -> None:
    html = page(client, "platform=bold")
    assert "<script>alert(1)</script>" not in html
    assert "<cite>Eta &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</cite>" in html
    assert ">&lt;b&gt;Bold&lt;/b&gt; &amp; Co</a>" in html
    assert ("1 title watchable in Mexico on &lt;b&gt;Bold&lt;/b&gt; &amp; Co</p>") in html
    bad = Client().get("/watch/?platform=%3Cscript%3E", headers=MEXICO)
    assert bad.status_code == 400
    assert "<script>" not in bad.content.decode()
    assert "platform “&lt;script&gt;” is unknown" in bad.content.decode()


def test_pagination_links_keep_the_filters(
    client: Client, watch_kb: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browse, "WATCH_PAGE_SIZE", 2)
    first = page(client, "subtitles=es&sort=discussed")
    assert '<ol class="watch-results" start="1">' in first
    assert '<span aria-current="page">Page 1 of 2</span>' in first
    assert (
        '<a rel="next" href="?region=MX&amp;subtitles=es&amp;sort=discussed&amp;page=2">Next →</a>'
    ) in first
    assert 'rel="prev"' not in first
    second = page(client, "subtitles=es&sort=discussed&page=2")
    assert '<ol class="watch-results" start="3">' in second
    assert second.count('<li class="watch-result">') == 1
    assert (
        '<a rel="prev" href="?region=MX&amp;subtitles=es&amp;sort=discussed">← Previous</a>'
        in second
    )
    assert 'rel="next"' not in second
    assert "(page 2 of 2)" in second
    assert (
        '<link rel="canonical" href="http://testserver/watch/?region=MX&amp;subtitles=es&amp;'
        'sort=discussed&amp;page=2">'
    ) in second
    assert 'class="pagination"' not in page(client, "kind=show")


def test_an_empty_result_says_what_to_loosen(client: Client, watch_kb: None) -> None:
    html = page(client, "subtitles=th&kind=film")
    assert "No films watchable in Mexico with Thai subtitles</p>" in html
    assert (
        'Try again with\n    <a href="?region=MX&amp;kind=film">subtitles in any language</a> or '
        '<a href="?region=MX&amp;subtitles=th">films, series and shows</a>,\n'
        "    or choose another region above."
    ) in html
    assert '<ol class="watch-results"' not in html
    nothing = page(client, "region=ZA")
    assert "No titles watchable in South Africa</p>" in nothing
    assert "Nothing is watchable in South Africa yet as far as we know." in nothing


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("region=ZZ",
         "region “ZZ” is unknown: use an ISO 3166-1 alpha-2 code such as MX or KR."),
        ("subtitles=klingon",
         "subtitles “klingon” is unknown: use ISO 639-1 language codes such as es or en."),
        ("kind=novel",
         "kind “novel” is not a kind of title you can watch: choose film, series or show."),
        ("platform=hulu", "platform “hulu” is unknown: choose one of the platforms listed."),
        ("type=free-ish",
         "type “free-ish” is unknown: choose subscription, free, ads, rent or buy."),
        ("sort=oldest", "sort “oldest” is unknown: choose newest or discussed."),
        ("page=x", "page “x” is not a page number (1, 2, 3…)."),
        ("page=2", "page “2” does not exist: the results fill 1 page."),
        ("page=1000000000", "page “1000000000” is not a page number (1, 2, 3…)."),
        ("page=" + "9" * 5000, f"page “{'9' * 40}…” is not a page number (1, 2, 3…)."),
        ("page=999999999", "page “999999999” does not exist: the results fill 1 page."),
        ("platform=%00", "platform “\x00” is unknown: choose one of the platforms listed."),
    ],
)  # fmt: skip
def test_bad_input_answers_400_naming_the_parameter(
    client: Client, watch_kb: None, query: str, message: str
) -> None:
    response = client.get(f"/watch/?{query}", headers=MEXICO)
    assert response.status_code == 400
    html = response.content.decode()
    parameter = query.split("=")[0]
    assert (
        f'<p class="watch-page__error" role="alert" data-parameter="{parameter}">{message}</p>'
    ) in html
    assert '<form class="watch-filters"' in html  # the reader can fix it from here
    assert '<meta name="robots" content="noindex">' in html
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]


def test_only_get_and_head(client: Client, watch_kb: None) -> None:
    assert client.head("/watch/", headers=MEXICO).status_code == 200
    assert client.post("/watch/", headers=MEXICO).status_code == 405


def test_queries_are_fixed_whatever_the_number_of_results(
    client: Client, watch_kb: None, django_assert_num_queries: Any
) -> None:
    Availability.objects.filter(title__slug="delta").update(regions=["MX"])
    # platforms, languages in offers, count, the page of titles, their offers
    with django_assert_num_queries(5):
        assert page(client).count('<li class="watch-result">') == 6
    with django_assert_num_queries(5):
        assert page(client, "sort=discussed").count('<li class="watch-result">') == 6
    with django_assert_num_queries(3):  # nothing matches: no titles to list
        page(client, "subtitles=th")
    with django_assert_num_queries(2):  # refused before counting
        assert client.get("/watch/?kind=novel", headers=MEXICO).status_code == 400
    Platform.objects.create(slug="wavve", name="Wavve")
    for n in range(25):
        title = Title.objects.create(slug=f"more-{n}", name=f"More {n}", kind="film", year=1990)
        Availability.objects.create(
            title=title, platform_id=Platform.objects.get(slug="wavve").pk, regions=["MX"]
        )
    with django_assert_num_queries(5):
        assert page(client).count('<li class="watch-result">') == browse.WATCH_PAGE_SIZE


def test_anonymous_pages_are_shared_per_address(
    client: Client, watch_kb: None, settings: Any
) -> None:
    settings.MARQUEE_PAGE_CACHE = True
    first = client.get("/watch/?region=MX", headers=MEXICO)
    assert first["X-Page-Cache"] == "miss"
    assert (
        first["Cache-Control"]
        == f"public, max-age=0, s-maxage={settings.MARQUEE_PAGE_CACHE_SECONDS}"
    )
    assert first["Vary"] == "Cookie, Accept-Language"
    assert Client().get("/watch/?region=MX", headers=MEXICO)["X-Page-Cache"] == "hit"
    other = Client().get("/watch/?region=MX&kind=film", headers=MEXICO)
    assert other["X-Page-Cache"] == "miss"
    assert "2 films watchable in Mexico</p>" in other.content.decode()
    refused = Client().get("/watch/?region=QQ", headers=MEXICO)
    assert refused.status_code == 400 and "X-Page-Cache" not in refused
    assert Client().get("/watch/?region=QQ", headers=MEXICO).status_code == 400


def test_without_a_region_the_stored_page_is_the_readers_region(
    watch_kb: None, settings: Any
) -> None:
    settings.MARQUEE_PAGE_CACHE = True
    mexico = Client().get("/watch/", headers=MEXICO)
    assert "5 titles watchable in Mexico</p>" in mexico.content.decode()
    us = Client().get("/watch/", headers={"Accept-Language": "en-US"})
    assert us["X-Page-Cache"] == "miss"
    assert "2 titles watchable in United States</p>" in us.content.decode()
    picked = Client()
    picked.cookies["marquee_region"] = "CA"
    canada = picked.get("/watch/", headers=MEXICO)
    assert canada["X-Page-Cache"] == "miss"
    assert "1 title watchable in Canada</p>" in canada.content.decode()


def test_a_logged_in_reader_gets_a_private_page_in_bounded_queries(
    client: Client, watch_kb: None, settings: Any
) -> None:
    from django.contrib.auth.models import User

    settings.MARQUEE_PAGE_CACHE = True
    client.force_login(User.objects.create_user(username="reader", password="x-correct-horse"))
    client.get("/watch/?region=MX", headers=MEXICO)  # the reader's first request may set up more
    with CaptureQueriesContext(connection) as few:
        response = client.get("/watch/?region=MX", headers=MEXICO)
    assert response["Cache-Control"] == "private, no-cache"
    assert "X-Page-Cache" not in response
    assert "5 titles watchable in Mexico</p>" in response.content.decode()
    more = Title.objects.create(slug="more", name="More", kind="film", year=1990)
    Availability.objects.create(
        title=more, platform=Platform.objects.get(slug="viki"), regions=["MX"]
    )
    with CaptureQueriesContext(connection) as many:
        assert (
            "6 titles watchable" in client.get("/watch/?region=MX", headers=MEXICO).content.decode()
        )
    # The header's badges and the reader's settings are other apps' queries; this page's own
    # do not grow with the results.
    assert len(many) == len(few)

"""Where to watch: the selector of /watch/ (filters, sorting, pages) and its query parser."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.http import QueryDict
from django.utils import timezone

from marquee.catalog.kb_format import parse_document
from marquee.catalog.models import Availability, Platform
from marquee.catalog.services import kb_import
from marquee.community import services as community
from marquee.community.models import Comment, CommentStatus
from marquee.fans import browse
from marquee.linking.models import EntityState
from marquee.newsroom.models import ArticleStatus
from tests.conftest import make_article
from tests.discovery.conftest import link

pytestmark = pytest.mark.django_db

FUTURE = "2099-01-01"
PAST = "2001-01-01"

WATCH_KB: dict[str, Any] = {
    "format": "marquee-kb/1",
    "people": [{"id": "kim-go-eun", "name": "Kim Go-eun"}],
    "titles": [
        {"id": "alpha", "name": "Alpha", "kind": "film", "year": 2020},
        {"id": "beta", "name": "Beta", "kind": "series", "year": 2023},
        {"id": "gamma", "name": "Gamma", "kind": "show", "year": 2021},
        {"id": "delta", "name": "Delta", "kind": "series", "year": 2023},
        {"id": "epsilon", "name": "Epsilon", "kind": "novel", "year": 2019},
        {"id": "zeta", "name": "Zeta", "kind": "film", "year": 2024},
        {"id": "eta", "name": "Eta <script>alert(1)</script> & Co", "kind": "film", "year": 2022},
        {"id": "theta", "name": "Theta", "kind": "series"},
    ],
    "credits": [
        {"person": "kim-go-eun", "title": "gamma", "role": "host", "character": "Gamma Host"},
    ],
    "platforms": [
        {"id": "viki", "name": "Viki", "url": "https://www.viki.com"},
        {"id": "netflix", "name": "Netflix", "url": "https://www.netflix.com"},
        {"id": "tving", "name": "TVING", "url": "https://www.tving.com",
         "search_url": "https://www.tving.com/search?keyword={title}"},
        {"id": "bold", "name": "<b>Bold</b> & Co", "url": "https://bold.example",
         "search_url": "https://bold.example/find/{title}"},
    ],
    "availability": [
        {"title": "alpha", "platform": "viki", "regions": ["MX", "US"], "type": "subscription",
         "subtitles": ["es", "en"], "url": "https://www.viki.com/movies/alpha?ref=kb",
         "until": FUTURE},
        {"title": "alpha", "platform": "netflix", "regions": ["US"], "type": "rent",
         "subtitles": ["en"], "url": "https://www.netflix.com/title/1"},
        {"title": "beta", "platform": "netflix", "regions": ["MX"], "type": "subscription",
         "subtitles": ["pt"]},
        {"title": "beta", "platform": "viki", "regions": ["BR", "MX"], "type": "ads",
         "subtitles": ["es"], "url": "https://www.viki.com/tv/beta"},
        {"title": "gamma", "platform": "tving", "regions": ["MX"], "type": "free"},
        {"title": "delta", "platform": "viki", "regions": ["US", "CA"], "type": "subscription",
         "subtitles": ["es"], "url": "https://www.viki.com/tv/delta"},
        {"title": "epsilon", "platform": "viki", "regions": ["MX"], "subtitles": ["es"],
         "url": "https://www.viki.com/epsilon"},
        {"title": "zeta", "platform": "viki", "regions": ["MX"], "subtitles": ["es"],
         "url": "https://www.viki.com/zeta", "until": PAST},
        {"title": "eta", "platform": "bold", "regions": ["MX"], "type": "buy",
         "subtitles": ["ko"]},
        {"title": "theta", "platform": "netflix", "regions": ["MX"], "type": "rent",
         "subtitles": ["en", "es"], "url": "https://www.netflix.com/title/theta"},
    ],
}  # fmt: skip


@pytest.fixture
def watch_kb(db: None) -> None:
    kb_import(document=parse_document(WATCH_KB))


def mexico(**changes: Any) -> browse.WatchFilters:
    return browse.WatchFilters(region="MX", **changes)


def page_of(filters: browse.WatchFilters, **options: Any) -> browse.WatchPage:
    options.setdefault("today", timezone.localdate())
    options.setdefault("now", timezone.now())
    return browse.watchable_titles(filters, **options)


def slugs(page: browse.WatchPage) -> list[str]:
    return [item.title.slug for item in page.items]


def offers_of(page: browse.WatchPage, slug: str) -> list[tuple[str, str, list[str], str]]:
    item = next(item for item in page.items if item.title.slug == slug)
    return [
        (offer.platform, offer.offer_type, [code for code, _ in offer.subtitles], offer.url)
        for offer in item.offers
    ]


# Filters


def test_region_lists_current_offers_of_watchable_kinds_newest_first(watch_kb: None) -> None:
    page = page_of(mexico())
    # Delta is offered only in the US and Canada, Epsilon is a novel, Zeta's offer has ended;
    # Theta has no year and comes last.
    assert slugs(page) == ["beta", "eta", "gamma", "alpha", "theta"]
    assert page.count == 5
    assert page.summary == "5 titles watchable in Mexico"
    assert offers_of(page, "alpha") == [
        (
            "Viki",
            "subscription",
            ["es", "en"],
            "https://www.viki.com/movies/alpha?ref=kb"
            "&utm_source=marquee&utm_medium=watch_now&utm_content=watch",
        )
    ]  # Alpha's Netflix offer is for the US only
    united_states = page_of(browse.WatchFilters(region="US"))
    assert slugs(united_states) == ["delta", "alpha"]
    assert [offer[0] for offer in offers_of(united_states, "alpha")] == ["Netflix", "Viki"]


def test_subtitles_match_any_of_the_languages_asked(watch_kb: None) -> None:
    spanish = page_of(mexico(subtitles=("es",)))
    assert slugs(spanish) == ["beta", "alpha", "theta"]
    assert spanish.summary == "3 titles watchable in Mexico with Spanish subtitles"
    assert offers_of(spanish, "beta") == [
        (
            "Viki",
            "ads",
            ["es"],
            "https://www.viki.com/tv/beta?utm_source=marquee&utm_medium=watch_now&utm_content=watch",
        )
    ]  # Beta's Netflix offer has Portuguese subtitles only
    # The languages asked for come first in each offer's list.
    assert offers_of(spanish, "theta")[0][2] == ["es", "en"]
    either = page_of(mexico(subtitles=("pt", "es")))
    assert slugs(either) == ["beta", "alpha", "theta"]
    assert [offer[0] for offer in offers_of(either, "beta")] == ["Netflix", "Viki"]
    assert either.summary == "3 titles watchable in Mexico with Portuguese or Spanish subtitles"
    korean = page_of(mexico(subtitles=("ko",)))
    assert slugs(korean) == ["eta"]
    assert page_of(mexico(subtitles=("th",))).count == 0


def test_region_and_language_must_meet_in_one_offer(watch_kb: None) -> None:
    # Delta has Spanish subtitles, but only in the US and Canada; Alpha's English-subtitled
    # rental is US-only yet its Mexican offer has English too.
    assert slugs(page_of(mexico(subtitles=("en",)))) == ["alpha", "theta"]
    assert slugs(page_of(browse.WatchFilters(region="CA", subtitles=("es",)))) == ["delta"]
    assert slugs(page_of(browse.WatchFilters(region="BR", subtitles=("pt",)))) == []
    assert slugs(page_of(browse.WatchFilters(region="BR", subtitles=("es",)))) == ["beta"]


def test_kind_platform_and_type_filters(watch_kb: None) -> None:
    assert slugs(page_of(mexico(kind="series"))) == ["beta", "theta"]
    assert slugs(page_of(mexico(kind="film"))) == ["eta", "alpha"]
    assert slugs(page_of(mexico(kind="show"))) == ["gamma"]
    netflix = page_of(mexico(platform="netflix"))
    assert slugs(netflix) == ["beta", "theta"]
    assert [offer[0] for offer in offers_of(netflix, "beta")] == ["Netflix"]
    rent = page_of(mexico(offer_type="rent"))
    assert slugs(rent) == ["theta"]
    assert rent.summary == "1 title watchable in Mexico to rent"


def test_filters_combined(watch_kb: None) -> None:
    filters = mexico(subtitles=("es",), kind="series", platform="viki", offer_type="ads")
    page = page_of(filters, platform=Platform.objects.get(slug="viki"))
    assert slugs(page) == ["beta"]
    assert [offer[:2] for offer in offers_of(page, "beta")] == [("Viki", "ads")]
    assert (
        page.summary == "1 series watchable in Mexico on Viki free with ads with Spanish subtitles"
    )
    none = page_of(mexico(subtitles=("es",), kind="series", offer_type="buy"))
    assert none.count == 0 and none.items == []
    assert none.summary == "No series watchable in Mexico to buy with Spanish subtitles"


def test_expired_offers_are_excluded_and_the_last_day_counts(watch_kb: None) -> None:
    Availability.objects.filter(title__slug="zeta").update(until=datetime.date(2030, 6, 1))
    assert "zeta" in slugs(page_of(mexico(), today=datetime.date(2030, 6, 1)))
    assert "zeta" not in slugs(page_of(mexico(), today=datetime.date(2030, 6, 2)))


# Sorting


def test_newest_breaks_ties_by_name(watch_kb: None) -> None:
    Availability.objects.filter(title__slug="delta").update(regions=["US", "CA", "MX"])
    assert slugs(page_of(mexico()))[:3] == ["beta", "delta", "eta"]  # 2023, 2023, 2022


def test_discussed_counts_public_linking_articles_and_their_published_comments(
    watch_kb: None, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0
    jaehee = community.account_create(username="jaehee", email="", password="x-correct-horse")
    heungsoo = community.account_create(username="heungsoo", email="", password="x-correct-horse")
    beta_news = make_article("beta-news")
    link(beta_news, title="beta")
    community.comment_post(author=jaehee, article=beta_news, body="Loved it.")
    community.comment_post(author=heungsoo, article=beta_news, body="Me too.")
    held = community.comment_post(author=heungsoo, article=beta_news, body="A third thought.")
    Comment.objects.filter(pk=held.pk).update(status=CommentStatus.PENDING)
    # Gamma: one article linking the show and its character counts once; no comment.
    gamma_news = make_article("gamma-news")
    link(gamma_news, title="gamma")
    link(gamma_news, character="Gamma Host")
    # Not counted: a draft, a rejected link, an article taken down.
    link(make_article("alpha-draft", status=ArticleStatus.DRAFT), title="alpha")
    link(make_article("alpha-rejected"), title="alpha", state=EntityState.REJECTED)
    link(make_article("theta-gone", status=ArticleStatus.UNPUBLISHED), title="theta")

    page = page_of(mexico(sort="discussed"))
    # Beta 1 article + 2 comments, Gamma 1 + 0; the rest 0, newest first.
    assert slugs(page) == ["beta", "gamma", "eta", "alpha", "theta"]
    assert [(item.discussion_articles, item.discussion_comments) for item in page.items] == [
        (1, 2),
        (1, 0),
        (0, 0),
        (0, 0),
        (0, 0),
    ]
    assert slugs(page_of(mexico(sort="discussed", kind="film"))) == ["eta", "alpha"]
    newest = page_of(mexico())
    assert newest.items[0].discussion_articles is None


# Pages


def test_pages_split_the_results_in_order(watch_kb: None) -> None:
    first = page_of(mexico(), page_size=2)
    assert slugs(first) == ["beta", "eta"]
    assert (first.count, first.num_pages, first.has_previous, first.has_next) == (5, 3, False, True)
    assert first.next_query == "region=MX&page=2"
    last = page_of(mexico(), page=3, page_size=2)
    assert slugs(last) == ["theta"]
    assert (last.start, last.has_next, last.previous_query) == (5, False, "region=MX&page=2")
    assert page_of(mexico(), page=2, page_size=2).previous_query == "region=MX"
    with pytest.raises(browse.FilterError) as error:
        page_of(mexico(), page=4, page_size=2)
    assert error.value.message == "page “4” does not exist: the results fill 3 pages."
    with pytest.raises(browse.FilterError) as error:
        page_of(mexico(subtitles=("th",)), page=2)
    assert error.value.message == "page “2” does not exist: the results fill 1 page."


def test_queries_are_fixed_whatever_the_number_of_results(
    watch_kb: None, django_assert_num_queries: Any
) -> None:
    many = {
        "format": "marquee-kb/1",
        "titles": [
            {"id": f"extra-{n}", "name": f"Extra {n}", "kind": "series", "year": 2000 + n}
            for n in range(12)
        ],
        "availability": [
            {"title": f"extra-{n}", "platform": "viki", "regions": ["MX"], "subtitles": ["es"]}
            for n in range(12)
        ],
    }
    kb_import(document=parse_document(many))
    for sort in ("newest", "discussed"):
        with django_assert_num_queries(3):  # count, titles, their offers
            assert len(page_of(mexico(sort=sort)).items) == 17
    with django_assert_num_queries(1):  # the count alone when nothing matches
        assert page_of(mexico(subtitles=("th",))).items == []
    with django_assert_num_queries(2):
        choices = browse.browse_choices(today=timezone.localdate())
    assert [platform.slug for platform in choices.platforms] == ["bold", "netflix", "tving", "viki"]


# The form's choices, offer links


def test_form_languages_are_those_of_current_offers(watch_kb: None) -> None:
    Availability.objects.filter(title__slug="eta").update(subtitles=["ko", "xh"])  # no name
    choices = browse.browse_choices(today=timezone.localdate())
    assert choices.languages == [
        ("en", "English"),
        ("ko", "Korean"),
        ("pt", "Portuguese"),
        ("es", "Spanish"),
    ]
    assert choices.languages_with(["th", "es"])[-1] == ("th", "Thai")


def test_an_offer_without_its_own_address_links_the_platform_search_or_nothing(
    watch_kb: None,
) -> None:
    page = page_of(mexico())
    assert offers_of(page, "gamma")[0][3] == (
        "https://www.tving.com/search?keyword=Gamma"
        "&utm_source=marquee&utm_medium=watch_now&utm_content=watch"
    )
    assert offers_of(page, "eta")[0][3] == (
        "https://bold.example/find/Eta%20%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20%26%20Co"
        "?utm_source=marquee&utm_medium=watch_now&utm_content=watch"
    )
    # Netflix has no search address: Beta's offer there has no link, never the home page.
    assert offers_of(page, "beta")[0][:2] == ("Netflix", "subscription")
    assert offers_of(page, "beta")[0][3] == ""


# Parsing the query string

PLATFORMS = [Platform(slug="viki", name="Viki"), Platform(slug="netflix", name="Netflix")]


def parse(query: str, *, saved: tuple[str, ...] = ()) -> tuple[browse.WatchFilters, int]:
    return browse.parse_filters(
        QueryDict(query), default_region="US", saved_subtitles=saved, platforms=PLATFORMS
    )


def test_parse_reads_every_filter() -> None:
    filters, page = parse(
        "region=mx&subtitles=ES&subtitles=pt&subtitles=es&subtitles=&kind=Series"
        "&platform=VIKI&type=ads&sort=discussed&page=003"
    )
    assert filters == browse.WatchFilters(
        region="MX",
        subtitles=("es", "pt"),
        kind="series",
        platform="viki",
        offer_type="ads",
        sort="discussed",
    )
    assert page == 3
    assert filters.query(2) == (
        "region=MX&subtitles=es&subtitles=pt&kind=series&platform=viki&type=ads"
        "&sort=discussed&page=2"
    )


def test_parse_defaults_to_the_reader_region_and_saved_languages() -> None:
    assert parse("") == (browse.WatchFilters(region="US"), 1)
    assert parse("region=&kind=&platform=&type=&sort=&page=") == (
        browse.WatchFilters(region="US"),
        1,
    )
    saved, _ = parse("", saved=("es",))
    assert saved.subtitles == ("es",)
    assert saved.query() == "region=US&subtitles=es"
    # An empty subtitles parameter is the reader's choice of any language, kept in links.
    any_language, _ = parse("subtitles=", saved=("es",))
    assert any_language.subtitles == ()
    assert any_language.query(2) == "region=US&subtitles=&page=2"
    assert any_language.canonical_query(2) == "region=US&page=2"


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("region=ZZ", "region",
         "region “ZZ” is unknown: use an ISO 3166-1 alpha-2 code such as MX or KR."),
        ("region=Mexico", "region",
         "region “Mexico” is unknown: use an ISO 3166-1 alpha-2 code such as MX or KR."),
        ("subtitles=es&subtitles=xx", "subtitles",
         "subtitles “xx” is unknown: use ISO 639-1 language codes such as es or en."),
        ("kind=novel", "kind",
         "kind “novel” is not a kind of title you can watch: choose film, series or show."),
        ("kind=opera", "kind",
         "kind “opera” is not a kind of title you can watch: choose film, series or show."),
        ("platform=hulu", "platform",
         "platform “hulu” is unknown: choose one of the platforms listed."),
        ("type=lease", "type",
         "type “lease” is unknown: choose subscription, free, ads, rent or buy."),
        ("sort=best", "sort", "sort “best” is unknown: choose newest or discussed."),
        ("page=0", "page", "page “0” is not a page number (1, 2, 3…)."),
        ("page=two", "page", "page “two” is not a page number (1, 2, 3…)."),
        ("page=-1", "page", "page “-1” is not a page number (1, 2, 3…)."),
        ("page=%D9%A3", "page", "page “٣” is not a page number (1, 2, 3…)."),
        ("region=" + "X" * 60, "region",
         f"region “{'X' * 40}…” is unknown: use an ISO 3166-1 alpha-2 code such as MX or KR."),
    ],
)  # fmt: skip
def test_parse_refuses_what_it_cannot_use(query: str, parameter: str, message: str) -> None:
    with pytest.raises(browse.FilterError) as error:
        parse(query)
    assert (error.value.parameter, error.value.message) == (parameter, message)


def test_parse_limits_the_number_of_languages() -> None:
    codes = ["de", "en", "es", "fr", "it", "ja", "ko", "pt", "th", "vi", "zh"]
    with pytest.raises(browse.FilterError) as error:
        parse("&".join(f"subtitles={code}" for code in codes))
    assert error.value.message == "subtitles: choose at most 10 languages at once."
    filters, _ = parse("&".join(f"subtitles={code}" for code in codes[:10]))
    assert len(filters.subtitles) == 10


def test_loosening_drops_one_filter_at_a_time() -> None:
    filters = browse.WatchFilters(
        region="MX", subtitles=("th",), kind="film", platform="viki", offer_type="buy"
    )
    assert browse.loosened(filters) == [
        ("subtitles in any language", "region=MX&kind=film&platform=viki&type=buy"),
        ("films, series and shows", "region=MX&subtitles=th&platform=viki&type=buy"),
        ("every platform", "region=MX&subtitles=th&kind=film&type=buy"),
        ("every kind of offer", "region=MX&subtitles=th&kind=film&platform=viki"),
    ]
    assert browse.loosened(browse.WatchFilters(region="MX", sort="discussed")) == []

"""Reads of the discovery app, each in a small, fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from marquee.catalog.codes import LANGUAGE_NAMES
from marquee.catalog.models import Availability, Credit, Person, Title
from marquee.discovery.models import (
    ArticleFeature,
    EntryKind,
    Follow,
    SimilarArticle,
    TrendingArticle,
)
from marquee.discovery.regions import (
    REGION_COOKIE,
    choose_region,
    language_from_accept_language,
    languages_first,
    region_name,
)
from marquee.discovery.search import Hit, SearchQuery, backend, parse_query
from marquee.discovery.text import STOP_WORDS
from marquee.newsroom.models import Article, ArticleEntity, EntityState

SIMILAR_ON_PAGE = 4
ALSO_WATCH_PER_PERSON = 2
ALSO_WATCH_TOTAL = 4
TRENDING_ON_HOME = 5
FOLLOWED_ON_HOME = 6


# Similar Articles ---------------------------------------------------------------------------


def similar_articles(article: Article, *, limit: int = SIMILAR_ON_PAGE) -> list[SimilarArticle]:
    """The stored Similar Articles of ``article`` that the public may read, best first."""
    return list(
        SimilarArticle.objects.filter(article=article, similar__in=Article.objects.published())
        .select_related("similar")
        .order_by("-score", "-similar__published_at", "similar_id")[:limit]
    )


# Region and language --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReaderLocale:
    region: str
    language: str
    picked: bool

    @property
    def region_name(self) -> str:
        return region_name(self.region)


def reader_locale(request: HttpRequest) -> ReaderLocale:
    """Region: the reader's pick (cookie), else Accept-Language, else MARQUEE_DEFAULT_REGION."""
    accept = request.headers.get("Accept-Language", "")
    picked = request.COOKIES.get(REGION_COOKIE)
    region = choose_region(
        picked=picked, accept_language=accept, default=settings.MARQUEE_DEFAULT_REGION
    )
    return ReaderLocale(
        region=region,
        language=language_from_accept_language(accept),
        picked=bool(picked) and region == (picked or "").upper(),
    )


# Watch Now ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchOffer:
    platform: str
    offer_type: str
    offer_label: str
    subtitles: list[tuple[str, str]]
    url: str


@dataclass
class WatchTitle:
    title: Title
    offers: list[WatchOffer]
    person: Person | None = None  # set for "other works of people mentioned"


@dataclass
class WatchNow:
    region: str
    region_name: str
    mentioned: list[WatchTitle] = field(default_factory=list)
    also: list[WatchTitle] = field(default_factory=list)
    elsewhere: list[tuple[Title, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def has_offers(self) -> bool:
        return bool(self.mentioned or self.also)


def campaign_url(url: str, *, content: str) -> str:
    """``url`` with Marquee's campaign parameters (existing parameters kept, ours replaced)."""
    parts = urlsplit(url)
    ours = {"utm_source": "marquee", "utm_medium": "watch_now", "utm_content": content}
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ours]
    return urlunsplit(parts._replace(query=urlencode([*query, *ours.items()])))


def _current(offer: Availability, today: datetime.date) -> bool:
    return offer.until is None or offer.until >= today


def _watch_offers(
    offers: Iterable[Availability], *, region: str, language: str, campaign: str
) -> list[WatchOffer]:
    found = []
    for offer in offers:
        if region not in offer.regions:
            continue
        url = offer.url or offer.platform.url
        found.append(
            WatchOffer(
                platform=offer.platform.name,
                offer_type=offer.offer_type,
                offer_label=offer.get_offer_type_display(),
                subtitles=[
                    (code, LANGUAGE_NAMES.get(code, code))
                    for code in languages_first(offer.subtitles, language)
                ],
                url=campaign_url(url, content=campaign) if url else "",
            )
        )
    return found


def _elsewhere(
    titles: Sequence[Title], offers: dict[int, list[Availability]]
) -> list[tuple[Title, list[tuple[str, str]]]]:
    result = []
    for title in titles:
        regions = sorted({region for offer in offers.get(title.pk, []) for region in offer.regions})
        if regions:
            result.append((title, [(code, region_name(code)) for code in regions]))
    return result


def watch_now_for_article(
    article: Article, *, region: str, language: str, today: datetime.date | None = None
) -> WatchNow | None:
    """Offers in ``region`` for the titles the article mentions and other works of the people it
    mentions; where they are available instead when nothing is in ``region``; None when
    nothing is available anywhere. Uses the article's prefetched entities plus two queries.
    """
    today = today or timezone.localdate()
    mentioned: list[Title] = []
    people: list[Person] = []
    for link in article.entities.all():
        if link.state == EntityState.REJECTED:
            continue
        title = link.title or (link.character.title if link.character else None)
        if title is not None and title not in mentioned:
            mentioned.append(title)
        if link.person is not None and link.person not in people:
            people.append(link.person)
    if not mentioned and not people:
        return None
    mentioned_ids = {title.pk for title in mentioned}
    other_works: dict[int, list[Title]] = defaultdict(list)
    if people:
        credits = (
            Credit.objects.filter(person__in=people)
            .exclude(title_id__in=mentioned_ids)
            .select_related("title")
            .order_by("-title__year", "title__name", "order")
        )
        for credit in credits:
            if credit.title not in other_works[credit.person_id]:
                other_works[credit.person_id].append(credit.title)
    title_ids = mentioned_ids | {t.pk for works in other_works.values() for t in works}
    offers: dict[int, list[Availability]] = defaultdict(list)
    for offer in (
        Availability.objects.filter(title_id__in=title_ids)
        .select_related("platform")
        .order_by("title_id", "platform__name", "position")
    ):
        if _current(offer, today):
            offers[offer.title_id].append(offer)

    box = WatchNow(region=region, region_name=region_name(region))
    for title in mentioned:
        found = _watch_offers(
            offers.get(title.pk, []), region=region, language=language, campaign=article.slug
        )
        if found:
            box.mentioned.append(WatchTitle(title, found))
    shown = set(mentioned_ids)
    for person in people:
        added = 0
        for title in other_works.get(person.pk, []):
            if title.pk in shown or added == ALSO_WATCH_PER_PERSON:
                continue
            if len(box.also) == ALSO_WATCH_TOTAL:
                break
            found = _watch_offers(
                offers.get(title.pk, []), region=region, language=language, campaign=article.slug
            )
            if found:
                box.also.append(WatchTitle(title, found, person=person))
                shown.add(title.pk)
                added += 1
    if not box.has_offers:
        box.elsewhere = _elsewhere(mentioned, offers)
        if not box.elsewhere:
            return None
    return box


def watch_now_for_title(
    title: Title, *, region: str, language: str, today: datetime.date | None = None
) -> WatchNow | None:
    """The Watch Now box of a title page, from its prefetched ``availability``."""
    today = today or timezone.localdate()
    current = [offer for offer in title.availability.all() if _current(offer, today)]
    box = WatchNow(region=region, region_name=region_name(region))
    found = _watch_offers(current, region=region, language=language, campaign=title.slug)
    if found:
        box.mentioned.append(WatchTitle(title, found))
        return box
    box.elsewhere = _elsewhere([title], {title.pk: current})
    return box if box.elsewhere else None


# Trending and follows -------------------------------------------------------------------------


def trending_articles(*, limit: int = TRENDING_ON_HOME) -> list[Article]:
    """The stored trending ranking, public articles only; one query."""
    rows = (
        TrendingArticle.objects.filter(article__in=Article.objects.published())
        .select_related("article")
        .order_by("-score", "article_id")[:limit]
    )
    return [row.article for row in rows]


def followed_articles(
    user: AbstractBaseUser | AnonymousUser, *, limit: int = FOLLOWED_ON_HOME
) -> list[Article]:
    """Newest public articles about the people and titles ``user`` follows; one query."""
    if not user.is_authenticated:
        return []
    follows = Follow.objects.filter(user_id=user.pk)
    linked = ArticleEntity.objects.exclude(state=EntityState.REJECTED).filter(
        Q(person__in=follows.filter(person__isnull=False).values("person_id"))
        | Q(title__in=follows.filter(title__isnull=False).values("title_id"))
        | Q(character__title__in=follows.filter(title__isnull=False).values("title_id"))
    )
    return list(
        Article.objects.published()
        .filter(pk__in=linked.values("article_id"))
        .order_by("-published_at", "-pk")[:limit]
    )


def is_following(
    user: AbstractBaseUser | AnonymousUser,
    *,
    person: Person | None = None,
    title: Title | None = None,
) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user_id=user.pk, person=person, title=title).exists()


# Search ---------------------------------------------------------------------------------------


@dataclass
class SearchResult:
    kind: str
    score: float
    url: str
    name: str  # highlighted, from the backend: escape with snippet_html
    snippet: str
    obj: Article | Person | Title
    via: list[str] = field(default_factory=list)  # names of matched entities, for articles


@dataclass
class SearchPage:
    query: str
    results: list[SearchResult]
    has_next: bool
    page: int
    notice: str = ""

    @property
    def start(self) -> int:
        """Rank of the first result on this page."""
        return (self.page - 1) * SEARCH_PAGE_SIZE + 1


SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGES = 10
LINKED_ARTICLE_FACTOR = 0.6
LINKED_ENTITIES = 3
LINKED_ARTICLES_PER_ENTITY = 40
COMMON_WORD_SHARE = 0.05


def search(text: str, *, page: int = 1, now: datetime.datetime | None = None) -> SearchPage:
    """Articles, people and titles matching ``text``, best first.

    People and titles match on any spelling their name keys hold (variants, Hangul); articles
    linked to the best matching people and titles are found too, even when their text spells
    the name differently. Every word must match; when nothing does, any word may.
    """
    now = now or timezone.now()
    page = max(1, min(page, SEARCH_MAX_PAGES))
    query = parse_query(text)
    if query.is_empty:
        return SearchPage(query=text, results=[], has_next=False, page=page)
    content = [position for position, word in enumerate(query.words) if word not in STOP_WORDS]
    if content and len(content) < len(query.words):  # "the king of tears" → king, tears
        query = SearchQuery(
            text=query.text,
            words=tuple(query.words[p] for p in content),
            alternatives=tuple(query.alternatives[p] for p in content),
        )
    engine = backend()
    wanted = page * SEARCH_PAGE_SIZE + 1
    newest = not content or _only_common_words(query.words)
    hits = engine.search(query, now=now, limit=wanted, newest_first=newest)
    notice = ""
    if not hits and len(query.words) > 1:
        hits = engine.search(query, now=now, limit=wanted, match_all=False, newest_first=newest)
        notice = "No result has every word; these have some of them."
    results = _results(hits, now=now)
    ordered = sorted(results, key=lambda r: -r.score)
    start = (page - 1) * SEARCH_PAGE_SIZE
    return SearchPage(
        query=query.text,
        results=ordered[start : start + SEARCH_PAGE_SIZE],
        has_next=len(ordered) > start + SEARCH_PAGE_SIZE,
        page=page,
        notice=notice,
    )


def _only_common_words(words: tuple[str, ...]) -> bool:
    """Whether the words are expected together in more than ``COMMON_WORD_SHARE`` of the
    articles (the product of each word's share, as if they were independent): relevance then
    says little and ranking so many articles is slow, so only the newest are searched."""
    from marquee.discovery.models import TermStat
    from marquee.discovery.services.similar import DOCUMENTS_KEY

    counts = dict(
        TermStat.objects.filter(term__in=[*words, DOCUMENTS_KEY]).values_list("term", "documents")
    )
    total = counts.get(DOCUMENTS_KEY, 0)
    if total < 1000:
        return False
    share = 1.0
    for word in words:
        share *= counts.get(word, 0) / total
    return share > COMMON_WORD_SHARE


def _results(hits: list[Hit], *, now: datetime.datetime) -> list[SearchResult]:
    ids: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        ids[hit.kind].append(hit.object_id)
    people = Person.objects.in_bulk(ids[EntryKind.PERSON])
    titles = Title.objects.in_bulk(ids[EntryKind.TITLE])
    entity_hits = [h for h in hits if h.kind != EntryKind.ARTICLE][:LINKED_ENTITIES]
    linked: dict[int, tuple[float, str]] = {}
    for hit in entity_hits:
        entity: Person | Title | None
        if hit.kind == EntryKind.PERSON:
            feature, entity = f"p:{hit.object_id}", people.get(hit.object_id)
        else:
            feature, entity = f"t:{hit.object_id}", titles.get(hit.object_id)
        # The feature index of Similar Articles: linked published articles, newest first.
        newest = (
            ArticleFeature.objects.filter(feature=feature, published_at__lte=now)
            .order_by("-published_at")
            .values_list("article_id", flat=True)[:LINKED_ARTICLES_PER_ENTITY]
        )
        score = hit.score * LINKED_ARTICLE_FACTOR
        name = entity.name if entity is not None else ""
        for article_id in newest:
            if article_id not in linked or linked[article_id][0] < score:
                linked[article_id] = (score, name)
    article_ids = set(ids[EntryKind.ARTICLE]) | set(linked)
    articles = Article.objects.published(now).in_bulk(list(article_ids))
    results: list[SearchResult] = []
    seen_articles: set[int] = set()
    for hit in hits:
        obj: Article | Person | Title | None
        if hit.kind == EntryKind.ARTICLE:
            obj = articles.get(hit.object_id)
            seen_articles.add(hit.object_id)
        elif hit.kind == EntryKind.PERSON:
            obj = people.get(hit.object_id)
        else:
            obj = titles.get(hit.object_id)
        if obj is None:
            continue
        score = hit.score
        via: list[str] = []
        if hit.kind == EntryKind.ARTICLE and hit.object_id in linked:
            score = max(score, linked[hit.object_id][0]) + 0.1 * min(
                score, linked[hit.object_id][0]
            )
            via = [linked[hit.object_id][1]]
        results.append(
            SearchResult(hit.kind, score, obj.get_absolute_url(), hit.name, hit.snippet, obj, via)
        )
    for article_id, (score, name) in linked.items():
        article = articles.get(article_id)
        if article is None or article_id in seen_articles:
            continue
        results.append(
            SearchResult(
                EntryKind.ARTICLE,
                score,
                article.get_absolute_url(),
                article.title,
                article.dek,
                article,
                [name],
            )
        )
    return results

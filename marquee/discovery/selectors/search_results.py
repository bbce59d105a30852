"""Search ranking: articles, people and titles for the search page and the API."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from marquee.catalog.models import Person, Title
from marquee.discovery.models import DOCUMENTS_KEY, ArticleFeature, EntryKind, TermStat
from marquee.discovery.search import Hit, SearchQuery, backend, parse_query
from marquee.discovery.text import STOP_WORDS
from marquee.newsroom.models import Article


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
    people = Person.objects.select_related("headshot").in_bulk(ids[EntryKind.PERSON])
    titles = Title.objects.select_related("poster").in_bulk(ids[EntryKind.TITLE])
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
    articles = Article.objects.published(now).select_related("image").in_bulk(list(article_ids))
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

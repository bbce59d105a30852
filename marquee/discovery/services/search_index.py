"""Keeping the search index current: one ``SearchEntry`` per published article, person, title."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils.html import strip_tags

from marquee.catalog.bulk import CHUNK, bulk_insert
from marquee.catalog.models import Person, PersonAlias, Title, TitleAlias, TitleKind
from marquee.discovery.models import EntryKind, SearchEntry
from marquee.discovery.search import HIGHLIGHT_END, HIGHLIGHT_START
from marquee.linking.models import ArticleEntity, EntityState
from marquee.names import normalize, person_words, title_keys
from marquee.newsroom.models import GOING_LIVE, Article

_SPACES = re.compile(r"\s+")
MAX_BODY_CHARACTERS = 20_000
NAME_LENGTH = SearchEntry._meta.get_field("name").max_length or 300


def plain_text(markup: str) -> str:
    """Visible text of rendered HTML on one line, without our highlight markers."""
    text = html.unescape(strip_tags(markup.replace("<", " <")))
    text = text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    return _SPACES.sub(" ", text).strip()[:MAX_BODY_CHARACTERS]


def entry_name(name: str, native_name: str) -> str:
    """The name an entry shows: both names, cut to the column (each may fill its own)."""
    return f"{name} {native_name}".strip()[:NAME_LENGTH]


def key_tokens(keys: Iterable[str]) -> str:
    """The distinct words of normalised keys, sorted: word matching needs no repeats."""
    return " ".join(sorted({word for key in keys for word in normalize(key).split(" ") if word}))


def _aliases_by_owner(
    model: type[PersonAlias] | type[TitleAlias], owner: str, owner_ids: list[int] | None
) -> dict[int, list[str]]:
    """Alias names per owner id (every owner's when ``owner_ids`` is None), in id order."""
    rows = model.objects.order_by(owner, "pk")
    if owner_ids is not None:
        rows = rows.filter(**{f"{owner}__in": owner_ids})
    aliases: dict[int, list[str]] = defaultdict(list)
    for owner_id, name in rows.values_list(owner, "name").iterator(chunk_size=CHUNK):
        aliases[owner_id].append(name)
    return aliases


def _person_entries(slugs: Iterable[str] | None) -> list[SearchEntry]:
    rows = Person.objects.order_by("pk")
    if slugs is not None:
        rows = rows.filter(slug__in=list(slugs))
    people = list(rows.values_list("pk", "name", "native_name", "bio"))
    aliases = _aliases_by_owner(
        PersonAlias, "person_id", None if slugs is None else [row[0] for row in people]
    )
    entries = []
    for pk, name, native_name, bio in people:
        words = person_words(name, aliases=aliases[pk], native_name=native_name or None)
        entries.append(
            SearchEntry(
                kind=EntryKind.PERSON,
                object_id=pk,
                name=entry_name(name, native_name),
                keys=" ".join(sorted(words)),
                body=bio,
            )
        )
    return entries


def _title_entries(slugs: Iterable[str] | None) -> list[SearchEntry]:
    rows = Title.objects.order_by("pk")
    if slugs is not None:
        rows = rows.filter(slug__in=list(slugs))
    titles = list(rows.values_list("pk", "name", "native_name", "kind", "year", "synopsis"))
    aliases = _aliases_by_owner(
        TitleAlias, "title_id", None if slugs is None else [row[0] for row in titles]
    )
    kinds = dict(TitleKind.choices)
    entries = []
    for pk, name, native_name, kind, year, synopsis in titles:
        keys = title_keys(name, aliases=aliases[pk], native_name=native_name or None)
        body = " ".join(part for part in (str(kinds[kind]), str(year or ""), synopsis) if part)
        entries.append(
            SearchEntry(
                kind=EntryKind.TITLE,
                object_id=pk,
                name=entry_name(name, native_name),
                keys=key_tokens(keys),
                body=body,
            )
        )
    return entries


def _store(kind: str, entries: list[SearchEntry], object_ids: Iterable[int] | None) -> int:
    """Replace the entries of ``object_ids`` of ``kind`` (all of them when None) with
    ``entries``, in one transaction and with one prepared insert statement."""
    with transaction.atomic():
        stale = SearchEntry.objects.filter(kind=kind)
        if object_ids is not None:
            stale = stale.filter(object_id__in=list(object_ids))
        stale.delete()
        bulk_insert(SearchEntry, entries)
    return len(entries)


def _refresh(
    kind: str,
    model: type[Person] | type[Title],
    build: Callable[[set[str] | None], list[SearchEntry]],
    slugs: Iterable[str] | None,
) -> int:
    """(Re)index the people or titles with ``slugs``, or all of them; when some of the slugs
    are gone (deleted), the entries whose person or title no longer exists go too."""
    wanted = None if slugs is None else set(slugs)
    entries = build(wanted)
    object_ids = None if wanted is None else [entry.object_id for entry in entries]
    stored = _store(kind, entries, object_ids)
    if wanted is not None and len(entries) < len(wanted):
        SearchEntry.objects.filter(kind=kind).exclude(
            object_id__in=model.objects.values("pk")
        ).delete()
    return stored


def search_entries_refresh_people(*, slugs: Iterable[str] | None = None) -> int:
    """(Re)index people by slug, or everyone; the entries of deleted people go."""
    return _refresh(EntryKind.PERSON, Person, _person_entries, slugs)


def search_entries_refresh_titles(*, slugs: Iterable[str] | None = None) -> int:
    """(Re)index titles by slug, or every title; the entries of deleted titles go."""
    return _refresh(EntryKind.TITLE, Title, _title_entries, slugs)


def published_article_chunks(size: int = CHUNK) -> Iterator[list[Article]]:
    """Every published article, ``size`` at a time in id order, with its tags and the entities
    search and Similar Articles count (all but the rejected ones) prefetched."""
    entities = ArticleEntity.objects.exclude(state=EntityState.REJECTED).select_related(
        "person", "title", "character"
    )
    ids = list(
        Article.objects.filter(status__in=GOING_LIVE, published_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), size):
        yield list(
            Article.objects.filter(pk__in=ids[start : start + size])
            .prefetch_related("tags", Prefetch("entities", queryset=entities))
            .order_by("pk")
        )


def search_entries_refresh_articles() -> int:
    """Reindex every published article, a chunk at a time, replacing every article entry."""
    count = 0
    with transaction.atomic():
        SearchEntry.objects.filter(kind=EntryKind.ARTICLE).delete()
        for chunk in published_article_chunks():
            entries = [article_search_entry(article, article.entities.all()) for article in chunk]
            bulk_insert(SearchEntry, entries)
            count += len(chunk)
    return count


@dataclass(frozen=True)
class SearchIndexCounts:
    """How many entries of each kind a rebuild stored."""

    people: int
    titles: int
    articles: int


def search_index_rebuild() -> SearchIndexCounts:
    """Reindex every person, title and published article, in one transaction (Similar
    Articles are left alone: ``discovery_rebuild`` recomputes those too)."""
    with transaction.atomic():
        return SearchIndexCounts(
            people=search_entries_refresh_people(),
            titles=search_entries_refresh_titles(),
            articles=search_entries_refresh_articles(),
        )


def search_index_behind() -> bool:
    """Whether the search index holds a different number of people or titles than the
    knowledge base: what a crash between an import's commit and its reindex leaves behind.

    Three counting queries, cheap enough for every import to ask."""
    entries: dict[str, int] = dict(
        SearchEntry.objects.filter(kind__in=[EntryKind.PERSON, EntryKind.TITLE])
        .values("kind")
        .annotate(count=Count("pk"))
        .values_list("kind", "count")
    )
    return (
        entries.get(EntryKind.PERSON, 0) != Person.objects.count()
        or entries.get(EntryKind.TITLE, 0) != Title.objects.count()
    )


def article_search_entry(article: Article, entities: Iterable[ArticleEntity]) -> SearchEntry:
    """The entry of a published article: title, names of its entities, standfirst and text."""
    names: list[str] = []
    for link in entities:
        target = link.target
        names.append(target.name)
        native = getattr(target, "native_name", "")
        if native:
            names.append(native)
    return SearchEntry(
        kind=EntryKind.ARTICLE,
        object_id=article.pk,
        name=article.title,
        keys=key_tokens(names),
        body=plain_text(f"<p>{html.escape(article.dek)}</p>{article.body_html}"),
        published_at=article.published_at,
    )


def search_entry_refresh_article(*, article_id: int) -> SearchEntry | None:
    """Index a published article (with its accepted entities); drafts leave the index."""
    entities = ArticleEntity.objects.exclude(state=EntityState.REJECTED).select_related(
        "person", "title", "character"
    )
    article = (
        Article.objects.filter(pk=article_id, status__in=GOING_LIVE)
        .prefetch_related(Prefetch("entities", queryset=entities))
        .first()
    )
    with transaction.atomic():
        SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article_id).delete()
        if article is None:
            return None
        entry = article_search_entry(article, article.entities.all())
        entry.save()
    return entry

"""Keeping the search index current: one ``SearchEntry`` per published article, person, title."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch
from django.utils.html import strip_tags

from marquee.catalog.models import Person, Title
from marquee.discovery.models import EntryKind, SearchEntry
from marquee.discovery.search import HIGHLIGHT_END, HIGHLIGHT_START
from marquee.names import normalize, person_keys, title_keys
from marquee.newsroom.models import Article, ArticleEntity, ArticleStatus, EntityState

_SPACES = re.compile(r"\s+")
MAX_BODY_CHARACTERS = 20_000


def plain_text(markup: str) -> str:
    """Visible text of rendered HTML on one line, without our highlight markers."""
    text = html.unescape(strip_tags(markup.replace("<", " <")))
    text = text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    return _SPACES.sub(" ", text).strip()[:MAX_BODY_CHARACTERS]


def key_tokens(keys: Iterable[str]) -> str:
    """The distinct words of normalised keys, sorted: word matching needs no repeats."""
    return " ".join(sorted({word for key in keys for word in normalize(key).split(" ") if word}))


def _person_entry(person: Person) -> SearchEntry:
    aliases = [alias.name for alias in person.aliases.all()]
    keys = person_keys(person.name, aliases=aliases, native_name=person.native_name or None)
    name = f"{person.name} {person.native_name}".strip()
    return SearchEntry(
        kind=EntryKind.PERSON,
        object_id=person.pk,
        name=name,
        keys=key_tokens([*keys, *aliases]),
        body=person.bio,
    )


def _title_entry(title: Title) -> SearchEntry:
    aliases = [alias.name for alias in title.aliases.all()]
    keys = title_keys(title.name, aliases=aliases, native_name=title.native_name or None)
    name = f"{title.name} {title.native_name}".strip()
    body = " ".join(
        part for part in (title.get_kind_display(), str(title.year or ""), title.synopsis) if part
    )
    return SearchEntry(
        kind=EntryKind.TITLE, object_id=title.pk, name=name, keys=key_tokens(keys), body=body
    )


def _store(kind: str, entries: list[SearchEntry], object_ids: Iterable[int]) -> int:
    """Replace the entries of ``object_ids`` of ``kind`` with ``entries``."""
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def search_entries_refresh_people(*, slugs: Iterable[str] | None = None) -> int:
    """(Re)index people by slug, or everyone; people that no longer exist leave the index."""
    people = Person.objects.prefetch_related("aliases")
    if slugs is not None:
        people = people.filter(slug__in=list(slugs))
    found = list(people)
    entries = [_person_entry(person) for person in found]
    if slugs is None:
        with transaction.atomic():
            SearchEntry.objects.filter(kind=EntryKind.PERSON).delete()
            SearchEntry.objects.bulk_create(entries, batch_size=500)
        return len(entries)
    return _store(EntryKind.PERSON, entries, [person.pk for person in found])


def search_entries_refresh_titles(*, slugs: Iterable[str] | None = None) -> int:
    """(Re)index titles by slug, or every title."""
    titles = Title.objects.prefetch_related("aliases")
    if slugs is not None:
        titles = titles.filter(slug__in=list(slugs))
    found = list(titles)
    entries = [_title_entry(title) for title in found]
    if slugs is None:
        with transaction.atomic():
            SearchEntry.objects.filter(kind=EntryKind.TITLE).delete()
            SearchEntry.objects.bulk_create(entries, batch_size=500)
        return len(entries)
    return _store(EntryKind.TITLE, entries, [title.pk for title in found])


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
        Article.objects.filter(pk=article_id, status=ArticleStatus.PUBLISHED)
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

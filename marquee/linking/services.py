"""Actions of the linking app: linking an article, and an editor's verdict on an entity.

Linking owns ``ArticleEntity`` and is the one writer of ``Article.body_html`` (the Markdown
rendered with the first mention of each shown entity linked): ``article_body_render``. After
either action commits, discovery refreshes what it derives from the article's text and entities.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from marquee.catalog.models import Credit, Person, Title
from marquee.discovery import tasks as discovery_tasks
from marquee.linking.engine import LinkedEntity, LinkResult
from marquee.linking.index import current_linker
from marquee.linking.markup import EntityLink, link_first_mentions
from marquee.linking.models import ArticleEntity, EntityState, LinkCandidate
from marquee.media.html import figure_html, picture_html
from marquee.media.models import Image
from marquee.newsroom.article_images import library_image_ids
from marquee.newsroom.models import Article
from marquee.newsroom.rendering import LibraryImage, render_markdown
from marquee.web.pagecache import pages_changed

# Title, standfirst and body are linked as one text, joined like this; offsets index it.
SEPARATOR = "\n\n"


def article_text(article: Article) -> str:
    """The text the linker reads for an article; stored mention offsets index into it."""
    return SEPARATOR.join([article.title, article.dek, article.body])


def link_text(*, text: str) -> LinkResult:
    """Recognise entities in any text against the current knowledge base."""
    return current_linker().link(text)


@dataclass(frozen=True)
class _Target:
    person_id: int | None = None
    title_id: int | None = None
    character_id: int | None = None


def _targets(entities: tuple[LinkedEntity, ...]) -> dict[int, _Target]:
    """Database rows for the linker's entities (by position); unknown ones are left out."""
    people = dict(
        Person.objects.filter(
            slug__in=[e.id for e in entities if e.type == "person" and e.id]
        ).values_list("slug", "pk")
    )
    titles = dict(
        Title.objects.filter(
            slug__in=[e.id for e in entities if e.type == "title" and e.id]
        ).values_list("slug", "pk")
    )
    played: dict[tuple[str, str], list[tuple[int, str, list[str]]]] = {}
    character_titles = [e.title for e in entities if e.type == "character" and e.title]
    for person, title, pk, name, aliases in Credit.objects.filter(
        title__slug__in=character_titles, character__isnull=False
    ).values_list("person__slug", "title__slug", "character_id", "character__name",
                  "character__aliases"):  # fmt: skip
        played.setdefault((person, title), []).append((pk, name, aliases or []))
    targets: dict[int, _Target] = {}
    for position, entity in enumerate(entities):
        if entity.type == "person" and entity.id in people:
            targets[position] = _Target(person_id=people[entity.id])
        elif entity.type == "title" and entity.id in titles:
            targets[position] = _Target(title_id=titles[entity.id])
        elif entity.type == "character" and entity.person and entity.title:
            options = played.get((entity.person, entity.title), [])
            named = [pk for pk, name, aliases in options if entity.name in (name, *aliases)]
            if named or options:
                targets[position] = _Target(character_id=(named or [options[0][0]])[0])
    return targets


def article_link(*, article_id: int) -> LinkResult | None:
    """Link an article's entities, keep editors' verdicts, and re-render its links.

    Automatic findings are replaced; confirmed and rejected entities keep their state (a
    rejection survives re-linking). Unlinked names become ``LinkCandidate`` rows. Returns None
    when the article no longer exists. After commit, discovery refreshes the article.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None
    result = link_text(text=article_text(article))
    targets = _targets(result.entities)
    with transaction.atomic():
        existing = {
            (row.person_id, row.title_id, row.character_id): row
            for row in ArticleEntity.objects.select_for_update().filter(article=article)
        }
        seen: set[tuple[int | None, int | None, int | None]] = set()
        to_create, to_update = [], []
        for position, entity in enumerate(result.entities):
            target = targets.get(position)
            if target is None:
                continue
            key = (target.person_id, target.title_id, target.character_id)
            if key in seen:
                continue
            seen.add(key)
            mentions = [mention.to_json() for mention in entity.mentions]
            first = min((m.start for m in entity.mentions), default=0)
            evidence = entity.to_json()["evidence"]
            row = existing.get(key)
            if row is None:
                to_create.append(
                    ArticleEntity(
                        article=article,
                        person_id=target.person_id,
                        title_id=target.title_id,
                        character_id=target.character_id,
                        confidence=entity.confidence,
                        mentions=mentions,
                        first_offset=first,
                        evidence=evidence,
                    )
                )
            else:
                row.confidence, row.mentions, row.first_offset = entity.confidence, mentions, first
                row.evidence = evidence
                to_update.append(row)
        stale = [
            row.pk
            for key, row in existing.items()
            if key not in seen and row.state == EntityState.AUTO
        ]
        ArticleEntity.objects.filter(pk__in=stale).delete()
        ArticleEntity.objects.bulk_create(to_create)
        ArticleEntity.objects.bulk_update(
            to_update, ["confidence", "mentions", "first_offset", "evidence"]
        )
        _store_candidates(article, result)
        article_body_render(article=article)
        pages_changed()
        _refresh_discovery_after_commit(article_id)
    return result


def _store_candidates(article: Article, result: LinkResult) -> None:
    counts = Counter(span.text for span in result.unlinked)
    first: dict[str, tuple[int, str]] = {}
    for span in result.unlinked:
        first.setdefault(span.text, (span.start, span.guess))
    LinkCandidate.objects.filter(article=article).delete()
    LinkCandidate.objects.bulk_create(
        LinkCandidate(
            article=article,
            text=text[:200],
            guess=first[text][1],
            occurrences=count,
            first_offset=first[text][0],
        )
        for text, count in counts.items()
    )


def _refresh_discovery_after_commit(article_id: int) -> None:
    discovery_tasks.article_discovery_refresh.enqueue(article_id)


def article_body_render(*, article: Article) -> None:
    """Render the body's Markdown with the first mention of each shown entity linked to its
    page, and store it: the only writer of ``Article.body_html``. Caller holds a transaction
    (the article's own save, or a linking action)."""
    html = linked_body_html(article=article, body=article.body)
    Article.objects.filter(pk=article.pk).update(body_html=html)
    article.body_html = html


def linked_body_html(*, article: Article, body: str) -> str:
    """``body`` rendered with the first mention of each entity shown on ``article`` linked to
    its page: the article's own body, or a revision of it (its preview), whose new names are
    linked once it is saved as the article and linked. Writes nothing."""
    body_start = len(article.title) + len(SEPARATOR) + len(article.dek) + len(SEPARATOR)
    links = []
    shown = (
        ArticleEntity.objects.shown()
        .filter(article=article)
        .select_related("person", "title", "character__title")
    )
    for row in sorted(shown, key=lambda r: _first_body_offset(r, body_start)):
        surfaces = tuple(m["text"] for m in row.mentions if m.get("start", 0) >= body_start)
        if not surfaces:
            continue
        links.append(_entity_link(row, surfaces))
    return link_first_mentions(render_markdown(body, library_images(body)), links)


# Inline images fill the article column (about 42rem) and the screen below it.
INLINE_SIZES = "(min-width: 48rem) 42rem, 100vw"


def library_images(body: str) -> LibraryImage:
    """How a body shows the media library's images it names: one query for all of them."""
    images = Image.objects.in_bulk(library_image_ids(body))

    def show(pk: int, alt: str, alone: bool) -> str | None:
        image = images.get(pk)
        if image is None:
            return None
        build = figure_html if alone else picture_html
        return build(image, "inline", sizes=INLINE_SIZES, alt=alt or None)

    return show


def _first_body_offset(row: ArticleEntity, body_start: int) -> int:
    offsets = [m.get("start", 0) for m in row.mentions if m.get("start", 0) >= body_start]
    return min(offsets, default=1 << 30)


def _entity_link(row: ArticleEntity, surfaces: tuple[str, ...]) -> EntityLink:
    if row.person:
        return EntityLink(row.person.get_absolute_url(), row.person.name, surfaces)
    if row.title:
        return EntityLink(row.title.get_absolute_url(), str(row.title), surfaces)
    character = row.character
    assert character is not None  # exactly one target (article_entity_exactly_one_target)
    return EntityLink(
        character.title.get_absolute_url(), f"{character.name} in {character.title}", surfaces
    )


def article_entity_set_state(*, article_entity: ArticleEntity, state: str) -> ArticleEntity:
    """An editor's verdict: confirm or reject what the linker found (or return it to automatic).

    The article's body is re-rendered at once (a rejected entity loses its link), and discovery
    refreshes the article after commit (a rejected entity no longer makes articles similar)."""
    if state not in EntityState.values:
        raise ValueError(f"unknown state {state!r}")
    with transaction.atomic():
        article_entity.state = state
        article_entity.save(update_fields=["state"])
        article_body_render(article=article_entity.article)
        _refresh_discovery_after_commit(article_entity.article_id)
    return article_entity

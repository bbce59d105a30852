"""Editors' changes to the knowledge graph, one action per change (the admin calls these).

Each action writes atomically, then registers ``after_knowledge_base_change`` to run after
commit with the slugs of the people and titles it touched, read both before and after the
write, so that a renamed or deleted entity leaves the linker and search too. A change to
offers refreshes the stored pages, and alerts the readers it makes a title watchable for
(``marquee.fans.services.watching_offers``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.db.models import QuerySet

from marquee.catalog import tasks as catalog_tasks
from marquee.catalog.models import (
    Availability,
    Character,
    Credit,
    Person,
    PersonAlias,
    Platform,
    Title,
    TitleAlias,
)
from marquee.fans.services.alerts import watching_offers
from marquee.linking.models import ArticleEntity
from marquee.web.pagecache import pages_changed

RowT = TypeVar("RowT", bound=models.Model)


@dataclass(frozen=True)
class InlineChanges(Generic[RowT]):
    """Rows edited together with their owner (an admin inline).

    ``saved`` are new or changed rows whose foreign key already names the owner, even an owner
    not saved yet; ``deleted`` are rows to delete.
    """

    saved: Sequence[RowT] = ()
    deleted: Sequence[RowT] = ()


@dataclass
class _Touched:
    """Slugs of the people and titles an action touched, and the articles whose links to them
    must be rendered again (the entity is deleted, or its address changed)."""

    people: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)

    def add_credits(self, credits: QuerySet[Credit]) -> None:
        for person, title in credits.values_list("person__slug", "title__slug"):
            self.people.add(person)
            self.titles.add(title)

    def add_articles_linking(self, **targets: Any) -> None:
        """The articles linked to the entities ``targets`` selects, e.g. ``person__in=rows``.
        Call before deleting: the links go with their entity."""
        self.articles.update(
            ArticleEntity.objects.filter(**targets).values_list("article_id", flat=True)
        )


def _follow_after_commit(touched: _Touched) -> None:
    pages_changed()
    catalog_tasks.knowledge_base_changed.enqueue(
        sorted(touched.people), sorted(touched.titles), sorted(touched.articles)
    )


def _apply(changes: InlineChanges[Any] | None) -> None:
    """Delete, then save, an owner's edited rows; the owner is saved already."""
    if changes is None:
        return
    for row in changes.deleted:
        row.delete()
    for row in changes.saved:
        row.save()


def _primary_keys(rows: Iterable[models.Model]) -> list[Any]:
    return [row.pk for row in rows]


def person_save(
    *,
    person: Person,
    aliases: InlineChanges[PersonAlias] | None = None,
    credits: InlineChanges[Credit] | None = None,
) -> Person:
    """Create or change a person, with edits to its aliases and credits.

    After commit, the linker and search learn the person and the titles it is credited in.
    """
    with transaction.atomic():
        touched = _Touched(people={person.slug})
        if person.pk is not None:
            touched.people.update(
                Person.objects.filter(pk=person.pk).values_list("slug", flat=True)
            )
            touched.add_credits(Credit.objects.filter(person_id=person.pk))
            if touched.people != {person.slug}:  # a new address: the articles link the old one
                touched.add_articles_linking(person_id=person.pk)
        person.save()
        _apply(aliases)
        _apply(credits)
        touched.add_credits(Credit.objects.filter(person_id=person.pk))
        _follow_after_commit(touched)
    return person


def person_delete(*, people: Iterable[Person]) -> None:
    """Delete people with their aliases and credits; the linker and search drop them after
    commit, and relearn the titles they were credited in."""
    with transaction.atomic():
        rows = Person.objects.filter(pk__in=_primary_keys(people))
        touched = _Touched(people=set(rows.values_list("slug", flat=True)))
        touched.add_credits(Credit.objects.filter(person__in=rows))
        touched.add_articles_linking(person__in=rows)
        rows.delete()
        _follow_after_commit(touched)


def title_save(
    *,
    title: Title,
    aliases: InlineChanges[TitleAlias] | None = None,
    credits: InlineChanges[Credit] | None = None,
    availability: InlineChanges[Availability] | None = None,
) -> Title:
    """Create or change a title, with edits to its aliases, credits and offers.

    After commit, the linker and search learn the title and the people credited in it.
    """
    with transaction.atomic():
        touched = _Touched(titles={title.slug})
        if title.pk is not None:
            touched.titles.update(Title.objects.filter(pk=title.pk).values_list("slug", flat=True))
            touched.add_credits(Credit.objects.filter(title_id=title.pk))
            if touched.titles != {title.slug}:  # a new address: the articles link the old one
                touched.add_articles_linking(title_id=title.pk)
                touched.add_articles_linking(character__title_id=title.pk)
        title.save()
        _apply(aliases)
        _apply(credits)
        with watching_offers({title.pk}):
            _apply(availability)
        touched.add_credits(Credit.objects.filter(title_id=title.pk))
        _follow_after_commit(touched)
    return title


def title_delete(*, titles: Iterable[Title]) -> None:
    """Delete titles with their aliases, characters, credits and offers (adaptations keep no
    source); the linker and search drop them after commit, and relearn the people credited."""
    with transaction.atomic():
        rows = Title.objects.filter(pk__in=_primary_keys(titles))
        touched = _Touched(titles=set(rows.values_list("slug", flat=True)))
        touched.add_credits(Credit.objects.filter(title__in=rows))
        touched.add_articles_linking(title__in=rows)
        touched.add_articles_linking(character__title__in=rows)
        rows.delete()
        _follow_after_commit(touched)


def character_save(*, character: Character) -> Character:
    """Create or change a character; after commit the linker relearns its title (and the title
    it belonged to before, if it moved)."""
    with transaction.atomic():
        touched = _Touched()
        if character.pk is not None:
            touched.titles.update(
                Title.objects.filter(characters__pk=character.pk).values_list("slug", flat=True)
            )
        character.save()
        touched.titles.update(
            Title.objects.filter(characters__pk=character.pk).values_list("slug", flat=True)
        )
        _follow_after_commit(touched)
    return character


def character_delete(*, characters: Iterable[Character]) -> None:
    """Delete characters with the credits that play them; the linker and search relearn their
    titles and those people after commit."""
    with transaction.atomic():
        rows = Character.objects.filter(pk__in=_primary_keys(characters))
        touched = _Touched(
            titles=set(Title.objects.filter(characters__in=rows).values_list("slug", flat=True))
        )
        touched.add_credits(Credit.objects.filter(character__in=rows))
        touched.add_articles_linking(character__in=rows)
        rows.delete()
        _follow_after_commit(touched)


def credit_save(*, credit: Credit) -> Credit:
    """Create or change a credit; after commit the linker and search relearn its person and
    title, and the ones it named before."""
    with transaction.atomic():
        touched = _Touched()
        if credit.pk is not None:
            touched.add_credits(Credit.objects.filter(pk=credit.pk))
        credit.save()
        touched.add_credits(Credit.objects.filter(pk=credit.pk))
        _follow_after_commit(touched)
    return credit


def credit_delete(*, credits: Iterable[Credit]) -> None:
    """Delete credits; the linker and search relearn their people and titles after commit."""
    with transaction.atomic():
        rows = Credit.objects.filter(pk__in=_primary_keys(credits))
        touched = _Touched()
        touched.add_credits(rows)
        rows.delete()
        _follow_after_commit(touched)


def platform_save(*, platform: Platform) -> Platform:
    """Create or change a streaming platform; stored pages are refreshed after commit."""
    with transaction.atomic():
        platform.save()
        transaction.on_commit(pages_changed)
    return platform


def platform_delete(*, platforms: Iterable[Platform]) -> None:
    """Delete platforms with their offers; stored pages are refreshed after commit."""
    with transaction.atomic():
        Platform.objects.filter(pk__in=_primary_keys(platforms)).delete()
        transaction.on_commit(pages_changed)


def availability_save(*, offer: Availability) -> Availability:
    """Create or change an offer of a title on a platform. Readers it makes the title watchable
    for are alerted after commit (``fans``), and stored pages are refreshed."""
    with transaction.atomic():
        titles = {offer.title_id}
        if offer.pk is not None:
            titles.update(
                Availability.objects.filter(pk=offer.pk).values_list("title_id", flat=True)
            )
        with watching_offers(titles):
            offer.save()
        transaction.on_commit(pages_changed)
    return offer


def availability_delete(*, offers: Iterable[Availability]) -> None:
    """Delete offers; stored pages are refreshed after commit."""
    with transaction.atomic():
        Availability.objects.filter(pk__in=_primary_keys(offers)).delete()
        transaction.on_commit(pages_changed)

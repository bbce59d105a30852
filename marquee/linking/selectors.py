"""Reads that feed the linker: the knowledge base as the pure engine's data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from marquee.catalog import models as catalog
from marquee.linking.engine import Credit, KnowledgeBase, Linker, Person, Title


def _aliases(model: type[catalog.PersonAlias] | type[catalog.TitleAlias], owner: str,
             owners: list[int] | None) -> dict[int, tuple[str, ...]]:  # fmt: skip
    rows = model._default_manager.order_by(owner, "position", "pk")
    if owners is not None:
        rows = rows.filter(**{f"{owner}__in": owners})
    grouped: dict[int, list[str]] = defaultdict(list)
    for owner_id, name in rows.values_list(owner, "name"):
        grouped[owner_id].append(name)
    return {key: tuple(value) for key, value in grouped.items()}


def _people(queryset: QuerySet[catalog.Person], *, everything: bool) -> list[Person]:
    rows = list(queryset.values_list("pk", "slug", "name", "native_name", "kind"))
    aliases = _aliases(
        catalog.PersonAlias, "person_id", None if everything else [r[0] for r in rows]
    )
    return [
        Person(id=slug, name=name, native_name=native or None, kind=kind,
               aliases=aliases.get(pk, ()))
        for pk, slug, name, native, kind in rows
    ]  # fmt: skip


def _titles(queryset: QuerySet[catalog.Title], *, everything: bool) -> list[Title]:
    rows = list(
        queryset.values_list("pk", "slug", "name", "native_name", "kind", "year", "based_on__slug")
    )
    owners = None if everything else [row[0] for row in rows]
    aliases = _aliases(catalog.TitleAlias, "title_id", owners)
    return [
        Title(id=slug, name=name, native_name=native or None, kind=kind, year=year,
              aliases=aliases.get(pk, ()), based_on=source)
        for pk, slug, name, native, kind, year, source in rows
    ]  # fmt: skip


def _credits(queryset: QuerySet[catalog.Credit]) -> list[Credit]:
    return [
        Credit(person=person, title=title, role=role, character=character,
               character_aliases=tuple(aliases or ()), order=order)
        for person, title, role, character, aliases, order in queryset.values_list(
            "person__slug", "title__slug", "role", "character__name", "character__aliases", "order"
        )
    ]  # fmt: skip


def knowledge_base_snapshot() -> KnowledgeBase:
    """The whole knowledge base, in a handful of queries."""
    return KnowledgeBase.from_entities(
        people=_people(catalog.Person.objects.all(), everything=True),
        titles=_titles(catalog.Title.objects.all(), everything=True),
        credits=_credits(catalog.Credit.objects.all()),
    )


def refresh_entity(linker: Linker, kind: str, slug: str) -> None:
    """Bring one person or title (``kind``) and its credits up to date in ``linker``.

    A deleted entity is removed, with its credits.
    """
    if kind == "person":
        stale = linker.credits_of_person(slug)
        found: list[Person] | list[Title] = _people(
            catalog.Person.objects.filter(slug=slug), everything=False
        )
        credits = catalog.Credit.objects.filter(person__slug=slug)
    else:
        stale = linker.credits_of_title(slug)
        found = _titles(catalog.Title.objects.filter(slug=slug), everything=False)
        credits = catalog.Credit.objects.filter(title__slug=slug)
    for credit in list(stale):
        linker.remove_credit(credit.person, credit.title, credit.role)
    if not found:
        linker.remove(slug, type=kind)
        return
    entity = found[0]
    if isinstance(entity, Person):
        linker.upsert_person(entity)
    else:
        linker.upsert_title(entity)
    for credit in _credits(credits):
        linker.upsert_credit(credit)


def entity_labels(ids: set[str]) -> dict[str, str]:
    """How the admin names the people and titles an evidence item refers to by id: a person's
    name, a title's name and kind ("Love in the Big City (film)"). Two queries; a slug that is
    both a person's and a title's is shown as the title (same-name choices are among titles)."""
    if not ids:
        return {}
    labels = dict(catalog.Person.objects.filter(slug__in=ids).values_list("slug", "name"))
    for slug, name, kind in catalog.Title.objects.filter(slug__in=ids).values_list(
        "slug", "name", "kind"
    ):
        labels[slug] = f"{name} ({kind})"
    return labels

"""Importing a ``marquee-kb/1`` file: upserts matched by id, all or nothing, in bulk SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import models, transaction

from marquee.catalog import tasks as catalog_tasks
from marquee.catalog.bulk import (
    bulk_insert,
    bulk_update,
    chunked,
    rows_by_slug,
    slug_to_pk,
)
from marquee.catalog.kb_format import (
    AvailabilityRecord,
    KnowledgeBaseError,
    KnowledgeBaseFile,
    PersonRecord,
    TitleRecord,
)
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
from marquee.catalog.services.aliases import infer_alias_kind
from marquee.catalog.services.import_report import ImportReport
from marquee.discovery.services.search_index import search_index_behind
from marquee.fans.services import alerts as fans_alerts
from marquee.web.pagecache import pages_changed


def kb_import(
    *, document: KnowledgeBaseFile, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Upsert a checked knowledge-base document, all or nothing.

    Entities are matched by id; aliases, characters and credits of the entities in the file are
    brought in line with it; the offers of each (title, platform) pair named in the file are
    replaced by the file's. Importing the same document twice changes nothing the second time,
    except that a search index left behind by an interrupted import is brought up to date.
    Raises ``KnowledgeBaseError`` when the file refers to ids that exist nowhere.
    """
    tick = progress or (lambda number: None)
    with transaction.atomic():
        _check_external_references(document)
        report = ImportReport()
        platform_pks = _upsert_platforms(document, report)
        tick(len(document.platforms))
        person_pks = _upsert_people(document.people, report, document.external_people)
        tick(len(document.people))
        title_pks = _upsert_titles(document.titles, report, document.external_titles)
        tick(len(document.titles))
        _sync_aliases(PersonAlias, "person", document.people, person_pks, report, is_title=False)
        _sync_aliases(TitleAlias, "title", document.titles, title_pks, report, is_title=True)
        _sync_credits(document, person_pks, title_pks, report)
        tick(len(document.credits))
        with fans_alerts.watching_offers({title_pks[o.title] for o in document.availability}):
            _sync_availability(document.availability, title_pks, platform_pks, report)
        tick(len(document.availability))
        if not report.changed and search_index_behind():
            # An earlier import committed but was killed before its reindex: repeat what follows.
            report.search_index_repaired = True
        if report.changed or report.search_index_repaired:
            # An import cannot say entity by entity what it touched: everything is refreshed.
            pages_changed()
            catalog_tasks.knowledge_base_changed.enqueue(None, None, [])
    return report


def _check_external_references(document: KnowledgeBaseFile) -> None:
    missing_people = document.external_people - set(slug_to_pk(Person, document.external_people))
    missing_titles = document.external_titles - set(slug_to_pk(Title, document.external_titles))
    missing_platforms = document.external_platforms - set(
        slug_to_pk(Platform, document.external_platforms)
    )
    problems = []

    def unknown(label: str, field_name: str, ident: str, section: str) -> None:
        problems.append(
            f'{label}: field "{field_name}" refers to {section} "{ident}", which is neither in the '
            f"file nor in the knowledge base"
        )

    for index, title in enumerate(document.titles):
        if title.based_on in missing_titles:
            unknown(f'titles[{index}] "{title.id}"', "based_on", title.based_on, "title")
    for index, credit in enumerate(document.credits):
        if credit.person in missing_people:
            unknown(f"credits[{index}]", "person", credit.person, "person")
        if credit.title in missing_titles:
            unknown(f"credits[{index}]", "title", credit.title, "title")
    for index, offer in enumerate(document.availability):
        if offer.title in missing_titles:
            unknown(f"availability[{index}]", "title", offer.title, "title")
        if offer.platform in missing_platforms:
            unknown(f"availability[{index}]", "platform", offer.platform, "platform")
    if problems:
        raise KnowledgeBaseError(problems)


def _upsert_by_slug(
    model: type[models.Model],
    section: str,
    rows: dict[str, dict[str, Any]],
    report: ImportReport,
) -> tuple[dict[str, int], set[str]]:
    """Create or update rows keyed by slug, writing only what differs.

    Returns slug → pk for every row, and the slugs created or updated.
    """
    fields = list(next(iter(rows.values())).keys()) if rows else []
    existing = {row["slug"]: row for row in rows_by_slug(model, rows, "pk", *fields)}
    to_create, to_update = [], []
    for slug, values in rows.items():
        current = existing.get(slug)
        if current is None:
            to_create.append(model(slug=slug, **values))
        elif any(current[name] != value for name, value in values.items()):
            to_update.append(model(pk=current["pk"], slug=slug, **values))
        else:
            report.add(section, "unchanged")
    bulk_insert(model, to_create)
    if to_update:
        bulk_update(model, to_update, fields)
    report.add(section, "created", len(to_create))
    report.add(section, "updated", len(to_update))
    touched = {str(getattr(row, "slug")) for row in (*to_create, *to_update)}  # noqa: B009
    return slug_to_pk(model, rows), touched


def _upsert_platforms(document: KnowledgeBaseFile, report: ImportReport) -> dict[str, int]:
    rows = {
        p.id: {"name": p.name, "url": p.url, "search_url": p.search_url} for p in document.platforms
    }
    pks, _ = _upsert_by_slug(Platform, "platforms", rows, report)
    pks.update(slug_to_pk(Platform, document.external_platforms))
    return pks


def _upsert_people(
    people: list[PersonRecord], report: ImportReport, external: set[str]
) -> dict[str, int]:
    rows = {
        p.id: {
            "name": p.name,
            "native_name": p.native_name,
            "kind": p.kind,
            "born": p.born,
            "bio": p.bio,
        }
        for p in people
    }
    pks, _ = _upsert_by_slug(Person, "people", rows, report)
    pks.update(slug_to_pk(Person, external))
    return pks


def _upsert_titles(
    titles: list[TitleRecord], report: ImportReport, external: set[str]
) -> dict[str, int]:
    rows = {
        t.id: {
            "name": t.name,
            "native_name": t.native_name,
            "kind": t.kind,
            "year": t.year,
            "episodes": t.episodes,
            "synopsis": t.synopsis,
        }
        for t in titles
    }
    existed_before = set(slug_to_pk(Title, rows))
    pks, touched = _upsert_by_slug(Title, "titles", rows, report)
    pks.update(slug_to_pk(Title, external))
    # Adaptations point at titles that may have been created in this very import.
    wanted = {pks[t.id]: pks[t.based_on] if t.based_on else None for t in titles}
    current: dict[int, int | None] = {}
    for batch in chunked(wanted):
        current.update(Title.objects.filter(pk__in=batch).values_list("pk", "based_on_id"))
    changed = {pk: source for pk, source in wanted.items() if current.get(pk) != source}
    bulk_update(Title, [Title(pk=pk, based_on_id=source) for pk, source in changed.items()],
                ["based_on"])  # fmt: skip
    # A title whose own fields were unchanged but whose source changed counts as updated.
    for title in titles:
        if title.id in existed_before and title.id not in touched and pks[title.id] in changed:
            report.add("titles", "unchanged", -1)
            report.add("titles", "updated")
    return pks


def _sync_aliases(
    model: type[PersonAlias] | type[TitleAlias],
    owner_field: str,
    records: list[PersonRecord] | list[TitleRecord],
    owner_pks: dict[str, int],
    report: ImportReport,
    *,
    is_title: bool,
) -> None:
    owner_key = f"{owner_field}_id"
    existing: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    for batch in chunked(owner_pks[r.id] for r in records):
        for pk, owner, name, position in model._default_manager.filter(
            **{f"{owner_key}__in": batch}
        ).values_list("pk", owner_key, "name", "position"):
            existing[owner][name] = (pk, position)
    to_create: list[Any] = []
    to_update: list[Any] = []
    to_delete: list[int] = []
    for record in records:
        owner = owner_pks[record.id]
        current = existing.get(owner, {})
        for position, alias in enumerate(record.aliases):
            if alias not in current:
                kind = infer_alias_kind(alias, owner_name=record.name, is_title=is_title)
                to_create.append(
                    model(**{owner_key: owner, "name": alias, "kind": kind, "position": position})
                )
            elif current[alias][1] != position:
                to_update.append(model(pk=current[alias][0], position=position))
            else:
                report.add("aliases", "unchanged")
        to_delete.extend(pk for name, (pk, _) in current.items() if name not in record.aliases)
    for batch in chunked(to_delete):
        model._default_manager.filter(pk__in=batch).delete()
    bulk_insert(model, to_create)
    bulk_update(model, to_update, ["position"])
    report.add("aliases", "created", len(to_create))
    report.add("aliases", "updated", len(to_update))
    report.add("aliases", "removed", len(to_delete))


def _sync_credits(
    document: KnowledgeBaseFile,
    person_pks: dict[str, int],
    title_pks: dict[str, int],
    report: ImportReport,
) -> None:
    """Create characters and credits named in the file; update billing order and aliases."""
    wanted_characters: dict[tuple[int, str], list[str]] = {}
    for credit in document.credits:
        if credit.character:
            aliases = wanted_characters.setdefault((title_pks[credit.title], credit.character), [])
            aliases.extend(a for a in credit.character_aliases if a not in aliases)
    title_ids = {title for title, _ in wanted_characters}
    characters: dict[tuple[int, str], tuple[int, list[str]]] = {}
    for batch in chunked(title_ids):
        for pk, title, name, aliases in Character.objects.filter(title_id__in=batch).values_list(
            "pk", "title_id", "name", "aliases"
        ):
            characters[(title, name)] = (pk, aliases)
    new_characters, changed_characters = [], []
    for (title, name), aliases in wanted_characters.items():
        if (title, name) not in characters:
            new_characters.append(Character(title_id=title, name=name, aliases=aliases))
        elif characters[(title, name)][1] != aliases:
            changed_characters.append(Character(pk=characters[(title, name)][0], aliases=aliases))
        else:
            report.add("characters", "unchanged")
    bulk_insert(Character, new_characters)
    bulk_update(Character, changed_characters, ["aliases"])
    report.add("characters", "created", len(new_characters))
    report.add("characters", "updated", len(changed_characters))
    if new_characters:
        for batch in chunked(title_ids):
            for pk, title, name, aliases in Character.objects.filter(
                title_id__in=batch
            ).values_list("pk", "title_id", "name", "aliases"):
                characters[(title, name)] = (pk, aliases)

    credit_titles = {title_pks[c.title] for c in document.credits}
    existing: dict[tuple[int, int, str, int | None], tuple[int, int | None]] = {}
    for batch in chunked(credit_titles):
        for pk, person, title, role, played, order in Credit.objects.filter(
            title_id__in=batch
        ).values_list("pk", "person_id", "title_id", "role", "character_id", "order"):
            existing[(person, title, role, played)] = (pk, order)
    to_create, to_update = [], []
    for credit in document.credits:
        title = title_pks[credit.title]
        character = characters[(title, credit.character)][0] if credit.character else None
        key = (person_pks[credit.person], title, credit.role, character)
        if key not in existing:
            to_create.append(
                Credit(
                    person_id=key[0],
                    title_id=title,
                    role=credit.role,
                    character_id=character,
                    order=credit.order,
                )
            )
        elif existing[key][1] != credit.order:
            to_update.append(Credit(pk=existing[key][0], order=credit.order))
        else:
            report.add("credits", "unchanged")
    bulk_insert(Credit, to_create)
    bulk_update(Credit, to_update, ["order"])
    report.add("credits", "created", len(to_create))
    report.add("credits", "updated", len(to_update))


def _offer_values(offer: AvailabilityRecord) -> tuple[Any, ...]:
    return (
        list(offer.regions),
        offer.type,
        list(offer.subtitles),
        list(offer.audio),
        offer.url,
        offer.until,
    )


def _sync_availability(
    offers: list[AvailabilityRecord],
    title_pks: dict[str, int],
    platform_pks: dict[str, int],
    report: ImportReport,
) -> None:
    """Replace the offers of every (title, platform) pair the file names with the file's."""
    wanted: dict[tuple[int, int], list[tuple[Any, ...]]] = defaultdict(list)
    for offer in offers:
        wanted[(title_pks[offer.title], platform_pks[offer.platform])].append(_offer_values(offer))
    current: dict[tuple[int, int], list[tuple[Any, ...]]] = defaultdict(list)
    for batch in chunked({title for title, _ in wanted}):
        for row in (
            Availability.objects.filter(title_id__in=batch)
            .order_by("title_id", "platform_id", "position")
            .values_list(
                "title_id",
                "platform_id",
                "regions",
                "offer_type",
                "subtitles",
                "audio",
                "url",
                "until",
            )
        ):
            current[(row[0], row[1])].append(tuple(row[2:]))
    to_create = []
    for (title, platform), values in wanted.items():
        if current.get((title, platform)) == values:
            report.add("availability", "unchanged", len(values))
            continue
        removed, _ = Availability.objects.filter(title_id=title, platform_id=platform).delete()
        report.add("availability", "removed", removed)
        for position, (regions, offer_type, subtitles, audio, url, until) in enumerate(values):
            to_create.append(
                Availability(
                    title_id=title,
                    platform_id=platform,
                    regions=regions,
                    offer_type=offer_type,
                    subtitles=subtitles,
                    audio=audio,
                    url=url,
                    until=until,
                    position=position,
                )
            )
    bulk_insert(Availability, to_create)
    report.add("availability", "created", len(to_create))

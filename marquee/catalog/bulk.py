"""The importer's bulk SQL: chunked lookups by slug and one prepared statement per insert or
update (``executemany``), which a large knowledge base needs to import in minutes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.db import connection, models

# Chunks stay well under SQLite's limit on bound parameters per statement.
CHUNK = 900
BATCH = 1000
WHOLE_TABLE_THRESHOLD = 5000

T = TypeVar("T")


def chunked(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _column_values(model: type[models.Model]) -> tuple[list[str], Callable[[Any], list[Any]]]:
    """Columns of a model (without its primary key) and a function reading them off a row.

    Only JSON and date fields need the database adapter; other values go through as they are.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    needs_prep = [isinstance(f, models.JSONField | models.DateField) for f in fields]

    def read(obj: Any) -> list[Any]:
        return [
            f.get_db_prep_save(getattr(obj, f.attname), connection) if prep
            else getattr(obj, f.attname)
            for f, prep in zip(fields, needs_prep, strict=True)
        ]  # fmt: skip

    return [f.column for f in fields], read


def bulk_insert(model: type[models.Model], objs: list[Any]) -> None:
    """Insert unsaved model instances with one prepared statement (``executemany``).

    A large import spends most of its time in the ORM's per-row SQL compilation; the statement
    here is compiled once. Defaults must already be set on the instances; no signals are sent.
    """
    if not objs:
        return
    columns, read = _column_values(model)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for batch in chunked(objs, BATCH):
            cursor.executemany(sql, [read(obj) for obj in batch])


def bulk_update(model: type[models.Model], objs: list[Any], field_names: list[str]) -> None:
    """Update ``field_names`` of saved instances with one prepared statement."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if f.name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    with connection.cursor() as cursor:
        for batch in chunked(objs, BATCH):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                    + [obj.pk]
                    for obj in batch
                ],
            )


def rows_by_slug(
    model: type[models.Model], slugs: Iterable[str], *fields: str
) -> Iterator[dict[str, Any]]:
    """The rows with the given slugs, as dicts of ``fields``.

    Many slugs are looked up with one scan of the table rather than hundreds of IN queries.
    """
    wanted = set(slugs)
    manager = model._default_manager
    if len(wanted) > WHOLE_TABLE_THRESHOLD:
        for row in manager.values("slug", *fields).iterator(chunk_size=5000):
            if row["slug"] in wanted:
                yield row
        return
    for batch in chunked(sorted(wanted)):
        yield from manager.filter(slug__in=batch).values("slug", *fields)


def slug_to_pk(model: type[models.Model], slugs: Iterable[str]) -> dict[str, int]:
    return {row["slug"]: row["pk"] for row in rows_by_slug(model, slugs, "pk")}

"""Full-text indexes beside ``discovery_searchentry``, per database vendor.

SQLite: an external-content FTS5 table (name, keys, body) kept in sync by triggers.
PostgreSQL: a generated, weighted ``tsvector`` column with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE discovery_search_fts USING fts5("
    " name, keys, body, content='discovery_searchentry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER discovery_search_ai AFTER INSERT ON discovery_searchentry BEGIN"
    " INSERT INTO discovery_search_fts(rowid, name, keys, body)"
    " VALUES (new.id, new.name, new.keys, new.body); END",
    "CREATE TRIGGER discovery_search_ad AFTER DELETE ON discovery_searchentry BEGIN"
    " INSERT INTO discovery_search_fts(discovery_search_fts, rowid, name, keys, body)"
    " VALUES ('delete', old.id, old.name, old.keys, old.body); END",
    "CREATE TRIGGER discovery_search_au AFTER UPDATE ON discovery_searchentry BEGIN"
    " INSERT INTO discovery_search_fts(discovery_search_fts, rowid, name, keys, body)"
    " VALUES ('delete', old.id, old.name, old.keys, old.body);"
    " INSERT INTO discovery_search_fts(rowid, name, keys, body)"
    " VALUES (new.id, new.name, new.keys, new.body); END",
    "INSERT INTO discovery_search_fts(discovery_search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS discovery_search_au",
    "DROP TRIGGER IF EXISTS discovery_search_ad",
    "DROP TRIGGER IF EXISTS discovery_search_ai",
    "DROP TABLE IF EXISTS discovery_search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE discovery_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('simple', coalesce(name, '')), 'A')"
    " || setweight(to_tsvector('simple', coalesce(keys, '')), 'B')"
    " || setweight(to_tsvector('simple', coalesce(body, '')), 'D')) STORED",
    "CREATE INDEX discovery_search_document ON discovery_searchentry USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS discovery_search_document",
    "ALTER TABLE discovery_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("discovery", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]

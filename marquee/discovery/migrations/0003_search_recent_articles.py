"""Indexes for searches of very common words (``marquee.discovery.search.postgres``):
the latest published articles in order, and on PostgreSQL a GIN index over the short entries of
people and titles alone, so that matching them never scans the articles."""

from django.db import migrations, models

POSTGRES_FORWARD = [
    "CREATE INDEX discovery_search_entity_document ON discovery_searchentry"
    " USING gin (document) WHERE kind <> 'article'",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS discovery_search_entity_document"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("discovery", "0002_full_text_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                condition=models.Q(("kind", "article")),
                name="search_recent_articles",
            ),
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD}), _run({"postgresql": POSTGRES_BACKWARD})
        ),
    ]

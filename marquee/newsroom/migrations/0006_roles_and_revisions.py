"""The newsroom's roles as groups (Writers, Editors, Admins; Moderators come from community),
articles scheduled the old way (published, dated later) marked scheduled, and a first revision
for every existing article."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.utils import timezone

from marquee.newsroom.roles import ensure_role_groups


def create_roles(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ensure_role_groups(apps)


def remove_roles(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=["Writers", "Editors", "Admins"]).delete()


def mark_scheduled_and_record_revisions(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Article = apps.get_model("newsroom", "Article")
    ArticleRevision = apps.get_model("newsroom", "ArticleRevision")
    Article.objects.filter(status="published", published_at__gt=timezone.now()).update(
        status="scheduled"
    )
    for article in Article.objects.prefetch_related("tags", "sources").order_by("pk"):
        ArticleRevision.objects.create(
            article=article,
            created_at=article.updated_at,
            message="As it was before revisions were kept",
            state="live" if article.status in ("published", "scheduled") else "draft",
            title=article.title,
            slug=article.slug,
            dek=article.dek,
            body=article.body,
            byline=article.author,
            trailer_url=article.trailer_url,
            tags=[tag.name for tag in article.tags.all()],
            sources=[{"name": s.name, "url": s.url} for s in article.sources.all()],
            image_id=article.image_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_workflow"),
        ("media", "0001_initial"),
        ("linking", "0002_articleentity_from_newsroom"),
        ("catalog", "0002_person_headshot_title_poster"),
        ("community", "0004_reaction_counts"),
        ("discovery", "0003_search_recent_articles"),
        ("tasks", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(mark_scheduled_and_record_revisions, migrations.RunPython.noop),
    ]

"""The newsroom's roles as groups of permissions (docs/workflow.md): Writers, Editors, Admins
(Moderators come from community). Migration 0006 creates them, and every ``migrate`` (and every
flush of a test database) makes sure they exist with at least these permissions; permissions an
administrator added to a group are left alone."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

WRITERS = {
    "newsroom": ["add_article", "change_article", "view_article", "submit_article", "view_tag",
                 "add_tag", "view_source", "add_source", "change_source", "delete_source",
                 "view_articlerevision"],
    "media": ["add_image", "change_image", "view_image"],
}  # fmt: skip
EDITORS = {
    "newsroom": [*WRITERS["newsroom"], "publish_article", "edit_any_article", "delete_article",
                 "change_tag", "delete_tag", "view_editorialevent", "view_correction"],
    "media": [*WRITERS["media"], "delete_image"],
    "linking": ["view_articleentity", "change_articleentity", "view_linkcandidate"],
}  # fmt: skip
# Admins hold every permission of these apps.
ADMIN_APPS = [
    "newsroom", "media", "linking", "catalog", "community", "discovery", "tasks", "auth",
]  # fmt: skip


def ensure_role_groups(apps: Any = global_apps) -> None:
    """Create the role groups, or give them back the permissions they must hold."""
    for config in apps.get_app_configs():
        historical = getattr(config, "models_module", None) is None  # a migration's app state
        if historical:
            config.models_module = True  # create_permissions skips apps without it
        create_permissions(config, apps=apps, verbosity=0)
        if historical:
            config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(wanted: dict[str, list[str]]) -> list[Any]:
        found: list[Any] = []
        for app_label, codenames in wanted.items():
            found += Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        return found

    Group.objects.get_or_create(name="Writers")[0].permissions.add(*permissions(WRITERS))
    Group.objects.get_or_create(name="Editors")[0].permissions.add(*permissions(EDITORS))
    Group.objects.get_or_create(name="Admins")[0].permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
    )

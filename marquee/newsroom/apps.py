from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _role_groups(sender: Any, **kwargs: Any) -> None:
    from marquee.newsroom.roles import ensure_role_groups

    ensure_role_groups()


class NewsroomConfig(AppConfig):
    name = "marquee.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        # After every migrate and every flush of a test database: the role groups exist.
        post_migrate.connect(_role_groups, sender=self, dispatch_uid="marquee-newsroom-roles")

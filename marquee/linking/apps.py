from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "marquee.linking"
    label = "linking"
    verbose_name = "Entity linking"

    def ready(self) -> None:
        from marquee.catalog.signals import knowledge_base_changed
        from marquee.linking import receivers
        from marquee.newsroom.signals import article_saved

        article_saved.connect(receivers.on_article_saved, dispatch_uid="linking-article-saved")
        knowledge_base_changed.connect(
            receivers.on_knowledge_base_changed, dispatch_uid="linking-kb-changed"
        )

from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "marquee.discovery"
    label = "discovery"
    verbose_name = "Discovery"

    def ready(self) -> None:
        from marquee.catalog.signals import knowledge_base_changed
        from marquee.discovery import receivers
        from marquee.linking.signals import article_linked
        from marquee.newsroom.signals import article_saved

        article_saved.connect(receivers.on_article_saved, dispatch_uid="discovery-article-saved")
        article_linked.connect(receivers.on_article_linked, dispatch_uid="discovery-article-linked")
        knowledge_base_changed.connect(
            receivers.on_knowledge_base_changed, dispatch_uid="discovery-kb-changed"
        )

from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "marquee.linking"
    label = "linking"
    verbose_name = "Entity linking"

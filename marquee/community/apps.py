from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "marquee.community"
    label = "community"
    verbose_name = "Community"

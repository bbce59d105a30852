from django.apps import AppConfig


class FansConfig(AppConfig):
    name = "marquee.fans"
    label = "fans"
    verbose_name = "Fans"

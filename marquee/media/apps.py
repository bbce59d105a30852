from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "marquee.media"
    label = "media"
    verbose_name = "Media library"

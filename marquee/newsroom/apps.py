from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "marquee.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

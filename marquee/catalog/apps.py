from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "marquee.catalog"
    label = "catalog"
    verbose_name = "Knowledge graph"

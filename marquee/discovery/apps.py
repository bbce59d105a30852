from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "marquee.discovery"
    label = "discovery"
    verbose_name = "Discovery"

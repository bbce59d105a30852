"""Template filters of the discovery templates: formatting only (the views load the data)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from marquee.discovery.search import snippet_html

register = template.Library()


@register.filter
def highlighted(text: str) -> SafeString:
    """A search backend's highlighted text: escaped, with its matches in <mark>."""
    return snippet_html(text or "")

"""Template tags of the community templates: formatting only (the views load the data)."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def comment_max_length() -> int:
    """The longest comment allowed, for the form's ``maxlength`` and its help text."""
    return int(settings.MARQUEE_COMMENT_MAX_LENGTH)

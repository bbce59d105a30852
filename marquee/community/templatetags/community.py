"""Template tags for the shared templates: the engagement block and the header's reply badge."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.context import Context

from marquee.community import selectors
from marquee.community.views.engagement import engagement_context
from marquee.newsroom.models import Article

register = template.Library()


@register.inclusion_tag("community/_engagement.html", takes_context=True)
def article_engagement(context: Context, article: Article) -> dict[str, Any]:
    """Reactions and comments for ``article``, as the current reader sees them."""
    return {
        **engagement_context(context["request"], article),
        "csrf_token": context.get("csrf_token"),
        "messages": context.get("messages"),
    }


@register.simple_tag(takes_context=True)
def unread_replies(context: Context) -> int:
    user = context["request"].user
    return selectors.unread_reply_count(user=user) if user.is_authenticated else 0


@register.filter
def is_moderator(user: Any) -> bool:
    return selectors.is_moderator(user)


@register.simple_tag
def comment_max_length() -> int:
    return int(settings.MARQUEE_COMMENT_MAX_LENGTH)

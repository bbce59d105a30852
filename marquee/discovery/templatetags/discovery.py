"""Template tags that hand discovery's selectors to the shared page templates.

The newsroom and catalog templates include discovery's partials; these tags load what the
partials show (one selector call each), so those apps' views stay unaware of discovery.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from marquee.catalog.models import Person, Title
from marquee.discovery import metadata, selectors
from marquee.discovery.regions import picker_regions
from marquee.discovery.search import snippet_html
from marquee.newsroom.models import Article

register = template.Library()


def _request(context: template.Context) -> HttpRequest:
    request = context.get("request")
    if request is None:
        raise template.TemplateSyntaxError("discovery tags need the request context processor")
    return request


@register.simple_tag(takes_context=True)
def article_discovery(context: template.Context, article: Article) -> dict[str, Any]:
    """Watch Now and Similar Articles of an article page."""
    request = _request(context)
    locale = selectors.reader_locale(request)
    return {
        "locale": locale,
        "regions": picker_regions([locale.region]),
        "watch": selectors.watch_now_for_article(
            article, region=locale.region, language=locale.language
        ),
        "similar": selectors.similar_articles(article),
    }


@register.simple_tag(takes_context=True)
def title_discovery(context: template.Context, title: Title) -> dict[str, Any]:
    """Watch Now and the follow state of a title page (offers are already prefetched)."""
    request = _request(context)
    locale = selectors.reader_locale(request)
    return {
        "locale": locale,
        "regions": picker_regions([locale.region]),
        "watch": selectors.watch_now_for_title(
            title, region=locale.region, language=locale.language
        ),
        "following": selectors.is_following(request.user, title=title),
    }


@register.simple_tag(takes_context=True)
def person_following(context: template.Context, person: Person) -> bool:
    return selectors.is_following(_request(context).user, person=person)


@register.simple_tag(takes_context=True)
def article_metadata(context: template.Context, article: Article) -> dict[str, Any]:
    return metadata.article_metadata(_request(context), article)


@register.simple_tag(takes_context=True)
def person_metadata(context: template.Context, person: Person) -> dict[str, Any]:
    return metadata.person_metadata(_request(context), person)


@register.simple_tag(takes_context=True)
def title_metadata(context: template.Context, title: Title) -> dict[str, Any]:
    return metadata.title_metadata(_request(context), title)


@register.filter
def highlighted(text: str) -> SafeString:
    """A search backend's highlighted text: escaped, with its matches in <mark>."""
    return snippet_html(text or "")

"""Entity pages: people and titles."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from marquee.catalog import selectors
from marquee.catalog.models import Person, Role, Title
from marquee.discovery import metadata
from marquee.discovery import selectors as discovery
from marquee.fans import selectors as fans
from marquee.fans.models import WatchState
from marquee.newsroom import selectors as newsroom
from marquee.web.pagecache import page_seconds, shared_page

ARTICLES_ON_ENTITY_PAGE = 20


@shared_page(page_seconds)
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        person = selectors.person_detail(slug)
    except Person.DoesNotExist:
        raise Http404("No person with this id.") from None
    credits = list(person.credits.all())
    return render(
        request,
        "catalog/person_detail.html",
        {
            "person": person,
            "acting": [c for c in credits if c.role == Role.ACTOR],
            "other_credits": [c for c in credits if c.role != Role.ACTOR],
            "articles": newsroom.headlines_about_person(person, limit=ARTICLES_ON_ENTITY_PAGE),
            "meta": metadata.person_metadata(request, person),
            "discovery": discovery.person_discovery(
                person, user=request.user, locale=discovery.reader_locale(request)
            ),
        },
    )


@shared_page(page_seconds)
def title_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        title = selectors.title_detail(slug)
    except Title.DoesNotExist:
        raise Http404("No title with this id.") from None
    credits = list(title.credits.all())
    return render(
        request,
        "catalog/title_detail.html",
        {
            "title": title,
            "cast": [c for c in credits if c.role == Role.ACTOR],
            "crew": [c for c in credits if c.role != Role.ACTOR],
            "offers_by_region": selectors.offers_by_region(
                title.availability.all(), today=timezone.localdate()
            ),
            "articles": newsroom.headlines_about_title(title, limit=ARTICLES_ON_ENTITY_PAGE),
            "meta": metadata.title_metadata(request, title),
            "discovery": discovery.title_discovery(
                title, user=request.user, locale=discovery.reader_locale(request)
            ),
            "watchlist_entry": fans.watchlist_entry(request.user, title.pk),
            "watch_states": WatchState.choices,
        },
    )

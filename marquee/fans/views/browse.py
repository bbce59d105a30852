"""Where to watch: ``/watch/``, the titles watchable now in a region (docs/where-to-watch.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from marquee.catalog.models import OfferType
from marquee.discovery.regions import picker_regions
from marquee.discovery.selectors import reader_locale
from marquee.fans import browse
from marquee.web.pagecache import page_seconds, shared_page


@require_safe
@shared_page(page_seconds)
def watch(request: HttpRequest) -> HttpResponse:
    """Parse the filters (defaults: the reader's region, and their saved subtitle languages
    when they gave none), list one page of titles; a parameter it cannot use answers 400 with
    the form and a message naming it."""
    locale = reader_locale(request)
    today = timezone.localdate()
    choices = browse.browse_choices(today=today)
    default = browse.WatchFilters(region=locale.region, saved_subtitles=locale.subtitles)
    filters = default
    try:
        filters, page = browse.parse_filters(
            request.GET,
            default_region=locale.region,
            saved_subtitles=default.saved_subtitles,
            platforms=choices.platforms,
        )
        result = browse.watchable_titles(
            filters,
            page=page,
            platform=choices.platform_named(filters.platform),
            today=today,
            now=timezone.now(),
            page_size=browse.WATCH_PAGE_SIZE,
        )
    except browse.FilterError as error:
        context = _context(request, filters, choices, result=None)
        context["error"] = error
        return render(request, "fans/watch.html", context, status=400)
    context = _context(request, filters, choices, result=result)
    return render(request, "fans/watch.html", context)


def _context(
    request: HttpRequest,
    filters: browse.WatchFilters,
    choices: browse.BrowseChoices,
    *,
    result: browse.WatchPage | None,
) -> dict[str, Any]:
    path = reverse("fans:watch")
    canonical = request.build_absolute_uri(
        f"{path}?{filters.canonical_query(result.number if result else 1)}"
    )
    return {
        "filters": filters,
        "result": result,
        "canonical": canonical,
        "loosen": browse.loosened(filters) if result is not None and not result.count else [],
        "regions": picker_regions([filters.region]),
        "languages": choices.languages_with(filters.subtitles),
        "kinds": browse.KIND_CHOICES,
        "platforms": choices.platforms,
        "offer_types": OfferType.choices,
        "sorts": list(browse.SORTS.items()),
    }

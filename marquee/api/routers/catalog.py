"""The knowledge graph: people and titles by their knowledge-base id."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from marquee.api.errors import not_found, require_slug
from marquee.api.schemas import ErrorOut, PersonOut, TitleOut
from marquee.catalog import selectors
from marquee.catalog.models import Person, Title

router = Router(tags=["knowledge graph"])


@router.get(
    "/people/{id}",
    response={200: PersonOut, 404: ErrorOut},
    operation_id="person_detail",
    summary="A person or group",
)
def person_detail(request: HttpRequest, id: str) -> PersonOut:
    """Names (Hangul, aliases with their kind) and credits, newest work first."""
    message = f"No person with id {id!r}."
    try:
        person = selectors.person_detail(require_slug(id, message))
    except Person.DoesNotExist:
        raise not_found(message) from None
    return PersonOut.of(person)


@router.get(
    "/titles/{id}",
    response={200: TitleOut, 404: ErrorOut},
    operation_id="title_detail",
    summary="A film, series, book, webtoon, song, album or show",
)
def title_detail(request: HttpRequest, id: str) -> TitleOut:
    """Names, adaptations, cast and crew, and where it can be watched today, by region."""
    message = f"No title with id {id!r}."
    try:
        title = selectors.title_detail(require_slug(id, message))
    except Title.DoesNotExist:
        raise not_found(message) from None
    offers = selectors.offers_by_region(title.availability.all(), today=timezone.localdate())
    return TitleOut.of(title, offers_by_region=offers)

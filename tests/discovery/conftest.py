from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from marquee.catalog.models import Character, Person, Title
from marquee.discovery import services
from marquee.linking.models import ArticleEntity, EntityState
from marquee.newsroom.models import Article


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def link(
    article: Article,
    *,
    person: str | None = None,
    title: str | None = None,
    character: str | None = None,
    state: str = EntityState.AUTO,
) -> ArticleEntity:
    """Store an entity of ``article`` as the linker would (slugs; character by name)."""
    return ArticleEntity.objects.create(
        article=article,
        person=Person.objects.get(slug=person) if person else None,
        title=Title.objects.get(slug=title) if title else None,
        character=Character.objects.get(name=character) if character else None,
        state=state,
    )


def refresh(*articles: Article) -> None:
    """What the ``article_linked`` receiver does, for articles built inside a test transaction."""
    for article in articles:
        services.article_discovery_refresh(article_id=article.pk)

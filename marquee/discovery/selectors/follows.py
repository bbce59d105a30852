"""What a reader follows, and the news about it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from marquee.catalog.models import Person, Title
from marquee.discovery.models import Follow
from marquee.linking.models import ArticleEntity, EntityState
from marquee.newsroom.models import Article

FOLLOWED_ON_HOME = 6


def followed_articles(
    user: AbstractBaseUser | AnonymousUser, *, limit: int = FOLLOWED_ON_HOME
) -> list[Article]:
    """Newest public articles about the people and titles ``user`` follows; one query."""
    if not user.is_authenticated:
        return []
    follows = Follow.objects.filter(user_id=user.pk)
    linked = ArticleEntity.objects.exclude(state=EntityState.REJECTED).filter(
        Q(person__in=follows.filter(person__isnull=False).values("person_id"))
        | Q(title__in=follows.filter(title__isnull=False).values("title_id"))
        | Q(character__title__in=follows.filter(title__isnull=False).values("title_id"))
    )
    return list(
        Article.objects.published()
        .filter(pk__in=linked.values("article_id"))
        .order_by("-published_at", "-pk")[:limit]
    )


def is_following(
    user: AbstractBaseUser | AnonymousUser,
    *,
    person: Person | None = None,
    title: Title | None = None,
) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user_id=user.pk, person=person, title=title).exists()

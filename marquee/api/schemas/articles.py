"""Articles, their Similar Articles and their Watch Now offers."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema

from marquee.api.schemas.common import PersonRef, TagOut, TitleRef
from marquee.catalog.models import OfferType, Role
from marquee.discovery import selectors as discovery
from marquee.discovery.regions import region_name
from marquee.linking.models import ArticleEntity
from marquee.media.html import share_url
from marquee.media.models import Image
from marquee.media.renditions import fallback_format, renditions
from marquee.newsroom.models import Article, Correction, Source
from marquee.newsroom.rendering import trailer_for


class ImageOut(Schema):
    """A picture with what a client needs to show it: addresses are the site's renditions."""

    alt: str
    credit: str
    caption: str
    url: str  # 16:9, at most 960 pixels wide (JPEG, or PNG when transparent)
    thumbnail_url: str  # 16:9, at most 480 pixels wide
    share_url: str  # 1200×630 JPEG

    @classmethod
    def of(cls, image: Image | None) -> ImageOut | None:
        if image is None:
            return None
        fallback = fallback_format(image)
        wide = renditions(image, "lead", fallback)
        cards = renditions(image, "card", fallback)
        return cls(
            alt=image.alt,
            credit=image.credit,
            caption=image.caption,
            url=([r for r in wide if r.width <= 960] or wide)[-1].url,
            thumbnail_url=([r for r in cards if r.width <= 480] or cards)[-1].url,
            share_url=share_url(image),
        )


class ArticleSummary(Schema):
    slug: str
    title: str
    dek: str
    author: str
    published_at: datetime.datetime
    url: str
    tags: list[TagOut]
    image: ImageOut | None  # the lead image

    @classmethod
    def of(cls, article: Article) -> ArticleSummary:
        """From an article with its ``tags`` prefetched."""
        assert article.published_at is not None  # public articles have a date
        return cls(
            slug=article.slug,
            title=article.title,
            dek=article.dek,
            author=article.author,
            published_at=article.published_at,
            url=article.get_absolute_url(),
            tags=[TagOut.of(tag) for tag in article.tags.all()],
            image=ImageOut.of(article.image),
        )


class ArticlePage(Schema):
    page: int
    limit: int
    has_next: bool
    results: list[ArticleSummary]


class TrailerOut(Schema):
    url: str
    embed_url: str | None  # privacy-enhanced YouTube embed; null for other sites


class SourceOut(Schema):
    name: str
    url: str

    @classmethod
    def of(cls, source: Source) -> SourceOut:
        return cls(name=source.name, url=source.url)


class EntityOut(Schema):
    """A person, title or character the article is about, as its page shows it."""

    type: Literal["person", "title", "character"]
    id: str | None  # null for characters, which have no page of their own
    name: str
    url: str  # a character's is its title's page
    title: TitleRef | None  # the title of a character

    @classmethod
    def of(cls, link: ArticleEntity) -> EntityOut:
        if link.person is not None:
            return cls(
                type="person",
                id=link.person.slug,
                name=link.person.name,
                url=link.person.get_absolute_url(),
                title=None,
            )
        if link.title is not None:
            return cls(
                type="title",
                id=link.title.slug,
                name=link.title.name,
                url=link.title.get_absolute_url(),
                title=None,
            )
        character = link.character
        assert character is not None  # guaranteed by article_entity_exactly_one_target
        return cls(
            type="character",
            id=None,
            name=character.name,
            url=character.title.get_absolute_url(),
            title=TitleRef.of(character.title),
        )


class CorrectionOut(Schema):
    """A correction notice, as the article page shows it."""

    text: str
    published_at: datetime.datetime

    @classmethod
    def of(cls, correction: Correction) -> CorrectionOut:
        return cls(text=correction.text, published_at=correction.published_at)


class ArticleOut(ArticleSummary):
    body_html: str
    trailer: TrailerOut | None
    sources: list[SourceOut]
    entities: list[EntityOut]
    corrections: list[CorrectionOut]  # oldest first
    updated_at: datetime.datetime | None  # the latest correction's; null without one

    @classmethod
    def of(cls, article: Article) -> ArticleOut:
        """From ``newsroom.selectors.article_detail`` (sources, tags, shown entities and
        corrections loaded)."""
        trailer = trailer_for(article.trailer_url)
        corrections = [CorrectionOut.of(correction) for correction in article.corrections.all()]
        return cls(
            **ArticleSummary.of(article).model_dump(),
            body_html=article.body_html,
            trailer=(
                TrailerOut(url=trailer.url, embed_url=trailer.embed_url or None)
                if trailer
                else None
            ),
            sources=[SourceOut.of(source) for source in article.sources.all()],
            entities=[EntityOut.of(link) for link in article.entities.all()],
            corrections=corrections,
            updated_at=corrections[-1].published_at if corrections else None,
        )


class SimilarItem(Schema):
    slug: str
    title: str
    score: float


class SimilarOut(Schema):
    """The shape of ``marquee similar SLUG --json`` (docs/cli.md)."""

    article: str
    similar: list[SimilarItem]


# Watch Now ----------------------------------------------------------------------------------


class LanguageOut(Schema):
    code: str
    name: str


class RegionOut(Schema):
    code: str
    name: str


class WatchOfferOut(Schema):
    platform: str
    type: OfferType
    label: str
    subtitles: list[LanguageOut]  # the reader's language first
    url: str  # the offer's page, else the platform's search for the title, with Marquee's
    # campaign parameters; empty when there is neither

    @classmethod
    def of(cls, offer: discovery.WatchOffer) -> WatchOfferOut:
        return cls(
            platform=offer.platform,
            type=OfferType(offer.offer_type),
            label=offer.offer_label,
            subtitles=[LanguageOut(code=code, name=name) for code, name in offer.subtitles],
            url=offer.url,
        )


class WatchTitleOut(Schema):
    title: TitleRef
    person: PersonRef | None  # for "you can also watch <person> in <title>"
    role: Role | None  # the person's role in the title ("Written by <person>" unless a performer)
    offers: list[WatchOfferOut]  # in the region; empty for a mentioned title offered elsewhere
    available_in: list[RegionOut]  # where it is offered, when not in the region

    @classmethod
    def of(cls, item: discovery.WatchTitle) -> WatchTitleOut:
        return cls(
            title=TitleRef.of(item.title),
            person=PersonRef.of(item.person) if item.person else None,
            role=Role(item.role) if item.role else None,
            offers=[WatchOfferOut.of(offer) for offer in item.offers],
            available_in=[RegionOut(code=code, name=name) for code, name in item.elsewhere],
        )


class ElsewhereOut(Schema):
    title: TitleRef
    regions: list[RegionOut]


class WatchNowOut(Schema):
    article: str
    region: str
    region_name: str
    language: str
    mentioned: list[WatchTitleOut]
    also: list[WatchTitleOut]
    elsewhere: list[ElsewhereOut]  # the mentioned titles not offered in the region

    @classmethod
    def of(
        cls, box: discovery.WatchNow | None, *, article: Article, region: str, language: str
    ) -> WatchNowOut:
        """From ``watch_now_for_article``; ``None`` (nothing to show) gives empty lists."""
        return cls(
            article=article.slug,
            region=region,
            region_name=region_name(region),
            language=language,
            mentioned=[WatchTitleOut.of(item) for item in box.mentioned] if box else [],
            also=[WatchTitleOut.of(item) for item in box.also] if box else [],
            elsewhere=[
                ElsewhereOut(
                    title=TitleRef.of(title),
                    regions=[RegionOut(code=code, name=name) for code, name in regions],
                )
                for title, regions in (box.elsewhere if box else [])
            ],
        )

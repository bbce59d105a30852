"""Sharing metadata: Open Graph, Twitter cards and schema.org JSON-LD (dicts; no queries beyond
what the pages already loaded)."""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from marquee.catalog.models import Person, Role, Title, TitleKind
from marquee.linking.models import EntityState
from marquee.media.html import share_url
from marquee.media.models import Image
from marquee.newsroom.models import Article

_YOUTUBE_ID = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})"
)
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SCHEMA_TYPES = {
    TitleKind.FILM: "Movie",
    TitleKind.SERIES: "TVSeries",
    TitleKind.SHOW: "TVSeries",
    TitleKind.NOVEL: "Book",
    TitleKind.WEBTOON: "ComicSeries",
    TitleKind.SONG: "MusicRecording",
    TitleKind.ALBUM: "MusicAlbum",
}


def json_ld(data: dict[str, Any]) -> SafeString:
    """JSON safe inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_ESCAPES)
    return mark_safe(text)


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def trailer_image(url: str) -> str | None:
    """A YouTube trailer's thumbnail: the only picture an article has."""
    match = _YOUTUBE_ID.search(url or "")
    return f"https://i.ytimg.com/vi/{match.group(1)}/hqdefault.jpg" if match else None


def picture(request: HttpRequest, image: Image | None) -> str | None:
    """The absolute address of an image's 1200×630 sharing rendition."""
    return absolute(request, share_url(image)) if image is not None else None


def _entity_ref(request: HttpRequest, target: Person | Title) -> dict[str, Any]:
    if isinstance(target, Person):
        kind = "PerformingGroup" if target.kind == "group" else "Person"
    else:
        kind = SCHEMA_TYPES.get(TitleKind(target.kind), "CreativeWork")
    return {"@type": kind, "name": target.name, "url": absolute(request, target.get_absolute_url())}


def article_metadata(request: HttpRequest, article: Article) -> dict[str, Any]:
    """Canonical URL, Open Graph/Twitter fields and the NewsArticle JSON-LD of an article
    (its corrections as schema.org CorrectionComments, the latest one its ``dateModified``)."""
    url = absolute(request, article.get_absolute_url())
    corrections = list(article.corrections.all())
    image = picture(request, article.image) or trailer_image(article.trailer_url)
    about: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for link in article.entities.all():
        if link.state == EntityState.REJECTED:
            continue
        if link.character is not None:
            ref = {"@type": "Thing", "name": link.character.name}
            ref["description"] = f"Character in {link.character.title.name}"
            mentions.append(ref)
            continue
        target = link.person or link.title
        if target is None:
            continue
        ref = _entity_ref(request, target)
        # The entities an editor confirmed and the titles are what the article is about.
        (about if link.state == EntityState.CONFIRMED or link.title else mentions).append(ref)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.dek or article.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        # A correction is the change readers are told of; silent updates keep the save time.
        "dateModified": (
            corrections[-1].published_at if corrections else article.updated_at
        ).isoformat(),
        "author": [{"@type": "Person", "name": article.author}] if article.author else [],
        "publisher": {"@type": "Organization", "name": settings.MARQUEE_SITE_NAME},
        "keywords": [tag.name for tag in article.tags.all()],
        "about": about,
        "mentions": mentions,
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.published_at.isoformat(),
            }
            for correction in corrections
        ],
    }
    if image:
        data["image"] = [image]
    return {
        "canonical": url,
        "og_type": "article",
        "title": article.title,
        "description": article.dek or article.title,
        "image": image,
        "image_alt": article.image.alt if article.image else "",
        "published": data["datePublished"],
        "modified": data["dateModified"],
        "author": article.author,
        "tags": data["keywords"],
        "json_ld": json_ld({k: v for k, v in data.items() if v not in (None, [])}),
    }


def person_metadata(request: HttpRequest, person: Person) -> dict[str, Any]:
    url = absolute(request, person.get_absolute_url())
    description = person.bio or f"{person.name}: filmography, news and where to watch."
    credits = list(person.credits.all())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "PerformingGroup" if person.kind == "group" else "Person",
        "name": person.name,
        "url": url,
        "description": description,
        "alternateName": [
            *([person.native_name] if person.native_name else []),
            *(alias.name for alias in person.aliases.all()),
        ],
    }
    image = picture(request, person.headshot)
    if image:
        data["image"] = image
    if person.born:
        data["birthDate"] = person.born.isoformat()
    if person.kind != "group":
        jobs = sorted({credit.get_role_display() for credit in credits})
        if jobs:
            data["jobTitle"] = jobs
    works = []
    for credit in credits:
        ref = _entity_ref(request, credit.title)
        if ref not in works:
            works.append(ref)
    if works:
        data["subjectOf" if person.kind == "group" else "performerIn"] = works[:20]
    return {
        "canonical": url,
        "og_type": "profile",
        "title": person.name,
        "description": description,
        "image": image,
        "image_alt": person.headshot.alt if person.headshot else "",
        "json_ld": json_ld({k: v for k, v in data.items() if v not in (None, [])}),
    }


def title_metadata(request: HttpRequest, title: Title) -> dict[str, Any]:
    url = absolute(request, title.get_absolute_url())
    schema_type = SCHEMA_TYPES.get(TitleKind(title.kind), "CreativeWork")
    credits = list(title.credits.all())
    description = title.synopsis or f"{title}: cast, news and where to watch."
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": title.name,
        "url": url,
        "description": description,
        "alternateName": [
            *([title.native_name] if title.native_name else []),
            *(alias.name for alias in title.aliases.all()),
        ],
    }
    image = picture(request, title.poster)
    if image:
        data["image"] = image
    if title.year:
        key = "datePublished" if schema_type == "Book" else "dateCreated"
        data[key] = str(title.year)
        if schema_type == "TVSeries":
            data["startDate"] = str(title.year)
    if schema_type == "TVSeries" and title.episodes:
        data["numberOfEpisodes"] = title.episodes
    people_by_role: dict[str, list[dict[str, Any]]] = {}
    for credit in credits:
        people_by_role.setdefault(credit.role, []).append(
            {
                "@type": "Person",
                "name": credit.person.name,
                "url": absolute(request, credit.person.get_absolute_url()),
            }
        )
    if schema_type == "Book":
        data["author"] = people_by_role.get(Role.AUTHOR, []) + people_by_role.get(Role.WRITER, [])
        data["translator"] = people_by_role.get(Role.TRANSLATOR, [])
    else:
        data["actor"] = people_by_role.get(Role.ACTOR, [])
        data["director"] = people_by_role.get(Role.DIRECTOR, [])
        data["author"] = people_by_role.get(Role.WRITER, []) + people_by_role.get(Role.AUTHOR, [])
    if title.based_on:
        data["isBasedOn"] = _entity_ref(request, title.based_on)
    return {
        "canonical": url,
        "og_type": "video.movie"
        if schema_type == "Movie"
        else (
            "video.tv_show"
            if schema_type == "TVSeries"
            else "book"
            if schema_type == "Book"
            else "website"
        ),
        "title": str(title),
        "description": description,
        "image": image,
        "image_alt": title.poster.alt if title.poster else "",
        "json_ld": json_ld({k: v for k, v in data.items() if v not in (None, [])}),
    }

"""Demo artwork for the demo content: every demo article, person and title gets an image.

``marquee demo`` calls :func:`demo_images_add` after loading the demo knowledge base and
articles. Only the entities of the demo files are touched (a site that loads the demo next to
its own content keeps its own pages as they are), and one that already has an image keeps it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from marquee.catalog.kb_format import load_json, parse_document
from marquee.catalog.models import Credit, Person, PersonKind, Role, Title
from marquee.catalog.services import person_headshot_set, title_poster_set
from marquee.media.demo_art import (
    article_art,
    drawable_text,
    initials,
    kind_label,
    person_card,
    title_poster,
)
from marquee.media.models import Image
from marquee.media.services import discard_files_on_error, image_add
from marquee.newsroom.article_format import decode_text, parse_article_file
from marquee.newsroom.models import Article
from marquee.newsroom.services import article_image_set

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo_content"
CREDIT = "Marquee demo artwork"
LICENCE = "CC0"
# What a poster's credit line says for the first of these roles a title has.
CREDIT_LINES = ((Role.DIRECTOR, "Directed by"), (Role.AUTHOR, "By"), (Role.WRITER, "Written by"))


def demo_images_add() -> int:
    """Give each demo article, person and title without an image its demo artwork; returns how
    many images were added (0 when run again)."""
    article_slugs, person_slugs, title_slugs = _demo_slugs()
    added = 0
    articles = Article.objects.filter(slug__in=article_slugs, image__isnull=True)
    for article in articles.prefetch_related("tags").order_by("pk"):
        section = _section(article)
        word = drawable_text(section)
        around = f"around the word {word}" if word else "around a target of rings"
        image = _add(
            article_art(headline=article.title, section=section),
            alt=f"Editorial artwork: geometric shapes {around}",
        )
        article_image_set(article, image)
        added += 1
    people = Person.objects.filter(slug__in=person_slugs, headshot__isnull=True)
    for person in people.prefetch_related("credits").order_by("pk"):
        role = _role(person)
        letters, name = initials(person.name), drawable_text(person.name)
        shown = f" with the initials {letters} and the name {name}" if letters else ""
        image = _add(
            person_card(name=person.name, role=role, native_name=person.native_name),
            alt=f"Abstract duotone card{shown}; not a photograph",
        )
        person_headshot_set(person, image)
        added += 1
    titles = Title.objects.filter(slug__in=title_slugs, poster__isnull=True)
    for title in titles.prefetch_related("credits__person").order_by("pk"):
        kind = kind_label(title.kind).lower()
        year = f" ({title.year})" if title.year else ""
        image = _add(
            title_poster(
                title=title.name,
                kind=title.kind,
                year=title.year,
                native_title=title.native_name,
                credit_line=_credit_line(title),
            ),
            alt=f"Typographic poster for the {kind} {title.name}{year}",
        )
        title_poster_set(title, image)
        added += 1
    return added


def _add(data: bytes, *, alt: str) -> Image:
    """One image, kept only if its row is: each entity's artwork commits on its own, so an
    interrupted run keeps what it made and the next one adds the rest."""
    with discard_files_on_error(), transaction.atomic():
        return image_add(data=data, alt=alt, credit=CREDIT, licence=LICENCE)


def _demo_slugs() -> tuple[list[str], list[str], list[str]]:
    document = parse_document(load_json((DEMO_DIR / "kb.json").read_bytes()))
    articles = [
        parse_article_file(decode_text(path.read_bytes(), path.name), path.name).slug
        for path in sorted((DEMO_DIR / "articles").glob("*.md"))
    ]
    return (
        articles,
        [person.id for person in document.people],
        [title.id for title in document.titles],
    )


def _section(article: Article) -> str:
    """The navigation's label of the article's section, else its first tag, else "News"."""
    tags = {tag.slug: tag.name for tag in article.tags.all()}
    for slug, label in settings.MARQUEE_SECTIONS:
        if slug in tags:
            return str(label)
    return next(iter(sorted(tags.values())), "News")


def _role(person: Person) -> str:
    """ "Group" for a group, else the role of most of the person's credits."""
    if person.kind == PersonKind.GROUP:
        return PersonKind.GROUP.label
    counts = Counter(credit.role for credit in person.credits.all())
    order = list(Role.values)
    ranked = sorted(counts, key=lambda role: (-counts[role], order.index(role)))
    return Role(ranked[0]).label if ranked else ""


def _credit_line(title: Title) -> str:
    credits: list[Credit] = list(title.credits.all())
    for role, words in CREDIT_LINES:
        names = list(dict.fromkeys(c.person.name for c in credits if c.role == role))
        if names:
            return f"{words} {' and '.join(names[:2])}"
    return ""

"""Demo artwork for the demo content: each demo article, person and title gets its image once."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from marquee.catalog.kb_format import parse_document
from marquee.catalog.models import Person, Title
from marquee.catalog.services import kb_import, person_headshot_set
from marquee.media.demo_art import article_art, person_card, title_poster
from marquee.media.models import Image
from marquee.media.services import image_add
from marquee.newsroom.models import Article
from marquee.web import demo_images as demo
from marquee.web.demo_images import demo_images_add
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

ARTICLE_FILES = {
    "premiere.md": ("premiere", "Love in the Big City premieres", '["Film", "TIFF"]'),
    "essay.md": ("goblin-essay", "Why Goblin still matters", '["Essays"]'),
}


@pytest.fixture
def small_demo(
    small_kb: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    """The demo files are the small knowledge base without "goblin" and two articles, all
    loaded; "goblin" and the article "house-story" are the site's own."""
    demo_kb = {
        **small_kb,
        "titles": [title for title in small_kb["titles"] if title["id"] != "goblin"],
        "credits": [credit for credit in small_kb["credits"] if credit["title"] != "goblin"],
        "availability": [row for row in small_kb["availability"] if row["title"] != "goblin"],
    }
    iu = {"id": "iu", "name": "아이유"}  # a name the shipped font cannot draw
    kb_import(document=parse_document({"format": "marquee-kb/1", "people": [iu]}))
    demo_kb["people"] = [*demo_kb["people"], iu]
    (tmp_path / "kb.json").write_text(json.dumps(demo_kb))
    (tmp_path / "articles").mkdir()
    for name, (slug, title, tags) in ARTICLE_FILES.items():
        text = f'---\ntitle: "{title}"\nslug: {slug}\ntags: {tags}\n---\nBody text.\n'
        (tmp_path / "articles" / name).write_text(text)
        make_article(slug, title=title, tags=tuple(json.loads(tags)))
    make_article("house-story", title="The site's own story", tags=("Film",))
    monkeypatch.setattr(demo, "DEMO_DIR", tmp_path)
    return demo_kb


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_each_demo_article_person_and_title_gets_its_artwork(small_demo: dict[str, Any]) -> None:
    assert demo_images_add() == 2 + 5 + 2

    film = Title.objects.select_related("poster").get(slug="love-in-the-big-city-film")
    novel = Title.objects.select_related("poster").get(slug="love-in-the-big-city-novel")
    assert film.poster is not None and novel.poster is not None
    assert film.poster.alt == "Typographic poster for the film Love in the Big City (2024)"
    assert novel.poster.alt == "Typographic poster for the book Love in the Big City (2019)"
    assert (film.poster.width, film.poster.height, film.poster.format) == (1000, 1500, "jpeg")
    assert film.poster.sha256 == digest(
        title_poster(
            title="Love in the Big City",
            kind="film",
            year=2024,
            native_title="대도시의 사랑법",
            credit_line="Directed by Lee Eon-hee",
        )
    )
    assert novel.poster.sha256 == digest(
        title_poster(
            title="Love in the Big City",
            kind="novel",
            year=2019,
            native_title="대도시의 사랑법",
            credit_line="By Park Sang-young",
        )
    )

    kim = Person.objects.select_related("headshot").get(slug="kim-go-eun")
    lee = Person.objects.select_related("headshot").get(slug="lee-eon-hee")
    assert kim.headshot is not None and lee.headshot is not None
    assert kim.headshot.alt == (
        "Abstract duotone card with the initials KG and the name Kim Go-eun; not a photograph"
    )
    assert (kim.headshot.width, kim.headshot.height) == (1000, 1250)
    assert kim.headshot.sha256 == digest(
        person_card(name="Kim Go-eun", role="Actor", native_name="김고은")
    )
    assert lee.headshot.sha256 == digest(
        person_card(name="Lee Eon-hee", role="Director", native_name="이언희")
    )

    iu = Person.objects.select_related("headshot").get(slug="iu")
    assert iu.headshot is not None
    assert iu.headshot.alt == "Abstract duotone card; not a photograph"

    premiere = Article.objects.select_related("image").get(slug="premiere")
    essay = Article.objects.select_related("image").get(slug="goblin-essay")
    assert premiere.image is not None and essay.image is not None
    assert premiere.image.alt == "Editorial artwork: geometric shapes around the word Film"
    assert essay.image.alt == "Editorial artwork: geometric shapes around the word Essays"
    assert (premiere.image.width, premiere.image.height) == (1920, 1080)
    assert premiere.image.sha256 == digest(
        article_art(headline="Love in the Big City premieres", section="Film")
    )

    images = Image.objects.all()
    assert {(image.credit, image.licence) for image in images} == {("Marquee demo artwork", "CC0")}


def test_the_sites_own_articles_and_entities_are_left_alone(small_demo: dict[str, Any]) -> None:
    demo_images_add()
    assert Article.objects.get(slug="house-story").image is None
    assert Title.objects.get(slug="goblin").poster is None


def test_running_again_adds_nothing_and_an_image_already_there_stays(
    small_demo: dict[str, Any],
) -> None:
    kim = Person.objects.get(slug="kim-go-eun")
    own = image_add(
        data=person_card(name="An editor's picture"), alt="An editor's picture", credit="Editor"
    )
    person_headshot_set(kim, own)

    assert demo_images_add() == 2 + 4 + 2
    assert demo_images_add() == 0
    assert Image.objects.count() == 1 + 2 + 4 + 2
    kim.refresh_from_db()
    assert kim.headshot_id == own.pk


def test_after_the_demo_loads_every_demo_article_person_and_title_has_an_image(db: None) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    everything = Article.objects.count() + Person.objects.count() + Title.objects.count()

    assert f"images: {everything} added" in out.getvalue().splitlines()
    assert not Article.objects.filter(image__isnull=True).exists()
    assert not Person.objects.filter(headshot__isnull=True).exists()
    assert not Title.objects.filter(poster__isnull=True).exists()
    assert demo_images_add() == 0
    assert Image.objects.count() == everything

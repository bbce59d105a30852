"""Demo artwork: exact sizes, the same bytes every time, text that fits and no empty glyph boxes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from marquee.media import demo_art
from marquee.media.demo_art import (
    ARTICLE_SIZE,
    CARD_SIZE,
    MARK,
    PALETTES,
    POSTER_SIZE,
    POSTER_TITLE_BOX,
    article_art,
    can_draw,
    drawable_text,
    initials,
    layout_text,
    palette_for,
    person_card,
    title_poster,
)

KB = Path(demo_art.__file__).resolve().parents[2] / "demo_content" / "kb.json"
LONG_TITLE = ("The Extraordinary and Unlikely Chronicle of a Very Long Title " * 4)[:200]


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


Box = tuple[float, float, float, float]
DrawnText = tuple[str, Box]


def inside(box: Box, area: Box) -> bool:
    """Whether ``box`` lies in ``area``, give or take the 2 pixels a glyph's side bearing
    may reach past the point it is drawn from ("x" starts 1 pixel left of it)."""
    left, top, right, bottom = box
    return (
        left >= area[0] - 2
        and top >= area[1] - 2
        and right <= area[2] + 2
        and bottom <= area[3] + 2
    )


@pytest.fixture
def drawn_text(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[DrawnText]]:
    """Every string drawn with Pillow, with the box its glyphs cover."""
    drawn: list[DrawnText] = []
    original = ImageDraw.ImageDraw.text

    def recording(self: ImageDraw.ImageDraw, xy: Any, text: Any, *args: Any, **kwargs: Any) -> None:
        box = self.textbbox(xy, text, font=kwargs.get("font"), anchor=kwargs.get("anchor"))
        drawn.append((text, box))
        original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", recording)
    yield drawn


def test_each_kind_of_artwork_is_a_jpeg_of_its_exact_size() -> None:
    cases: list[tuple[bytes, tuple[int, int]]] = [
        (title_poster(title="Exhuma", kind="film", year=2024), POSTER_SIZE),
        (person_card(name="Kim Go-eun", role="Actor"), CARD_SIZE),
        (
            article_art(headline="Exhuma passes ten million admissions", section="Film"),
            ARTICLE_SIZE,
        ),
    ]
    for data, size in cases:
        image = opened(data)
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", size)
    assert (POSTER_SIZE, CARD_SIZE, ARTICLE_SIZE) == ((1000, 1500), (1000, 1250), (1920, 1080))


@pytest.mark.parametrize(
    "make",
    [
        lambda: title_poster(
            title="Love in the Big City",
            kind="film",
            year=2024,
            native_title="대도시의 사랑법",
            credit_line="Directed by E.oni",
        ),
        lambda: person_card(name="Noh Sang-hyun", role="Actor", native_name="노상현"),
        lambda: article_art(headline="Pachinko season two returns", section="Series"),
    ],
)
def test_the_same_input_gives_the_same_bytes(make: Callable[[], bytes]) -> None:
    assert make() == make()


def test_palettes_follow_the_text_and_the_demo_titles_use_most_of_them() -> None:
    names = [title["name"] for title in json.loads(KB.read_text())["titles"]]
    assert palette_for("Exhuma") == palette_for("Exhuma")
    assert len({palette_for(name) for name in names}) >= len(PALETTES) - 2


def test_different_titles_and_people_give_different_images() -> None:
    posters = {
        title_poster(title=name, kind="film", year=2019)
        for name in ("Parasite", "Burning", "Minari", "Oldboy")
    }
    assert len(posters) == 4
    # the book, the film and the series of one story get posters of their own
    assert (
        len({title_poster(title="Pachinko", kind=kind, year=2022) for kind in ("novel", "series")})
        == 2
    )
    assert person_card(name="Gong Yoo") != person_card(name="Bae Suzy")
    assert article_art(headline="One", section="Film") != article_art(
        headline="Two", section="Film"
    )


def test_a_palette_pairs_a_dark_ground_with_light_ink() -> None:
    def luminance(colour: tuple[int, int, int]) -> float:
        def linear(channel: int) -> float:
            value = channel / 255
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (linear(channel) for channel in colour)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    for palette in PALETTES:
        contrast = (luminance(palette.ink) + 0.05) / (luminance(palette.ground) + 0.05)
        assert contrast >= 10, palette.name


def test_a_long_title_is_set_smaller_and_wrapped_inside_its_box() -> None:
    _, _, width, height = POSTER_TITLE_BOX
    short = layout_text("Exhuma", width=width, height=height, largest=150, smallest=40)
    long = layout_text(LONG_TITLE, width=width, height=height, largest=150, smallest=40)
    assert (short.lines, short.size) == (("Exhuma",), 150)
    assert long.size < short.size and len(long.lines) > 1
    assert long.width <= width and long.height <= height
    assert " ".join(long.lines) == " ".join(LONG_TITLE.split())


def test_a_word_wider_than_the_box_is_broken_and_too_much_text_ends_in_an_ellipsis() -> None:
    unbroken = layout_text("A" * 200, width=840, height=330, largest=150, smallest=40)
    assert "".join(unbroken.lines) == "A" * 200
    assert unbroken.width <= 840 and unbroken.height <= 330
    overflowing = layout_text("word " * 400, width=840, height=330, largest=150, smallest=40)
    assert overflowing.size == 40
    assert overflowing.lines[-1].endswith("…")
    assert overflowing.width <= 840 and overflowing.height <= 330


def test_every_text_on_a_poster_with_a_200_character_title_stays_inside_the_margins(
    drawn_text: list[DrawnText],
) -> None:
    image = opened(title_poster(title=LONG_TITLE, kind="series", year=2024, credit_line="x " * 80))
    assert image.size == POSTER_SIZE
    for text, box in drawn_text:
        assert inside(box, (80, 0, 920, 1500)), text
    title_rows = [box for text, box in drawn_text if len(text) > 3 and text in LONG_TITLE]
    assert (
        title_rows
        and max(bottom for _, _, _, bottom in title_rows)
        <= POSTER_TITLE_BOX[1] + POSTER_TITLE_BOX[3]
    )


def test_a_long_name_on_a_card_stays_inside_the_margins(drawn_text: list[DrawnText]) -> None:
    person_card(name="Steve Sanghyun Noh " * 8, role="Translator")
    for text, box in drawn_text:
        assert inside(box, (80, 0, 920, 1250)), text


def test_article_art_keeps_its_text_where_every_crop_keeps_it(drawn_text: list[DrawnText]) -> None:
    """A 2:3 crop around the centre keeps x 600..1320; 1200×630 keeps y 36..1044."""
    article_art(headline="Han Kang wins the Nobel Prize", section="Entertainment news")
    assert [text for text, _ in drawn_text][:2] == ["Entertainment", "news"]
    for text, box in drawn_text:
        assert inside(box, (600, 36, 1320, 1044)), text


def test_what_the_font_cannot_draw_is_reduced_or_left_out() -> None:
    assert (can_draw("A"), can_draw("김"), can_draw("’")) == (True, False, True)
    assert drawable_text("김고은") == ""
    assert drawable_text("Amélie — Crème brûlée") == "Amelie - Creme brulee"
    assert drawable_text("Love in the Big City (대도시의 사랑법)") == "Love in the Big City"
    assert drawable_text("유미의 세포들 2", whole=True) == ""
    assert drawable_text("Zoë", whole=True) == "Zoe"


def test_initials_come_from_the_first_and_last_drawable_words() -> None:
    assert [
        initials(name) for name in ("Kim Go-eun", "miss A", "GOT7", "김고은", "Park (박) Jin-young")
    ] == [
        "KG",
        "MA",
        "G",
        "",
        "PJ",
    ]


def test_hangul_only_text_draws_nothing_but_the_mark(drawn_text: list[DrawnText]) -> None:
    image = opened(person_card(name="김고은", role="배우", native_name="김고은"))
    assert image.size == CARD_SIZE
    assert "".join(text for text, _ in drawn_text) == MARK.upper().replace(" ", "")


def test_no_character_the_font_lacks_is_ever_drawn(drawn_text: list[DrawnText]) -> None:
    title_poster(title="기생충 Parasite", kind="film", year=2019, native_title="기생충")
    title_poster(
        title="Amélie", kind="série", year=None, native_title="Le Fabuleux Destin d’Amélie"
    )
    person_card(name="Zoë Kravitz", role="Actor", native_name="조이")
    article_art(headline="한강", section="Livres — critiques")
    assert drawn_text
    assert all(can_draw(character) for text, _ in drawn_text for character in text)

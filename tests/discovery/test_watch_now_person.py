"""Watch Now on person pages: the person's works, labelled with their role, newest first."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from marquee.catalog.kb_format import parse_document
from marquee.catalog.selectors import person_detail
from marquee.catalog.services import kb_import
from marquee.discovery.selectors.watch_now import PERSON_WATCH_LIMIT, watch_now_for_person

pytestmark = pytest.mark.django_db


def box_for(slug: str, region: str) -> Any:
    return watch_now_for_person(person_detail(slug), region=region, language="en")


def page(client: Client, slug: str, region: str) -> str:
    client.cookies["marquee_region"] = region
    return client.get(f"/people/{slug}/").content.decode()


def prolific(works: int) -> None:
    """A director with ``works`` films, all on Viki in the US; the last has no year."""
    kb_import(
        document=parse_document(
            {
                "format": "marquee-kb/1",
                "people": [{"id": "prolific", "name": "Prolific Director"}],
                "titles": [
                    {"id": f"work-{n}", "name": f"Work {n}", "year": 2001 + n}
                    if n < works - 1 else {"id": f"work-{n}", "name": f"Work {n}"}
                    for n in range(works)
                ],
                "credits": [
                    {"person": "prolific", "title": f"work-{n}", "role": "director"}
                    for n in range(works)
                ],
                "availability": [
                    {"title": f"work-{n}", "platform": "viki", "regions": ["US"]}
                    for n in range(works)
                ],
            }
        )
    )  # fmt: skip


def test_works_offered_in_the_region_with_the_role(client: Client, small_kb: object) -> None:
    us = box_for("kim-go-eun", "US")
    # Goblin is not offered in the US: only the film, as the character played.
    assert [(i.title.slug, i.role, i.role_label) for i in us.mentioned] == [
        ("love-in-the-big-city-film", "actor", "as Goo Jae-hee")
    ]
    assert us.mentioned[0].offers[0].url == (
        "https://www.viki.com/?utm_source=marquee&utm_medium=watch_now&utm_content=kim-go-eun"
    )
    assert [i.title.slug for i in box_for("kim-go-eun", "JP").mentioned] == ["goblin"]
    html = page(client, "kim-go-eun", "US")
    assert 'Watch now <span class="watch-now__region">in United States</span>' in html
    assert (
        '<a href="/titles/love-in-the-big-city-film/"><cite>Love in the Big City</cite></a> '
        '<span class="meta">film, 2024</span> <span class="watch-title__role">as Goo Jae-hee</span>'
    ) in html
    assert "utm_content=kim-go-eun" in html


def test_makers_are_labelled_with_their_role(client: Client, small_kb: object) -> None:
    assert '<span class="watch-title__role">Director</span>' in page(client, "lee-eon-hee", "CA")


def test_nothing_in_the_region_names_where_the_works_are(small_kb: object) -> None:
    box = box_for("kim-go-eun", "GB")
    assert [(i.title.slug, [code for code, _ in i.elsewhere]) for i in box.mentioned] == [
        ("love-in-the-big-city-film", ["CA", "US"]),  # newest first
        ("goblin", ["JP", "KR"]),
    ]


def test_no_box_when_no_work_is_offered(client: Client, small_kb: object) -> None:
    assert box_for("park-sang-young", "US") is None  # his novel is offered nowhere
    assert 'id="watch-now-heading"' not in page(client, "park-sang-young", "US")
    # The follow button is still there.
    assert "to follow Park Sang-young" in page(client, "park-sang-young", "US")


def test_a_capped_list_newest_first_with_the_rest_in_the_filmography(
    client: Client, small_kb: object
) -> None:
    prolific(9)
    box = box_for("prolific", "US")
    # work-8 has no year: it comes last, whatever the database does with nulls.
    assert [i.title.slug for i in box.mentioned] == [
        "work-7", "work-6", "work-5", "work-4", "work-3", "work-2"
    ]  # fmt: skip
    assert len(box.mentioned) == PERSON_WATCH_LIMIT and box.more == 3
    html = page(client, "prolific", "US")
    assert '<a href="#filmography-heading">3 more in the filmography</a>' in html
    assert '<h2 id="filmography-heading">Filmography</h2>' in html
    assert '<a href="/titles/work-0/"><cite>Work 0</cite></a>' in html  # in the filmography


def test_the_person_page_box_costs_one_query(
    client: Client, small_kb: object, django_assert_num_queries: Any
) -> None:
    # person, aliases, credits (titles, posters, characters), articles, offers of the works
    with django_assert_num_queries(5):
        page(client, "kim-go-eun", "US")
    prolific(30)
    with django_assert_num_queries(5):
        html = page(client, "prolific", "US")
    assert html.count('class="watch-title"') == PERSON_WATCH_LIMIT
    kb_import(
        document=parse_document(
            {"format": "marquee-kb/1", "people": [{"id": "newcomer", "name": "Newcomer"}]}
        )
    )
    with django_assert_num_queries(4):  # no credits: no offers to read
        page(client, "newcomer", "US")

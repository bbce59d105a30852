"""The catalog's actions: what each writes, and what follows after commit (linker, search)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from marquee.catalog import services
from marquee.catalog import tasks as catalog_tasks
from marquee.catalog.kb_format import parse_document
from marquee.catalog.models import (
    AliasKind,
    Availability,
    Character,
    Credit,
    Person,
    PersonAlias,
    Platform,
    Role,
    Title,
    TitleAlias,
)
from marquee.catalog.services import InlineChanges
from marquee.discovery import selectors as discovery_selectors
from marquee.discovery.services.search_index import search_index_rebuild
from marquee.linking import index
from marquee.web.pagecache import pages_changed
from tests.conftest import jobs_queued, make_article

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def follow_ups(callbacks: list[Callable[[], None]]) -> list[dict[str, Any]]:
    """The people and titles each queued ``knowledge_base_changed`` job names (and the
    articles to link again, when there are any)."""
    return [
        {"people": people, "titles": titles, **({"articles": articles} if articles else {})}
        for people, titles, articles in jobs_queued(callbacks, catalog_tasks.knowledge_base_changed)
    ]


def found_in_search(text: str) -> list[tuple[str, str]]:
    return [(r.kind, str(r.obj)) for r in discovery_selectors.search(text).results]


def test_person_save_tells_linker_and_search_once(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    linker = index.current_linker()
    noh = Person.objects.get(slug="noh-sang-hyun")
    noh.name = "Noh Sang-hyun"
    new_alias = PersonAlias(person=noh, name="Sanghyun the Great", kind=AliasKind.STAGE_NAME)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.person_save(person=noh, aliases=InlineChanges(saved=[new_alias]))
    assert follow_ups(callbacks) == [
        {"people": ["noh-sang-hyun"], "titles": ["love-in-the-big-city-film"]}
    ]
    assert index.current_linker() is linker  # updated in place, no rebuild
    assert linker.link("Sanghyun the Great arrived.").entity("noh-sang-hyun") is not None
    assert found_in_search("Sanghyun the Great") == [("person", "Noh Sang-hyun")]


def test_a_new_person_with_aliases_is_saved_whole(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    person = Person(slug="iu", name="Lee Ji-eun", native_name="이지은")
    alias = PersonAlias(person=person, name="IU", kind=AliasKind.STAGE_NAME)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.person_save(person=person, aliases=InlineChanges(saved=[alias]))
    assert list(Person.objects.get(slug="iu").aliases.values_list("name", flat=True)) == ["IU"]
    assert follow_ups(callbacks) == [{"people": ["iu"], "titles": []}]
    assert index.current_linker().link("IU sang.").entity("iu") is not None
    assert found_in_search("IU") == [("person", "Lee Ji-eun")]


def test_a_changed_slug_leaves_the_linker_under_the_old_one(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    linker = index.current_linker()
    noh = Person.objects.get(slug="noh-sang-hyun")
    noh.slug = "roh-sang-hyun"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.person_save(person=noh)
    assert follow_ups(callbacks)[0]["people"] == ["noh-sang-hyun", "roh-sang-hyun"]
    assert index.current_linker() is linker  # caught up in place
    found = linker.link("Steve Noh smiled.")
    assert found.entity("roh-sang-hyun") is not None
    assert found.entity("noh-sang-hyun") is None


def test_removed_inline_rows_are_deleted(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    noh = Person.objects.get(slug="noh-sang-hyun")
    credit = Credit.objects.get(person=noh)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.person_save(
            person=noh,
            aliases=InlineChanges(deleted=list(noh.aliases.all())),
            credits=InlineChanges(deleted=[credit]),
        )
    assert not noh.aliases.exists() and not noh.credits.exists()
    # The title it was credited in is relearned too, though the credit is gone.
    assert follow_ups(callbacks) == [
        {"people": ["noh-sang-hyun"], "titles": ["love-in-the-big-city-film"]}
    ]
    linker = index.current_linker()
    assert linker.link("Steve Noh smiled.").entity("noh-sang-hyun") is None
    credited = {c.person for c in linker.credits_of_title("love-in-the-big-city-film")}
    assert credited == {"kim-go-eun", "lee-eon-hee"}


def test_person_delete_drops_the_person_and_relearns_its_titles(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    linker = index.current_linker()
    noh = Person.objects.get(slug="noh-sang-hyun")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.person_delete(people=[noh])
    assert not Person.objects.filter(slug="noh-sang-hyun").exists()
    assert follow_ups(callbacks) == [
        {"people": ["noh-sang-hyun"], "titles": ["love-in-the-big-city-film"]}
    ]
    assert index.current_linker() is linker  # caught up in place
    assert linker.link("Steve Noh smiled.").entity("noh-sang-hyun") is None
    assert [c.person for c in linker.credits_of_title("love-in-the-big-city-film")] == [
        "kim-go-eun",
        "lee-eon-hee",
    ]


def test_title_save_with_aliases_credits_and_offers(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    title = Title(slug="exhuma", name="Exhuma", kind="film", year=2024)
    park = Person.objects.get(slug="park-sang-young")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.title_save(
            title=title,
            aliases=InlineChanges(saved=[TitleAlias(title=title, name="Pamyo")]),
            credits=InlineChanges(saved=[Credit(title=title, person=park, role=Role.WRITER)]),
            availability=InlineChanges(
                saved=[
                    Availability(
                        title=title, platform=Platform.objects.get(slug="viki"), regions=["US"]
                    )
                ]
            ),
        )
    assert Availability.objects.get(title__slug="exhuma").regions == ["US"]
    assert follow_ups(callbacks) == [{"people": ["park-sang-young"], "titles": ["exhuma"]}]
    linker = index.current_linker()
    assert linker.link("Pamyo opened.").entity("exhuma") is not None
    assert [c.person for c in linker.credits_of_title("exhuma")] == ["park-sang-young"]
    assert found_in_search("Pamyo") == [("title", "Exhuma (2024)")]


def test_title_delete_relearns_the_people_credited(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.title_delete(titles=Title.objects.filter(slug="goblin"))
    assert not Character.objects.filter(name="Ji Eun-tak").exists()
    assert follow_ups(callbacks) == [{"people": ["kim-go-eun"], "titles": ["goblin"]}]
    linker = index.current_linker()
    assert linker.link("Goblin returns.").entity("goblin") is None
    assert [c.title for c in linker.credits_of_person("kim-go-eun")] == [
        "love-in-the-big-city-film"
    ]


def test_character_save_relearns_its_title(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    character = Character.objects.get(name="Ji Eun-tak")
    character.aliases = ["Eun-tak"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.character_save(character=character)
    assert follow_ups(callbacks) == [{"people": [], "titles": ["goblin"]}]
    [credit] = index.current_linker().credits_of_title("goblin")
    assert (credit.character, credit.character_aliases) == ("Ji Eun-tak", ("Eun-tak",))


def test_character_delete_removes_the_credits_playing_it(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.character_delete(characters=Character.objects.filter(name="Ji Eun-tak"))
    assert not Credit.objects.filter(title__slug="goblin").exists()
    assert follow_ups(callbacks) == [{"people": ["kim-go-eun"], "titles": ["goblin"]}]
    assert index.current_linker().credits_of_title("goblin") == []


def test_credit_save_names_the_old_and_the_new_title(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    credit = Credit.objects.get(person__slug="lee-eon-hee")
    credit.title = Title.objects.get(slug="goblin")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.credit_save(credit=credit)
    assert follow_ups(callbacks) == [
        {"people": ["lee-eon-hee"], "titles": ["goblin", "love-in-the-big-city-film"]}
    ]
    linker = index.current_linker()
    assert "lee-eon-hee" in {c.person for c in linker.credits_of_title("goblin")}
    assert "lee-eon-hee" not in {
        c.person for c in linker.credits_of_title("love-in-the-big-city-film")
    }


def test_credit_delete(small_kb: Any, django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.credit_delete(credits=Credit.objects.filter(title__slug="goblin"))
    assert follow_ups(callbacks) == [{"people": ["kim-go-eun"], "titles": ["goblin"]}]
    assert index.current_linker().credits_of_title("goblin") == []


def test_platforms_and_offers_refresh_the_stored_pages_and_nothing_else(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    """No one watches Goblin: no alerts job; each change only marks the stored pages stale."""
    goblin = Title.objects.get(slug="goblin")
    with django_capture_on_commit_callbacks() as callbacks:
        tving = services.platform_save(platform=Platform(slug="tving", name="TVING"))
        offer = services.availability_save(
            offer=Availability(title=goblin, platform=tving, regions=["KR"])
        )
        assert list(goblin.availability.values_list("platform__slug", flat=True)) == [
            "netflix",
            "tving",
        ]
        services.availability_delete(offers=[offer])
        services.platform_delete(platforms=Platform.objects.filter(slug="netflix"))
    assert callbacks == [pages_changed] * 4
    assert not goblin.availability.exists()
    assert list(Platform.objects.values_list("slug", flat=True)) == ["tving", "viki"]


def test_an_import_refreshes_everything_after_commit(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    linker = index.current_linker()
    document = parse_document(
        {"format": "marquee-kb/1", "people": [{"id": "iu", "name": "Lee Ji-eun"}]}
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.kb_import(document=document)
    assert follow_ups(callbacks) == [{"people": None, "titles": None}]
    assert index.current_linker() is not linker  # rebuilt
    # Every person and title is indexed for search, not only the imported one.
    assert found_in_search("Lee Ji-eun") == [("person", "Lee Ji-eun")]
    assert found_in_search("Goblin") == [("title", "Guardian: The Lonely and Great God (2016)")]


def test_an_import_that_changes_nothing_has_nothing_to_follow(
    small_kb: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    # ``small_kb`` ran no after-commit work: index it, or the import would repair the index.
    search_index_rebuild()
    with django_capture_on_commit_callbacks() as callbacks:
        services.kb_import(document=parse_document(small_kb))
    assert callbacks == []


def test_deleting_a_person_removes_their_links_from_articles(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("premiere", body="Kim Go-eun and Steve Noh arrived.")
    article.refresh_from_db()
    assert 'href="/people/noh-sang-hyun/"' in article.body_html
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.person_delete(people=Person.objects.filter(slug="noh-sang-hyun"))
    assert follow_ups(callbacks)[0]["articles"] == [article.pk]
    article.refresh_from_db()
    assert 'href="/people/noh-sang-hyun/"' not in article.body_html
    assert 'href="/people/kim-go-eun/"' in article.body_html


def test_a_new_address_is_followed_by_the_articles_linking_it(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("rewatch", body="Kim Go-eun starred in Goblin in 2016.")
    article.refresh_from_db()
    assert 'href="/titles/goblin/"' in article.body_html
    series = Title.objects.get(slug="goblin")
    series.slug = "guardian-the-lonely-and-great-god"
    with django_capture_on_commit_callbacks(execute=True):
        services.title_save(title=series)
    article.refresh_from_db()
    assert 'href="/titles/guardian-the-lonely-and-great-god/"' in article.body_html
    assert "/titles/goblin/" not in article.body_html


def test_a_renamed_person_at_the_same_address_relinks_no_article(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        make_article("premiere", body="Kim Go-eun arrived.")
    kim = Person.objects.get(slug="kim-go-eun")
    kim.bio = "Actress."
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.person_save(person=kim)
    assert "articles" not in follow_ups(callbacks)[0]  # none to link again

"""The editors' admin over the knowledge graph and the newsroom."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from marquee.catalog import tasks as catalog_tasks
from marquee.catalog.models import Character, Credit, Person, Platform, Title
from marquee.discovery import selectors as discovery_selectors
from marquee.linking import index
from marquee.newsroom.models import Article, ArticleStatus
from tests.conftest import jobs_queued, make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/catalog/person/?q=Steve+Noh", "Noh Sang-hyun"),
        ("/admin/catalog/person/?q=%EA%B9%80%EA%B3%A0%EC%9D%80", "Kim Go-eun"),
        ("/admin/catalog/title/?q=Goblin", "Guardian: The Lonely and Great God"),
        ("/admin/catalog/title/?kind__exact=novel", "love-in-the-big-city-novel"),
        ("/admin/catalog/credit/?q=Jae-hee", "Goo Jae-hee"),
    ],
)
def test_admin_search_and_filters(
    small_kb: Any, admin_client: Client, url: str, expected: str
) -> None:
    response = admin_client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_availability_filtered_by_platform(small_kb: Any, admin_client: Client) -> None:
    viki = Platform.objects.get(slug="viki")
    html = admin_client.get(f"/admin/catalog/availability/?platform__id__exact={viki.pk}").content
    assert "Love in the Big City" in html.decode()
    assert "Guardian" not in html.decode()  # Goblin is only on Netflix


def test_admin_change_pages_render(small_kb: Any, admin_client: Client) -> None:
    noh = Person.objects.get(slug="noh-sang-hyun")
    assert admin_client.get(f"/admin/catalog/person/{noh.pk}/change/").status_code == 200
    assert admin_client.get("/admin/catalog/title/add/").status_code == 200


def management_form(prefix: str, *, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


def search_results(text: str) -> list[tuple[str, str]]:
    return [(r.kind, str(r.obj)) for r in discovery_selectors.search(text).results]


def test_editing_a_person_in_the_admin_updates_the_linker_and_search(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    linker = index.current_linker()
    noh = Person.objects.get(slug="noh-sang-hyun")
    form = {
        "slug": noh.slug, "name": "Noh Sang-hyeon", "native_name": noh.native_name,
        "kind": "person", "born": "1990-03-12", "bio": "",
        **management_form("aliases", total=2, initial=1),
        "aliases-0-id": str(noh.aliases.get().pk), "aliases-0-person": str(noh.pk),
        "aliases-0-name": "Steve Noh", "aliases-0-kind": "english_name", "aliases-0-position": "0",
        "aliases-1-person": str(noh.pk), "aliases-1-name": "Sanghyun the Great",
        "aliases-1-kind": "stage_name", "aliases-1-position": "1",
        **management_form("credits", total=0),
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(f"/admin/catalog/person/{noh.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    # the person and its inlines: one action, one follow-up
    assert len(jobs_queued(callbacks, catalog_tasks.knowledge_base_changed)) == 1
    assert Person.objects.get(pk=noh.pk).name == "Noh Sang-hyeon"
    assert index.current_linker() is linker
    assert linker.link("Sanghyun the Great arrived.").entity("noh-sang-hyun") is not None
    assert search_results("Sanghyun the Great") == [("person", "Noh Sang-hyeon")]


def test_adding_a_title_with_inlines_in_the_admin(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    park = Person.objects.get(slug="park-sang-young")
    viki = Platform.objects.get(slug="viki")
    form = {
        "slug": "exhuma", "name": "Exhuma", "native_name": "", "kind": "film", "year": "2024",
        "based_on": "", "synopsis": "",
        **management_form("aliases", total=1),
        "aliases-0-name": "Pamyo", "aliases-0-kind": "other_title", "aliases-0-position": "0",
        **management_form("credits", total=1),
        "credits-0-person": str(park.pk), "credits-0-role": "writer", "credits-0-character": "",
        "credits-0-order": "",
        **management_form("availability", total=1),
        "availability-0-platform": str(viki.pk), "availability-0-regions": '["US"]',
        "availability-0-offer_type": "free", "availability-0-subtitles": "[]",
        "availability-0-audio": "[]", "availability-0-url": "viki.com/tv/exhuma",
        "availability-0-until": "",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post("/admin/catalog/title/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(jobs_queued(callbacks, catalog_tasks.knowledge_base_changed)) == 1
    exhuma = Title.objects.get(slug="exhuma")
    assert list(exhuma.aliases.values_list("name", flat=True)) == ["Pamyo"]
    assert list(exhuma.credits.values_list("person__slug", "role")) == [
        ("park-sang-young", "writer")
    ]
    assert exhuma.availability.get().url == "https://viki.com/tv/exhuma"
    assert index.current_linker().link("Pamyo opened.").entity("exhuma") is not None
    assert search_results("Pamyo") == [("title", "Exhuma (2024)")]


def test_deleting_a_person_in_the_admin_updates_the_linker(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    noh = Person.objects.get(slug="noh-sang-hyun")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(f"/admin/catalog/person/{noh.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert len(jobs_queued(callbacks, catalog_tasks.knowledge_base_changed)) == 1
    assert not Person.objects.filter(slug="noh-sang-hyun").exists()
    assert index.current_linker().link("Steve Noh smiled.").entity("noh-sang-hyun") is None


def test_deleting_selected_credits_in_the_admin(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    goblin_credits = list(Credit.objects.filter(title__slug="goblin").values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(
            "/admin/catalog/credit/",
            {"action": "delete_selected", "_selected_action": goblin_credits, "post": "yes"},
        )
    assert response.status_code == 302
    assert len(jobs_queued(callbacks, catalog_tasks.knowledge_base_changed)) == 1
    assert not Credit.objects.filter(title__slug="goblin").exists()
    assert index.current_linker().credits_of_title("goblin") == []


def test_editing_a_character_in_the_admin(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    character = Character.objects.get(name="Ji Eun-tak")
    form = {"name": "Ji Eun-tak", "title": str(character.title_id), "aliases": '["Eun-tak"]'}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(f"/admin/catalog/character/{character.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(jobs_queued(callbacks, catalog_tasks.knowledge_base_changed)) == 1
    [credit] = index.current_linker().credits_of_title("goblin")
    assert credit.character_aliases == ("Eun-tak",)


def test_adding_a_platform_in_the_admin(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/catalog/platform/add/", {"slug": "tving", "name": "TVING", "url": "tving.com"}
    )
    assert response.status_code == 302
    assert Platform.objects.get(slug="tving").url == "https://tving.com"


def test_a_platform_search_url_in_the_admin(admin_client: Client) -> None:
    form = {"slug": "viki", "name": "Viki", "url": "https://www.viki.com"}
    response = admin_client.post(
        "/admin/catalog/platform/add/", {**form, "search_url": "https://www.viki.com/search"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert (
        "The search address must contain {title}, where the title&#x27;s name goes."
        in response.content.decode()
    )
    assert not Platform.objects.exists()
    response = admin_client.post(
        "/admin/catalog/platform/add/",
        {**form, "search_url": "https://www.viki.com/search?q={title}"},
    )
    assert response.status_code == 302
    viki = Platform.objects.get(slug="viki")
    assert viki.search_link("Love in the Big City") == (
        "https://www.viki.com/search?q=Love%20in%20the%20Big%20City"
    )


@pytest.mark.parametrize(
    ("episodes", "error"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("10001", "Ensure this value is less than or equal to 10000."),
    ],
)
def test_episodes_in_the_admin_are_held_to_their_bounds(
    admin_client: Client, episodes: str, error: str
) -> None:
    form = {
        "slug": "goblin", "name": "Goblin", "native_name": "", "kind": "series", "year": "2016",
        "episodes": episodes, "based_on": "", "synopsis": "",
        **management_form("aliases", total=0), **management_form("credits", total=0),
        **management_form("availability", total=0),
    }  # fmt: skip
    response = admin_client.post("/admin/catalog/title/add/", form)
    assert response.status_code == 200 and error in response.content.decode()
    response = admin_client.post("/admin/catalog/title/add/", {**form, "episodes": "16"})
    assert response.status_code == 302
    assert Title.objects.get(slug="goblin").episodes == 16


def test_publish_action(admin_client: Client) -> None:
    draft = make_article("draft", status=ArticleStatus.DRAFT)
    admin_client.post(
        "/admin/newsroom/article/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED and draft.published_at is not None
    assert Article.objects.published().filter(slug="draft").exists()


def test_article_admin_save_renders_markdown(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/newsroom/article/add/",
        {
            "title": "Hello", "slug": "hello", "dek": "", "author": "Ed", "body": "*Hi* <b>x</b>",
            "status": "published", "published_at_0": "2024-10-01", "published_at_1": "09:00:00",
            "trailer_url": "",
            "sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0",
            "sources-MIN_NUM_FORMS": "0", "sources-MAX_NUM_FORMS": "1000",
            "entities-TOTAL_FORMS": "0", "entities-INITIAL_FORMS": "0",
            "entities-MIN_NUM_FORMS": "0", "entities-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (
        Article.objects.get(slug="hello").body_html == "<p><em>Hi</em> &lt;b&gt;x&lt;/b&gt;</p>\n"
    )

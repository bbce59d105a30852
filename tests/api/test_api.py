"""The API as a whole: OpenAPI document, docs page, error bodies, and the demo content."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from marquee.catalog.models import Person, Title
from marquee.newsroom.models import Article
from tests.api.conftest import error, get_json

PATHS = {
    "/api/v1/articles",
    "/api/v1/articles/{slug}",
    "/api/v1/articles/{slug}/similar",
    "/api/v1/articles/{slug}/watch-now",
    "/api/v1/people/{id}",
    "/api/v1/titles/{id}",
    "/api/v1/search",
    "/api/v1/me/watchlist",
    "/api/v1/me/notifications",
    "/api/v1/me/notifications/read",
}
UNKNOWN = error("not_found", "No API endpoint at this path; see /api/v1/openapi.json.")


def test_openapi_document_lists_every_endpoint(client: Client) -> None:
    document = get_json(client, "/api/v1/openapi.json")
    assert document["openapi"].startswith("3.")
    assert (document["info"]["title"], document["info"]["version"]) == ("Marquee API", "1")
    assert set(document["paths"]) == PATHS
    operations = {
        path: {method: operation["operationId"] for method, operation in item.items()}
        for path, item in document["paths"].items()
    }
    assert operations == {
        "/api/v1/articles": {"get": "article_list"},
        "/api/v1/articles/{slug}": {"get": "article_detail"},
        "/api/v1/articles/{slug}/similar": {"get": "article_similar"},
        "/api/v1/articles/{slug}/watch-now": {"get": "article_watch_now"},
        "/api/v1/people/{id}": {"get": "person_detail"},
        "/api/v1/titles/{id}": {"get": "title_detail"},
        "/api/v1/search": {"get": "search"},
        "/api/v1/me/watchlist": {"get": "my_watchlist", "post": "my_watchlist_set"},
        "/api/v1/me/notifications": {"get": "my_notifications"},
        "/api/v1/me/notifications/read": {"post": "my_notifications_read"},
    }
    article = document["paths"]["/api/v1/articles/{slug}"]["get"]["responses"]
    assert article["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    listing = document["paths"]["/api/v1/articles"]["get"]
    assert [p["name"] for p in listing["parameters"]] == ["page", "limit", "tag", "person", "title"]
    assert document["components"]["schemas"]["TitleKind"]["enum"] == [
        "film", "series", "novel", "webtoon", "song", "album", "show",
    ]  # fmt: skip


def test_docs_page_uses_bundled_files_not_a_cdn(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js"></script>' in html
    assert '<link type="text/css" rel="stylesheet" href="/static/ninja/swagger-ui.css">' in html
    assert '"url": "/api/v1/openapi.json"' in html
    assert "cdn" not in html.lower() and "https://" not in html
    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(name), name


@pytest.mark.parametrize(
    "path", ["/api/v1/", "/api/v1/nothing", "/api/v1/articles/", "/api/v1/people/", "/api/v2/x"]
)
def test_unknown_paths_answer_the_error_body(client: Client, path: str) -> None:
    if path.startswith("/api/v2/"):  # outside the API: the site's own 404 page
        assert client.get(path).status_code == 404
        return
    assert get_json(client, path, 404) == UNKNOWN


def test_the_api_is_read_only(client: Client) -> None:
    assert client.post("/api/v1/articles", {}).status_code == 405


@pytest.mark.django_db
def test_unexpected_errors_answer_the_error_body(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(slug: str) -> Person:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("marquee.catalog.selectors.person_detail", broken)
    client = Client(raise_request_exception=False)
    assert get_json(client, "/api/v1/people/kim-go-eun", 500) == error(
        "server_error", "Internal server error."
    )
    # Django's listeners still hear of it: the test client re-raises by default.
    with pytest.raises(RuntimeError, match="the database went away"):
        Client().get("/api/v1/people/kim-go-eun")


@pytest.mark.django_db(transaction=True)
def test_demo_content_through_the_api(transactional_db: None, client: Client) -> None:
    """Loaded for real (linking and Similar Articles after commit): every article, person and
    title answers, and Similar Articles match the command."""
    call_command("demo", stdout=StringIO())
    listed = get_json(client, "/api/v1/articles?limit=100")["results"]
    assert len(listed) == Article.objects.published().count() >= 15
    for summary in listed:
        slug = summary["slug"]
        article = get_json(client, f"/api/v1/articles/{slug}")
        assert {key: article[key] for key in summary} == summary
        out = StringIO()
        call_command("similar", slug, "--json", stdout=out)
        assert get_json(client, f"/api/v1/articles/{slug}/similar") == json.loads(out.getvalue())
        get_json(client, f"/api/v1/articles/{slug}/watch-now?region=US")
    tiff = get_json(client, "/api/v1/articles/tiff-2024-kim-go-eun-steve-noh-love-in-the-big-city")
    assert {"type": "person", "id": "noh-sang-hyun", "name": "Noh Sang-hyun",
            "url": "/people/noh-sang-hyun/", "title": None} in tiff["entities"]  # fmt: skip
    for slug in Person.objects.values_list("slug", flat=True):
        assert get_json(client, f"/api/v1/people/{slug}")["id"] == slug
    for slug in Title.objects.values_list("slug", flat=True):
        assert get_json(client, f"/api/v1/titles/{slug}")["id"] == slug
    found = get_json(client, "/api/v1/search?q=Steve%20Sanghyun%20Noh")["results"]
    assert (found[0]["kind"], found[0]["id"]) == ("person", "noh-sang-hyun")
    assert any(result["kind"] == "article" for result in found)

"""Where an image is shown, and deleting one that article text shows (refused, with the places
named) or that is only a lead image, headshot or poster (the placeholder takes its place)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from marquee.catalog.models import Person, Title
from marquee.catalog.services.pictures import person_headshot_set, title_poster_set
from marquee.media.errors import ImageInUse
from marquee.media.models import Image
from marquee.media.selectors import ImageUse, image_uses
from marquee.media.services import image_add, image_delete
from marquee.newsroom import services as newsroom
from marquee.newsroom.article_format import ArticleInput
from tests.conftest import edit_body, make_article
from tests.media.pictures import image_bytes

pytestmark = pytest.mark.django_db


def add(alt: str) -> Image:
    return image_add(data=image_bytes(), alt=alt, credit="Marquee tests")


def editor() -> User:
    user = User.objects.create_user("editor", email="editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_every_use_is_found_and_image_1_is_not_image_12(small_kb: Any) -> None:
    poster, other = add("Poster"), add("Other")
    similar = Image.objects.create(
        file=other.file.name, width=1, height=1, format="png", alt="Id of ten times", credit="x",
        pk=poster.pk * 10 + 2,
    )  # fmt: skip  # an id whose digits start with the poster's
    lead = make_article("lead", title="Lead story")
    newsroom.article_image_set(lead, poster)
    make_article("inline", title="Inline story", body=f"Text.\n\n![A poster](image:{poster.pk})")
    make_article("near-miss", title="Near miss", body=f"![x](image:{similar.pk})")
    live = make_article("redrafted", title="Redrafted story", body="No image yet.")
    edit_body(live, f'Now ![with it]( image:{poster.pk} "a title" )', by=editor())
    title_poster_set(Title.objects.get(slug="love-in-the-big-city-film"), poster)
    person_headshot_set(Person.objects.get(slug="kim-go-eun"), poster)

    uses = image_uses([poster.pk, other.pk, similar.pk])

    assert [(use.how, use.name, use.url) for use in uses[poster.pk]] == [
        ("in the text of", "Inline story", "/articles/inline/"),
        ("in the draft of", "Redrafted story", "/articles/redrafted/"),
        ("lead image of", "Lead story", "/articles/lead/"),
        ("headshot of", "Kim Go-eun", "/people/kim-go-eun/"),
        ("poster of", "Love in the Big City", "/titles/love-in-the-big-city-film/"),
    ]
    assert [str(use) for use in uses[similar.pk]] == ["in the text of “Near miss”"]
    assert other.pk not in uses


def test_deleting_an_image_shown_in_text_is_refused_and_names_the_places() -> None:
    image = add("Red carpet")
    make_article("premiere", title="The premiere", body=f"![Arrivals](image:{image.pk})")
    with pytest.raises(ImageInUse) as refused:
        image_delete([image])
    assert str(refused.value) == (
        f"Not deleted: image {image.pk} (“Red carpet”) is shown in the text of “The premiere”. "
        "Remove it from the text first (the ![…](image:ID) line), where a draft shows it, "
        "from the draft."
    )
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_old_revision_does_not_hold_an_image_back() -> None:
    image = add("Once shown")
    article = make_article("changed", body=f"![x](image:{image.pk})", status="draft")
    newsroom.article_update(
        article=article,
        article_input=ArticleInput(title=article.title, slug=article.slug, body="No image now."),
        status="draft",
    )
    assert article.revisions.filter(body__contains=f"image:{image.pk}").exists()
    image_delete([image])
    assert not Image.objects.exists()


def test_a_lead_image_is_deleted_and_its_article_shows_the_placeholder() -> None:
    image = add("Lead")
    article = newsroom.article_image_set(make_article("pictured"), image)
    image_delete([image])
    article.refresh_from_db()
    assert article.image_id is None and not Image.objects.exists()


def admin_page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_admin_shows_the_uses_and_refuses_to_delete_an_image_in_text(
    admin_client: Client,
) -> None:
    image = add("Red carpet")
    make_article("premiere", title="The premiere", body=f"![Arrivals](image:{image.pk})")
    newsroom.article_image_set(make_article("lead", title="Lead story"), image)

    change = admin_page(admin_client, f"/admin/media/image/{image.pk}/change/")
    assert (
        '<li>in the text of “<a href="/articles/premiere/">The premiere</a>”</li>'
        '<li>lead image of “<a href="/articles/lead/">Lead story</a>”</li>'
    ) in change

    confirm = admin_page(admin_client, f"/admin/media/image/{image.pk}/delete/")
    assert "cannot be deleted: article text shows it" in confirm
    assert (
        f"Image {image.pk} (“Red carpet”) is shown in the text of "
        '“<a href="/articles/premiere/">The premiere</a>”: remove it there first'
    ) in confirm
    assert "Yes, I’m sure" not in confirm
    admin_client.post(f"/admin/media/image/{image.pk}/delete/", {"post": "yes"})
    bulk = admin_client.post(
        "/admin/media/image/",
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )
    assert bulk.status_code == 200 and "remove it there first" in bulk.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_admin_lists_the_placeholders_then_deletes(admin_client: Client) -> None:
    image = add("Lead")
    newsroom.article_image_set(make_article("lead", title="Lead story"), image)
    confirm = admin_page(admin_client, f"/admin/media/image/{image.pk}/delete/")
    assert (
        "These will show their placeholder instead of the image:</p>\n"
        '    <ul id="placeholder-uses"><li>lead image of “<a href="/articles/lead/">Lead story'
        "</a>”</li></ul>"
    ) in confirm
    response = admin_client.post(f"/admin/media/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()


def test_an_image_use_reads_as_a_phrase() -> None:
    use = ImageUse("poster of", "Exhuma", "/titles/exhuma/")
    assert (str(use), use.in_text) == ("poster of “Exhuma”", False)

"""The media library in the admin, and the pictures on person and title pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from marquee.catalog import services as catalog_services
from marquee.catalog.models import Person, Title
from marquee.media.models import Image
from marquee.media.services import image_add
from tests.media.pictures import halves, image_bytes

pytestmark = pytest.mark.django_db


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def upload_form(data: bytes, name: str = "photo.jpg", **fields: Any) -> dict[str, Any]:
    return {
        "upload": SimpleUploadedFile(name, data),
        "alt": "Kim Go-eun at a press event",
        "credit": "Agency Photo",
        "caption": "",
        "source_url": "",
        "licence": "",
        "focal_x": "0.5",
        "focal_y": "0.4",
        **fields,
    }


def test_admin_upload_stores_the_image_with_the_uploader(
    admin_client: Client, admin_user: Any
) -> None:
    response = admin_client.post("/admin/media/image/add/", upload_form(image_bytes()))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.alt, image.credit, image.focal_y, image.uploaded_by) == (
        "Kim Go-eun at a press event",
        "Agency Photo",
        0.4,
        admin_user,
    )
    change = admin_client.get(f"/admin/media/image/{image.pk}/change/").content.decode()
    assert f"<code>![Kim Go-eun at a press event](image:{image.pk})</code>" in change


@pytest.mark.parametrize(
    ("data", "fields", "field", "message"),
    [
        (b"<svg/>", {}, "upload", "photo.jpg: SVG images are not accepted (they can carry scripts): upload a JPEG, PNG, WebP or GIF file."),
        (b"GIF89a but not really", {}, "upload", "photo.jpg: not an image this site accepts: upload a JPEG, PNG, WebP or GIF file."),
        (image_bytes(), {"alt": ""}, "alt", "This field is required."),
        (image_bytes(), {"credit": ""}, "credit", "This field is required."),
        (image_bytes(), {"focal_x": "1.5"}, "focal_x", "Ensure this value is less than or equal to 1.0."),
    ],
)  # fmt: skip
def test_admin_upload_refusals_are_form_errors_and_store_nothing(
    admin_client: Client,
    media_root: Path,
    data: bytes,
    fields: dict[str, str],
    field: str,
    message: str,
) -> None:
    response = admin_client.post("/admin/media/image/add/", upload_form(data, **fields))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert not Image.objects.exists() and files_under(media_root) == []


def test_admin_focal_point_change_gives_new_rendition_addresses(admin_client: Client) -> None:
    image = image_add(data=halves(), alt="Halves", credit="Tests")
    old = image.version
    form = {"alt": "Halves", "credit": "Tests", "caption": "", "source_url": "", "licence": "",
            "focal_x": "0.9", "focal_y": "0.5"}  # fmt: skip
    assert admin_client.post(f"/admin/media/image/{image.pk}/change/", form).status_code == 302
    image.refresh_from_db()
    assert image.focal_x == 0.9 and image.version != old


def test_person_and_title_pages_show_headshot_and_poster(client: Client, small_kb: Any) -> None:
    person = Person.objects.order_by("slug").first()
    title = Title.objects.order_by("slug").first()
    assert person is not None and title is not None
    headshot = image_add(
        data=halves((800, 1000)),
        alt=f"Portrait card of {person.name}",
        credit="Marquee demo artwork",
    )
    poster = image_add(data=halves((600, 900)), alt=f"Poster of {title.name}", credit="Studio")
    catalog_services.person_headshot_set(person, headshot)
    catalog_services.title_poster_set(title, poster)
    person_page = client.get(person.get_absolute_url()).content.decode()
    assert f'alt="Portrait card of {person.name}"' in person_page
    assert 'class="picture picture--headshot"' in person_page
    assert "Credit: Marquee demo artwork" in person_page
    share = f"http://testserver/media/renditions/{headshot.pk}/{headshot.version}/share-1200.jpg"
    assert f'<meta property="og:image" content="{share}">' in person_page
    title_page = client.get(title.get_absolute_url()).content.decode()
    assert (
        'class="picture picture--poster"' in title_page
        and f'alt="Poster of {title.name}"' in title_page
    )


def test_pages_without_pictures_show_placeholders(client: Client, small_kb: Any) -> None:
    person = Person.objects.order_by("slug").first()
    assert person is not None
    page = client.get(person.get_absolute_url()).content.decode()
    assert "picture--headshot picture--placeholder" in page and "<img" not in page
    assert 'property="og:image"' not in page

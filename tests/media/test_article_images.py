"""Images in articles: the lead image of an imported file, library images in the body, the
command line's ``marquee images add`` and the pages' sharing metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from marquee.catalog.models import Person, Title
from marquee.media.models import Image
from marquee.media.services import image_add
from marquee.newsroom.models import Article
from tests.conftest import run_marquee_on_scratch_database
from tests.media.pictures import halves, image_bytes, opened

pytestmark = pytest.mark.django_db

ARTICLE = """---
title: Kim Go-eun on set
slug: on-set
image: photos/set.png
image_alt: "Kim Go-eun between takes"
image_credit: "Studio Ocean"
image_caption: "On the set in Seoul."
---
The shoot ran for forty days.
"""


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def article_file(tmp_path: Path, text: str = ARTICLE, picture: bytes | None = None) -> str:
    (tmp_path / "photos").mkdir(exist_ok=True)
    (tmp_path / "photos" / "set.png").write_bytes(picture or halves())
    path = tmp_path / "on-set.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_sets_the_lead_image_from_a_path_beside_the_file(tmp_path: Path) -> None:
    run("articles", "import", article_file(tmp_path))
    image = Article.objects.select_related("image").get(slug="on-set").image
    assert image is not None
    assert (image.alt, image.credit, image.caption) == (
        "Kim Go-eun between takes",
        "Studio Ocean",
        "On the set in Seoul.",
    )
    assert (image.width, image.height) == (1600, 900)


def test_reimporting_the_same_image_keeps_it_and_updates_its_details(tmp_path: Path) -> None:
    path = article_file(tmp_path)
    run("articles", "import", path)
    first = Article.objects.get(slug="on-set").image_id
    run("articles", "import", path)
    assert Image.objects.count() == 1
    Path(path).write_text(ARTICLE.replace("Studio Ocean", "Studio Ocean / Kim"), encoding="utf-8")
    run("articles", "import", path)
    article = Article.objects.select_related("image").get(slug="on-set")
    assert article.image_id == first and article.image is not None
    assert article.image.credit == "Studio Ocean / Kim" and Image.objects.count() == 1


def test_a_file_without_image_leaves_the_lead_image_alone(tmp_path: Path) -> None:
    run("articles", "import", article_file(tmp_path))
    kept = Article.objects.get(slug="on-set").image_id
    plain = "\n".join(line for line in ARTICLE.splitlines() if not line.startswith("image"))
    Path(tmp_path / "on-set.md").write_text(plain + "\nMore.\n", encoding="utf-8")
    run("articles", "import", str(tmp_path / "on-set.md"))
    assert Article.objects.get(slug="on-set").image_id == kept


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('image_alt: "Kim Go-eun between takes"\n', ""),
            "on-set.md: field 'image_alt' is required with 'image' (what the image shows)",
        ),
        (
            ('image_credit: "Studio Ocean"\n', ""),
            "on-set.md: field 'image_credit' is required with 'image' (who made it)",
        ),
        (
            ("photos/set.png", "photos/missing.png"),
            "on-set.md: field 'image' (photos/missing.png): no such file",
        ),
        (
            ("image: photos/set.png\n", ""),
            "on-set.md: field 'image_alt' needs an 'image' to describe",
        ),
        (("image: photos/set.png", "image: [a, b]"), "on-set.md: field 'image' must be text"),
    ],
)
def test_front_matter_image_errors_name_file_and_field(
    tmp_path: Path, media_root: Path, change: tuple[str, str], message: str
) -> None:
    path = article_file(tmp_path, ARTICLE.replace(*change))
    with pytest.raises(CommandError) as refused:
        run("articles", "import", path)
    assert str(refused.value) == f"{tmp_path}/{message}"
    assert not Article.objects.exists() and files_under(media_root) == []


def test_a_bad_image_file_refuses_the_whole_import_and_leaves_no_file(
    tmp_path: Path, media_root: Path
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    first = article_file(good)
    bad = tmp_path / "bad"
    bad.mkdir()
    second = article_file(bad, ARTICLE.replace("slug: on-set", "slug: other"), b"<svg></svg>")
    with pytest.raises(CommandError) as refused:
        run("articles", "import", first, second)
    assert str(refused.value) == (
        f"{second}: field 'image' (photos/set.png): SVG images are not accepted (they can carry "
        "scripts): upload a JPEG, PNG, WebP or GIF file"
    )
    # The first file's image was stored before the second failed: it went with the rollback.
    assert not Article.objects.exists() and not Image.objects.exists()
    assert files_under(media_root) == []


def test_library_images_in_the_body_become_figures(tmp_path: Path) -> None:
    image = image_add(data=halves(), alt="Library alt", credit="Agency", caption="A caption")
    text = (
        ARTICLE
        + f"\n![Cast at the premiere](image:{image.pk})\n\nInline ![](image:{image.pk}) too.\n"
    )
    run("articles", "import", article_file(tmp_path, text))
    html = Article.objects.get(slug="on-set").body_html
    base = f"/media/renditions/{image.pk}/{image.version}/inline"
    assert (
        f'<figure class="photo photo--inline"><picture class="picture picture--inline">'
        f'<source type="image/webp" srcset="{base}-480.webp 480w' in html
    )
    assert 'alt="Cast at the premiere" loading="lazy"' in html
    assert '<figcaption>A caption <span class="photo__credit">Credit: Agency</span>' in html
    # Within a sentence: the picture alone, the library's alt text, no figure inside the <p>.
    assert '<p>Inline <picture class="picture picture--inline">' in html
    assert 'alt="Library alt"' in html and "<p><figure" not in html


def test_a_body_naming_an_image_the_library_lacks_is_refused(tmp_path: Path) -> None:
    path = article_file(tmp_path, ARTICLE + "\n![Gone](image:999)\n")
    with pytest.raises(CommandError) as refused:
        run("articles", "import", path)
    assert str(refused.value) == (
        f"{path}: the body shows image:999, which is not in the media library (add it with "
        "marquee images add)"
    )


def test_images_add_prints_the_id_and_sets_it_where_asked(tmp_path: Path, small_kb: object) -> None:
    picture = tmp_path / "poster.png"
    picture.write_bytes(halves((600, 900)))
    person = Person.objects.first()
    title = Title.objects.first()
    assert person is not None and title is not None
    for target in (f"person:{person.slug}", f"title:{title.slug}"):
        printed = run(
            "images", "add", str(picture), "--alt", "A poster", "--credit", "Studio",
            "--focal", "0.5,0.2", "--for", target,
        )  # fmt: skip
        image = Image.objects.get(pk=int(printed))
        assert (image.focal_x, image.focal_y) == (0.5, 0.2)
    person.refresh_from_db()
    title.refresh_from_db()
    assert person.headshot_id is not None and title.poster_id == image.pk


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--for", "article:nope"], "--for 'article:nope': no article with id 'nope'"),
        (["--for", "album:x"], "--for 'album:x': give article:SLUG, person:ID or title:ID"),
        (["--focal", "left"], "--focal 'left': give X,Y between 0 and 1, e.g. 0.5,0.3"),
        (
            ["--credit", " "],
            "{file}: a credit is required: name the photographer, agency or owner; nothing was stored",
        ),
    ],
)
def test_images_add_refusals(
    tmp_path: Path, media_root: Path, args: list[str], message: str
) -> None:
    picture = tmp_path / "p.jpg"
    picture.write_bytes(image_bytes())
    with pytest.raises(CommandError) as refused:
        run("images", "add", str(picture), "--alt", "A", "--credit", "B", *args)
    assert str(refused.value) == message.format(file=picture)
    assert not Image.objects.exists() and files_under(media_root) == []


def test_images_add_from_the_command_line_exits_1_on_an_svg(tmp_path: Path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    done = run_marquee_on_scratch_database(
        tmp_path, "images", "add", str(svg), "--alt", "Logo", "--credit", "Me"
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"CommandError: {svg}: SVG images are not accepted (they can carry scripts): upload a "
        "JPEG, PNG, WebP or GIF file; nothing was stored"
    )
    assert not (tmp_path / "var" / "media" / "images").exists()


def test_article_page_shows_the_lead_image_and_shares_its_1200_by_630_rendition(
    tmp_path: Path, client: Client
) -> None:
    run("articles", "import", article_file(tmp_path))
    article = Article.objects.select_related("image").get(slug="on-set")
    assert article.image is not None
    html = client.get("/articles/on-set/").content.decode()
    share = f"http://testserver/media/renditions/{article.image.pk}/{article.image.version}/share-1200.jpg"
    assert f'<meta property="og:image" content="{share}">' in html
    assert f'<meta name="twitter:image" content="{share}">' in html
    assert '<meta property="og:image:alt" content="Kim Go-eun between takes">' in html
    assert f'"image": ["{share}"]' in html
    assert 'class="photo photo--lead"' in html and 'fetchpriority="high"' in html
    assert '<span class="photo__credit">Credit: Studio Ocean</span>' in html
    assert opened(b"".join(client.get(share).streaming_content)).size == (1200, 630)

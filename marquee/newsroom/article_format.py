"""Reading article files: Markdown with YAML front matter, or plain text (docs/articles.md).

``parse_article_file`` returns an ``ArticleInput`` or raises ``ArticleFileError`` with a message
that names the file and the field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.text import slugify

from marquee.newsroom.article_images import (
    IMAGE_FIELDS,
    ImageFieldError,
    LeadImageInput,
    lead_image,
)
from marquee.newsroom.models import Article, Source, Tag
from marquee.storable import column_length, printable, unstorable_reason

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
FRONT_MATTER_FIELDS = (
    "title", "slug", "dek", "published_at", "author", "sources", "tags", "trailer",
    *IMAGE_FIELDS,
)  # fmt: skip
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_BODY_CHARS = 500_000
# A newsroom tags a story with a handful of words; more than this is a pasted keyword list.
MAX_TAGS = 50
# Publication dates outside these years are typing mistakes (and years past 9999 in another
# time zone overflow the databases' date types).
FIRST_YEAR = 1900
LAST_YEAR = 2100
HTTP_URL = URLValidator(schemes=["http", "https"])


TITLE_LENGTH = column_length(Article, "title")
SLUG_LENGTH = column_length(Article, "slug")
DEK_LENGTH = column_length(Article, "dek")
AUTHOR_LENGTH = column_length(Article, "author")
TRAILER_LENGTH = column_length(Article, "trailer_url")
TAG_LENGTH = min(column_length(Tag, "name"), column_length(Tag, "slug"))
SOURCE_NAME_LENGTH = column_length(Source, "name")
SOURCE_URL_LENGTH = column_length(Source, "url")


class ArticleFileError(ValueError):
    """An article file was refused; the message names the file and what is wrong."""


@dataclass(frozen=True)
class SourceInput:
    name: str
    url: str = ""


@dataclass(frozen=True)
class ArticleInput:
    title: str
    slug: str
    body: str
    dek: str = ""
    author: str = ""
    published_at: datetime.datetime | None = None
    sources: tuple[SourceInput, ...] = ()
    tags: tuple[str, ...] = ()
    trailer_url: str = ""
    # None leaves an existing article's lead image as it is.
    image: LeadImageInput | None = None
    origin: str = ""  # the file it came from, for messages


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text of a file; binary or undecodable input is refused with a clear message."""
    if b"\x00" in raw[:8192]:
        raise ArticleFileError(f"{name}: looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFileError(
            f"{name}: is not UTF-8 text (invalid byte at position {error.start})"
        ) from None


def is_http_url(value: str) -> bool:
    """An http(s) URL that the URL columns accept (Django's ``URLValidator``)."""
    try:
        HTTP_URL(value)
    except ValidationError:
        return False
    return True


class FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, keeping dates as text, even tagged ``!!timestamp`` (``published_at``
    is checked with a message naming it), and reporting a value YAML cannot build (a
    5,000-digit number, ``!!float abc``) as a YAML error at its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except ValueError as error:
            reason = str(error).split(":")[0].split(";")[0]
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {str(node.value)[:40]!r}: {reason}", node.start_mark
            ) from None


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _timestamp_as_text(loader: FrontMatterLoader, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(
            None, None, "a !!timestamp must be a date or time", node.start_mark
        )
    return str(loader.construct_scalar(node))


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _load_front_matter(source: str, name: str) -> Any:
    try:
        return yaml.load(source, Loader=FrontMatterLoader) or {}  # a SafeLoader: no objects
    except RecursionError:
        raise ArticleFileError(f"{name}: front matter is nested too deeply") from None
    except yaml.reader.ReaderError as error:
        line = source.count("\n", 0, error.position) + 2
        raise ArticleFileError(
            f"{name}: front matter is not valid YAML (line {line}): character "
            f"U+{error.character:04X} is not allowed"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise ArticleFileError(
            f"{name}: front matter is not valid YAML{where}: {problem}"
        ) from None


def parse_article_file(text: str, name: str) -> ArticleInput:
    """Parse one article file's text; ``name`` is used in error messages."""
    if not text.strip():
        raise ArticleFileError(f"{name}: the file is empty")
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.lstrip().startswith("---\n"):
            raise ArticleFileError(f"{name}: front matter opens with --- but never closes")
        return _plain_text(text, name)
    meta = _load_front_matter(match.group(1), name)
    if not isinstance(meta, dict):
        raise ArticleFileError(f"{name}: front matter must be a mapping of fields")
    return _from_front_matter(meta, text[match.end() :], name)


def _plain_text(text: str, name: str) -> ArticleInput:
    lines = text.strip().splitlines()
    title = lines[0].strip().lstrip("#").strip()
    body = "\n".join(lines[1:]).strip()
    return _checked(
        ArticleInput(title=title, slug=_slug_from(title, name), body=body, origin=name), name
    )


def _from_front_matter(meta: dict[str, Any], body: str, name: str) -> ArticleInput:
    unknown = sorted(_key_name(key) for key in meta if key not in FRONT_MATTER_FIELDS)
    if unknown:
        raise ArticleFileError(
            f"{name}: unknown front matter field {unknown[0]!r} "
            f"(allowed: {', '.join(FRONT_MATTER_FIELDS)})"
        )
    title = _string(meta, "title", name, required=True)
    slug = _string(meta, "slug", name) or _slug_from(title, name)
    article = ArticleInput(
        title=title,
        slug=slug,
        body=body.strip(),
        dek=_string(meta, "dek", name),
        author=_string(meta, "author", name),
        published_at=_datetime(meta.get("published_at"), name),
        sources=_sources(meta.get("sources"), name),
        tags=_tags(meta.get("tags"), name),
        trailer_url=_string(meta, "trailer", name),
        origin=name,
    )
    if article.trailer_url and not is_http_url(article.trailer_url):
        raise ArticleFileError(f"{name}: field 'trailer' must be an http(s) URL")
    checked = _checked(article, name)
    try:
        image = lead_image(meta, name)
    except ImageFieldError as error:
        raise ArticleFileError(str(error)) from None
    return replace(checked, image=image) if image else checked


def _key_name(key: Any) -> str:
    """A front matter key for a message: short, with control characters escaped."""
    if isinstance(key, int) and key.bit_length() > 256:
        return "a long number"
    text = printable(str(key))
    return text if len(text) <= 60 else text[:57] + "…"


def _checked(article: ArticleInput, name: str) -> ArticleInput:
    if not article.title:
        raise ArticleFileError(f"{name}: the article has no title")
    if not SLUG_RE.match(article.slug) or len(article.slug) > SLUG_LENGTH:
        raise ArticleFileError(
            f"{name}: field 'slug' must be lowercase letters, digits and hyphens, "
            f"got {_brief(article.slug)}"
        )
    if not article.body:
        raise ArticleFileError(f"{name}: the article has no body")
    if len(article.body) > MAX_BODY_CHARS:
        raise ArticleFileError(f"{name}: the body is longer than {MAX_BODY_CHARS} characters")
    fields = {
        "title": (article.title, TITLE_LENGTH),
        "dek": (article.dek, DEK_LENGTH),
        "author": (article.author, AUTHOR_LENGTH),
        "trailer": (article.trailer_url, TRAILER_LENGTH),
        "body": (article.body, MAX_BODY_CHARS),
    }
    for field_name, (value, longest) in fields.items():
        _check_storable(value, f"{name}: field {field_name!r}")
        if len(value) > longest:
            raise ArticleFileError(
                f"{name}: field {field_name!r} is longer than {longest} characters"
            )
    for index, source in enumerate(article.sources):
        _check_storable(source.name, f"{name}: sources[{index}]: 'name'")
    for tag in article.tags:
        _check_storable(tag, f"{name}: field 'tags'")
    return article


def _check_storable(value: str, where: str) -> None:
    reason = unstorable_reason(value)
    if reason:
        raise ArticleFileError(f"{where} {reason}")


def _brief(text: str) -> str:
    """A value quoted for a message, cut short."""
    return repr(text) if len(text) <= 60 else repr(text[:57]) + "…"


def _slug_from(title: str, name: str) -> str:
    slug = slugify(title)[:200].strip("-")
    if not slug and title:
        raise ArticleFileError(f"{name}: cannot make a slug from the title; add a 'slug' field")
    return slug


def _string(meta: dict[str, Any], key: str, name: str, *, required: bool = False) -> str:
    value = meta.get(key)
    if value is None:
        if required:
            raise ArticleFileError(f"{name}: front matter needs a '{key}'")
        return ""
    return _text(value, f"{name}: field '{key}'")


def _text(value: Any, where: str) -> str:
    """A YAML scalar as text: strings, and numbers YAML read from unquoted digits."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ArticleFileError(f"{where} must be text")
    if isinstance(value, int) and value.bit_length() > 256:
        raise ArticleFileError(f"{where} must be text (put a long number in quotes)")
    return str(value).strip()


def _datetime(value: Any, name: str) -> datetime.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleFileError(f"{name}: field 'published_at' must be an ISO 8601 date or time")
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ArticleFileError(
            f"{name}: field 'published_at' must be an ISO 8601 date or time, got {_brief(value)}"
        ) from None
    # The year is checked as written, before any conversion to UTC could overflow.
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ArticleFileError(
            f"{name}: field 'published_at' must be in the years {FIRST_YEAR} to {LAST_YEAR}, "
            f"got {_brief(value)}"
        )
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _sources(value: Any, name: str) -> tuple[SourceInput, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ArticleFileError(f"{name}: field 'sources' must be a list")
    sources = []
    for index, item in enumerate(value):
        where = f"{name}: sources[{index}]"
        if isinstance(item, str):
            item = {"url": item} if is_http_url(item.strip()) else {"name": item}
        if not isinstance(item, dict) or set(item) - {"name", "url"}:
            raise ArticleFileError(f"{where} must be a name, a URL, or a mapping of name and url")
        url = _text(item.get("url") or "", f"{where}: 'url'")
        if len(url) > SOURCE_URL_LENGTH:
            raise ArticleFileError(f"{where}: 'url' is longer than {SOURCE_URL_LENGTH} characters")
        if url and not is_http_url(url):
            raise ArticleFileError(f"{where}: 'url' must be an http(s) URL, got {_brief(url)}")
        _check_storable(url, f"{where}: 'url'")
        source_name = _text(item.get("name") or "", f"{where}: 'name'") or urlsplit(url).netloc
        if not source_name:
            raise ArticleFileError(f"{where} needs a name or a url")
        sources.append(SourceInput(name=source_name[:SOURCE_NAME_LENGTH], url=url))
    return tuple(sources)


def _tags(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(t, str | int) for t in value):
        raise ArticleFileError(f"{name}: field 'tags' must be a list of words")
    tags: list[str] = []
    for tag in value:
        text = _text(tag, f"{name}: field 'tags'")
        if not text:
            continue
        slug = slugify(text)
        if not slug:
            raise ArticleFileError(f"{name}: tag {_brief(text)} has no letters or digits")
        if max(len(text), len(slug)) > TAG_LENGTH:
            raise ArticleFileError(
                f"{name}: field 'tags' has {_brief(text)}, which is longer than {TAG_LENGTH} "
                "characters"
            )
        if text not in tags:
            tags.append(text)
    if len(tags) > MAX_TAGS:
        raise ArticleFileError(
            f"{name}: field 'tags' has {len(tags)} tags; an article may have at most {MAX_TAGS}"
        )
    return tuple(tags)

"""Reading article files: Markdown with YAML front matter, or plain text (CONTRACTS.md §2).

``parse_article_file`` returns an ``ArticleInput`` or raises ``ArticleFileError`` with a message
that names the file and the field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml
from django.utils import timezone
from django.utils.text import slugify

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
FRONT_MATTER_FIELDS = (
    "title", "slug", "dek", "published_at", "author", "sources", "tags", "trailer",
)  # fmt: skip
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_BODY_CHARS = 500_000


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
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value


def parse_article_file(text: str, name: str) -> ArticleInput:
    """Parse one article file's text; ``name`` is used in error messages."""
    if not text.strip():
        raise ArticleFileError(f"{name}: the file is empty")
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.lstrip().startswith("---\n"):
            raise ArticleFileError(f"{name}: front matter opens with --- but never closes")
        return _plain_text(text, name)
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise ArticleFileError(
            f"{name}: front matter is not valid YAML{where}: {problem}"
        ) from None
    if not isinstance(meta, dict):
        raise ArticleFileError(f"{name}: front matter must be a mapping of fields")
    return _from_front_matter(meta, text[match.end() :], name)


def _plain_text(text: str, name: str) -> ArticleInput:
    lines = text.strip().splitlines()
    title = lines[0].strip().lstrip("#").strip()
    body = "\n".join(lines[1:]).strip()
    return _checked(ArticleInput(title=title, slug=_slug_from(title, name), body=body), name)


def _from_front_matter(meta: dict[str, Any], body: str, name: str) -> ArticleInput:
    unknown = sorted(str(key) for key in meta if key not in FRONT_MATTER_FIELDS)
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
    )
    if article.trailer_url and not is_http_url(article.trailer_url):
        raise ArticleFileError(f"{name}: field 'trailer' must be an http(s) URL")
    return _checked(article, name)


def _checked(article: ArticleInput, name: str) -> ArticleInput:
    if not article.title:
        raise ArticleFileError(f"{name}: the article has no title")
    if len(article.title) > 300:
        raise ArticleFileError(f"{name}: field 'title' is longer than 300 characters")
    if not SLUG_RE.match(article.slug) or len(article.slug) > 200:
        raise ArticleFileError(
            f"{name}: field 'slug' must be lowercase letters, digits and hyphens, "
            f"got {article.slug!r}"
        )
    if not article.body:
        raise ArticleFileError(f"{name}: the article has no body")
    if len(article.body) > MAX_BODY_CHARS:
        raise ArticleFileError(f"{name}: the body is longer than {MAX_BODY_CHARS} characters")
    return article


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
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ArticleFileError(f"{name}: field '{key}' must be text")
    return str(value).strip()


def _datetime(value: Any, name: str) -> datetime.datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    elif isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ArticleFileError(
                f"{name}: field 'published_at' must be an ISO 8601 date or time, got {value!r}"
            ) from None
    else:
        raise ArticleFileError(f"{name}: field 'published_at' must be an ISO 8601 date or time")
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
        url = str(item.get("url") or "").strip()
        if url and not is_http_url(url):
            raise ArticleFileError(f"{where}: 'url' must be an http(s) URL, got {url!r}")
        source_name = str(item.get("name") or "").strip() or urlsplit(url).netloc
        if not source_name:
            raise ArticleFileError(f"{where} needs a name or a url")
        sources.append(SourceInput(name=source_name[:300], url=url))
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
        text = str(tag).strip()
        if not text:
            continue
        if not slugify(text):
            raise ArticleFileError(f"{name}: tag {text!r} has no letters or digits")
        if text not in tags:
            tags.append(text)
    return tuple(tags)

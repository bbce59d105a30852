"""The difference between two revisions of an article, field by field, for the editorial
screens: what each field was and became, and for the body a line diff (``difflib``)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from marquee.newsroom.models import ArticleRevision

# The fields compared, in the order the screen shows them, with their labels.
COMPARED_FIELDS = (
    ("title", "Title"),
    ("slug", "Slug"),
    ("dek", "Standfirst"),
    ("byline", "Byline"),
    ("trailer_url", "Trailer"),
    ("tags", "Tags"),
    ("sources", "Sources"),
    ("image", "Lead image"),
)
BODY_CONTEXT_LINES = 3


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class DiffLine:
    """One line of the body's diff: ``kind`` is "added", "removed", "same" or "hunk" (the
    ``@@ -a,b +c,d @@`` line that starts a group of changes)."""

    kind: str
    text: str


@dataclass(frozen=True)
class RevisionDiff:
    before: ArticleRevision
    after: ArticleRevision
    fields: list[FieldChange]
    body: list[DiffLine] = field(default_factory=list)

    @property
    def changed_fields(self) -> list[FieldChange]:
        return [change for change in self.fields if change.changed]

    @property
    def body_changed(self) -> bool:
        return self.before.body != self.after.body

    @property
    def unchanged(self) -> bool:
        return not self.changed_fields and not self.body_changed


def _shown(revision: ArticleRevision, name: str) -> str:
    """A field's value as one line of text (tags and sources joined, the image by id)."""
    if name == "tags":
        return ", ".join(revision.tags)
    if name == "sources":
        return "; ".join(_source(source) for source in revision.sources)
    if name == "image":
        return "" if revision.image_id is None else f"image {revision.image_id}"
    return str(getattr(revision, name))


def _source(source: dict[str, Any]) -> str:
    url = source.get("url", "")
    return f"{source['name']} <{url}>" if url else str(source["name"])


def body_diff(before: str, after: str, context: int = BODY_CONTEXT_LINES) -> list[DiffLine]:
    """A unified line diff of two bodies without its file header; empty when they match."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=context)
    result: list[DiffLine] = []
    for line in lines:
        if line.startswith(("---", "+++")) and not result:
            continue  # the file header
        if line.startswith("@@"):
            result.append(DiffLine("hunk", line))
        elif line.startswith("+"):
            result.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            result.append(DiffLine("removed", line[1:]))
        else:
            result.append(DiffLine("same", line[1:]))
    return result


def revision_diff(before: ArticleRevision, after: ArticleRevision) -> RevisionDiff:
    """What changed from ``before`` to ``after`` (two revisions of one article, any order)."""
    return RevisionDiff(
        before=before,
        after=after,
        fields=[
            FieldChange(name, label, _shown(before, name), _shown(after, name))
            for name, label in COMPARED_FIELDS
        ],
        body=body_diff(before.body, after.body),
    )

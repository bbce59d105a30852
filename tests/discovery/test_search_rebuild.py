"""The search index after an interrupted import, and ``marquee search --rebuild`` (issue 14,
item 9)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.kb_format import parse_document
from marquee.catalog.services import kb_import
from marquee.discovery.models import EntryKind, SearchEntry
from marquee.newsroom.models import ArticleStatus
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def entries(kind: str) -> list[str]:
    return sorted(SearchEntry.objects.filter(kind=kind).values_list("name", flat=True))


def import_file(path: Path) -> str:
    out = StringIO()
    call_command("kb", "import", str(path), stdout=out)
    return out.getvalue()


def test_next_import_repairs_an_index_left_behind(
    kb_document: dict[str, Any], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    # The import commits; the process dies before the reindex that follows the commit.
    kb_import(document=parse_document(kb_document))
    assert entries(EntryKind.PERSON) == []
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(kb_document), encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        output = import_file(path)

    assert output.splitlines()[0] == "people: 4 unchanged"
    assert output.splitlines()[-1] == (
        "search index: behind the knowledge base (an import was interrupted); reindexed"
    )
    assert entries(EntryKind.PERSON) == [
        "Kim Go-eun 김고은",
        "Lee Eon-hee 이언희",
        "Noh Sang-hyun 노상현",
        "Park Sang-young 박상영",
    ]
    assert len(entries(EntryKind.TITLE)) == 3


def test_an_import_with_a_whole_index_reindexes_nothing(
    kb_document: dict[str, Any], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        kb_import(document=parse_document(kb_document))
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(kb_document), encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = import_file(path)

    assert callbacks == []
    assert "search index" not in output


def test_search_rebuild_reindexes_people_titles_and_published_articles(
    small_kb: dict[str, Any],
) -> None:
    make_article("one", title="Kim Go-eun returns")
    make_article("two", title="Exhuma tops the box office")
    make_article("draft", title="Not yet", status=ArticleStatus.DRAFT)
    SearchEntry.objects.all().delete()
    out = StringIO()

    call_command("search", "--rebuild", stdout=out)

    assert out.getvalue() == ("search index rebuilt: 4 people, 3 titles, 2 published articles\n")
    assert entries(EntryKind.ARTICLE) == ["Exhuma tops the box office", "Kim Go-eun returns"]
    assert len(entries(EntryKind.PERSON)) == 4
    assert len(entries(EntryKind.TITLE)) == 3


def test_search_without_rebuild_says_what_to_run() -> None:
    with pytest.raises(CommandError, match="^nothing to do: use marquee search --rebuild$"):
        call_command("search")


def test_names_filling_both_columns_are_indexed(
    tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """A title's name and native name hold 300 characters each; its entry shows 300 (on
    PostgreSQL the reindex after commit failed on the 601-character name)."""
    title = {"id": "long", "name": "N" * 300, "native_name": "한" * 300}
    path = tmp_path / "kb.json"
    path.write_text(json.dumps({"format": "marquee-kb/1", "titles": [title]}), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        import_file(path)
    assert entries(EntryKind.TITLE) == ["N" * 300]

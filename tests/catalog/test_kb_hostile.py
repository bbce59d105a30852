"""marquee kb import under hostile files: each is refused with one line naming the entry and
field, exit status 1, nothing written, on SQLite and PostgreSQL alike (issue 14, item 4)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.models import Platform
from tests.catalog.test_kb_import import database_state
from tests.conftest import run_marquee_on_scratch_database

pytestmark = pytest.mark.django_db

HEADER = '{"format": "marquee-kb/1", '


def refused_raw(tmp_path: Path, raw: bytes) -> str:
    """Import raw bytes through the command; assert the refusal wrote nothing; the message."""
    path = tmp_path / "hostile.json"
    path.write_bytes(raw)
    before = database_state()
    with pytest.raises(CommandError) as caught:
        call_command("kb", "import", str(path))
    assert database_state() == before
    message = str(caught.value)
    assert message.startswith(f"{path}: knowledge base refused (")
    return message.split("\n  - ", 1)[1]


def refused(tmp_path: Path, document: dict[str, Any]) -> str:
    raw = json.dumps({"format": "marquee-kb/1", **document}, ensure_ascii=True).encode()
    return refused_raw(tmp_path, raw)


def test_nesting_thousands_of_levels_deep(tmp_path: Path) -> None:
    raw = f'{HEADER}"people": [{{"id": "a", "name": "A", "aliases": {"[" * 5000}{"]" * 5000}}}]}}'
    assert refused_raw(tmp_path, raw.encode()) == (
        "invalid JSON at line 1, column 172: lists and objects nested more than 100 levels deep"
    )


def test_nesting_a_few_hundred_levels_is_a_wrong_type(tmp_path: Path) -> None:
    raw = f'{HEADER}"people": [{{"id": "a", "name": "A", "aliases": {"[" * 600}{"]" * 600}}}]}}'
    assert refused_raw(tmp_path, raw.encode()) == (
        'people[0] "a": field "aliases" must be a list of strings, got a list'
    )


def test_integer_of_thousands_of_digits(tmp_path: Path) -> None:
    raw = f'{HEADER}"titles": [{{"id": "t", "name": "T", "year": {"9" * 4301}}}]}}'
    assert refused_raw(tmp_path, raw.encode()) == (
        'titles[0] "t": field "year" must be between 1000 and 2999, got a number of 4301 digits'
    )
    raw = f'{HEADER}"people": [{{"id": "p", "name": {"9" * 5000}}}]}}'
    assert refused_raw(tmp_path, raw.encode()) == (
        'people[0] "p": field "name" must be a string, got a number'
    )


@pytest.mark.parametrize(
    ("person", "message"),
    [
        (
            {"id": "p", "name": "Kim\ud800"},
            'people[0] "p": field "name" contains a lone surrogate (\\ud800), which is not a '
            "character",
        ),
        (
            {"id": "p", "name": "Kim", "bio": "An actress.\udfff"},
            'people[0] "p": field "bio" contains a lone surrogate (\\udfff), which is not a '
            "character",
        ),
        (
            {"id": "p", "name": "Kim", "aliases": ["Go-eun", "\ud83d"]},
            'people[0] "p": field "aliases" contains a lone surrogate (\\ud83d), which is not a '
            "character",
        ),
        (
            {"id": "p", "name": "Kim\x00Go-eun"},
            'people[0] "p": field "name" contains a NUL character (\\u0000)',
        ),
        (
            {"id": "p", "name": "Kim", "bio": "Actress.\x00"},
            'people[0] "p": field "bio" contains a NUL character (\\u0000)',
        ),
        (
            {"id": "p" * 201, "name": "Kim"},
            f'people[0] "{"p" * 57}…": field "id" is longer than 200 characters',
        ),
        (
            {"id": "p", "name": "K" * 201},
            'people[0] "p": field "name" is longer than 200 characters',
        ),
        (
            {"id": "p", "name": "Kim", "aliases": ["a" * 201]},
            f'people[0] "p": field "aliases" has {"a" * 57!r}…, which is longer than 200 '
            "characters",
        ),
        (
            {"id": "p", "name": "Kim", "born": "0001-01-01"},
            'people[0] "p": field "born" must be between 1000-01-01 and 2999-12-31, got '
            '"0001-01-01"',
        ),
    ],
)
def test_unstorable_people_are_refused(
    tmp_path: Path, person: dict[str, Any], message: str
) -> None:
    assert refused(tmp_path, {"people": [person]}) == message


def test_titles_and_characters_use_their_own_column_lengths(tmp_path: Path) -> None:
    # Title names and aliases hold 300 characters, characters 200.
    title = {"id": "t", "name": "T" * 300, "aliases": ["A" * 300]}
    credit = {"person": "p", "title": "t", "role": "actor", "character": "C" * 201}
    person = {"id": "p", "name": "P"}
    assert refused(tmp_path, {"people": [person], "titles": [title], "credits": [credit]}) == (
        'credits[0]: field "character" is longer than 200 characters'
    )


def test_platform_url_is_held_to_its_column(tmp_path: Path) -> None:
    platform = {"id": "viki", "name": "Viki", "url": "https://viki.com/" + "a" * 190}
    assert refused(tmp_path, {"platforms": [platform]}) == (
        'platforms[0] "viki": field "url" is longer than 200 characters'
    )


def test_availability_dates_and_null_regions(tmp_path: Path) -> None:
    offer = {"title": "t", "platform": "viki", "regions": None}
    assert refused(tmp_path, {"availability": [offer]}) == (
        'availability[0]: field "regions" must name at least one region, got null'
    )
    offer = {"title": "t", "platform": "viki", "regions": ["KR"], "until": "9999-12-31"}
    assert refused(tmp_path, {"availability": [offer]}) == (
        'availability[0]: field "until" must be between 1000-01-01 and 2999-12-31, got "9999-12-31"'
    )


def test_duplicate_keys_are_refused_naming_key_and_entry(tmp_path: Path) -> None:
    raw = f'{HEADER}"platforms": [{{"id": "viki", "name": "Viki", "name": "Viki TV"}}]}}'
    assert refused_raw(tmp_path, raw.encode()) == (
        'platforms[0] "viki": field "name" appears more than once in this entry (keys must be '
        "unique)"
    )
    raw = f'{HEADER}"platforms": [], "platforms": [{{"id": "viki", "name": "Viki"}}]}}'
    assert refused_raw(tmp_path, raw.encode()) == (
        '"platforms" appears more than once in the document (keys must be unique)'
    )
    assert not Platform.objects.exists()


def test_control_characters_in_an_id_are_shown_escaped(tmp_path: Path) -> None:
    assert refused(tmp_path, {"people": [{"id": "\x1b[31m", "name": "A"}]}) == (
        'people[0] "\\x1b[31m": field "id" must be a lowercase slug like kim-go-eun, got '
        "'\\x1b[31m'"
    )


def test_hostile_file_exits_1_with_one_line_on_stderr(tmp_path: Path) -> None:
    """The console script as a user runs it: no traceback for the deepest nesting."""
    path = tmp_path / "deep.json"
    path.write_text(f'{HEADER}"people": {"[" * 100_000}', encoding="utf-8")
    completed = run_marquee_on_scratch_database(tmp_path, "kb", "import", str(path))
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().splitlines()[-1] == (
        "  - invalid JSON at line 1, column 137: lists and objects nested more than 100 levels deep"
    )


def test_fuzzed_files_are_refused_cleanly_or_imported_whole(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A few hundred cases of ``bench/fuzz/kb_fuzz.py`` (its full run is in bench/fuzz/)."""
    from bench.fuzz.kb_fuzz import fuzz

    tally = fuzz(
        random.Random(14),
        300,
        120.0,
        around=lambda: django_capture_on_commit_callbacks(execute=True),
    )
    assert tally.failures == []
    assert tally.cases == 300
    assert tally.accepted > 10

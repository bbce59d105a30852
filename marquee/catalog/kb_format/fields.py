"""Checking the fields of one entry of a knowledge-base file, naming each problem found."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from marquee.catalog.offer_links import search_url_problem
from marquee.storable import printable, unstorable_reason

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Dates of the knowledge base (born, until) lie in the years that ``year`` allows.
FIRST_DATE = datetime.date(1000, 1, 1)
LAST_DATE = datetime.date(2999, 12, 31)


class TooLongNumber:
    """A JSON integer with more digits than Python converts (``sys.get_int_max_str_digits``)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


class EntryChecker:
    """Checks one entry's fields, recording problems under the entry's label."""

    def __init__(self, label: str, entry: dict[str, Any], problems: list[str]) -> None:
        self.label = label
        self.entry = entry
        self.problems = problems

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(printable(f'{self.label}: field "{field_name}" {message}'))

    def text(self, name: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.entry.get(name)
        if value is None:
            if required:
                self.fail(name, "is required")
            return ""
        if not isinstance(value, str):
            self.fail(name, f"must be a string, got {json_type(value)}")
            return ""
        if problem := unstorable_reason(value):
            self.fail(name, problem)
            return ""
        if required and not value.strip():
            self.fail(name, "must not be empty")
        if max_length is not None and len(value.strip()) > max_length:
            self.fail(name, f"is longer than {max_length} characters")
            return ""
        return value.strip()

    def slug(self, name: str, *, max_length: int, required: bool = True) -> str:
        value = self.text(name, required=required, max_length=max_length)
        if value and not SLUG_RE.match(value):
            self.fail(name, f"must be a lowercase slug like kim-go-eun, got {brief(value)}")
            return ""
        return value

    def choice(self, name: str, choices: Iterable[str], default: str) -> str:
        value = self.entry.get(name)
        if value is None:
            return default
        allowed = list(choices)
        if not isinstance(value, str) or value not in allowed:
            self.fail(name, f"must be one of {', '.join(allowed)}; got {show(value)}")
            return default
        return value

    def strings(
        self,
        name: str,
        *,
        check: Callable[[str], bool] | None = None,
        what: str = "",
        max_length: int | None = None,
    ) -> tuple[str, ...]:
        value = self.entry.get(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(name, f"must be a list of strings, got {show(value)}")
            return ()
        for item in value:
            if problem := unstorable_reason(item):
                self.fail(name, problem)
                return ()
        items = tuple(item.strip() for item in value)
        for item in items:
            if not item:
                self.fail(name, "must not contain empty strings")
            elif max_length is not None and len(item) > max_length:
                self.fail(name, f"has {brief(item)}, which is longer than {max_length} characters")
            elif check and not check(item):
                self.fail(name, f"has {brief(item)}, which is not {what}")
        if len(set(items)) != len(items):
            self.fail(name, "lists the same value twice")
        return items

    def integer(self, name: str, *, low: int, high: int) -> int | None:
        value = self.entry.get(name)
        if value is None:
            return None
        if isinstance(value, TooLongNumber):
            self.fail(
                name, f"must be between {low} and {high}, got a number of {value.digits} digits"
            )
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, got {show(value)}")
            return None
        if not low <= value <= high:
            self.fail(name, f"must be between {low} and {high}, got {value}")
            return None
        return value

    def date(self, name: str) -> datetime.date | None:
        value = self.entry.get(name)
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if FIRST_DATE <= day <= LAST_DATE:
                    return day
                self.fail(name, f"must be between {FIRST_DATE} and {LAST_DATE}, got {show(value)}")
                return None
        self.fail(name, f"must be a date written YYYY-MM-DD, got {show(value)}")
        return None

    def url(self, name: str, *, max_length: int) -> str:
        value = self.text(name, max_length=max_length)
        if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
            self.fail(name, f"must be an http(s) URL, got {brief(value)}")
            return ""
        return value

    def search_url(self, name: str, *, max_length: int) -> str:
        """A search address template: an http(s) URL with ``{title}`` where the name goes."""
        value = self.text(name, max_length=max_length)
        if value and (problem := search_url_problem(value)):
            self.fail(name, f"{problem}, got {brief(value)}")
            return ""
        return value

    def unknown_fields(self, known: Iterable[str]) -> None:
        """Name the fields the entry should not have, and those it repeats."""
        for name in getattr(self.entry, "duplicate_keys", ()):
            self.fail(name, "appears more than once in this entry (keys must be unique)")
        for name in sorted(set(self.entry) - set(known)):
            self.fail(name, "is not a field of this entry (check the spelling)")


def json_type(value: Any) -> str:
    if isinstance(value, TooLongNumber):
        return "a number"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), "an object" if isinstance(value, dict) else "null")


def show(value: Any) -> str:
    """A value as JSON for a message, cut short; nested lists and objects only by their kind."""
    if isinstance(value, TooLongNumber):
        return f"a number of {value.digits} digits"
    if isinstance(value, list | dict) and any(isinstance(v, list | dict) for v in _items(value)):
        return json_type(value)
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return json_type(value)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def brief(text: str) -> str:
    """A string quoted for a message, cut short."""
    return repr(text) if len(text) <= 60 else repr(text[:57]) + "…"


def _items(value: list[Any] | dict[str, Any]) -> Iterable[Any]:
    return value.values() if isinstance(value, dict) else value

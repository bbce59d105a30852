"""Where an offer sends a reader: its own address, else the platform's search for the title.

Pure: strings in, strings out. A platform's ``search_url`` is a template holding ``{title}``
where the title's name goes, URL-quoted (docs/knowledge-base.md).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

TITLE_PLACEHOLDER = "{title}"
_HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def search_url_problem(template: str) -> str:
    """Why ``template`` is not a usable search address, for a message after the field's name
    ("must contain {title} …"), or an empty string when it is."""
    if not _HTTP_URL.match(template):
        return "must be an http(s) URL"
    if TITLE_PLACEHOLDER not in template:
        return f"must contain {TITLE_PLACEHOLDER}, where the title's name goes"
    rest = template.replace(TITLE_PLACEHOLDER, "")
    if "{" in rest or "}" in rest:
        return f"may hold no placeholder but {TITLE_PLACEHOLDER}"
    if TITLE_PLACEHOLDER in urlsplit(template).netloc:
        return f"must have {TITLE_PLACEHOLDER} after the host name"
    return ""


def search_link(template: str, title_name: str) -> str:
    """``template`` with ``{title}`` replaced by ``title_name`` URL-quoted (every reserved
    character escaped, ``/`` and ``&`` too), or "" without a template."""
    if not template:
        return ""
    return template.replace(TITLE_PLACEHOLDER, quote(title_name, safe=""))


def offer_link(*, offer_url: str, search_url: str, title_name: str) -> str:
    """The offer's own address, else the platform's search for the title, else "" (never the
    platform's home page, which does not lead to the title)."""
    return offer_url or search_link(search_url, title_name)

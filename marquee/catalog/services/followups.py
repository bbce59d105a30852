"""What follows a committed change to the knowledge base, in one place.

Every catalog action registers ``after_knowledge_base_change`` with ``transaction.on_commit``;
nothing else tells the rest of the platform that people or titles changed.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from marquee.discovery import services as discovery_services
from marquee.linking import index as linking_index
from marquee.linking import services as linking_services
from marquee.web.pagecache import pages_changed

logger = logging.getLogger(__name__)


def after_knowledge_base_change(
    *,
    people: Collection[str] | None,
    titles: Collection[str] | None,
    articles: Collection[int] = (),
) -> None:
    """Bring the entity linker and the search index up to date; call after commit.

    ``people`` and ``titles`` are the slugs a change touched, including slugs that no longer
    exist, so that the linker drops them. Both None means the change cannot name what it
    touched (an import): the linker rebuilds and every person and title is reindexed.
    ``articles`` linked an entity that was deleted or changed its address: they are linked
    again (their bodies re-rendered, discovery refreshed). For other articles the new knowledge
    base applies at their next save, or with ``marquee relink``.
    """
    pages_changed()  # names, credits and where to watch show on many pages
    if people is None and titles is None:
        linking_index.record_changes(everything=True)
        discovery_services.search_entries_refresh_people()
        discovery_services.search_entries_refresh_titles()
    else:
        linking_index.record_changes(people=people or (), titles=titles or ())
        if people:
            discovery_services.search_entries_refresh_people(slugs=people)
        if titles:
            discovery_services.search_entries_refresh_titles(slugs=titles)
    for article_id in articles:
        try:
            linking_services.article_link(article_id=article_id)
        except Exception:  # the change stands; `marquee relink` repeats this
            logger.exception(
                "relinking article %s after a knowledge-base change failed", article_id
            )

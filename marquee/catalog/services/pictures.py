"""Pictures of the knowledge graph: a person's headshot and a title's poster. They are not part
of the knowledge-base file (a re-import leaves them as they are); editors set them in the admin
or with ``marquee images add --for person:ID|title:ID``."""

from __future__ import annotations

from django.db import transaction

from marquee.catalog.models import Person, Title
from marquee.media.models import Image
from marquee.web.pagecache import pages_changed


def person_headshot_set(person: Person, image: Image | None) -> Person:
    """Show ``image`` as the person's headshot (None removes it)."""
    with transaction.atomic():
        person.headshot = image
        person.save(update_fields=["headshot"])
        pages_changed()
    return person


def title_poster_set(title: Title, image: Image | None) -> Title:
    """Show ``image`` as the title's poster (None removes it)."""
    with transaction.atomic():
        title.poster = image
        title.save(update_fields=["poster"])
        pages_changed()
    return title

"""Signals the newsroom sends after a change has been committed."""

from django.dispatch import Signal

# Sent after commit with ``article_id`` when an article was saved or published.
article_saved = Signal()

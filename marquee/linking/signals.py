"""Signals of the linking app."""

from django.dispatch import Signal

# Sent with ``article_id`` after an article's entities were (re)computed and committed:
# the moment to recompute what depends on them (similar articles, search index).
article_linked = Signal()

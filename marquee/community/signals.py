"""Signals other apps may listen to; sent after the transaction commits."""

from django.dispatch import Signal

# Sent with ``article_id`` when an article's reactions or comments change (trending, caches).
engagement_changed = Signal()

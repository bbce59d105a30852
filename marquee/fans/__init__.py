"""Fans: reader settings, watchlists, availability alerts and the where-to-watch browser
(docs/fans.md)."""

"""Marquee beside nginx and a vanilla Wagtail page: ``python -m bench.web`` (see run.py)."""

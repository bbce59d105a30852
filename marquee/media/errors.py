"""What the media library refuses, with the message shown to the editor."""

from __future__ import annotations


class ImageRejected(ValueError):
    """An upload or an image's details that cannot be stored; ``str(error)`` says why, in words
    an editor can act on. Nothing has been written when it is raised."""

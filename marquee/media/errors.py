"""What the media library refuses, with the message shown to the editor."""

from __future__ import annotations


class ImageRejected(ValueError):
    """An upload or an image's details that cannot be stored; ``str(error)`` says why, in words
    an editor can act on. Nothing has been written when it is raised."""


class ImageInUse(ValueError):
    """Images that cannot be deleted because article text shows them; ``str(error)`` names
    them and the articles. Nothing has been deleted."""

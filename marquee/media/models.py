"""The media library: images with their credit, alt text and focal point.

An image's renditions (the resized, cropped copies pages show) are files, not rows: their
names follow from the image's id, ``version`` and the shape and width asked for
(:mod:`marquee.media.renditions`), so a page needs nothing but the image's row to show it, and
a new focal point gives new names that no cache can confuse with the old ones.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ImageFormat(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    WEBP = "webp", "WebP"


def unit_interval() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    file = models.FileField(max_length=300, editable=False)
    format = models.CharField(max_length=4, choices=ImageFormat.choices, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    has_alpha = models.BooleanField(default=False, editable=False)
    sha256 = models.CharField(
        max_length=64, db_index=True, editable=False, help_text="Of the file as uploaded."
    )
    version = models.CharField(
        max_length=12, editable=False, help_text="Part of every rendition's address."
    )
    alt = models.CharField(
        "alt text", max_length=300, help_text="What the image shows, for readers who cannot see it."
    )
    credit = models.CharField(max_length=200, help_text="Shown under the image: who made it.")
    caption = models.CharField(max_length=500, blank=True)
    source_url = models.URLField("source", max_length=500, blank=True)
    licence = models.CharField(max_length=100, blank=True)
    focal_x = models.FloatField(
        default=0.5, validators=unit_interval(), help_text="0 = left edge, 1 = right edge."
    )
    focal_y = models.FloatField(
        default=0.5, validators=unit_interval(), help_text="0 = top edge, 1 = bottom edge."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alt} ({self.width}×{self.height})"

"""The media library in the admin: upload with alt text and credit, edit details and the focal
point; every write goes through ``media.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from marquee.media.errors import ImageRejected
from marquee.media.html import picture_html
from marquee.media.models import Image
from marquee.media.processing import ACCEPTED_NAMES, check_upload
from marquee.media.selectors import ImageUse, image_uses
from marquee.media.services import (
    clean_details,
    image_add,
    image_delete,
    image_update,
    upload_limits,
)

DETAILS = ("alt", "credit", "caption", "source_url", "licence")


class ImageForm(forms.ModelForm[Image]):
    upload = forms.FileField(
        label="Image file",
        required=False,
        help_text=f"{ACCEPTED_NAMES}; EXIF orientation is applied and metadata removed.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )

    source_url = forms.URLField(
        label="Source", required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Image
        fields = [*DETAILS, "focal_x", "focal_y"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None:
            upload = data.get("upload")
            if upload is None:
                self.add_error("upload", "Choose an image file to upload.")
            else:
                try:
                    check_upload(upload.read(), upload_limits())
                except ImageRejected as error:
                    self.add_error("upload", f"{upload.name}: {error}.")
                finally:
                    upload.seek(0)
        if all(data.get(field) is not None for field in DETAILS) and not self.errors:
            try:
                clean_details(**{field: data[field] for field in DETAILS})
            except ImageRejected as error:
                raise forms.ValidationError(str(error)) from None
        return data


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin[Image]):
    form = ImageForm
    list_display = ["thumbnail", "alt", "credit", "size", "created_at"]
    search_fields = ["alt", "credit", "caption"]
    readonly_fields = [
        "preview", "body_reference", "used_by", "size", "format", "uploaded_by", "created_at",
    ]  # fmt: skip
    delete_confirmation_template = "admin/media/image/delete_confirmation.html"

    def get_fieldsets(self, request: HttpRequest, obj: Image | None = None) -> Any:
        if obj is None:
            return [(None, {"fields": ["upload", *DETAILS, "focal_x", "focal_y"]})]
        return [
            (None, {"fields": ["preview", "body_reference", "used_by", *DETAILS]}),
            (
                "Cropping",
                {
                    "fields": ["focal_x", "focal_y"],
                    "description": "Crops for cards, posters and link previews keep this point "
                    "of the image in view.",
                },
            ),
            ("File", {"fields": ["size", "format", "uploaded_by", "created_at"]}),
        ]

    @admin.display(description="")
    def thumbnail(self, obj: Image) -> SafeString:
        return picture_html(obj, "card", sizes="8rem", alt="")

    @admin.display(description="Preview")
    def preview(self, obj: Image) -> SafeString:
        return picture_html(obj, "inline", sizes="30rem")

    @admin.display(description="In an article body")
    def body_reference(self, obj: Image) -> SafeString:
        return format_html("<code>![{}](image:{})</code>", obj.alt, obj.pk)

    @admin.display(description="Shown")
    def used_by(self, obj: Image) -> SafeString:
        uses = image_uses([obj.pk]).get(obj.pk, [])
        if not uses:
            return format_html("{}", "Nowhere yet.")
        return format_html("<ul>{}</ul>", _use_items(uses))

    @admin.display(description="Size")
    def size(self, obj: Image) -> str:
        return f"{obj.width}×{obj.height}"

    def save_model(self, request: HttpRequest, obj: Image, form: Any, change: bool) -> None:
        data = form.cleaned_data
        details = {field: data[field] for field in DETAILS}
        focal = (data["focal_x"], data["focal_y"])
        if change:
            image_update(obj, focal=focal, **details)
            return
        created = image_add(
            data=data["upload"].read(), focal=focal, uploaded_by=request.user, **details
        )
        for field in Image._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[Any], dict[Any, int], set[str], list[Any]]:
        """Django's list, plus as "protected" the article text that shows an image: the
        confirmation page then names it and refuses to delete (``image_delete`` refuses too)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        images = list(objs)
        uses = image_uses([image.pk for image in images])
        for image in images:
            protected.extend(
                format_html(
                    'Image {} (“{}”) is shown {} “<a href="{}">{}</a>”: remove it there first',
                    image.pk,
                    image.alt,
                    use.how,
                    use.url,
                    use.name,
                )
                for use in uses.get(image.pk, [])
                if use.in_text
            )
        return deleted, counts, perms_needed, protected

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> Any:
        """The confirmation lists what will show a placeholder instead of the image."""
        image = self.get_object(request, object_id)
        placeholders = [
            use
            for use in (image_uses([image.pk]).get(image.pk, []) if image else [])
            if not use.in_text
        ]
        context = {**(extra_context or {}), "placeholder_items": _use_items(placeholders)}
        return super().delete_view(request, object_id, context)

    def delete_model(self, request: HttpRequest, obj: Image) -> None:
        image_delete([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Image]) -> None:
        image_delete(queryset)


def _use_items(uses: list[ImageUse]) -> SafeString:
    return format_html_join(
        "", '<li>{} “<a href="{}">{}</a>”</li>', ((use.how, use.url, use.name) for use in uses)
    )

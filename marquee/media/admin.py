"""The media library in the admin: upload with alt text and credit, edit details and the focal
point; every write goes through ``media.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from marquee.media.errors import ImageRejected
from marquee.media.html import picture_html
from marquee.media.models import Image
from marquee.media.processing import ACCEPTED_NAMES, check_upload
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
    readonly_fields = ["preview", "body_reference", "size", "format", "uploaded_by", "created_at"]

    def get_fieldsets(self, request: HttpRequest, obj: Image | None = None) -> Any:
        if obj is None:
            return [(None, {"fields": ["upload", *DETAILS, "focal_x", "focal_y"]})]
        return [
            (None, {"fields": ["preview", "body_reference", *DETAILS]}),
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

    def delete_model(self, request: HttpRequest, obj: Image) -> None:
        image_delete([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Image]) -> None:
        image_delete(queryset)

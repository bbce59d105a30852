from django.urls import path, register_converter

from marquee.media import views


class RenditionFormat:
    regex = "webp|jpg|png"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RenditionFormat, "rendition_format")

app_name = "media"
urlpatterns = [
    path(
        "media/renditions/<int:image_id>/<slug:version>/<slug:shape>-<int:width>"
        ".<rendition_format:image_format>",
        views.rendition,
        name="rendition",
    ),
]

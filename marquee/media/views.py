"""Serving renditions: made on the first request, then served from the storage.

Behind deploy/nginx the files under ``MEDIA_ROOT`` are served by nginx once made, and only a
rendition nobody asked for yet reaches this view. With an S3-compatible storage the view makes
the file and redirects to the bucket's address.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from marquee.media import renditions
from marquee.media.models import Image

# A rendition's address names what it contains: it never changes, so it may be kept for a year.
FOREVER = "public, max-age=31536000, immutable"


@require_safe
def rendition(
    request: HttpRequest, image_id: int, version: str, shape: str, width: int, image_format: str
) -> HttpResponse | FileResponse:
    image = get_object_or_404(Image, pk=image_id, version=version)
    found = renditions.find(image, shape, width, image_format)
    if found is None:
        raise Http404("No such rendition of this image.")
    renditions.ensure(image, shape, found)
    response: HttpResponse | FileResponse
    if isinstance(default_storage, FileSystemStorage):
        response = FileResponse(
            default_storage.open(found.name, "rb"), content_type=renditions.FORMATS[image_format]
        )
    else:
        response = HttpResponseRedirect(default_storage.url(found.name))
    response["Cache-Control"] = FOREVER
    return response

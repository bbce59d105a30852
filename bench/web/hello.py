"""Django's hello world under the same server settings (gunicorn, 2 workers, DEBUG off):
``gunicorn bench.web.hello`` — the ceiling of a Django view on this machine."""

from __future__ import annotations

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-hello-world",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
)


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world!")


urlpatterns = [path("", hello)]
application = get_wsgi_application()

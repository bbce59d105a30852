from django.contrib import admin
from django.urls import include, path, re_path

from marquee.api.api import api
from marquee.api.errors import unknown_path
from marquee.web import views as web_views

admin.site.site_header = "Marquee newsroom"
admin.site.site_title = "Marquee"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("favicon.ico", web_views.favicon, name="favicon"),
    path("manifest.webmanifest", web_views.manifest, name="manifest"),
    path("admin/", admin.site.urls),
    # The API answers its own root and unknown paths with its JSON error (ninja's root is an
    # HTML 404), and never redirects to add a slash.
    path("api/v1/", unknown_path),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/", unknown_path),
    path("", include("marquee.media.urls")),
    path("", include("marquee.newsroom.urls")),
    path("", include("marquee.catalog.urls")),
    path("", include("marquee.community.urls")),
    path("", include("marquee.discovery.urls")),
    path("", include("marquee.fans.urls")),
]

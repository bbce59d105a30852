from django.contrib import admin
from django.urls import include, path

from marquee.web import views as web_views

admin.site.site_header = "Marquee newsroom"
admin.site.site_title = "Marquee"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("marquee.newsroom.urls")),
    path("", include("marquee.catalog.urls")),
    path("", include("marquee.community.urls")),
    path("", include("marquee.discovery.urls")),
]

from django.urls import path

from marquee.catalog import views

app_name = "catalog"
urlpatterns = [
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("titles/<slug:slug>/", views.title_detail, name="title"),
]

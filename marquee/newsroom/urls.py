from django.urls import path

from marquee.newsroom import views

app_name = "newsroom"
urlpatterns = [
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
]

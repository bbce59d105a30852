from django.urls import path

from marquee.newsroom import views
from marquee.newsroom.views import editorial
from marquee.newsroom.views.preview import preview

app_name = "newsroom"
urlpatterns = [
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("preview/<str:token>/", preview, name="preview"),  # views/preview.py
    # The editorial area (views/editorial.py, docs/workflow.md)
    path("editorial/", editorial.editorial, name="editorial"),
    path("editorial/time-zone/", editorial.time_zone_set, name="editorial-time-zone"),
    path("editorial/articles/<int:pk>/", editorial.editorial_article, name="editorial-article"),
    path("editorial/articles/<int:pk>/submit/", editorial.article_submit, name="editorial-submit"),
    path("editorial/articles/<int:pk>/return/", editorial.article_return, name="editorial-return"),
    path(
        "editorial/articles/<int:pk>/publish/", editorial.article_publish, name="editorial-publish"
    ),
    path(
        "editorial/articles/<int:pk>/schedule/",
        editorial.article_schedule,
        name="editorial-schedule",
    ),
    path(
        "editorial/articles/<int:pk>/unpublish/",
        editorial.article_unpublish,
        name="editorial-unpublish",
    ),
    path(
        "editorial/revisions/<int:pk>/preview/",
        editorial.revision_preview,
        name="editorial-revision-preview",
    ),
    path(
        "editorial/revisions/<int:pk>/restore/",
        editorial.revision_restore,
        name="editorial-restore",
    ),
    path(
        "editorial/revisions/<int:pk>/preview-links/",
        editorial.preview_link_create,
        name="editorial-preview-link-create",
    ),
    path(
        "editorial/preview-links/<int:pk>/revoke/",
        editorial.preview_link_revoke,
        name="editorial-preview-link-revoke",
    ),
]

"""The editors' newsroom admin: every write goes through ``newsroom.services``."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from marquee.catalog.admin import HTTPS_URL_FIELDS
from marquee.newsroom import services
from marquee.newsroom.models import Article, ArticleEntity, Source, Tag


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["name", "url", "position"]


class ArticleEntityInline(admin.TabularInline):
    model = ArticleEntity
    extra = 0
    fields = ["person", "title", "character", "state", "confidence", "mentions"]
    readonly_fields = ["confidence", "mentions"]
    raw_id_fields = ["person", "title", "character"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "status", "published_at", "author"]
    list_filter = ["status", "published_at", "tags"]
    search_fields = ["title", "slug", "dek", "author"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["tags"]
    inlines = [SourceInline, ArticleEntityInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "author", "body"]}),
        ("Publication", {"fields": ["status", "published_at"]}),
        ("Extras", {"fields": ["trailer_url", "tags"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Article, form: ModelForm,
                   change: bool) -> None:  # fmt: skip
        services.article_save(article=obj)

    @admin.action(description="Publish the selected articles")
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_publish(article=article)
        self.message_user(request, f"Published {len(queryset)} article(s).", messages.SUCCESS)

    @admin.action(description="Return the selected articles to draft")
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_unpublish(article=article)
        self.message_user(request, f"Unpublished {len(queryset)} article(s).", messages.SUCCESS)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

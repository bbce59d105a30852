"""The editors' newsroom admin: every save, delete and action goes through ``newsroom.services``.

The change form only collects input: ``save_related`` hands the article's fields, sources and
tags to one action (``article_create`` or ``article_update``), which writes them atomically and
names what follows after commit. The linker's entities are shown read-only (verdicts are
linking's, see ``linking.admin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from marquee.catalog.admin import HTTPS_URL_FIELDS
from marquee.linking.admin import ArticleEntityInline
from marquee.newsroom import services
from marquee.newsroom.article_format import ArticleInput, SourceInput
from marquee.newsroom.models import Article, Source, Tag


class SourceInline(admin.TabularInline[Source, Article]):
    model = Source
    extra = 1
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["name", "url", "position"]


def _sources(formsets: list[BaseInlineFormSet[Any, Any, Any]]) -> tuple[SourceInput, ...]:
    """The sources entered in the form, in their position order, without deleted rows."""
    rows = [
        form.cleaned_data
        for formset in formsets
        if formset.model is Source
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("name")
    ]
    rows.sort(key=lambda row: row.get("position") or 0)
    return tuple(SourceInput(name=row["name"], url=row.get("url") or "") for row in rows)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
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

    def save_model(self, request: HttpRequest, obj: Article, form: ModelForm[Article],
                   change: bool) -> None:  # fmt: skip
        """Nothing is written yet: ``save_related`` saves the article with its sources and
        tags through one action."""

    def save_related(self, request: HttpRequest, form: ModelForm[Article],
                     formsets: list[BaseInlineFormSet[Any, Any, Any]],
                     change: bool) -> None:  # fmt: skip
        data = form.cleaned_data
        article_input = ArticleInput(
            title=data["title"],
            slug=data["slug"],
            body=data["body"],
            dek=data.get("dek") or "",
            author=data.get("author") or "",
            published_at=data.get("published_at"),
            sources=_sources(formsets),
            tags=tuple(tag.name for tag in data.get("tags") or ()),
            trailer_url=data.get("trailer_url") or "",
        )
        if change:
            saved = services.article_update(
                article=Article.objects.get(pk=form.instance.pk),
                article_input=article_input,
                status=data["status"],
            )
        else:
            saved = services.article_create(article_input=article_input, status=data["status"])
        form.instance.pk = saved.pk
        form.instance.published_at = saved.published_at
        for formset in formsets:  # the admin's change message reads what a formset saved
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def get_deleted_objects(
        self, objs: Sequence[Article] | QuerySet[Article], request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[Any]]:
        """An article's entities, comments and other dependent rows go with it, although
        their own screens do not delete them one by one."""
        deleted, counts, _permissions_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        services.article_delete(article=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_delete(article=article)

    @admin.action(description="Publish the selected articles")
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_publish(article=article)
        self.message_user(request, f"Published {len(queryset)} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish the selected articles (back to draft, taken down now)")
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            services.article_unpublish(article=article)
        self.message_user(request, f"Unpublished {len(queryset)} article(s).", messages.SUCCESS)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

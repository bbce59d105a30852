"""The editors' newsroom admin: every save, delete and action goes through ``newsroom.services``.

The change form only collects input: ``save_related`` hands the article's fields, sources and
tags to one action (``article_create`` or ``article_update``), which writes them atomically and
names what follows after commit. The linker's entities are shown read-only (verdicts are
linking's, see ``linking.admin``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from marquee.catalog.admin import HTTPS_URL_FIELDS
from marquee.linking.admin import ArticleEntityInline
from marquee.newsroom import services
from marquee.newsroom.article_format import ArticleInput, SourceInput
from marquee.newsroom.models import Article, EditorialEvent, Source, Tag


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


class ArticleForm(ModelForm[Article]):
    trailer_url = forms.URLField(
        label="Trailer URL", required=False, max_length=500, assume_scheme="https"
    )
    revision_message = forms.CharField(
        label="What changed",
        required=False,
        max_length=300,
        help_text="Kept with the revision this save makes (see the article's history).",
    )

    class Meta:
        model = Article
        fields = ["title", "slug", "dek", "author", "body", "image", "trailer_url", "tags"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    """Writing and editing. Moving a story along (review, scheduling, publishing, corrections,
    previews, revisions) happens in the editorial area, /editorial/ (docs/workflow.md); the
    publish and unpublish actions here are an editor's shortcut."""

    form = ArticleForm
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "status", "published_at", "author", "owner"]
    list_filter = ["status", "published_at", "tags"]
    search_fields = ["title", "slug", "dek", "author"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["tags"]
    autocomplete_fields = ["image"]
    inlines = [SourceInline, ArticleEntityInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["status", "published_at", "owner", "workflow"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "author", "body"]}),
        ("Publication", {"fields": ["workflow", "status", "published_at", "owner"]}),
        ("Extras", {"fields": ["image", "trailer_url", "tags"]}),
        (None, {"fields": ["revision_message"]}),
    ]

    @admin.display(description="Workflow")
    def workflow(self, obj: Article) -> str:
        if obj.pk is None:
            return "A new article starts as a draft."
        pending = " A draft revision waits for an editor." if obj.pending_revision_id else ""
        return format_html(
            '<a href="{}">Review, schedule, publish, revisions and previews</a>{}',
            reverse("newsroom:editorial-article", args=[obj.pk]),
            pending,
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return services.may_create(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        """A writer's list holds their own stories: others' drafts are not theirs to read."""
        articles = super().get_queryset(request)
        if services.may_edit_any(request.user):
            return articles
        return articles.filter(owner=request.user.pk)

    def has_view_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_view_permission(request, obj):
            return False
        return (
            obj is None or services.may_edit_any(request.user) or (obj.owner_id == request.user.pk)
        )

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return services.may_edit(request.user, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not services.may_publish(request.user):
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

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
            sources=_sources(formsets),
            tags=tuple(tag.name for tag in data.get("tags") or ()),
            trailer_url=data.get("trailer_url") or "",
        )
        image = data.get("image")
        message = data.get("revision_message") or ""
        if change:
            article = Article.objects.get(pk=form.instance.pk)
            saved = services.article_update(
                article=article,
                article_input=article_input,
                status=article.status,
                by=request.user,
                message=message,
                image_id=image.pk if image is not None and image.pk != article.image_id else None,
            )
            if image is None and saved.image_id is not None and not saved.pending_revision_id:
                services.article_image_set(saved, None)
            if saved.pending_revision_id:
                self.message_user(
                    request,
                    "The article is live: your changes are kept as a draft revision, and "
                    "readers see them once an editor publishes it.",
                    messages.WARNING,
                )
        else:
            saved = services.article_create(
                article_input=article_input, by=request.user, message=message or "Created"
            )
            if image is not None:
                services.article_image_set(saved, image)
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

    @admin.action(description="Publish the selected articles now")
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        try:
            for article in queryset:
                services.article_publish(article=article, by=request.user)
        except services.EditorialRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return
        self.message_user(request, f"Published {len(queryset)} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish the selected articles (taken down now)")
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        try:
            for article in queryset:
                services.article_unpublish(article=article, by=request.user)
        except services.EditorialRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return
        self.message_user(request, f"Unpublished {len(queryset)} article(s).", messages.SUCCESS)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(EditorialEvent)
class EditorialEventAdmin(admin.ModelAdmin[EditorialEvent]):
    """The audit trail: every transition and every refused attempt, read-only."""

    list_display = ["created_at", "article_title", "action", "from_state", "to_state", "actor",
                    "refused"]  # fmt: skip
    list_filter = ["refused", "action", "created_at"]
    search_fields = ["article_title", "note", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: EditorialEvent | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: EditorialEvent | None = None
    ) -> bool:
        return False

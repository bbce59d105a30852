"""Editors review what the linker found: confirm or reject entities, and see unlinked names.

Every verdict — a list action, the change form, or the article page's inline — goes through
``services.article_entity_set_state``, so the article body's links follow at once. Entities come
from the linker only: they are neither added nor deleted here (reject one instead)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from marquee.linking import services
from marquee.linking.models import ArticleEntity, EntityState, LinkCandidate
from marquee.newsroom.models import Article


def confidence_text(row: ArticleEntity) -> str:
    """The linker's confidence as a percentage ("—" for entities an editor added)."""
    return "—" if row.confidence is None else f"{row.confidence:.0%}"


def mentions_html(row: ArticleEntity, most: int = 5) -> str:
    """The first distinct mention texts, highlighted as they read in the article."""
    texts = list(dict.fromkeys(m.get("text", "") for m in row.mentions))
    return format_html_join(", ", "<mark>{}</mark>", ((text,) for text in texts[:most]))


@admin.register(ArticleEntity)
class ArticleEntityAdmin(admin.ModelAdmin[ArticleEntity]):
    list_display = ["target_name", "entity_kind", "article", "state", "confidence_shown",
                    "mention_texts"]  # fmt: skip
    list_filter = ["state"]
    search_fields = ["article__title", "person__name", "title__name", "character__name"]
    list_select_related = ["article", "person", "title", "character"]
    actions = ["confirm", "reject", "back_to_automatic"]
    show_full_result_count = False
    fields = ["article", "target_name", "entity_kind", "state", "confidence_shown",
              "mention_texts"]  # fmt: skip
    readonly_fields = ["article", "target_name", "entity_kind", "confidence_shown",
                       "mention_texts"]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # entities come from the linker

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the linker would find it again: reject it instead

    def save_model(self, request: HttpRequest, obj: ArticleEntity, form: ModelForm[ArticleEntity],
                   change: bool) -> None:  # fmt: skip
        stored = ArticleEntity.objects.select_related("article").get(pk=obj.pk)
        services.article_entity_set_state(article_entity=stored, state=obj.state)

    @admin.display(description="entity")
    def target_name(self, row: ArticleEntity) -> str:
        return str(row.target)

    @admin.display(description="type")
    def entity_kind(self, row: ArticleEntity) -> str:
        return row.entity_type

    @admin.display(description="confidence", ordering="confidence")
    def confidence_shown(self, row: ArticleEntity) -> str:
        return confidence_text(row)

    @admin.display(description="mentions")
    def mention_texts(self, row: ArticleEntity) -> str:
        return mentions_html(row)

    def _set_state(self, request: HttpRequest, rows: QuerySet[ArticleEntity], state: str) -> None:
        for row in rows.select_related("article"):
            services.article_entity_set_state(article_entity=row, state=state)
        label = EntityState(state).label.lower()
        self.message_user(request, f"{len(rows)} entit(ies) now {label}.", messages.SUCCESS)

    @admin.action(description="Confirm the selected entities")
    def confirm(self, request: HttpRequest, queryset: QuerySet[ArticleEntity]) -> None:
        self._set_state(request, queryset, EntityState.CONFIRMED)

    @admin.action(description="Reject the selected entities (kept rejected when re-linking)")
    def reject(self, request: HttpRequest, queryset: QuerySet[ArticleEntity]) -> None:
        self._set_state(request, queryset, EntityState.REJECTED)

    @admin.action(description="Return the selected entities to automatic")
    def back_to_automatic(self, request: HttpRequest, queryset: QuerySet[ArticleEntity]) -> None:
        self._set_state(request, queryset, EntityState.AUTO)


@admin.register(LinkCandidate)
class LinkCandidateAdmin(admin.ModelAdmin[LinkCandidate]):
    list_display = ["text", "guess", "occurrences", "article", "add_to_knowledge_base"]
    list_filter = ["guess"]
    search_fields = ["text", "article__title"]
    list_select_related = ["article"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # candidates come from the linker only

    @admin.display(description="add")
    def add_to_knowledge_base(self, row: LinkCandidate) -> str:
        model = "title" if row.guess == "title" else "person"
        url = reverse(f"admin:catalog_{model}_add") + "?" + urlencode({"name": row.text})
        return format_html('<a href="{}">Add as a {}</a>', url, model)


class ArticleEntityInline(admin.TabularInline[ArticleEntity, Article]):
    """The entities of an article on its admin page, read-only: verdicts are given on the
    entity's own page (linked) or with the list actions, through the linking service."""

    model = ArticleEntity
    extra = 0
    fields = ["entity", "state", "confidence", "mentions_shown"]
    readonly_fields = ["entity", "state", "confidence", "mentions_shown"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="entity")
    def entity(self, row: ArticleEntity) -> str:
        url = reverse("admin:linking_articleentity_change", args=[row.pk])
        return format_html('<a href="{}">{} ({})</a>', url, row.target, row.entity_type)

    @admin.display(description="confidence")
    def confidence(self, row: ArticleEntity) -> str:
        return confidence_text(row)

    @admin.display(description="mentions")
    def mentions_shown(self, row: ArticleEntity) -> str:
        return mentions_html(row)

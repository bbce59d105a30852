"""Editors review what the linker found: confirm or reject entities, and see unlinked names."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from marquee.linking import services
from marquee.linking.models import LinkCandidate
from marquee.newsroom.models import ArticleEntity, EntityState


@admin.register(ArticleEntity)
class ArticleEntityAdmin(admin.ModelAdmin):
    list_display = ["target_name", "entity_kind", "article", "state", "confidence_shown",
                    "mention_texts"]  # fmt: skip
    list_filter = ["state"]
    search_fields = ["article__title", "person__name", "title__name", "character__name"]
    list_select_related = ["article", "person", "title", "character"]
    raw_id_fields = ["article", "person", "title", "character"]
    actions = ["confirm", "reject", "back_to_automatic"]
    show_full_result_count = False

    @admin.display(description="entity")
    def target_name(self, row: ArticleEntity) -> str:
        return str(row.target)

    @admin.display(description="type")
    def entity_kind(self, row: ArticleEntity) -> str:
        return row.entity_type

    @admin.display(description="confidence", ordering="confidence")
    def confidence_shown(self, row: ArticleEntity) -> str:
        return "—" if row.confidence is None else f"{row.confidence:.2f}"

    @admin.display(description="mentions")
    def mention_texts(self, row: ArticleEntity) -> str:
        texts = list(dict.fromkeys(m.get("text", "") for m in row.mentions))
        return ", ".join(texts[:5])

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
class LinkCandidateAdmin(admin.ModelAdmin):
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

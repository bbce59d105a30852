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
from django.utils.safestring import mark_safe

from marquee.linking import selectors, services
from marquee.linking.models import ArticleEntity, EntityState, LinkCandidate
from marquee.newsroom.models import Article


def confidence_text(row: ArticleEntity) -> str:
    """The linker's confidence as a percentage ("—" for entities an editor added)."""
    return "—" if row.confidence is None else f"{row.confidence:.0%}"


def mentions_html(row: ArticleEntity, most: int = 5) -> str:
    """The first distinct mention texts, highlighted as they read in the article."""
    texts = list(dict.fromkeys(m.get("text", "") for m in row.mentions))
    return format_html_join(", ", "<mark>{}</mark>", ((text,) for text in texts[:most]))


ALIAS_KINDS = {"english_name": "English name", "hangul": "Hangul", "other_name": "other name",
               "other_title": "other title"}  # fmt: skip
CHANGES = {"order": "word order", "romanization": "romanization", "spacing": "spacing",
           "english_name": "English name", "hangul": "Hangul spelling",
           "title_form": "title form", "folded": "same once folded"}  # fmt: skip
SHORT_RULES = {"most_mentioned": "mentioned most", "most_recent": "mentioned last",
               "credited": "the one so named in the credits"}  # fmt: skip
CAST = {"person_and_title": "its actor and title", "person": "its actor", "title": "its title"}


def evidence_text(item: dict[str, Any], labels: dict[str, str] | None = None) -> str:
    """One evidence item of ``ArticleEntity.evidence`` as an editor reads it: 'alias “Steve
    Noh” (English name)', 'context: novel, 2019 — over Love in the Big City (film)'. Ids are
    named from ``labels`` (``selectors.entity_labels``) when given, else shown as they are."""
    labels = labels or {}

    def names(ids: list[str]) -> str:
        return ", ".join(labels.get(entity_id, entity_id) for entity_id in ids)

    kind = item.get("kind")
    if kind == "exact":
        what = "Hangul name" if item.get("field") == "native_name" else "name"
        text = f"exact {what} “{item.get('key')}”"
    elif kind == "alias":
        alias_kind = ALIAS_KINDS.get(item.get("alias_kind", ""), item.get("alias_kind"))
        text = f"alias “{item.get('key')}” ({alias_kind})"
    elif kind == "variant":
        changes = ", ".join(CHANGES.get(change, change) for change in item.get("changes", []))
        text = f"variant “{item.get('written')}” of {item.get('key')}"
        if item.get("alias"):
            text += f" with alias “{item['alias']}”"
        text += f" ({changes})" if changes else ""
    elif kind == "fuzzy":
        edits = item.get("distance")
        if edits:
            text = (f"typo “{item.get('written')}” for {item.get('key')} "
                    f"({edits} edit{'' if edits == 1 else 's'})")  # fmt: skip
        else:  # the same words once "the", plurals, "&"/"and", "Mister"/"Mr" are set aside
            text = f"another form “{item.get('written')}” of {item.get('key')}"
        return text
    elif kind == "partial":
        text = f"part “{item.get('written')}” of {item.get('key')}"
        if item.get("support") == "title":
            text += ", named in full in the article"
        elif item.get("credited"):
            text += f", credited to {names(item['credited'])}, named in the article"
    elif kind == "short":
        text = f"short “{item.get('written')}”"
        if item.get("after"):
            text += f" after “{item['after'].get('text')}”"
        if item.get("rule") in SHORT_RULES:
            text += f" ({SHORT_RULES[item['rule']]})"
        if item.get("title"):
            text += f" of {names([item['title']])}"
    elif kind == "translation":
        text = f"translated title “{item.get('written')}” of {item.get('key')}"
        if item.get("cue"):
            text += f" (“{item['cue']}”)"
    elif kind == "character":
        name = item.get("key") or item.get("written")
        if item.get("by") == "cast":
            text = f"character “{name}”, {CAST.get(item.get('mentioned', ''), '')} mentioned"
        else:
            how = "by a phrase (“as”, “plays”)" if item.get("explicit") else "written next to it"
            text = f"character “{name}” bound to its actor {how}"
            if not item.get("credited"):
                text += " (not in the credits)"
    elif kind == "context":
        parts = list(item.get("cues", []))
        if item.get("possessive"):
            parts.append(f"{names([item['possessive']])}’s")
        text = "context: " + (", ".join(parts) or "no cue words")
        if item.get("credited"):
            text += f"; credits mentioned: {names(item['credited'])}"
    else:
        return str(item)
    if item.get("over"):
        text += f" — over {names(item['over'])}"
    return text


def evidence_ids(items: list[dict[str, Any]]) -> set[str]:
    """The entity ids that evidence items refer to (to name them in one query)."""
    found: set[str] = set()
    for item in items:
        found.update(item.get("over", []))
        found.update(item.get("credited", []) if item.get("kind") in ("context", "partial") else [])
        if item.get("possessive"):
            found.add(item["possessive"])
        if item.get("kind") == "short" and item.get("title"):
            found.add(item["title"])
    return found


def evidence_html(row: ArticleEntity, labels: dict[str, str] | None = None) -> str:
    """The evidence of a finding, one item a line ("—" when none is stored: an older link)."""
    items = row.evidence if isinstance(row.evidence, list) else []
    if not items:
        return "—"
    return format_html_join(
        mark_safe("<br>"), "{}", ((evidence_text(item, labels),) for item in items)
    )


@admin.register(ArticleEntity)
class ArticleEntityAdmin(admin.ModelAdmin[ArticleEntity]):
    list_display = ["target_name", "entity_kind", "article", "state", "confidence_shown",
                    "mention_texts", "evidence_summary"]  # fmt: skip
    list_filter = ["state"]
    search_fields = ["article__title", "person__name", "title__name", "character__name"]
    list_select_related = ["article", "person", "title", "character"]
    actions = ["confirm", "reject", "back_to_automatic"]
    show_full_result_count = False
    fields = ["article", "target_name", "entity_kind", "state", "confidence_shown",
              "mention_texts", "evidence_shown"]  # fmt: skip
    readonly_fields = ["article", "target_name", "entity_kind", "confidence_shown",
                       "mention_texts", "evidence_shown"]  # fmt: skip

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

    @admin.display(description="why")
    def evidence_summary(self, row: ArticleEntity) -> str:
        return evidence_html(row)  # ids as they are: no query per row

    @admin.display(description="why it was linked")
    def evidence_shown(self, row: ArticleEntity) -> str:
        items = row.evidence if isinstance(row.evidence, list) else []
        return evidence_html(row, selectors.entity_labels(evidence_ids(items)))

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
    fields = ["entity", "state", "confidence", "mentions_shown", "evidence_shown"]
    readonly_fields = ["entity", "state", "confidence", "mentions_shown", "evidence_shown"]
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

    @admin.display(description="why")
    def evidence_shown(self, row: ArticleEntity) -> str:
        return evidence_html(row)  # ids as they are: no query per row

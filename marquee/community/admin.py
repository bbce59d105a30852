"""The community in the admin: every write goes through the services.

Nothing here saves or deletes a model itself. Bans, closings and decisions on comments are the
same actions as on ``/moderation/``, so they are checked and recorded the same way; the tables
the services own (profiles, comments, reports, the log) are read-only here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from marquee.community import selectors, services
from marquee.community.errors import Refusal
from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentReport,
    CommentStatus,
    ModerationAction,
    ReaderProfile,
    WordRule,
)


def _acting_user(request: HttpRequest) -> User:
    """The staff member using the admin (the admin site lets no one else in)."""
    if not isinstance(request.user, User):
        raise PermissionDenied("Log in first.")
    return request.user


def _is_moderator(request: HttpRequest) -> bool:
    return selectors.is_moderator(request.user)


ModelT = TypeVar("ModelT", bound=Model)


class ServiceAdmin(admin.ModelAdmin[ModelT]):
    """Read-only unless a subclass routes a write through a service; moderators may look.

    A ``Refusal`` from a service becomes an error message over the same form, and the admin's
    transaction is rolled back.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or _is_moderator(request)

    def has_view_permission(self, request: HttpRequest, obj: ModelT | None = None) -> bool:
        return super().has_view_permission(request, obj) or _is_moderator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ModelT | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ModelT | None = None) -> bool:
        return False

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        """Who may run actions marked ``permissions=["moderate"]``."""
        return _is_moderator(request)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refusal as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refusal as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def act_on_each(
        self, request: HttpRequest, objects: Iterable[ModelT], act: Callable[[ModelT], str]
    ) -> None:
        """Run ``act`` (one service call) per object, reporting what it says or the refusal."""
        for obj in objects:
            try:
                done = act(obj)
            except Refusal as refusal:
                self.message_user(request, f"{obj}: {refusal.message}", messages.ERROR)
            else:
                self.message_user(request, done, messages.SUCCESS)


class BanActionForm(ActionForm):
    reason = forms.CharField(
        required=False, max_length=300, label="Reason (for a ban)", help_text="Shown in the log."
    )


@admin.register(ReaderProfile)
class ReaderProfileAdmin(ServiceAdmin[ReaderProfile]):
    """Bans through ``reader_ban``/``reader_unban``; the profile itself is read-only."""

    list_display = ["user", "banned_at", "ban_reason"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "replies_seen_at", "banned_at", "ban_reason"]
    action_form = BanActionForm
    actions = ["ban_readers", "lift_bans"]

    @admin.action(description="Ban the selected readers", permissions=["moderate"])
    def ban_readers(self, request: HttpRequest, queryset: QuerySet[ReaderProfile]) -> None:
        moderator = _acting_user(request)
        reason = request.POST.get("reason", "").strip()

        def ban(profile: ReaderProfile) -> str:
            rejected = services.reader_ban(moderator=moderator, reader=profile.user, reason=reason)
            return f"Banned {profile.user.get_username()}; {rejected} held comment(s) rejected."

        self.act_on_each(request, queryset.select_related("user"), ban)

    @admin.action(description="Lift the ban", permissions=["moderate"])
    def lift_bans(self, request: HttpRequest, queryset: QuerySet[ReaderProfile]) -> None:
        moderator = _acting_user(request)

        def unban(profile: ReaderProfile) -> str:
            name = profile.user.get_username()
            if services.reader_unban(moderator=moderator, reader=profile.user):
                return f"Lifted the ban on {name}."
            return f"{name} was not banned."

        self.act_on_each(request, queryset.select_related("user"), unban)


@admin.register(ClosedDiscussion)
class ClosedDiscussionAdmin(ServiceAdmin[ClosedDiscussion]):
    """Adding closes an article's comments (``discussion_close``), deleting reopens them
    (``discussion_open``); a closing is never edited."""

    list_display = ["article", "closed_by", "closed_at"]
    list_select_related = ["article", "closed_by"]
    raw_id_fields = ["article"]

    def get_fields(
        self, request: HttpRequest, obj: ClosedDiscussion | None = None
    ) -> tuple[str, ...]:
        return ("article",) if obj is None else ("article", "closed_by", "closed_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_moderator(request)

    def has_delete_permission(
        self, request: HttpRequest, obj: ClosedDiscussion | None = None
    ) -> bool:
        return _is_moderator(request)

    def save_model(
        self, request: HttpRequest, obj: ClosedDiscussion, form: Any, change: bool
    ) -> None:
        closing = services.discussion_close(moderator=_acting_user(request), article=obj.article)
        obj.pk = closing.pk  # the admin links to and logs the row the service stored
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: ClosedDiscussion) -> None:
        services.discussion_open(moderator=_acting_user(request), article=obj.article)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ClosedDiscussion]) -> None:
        for closing in queryset.select_related("article"):
            services.discussion_open(moderator=_acting_user(request), article=closing.article)


@admin.register(Comment)
class CommentAdmin(ServiceAdmin[Comment]):
    """Read-only; approving and rejecting are the moderation queue's actions, recorded alike."""

    list_display = ["pk", "article", "author", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["article", "author"]
    search_fields = ["body", "author__username"]
    fields = [
        "article",
        "author",
        "parent",
        "thread",
        "body",
        "status",
        "hold_reason",
        "created_at",
        "edited_at",
    ]
    actions = ["approve_comments", "reject_comments"]

    @admin.action(description="Approve the selected comments", permissions=["moderate"])
    def approve_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        moderator = _acting_user(request)

        def approve(comment: Comment) -> str:
            if comment.status == CommentStatus.PUBLISHED:  # approving it keeps it: say so
                dismissed = services.comment_reports_dismiss(moderator=moderator, comment=comment)
                return (
                    f"Kept the comment by {comment.author_name}; dismissed {dismissed} report(s)."
                )
            services.comment_approve(moderator=moderator, comment=comment)
            return f"Approved the comment by {comment.author_name}."

        self.act_on_each(request, queryset.select_related("article", "author"), approve)

    @admin.action(description="Reject the selected comments", permissions=["moderate"])
    def reject_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        moderator = _acting_user(request)

        def reject(comment: Comment) -> str:
            services.comment_reject(moderator=moderator, comment=comment)
            return f"Rejected the comment by {comment.author_name}."

        self.act_on_each(request, queryset.select_related("article", "author"), reject)


@admin.register(CommentReport)
class CommentReportAdmin(ServiceAdmin[CommentReport]):
    """Read-only: a report is closed by deciding on its comment."""

    list_display = ["comment", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = ["reason"]
    list_select_related = ["reporter"]


@admin.register(ModerationAction)
class ModerationActionAdmin(ServiceAdmin[ModerationAction]):
    """The log is a record: nobody adds, changes or deletes it."""

    list_display = ["created_at", "moderator", "action", "comment", "reader", "article"]
    list_filter = ["action"]
    list_select_related = ["moderator", "reader", "article"]


@admin.register(WordRule)
class WordRuleAdmin(ServiceAdmin[WordRule]):
    """Moderators keep the word lists through ``word_rule_save`` and ``word_rule_delete``."""

    list_display = ["phrase", "kind"]
    list_filter = ["kind"]
    search_fields = ["phrase"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_moderator(request)

    def has_change_permission(self, request: HttpRequest, obj: WordRule | None = None) -> bool:
        return _is_moderator(request)

    def has_delete_permission(self, request: HttpRequest, obj: WordRule | None = None) -> bool:
        return _is_moderator(request)

    def save_model(self, request: HttpRequest, obj: WordRule, form: Any, change: bool) -> None:
        saved = services.word_rule_save(
            moderator=_acting_user(request),
            phrase=form.cleaned_data["phrase"],
            kind=form.cleaned_data["kind"],
            rule=obj if change else None,
        )
        obj.pk = saved.pk  # the admin links to and logs the row the service stored
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: WordRule) -> None:
        services.word_rule_delete(moderator=_acting_user(request), rule=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[WordRule]) -> None:
        for rule in queryset:
            services.word_rule_delete(moderator=_acting_user(request), rule=rule)

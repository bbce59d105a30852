from django.contrib import admin

from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentReport,
    ModerationAction,
    ReaderProfile,
    WordRule,
)


@admin.register(WordRule)
class WordRuleAdmin(admin.ModelAdmin):
    list_display = ["phrase", "kind"]
    list_filter = ["kind"]
    search_fields = ["phrase"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Read-mostly: moderation happens in the queue, so that every action is recorded."""

    list_display = ["pk", "article", "author", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["body", "author__username"]
    raw_id_fields = ["article", "author", "parent", "thread"]
    readonly_fields = ["body_html", "status", "hold_reason", "created_at", "edited_at"]


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = ["reason"]
    raw_id_fields = ["comment", "reporter"]


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "action", "comment", "reader", "article"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False  # the log is a record, not editable


@admin.register(ReaderProfile)
class ReaderProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "banned_at", "ban_reason"]
    raw_id_fields = ["user"]


admin.site.register(ClosedDiscussion)

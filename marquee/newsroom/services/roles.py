"""Who may do what in the newsroom (docs/workflow.md), checked here, under every screen, the
API and the command line.

The roles are groups made by a migration: **Writers** create articles and edit their own
while they are drafts, in review or unpublished, and submit them for review; **Editors** edit
every article, publish, schedule and unpublish; **Moderators** moderate comments; **Admins**
and superusers may do everything. ``by=None`` is the operator at the command line (or the
system: the scheduler), who may do everything too.

A refusal is recorded in the audit trail before :class:`EditorialRefused` is raised, so the
screens that catch it (and let their transaction commit) keep the record.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied

from marquee.newsroom.models import Article, ArticleStatus, EditorialEvent

# The states in which a writer may still change their own story.
WRITER_EDITABLE = (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.UNPUBLISHED)


class EditorialRefused(PermissionDenied):
    """A newsroom member tried what their role does not allow; ``str(error)`` says what."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def username(user: Any) -> str:
    return "the operator" if user is None else str(user.get_username())


def _all_powerful(user: Any) -> bool:
    return user is None or bool(user.is_superuser)


def may_publish(user: Any) -> bool:
    return _all_powerful(user) or bool(user.has_perm("newsroom.publish_article"))


def may_create(user: Any) -> bool:
    return _all_powerful(user) or bool(user.has_perm("newsroom.add_article"))


def may_edit_any(user: Any) -> bool:
    return _all_powerful(user) or bool(user.has_perm("newsroom.edit_any_article"))


def may_edit(user: Any, article: Article) -> bool:
    """Editors edit everything; writers their own stories until an editor takes them further."""
    if _all_powerful(user) or user.has_perm("newsroom.edit_any_article"):
        return True
    if not user.has_perm("newsroom.change_article"):
        return False
    if article.pk is None:
        return True
    return article.owner_id == user.pk and article.status in WRITER_EDITABLE


def may_submit(user: Any, article: Article) -> bool:
    return may_edit(user, article) and (
        _all_powerful(user) or bool(user.has_perm("newsroom.submit_article"))
    )


def refuse(user: Any, article: Article | None, action: str, message: str) -> NoReturn:
    """Record the refusal in the audit trail, then raise it."""
    EditorialEvent.objects.create(
        article=article if article is not None and article.pk else None,
        article_title=(article.title if article is not None else "")[:300],
        actor=user,
        action=action,
        from_state=article.status if article is not None and article.pk else "",
        note=message,
        refused=True,
    )
    raise EditorialRefused(message)


def require_publish(user: Any, article: Article, action: str) -> None:
    if not may_publish(user):
        refuse(user, article, action, f"{username(user)} may not publish, schedule or unpublish "
               "articles: an editor does that")  # fmt: skip


def require_edit(user: Any, article: Article, action: str = "edit") -> None:
    if article.pk is None and not may_create(user):
        refuse(user, article, "create", f"{username(user)} may not write articles")
    if article.pk is not None and not may_edit(user, article):
        if getattr(user, "pk", None) and article.owner_id == user.pk:
            state = article.get_status_display().lower()
            message = f"{username(user)} may not change this article while it is {state}"
        else:
            message = f"{username(user)} may not change other people's articles"
        refuse(user, article, action, message)

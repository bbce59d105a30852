"""Reactions and comments on an article: forms for browsers, JSON for scripts (docs/web.md)."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from marquee.community import selectors, services
from marquee.community.errors import Refusal
from marquee.community.models import Comment, CommentStatus, ReportReason
from marquee.community.views.common import (
    login_required_response,
    payload,
    public_article,
    refusal_response,
    text_field,
    wants_json,
)
from marquee.newsroom import selectors as newsroom_selectors
from marquee.newsroom.models import Article
from marquee.web.pagecache import page_fragments

MAX_ID = 2**63  # ids are 64-bit: a larger number names no comment
HELD_MESSAGE = "Thanks! Your comment will appear once a moderator has approved it."


def _article_url(article: Article, anchor: str = "") -> str:
    return article.get_absolute_url() + (f"#{anchor}" if anchor else "")


@require_http_methods(["GET", "POST"])
def react(request: HttpRequest, slug: str) -> HttpResponse:
    """GET the counts; POST ``reaction=<key>`` to choose, switch or (same again) remove."""
    article = _reactable_article(request, slug)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return login_required_response(
                request, "Log in to react to articles.", _article_url(article, "reactions")
            )
        try:
            summary = services.reaction_set(
                reader=request.user,
                article=article,
                kind=text_field(payload(request), "reaction"),
            )
        except Refusal as refusal:
            back = _article_url(article, "reactions")
            return refusal_response(request, refusal, back_url=back, back_label=article.title)
    if not wants_json(request):
        return HttpResponseRedirect(_article_url(article, "reactions"), status=303)
    if request.method == "GET":
        summary = selectors.reaction_summary(article=article, user=request.user)
    return JsonResponse(summary.as_json())


def _reactable_article(request: HttpRequest, slug: str) -> Article:
    """The public article, on the hottest path without a query: the article page's own
    remembered copy (kept until the next site-wide change, which unpublishing is), else one
    lookup."""
    try:
        return page_fragments(request).remember(
            f"article:{slug}", partial(newsroom_selectors.article_published, slug)
        )
    except Article.DoesNotExist:
        raise Http404("No published article with this address.") from None


def _comment_json(comment: Comment) -> dict[str, object]:
    return {"id": comment.pk, "status": comment.status, "html": comment.body_html}


@require_http_methods(["GET", "POST"])
def comments(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the comments section (for in-place updates); POST ``body`` and optional ``parent``."""
    article = public_article(slug)
    if request.method == "GET":
        if request.headers.get("X-Marquee-Fragment"):
            engagement = selectors.article_engagement(
                article=article,
                user=request.user,
                comment_sort=request.GET.get("comment_sort", ""),
                comment_page_number=request.GET.get("comment_page", 1),
            )
            return render(
                request,
                "community/_comments.html",
                {"article": article, "engagement": engagement},
            )
        query = urlencode(
            {k: v for k, v in request.GET.items() if k in {"comment_sort", "comment_page"}}
        )
        return HttpResponseRedirect(
            article.get_absolute_url() + (f"?{query}" if query else "") + "#comments"
        )
    if not request.user.is_authenticated:
        return login_required_response(
            request, "Log in to join the conversation.", _article_url(article, "comments")
        )
    body, parent = "", ""
    try:
        data = payload(request)
        body = text_field(data, "body")
        parent_id = _parent_id(data)
        parent = str(parent_id or "")
        comment = services.comment_post(
            author=request.user, article=article, body=body, parent_id=parent_id
        )
    except Refusal as refusal:
        if wants_json(request):
            return refusal_response(request, refusal)
        return render(
            request,
            "community/comment_form.html",
            {"article": article, "refusal": refusal, "body": body, "parent": parent},
            status=refusal.status,
        )
    if wants_json(request):
        return JsonResponse(_comment_json(comment), status=201)
    if comment.status == CommentStatus.PENDING:
        messages.info(request, HELD_MESSAGE)
    return HttpResponseRedirect(_article_url(article, f"comment-{comment.pk}"), status=303)


def _parent_id(data: dict[str, object]) -> int | None:
    """The ``parent`` field as a comment id (a JSON number or a string of digits), or None."""
    value = data.get("parent")
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < MAX_ID:
        return value
    raise Refusal("invalid_parent", "“parent” must be the id of a comment.")


def _comment_not_found(request: HttpRequest) -> HttpResponse:
    """404 for a comment that does not exist or that the reader may not see (alike)."""
    refusal = Refusal("not_found", "There is no comment with this number.", status=404)
    if wants_json(request):
        return refusal_response(request, refusal)
    raise Http404(refusal.message)


@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_for_reader(comment_id=comment_id, user=request.user)
    if comment is None:
        return _comment_not_found(request)
    back = comment.get_absolute_url()
    if not request.user.is_authenticated:
        return login_required_response(request, "Log in to edit your comments.", back)
    refusal: Refusal | None = None
    body = comment.body
    if request.method == "POST":
        try:
            body = text_field(payload(request), "body")
            services.comment_edit(editor=request.user, comment=comment, body=body)
        except Refusal as error:
            if wants_json(request):
                return refusal_response(request, error)
            refusal = error
        else:
            if wants_json(request):
                return JsonResponse({**_comment_json(comment), "edited": True})
            if comment.status == CommentStatus.PENDING:
                messages.info(request, HELD_MESSAGE)
            return HttpResponseRedirect(back, status=303)
    elif comment.author_id != request.user.pk:
        return refusal_response(
            request,
            Refusal("forbidden", services.NOT_YOURS, status=403),
            back_url=back,
            back_label=comment.article.title,
        )
    return render(
        request,
        "community/comment_edit.html",
        {"comment": comment, "body": body, "refusal": refusal},
        status=refusal.status if refusal else 200,
    )


@require_POST
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_for_reader(comment_id=comment_id, user=request.user)
    if comment is None:
        return _comment_not_found(request)
    back = _article_url(comment.article, "comments")
    if not request.user.is_authenticated:
        return login_required_response(request, "Log in to delete your comments.", back)
    try:
        services.comment_delete(reader=request.user, comment=comment)
    except Refusal as refusal:
        return refusal_response(request, refusal, back_url=back, back_label=comment.article.title)
    if wants_json(request):
        return JsonResponse({"id": comment.pk, "status": comment.status})
    messages.success(request, "Your comment was deleted.")
    return HttpResponseRedirect(back, status=303)


@require_POST
def comment_like(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_for_reader(comment_id=comment_id, user=request.user)
    if comment is None:
        return _comment_not_found(request)
    back = comment.get_absolute_url()
    if not request.user.is_authenticated:
        return login_required_response(request, "Log in to like comments.", back)
    try:
        liked = services.comment_like_toggle(reader=request.user, comment=comment)
    except Refusal as refusal:
        return refusal_response(request, refusal, back_url=back, back_label=comment.article.title)
    if wants_json(request):
        return JsonResponse({"id": comment.pk, "liked": liked, "likes": comment.likes.count()})
    return HttpResponseRedirect(back, status=303)


@require_http_methods(["GET", "POST"])
def comment_report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.comment_for_reader(comment_id=comment_id, user=request.user)
    if comment is None:
        return _comment_not_found(request)
    back = comment.get_absolute_url()
    if not request.user.is_authenticated:
        return login_required_response(request, "Log in to report comments.", back)
    refusal: Refusal | None = None
    reason, note = "", ""
    if request.method == "POST":
        try:
            data = payload(request)
            reason, note = text_field(data, "reason"), text_field(data, "note")
            services.comment_report(
                reporter=request.user, comment=comment, reason=reason, note=note
            )
        except Refusal as error:
            if wants_json(request):
                return refusal_response(request, error)
            refusal = error
        else:
            if wants_json(request):
                return JsonResponse({"id": comment.pk, "reported": True}, status=201)
            messages.success(request, "Thank you. A moderator will review this comment.")
            return HttpResponseRedirect(back, status=303)
    return render(
        request,
        "community/comment_report.html",
        {
            "comment": comment,
            "reasons": ReportReason.choices,
            "reason": reason,
            "note": note,
            "refusal": refusal,
        },
        status=refusal.status if refusal else 200,
    )

"""The moderators' queue and actions; only staff with the moderation permission get in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from marquee.community import selectors, services
from marquee.community.errors import Refusal
from marquee.community.models import Comment, CommentStatus
from marquee.community.views.common import public_article, refusal_response, signed_in

View = Callable[..., HttpResponse]


def moderator_required(view: View) -> View:
    """Anonymous readers go to the log-in page; logged-in non-moderators get a 403 saying why."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.is_moderator(request.user):
            return refusal_response(
                request,
                Refusal(
                    "forbidden",
                    "Only moderators can see the moderation queue and act on comments.",
                    status=403,
                ),
            )
        return view(request, *args, **kwargs)

    return wrapped


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = reverse("community:moderation_queue")
    return HttpResponseRedirect(target, status=303)


@require_GET
@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "community/moderation_queue.html", {"queue": selectors.moderation_queue()}
    )


@require_GET
@moderator_required
def log(request: HttpRequest) -> HttpResponse:
    return render(request, "community/moderation_log.html", {"actions": selectors.moderation_log()})


@require_POST
@moderator_required
def comment_decide(request: HttpRequest, comment_id: int, decision: str) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("article", "author"), pk=comment_id)
    moderator = signed_in(request)
    try:
        if decision == "reject":
            note = request.POST.get("note", "")
            services.comment_reject(moderator=moderator, comment=comment, note=note)
            messages.success(request, f"Rejected the comment by {comment.author_name}.")
        elif decision == "dismiss" or comment.status == CommentStatus.PUBLISHED:
            # approving a comment that is published already is keeping it: say and log that
            dismissed = services.comment_reports_dismiss(moderator=moderator, comment=comment)
            messages.success(request, f"Kept the comment; dismissed {dismissed} report(s).")
        else:
            services.comment_approve(moderator=moderator, comment=comment)
            messages.success(request, f"Approved the comment by {comment.author_name}.")
    except Refusal as refusal:
        return refusal_response(request, refusal)
    return _back(request)


@require_POST
@moderator_required
def reader_ban(request: HttpRequest, user_id: int, decision: str) -> HttpResponse:
    reader = get_object_or_404(get_user_model(), pk=user_id)
    try:
        if decision == "ban":
            rejected = services.reader_ban(
                moderator=signed_in(request), reader=reader, reason=request.POST.get("reason", "")
            )
            messages.success(
                request,
                f"Banned {reader.get_username()}; {rejected} held comment(s) rejected.",
            )
        else:
            if services.reader_unban(moderator=signed_in(request), reader=reader):
                messages.success(request, f"Lifted the ban on {reader.get_username()}.")
            else:
                messages.info(request, f"{reader.get_username()} was not banned.")
    except Refusal as refusal:
        return refusal_response(request, refusal)
    return _back(request)


@require_POST
@moderator_required
def discussion(request: HttpRequest, slug: str, decision: str) -> HttpResponse:
    article = public_article(slug)
    if decision == "close":
        services.discussion_close(moderator=signed_in(request), article=article)
        messages.success(request, "Comments are now closed on this article.")
    else:
        services.discussion_open(moderator=signed_in(request), article=article)
        messages.success(request, "Comments are open again on this article.")
    return HttpResponseRedirect(article.get_absolute_url() + "#comments", status=303)

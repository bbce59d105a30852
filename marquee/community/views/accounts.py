"""Reader accounts: sign up, log in and out, password reset, profile, replies, deletion."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django.views.generic.edit import FormMixin

from marquee.community import selectors, services
from marquee.community.forms import (
    AccountDeleteForm,
    RateLimitedAuthenticationForm,
    RateLimitedPasswordChangeForm,
    RateLimitedPasswordResetForm,
    SignupForm,
    is_rate_limited,
)
from marquee.community.views.common import signed_in
from marquee.fans import selectors as fans


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("community:profile")
    form = SignupForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = services.account_create(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to Marquee, {user.get_username()}!")
        return HttpResponseRedirect(_next_url(request) or reverse_lazy("community:profile"))
    return render(
        request,
        "community/signup.html",
        {"form": form, "next": _next_url(request)},
        status=429 if is_rate_limited(form) else 200,
    )


class RateLimitedFormMixin(FormMixin[Any]):
    """A form refused for going over a rate limit is shown again with status 429."""

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        response = super().form_invalid(form)
        if is_rate_limited(form):
            response.status_code = 429
        return response


class LoginView(RateLimitedFormMixin, auth_views.LoginView):
    template_name = "community/login.html"
    authentication_form = RateLimitedAuthenticationForm
    redirect_authenticated_user = True


class PasswordResetView(RateLimitedFormMixin, auth_views.PasswordResetView):
    template_name = "community/password_reset_form.html"
    email_template_name = "community/email/password_reset.txt"
    subject_template_name = "community/email/password_reset_subject.txt"
    success_url = reverse_lazy("community:password_reset_done")
    form_class = RateLimitedPasswordResetForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"site_name": settings.MARQUEE_SITE_NAME}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "community/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "community/password_reset_confirm.html"
    success_url = reverse_lazy("community:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "community/password_reset_complete.html"


class PasswordChangeView(RateLimitedFormMixin, auth_views.PasswordChangeView):
    template_name = "community/password_change.html"
    success_url = reverse_lazy("community:profile")
    form_class = RateLimitedPasswordChangeForm

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        messages.success(self.request, "Your password was changed.")
        return super().form_valid(form)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    options = {option.key: option for option in selectors.reaction_options()}
    return render(
        request,
        "community/profile.html",
        {
            "profile": selectors.reader_profile(user=user),
            "reader_comments": selectors.reader_comments(user=user),
            "reader_reactions": [
                (reaction, options.get(reaction.kind))
                for reaction in selectors.reader_reactions(user=user)
            ],
            "watchlist": list(fans.watchlist_of(user)),
        },
    )


@login_required
def replies(request: HttpRequest) -> HttpResponse:
    """Replies to the reader's comments; opening the page marks them as seen."""
    profile = selectors.reader_profile(user=signed_in(request))
    seen_before = profile.replies_seen_at
    reply_list = list(selectors.replies_to(user=signed_in(request)))
    services.replies_mark_seen(reader=signed_in(request))
    return render(
        request, "community/replies.html", {"replies": reply_list, "seen_before": seen_before}
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete one's own account after confirming the password (wrong guesses are limited)."""
    user = signed_in(request)
    form = AccountDeleteForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        logout(request)
        services.account_delete(user=user)
        return render(request, "community/account_deleted.html")
    status = 200
    if form.is_bound:
        status = 429 if is_rate_limited(form) else 400
    error = " ".join(str(message) for message in form.errors.get("password", []))
    return render(request, "community/account_delete.html", {"error": error}, status=status)

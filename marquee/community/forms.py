"""Account forms: sign-up with an email address, and log-in with attempt limits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.http import HttpRequest

from marquee.community import ratelimit


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        help_text="For resetting your password. Never shown to other readers.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]  # stubs omit it
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address exists already. Log in, or reset its password."
            )
        return email


def _client_address(request: HttpRequest | None) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by clients too, so it is not trusted here.
    return (request.META.get("REMOTE_ADDR") if request else None) or "unknown"


class RateLimitedAuthenticationForm(AuthenticationForm):
    """Django's log-in form, refusing further attempts after too many failures for the same
    account or from the same address (``settings.MARQUEE_LOGIN_RATE_LIMITS``)."""

    def clean(self) -> dict[str, Any]:
        username = (self.cleaned_data.get("username") or "").strip().lower()
        address = _client_address(self.request)
        limits = settings.MARQUEE_LOGIN_RATE_LIMITS
        account_wait = ratelimit.retry_after("login-account", username, [limits["account"]])
        address_wait = ratelimit.retry_after("login-address", address, [limits["address"]])
        if account_wait or address_wait:
            which = "this account" if account_wait else "your network address"
            wait = ratelimit.describe_wait(max(account_wait, address_wait))
            raise forms.ValidationError(
                f"Too many failed log-in attempts for {which}. Try again in {wait}, "
                "or reset your password.",
                code="rate_limited",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.record("login-account", username, [limits["account"]])
            ratelimit.record("login-address", address, [limits["address"]])
            raise
        ratelimit.reset("login-account", username, [limits["account"]])
        return cleaned

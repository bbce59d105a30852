"""Account forms: sign-up, log-in, password reset, change and account deletion, with limits.

Every form that checks a password or sends mail counts the attempt first (``ratelimit.hit``,
one atomic step) and refuses it with a ``rate_limited`` error naming the wait when over a limit;
views answer such a form with status 429.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    UserCreationForm,
    UsernameField,
)
from django.contrib.auth.models import User
from django.http import HttpRequest

from marquee.community import ratelimit

RATE_LIMITED = "rate_limited"


def client_address(request: HttpRequest | None) -> str:
    """The reader's address for per-address limits: ``REMOTE_ADDR``, or the header named by
    ``MARQUEE_CLIENT_ADDRESS_HEADER`` that the site's own proxy sets (behind nginx every
    connection comes from the proxy). X-Forwarded-For is never trusted: clients set it too."""
    if request is None:
        return "unknown"
    header = settings.MARQUEE_CLIENT_ADDRESS_HEADER
    address = request.headers.get(header, "") if header else request.META.get("REMOTE_ADDR")
    return (address or "").strip() or "unknown"


def is_rate_limited(form: forms.BaseForm) -> bool:
    """Whether ``form`` was refused for going over a rate limit (answer it with 429)."""
    return any(
        error.code == RATE_LIMITED for errors in form.errors.as_data().values() for error in errors
    )


def _too_many(what: str, wait: int, then: str = "") -> forms.ValidationError:
    return forms.ValidationError(
        f"Too many {what}. Try again in {ratelimit.describe_wait(wait)}{then}.", code=RATE_LIMITED
    )


def _account_limits() -> list[tuple[int, int]]:
    return [settings.MARQUEE_LOGIN_RATE_LIMITS["account"]]


def check_password_limited(user: User, password: str) -> bool:
    """Whether ``password`` is the user's, counting the guess against the account's limit.

    Log-in, password change and account deletion share one budget of wrong passwords per
    account (``MARQUEE_LOGIN_RATE_LIMITS["account"]``); over it, even the right password is
    refused with a ``rate_limited`` ValidationError until the window ends.
    """
    identity = user.get_username().lower()
    wait = ratelimit.hit("login-account", identity, _account_limits())
    if wait:
        raise _too_many("wrong passwords for this account", wait)
    if user.check_password(password):
        ratelimit.take_back("login-account", identity, _account_limits())
        return True
    return False


class SignupForm(UserCreationForm[User]):
    """A new account; ``MARQUEE_SIGNUP_RATE_LIMITS`` accounts per network address."""

    email = forms.EmailField(
        help_text="For resetting your password. Never shown to other readers.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:  # UserCreationForm.Meta's, plus the email address
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address exists already. Log in, or reset its password."
            )
        return email

    def clean(self) -> dict[str, Any]:
        super().clean()
        if not self.errors:  # only an account about to be created counts
            limits = settings.MARQUEE_SIGNUP_RATE_LIMITS
            wait = ratelimit.hit("signup-address", client_address(self.request), limits)
            if wait:
                raise _too_many("accounts were created from your network address", wait)
        return self.cleaned_data


class RateLimitedAuthenticationForm(AuthenticationForm):
    """Django's log-in form, refusing further attempts after too many failures for the same
    account or from the same address (``settings.MARQUEE_LOGIN_RATE_LIMITS``)."""

    def clean(self) -> dict[str, Any]:
        username = (self.cleaned_data.get("username") or "").strip().lower()
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # the missing field says so; nothing was checked
        address = client_address(self.request)
        limits = settings.MARQUEE_LOGIN_RATE_LIMITS
        wait, refused_by = ratelimit.hit_all(
            [
                ("login-account", username, [limits["account"]]),
                ("login-address", address, [limits["address"]]),
            ]
        )
        if wait:
            which = "this account" if refused_by == 0 else "your network address"
            raise _too_many(f"failed log-in attempts for {which}", wait, ", or reset your password")
        super().clean()  # a wrong password raises: the attempt stays counted
        ratelimit.reset("login-account", username, [limits["account"]])
        ratelimit.take_back("login-address", address, [limits["address"]])
        return self.cleaned_data


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most ``MARQUEE_PASSWORD_RESET_RATE_LIMITS`` mails per
    e-mail address entered and per network address (counted whether or not an account has that
    address, so the refusal tells nobody which addresses have accounts)."""

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self) -> dict[str, Any]:
        super().clean()
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if not email:
            return self.cleaned_data
        limits = settings.MARQUEE_PASSWORD_RESET_RATE_LIMITS
        wait, refused_by = ratelimit.hit_all(
            [
                ("reset-email", email, [limits["email"]]),
                ("reset-address", client_address(self.request), [limits["address"]]),
            ]
        )
        if wait:
            where = "for this email address" if refused_by == 0 else "from your network address"
            raise _too_many(f"password-reset emails were asked {where}", wait)
        return self.cleaned_data


class RateLimitedPasswordChangeForm(PasswordChangeForm):
    """Django's change form; the old password is checked with ``check_password_limited``."""

    def clean_old_password(self) -> str:
        old_password: str = self.cleaned_data["old_password"]
        if not check_password_limited(self.user, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class AccountDeleteForm(forms.Form):
    """The password that confirms deleting one's own account (``check_password_limited``)."""

    password = forms.CharField(strip=False, widget=forms.PasswordInput)

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not check_password_limited(self.user, password):
            raise forms.ValidationError(
                "That password is not right, so your account was not deleted.",
                code="password_incorrect",
            )
        return password

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, path, re_path

from marquee.community.views import accounts, engagement, moderation

app_name = "community"
urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/replies/", accounts.replies, name="replies"),
    path("accounts/delete/", accounts.account_delete, name="account_delete"),
    path("articles/<slug:slug>/react/", engagement.react, name="react"),
    path("articles/<slug:slug>/comments/", engagement.comments, name="comments"),
    path("comments/<int:comment_id>/edit/", engagement.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", engagement.comment_delete, name="comment_delete"),
    path("comments/<int:comment_id>/like/", engagement.comment_like, name="comment_like"),
    path("comments/<int:comment_id>/report/", engagement.comment_report, name="comment_report"),
    path("moderation/", moderation.queue, name="moderation_queue"),
    path("moderation/log/", moderation.log, name="moderation_log"),
    re_path(
        r"^moderation/comments/(?P<comment_id>[0-9]+)/(?P<decision>approve|dismiss|reject)/$",
        moderation.comment_decide,
        name="moderation_comment",
    ),
    re_path(
        r"^moderation/readers/(?P<user_id>[0-9]+)/(?P<decision>ban|unban)/$",
        moderation.reader_ban,
        name="moderation_reader",
    ),
    re_path(
        r"^moderation/articles/(?P<slug>[-a-zA-Z0-9_]+)/(?P<decision>close|open)/$",
        moderation.discussion,
        name="moderation_discussion",
    ),
]

from django.urls import URLPattern, URLResolver, path

from marquee.fans.views import browse, notifications, settings, watchlist

app_name = "fans"
urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/settings/", settings.settings_page, name="settings"),
    path("accounts/settings/tokens/", settings.token_create, name="token_create"),
    path(
        "accounts/settings/tokens/<int:token_id>/revoke/",
        settings.token_revoke,
        name="token_revoke",
    ),
    path("watchlist/", watchlist.watchlist, name="watchlist"),
    path("watchlist/add/", watchlist.watchlist_add, name="watchlist_add"),
    path("watchlist/<str:username>/", watchlist.public_watchlist, name="public_watchlist"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path("watch/", browse.watch, name="watch"),
]

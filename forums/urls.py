"""Forum URLs that are not under a board: permalinks, notifications, unsubscribe links."""

from django.urls import include, path

from . import views
from .moderation import views as moderation_views

app_name = "forums"
urlpatterns = [
    path("forums/posts/<int:pk>/", views.post_permalink, name="post"),
    path("forums/posts/<int:pk>/history/", views.post_history, name="post_history"),
    path("forums/posts/<int:pk>/flag/", moderation_views.flag_post, name="flag_post"),
    path("forums/notifications/", views.notifications, name="notifications"),
    path("forums/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("forums/", include("forums.concerns.urls")),
]

"""Forum URLs that are not under a board: permalinks, notifications, unsubscribe links."""

from django.urls import include, path

from . import views

app_name = "forums"
urlpatterns = [
    path("forums/posts/<int:pk>/", views.post_permalink, name="post"),
    path("forums/notifications/", views.notifications, name="notifications"),
    path("forums/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("forums/", include("forums.concerns.urls")),
]

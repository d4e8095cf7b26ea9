from django.urls import path

from . import views

urlpatterns = [
    path("concerns/raise/", views.raise_concern, name="raise_concern"),
    path("concerns/<int:pk>/<slug:name>/", views.concern_action, name="concern_action"),
]

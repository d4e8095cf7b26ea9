from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("my-data/", views.export_data, name="account_export"),
    path("invitation/<str:token>/", views.accept_invitation, name="account_accept_invitation"),
    path("delete/", views.delete_account, name="account_delete"),
    # allauth's page, with "send it again" (this app's URLs come first in portal/urls.py)
    path("confirm-email/", views.verification_sent, name="account_email_verification_sent"),
    path("confirm-email/again/", views.resend_verification, name="account_resend_verification"),
]

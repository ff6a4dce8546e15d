"""Account URLs: the second factor, the Security page and password change (sign-in is in config.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("security/", views.security, name="security"),
    path("second-factor/", views.verify, name="mfa_verify"),
    path("second-factor/set-up/", views.enrol, name="mfa_enrol"),
    path("second-factor/recovery-codes/", views.recovery_codes, name="mfa_recovery_codes"),
    path("password/change/", views.password_change, name="password_change"),
]

"""The clinic manager's pages, under /clinic/; members are addressed by user id, never by name."""

from django.urls import path

from .views import audit, signature, users

urlpatterns = [
    path("users/", users.user_list, name="clinic_users"),
    path("users/invite/", users.user_invite, name="clinic_invite"),
    path("users/<int:user_id>/reinvite/", users.user_reinvite, name="clinic_reinvite"),
    path("users/<int:user_id>/deactivate/", users.user_deactivate, name="clinic_deactivate"),
    path("users/<int:user_id>/reactivate/", users.user_reactivate, name="clinic_reactivate"),
    path("users/<int:user_id>/reset-password/", users.user_reset_password, name="clinic_reset_password"),
    path("users/<int:user_id>/reset-second-factor/", users.user_reset_mfa, name="clinic_reset_mfa"),
    path("users/<int:user_id>/unlock/", users.user_unlock, name="clinic_unlock"),
    path("users/<int:user_id>/signature/", signature.signature_edit, name="clinic_signature"),
    path("signature/", signature.my_signature, name="my_signature"),
    path("audit/", audit.audit_trail, name="clinic_audit"),
    path("audit.csv", audit.audit_export, name="clinic_audit_export"),
]

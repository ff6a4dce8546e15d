"""One-time links a manager hands to a person: to join the clinic or to set a new password."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class OneTimeLink(models.Model):
    """A link that works once, until it expires; only the SHA-256 of its token is stored."""

    class Purpose(models.TextChoices):
        INVITE = "invite", "Invitation"
        PASSWORD_RESET = "password_reset", "Password reset"

    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Withdrawing a link (a newer one, deactivation) moves its expiry to the moment it was withdrawn.
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="link_user_expires")]

    def __str__(self):
        return f"{self.get_purpose_display()} for user {self.user_id}"

    def is_usable(self, now) -> bool:
        """Return whether the link may still be used at this moment."""
        return self.used_at is None and now < self.expires_at

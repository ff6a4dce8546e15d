"""The audit trail: an append-only record of who read or changed what, when and from where."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    """What happened; the value is stored, so a value never changes meaning."""

    # Patient data shown or sent out
    VIEW = "view", "Viewed patient data"
    LIST = "list", "Listed cases"
    SEARCH = "search", "Searched cases"
    EXPORT = "export", "Exported case file"
    DOWNLOAD = "download", "Downloaded letter"
    # Patient data changed
    CREATE = "create", "Created case"
    IMPORT = "import", "Imported case file"
    CHANGE = "change", "Changed facts"
    STATUS = "status", "Changed status"
    ISSUE = "issue", "Issued letter"
    OVERRIDE = "override", "Issued letter with override"
    DELETE = "delete", "Deleted case"
    ARCHIVE = "archive", "Archived case"
    RESTORE = "restore", "Restored archived case"
    PURGE = "purge", "Purged case"
    CONFLICT = "conflict", "Edit conflict"
    # Integrity
    TAMPER = "tamper", "Stored letter failed its hash check"
    VERIFY = "verify", "Verified a letter"
    # Sign-in and sessions
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    LOCKOUT = "lockout", "Locked out"
    UNLOCK = "unlock", "Unlocked"
    SIGN_OUT = "sign_out", "Signed out"
    SESSION_EXPIRED = "session_expired", "Session expired"
    MFA_ENROLLED = "mfa_enrolled", "Enrolled second factor"
    MFA_VERIFIED = "mfa_verified", "Passed second factor"
    MFA_FAILED = "mfa_failed", "Failed second factor"
    MFA_RESET = "mfa_reset", "Second factor reset"
    RECOVERY_CODE_USED = "recovery_code_used", "Used recovery code"
    PASSWORD_CHANGED = "password_changed", "Changed password"
    PASSWORD_RESET = "password_reset", "Password reset by manager"
    # User management
    USER_INVITED = "user_invited", "Invited user"
    USER_JOINED = "user_joined", "Accepted invitation"
    USER_DEACTIVATED = "user_deactivated", "Deactivated user"
    USER_REACTIVATED = "user_reactivated", "Reactivated user"
    AUDIT_READ = "audit_read", "Read audit trail"
    AUDIT_EXPORT = "audit_export", "Exported audit trail"
    BACKUP = "backup", "Backed up database"
    RESTORE_BACKUP = "restore_backup", "Restored database"


class AppendOnlyQuerySet(models.QuerySet):
    """Refuse bulk changes: the trail is only ever added to."""

    def update(self, **kwargs):
        raise PermissionError("The audit trail cannot be changed.")

    def delete(self):
        raise PermissionError("The audit trail cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError("The audit trail cannot be changed.")


class AuditEvent(models.Model):
    """One thing that happened: who, when, from which address, to which case, and what."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    # Users and cases may go (deactivated, purged); their events stay, so these hold no constraints.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(max_length=150, blank=True)
    clinic_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    case_id = models.UUIDField(null=True, blank=True, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    route = models.CharField(max_length=100, blank=True, help_text="The page or command it came from.")
    detail = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["clinic_id", "-at"], name="audit_clinic_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail cannot be deleted.")

"""Admin: clinics and their members are managed here; cases are read-only for support."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from audit.models import Action
from audit.trail import record

from .models import Case, Clinic, IssuedLetter, Membership

User = get_user_model()


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "npi"]
    search_fields = ["name"]


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    extra = 0
    max_num = 1


admin.site.unregister(User)


@admin.register(User)
class MemberUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "clinic", "role", "is_active"]
    list_select_related = ["membership__clinic"]

    @admin.display(description="clinic")
    def clinic(self, user):
        membership = getattr(user, "membership", None)
        return membership.clinic if membership else "—"

    @admin.display(description="role")
    def role(self, user):
        membership = getattr(user, "membership", None)
        return membership.get_role_display() if membership else "—"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "clinic", "role", "credentials", "npi"]
    list_filter = ["clinic", "role"]
    autocomplete_fields = ["clinic"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Support view: status and history only; patient facts stay in the app, not in admin lists."""

    list_display = ["id", "clinic", "status", "updated_at"]
    list_filter = ["clinic", "status"]
    fields = ["id", "clinic", "status", "created_at", "created_by", "updated_at", "updated_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Admin's bulk delete asks this for each selected case too, so one kept case refuses the batch.
        if obj is not None and not is_deletable(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        self.delete_queryset(request, Case.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        if queryset.filter(~Q(status=Case.Status.DRAFT) | Q(letters__isnull=False)).exists():
            raise PermissionDenied("Ready and issued cases, and cases with letters, are never deleted here.")
        with transaction.atomic():
            for case in queryset:
                record(Action.DELETE, request=request, clinic_id=case.clinic_id, case_id=case.pk, via="admin")
            super().delete_queryset(request, queryset)


def is_deletable(case: Case) -> bool:
    """Return whether admin may delete a case: only a draft that never had a letter."""
    return case.status == Case.Status.DRAFT and not case.letters.exists()


@admin.register(IssuedLetter)
class IssuedLetterAdmin(admin.ModelAdmin):
    """Issued letters are read-only: they never change once issued."""

    list_display = ["case", "version", "issued_by", "issued_at", "verdict", "criteria_version"]
    list_filter = ["verdict"]
    fields = [
        "case",
        "version",
        "issued_by",
        "issued_at",
        "sha256",
        "criteria_version",
        "payer",
        "verdict",
        "override_reason",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

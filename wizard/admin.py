"""Admin: clinics and their members are managed here; cases are read-only for support."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

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

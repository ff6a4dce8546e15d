"""Admin shows the audit trail read-only: nobody adds, changes or deletes an event here."""

from django.contrib import admin

from .models import Action, AuditEvent
from .trail import record


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "case_id", "address", "route"]
    list_filter = ["action"]
    search_fields = ["username", "case_id"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def changelist_view(self, request, extra_context=None):
        # Events hold changed patient facts: reading them here is on the trail like in the app.
        record(Action.AUDIT_READ, request=request, via="admin")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record(Action.AUDIT_READ, request=request, via="admin", event=object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

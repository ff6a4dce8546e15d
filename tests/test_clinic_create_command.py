"""A clinic's first manager comes from the command line, without Django admin."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import Action, AuditEvent
from wizard.models import Clinic, Membership

ARGS = [
    "--name=Mesa Pain Institute",
    "--address=1 Mesa Way\\nMesa, AZ 85201",
    "--phone=(480) 555-0100",
    "--manager=mgr",
    "--first-name=Ana",
    "--last-name=Ortiz",
]


def create(*extra) -> str:
    out = StringIO()
    call_command("create_clinic", *ARGS, *extra, stdout=out)
    return out.getvalue()


def test_creates_the_clinic_and_an_inactive_manager_with_a_working_link(db, client):
    printed = create("--site=https://lmn.example.org/")
    clinic = Clinic.objects.get(name="Mesa Pain Institute")
    assert clinic.address == "1 Mesa Way\nMesa, AZ 85201"
    manager = Membership.objects.select_related("user").get(clinic=clinic)
    assert manager.role == Membership.Role.MANAGER and not manager.user.is_active
    path = re.search(r"https://lmn\.example\.org(/welcome/\S+/)", printed).group(1)
    assert client.get(path).status_code == 200
    event = AuditEvent.objects.get(action=Action.USER_INVITED)
    assert event.clinic_id == clinic.pk and event.detail["target_username"] == "mgr"


def test_refuses_a_bad_npi_or_a_taken_username_and_creates_nothing(db):
    with pytest.raises(CommandError, match="npi"):
        create("--npi=1234567890")
    create()
    with pytest.raises(CommandError, match="taken"):
        call_command(
            "create_clinic", *[a.replace("Mesa Pain", "Other Pain") for a in ARGS], stdout=StringIO()
        )
    assert Clinic.objects.count() == 1

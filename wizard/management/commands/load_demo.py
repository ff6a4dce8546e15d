"""Create the demo clinic, a clinician, a staff user and a manager, and load the model cases."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from ...case_files import create_imported_case, read_case_file
from ...models import Case, Clinic, Membership

EXAMPLES = Path(settings.BASE_DIR) / "examples" / "cases"
CLINIC = {
    "name": "Desert Ridge Pain & Spine Center",
    "address": "4400 E Camelback Rd, Suite 210\nPhoenix, AZ 85018",
    "phone": "(602) 555-0142",
    "fax": "(602) 555-0143",
    "state": "AZ",
    "npi": "1543210987",
}
PEOPLE = (
    ("clinician", "Priya", "Raman", Membership.Role.CLINICIAN, "MD, FIPP", "1987654328"),
    ("staff", "Jordan", "Lee", Membership.Role.STAFF, "", ""),
    ("manager", "Morgan", "Diaz", Membership.Role.MANAGER, "", ""),
)


class Command(BaseCommand):
    help = (
        "Create or refresh the demo clinic and its users (printing their passwords) and load the model cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Use this password for every demo user, not random ones.")

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        clinic, _ = Clinic.objects.update_or_create(name=CLINIC["name"], defaults=CLINIC)
        credentials = [self.ensure_member(clinic, person, password) for person in PEOPLE]
        clinician = credentials[0][0]
        loaded = self.load_cases(clinic, clinician)
        self.stdout.write(self.style.SUCCESS(f"Demo clinic: {clinic.name}"))
        for user, secret, role in credentials:
            self.stdout.write(f"  {role:<13} username: {user.username:<10} password: {secret}")
        self.stdout.write(f"  {loaded} model case(s) loaded; {clinic.cases.count()} case(s) in the clinic.")

    def ensure_member(self, clinic, person, password):
        """Create or reset one demo user; return (user, password, role label)."""
        username, first, last, role, credentials, npi = person
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.first_name, user.last_name, user.is_active = first, last, True
        secret = password or secrets.token_urlsafe(9)
        user.set_password(secret)
        user.save()
        Membership.objects.update_or_create(
            user=user, defaults={"clinic": clinic, "role": role, "credentials": credentials, "npi": npi}
        )
        return user, secret, Membership.Role(role).label

    def load_cases(self, clinic, user) -> int:
        """Import each model case whose patient the clinic does not have yet; mark it ready."""
        loaded = 0
        for path in sorted(EXAMPLES.glob("*.json")):
            facts, saved_steps = read_case_file(path.read_bytes(), timezone.localdate())
            if Case.objects.filter(clinic=clinic, facts__patient__name=facts.patient.name).exists():
                continue
            case = create_imported_case(clinic, user, facts, saved_steps)
            case.status = Case.Status.READY
            case.save(update_fields=["status"])
            loaded += 1
        return loaded

"""Create a clinic and its first manager, and print the manager's one-time invitation link."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import Action
from audit.trail import record
from wizard.models import Clinic, Membership

from ...forms import InviteForm
from ...links import issue_link
from ...models import OneTimeLink


class Command(BaseCommand):
    help = (
        "Create a clinic and its first manager (inactive until they open the printed one-time link and set "
        "a password); the manager invites everyone else from the app's Clinic page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The practice's name, as the letterhead prints it.")
        parser.add_argument("--address", required=True, help="Postal address; use \\n between lines.")
        parser.add_argument("--phone", required=True)
        parser.add_argument("--fax", default="")
        parser.add_argument("--npi", default="", help="The group NPI.")
        parser.add_argument(
            "--state", default="", help="Two-letter postal code of the practice's state, e.g. AZ."
        )
        parser.add_argument("--manager", required=True, help="The manager's username.")
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument(
            "--site", default="", help="e.g. https://lmn.example-clinic.org, to print a full link."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        clinic = Clinic(
            name=options["name"],
            address=options["address"].replace("\\n", "\n"),
            phone=options["phone"],
            fax=options["fax"],
            state=options["state"].upper(),
            npi=options["npi"],
        )
        form = InviteForm(
            {
                "first_name": options["first_name"],
                "last_name": options["last_name"],
                "username": options["manager"],
                "role": Membership.Role.MANAGER,
                "credentials": "",
                "npi": "",
            }
        )
        problems = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
        try:
            clinic.full_clean()
        except ValidationError as error:
            problems += [f"{field}: {' '.join(errors)}" for field, errors in error.message_dict.items()]
        if problems:
            raise CommandError("; ".join(problems))
        clinic.save()
        data = form.cleaned_data
        user = get_user_model().objects.create_user(
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            is_active=False,
        )
        Membership.objects.create(user=user, clinic=clinic, role=Membership.Role.MANAGER)
        token = issue_link(user, OneTimeLink.Purpose.INVITE, created_by=None, now=timezone.now())
        record(
            Action.USER_INVITED,
            user=None,
            clinic_id=clinic.pk,
            route="manage.py create_clinic",
            target_user_id=user.pk,
            target_username=user.get_username(),
            role=Membership.Role.MANAGER,
        )
        link = options["site"].rstrip("/") + reverse("welcome", args=[token])
        self.stdout.write(f"Clinic {clinic.name} (id {clinic.pk}) created.")
        self.stdout.write(
            f"Give {data['first_name']} {data['last_name']} this one-time link to set a password:"
        )
        self.stdout.write(f"  {link}")

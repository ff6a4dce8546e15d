"""Shared builders: clinics, members, signed-in clients, and cases from the model case files."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from wizard.case_files import create_imported_case, read_case_file
from wizard.core.case_format import load_case
from wizard.models import Clinic, Membership

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cases"
TODAY = date(2026, 11, 22)
PASSWORD = "correct-horse-battery-staple"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


def pytest_report_header(config):
    """Name the database engine, so a log shows which of the two suite runs it is."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".rstrip()


def example_data(name: str) -> dict:
    """Return a model case file as decoded JSON."""
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def example_facts(name: str):
    """Return a model case's facts."""
    return load_case(example_data(name))


def make_member(clinic, username, role, npi=""):
    """Create a user in a clinic with a role."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), last_name="Tester"
    )
    Membership.objects.create(user=user, clinic=clinic, role=role, credentials="MD" if npi else "", npi=npi)
    return user


def make_case_from_example(clinic, user, name):
    """Create a case in the clinic from a model case file."""
    facts, steps = read_case_file((EXAMPLES / f"{name}.json").read_bytes(), TODAY)
    return create_imported_case(clinic, user, facts, steps)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply; production keeps Django's default PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(
        name="Test Pain Clinic", address="1 Main St\nTown, AZ 85001", phone="(602) 555-0100", npi="1543210987"
    )


@pytest.fixture
def other_clinic(db):
    return Clinic.objects.create(name="Elsewhere Pain", address="9 Far Rd", phone="(480) 555-0199")


@pytest.fixture
def clinician(clinic):
    return make_member(clinic, "doc", Membership.Role.CLINICIAN, npi="1987654328")


@pytest.fixture
def staff(clinic):
    return make_member(clinic, "desk", Membership.Role.STAFF)


@pytest.fixture
def outsider(other_clinic):
    return make_member(other_clinic, "outsider", Membership.Role.CLINICIAN, npi="1234567893")


def signed_in(client, user):
    """Return the test client signed in as this user."""
    client.force_login(user)
    return client


@pytest.fixture
def clinician_client(client, clinician):
    return signed_in(client, clinician)


@pytest.fixture
def staff_client(client, staff):
    return signed_in(client, staff)


@pytest.fixture
def outsider_client(client, outsider):
    return signed_in(client, outsider)


@pytest.fixture
def example_case(clinic, clinician):
    """The CRPS permanent-implant model case, in the test clinic."""
    return make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")

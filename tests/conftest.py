"""Shared builders: clinics, members, signed-in clients, and cases from the model case files."""

import json
import time
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser_support import allow_orm_beside_playwright, browser, page, server  # noqa: F401 (fixtures)
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
def manager(clinic):
    return make_member(clinic, "boss", Membership.Role.MANAGER)


@pytest.fixture
def outsider(other_clinic):
    return make_member(other_clinic, "outsider", Membership.Role.CLINICIAN, npi="1234567893")


# Django's own Client.force_login: a password-only session that has not passed the second factor.
password_only_login = Client.force_login


def app_device_of(user) -> TOTPDevice:
    """Return the user's confirmed authenticator app, adding one if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """Return a 6-digit code the device accepts now (the next step's if this step's code was used)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        # A code is accepted once; the device also takes the next step's code (tolerance 1).
        totp.time += (device.last_t + 1 - totp.t()) * device.step
    return f"{totp.token():0{device.digits}d}"


def force_login_with_second_factor(client, user, backend=None):
    """Sign the client in as force_login does, with the second factor passed (an app device)."""
    password_only_login(client, user, backend)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device_of(user).persistent_id
    session.save()


@pytest.fixture(autouse=True)
def second_factor_in_force_login(monkeypatch):
    """Let client.force_login pass the second factor too: tests run with it required (the default)."""
    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


def signed_in(client, user):
    """Return the test client signed in as this user, second factor passed."""
    force_login_with_second_factor(client, user)
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
def manager_client(client, manager):
    return signed_in(client, manager)


@pytest.fixture
def example_case(clinic, clinician):
    """The CRPS permanent-implant model case, in the test clinic."""
    return make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")

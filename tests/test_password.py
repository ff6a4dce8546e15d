"""Password change and the password policy (length, common, numeric, and not the user's own name)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.validators import NameInPasswordValidator
from audit.models import Action, AuditEvent
from tests.conftest import PASSWORD

NEW_PASSWORD = "plum-orchard-lantern-42"
CHANGE = reverse("password_change")


def change(client, old=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post(
        CHANGE, {"old_password": old, "new_password1": new, "new_password2": new if again is None else again}
    )


def test_password_change_keeps_the_user_signed_in_and_is_recorded(clinician_client, clinician):
    response = change(clinician_client)
    assert response.status_code == 302
    assert response.url == reverse("security")
    clinician.refresh_from_db()
    assert clinician.check_password(NEW_PASSWORD)
    page = clinician_client.get(response.url)
    assert page.status_code == 200, "still signed in, second factor still passed"
    assert "Your password was changed." in page.content.decode()
    event = AuditEvent.objects.get(action=Action.PASSWORD_CHANGED)
    assert event.user_id == clinician.pk
    assert NEW_PASSWORD not in str(event.detail)


def test_password_change_with_a_wrong_old_password_says_so_beside_the_field(clinician_client, clinician):
    response = change(clinician_client, old="not-my-password")
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action=Action.PASSWORD_CHANGED).exists()


@pytest.mark.parametrize(
    ("new", "code"),
    [
        ("short-pw-1x", "password_too_short"),
        ("password12345", "password_too_common"),
        ("736492018374", "password_entirely_numeric"),
        ("My-Tester-Password-9", "password_contains_name"),
    ],
)
def test_password_change_refuses_weak_passwords_with_a_plain_message(clinician_client, clinician, new, code):
    response = change(clinician_client, new=new)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["new_password2"]
    assert code in [error.code for error in errors]
    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)


def test_password_change_page_lists_the_rules(clinician_client):
    page = clinician_client.get(CHANGE).content.decode()
    assert "can’t contain your name or username" in page
    assert "at least 12 characters" in page


def person(username="jsmith", first_name="Mary-Anne", last_name="Smith"):
    return SimpleNamespace(username=username, first_name=first_name, last_name=last_name)


@pytest.mark.parametrize(
    "password",
    [
        "xx-JSMITH-2024-yy",  # username, any case
        "i-am-mary-anne-99",  # the whole first name
        "anne-of-green-gables",  # a part of the first name
        "smithereens-forever",  # the last name inside a word
    ],
)
def test_name_validator_refuses_a_password_containing_the_name(password):
    with pytest.raises(ValidationError) as refused:
        NameInPasswordValidator().validate(password, person())
    assert refused.value.code == "password_contains_name"
    assert "contains your name or username" in refused.value.messages[0]


@pytest.mark.parametrize(
    "user",
    [
        person(username="al", first_name="Al", last_name="Wu"),  # parts under 3 characters don't count
        person(username="", first_name="", last_name=""),
        None,
    ],
)
def test_name_validator_allows_passwords_without_the_name(user):
    NameInPasswordValidator().validate("walrus-alpine-wunderkind", user)


def test_name_validator_minimum_part_length_is_a_parameter():
    with pytest.raises(ValidationError):
        NameInPasswordValidator(min_part_length=2).validate("walrus-alpine", person(username="al"))


def test_settings_run_the_name_validator_with_djangos(clinician):
    with pytest.raises(ValidationError) as refused:
        validate_password("tester", clinician)
    codes = {error.code for error in refused.value.error_list}
    assert {"password_contains_name", "password_too_short"} <= codes
    validate_password(NEW_PASSWORD, clinician)

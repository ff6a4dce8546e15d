"""Nothing to guess on a step: Enter saves, an error summary links every problem, messages in plain words."""

import re
from datetime import date

import pytest
from django import forms

from tests.wizard_posts import post_step, step_url
from wizard.forms.clinical import ODI_ENDS
from wizard.forms.messages import django_defaults
from wizard.views.wizard import FORM_CLASSES, build_step_form

DJANGO_DEFAULTS = (
    "This field is required.",
    "Enter a valid date.",
    "Enter a whole number.",
    "Enter a number.",
    "Ensure this value",
    "Select a valid choice.",
)


def page_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def title_of(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()


def summary_links(page: str) -> list[tuple[str, str]]:
    """Return (href, text) of every link in the error summary."""
    summary = re.search(r'<div class="alert alert-danger error-summary".*?</div>', page, re.S).group(0)
    return re.findall(r'<a class="alert-link" href="([^"]+)">(.*?)</a>', summary)


def test_the_first_submit_button_saves_and_continues_and_cannot_be_reached_by_tab(
    clinician_client, example_case
):
    page = page_of(clinician_client.get(step_url(example_case, "baselines")))
    form = page[page.index('<form method="post" id="step-form"') :]
    first = re.search(r"<button[^>]*>[^<]*</button>", form).group(0)
    assert 'type="submit"' in first and "name=" not in first  # posts a plain save, never a step jump
    assert 'tabindex="-1"' in first and 'aria-hidden="true"' in first and "visually-hidden" in first
    assert "Save and continue" in first
    assert form.index(first) < form.index('name="wizard_goto_step"')


def test_a_plain_post_like_enter_saves_the_step_and_goes_to_the_next(clinician_client, example_case):
    response = post_step(
        clinician_client, example_case, "patient", {"name": "Ada Lovelace", "born_on": "1970-01-02"}
    )
    assert response.status_code == 302
    assert response["Location"].rstrip("/").endswith("/diagnosis")


def test_a_step_posted_with_two_bad_fields_shows_a_summary_linking_both(clinician_client, example_case):
    typed = {"pain_nrs_worst": "11", "odi_completed_on": "yesterday", "adl_notes": "Cannot walk far"}
    page = page_of(post_step(clinician_client, example_case, "baselines", typed))

    assert title_of(page).startswith("Error: ")
    assert 'id="error-summary" role="alert" tabindex="-1"' in page
    assert "There is a problem" in page
    assert summary_links(page) == [
        (
            "#id_baselines-odi_completed_on",
            "ODI completed on: Enter “ODI completed on” as a date, e.g. 2026-03-14 (or 03/14/2026).",
        ),
        (
            "#id_baselines-pain_nrs_worst",
            "Worst pain, past week (NRS): “Worst pain, past week (NRS)” must be a whole number from 0 to 10.",
        ),
    ]
    assert page.index("error-summary") < page.index('name="wizard_goto_step"')
    assert "Cannot walk far" in page  # nothing typed is lost


def test_the_summary_names_the_row_of_a_repeating_group_and_links_its_field(clinician_client, example_case):
    rows = {"medications": [{"dose": "300 mg", "started_on": "2020-13-01"}]}
    page = page_of(post_step(clinician_client, example_case, "therapy", rows=rows))
    links = dict(summary_links(page))
    assert links["#id_therapy-medications-0-drug"] == "Medications, row 1: Drug: Enter “Drug”."
    assert links["#id_therapy-medications-0-started_on"].startswith(
        "Medications, row 1: Started on: Enter “Started on” as a date"
    )


def test_a_radio_field_links_to_its_first_button(clinician_client, example_case):
    page = page_of(
        post_step(
            clinician_client, example_case, "patient", {"name": "A", "born_on": "1970-01-02", "sex": "robot"}
        )
    )
    [(href, text)] = summary_links(page)
    assert href == "#id_patient-sex_0" and f'id="{href[1:]}"' in page
    assert text == "Sex: Choose “Sex” from the answers listed."


def test_a_step_opened_without_errors_has_no_summary_and_a_plain_title(clinician_client, example_case):
    post_step(clinician_client, example_case, "baselines", {"pain_nrs_worst": "11"}, goto="therapy")
    page = page_of(clinician_client.get(step_url(example_case, "baselines")))
    assert "There is a problem" not in page
    assert not title_of(page).startswith("Error")
    assert 'value="11"' in page  # the kept input still shows, its error beside the field


@pytest.mark.parametrize(
    ("step", "fields", "message"),
    [
        (
            "patient",
            {"name": "A", "born_on": "31/31/1970"},
            "Enter “Date of birth” as a date, e.g. 2026-03-14",
        ),
        ("patient", {"born_on": "1970-01-02"}, "Enter “Full name”."),
        ("diagnosis", {"pain_nrs": "12"}, "“Pain now (NRS 0-10)” must be a whole number from 0 to 10."),
        ("diagnosis", {"pain_nrs": "-1"}, "“Pain now (NRS 0-10)” must be a whole number from 0 to 10."),
        ("baselines", {"pain_nrs_average": "7.5"}, "must be a whole number from 0 to 10."),
        (
            "baselines",
            {"mme_per_day": "3000"},
            "“Opioids (MME per day)” must be a number from 0 to 2000, e.g. 12.5.",
        ),
        ("baselines", {"mme_per_day": "1.25"}, "takes at most 1 digit after the decimal point."),
        ("trial", {"lead_count": "9"}, "“Leads used in the trial” must be a whole number from 0 to 8."),
        ("trial", {"placed_at": "7pm"}, "Enter “Time placed” as a 24-hour time, e.g. 07:30 or 16:45."),
    ],
)
def test_bad_input_gets_a_plain_message_naming_the_field(
    clinician_client, example_case, step, fields, message
):
    page = page_of(post_step(clinician_client, example_case, step, fields))
    assert message in page.replace("&#x27;", "'")
    assert not [default for default in DJANGO_DEFAULTS if default in page]


def test_every_step_field_has_plain_messages_instead_of_djangos(example_case, clinician):
    today = date.today()
    checked = 0
    for step in FORM_CLASSES:
        form = build_step_form(step, example_case, clinician.membership, today)
        row_forms = [formset.empty_form for formset in getattr(form, "row_sets", {}).values()]
        for each in [form, *row_forms]:
            for name, field in each.fields.items():
                if name == "DELETE":  # the formset's own checkbox, never required
                    continue
                defaults = django_defaults(field)
                for code in ("required", "invalid", "invalid_choice"):
                    if code in field.error_messages:
                        assert field.error_messages[code] != defaults.get(code), (step, name, code)
                        checked += 1
                if isinstance(field, forms.IntegerField | forms.DecimalField):
                    assert "max_value" in field.error_messages or field.max_value is None, (step, name)
    assert checked > 200


def test_odi_sections_say_what_0_and_5_mean_on_both_steps(clinician_client, example_case):
    for step in ("baselines", "trial"):
        page = page_of(clinician_client.get(step_url(example_case, step)))
        assert (
            "Walking" in page and "0 = no pain-related limit on walking · 5 = in bed most of the time" in page
        )
        assert all(ends.replace("'", "&#x27;") in page for ends in ODI_ENDS.values())
    assert len(ODI_ENDS) == 10 and all(e.startswith("0 = ") and " · 5 = " in e for e in ODI_ENDS.values())


def test_row_labels_say_what_each_date_and_score_is(clinician_client, example_case):
    page = page_of(clinician_client.get(step_url(example_case, "therapy")))
    labels = re.findall(r'class="form-label"[^>]*>([^<]+)<', page)
    for label in ("Injected on", "Operated on", "Drug class", "Started on", "Pain before (NRS)"):
        assert label in labels, label
    for vague in ("Date", "Type", "Class", "Started", "Response"):
        assert vague not in labels, vague

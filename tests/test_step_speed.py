"""The step pages' speed-ups keep forms independent and markup unchanged (issue 11, bench/README.md)."""

import copy
import re
from types import SimpleNamespace

from django import forms
from django.template.defaultfilters import linebreaksbr
from django.utils.html import escape as django_escape

from tests.conftest import make_case_from_example
from wizard import option_html
from wizard.forms.therapy import MedicationForm
from wizard.option_html import option_parts, select_options
from wizard.templatetags import formset_rows, markup, summary_html, wizard_fields


def test_each_form_gets_its_own_fields_widgets_and_messages():
    first, second = MedicationForm(prefix="a"), MedicationForm(prefix="b")
    first.fields["drug"].widget.attrs["data-x"] = "1"
    first.fields["drug"].help_text = "changed"
    first.fields["drug"].error_messages["required"] = "changed"
    first.fields["outcome"].choices = [("only", "Only")]
    for form in (second, MedicationForm(prefix="c")):
        assert "data-x" not in form.fields["drug"].widget.attrs
        assert form.fields["drug"].help_text != "changed"
        assert form.fields["drug"].error_messages["required"] != "changed"
        assert len(form.fields["outcome"].choices) > 1
    assert first.fields["drug"] is not second.fields["drug"]
    assert first.fields["drug"].widget is not MedicationForm.base_fields["drug"].widget


def test_quick_copies_match_django_deep_copies():
    form = MedicationForm()
    for name, field in MedicationForm.base_fields.items():
        quick, deep = form.fields[name], copy.deepcopy(field)
        assert type(quick) is type(deep) and type(quick.widget) is type(deep.widget)
        assert quick.widget.attrs == deep.widget.attrs and quick.required == deep.required
        assert list(getattr(quick, "choices", [])) == list(getattr(deep, "choices", []))


def old_select_options(choices, chosen):
    """The option markup as wizard_fields built it before the cache, one attribute dict per option."""
    blocks = []
    for value, label in choices:
        group = label if isinstance(label, list | tuple) else None
        rendered = "".join(
            f"<option{markup.attributes({'value': v, 'selected': str(v) in chosen})}>"
            f"{django_escape(text)}</option>"
            for v, text in (group or [(value, label)])
        )
        blocks.append(
            f'<optgroup label="{django_escape(value)}">{rendered}</optgroup>' if group else rendered
        )
    return "".join(blocks)


def test_option_markup_is_unchanged_and_escaped():
    choices = [
        ("", "---------"),
        ("a&b", 'Say "<hi>"'),
        ("Group", [("g1", "One"), ("g2", "Two's")]),
        (3, "x"),
    ]
    for chosen in ({""}, {"a&b"}, {"g2", "3"}, set()):
        assert select_options(choices, chosen) == old_select_options(choices, chosen)
    assert "&lt;hi&gt;" in select_options(choices, set()) and "Two&#x27;s" in select_options(choices, set())


def test_a_new_list_never_gets_another_lists_markup():
    first = [("x", "First")]
    assert "First" in select_options(first, set())
    assert option_parts(first) is option_parts(first)
    for index in range(300):  # lists come and go; ids may be reused
        other = [("x", f"Other {index}")]
        assert f">Other {index}</option>" in select_options(other, {"x"})
        del other


def test_select_control_renders_the_chosen_option():
    form = MedicationForm(initial={"outcome": MedicationForm.base_fields["outcome"].choices[2][0]})
    html = wizard_fields.field(form["outcome"])
    assert html.count(" selected") == 1 and isinstance(form.fields["outcome"].widget, forms.Select)


def blank_rows(html: str) -> list[tuple[str, str]]:
    """Return each "Add a row" template of a step page: its formset prefix and its markup."""
    return re.findall(r'<template id="([^"]+)-empty">(.*?)</template>', html, re.S)


def test_the_cached_blank_row_is_what_a_fresh_render_gives_for_each_payer(
    clinician_client, clinic, clinician
):
    cases = [
        make_case_from_example(clinic, clinician, name)
        for name in ("fbss-scs-permanent-aetna", "crps-scs-permanent-medicare")
    ]
    formset_rows._blank_rows.clear()
    cached = {}
    # One payer's rows are rendered (and kept) first; the other payer's page must not show them.
    for case in [*cases, *cases]:
        cached[case.pk] = blank_rows(clinician_client.get(f"/cases/{case.pk}/edit/therapy/").content.decode())
    for case in cases:
        formset_rows._blank_rows.clear()
        fresh = blank_rows(clinician_client.get(f"/cases/{case.pk}/edit/therapy/").content.decode())
        assert fresh == cached[case.pk]
        assert {prefix for prefix, _ in fresh} >= {"therapy-medications", "therapy-injections"}
        assert all('name="' + prefix + "-__prefix__-" in markup for prefix, markup in fresh)


def test_the_review_summary_escapes_every_fact_and_keeps_line_breaks():
    fact = SimpleNamespace(label="Notes <b>", value="first line\r\nsecond & <script>")
    html = summary_html.fact_list([fact])
    assert html == (
        '<dt class="col-sm-4">Notes &lt;b&gt;</dt>'
        '<dd class="col-sm-8">first line<br>second &amp; &lt;script&gt;</dd>'
    )
    assert html == (
        f'<dt class="col-sm-4">{django_escape(fact.label)}</dt>'
        f'<dd class="col-sm-8">{linebreaksbr(fact.value, autoescape=True)}</dd>'
    )
    table = SimpleNamespace(columns=["Drug", "Dose"], rows=[["Gabapentin", "<300 mg>"]])
    assert summary_html.table_body(table) == (
        "<thead><tr><th>Drug</th><th>Dose</th></tr></thead>"
        "<tbody><tr><td>Gabapentin</td><td>&lt;300 mg&gt;</td></tr></tbody>"
    )


def test_a_select_renders_the_same_from_its_cached_markup_for_every_choice():
    choices = [("", "—"), ("a", "A & B"), ("Group", [("g1", "One"), ("g2", "Two")])]
    for chosen in ({""}, {"a"}, {"g2"}, {"g2"}, {"not-a-choice"}, {"a", "g1"}, set()):
        assert select_options(choices, chosen) == old_select_options(choices, chosen)
    assert select_options(choices, {"g2"}).count(" selected") == 1
    # Only the list's own choices are kept: a posted value that is not one of them is never cached.
    assert set(option_html.cached_list(choices).by_choice) == {"", "a", "g2"}


def therapy_form(data=None):
    """Return the therapy step form of a model case with its saved rows, or bound to posted data."""
    from tests.conftest import example_facts
    from wizard.forms.therapy import TherapyForm

    section = example_facts("crps-scs-permanent-medicare").therapy
    return TherapyForm(data=data, prefix="therapy", initial=TherapyForm.initial_for(section))


def test_shown_rows_share_one_copy_of_their_fields_and_posted_rows_keep_their_own():
    shown = therapy_form().row_sets["medications"]
    assert len(shown.forms) > 2
    assert all(row.fields is shown.forms[0].fields for row in shown.forms)
    assert shown.forms[0].fields["drug"] is not MedicationForm.base_fields["drug"]
    assert shown.empty_form.fields is not shown.forms[0].fields
    data = {
        f"therapy-medications-{key}": value for key, value in (("TOTAL_FORMS", "2"), ("INITIAL_FORMS", "0"))
    }
    posted = therapy_form(data).row_sets["medications"]
    assert posted.forms[0].fields is not posted.forms[1].fields


def test_shown_rows_count_themselves_as_a_management_form_would():
    for formset in therapy_form().row_sets.values():
        html = formset_rows.management_inputs(formset)
        assert html == wizard_fields.hidden_inputs(formset.management_form)
        assert f'name="{formset.prefix}-TOTAL_FORMS" id="id_{formset.prefix}-TOTAL_FORMS" value="' in html


def test_a_field_without_errors_or_mark_reads_the_same_from_its_plain_template():
    from wizard.templatetags import field_parts

    for row in therapy_form().row_sets["medications"].forms[:3]:
        for bf in row:
            if bf.is_hidden:
                continue
            quick = wizard_fields.field(bf)
            parts = field_parts.parts_of(bf, None)
            plain, parts.plain = parts.plain, None
            try:
                assert quick == wizard_fields.field(bf), bf.name
            finally:
                parts.plain = plain
    fields = therapy_form().row_sets["medications"].forms[0]
    assert field_parts.parts_of(fields["drug"], None).plain is not None
    assert field_parts.parts_of(fields["outcome"], None).plain is not None


def test_the_case_lists_row_links_are_what_reverse_gives():
    import uuid

    from django.urls import reverse

    from wizard.templatetags import case_rows

    urls = case_rows.RowUrls.reversed()
    for case in (SimpleNamespace(id=uuid.uuid4()), SimpleNamespace(id=uuid.UUID(int=1))):
        assert urls.of(urls.detail, case) == reverse("case_detail", args=[case.id])
        assert urls.of(urls.edit, case) == reverse("case_edit", args=[case.id])
        for version in (1, 12, 987):
            assert urls.of(urls.letter, case, version) == reverse("letter_download", args=[case.id, version])

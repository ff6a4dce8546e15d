"""The wizard's field renderer: Bootstrap markup, values kept, errors beside the field, all escaped."""

import re

from django import forms

from wizard.core.choices import BudapestItem, Sex
from wizard.forms.fields import date_field, multi_choice, nrs_field, radio_choice, tri_state
from wizard.templatetags.wizard_fields import field, hidden_fields


class SampleForm(forms.Form):
    name = forms.CharField(label="Full <name>", max_length=20, help_text="As on the card & ID")
    pain = nrs_field("Pain")
    sex = radio_choice(Sex, "Sex")
    items = multi_choice(BudapestItem, "Items", choices=[("Sensory", [("sensory_allodynia", "Allodynia")])])
    agreed = tri_state("Agreed")
    born = date_field("Born")
    notes = forms.CharField(widget=forms.Textarea, required=False)


def render(data=None, initial=None, name="name"):
    form = SampleForm(data=data, initial=initial, prefix="s")
    form.is_valid()
    return str(field(form[name]))


def test_text_input_is_labelled_described_and_escaped():
    html = render(data={"s-name": '"><script>x</script>', "s-pain": "3"})
    assert '<label id="id_s-name_label" class="form-label" for="id_s-name">Full &lt;name&gt;' in html
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
    assert 'maxlength="20"' in html
    assert '<div id="id_s-name_helptext" class="form-text">As on the card &amp; ID</div>' in html


def test_invalid_value_is_kept_and_its_error_shown_beside_the_field():
    html = render(data={"s-name": "A", "s-pain": "11"}, name="pain")
    assert 'value="11"' in html
    assert 'class="form-control is-invalid"' in html and 'aria-invalid="true"' in html
    assert re.search(
        r'<div id="error_1_id_s-pain" class="invalid-feedback d-block"><strong>Pain scores run', html
    )
    assert 'aria-describedby="error_1_id_s-pain"' in html


def test_multiple_choice_renders_checkboxes_with_group_headings():
    html = render(initial={"items": ["sensory_allodynia"]}, name="items")
    assert 'type="checkbox"' in html and 'type="radio"' not in html
    assert '<div class="small fw-semibold mt-1">Sensory</div>' in html
    assert re.search(r'value="sensory_allodynia" id="id_s-items_0" checked', html)


def test_tri_state_renders_three_radios_with_the_saved_answer_checked():
    html = render(initial={"agreed": False}, name="agreed")
    assert html.count('type="radio"') == 3
    assert re.search(r'value="false" id="id_s-agreed_2" checked', html)
    assert "Not documented" in html


def test_radio_choice_offers_not_documented_first():
    html = render(name="sex")
    assert re.findall(r'value="([^"]*)"', html)[0] == ""


def test_date_is_an_iso_date_picker_and_textarea_keeps_text():
    assert 'type="date"' in render(initial={"born": "2020-01-02"}, name="born")
    assert "<textarea" in render(initial={"notes": "a < b"}, name="notes")
    assert "a &lt; b</textarea>" in render(initial={"notes": "a < b"}, name="notes")


def test_hidden_fields_render_a_formset_management_form():
    formset = forms.formset_factory(SampleForm)(prefix="rows")
    html = str(hidden_fields(formset.management_form))
    assert '<input type="hidden" name="rows-TOTAL_FORMS" id="id_rows-TOTAL_FORMS" value="1">' in html

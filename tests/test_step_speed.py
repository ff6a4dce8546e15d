"""The step pages' speed-ups keep forms independent and markup unchanged (issue 11, bench/README.md)."""

import copy

from django import forms
from django.utils.html import escape as django_escape

from wizard.forms.therapy import MedicationForm
from wizard.option_html import option_parts, select_options
from wizard.templatetags import wizard_fields


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
            f"<option{wizard_fields.attributes({'value': v, 'selected': str(v) in chosen})}>"
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

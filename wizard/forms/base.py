"""Step forms that read and write one facts dataclass, with repeating rows as formsets."""

import copy
import dataclasses
from datetime import date

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils import timezone
from django.utils.functional import cached_property

from ..core import validation
from ..core.case_format import field_types
from .field_copies import QuickCopyFields, SharedFields
from .messages import use_plain_messages


def initial_from(section: object) -> dict:
    """Return form initial data for a facts dataclass: flat fields, nested answers and row lists."""
    initial = {}
    for f in dataclasses.fields(section):
        value = getattr(section, f.name)
        if dataclasses.is_dataclass(value):
            initial.update(initial_from(value))
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            initial[f.name] = [initial_from(row) for row in value]
        elif isinstance(value, tuple):
            initial[f.name] = list(value)
        else:
            initial[f.name] = value
    return initial


def build(cls: type, values: dict) -> object:
    """Build a facts dataclass from cleaned form values, nesting where the field names match."""
    kwargs = {}
    for name, (hint, _) in field_types(cls).items():
        if name in values:
            value = values[name]
            if value is None:
                continue
            kwargs[name] = tuple(value) if isinstance(value, list) else value
        elif dataclasses.is_dataclass(hint) and any(n in values for n in field_types(hint)):
            kwargs[name] = build(hint, values)
    return cls(**kwargs)


class FactsForm(forms.Form):
    """A form whose fields are named like the fields of `section_class`."""

    section_class: type = None

    def __init__(self, *args, today: date | None = None, shared_fields: SharedFields | None = None, **kwargs):
        type(self).prepare_fields()
        if shared_fields is not None:
            # BaseForm.__init__ "copies" base_fields into self.fields: shared ones copy to the same dict.
            self.base_fields = shared_fields
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    @classmethod
    def prepare_fields(cls) -> None:
        """Give the class's fields plain messages and cheap copies, once per class, before any form copies them."""
        if not cls.__dict__.get("_plain_messages"):
            use_plain_messages(cls.base_fields)
            cls.base_fields = QuickCopyFields(cls.base_fields)
            cls._plain_messages = True

    def clean(self):
        cleaned = super().clean()
        for path, message in validation.problems(self.section_from(cleaned), self.today):
            field = path.split(".")[-1]
            self.add_error(field if field in self.fields else None, message)
        return cleaned

    def section_from(self, values: dict) -> object:
        """Build the section from (possibly partial) cleaned values."""
        return build(self.section_class, values)


class RowForm(FactsForm):
    """One row of a repeating group; an untouched blank row is ignored."""

    lines: tuple = ()

    def line_fields(self) -> list[list]:
        """Return the row's bound fields, line by line as the row form lays them out."""
        return [[self[name] for name in line] for line in self.lines]

    def is_blank(self) -> bool:
        """Return whether this row holds nothing worth keeping."""
        return not self.has_changed() or self.cleaned_data.get("DELETE", False)


class RowsFormSet(BaseFormSet):
    """Rows where a row left entirely blank is dropped, wherever it sits."""

    def get_form_kwargs(self, index):
        kwargs = {**super().get_form_kwargs(index), "empty_permitted": True}
        if not self.is_bound and index is not None:
            kwargs["shared_fields"] = self.shown_fields
        return kwargs

    @cached_property
    def shown_fields(self) -> SharedFields:
        """Return the one copy of the row form's fields that every saved row shown on a page uses."""
        # Shown rows only render their fields, never change them; copying them for each of ~20 rows was a
        # tenth of the therapy step. Posted rows are validated, so each keeps its own copy.
        self.form.prepare_fields()
        return SharedFields(copy.deepcopy(self.form.base_fields))


def rows_formset(form_class: type[RowForm]):
    """Return a formset class of rows that can be added and removed."""
    return formset_factory(
        form_class, formset=RowsFormSet, extra=1, can_delete=True, max_num=40, validate_max=True
    )


class StepForm(FactsForm):
    """A wizard step: its own fields plus named formsets of rows, validated and saved together."""

    formsets: dict = {}
    groups: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_sets = {
            name: self.make_rows(name, formset_class) for name, formset_class in self.formsets.items()
        }

    def make_rows(self, name, formset_class):
        """Return one formset: bound to the posted rows, or showing the saved rows (a blank one if none)."""
        # Posted rows stand on their own: saved rows may differ from what the page showed.
        initial = None if self.is_bound else self.initial.get(name) or None
        formset = formset_class(
            data=self.data if self.is_bound else None,
            prefix=f"{self.prefix}-{name}",
            initial=initial,
            form_kwargs={"today": self.today},
        )
        if initial:
            formset.extra = 0
        return formset

    @classmethod
    def initial_for(cls, section: object) -> dict:
        """Return the initial data that shows a saved section in this form."""
        return initial_from(section)

    def is_valid(self) -> bool:
        valid = all([super().is_valid(), *(fs.is_valid() for fs in self.row_sets.values())])
        if valid and self.row_sets:
            self.check_rows(self.rows())
            valid = not self.errors
        return valid

    def check_rows(self, rows: dict) -> None:
        """Check this step's own fields against its valid rows; add errors to the fields."""

    def rows(self) -> dict:
        """Return each formset's kept rows as facts dataclasses."""
        rows = {}
        for name, formset in self.row_sets.items():
            formset.is_valid()
            rows[name] = tuple(
                row.section_from(row.cleaned_data)
                for row in formset.forms
                if hasattr(row, "cleaned_data") and not row.is_blank()
            )
        return rows

    def has_changed(self) -> bool:
        return super().has_changed() or any(fs.has_changed() for fs in self.row_sets.values())

    def to_section(self) -> object:
        """Return the facts this step holds; from a form with errors, only the valid parts."""
        return self.section_from({**getattr(self, "cleaned_data", {}), **self.rows()})

    def layout(self) -> list[dict]:
        """Return the groups with their bound fields and formsets, ready for the template."""
        return [
            {
                "legend": group.legend,
                "note": group.note,
                "show_field": self.add_prefix(group.show_field) if group.show_field else "",
                "show_for": group.show_for,
                "rows": [[self[name] for name in row] for row in group.field_rows()],
                "formset": self.row_sets.get(group.formset),
            }
            for group in self.groups
        ]

    def field_names_posted(self) -> bool:
        """Return whether the posted data carries any field of this step at all."""
        return any(key.startswith(f"{self.prefix}-") for key in self.data)

"""The error summary of a step: every problem of a posted step, each with a link to its field."""

from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class Problem:
    """One error as the summary lists it: where it is, what it says, and the id of the control to focus."""

    where: str
    message: str
    target: str = ""


def control_id(bf) -> str:
    """Return the id of the control a link should focus: the field, or the first of its radio buttons."""
    grouped = isinstance(bf.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    return f"{bf.auto_id}_0" if grouped else bf.auto_id


def field_problems(form, names, where_prefix: str = "") -> list[Problem]:
    """Return the errors of the named fields of one form, in that order."""
    problems = []
    for name in names:
        bf = form[name]
        problems += [Problem(f"{where_prefix}{bf.label}", str(e), control_id(bf)) for e in bf.errors]
    return problems


def row_problems(formset, legend: str) -> list[Problem]:
    """Return the errors of a repeating group, each named by the group and its row number."""
    problems = [Problem(legend, str(e)) for e in formset.non_form_errors()]
    for number, row in enumerate(formset.forms, start=1):
        if row.errors:
            where = f"{legend}, row {number}: "
            first = control_id(row[next(iter(row.fields))])
            problems += [Problem(where.rstrip(": "), str(e), first) for e in row.non_field_errors()]
            problems += field_problems(row, row.fields, where)
    return problems


def step_problems(form) -> list[Problem]:
    """Return every error of a bound step form in page order, its rows included; none if unbound."""
    if form is None or not form.is_bound:
        return []
    problems = [Problem("This step", str(e)) for e in form.non_field_errors()]
    shown, row_sets = set(), dict(getattr(form, "row_sets", {}))
    for group in getattr(form, "groups", ()):
        names = [name for row in group.field_rows() for name in row]
        shown.update(names)
        problems += field_problems(form, names)
        if group.formset in row_sets:
            problems += row_problems(row_sets.pop(group.formset), group.legend)
    problems += field_problems(form, [name for name in form.fields if name not in shown])
    for name, formset in row_sets.items():
        problems += row_problems(formset, name.replace("_", " ").capitalize())
    return problems

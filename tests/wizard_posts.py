"""Post wizard steps as a browser would: prefixed fields, the management field, formset counts."""

from django.urls import reverse

from wizard.views.wizard import FORM_CLASSES, PREFIX


def step_url(case, step, query=""):
    """Return the URL of one step of a case."""
    return reverse("case_step", kwargs={"case_id": case.id, "step": step}) + query


def step_data(step, fields=None, rows=None, goto=None, current=None):
    """Return POST data for a step; `rows` maps a formset name to a list of row dicts."""
    data = {f"{PREFIX}-current_step": current or step}
    for name, value in (fields or {}).items():
        if isinstance(value, list) or value is not None:
            data[f"{step}-{name}"] = value
    for formset in getattr(FORM_CLASSES[step], "formsets", {}):
        given = (rows or {}).get(formset, [])
        prefix = f"{step}-{formset}"
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(given)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, row in enumerate(given):
            data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    if goto:
        data["wizard_goto_step"] = goto
    return data


def post_step(client, case, step, fields=None, rows=None, goto=None, query="", current=None):
    """Post one step and return the response."""
    return client.post(step_url(case, step, query), step_data(step, fields, rows, goto, current))


def next_step_of(response):
    """Return the step name a redirect points to (the URL's last path segment)."""
    assert response.status_code == 302, response.status_code
    return response["Location"].split("?")[0].rstrip("/").split("/")[-1]

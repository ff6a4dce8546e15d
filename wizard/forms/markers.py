"""What a field's label says: `*` when the step cannot be saved without it, and what the case's payer asks."""

from django.utils.html import escape


def shows_needed(bf) -> bool:
    """Return whether the label gets `*` (needed to save this step).

    A repeating row left blank is dropped, so its fields are needed only once the row holds something;
    fields a form requires only when their group is shown (the Medicare contractor) say so too.
    """
    form = bf.form
    if bf.name in getattr(form, "needed_when_shown", ()):
        return True
    if not bf.field.required:
        return False
    if getattr(form, "empty_permitted", False):
        return form.has_changed() if form.is_bound else bool(form.initial)
    return True


def payer_mark(bf, payer_step):
    """Return (marker id, marker HTML) for a field of the step's own form that the payer reads, else ("", "")."""
    if payer_step is None or bf.form.prefix != payer_step.step:
        return "", ""
    mark = payer_step.fields.get(bf.name)
    if mark is None:
        return "", ""
    mark_id = f"{bf.auto_id}_payer"
    html = f' <span id="{escape(mark_id)}" class="payer-mark payer-{escape(mark.level)}">{escape(mark.text)}</span>'
    return mark_id, html

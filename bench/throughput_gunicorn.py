"""Gunicorn settings for bench/throughput_bench.py: the project's gunicorn.conf.py, and for its baseline
server (THROUGHPUT_BASELINE=1) the step rendering as it was before issue 11's speed-ups, to compare in one run.
"""

from pathlib import Path

exec((Path(__file__).resolve().parent.parent / "gunicorn.conf.py").read_text())


def post_worker_init(worker):
    """In the baseline server only, put back Django's deep copy of form fields, its lazy-aware escape and
    options rendered for every select (the option markup is still built in one pass, as close as it gets)."""
    import copy
    import os

    if os.environ.get("THROUGHPUT_BASELINE") != "1":
        return
    from django.utils import html

    from wizard import option_html
    from wizard.forms import field_copies
    from wizard.templatetags import wizard_fields

    field_copies.QuickCopyFields.__deepcopy__ = lambda self, memo: {
        name: copy.deepcopy(field, memo) for name, field in self.items()
    }
    wizard_fields.escape = html.escape
    option_html.escape = html.escape
    wizard_fields.select_options = lambda choices, chosen: option_html.options_markup(
        option_html.build_parts(choices), chosen
    )

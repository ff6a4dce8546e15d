"""Regenerate the generated documentation: case schema, case-format field reference, criteria tables."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from ...core.case_docs import field_reference_markdown
from ...core.case_schema import case_json_schema
from ...core.criteria_docs import criteria_markdown

START, END = "<!-- fields:start -->\n", "<!-- fields:end -->"


def case_format_doc(current: str) -> str:
    """Return docs/case-format.md with its generated field reference replaced."""
    head, rest = current.split(START, 1)
    return head + START + field_reference_markdown() + END + rest.split(END, 1)[1]


class Command(BaseCommand):
    help = "Rewrite docs/case.schema.json, the field reference in docs/case-format.md, and docs/criteria.md."

    def handle(self, *args, **options):
        docs = settings.BASE_DIR / "docs"
        (docs / "case.schema.json").write_text(
            json.dumps(case_json_schema(), indent=2, ensure_ascii=False) + "\n"
        )
        case_format = docs / "case-format.md"
        case_format.write_text(case_format_doc(case_format.read_text()))
        (docs / "criteria.md").write_text(criteria_markdown())
        self.stdout.write("Rewrote docs/case.schema.json, docs/case-format.md, docs/criteria.md")

"""Print the case file's JSON Schema, or its Markdown field reference (both live in docs/)."""

import json

from django.core.management.base import BaseCommand

from ...core.case_docs import field_reference_markdown
from ...core.case_schema import case_json_schema


class Command(BaseCommand):
    help = "Print the JSON Schema of the case file (docs/case.schema.json) or, with --markdown, its field reference."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="Print the field reference instead.")

    def handle(self, *args, markdown=False, **options):
        if markdown:
            self.stdout.write(field_reference_markdown(), ending="")
        else:
            self.stdout.write(json.dumps(case_json_schema(), indent=2, ensure_ascii=False))

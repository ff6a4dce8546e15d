"""Print the payer criteria tables as Markdown (docs/criteria.md is this output)."""

from django.core.management.base import BaseCommand

from ...core.choices import Payer
from ...core.criteria_docs import criteria_markdown


class Command(BaseCommand):
    help = "Print the payer criteria tables as Markdown."

    def add_arguments(self, parser):
        parser.add_argument("--payer", choices=[p.value for p in Payer], help="Only this payer's tables.")

    def handle(self, *args, payer=None, **options):
        self.stdout.write(criteria_markdown(payer), ending="")

"""Generated documentation matches the code it documents."""

from tests.conftest import ROOT
from wizard.core.criteria_docs import criteria_markdown
from wizard.management.commands.write_docs import case_format_doc

DOCS = ROOT / "docs"


def test_criteria_doc_is_generated_from_the_tables():
    assert (DOCS / "criteria.md").read_text() == criteria_markdown(), "run: python manage.py write_docs"


def test_case_format_doc_field_reference_is_current():
    current = (DOCS / "case-format.md").read_text()
    assert case_format_doc(current) == current, "run: python manage.py write_docs"


def test_readme_links_to_every_doc():
    readme = (ROOT / "README.md").read_text()
    for doc in ("docs/case-format.md", "docs/criteria.md"):
        assert doc in readme

"""Every criterion cites a source that the domain reference lists; the reference sits in ../shared.

reference.md lists its sources in section 11; updates-2026-12.md, which is newer, tags them inline.
"""

import re

import pytest

from tests.conftest import EXAMPLE_NAMES, ROOT, example_facts
from wizard.core.coding import code_request
from wizard.core.criteria import all_criteria
from wizard.core.presubmission import CHECKS
from wizard.core.rules import Confidence

REFERENCE = ROOT.parent / "shared" / "domain" / "reference.md"
UPDATES = ROOT.parent / "shared" / "domain" / "updates-2026-12.md"
# A tag has a hyphen ("CGS-PA-ISN"); bare words in the brackets ("ASRA", "MCD pages") are prose.
TAG = re.compile(r"[A-Z0-9][A-Za-z0-9.]*(-[A-Za-z0-9.]+)+")


def source_index_tags() -> set[str]:
    """Return the tags defined in the reference's section 11 (source index)."""
    assert REFERENCE.exists(), f"the domain reference is expected beside the project at {REFERENCE}"
    text = REFERENCE.read_text()
    index = text[text.index("## 11. Source index") :]
    return set(re.findall(r"\[([A-Z0-9][A-Za-z0-9.*\-]*)\]", index)) | updates_tags()


def updates_tags() -> set[str]:
    """Return the source tags updates-2026-12.md cites inline: "[NGS-2889364; CGS-PA-ISN — primary]"."""
    tags = set()
    for bracket in re.findall(r"\[([^\]]+)\]", UPDATES.read_text()):
        for part in bracket.split(";"):
            first = part.strip().split(" ")[0]
            if TAG.fullmatch(first):
                tags.add(first)
    return tags


@pytest.mark.parametrize("criterion", all_criteria(), ids=lambda c: c.id)
def test_criterion_cites_a_source_in_the_reference_index(criterion):
    assert criterion.citation.tag in source_index_tags()
    assert criterion.citation.url.startswith("http")
    assert criterion.text.endswith((".", ")"))


def test_denial_risk_sources_are_in_the_reference_index():
    tags = source_index_tags()
    for _key, _title, sources, _check in CHECKS:
        for tag in sources.split("; "):
            assert tag in tags, tag


def test_unconfirmed_items_in_the_reference_are_never_primary_here():
    # Reference: cardiac-device wording and urine drug screens are UNCONFIRMED; PT weeks and surgery interval SECONDARY.
    by_id = {c.id: c for c in all_criteria()}
    assert by_id["aetna.cpb0194.no_cardiac_device"].citation.confidence is Confidence.UNCONFIRMED
    assert by_id["aetna.cpb0194.drug_screen"].citation.confidence is Confidence.UNCONFIRMED
    assert by_id["aetna.cpb0194.pt_six_weeks"].citation.confidence is Confidence.SECONDARY
    assert by_id["aetna.cpb0194.after_spine_surgery"].citation.confidence is Confidence.SECONDARY
    assert all(not c.blocking for c in all_criteria() if c.citation.confidence is not Confidence.PRIMARY)


def test_coding_check_sources_are_in_the_reference_index():
    tags = source_index_tags() | {"CODINGAHEAD-*", "IFRAME-*"}
    for name in EXAMPLE_NAMES:
        for check in code_request(example_facts(name)).checks:
            for tag in check.source.split("; "):
                assert tag in tags or re.match(r"IFRAME-|CODINGAHEAD-|OPENPAYER-", tag), tag

"""docs/rule-coverage.md stays true: every id it names is a criterion or safety check, every path exists."""

import re
from decimal import Decimal

from tests.conftest import ROOT, TODAY
from tests.criteria_builders import baseline
from wizard.core.criteria import all_criteria
from wizard.core.safety_holds import safety_cautions, safety_holds

COVERAGE = ROOT / "docs" / "rule-coverage.md"
CODE = re.compile(r"`([^`]+)`")
DOTTED_ID = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)+")


def backticked() -> list[str]:
    """Return every backticked token of the coverage document."""
    return CODE.findall(COVERAGE.read_text())


def safety_ids() -> set[str]:
    """Return the ids of every safety hold and caution, from a case that raises all of them."""
    everything = baseline(
        "permanent",
        **{
            "request.planned_on": TODAY,
            "safety.active_infection": True,
            "safety.bleeding_disorder": True,
            "safety.inr": Decimal(3),
            "safety.inr_on": TODAY,
            "safety.platelets": 40,
            "safety.platelets_on": TODAY,
            "safety.ptt_seconds": Decimal(60),
            "safety.ptt_upper_normal_seconds": Decimal(35),
            "safety.ptt_on": TODAY,
            "safety.immunocompromised": True,
            "safety.pregnant": True,
            "safety.cardiac_device": True,
            "safety.future_mri_needed": True,
        },
    )
    return {h.id for h in safety_holds(everything)} | {c.id for c in safety_cautions(everything)}


def test_every_path_the_coverage_names_exists():
    paths = [t for t in backticked() if "/" in t and t.endswith((".py", ".md", ".html"))]
    assert paths
    assert [p for p in paths if not (ROOT / p).exists()] == []


def test_every_id_the_coverage_names_is_a_criterion_or_a_safety_check():
    criteria = {c.id for c in all_criteria()}
    holds = safety_ids()
    ids = [t for t in backticked() if DOTTED_ID.fullmatch(t) and not t.endswith(".py")]
    assert ids
    unknown = [i for i in ids if i not in criteria | holds]
    assert unknown == []


def test_every_criterion_is_named_in_the_coverage():
    named = set(backticked())
    assert sorted(c.id for c in all_criteria() if c.id not in named) == []

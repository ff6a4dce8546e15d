"""Properties of the criteria engine over generated cases, odd facts included, for every payer and request."""

import dataclasses
import functools
import types
import typing
from datetime import date, time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.criteria_builders import TODAY, change
from wizard.core import rules
from wizard.core.choices import Choice, MacJurisdiction, Payer, Procedure
from wizard.core.criteria import PROFILES, all_criteria
from wizard.core.facts import Blocks, CaseFacts, Request, Trial
from wizard.core.rows import Block
from wizard.core.rules import Outcome, Status, evaluate, verdict

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NEAR_DATES = st.dates(date(2025, 9, 1), date(2027, 3, 31))
ANY_DATES = st.dates(date(1900, 1, 1), date(2200, 12, 31))


def mostly(usual: st.SearchStrategy, odd: st.SearchStrategy) -> st.SearchStrategy:
    """Return a strategy that draws usual values three times as often as odd ones."""
    return st.one_of(usual, usual, usual, odd)


def numbers(hint: type, meta: typing.Mapping) -> st.SearchStrategy:
    """Return ints or Decimals within the field's min and max, and sometimes well outside them."""
    low, high = meta.get("min", 0), meta.get("max", 100)
    if hint is int:
        return mostly(st.integers(low, high), st.integers(low - 50, high * 3 + 50))
    usual = st.decimals(Decimal(low), Decimal(high), places=1)
    return mostly(usual, st.decimals(Decimal(low - 100), Decimal(high * 3 + 100), places=2))


def values(hint: type) -> list:
    """Return every value of a bool or Choice field."""
    return [False, True] if hint is bool else list(hint)


def strategy_for(hint: object, meta: typing.Mapping) -> st.SearchStrategy:
    """Return a strategy for one field from its type hint and metadata."""
    if isinstance(hint, types.UnionType):
        [inner] = [a for a in typing.get_args(hint) if a is not type(None)]
        if inner is bool or (isinstance(inner, type) and issubclass(inner, Choice)):
            # One draw instead of two: these fields are many, and generation is the cost of these tests.
            return st.sampled_from([None, *values(inner)])
        return st.none() | strategy_for(inner, meta)
    if typing.get_origin(hint) is tuple:
        item = strategy_for(typing.get_args(hint)[0], {})
        return st.lists(item, max_size=3).map(tuple)
    if dataclasses.is_dataclass(hint):
        return facts_of(hint)
    if hint is bool or (isinstance(hint, type) and issubclass(hint, Choice)):
        return st.sampled_from(values(hint))
    if hint is str:
        return mostly(st.sampled_from(["", "", "none", "Dr. A", "L2, L3"]), st.text(max_size=6))
    if hint in (int, Decimal):
        return numbers(hint, meta)
    if hint is date:
        return mostly(NEAR_DATES, ANY_DATES)
    if hint is time:
        return st.times().map(lambda t: t.replace(second=0, microsecond=0))
    raise TypeError(f"no strategy for {hint!r}")


@functools.cache
def facts_of(cls: type) -> st.SearchStrategy:
    """Return a strategy building the facts dataclass `cls` field by field from its type hints."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: strategy_for(hints[f.name], f.metadata) for f in dataclasses.fields(cls)}
    return st.builds(cls, **fields)


CRITERIA = {c.id: c for c in all_criteria()}
SECTIONS = typing.get_type_hints(CaseFacts)
MEDICARE_TABLES = (None, MacJurisdiction.JF, MacJurisdiction.JE, MacJurisdiction.JJ, MacJurisdiction.J15)
# Every request a case can make: each payer, each procedure, and for Medicare each kind of LCD table.
REQUESTS = [
    (payer, mac, procedure)
    for payer in PROFILES
    for mac in (MEDICARE_TABLES if payer is Payer.MEDICARE else (None,))
    for procedure in Procedure
]
# Criteria whose answer the requested procedure alone decides: a DRG request is excluded (or, at BCBSA,
# named) by the technology itself, so "nothing documented" cannot leave them not documented.
DECIDED_BY_PROCEDURE = {
    "humana.cohere.not_drg": "not met for every DRG request, whatever else is documented",
    "evicore.cmm211.technology": "not met for every DRG request, whatever else is documented",
    "other.cmm211.technology": "not met for every DRG request, whatever else is documented",
    "bcbsa.70125.technology": "met for every DRG request, even with the request step otherwise blank",
    "uhc.t0567.technology": "not met (verify) for every DRG request: UHC's DRG position is unconfirmed",
}
DRG = (Procedure.DRG_TRIAL, Procedure.DRG_PERMANENT)


def decided_by_procedure(criterion_id: str, procedure: Procedure) -> bool:
    """Return True for the few criteria the requested procedure alone decides."""
    return criterion_id in DECIDED_BY_PROCEDURE and procedure in DRG


def as_request(
    facts: CaseFacts, payer: Payer, mac: MacJurisdiction | None, procedure: Procedure
) -> CaseFacts:
    """Return the facts as one request to one payer (under one Medicare MAC)."""
    return change(
        facts,
        **{"request.payer": payer, "request.mac_jurisdiction": mac, "request.procedure": procedure},
    )


def requests_of(facts: CaseFacts):
    """Yield (label, facts, results) for the facts as every request to every payer."""
    for payer, mac, procedure in REQUESTS:
        request = as_request(facts, payer, mac, procedure)
        results = evaluate(request, PROFILES[payer].criteria_for(request), today=TODAY)
        yield f"{payer.value} {mac or ''} {procedure.value}", request, results


def blank(facts: CaseFacts, sections: frozenset[str]) -> CaseFacts:
    """Return the facts with whole steps emptied, keeping the request's procedure and payer."""
    empty = {name: SECTIONS[name]() for name in sections}
    if "request" in sections:
        empty["request"] = Request(procedure=facts.request.procedure, payer=facts.request.payer)
    return dataclasses.replace(facts, **empty)


def test_every_criterion_reads_steps_of_the_case():
    unknown = {
        c.id: sorted(c.sections - set(SECTIONS)) for c in CRITERIA.values() if c.sections - set(SECTIONS)
    }
    assert unknown == {}


@PROPERTY
@given(facts_of(CaseFacts))
def test_evaluate_never_raises_nor_falls_back_on_the_safety_net(facts):
    for label, _, results in requests_of(facts):
        for result in results:
            assert result.finding.evidence != rules.SAFE_FINDING, (label, result.criterion.id)
            assert result.finding.evidence.strip(), (label, result.criterion.id)


@PROPERTY
@given(facts_of(CaseFacts))
def test_verdict_is_always_one_of_three_outcomes(facts):
    for label, _, results in requests_of(facts):
        assert verdict(results).outcome in set(Outcome), label


@PROPERTY
@given(facts_of(CaseFacts))
def test_blanking_the_steps_a_criterion_reads_never_leaves_it_met(facts):
    checked = set()
    for _, request, results in requests_of(facts):
        procedure = request.request.procedure
        for criterion in (r.criterion for r in results):
            if (criterion.id, procedure) in checked or decided_by_procedure(criterion.id, procedure):
                continue
            checked.add((criterion.id, procedure))
            finding = criterion.predicate(blank(request, criterion.sections), TODAY)
            assert finding.status is not Status.MET, (criterion.id, procedure.value, finding.evidence)


@pytest.mark.parametrize(
    ("payer", "mac", "procedure"),
    [pytest.param(*r, id="-".join(v.value for v in r if v is not None)) for r in REQUESTS],
)
def test_with_nothing_documented_every_criterion_is_not_documented(payer, mac, procedure):
    facts = CaseFacts(request=Request(procedure=procedure, payer=payer, mac_jurisdiction=mac))
    results = evaluate(facts, PROFILES[payer].criteria_for(facts), today=TODAY)
    decided = {
        r.criterion.id: (r.status.value, r.finding.evidence)
        for r in results
        if r.status is not Status.NOT_DOCUMENTED and not decided_by_procedure(r.criterion.id, procedure)
    }
    assert decided == {}


@pytest.mark.parametrize(
    ("criterion_id", "procedure", "status"),
    [
        (criterion_id, procedure, Status.MET if criterion_id.startswith("bcbsa.") else Status.NOT_MET)
        for criterion_id in DECIDED_BY_PROCEDURE
        for procedure in DRG
    ],
)
def test_the_technology_alone_decides_a_drg_request_at_these_payers(criterion_id, procedure, status):
    facts = CaseFacts(request=Request(procedure=procedure))
    assert CRITERIA[criterion_id].predicate(facts, TODAY).status is status


@PROPERTY
@given(facts_of(CaseFacts))
def test_only_primary_required_criteria_block_and_meets_means_every_blocking_one_is_met(facts):
    for label, _, results in requests_of(facts):
        outcome = verdict(results)
        for result in outcome.blocking:
            assert result.criterion.citation.confidence is rules.Confidence.PRIMARY, (
                label,
                result.criterion.id,
            )
            assert result.criterion.required, (label, result.criterion.id)
        for result in results:
            if result.criterion.citation.confidence is not rules.Confidence.PRIMARY:
                assert not result.criterion.blocking, (label, result.criterion.id)
                assert result.group in ("met", "verify"), (label, result.criterion.id)
        if outcome.outcome is Outcome.MEETS:
            unmet = [r.criterion.id for r in results if r.criterion.blocking and r.status is not Status.MET]
            assert unmet == [], label


MME = st.decimals(Decimal(0), Decimal(400), places=2)
PAIN = st.integers(0, 10)
TRIAL_ROUTES = ("medicare.ncd160_7.trial_success", "humana.hum0306.trial_relief")


def exact_percent(before, after) -> Fraction | None:
    """Return the exact percent reduction, or None when there is nothing to reduce."""
    if before <= 0:
        return None
    return (Fraction(before) - Fraction(after)) * 100 / Fraction(before)


@PROPERTY
@given(PAIN, PAIN, MME, MME)
def test_trial_success_compares_exact_values_and_recorded_values_are_never_not_documented(
    pain_before, pain_during, mme_before, mme_during
):
    facts = CaseFacts(
        trial=Trial(
            pain_before_nrs=pain_before,
            pain_during_nrs=pain_during,
            mme_before=mme_before,
            mme_during=mme_during,
        )
    )
    routes = [exact_percent(pain_before, pain_during), exact_percent(mme_before, mme_during)]
    expected = Status.MET if any(r is not None and r >= 50 for r in routes) else Status.NOT_MET
    for criterion_id in TRIAL_ROUTES:
        finding = CRITERIA[criterion_id].predicate(facts, TODAY)
        assert finding.status is expected, (criterion_id, finding.evidence)


@PROPERTY
@given(st.lists(st.tuples(PAIN, PAIN), min_size=3, max_size=5))
def test_blocks_beyond_three_count_as_relieving_only_at_50_percent(pains):
    blocks = tuple(Block(pain_before_nrs=b, pain_after_nrs=a) for b, a in pains)
    facts = CaseFacts(blocks=Blocks(blocks=blocks))
    relieving = any((r := exact_percent(b, a)) is not None and r >= 50 for b, a in pains)
    finding = CRITERIA["aetna.cpb0447.three_without_relief"].predicate(facts, TODAY)
    assert finding.status is (Status.MET if relieving else Status.NOT_MET), finding.evidence

"""Denials: which criteria answer each reason, and the appeal deadline stated or estimated (pure, no database)."""

from dataclasses import replace
from datetime import date

import pytest

from tests.conftest import EXAMPLE_NAMES, TODAY, example_facts
from wizard.core.assessment import assess
from wizard.core.choices import DenialReason, Payer
from wizard.core.denials import (
    ALL_REQUIRED,
    answer,
    appeal_deadline,
    criteria_met,
    parse_reasons,
    reason_steps,
)
from wizard.core.facts import Psych
from wizard.core.rules import Status

FBSS = "fbss-scs-permanent-aetna"
BLOCK = "crps-lumbar-sympathetic-block-aetna"
GENERAL = (DenialReason.NOT_MEDICALLY_NECESSARY, DenialReason.RECORDS_NOT_RECEIVED, DenialReason.OTHER)


def results_of(name, **changes):
    """Return a model case's facts (with changes) and its findings as of TODAY."""
    facts = replace(example_facts(name), **changes)
    return facts, assess(facts, today=TODAY).results


@pytest.mark.parametrize(
    ("reason", "steps"),
    [
        (DenialReason.PSYCH_EVALUATION, {"psych"}),
        (DenialReason.CONSERVATIVE_CARE, {"therapy"}),
        (DenialReason.DIAGNOSIS, {"diagnosis"}),
        (DenialReason.FUNCTIONAL_BASELINE, {"baselines"}),
        (DenialReason.TRIAL_OUTCOME, {"trial"}),
        (DenialReason.INVESTIGATIONAL, {"device", "request"}),
        (DenialReason.SITE_OF_SERVICE, {"request"}),
        (DenialReason.CODING, {"request"}),
    ],
)
def test_each_specific_reason_is_answered_by_its_steps(reason, steps):
    assert reason_steps(reason) == steps


@pytest.mark.parametrize("reason", GENERAL)
def test_a_general_reason_is_answered_by_every_required_criterion(reason):
    assert reason_steps(reason) is ALL_REQUIRED
    for name in EXAMPLE_NAMES:
        _, results = results_of(name)
        answered = answer(reason, results)
        assert [r.criterion.id for r in answered.results] == [
            r.criterion.id for r in results if r.criterion.required
        ]


def test_every_reason_has_its_steps_declared():
    for reason in DenialReason:
        reason_steps(reason)  # a reason without an entry raises KeyError


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("reason", [r for r in DenialReason if r not in GENERAL])
def test_a_specific_reason_takes_the_criteria_reading_its_steps_in_table_order(name, reason):
    _, results = results_of(name)
    answered = answer(reason, results)
    expected = [r for r in results if r.criterion.sections & reason_steps(reason)]
    if expected:
        assert list(answered.results) == expected and not answered.fallback
    else:
        assert answered.fallback
        assert list(answered.results) == [r for r in results if r.criterion.required]


def test_psych_reason_on_the_fbss_case_is_the_psych_criteria_all_met():
    _, results = results_of(FBSS)
    answered = answer(DenialReason.PSYCH_EVALUATION, results)
    ids = [r.criterion.id for r in answered.met]
    assert "aetna.cpb0194.psych_clearance" in ids and not answered.open
    assert all(r.criterion.step == "psych" for r in answered.results)


def test_a_removed_psych_evaluation_leaves_the_criterion_open_never_met():
    _, results = results_of(FBSS, psych=Psych())
    answered = answer(DenialReason.PSYCH_EVALUATION, results)
    assert "aetna.cpb0194.psych_clearance" in [r.criterion.id for r in answered.open]
    assert "aetna.cpb0194.psych_clearance" not in [r.criterion.id for r in answered.met]


def test_a_reason_no_criterion_reads_falls_back_to_every_required_one():
    _, results = results_of(BLOCK)
    answered = answer(DenialReason.TRIAL_OUTCOME, results)
    assert answered.fallback and answered.results
    assert all(r.criterion.required for r in answered.results)


def test_met_and_open_split_by_status():
    _, results = results_of(FBSS)
    answered = answer(DenialReason.INVESTIGATIONAL, results)
    assert all(r.status is Status.MET for r in answered.met)
    assert [r.criterion.id for r in answered.open] == ["aetna.cpb0194.nalu_investigational"]


def test_criteria_met_counts_the_blocking_criteria():
    _, results = results_of(FBSS)
    assert criteria_met(results) == (7, 7)
    _, results = results_of(FBSS, psych=Psych())
    met, total = criteria_met(results)
    assert met < total == 7


def test_parse_reasons_keeps_order_once_each_and_refuses_unknown_codes():
    assert parse_reasons(["coding", "psych_evaluation", "coding"]) == (
        DenialReason.CODING,
        DenialReason.PSYCH_EVALUATION,
    )
    with pytest.raises(ValueError, match="unknown denial reason bogus; valid codes: not_medically_necessary"):
        parse_reasons(["bogus"])


# ---- The appeal deadline -------------------------------------------------------------------------------

DENIED = date(2026, 11, 20)


def test_the_deadline_stated_on_the_notice_wins_over_any_estimate():
    stated = date(2026, 12, 31)
    deadline = appeal_deadline(DENIED, Payer.AETNA, stated)
    assert deadline.on == stated and deadline.stated
    assert deadline.label == "Dec 31, 2026 (stated on the denial notice)"


@pytest.mark.parametrize(
    ("payer", "days", "rule"),
    [
        (Payer.HUMANA_MA, 65, "42 CFR 422.582"),
        (Payer.MEDICARE, 120, "42 CFR 405.942"),
        (Payer.AETNA, 180, "29 CFR 2560.503-1(h)(3)(i)"),
        (Payer.BCBSA, 180, "29 CFR 2560.503-1(h)(3)(i)"),
        (Payer.OTHER_COMMERCIAL, 180, "29 CFR 2560.503-1(h)(3)(i)"),
    ],
)
def test_without_a_stated_deadline_our_estimate_is_labeled_to_verify(payer, days, rule):
    deadline = appeal_deadline(DENIED, payer, None)
    assert (deadline.on - DENIED).days == days and not deadline.stated
    assert "estimate, verify on the denial notice" in deadline.label and rule in deadline.label


def test_no_deadline_without_a_notice_date_or_a_payer():
    assert appeal_deadline(None, Payer.AETNA, None) is None
    assert appeal_deadline(DENIED, None, None) is None


def test_days_left_is_counted_from_the_day_passed_in():
    deadline = appeal_deadline(DENIED, Payer.HUMANA_MA, None)
    assert deadline.days_left(DENIED) == 65
    assert deadline.days_left(date(2027, 2, 1)) < 0

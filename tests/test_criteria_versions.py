"""Criteria as versioned data: dates, in-force windows, table versions, BCBS Minnesota and the review diff."""

import re
from dataclasses import replace
from datetime import date

import pytest

from tests.criteria_builders import BASELINES, TODAY, baseline, change
from wizard.core.assessment import assess, judged_tables, recheck, verdict_outcome
from wizard.core.choices import BluePlan, NicotineUse, Payer, Procedure
from wizard.core.criteria import (
    CRITERIA_VERSION,
    PROFILES,
    all_criteria,
    all_criterion_versions,
    bcbsa,
    criteria_in_force,
    judging_date,
    table_version,
)
from wizard.core.criteria.versions import policy_changes, snapshot
from wizard.core.criteria_docs import criteria_markdown
from wizard.core.rules import Citation, Criterion, Outcome, Status, evaluate, met, not_met, verdict

M, N, D = Status.MET, Status.NOT_MET, Status.NOT_DOCUMENTED
MN_IDS = {c.id for c in bcbsa.MINNESOTA_CRITERIA}
CHANGE_DAY = date(2026, 9, 7)
CITE = Citation("X", "A source", "", "https://example.org", date(2020, 1, 1))


def criterion(cid="x.topic.rule", text="A rule.", *, start=None, end=None, passes=True) -> Criterion:
    """Return a small criterion for tests of the version machinery."""
    return Criterion(
        cid,
        text,
        CITE,
        frozenset(Procedure),
        (lambda f, t: met("ok")) if passes else (lambda f, t: not_met("no")),
        in_force_from=start,
        in_force_until=end,
    )


def minnesota(on: date | None, **paths):
    """Return the BCBS Minnesota baseline as a BCBSA request dated `on`."""
    return baseline(
        "minnesota_permanent", **{"request.payer": Payer.BCBSA, "request.planned_on": on, **paths}
    )


# 1. Every criterion has an effective date or says why not.


@pytest.mark.parametrize("criterion", all_criterion_versions(), ids=lambda c: c.id)
def test_every_criterion_has_an_effective_date_or_a_reason_why_not(criterion):
    citation = criterion.citation
    assert citation.effective is not None or citation.undated_reason.strip(), criterion.id


def test_every_version_is_listed_and_all_criteria_keeps_one_per_id():
    ids = [c.id for c in all_criteria()]
    assert len(ids) == len(set(ids))
    assert set(ids) == {c.id for c in all_criterion_versions()}
    assert set(ids) >= MN_IDS


# 2. Table versions.


@pytest.mark.parametrize("profile", PROFILES.values(), ids=lambda p: p.payer.value)
def test_each_table_has_a_short_stable_version(profile):
    versions = profile.table_versions()
    assert set(versions) == set(profile.tables)
    for name, version in versions.items():
        assert re.fullmatch(rf"{CRITERIA_VERSION}\.[0-9a-f]{{12}}", version), version
        assert len(version) <= 40
        assert table_version(profile.tables[name]) == version


def test_table_version_changes_with_text_dates_and_requirement_but_not_with_the_predicate():
    base = criterion()
    version = table_version([base])
    assert table_version([replace(base, text="Another rule.")]) != version
    assert table_version([replace(base, in_force_from=CHANGE_DAY)]) != version
    assert table_version([replace(base, required=False)]) != version
    assert table_version([replace(base, citation=replace(CITE, effective=date(2021, 1, 1)))]) != version
    assert table_version([replace(base, predicate=lambda f, t: not_met("x"))]) == version
    assert table_version([base], release="2027-01-01").startswith("2027-01-01.")
    assert table_version([]) != version


# 3. Tables in force by date.


def test_a_changed_policy_keeps_its_old_version_and_adds_the_new_one_under_the_same_id():
    old = criterion(text="Old wording.", end=CHANGE_DAY)
    new = criterion(text="New wording.", start=CHANGE_DAY)
    added = criterion("x.topic.new_rule", start=CHANGE_DAY)
    table = (old, new, added)
    assert criteria_in_force(table, date(2026, 9, 6)) == (old,)
    assert criteria_in_force(table, CHANGE_DAY) == (new, added)
    assert criteria_in_force(table, date(2030, 1, 1)) == (new, added)
    # Without a date, the current (open-ended) versions.
    assert criteria_in_force(table, None) == (new, added)


def test_judging_date_is_the_planned_date_of_service_else_today():
    facts = BASELINES["permanent"]
    assert judging_date(facts, TODAY) == facts.request.planned_on
    assert judging_date(change(facts, **{"request.planned_on": None}), TODAY) == TODAY


def test_criteria_for_without_a_date_reads_the_planned_date_else_the_current_versions():
    profile = PROFILES[Payer.BCBSA]
    assert {c.id for c in profile.criteria_for(minnesota(date(2026, 8, 1)))}.isdisjoint(MN_IDS)
    assert {c.id for c in profile.criteria_for(minnesota(date(2026, 10, 1)))} >= MN_IDS
    # Undated and no day given: the versions without an end, which include rules that start later.
    assert {c.id for c in profile.criteria_for(minnesota(None))} >= MN_IDS
    assert {c.id for c in profile.criteria_for(minnesota(None), date(2026, 8, 1))}.isdisjoint(MN_IDS)


def boundary_days():
    """Return each date a criterion starts or stops being in force, a day either side, and TODAY."""
    days = {TODAY, date(1990, 1, 1)}
    for c in all_criterion_versions():
        for day in (c.in_force_from, c.in_force_until):
            if day:
                days |= {day, date.fromordinal(day.toordinal() - 1)}
    return sorted(days)


@pytest.mark.parametrize("day", boundary_days(), ids=str)
def test_ids_are_unique_among_the_criteria_in_force_on_any_date(day):
    for profile in PROFILES.values():
        for name, table in profile.tables.items():
            ids = [c.id for c in criteria_in_force(table, day)]
            assert len(ids) == len(set(ids)), (profile.payer, name, day)
        for facts in (*BASELINES.values(), minnesota(day)):
            ids = [c.id for c in profile.criteria_for(facts, day)]
            assert len(ids) == len(set(ids)), (profile.payer, day)


def test_an_empty_table_never_reads_meets():
    assert verdict([]).outcome is Outcome.INCOMPLETE
    facts = BASELINES["permanent"]
    before_everything = criteria_in_force((criterion(start=CHANGE_DAY),), date(2026, 1, 1))
    assert before_everything == ()
    assert verdict(evaluate(facts, before_everything, today=TODAY)).outcome is not Outcome.MEETS


# 4. BCBS Minnesota from 2026-09-07 (updates U2, SECONDARY).


def judged_ids(facts) -> set[str]:
    """Return the ids of the criteria that judged the case."""
    return {r.criterion.id for r in assess(facts, today=TODAY).results}


def test_old_tables_still_judge_a_case_dated_before_a_change():
    before, after = minnesota(date(2026, 8, 1)), minnesota(date(2026, 10, 1))
    assert not MN_IDS & judged_ids(before)
    assert judged_ids(after) >= MN_IDS
    assert assess(before, today=TODAY).table_version != assess(after, today=TODAY).table_version
    assert assess(before, today=TODAY).judged_on == date(2026, 8, 1)


def test_minnesota_rules_start_on_the_change_day_itself():
    assert not MN_IDS & judged_ids(minnesota(date(2026, 9, 6)))
    assert judged_ids(minnesota(CHANGE_DAY)) >= MN_IDS


def test_an_undated_case_is_judged_by_the_tables_in_force_today():
    facts = minnesota(None)
    assert not MN_IDS & {r.criterion.id for r in assess(facts, today=date(2026, 9, 1)).results}
    assert {r.criterion.id for r in assess(facts, today=date(2026, 11, 1)).results} >= MN_IDS
    assert assess(facts, today=date(2026, 11, 1)).judged_on == date(2026, 11, 1)


@pytest.mark.parametrize("plan", [None, BluePlan.HIGHMARK, BluePlan.BCBS_NORTH_DAKOTA, BluePlan.OTHER])
def test_other_blue_plans_never_get_the_minnesota_rules(plan):
    assert not MN_IDS & judged_ids(minnesota(date(2026, 10, 1), **{"request.blue_plan": plan}))


def test_minnesota_rules_apply_to_new_stimulators_not_to_replacements_or_blocks():
    replacement = change(
        BASELINES["replacement"],
        **{"request.payer": Payer.BCBSA, "request.blue_plan": BluePlan.BCBS_MINNESOTA},
    )
    assert not MN_IDS & judged_ids(replacement)
    trial = change(
        BASELINES["trial"], **{"request.payer": Payer.BCBSA, "request.blue_plan": BluePlan.BCBS_MINNESOTA}
    )
    assert judged_ids(trial) >= MN_IDS


def test_minnesota_rules_are_verify_with_payer_and_never_block():
    facts = minnesota(date(2026, 10, 1), **{"safety.nicotine_use": NicotineUse.CURRENT})
    assessment = assess(facts, today=TODAY)
    found = {r.criterion.id: r for r in assessment.results}
    assert found["bcbsa.mn.nicotine_free"].status is N
    assert found["bcbsa.mn.nicotine_free"].group == "verify"
    assert all(not c.blocking for c in bcbsa.MINNESOTA_CRITERIA)
    assert "bcbsa.mn.nicotine_free" not in assessment.verdict.open_ids
    # The verdict is the one the case had before the change (the list's verdict agrees).
    earlier = replace(facts, request=replace(facts.request, planned_on=date(2026, 8, 1)))
    assert assessment.verdict.outcome is assess(earlier, today=TODAY).verdict.outcome
    assert verdict_outcome(facts, today=TODAY) is assessment.verdict.outcome


NICOTINE = bcbsa.nicotine_free_for(bcbsa.MINNESOTA_NICOTINE_FREE_DAYS)
CASE_DAY = date(2026, 10, 1)


@pytest.mark.parametrize(
    ("use", "stopped_on", "status", "shown"),
    [
        (NicotineUse.NEVER, None, M, "never used nicotine"),
        (NicotineUse.FORMER, date(2026, 8, 20), M, "42 days by Oct 1, 2026 (≥ 42)"),
        (NicotineUse.FORMER, date(2026, 8, 21), N, "41 days by Oct 1, 2026; need ≥ 42 days (6 weeks)"),
        (NicotineUse.FORMER, date(2025, 1, 1), M, "nicotine-free since Jan 1, 2025"),
        (NicotineUse.FORMER, None, D, "date stopped not recorded"),
        (NicotineUse.CURRENT, None, N, "current nicotine use"),
        (NicotineUse.CURRENT, date(2026, 1, 1), N, "current nicotine use"),
        (None, None, D, "nicotine use not recorded"),
    ],
)
def test_nicotine_free_six_weeks_before_the_case_date(use, stopped_on, status, shown):
    facts = minnesota(CASE_DAY, **{"safety.nicotine_use": use, "safety.nicotine_free_on": stopped_on})
    finding = NICOTINE(facts, TODAY)
    assert finding.status is status, finding.evidence
    assert shown in finding.evidence


def test_nicotine_weeks_count_to_today_when_no_procedure_date_is_planned():
    facts = minnesota(
        None, **{"safety.nicotine_use": NicotineUse.FORMER, "safety.nicotine_free_on": date(2026, 10, 12)}
    )
    assert NICOTINE(facts, date(2026, 11, 22)).status is N
    assert NICOTINE(facts, date(2026, 11, 22)).evidence.startswith("nicotine-free since Oct 12, 2026: 41")
    assert NICOTINE(facts, date(2026, 11, 23)).status is M


@pytest.mark.parametrize(("pain", "status"), [(4, N), (5, M), (6, M), (0, N), (None, D)])
def test_minnesota_pain_at_its_boundary(pain, status):
    facts = minnesota(CASE_DAY, **{"diagnosis.pain_nrs": pain, "baselines.pain_nrs_average": None})
    assert bcbsa.pain_at_least(bcbsa.MINNESOTA_PAIN_NRS)(facts, TODAY).status is status


def test_minnesota_pain_falls_back_to_the_average_as_the_other_blue_criteria_do():
    facts = minnesota(CASE_DAY, **{"diagnosis.pain_nrs": None, "baselines.pain_nrs_average": 6})
    assert bcbsa.pain_at_least(bcbsa.MINNESOTA_PAIN_NRS)(facts, TODAY).status is M


# 5. What changed for a case since its review (pure diff).


def results_of(*criteria):
    """Judge the permanent baseline with these criteria."""
    return evaluate(BASELINES["permanent"], criteria, today=TODAY)


def test_no_change_is_an_empty_diff():
    results = results_of(criterion(), criterion("x.topic.other"))
    assert not policy_changes(snapshot(results), results)


def test_diff_lists_added_removed_reworded_and_status_changes():
    before = results_of(criterion("a.kept"), criterion("a.gone", "Gone rule."), criterion("a.worded", "Old."))
    now = results_of(
        criterion("a.kept", passes=False),
        criterion("a.worded", "New."),
        criterion("a.new", "New rule.", start=CHANGE_DAY),
    )
    change_ = policy_changes(snapshot(before), now)
    assert [(c.id, c.now) for c in change_.added] == [("a.new", "met")]
    assert [(c.id, c.text, c.before) for c in change_.removed] == [("a.gone", "Gone rule.", "met")]
    assert [(c.id, c.text_before, c.text) for c in change_.reworded] == [("a.worded", "Old.", "New.")]
    assert [(c.id, c.before, c.now) for c in change_.status_changed] == [("a.kept", "met", "not met")]


def test_diff_reads_a_snapshot_of_bare_statuses():
    now = results_of(criterion("a.kept", passes=False))
    change_ = policy_changes({"a.kept": "met"}, now)
    assert [(c.before, c.now) for c in change_.status_changed] == [("met", "not met")]
    assert not change_.reworded


def test_a_minnesota_case_reviewed_before_the_change_sees_the_new_rules_as_added():
    facts = minnesota(None, **{"safety.nicotine_use": NicotineUse.CURRENT})
    _day, then_version, then = judged_tables(facts, today=date(2026, 9, 1))
    _day, now_version, now = judged_tables(facts, today=date(2026, 9, 8))
    assert then_version != now_version
    change_ = policy_changes(snapshot(then), now)
    assert {c.id for c in change_.added} == MN_IDS
    assert {c.id: c.now for c in change_.added}["bcbsa.mn.nicotine_free"] == "not met"
    assert not change_.removed and not change_.reworded


# 6. Re-checking an issued letter with the tables that judged it.


def test_recheck_with_the_tables_that_judged_a_letter():
    facts = minnesota(None)
    judged_on, version, _results = judged_tables(facts, today=date(2026, 9, 1))
    check = recheck(facts, judged_on=judged_on, version_then=version, issued_on=date(2026, 9, 1), today=TODAY)
    assert check.same_encoding and check.judged_on == date(2026, 9, 1)
    rows = {r.id: r for r in check.rows}
    assert rows["bcbsa.70125.last_resort"].before == rows["bcbsa.70125.last_resort"].now == "met"
    # Judged today, the Minnesota rules are in force: shown as new, not as "at issue".
    assert {r.id for r in check.rows if not r.before} == MN_IDS
    assert {c.id for c in check.changes.added} == MN_IDS


def test_recheck_says_when_the_encoding_of_those_tables_changed():
    facts = minnesota(date(2026, 8, 1))
    check = recheck(
        facts,
        judged_on=date(2026, 8, 1),
        version_then="2026-11-01.000000000000",
        issued_on=date(2026, 7, 20),
        today=TODAY,
    )
    assert not check.same_encoding
    assert all(r.before == r.now for r in check.rows)


# 7. docs/criteria.md text.


def test_criteria_docs_show_dates_reasons_windows_and_table_versions():
    text = criteria_markdown()
    for profile in PROFILES.values():
        for version in profile.table_versions().values():
            assert f"Table version `{version}`." in text
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows and all(", effective " in row or ", undated: " in row for row in rows)
    assert "in force for cases dated from 2026-09-07" in text
    assert "undated: the adopting plan's page gives no effective date" in text

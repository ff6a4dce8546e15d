"""MME per day from the opioid rows (updates U6, CDC 2022 factors): core, forms and the letter sentence."""

from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import example_facts
from tests.criteria_builders import change
from wizard.core import mme
from wizard.core.choices import DrugClass, Opioid, TherapyOutcome
from wizard.core.facts import Medication
from wizard.core.rules import Confidence
from wizard.forms.clinical import BaselinesForm
from wizard.forms.therapy import MedicationForm
from wizard.letter.baselines import function_section

TODAY = date(2026, 11, 22)
CASE = "crps-scs-permanent-medicare"


def opioid_row(opioid, dose, **more) -> Medication:
    return Medication(drug=opioid.label, opioid=opioid, opioid_dose_per_day=Decimal(dose), **more)


def with_rows(*rows, stated=None, reason=""):
    """Return the model case with only these medication rows and the stated MME (None: nothing stated)."""
    return change(
        example_facts(CASE),
        **{"therapy.medications": rows, "baselines.mme_per_day": stated, "baselines.mme_reason": reason},
    )


# ---------------------------------------------------------------------------------------------------------
# The factor table


@pytest.mark.parametrize(
    ("opioid", "dose", "factor", "total", "text"),
    [
        (Opioid.CODEINE, "120", "0.15", "18.00", "Codeine 120 mg/day × 0.15 = 18 MME"),
        (Opioid.HYDROCODONE, "40", "1", "40", "Hydrocodone 40 mg/day × 1 = 40 MME"),
        (Opioid.HYDROMORPHONE, "8", "5", "40", "Hydromorphone 8 mg/day × 5 = 40 MME"),
        (Opioid.METHADONE, "10", "4.7", "47.0", "Methadone 10 mg/day × 4.7 = 47 MME"),
        (Opioid.MORPHINE, "30", "1", "30", "Morphine 30 mg/day × 1 = 30 MME"),
        (Opioid.OXYCODONE, "30", "1.5", "45.0", "Oxycodone 30 mg/day × 1.5 = 45 MME"),
        (Opioid.OXYMORPHONE, "10", "3", "30", "Oxymorphone 10 mg/day × 3 = 30 MME"),
        (Opioid.TAPENTADOL, "200", "0.4", "80.0", "Tapentadol 200 mg/day × 0.4 = 80 MME"),
        (Opioid.TRAMADOL, "100", "0.2", "20.0", "Tramadol 100 mg/day × 0.2 = 20 MME"),
        (
            Opioid.FENTANYL_TRANSDERMAL,
            "25",
            "2.4",
            "60.0",
            "Fentanyl, transdermal patch 25 mcg/h × 2.4 = 60 MME",
        ),
    ],
)
def test_each_opioid_converts_with_its_cdc_factor(opioid, dose, factor, total, text):
    result = mme.compute_mme([opioid_row(opioid, dose)], TODAY)
    assert mme.FACTORS[opioid] == Decimal(factor)
    assert result.total == Decimal(total)
    assert [line.text for line in result.lines] == [text]
    assert result.complete


def test_every_opioid_but_buprenorphine_and_other_has_a_factor():
    assert set(mme.FACTORS) == set(Opioid) - {Opioid.BUPRENORPHINE, Opioid.OTHER}


def test_the_factor_table_cites_cdc_2022_as_a_secondary_source():
    assert mme.CDC_2022.confidence is Confidence.SECONDARY
    assert "check the published table" in mme.CDC_2022.section
    assert "check the published table" in mme.SOURCE_WORDS


def test_fentanyl_is_converted_per_microgram_per_hour():
    line = mme.compute_mme([opioid_row(Opioid.FENTANYL_TRANSDERMAL, "12.5")], TODAY).lines[0]
    assert line.unit == "mcg/h"
    assert line.mme == Decimal("30.00")


def test_the_total_is_exact_and_rounded_only_for_display():
    rows = [opioid_row(Opioid.CODEINE, "25"), opioid_row(Opioid.TRAMADOL, "50")]
    result = mme.compute_mme(rows, TODAY)
    assert result.total == Decimal("13.75")
    assert mme.display_number(Decimal("3.745")) == "3.75"
    assert mme.display_number(Decimal("3.7449")) == "3.74"
    assert mme.display_number(Decimal("45.00")) == "45"


def test_several_drugs_add_up_line_by_line():
    rows = [opioid_row(Opioid.OXYCODONE, "20"), opioid_row(Opioid.MORPHINE, "30")]
    result = mme.compute_mme(rows, TODAY)
    assert result.total == Decimal(60)
    assert result.summary == "Oxycodone 20 mg/day × 1.5 = 30 MME; Morphine 30 mg/day × 1 = 30 MME"


@pytest.mark.parametrize(
    ("opioid", "words"),
    [(Opioid.BUPRENORPHINE, "no MME conversion factor"), (Opioid.OTHER, "no conversion factor in the table")],
)
def test_buprenorphine_and_other_opioids_are_listed_never_converted(opioid, words):
    alone = mme.compute_mme([opioid_row(opioid, "8")], TODAY)
    assert alone.total is None
    assert words in alone.unconverted[0].reason
    beside = mme.compute_mme([opioid_row(opioid, "8"), opioid_row(Opioid.MORPHINE, "30")], TODAY)
    assert beside.total == Decimal(30)
    assert not beside.complete
    assert f"not converted — {opioid.label}" in beside.summary


def test_a_current_opioid_without_a_daily_dose_is_not_converted():
    row = Medication(drug="MS Contin", opioid=Opioid.MORPHINE)
    result = mme.compute_mme([row], TODAY)
    assert result.total is None
    assert result.unconverted[0].text == "Morphine: no daily dose recorded"


def test_a_v1_opioid_class_row_without_the_opioid_chosen_never_reads_as_zero():
    row = Medication(drug="Tramadol", drug_class=DrugClass.OPIOID)
    result = mme.compute_mme([row], TODAY)
    assert result.total is None
    assert result.unconverted[0].opioid is None


# ---------------------------------------------------------------------------------------------------------
# Current rows and zero


def test_no_opioid_rows_give_no_value():
    assert (
        mme.compute_mme([Medication(drug="Gabapentin", drug_class=DrugClass.GABAPENTINOID)], TODAY).total
        is None
    )
    assert mme.compute_mme([], TODAY).total is None


def test_only_stopped_opioid_rows_give_zero_as_a_value():
    row = opioid_row(Opioid.OXYCODONE, "30", stopped_on=date(2026, 3, 1), outcome=TherapyOutcome.SIDE_EFFECTS)
    result = mme.compute_mme([row], TODAY)
    assert result.total == Decimal(0)
    assert result.lines == ()


@pytest.mark.parametrize(
    ("stopped_on", "as_of", "total"),
    [
        (None, TODAY, Decimal(45)),
        (date(2026, 11, 21), TODAY, Decimal(0)),
        (TODAY, TODAY, Decimal(0)),
        (date(2026, 11, 23), TODAY, Decimal(45)),
        (date(2026, 11, 23), None, Decimal(0)),
    ],
    ids=["ongoing", "stopped-before", "stopped-that-day", "stops-after", "no-date-any-stop-counts"],
)
def test_a_row_is_current_unless_stopped_on_or_before_the_as_of_date(stopped_on, as_of, total):
    row = opioid_row(Opioid.OXYCODONE, "30", stopped_on=stopped_on)
    assert mme.compute_mme([row], as_of).total == total


def test_a_row_started_after_the_as_of_date_is_not_yet_current():
    row = opioid_row(Opioid.MORPHINE, "30", started_on=date(2026, 12, 1))
    assert mme.compute_mme([row], TODAY).total == Decimal(0)


# ---------------------------------------------------------------------------------------------------------
# One source for the baseline


def test_the_stated_value_wins_and_a_v1_file_keeps_its_value():
    facts = example_facts(CASE)  # version-1 file: tramadol row without the opioid chosen, 20 MME stated
    baseline = mme.baseline_mme(facts, TODAY)
    assert baseline.value == Decimal(20)
    assert not baseline.is_computed
    assert not baseline.needs_reason


def test_without_a_stated_value_the_computed_one_is_used():
    baseline = mme.baseline_mme(with_rows(opioid_row(Opioid.OXYCODONE, "30")), TODAY)
    assert baseline.value == Decimal(45)
    assert baseline.is_computed


@pytest.mark.parametrize(
    ("stated", "reason", "differs", "needs_reason"),
    [
        (Decimal("45.0"), "", False, False),
        (Decimal(60), "", True, True),
        (Decimal(60), "   ", True, True),
        (Decimal(60), "Takes extra oxycodone PRN on bad days (pharmacy record)", True, False),
        (Decimal(0), "", True, True),
    ],
    ids=["equal", "differs-no-reason", "blank-reason", "differs-with-reason", "zero-stated"],
)
def test_a_stated_value_differing_from_the_computed_one_needs_a_reason(stated, reason, differs, needs_reason):
    facts = with_rows(opioid_row(Opioid.OXYCODONE, "30"), stated=stated, reason=reason)
    baseline = mme.baseline_mme(facts, TODAY)
    assert baseline.value == stated
    assert baseline.differs is differs
    assert baseline.needs_reason is needs_reason


# ---------------------------------------------------------------------------------------------------------
# Forms: errors beside the field


def medication_form(**data):
    return MedicationForm(data={"drug": "Oxycodone", **data}, today=TODAY)


def test_an_opioid_dose_without_the_opioid_is_an_error_beside_the_opioid():
    form = medication_form(opioid_dose_per_day="30")
    assert not form.is_valid()
    assert form.has_error("opioid", code="dose_without_opioid")


def test_an_opioid_row_of_another_class_is_an_error_beside_the_class():
    form = medication_form(opioid="oxycodone", opioid_dose_per_day="30", drug_class="nsaid")
    assert not form.is_valid()
    assert form.has_error("drug_class", code="opioid_class_mismatch")


def test_choosing_the_opioid_fills_in_the_opioid_class():
    form = medication_form(opioid="oxycodone", opioid_dose_per_day="30")
    assert form.is_valid(), form.errors
    row = form.section_from(form.cleaned_data)
    assert row.drug_class is DrugClass.OPIOID
    assert row.opioid is Opioid.OXYCODONE
    assert row.opioid_dose_per_day == Decimal(30)


def test_the_dose_label_says_its_unit():
    assert (
        "mg per day; fentanyl patch: mcg per hour" in MedicationForm.base_fields["opioid_dose_per_day"].label
    )


def baselines_form(computed, **data):
    return BaselinesForm(data=data, today=TODAY, computed_mme=computed)


OXY_45 = mme.compute_mme([opioid_row(Opioid.OXYCODONE, "30")], TODAY)


def test_the_baselines_form_needs_a_reason_when_the_stated_value_differs():
    form = baselines_form(OXY_45, mme_per_day="60")
    assert not form.is_valid()
    assert form.has_error("mme_reason", code="mme_reason_required")
    assert "give 45 MME/day" in form.errors["mme_reason"][0]


@pytest.mark.parametrize(
    "data",
    [
        {"mme_per_day": "60", "mme_reason": "Extra doses on bad days"},
        {"mme_per_day": "45"},
        {},
    ],
    ids=["with-reason", "equal", "nothing-stated"],
)
def test_the_baselines_form_accepts_an_equal_an_explained_or_no_stated_value(data):
    form = baselines_form(OXY_45, **data)
    assert form.is_valid(), form.errors


def test_the_baselines_form_without_a_computed_value_needs_no_reason():
    assert baselines_form(None, mme_per_day="60").is_valid()
    assert baselines_form(mme.compute_mme([], TODAY), mme_per_day="60").is_valid()


def test_the_stated_mme_help_says_it_overrides_the_computed_value():
    assert "Overrides the value computed" in BaselinesForm.base_fields["mme_per_day"].help_text
    form = baselines_form(OXY_45)
    assert "Computed: 45 MME/day (Oxycodone 30 mg/day × 1.5 = 45 MME)" in form.fields["mme_per_day"].help_text


# ---------------------------------------------------------------------------------------------------------
# The letter sentence


def letter_text(facts) -> str:
    return " ".join(function_section(facts, TODAY).sentences)


def test_the_letter_prints_a_computed_mme_with_what_it_was_computed_from():
    text = letter_text(with_rows(opioid_row(Opioid.OXYCODONE, "30")))
    assert (
        "Current opioid use is 45 morphine milligram equivalents per day (computed from: "
        "Oxycodone 30 mg/day × 1.5 = 45 MME; CDC 2022 conversion factors)." in text
    )


@pytest.mark.parametrize(
    "facts",
    [
        with_rows(stated=Decimal(0)),
        with_rows(opioid_row(Opioid.OXYCODONE, "30", stopped_on=date(2026, 1, 5))),
    ],
    ids=["stated-zero", "computed-zero"],
)
def test_zero_mme_prints_takes_no_opioids_never_zero_milligrams(facts):
    text = letter_text(facts)
    assert "The patient takes no opioids." in text
    assert "0 morphine" not in text


def test_a_stated_value_prints_without_computed_from():
    text = letter_text(example_facts(CASE))
    assert "Current opioid use is 20 morphine milligram equivalents per day." in text
    assert "computed from" not in text


def test_a_stated_value_that_differs_prints_the_computed_one_and_the_reason():
    facts = with_rows(
        opioid_row(Opioid.OXYCODONE, "30"), stated=Decimal(60), reason="extra doses on bad days"
    )
    text = letter_text(facts)
    assert "60 morphine milligram equivalents per day as stated; the medication rows give 45" in text
    assert "(extra doses on bad days)" in text


def test_buprenorphine_alone_is_named_and_never_reads_as_no_opioids():
    text = letter_text(with_rows(opioid_row(Opioid.BUPRENORPHINE, "8")))
    assert "takes no opioids" not in text
    assert "Buprenorphine: buprenorphine has no MME conversion factor" in text


def test_buprenorphine_beside_a_stated_zero_is_not_no_opioids():
    text = letter_text(with_rows(opioid_row(Opioid.BUPRENORPHINE, "8"), stated=Decimal(0)))
    assert "takes no opioids" not in text
    assert "0 morphine" not in text
    assert "not converted: Buprenorphine" in text


def test_no_opioid_rows_and_nothing_stated_print_no_opioid_sentence():
    assert "opioid" not in letter_text(with_rows()).lower()

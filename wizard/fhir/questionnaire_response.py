"""A DTR-style QuestionnaireResponse of a case: one group per wizard step, one item per saved fact.

Each answer says where it came from, as Da Vinci DTR 2.2.0 does with its information-origin extension:
"manual" for what the clinician typed (with the clinician as author, rule dtrx-1) and "auto-client" for
values this app computed from them (DTR 2.2.0 replaced 2.1's "auto" with auto-client / auto-server).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal

from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from ..core import mme, scoring
from ..core.case_format import FORMAT_VERSION, dump_object, field_metadata, field_types
from ..core.choices import Choice
from ..core.facts import CaseFacts
from ..core.icd10 import diagnosis_codes
from ..core.steps import STEP_TITLES, STEPS
from .common import BASE_URL, CHOICE_SYSTEM, ICD10_SYSTEM, coding, reference, validated

ORIGIN_URL = "http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/information-origin"
MANUAL, AUTO = "manual", "auto-client"


def questionnaire_canonical(facts: CaseFacts) -> str:
    """Return the canonical of our questionnaire for the case's procedure, versioned by the case format."""
    procedure = facts.request.procedure
    name = procedure.value.replace("_", "-") if procedure else "unspecified"
    return f"{BASE_URL}/Questionnaire/pain-lmn-{name}|{FORMAT_VERSION}"


def origin(source: str, author: dict | None) -> dict:
    """Return the DTR information-origin extension; manual answers name their author."""
    parts = [{"url": "source", "valueCode": source}]
    if author is not None and source == MANUAL:
        parts.append({"url": "author", "extension": [{"url": "practitioner", "valueReference": author}]})
    return {"url": ORIGIN_URL, "extension": parts}


def typed_value(value: object) -> dict:
    """Return the answer's value[x] for one fact, typed as FHIR types it."""
    if isinstance(value, Choice):
        name = type(value).__name__
        return {"valueCoding": coding(CHOICE_SYSTEM.format(name), value.value, value.label)}
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, Decimal):
        return {"valueDecimal": int(value) if value == value.to_integral_value() else float(value)}
    if isinstance(value, date):
        return {"valueDate": value.isoformat()}
    if isinstance(value, time):
        return {"valueTime": value.strftime("%H:%M:%S")}
    return {"valueString": str(value)}


def answer(value: object, source: str, author: dict | None) -> dict:
    """Return one answer with its value and origin."""
    return {**typed_value(value), "extension": [origin(source, author)]}


def is_empty(value: object) -> bool:
    """Return whether a fact is not documented (an object counts as empty when none of its facts is)."""
    if dataclasses.is_dataclass(value):
        return not dump_object(value)
    return value is None or value == "" or value == ()


def field_items(obj: object, path: str, author: dict | None) -> list[dict]:
    """Return the items of one facts object: a question per fact, a group per object or row."""
    items = []
    docs = field_metadata(type(obj))
    for name, (hint, _) in field_types(type(obj)).items():
        value = getattr(obj, name)
        if is_empty(value):
            continue
        link, text = f"{path}.{name}", docs[name].get("doc", name)
        if dataclasses.is_dataclass(value):
            items.append({"linkId": link, "text": text, "item": field_items(value, link, author)})
        elif typing.get_origin(hint) is tuple and dataclasses.is_dataclass(typing.get_args(hint)[0]):
            # A repeating group is one item per row, all with the same linkId (SDC rule sdcqr-2).
            items += [{"linkId": link, "text": text, "item": field_items(row, link, author)} for row in value]
        elif isinstance(value, tuple):
            items.append({"linkId": link, "text": text, "answer": [answer(v, MANUAL, author) for v in value]})
        else:
            items.append({"linkId": link, "text": text, "answer": [answer(value, MANUAL, author)]})
    return items


def computed(link: str, text: str, value: object) -> list[dict]:
    """Return one computed item, or none when the value cannot be computed."""
    if value is None:
        return []
    return [{"linkId": link, "text": text, "answer": [answer(value, AUTO, None)]}]


def odi_percent(answers) -> Decimal | None:
    """Return the ODI percentage of a set of answers, or None with no section answered."""
    score = scoring.score_odi(answers.scores())
    return None if score is None else score.percent


def diagnosis_computed(facts: CaseFacts, today: date) -> list[dict]:
    """Return the ICD-10-CM codes the app derived from the diagnosis."""
    codes = diagnosis_codes(facts.diagnosis)
    if not codes:
        return []
    answers = [
        {"valueCoding": coding(ICD10_SYSTEM, c.code, c.description), "extension": [origin(AUTO, None)]}
        for c in codes
    ]
    return [{"linkId": "diagnosis.icd10", "text": "ICD-10-CM codes (computed)", "answer": answers}]


def therapy_computed(facts: CaseFacts, today: date) -> list[dict]:
    """Return the months of failed conservative care."""
    months = scoring.failed_conservative_care_months(facts.therapy, today, facts.diagnosis.onset_on)
    return computed(
        "therapy.conservative_care_months", "Months of failed conservative care (computed)", months
    )


def baselines_computed(facts: CaseFacts, today: date) -> list[dict]:
    """Return the baseline ODI percentage and the MME per day computed from the opioid rows."""
    total = mme.compute_mme(facts.therapy.medications, today).total
    return [
        *computed("baselines.odi_percent", "ODI, percent (computed)", odi_percent(facts.baselines.odi)),
        *computed("baselines.mme_per_day_computed", "MME per day from the opioid rows (computed)", total),
    ]


def trial_computed(facts: CaseFacts, today: date) -> list[dict]:
    """Return the trial length, pain relief, analgesic reduction and ODI during the trial."""
    trial = facts.trial
    return [
        *computed("trial.days", "Trial length in days (computed)", scoring.trial_days(trial)),
        *computed(
            "trial.relief_percent",
            "Target-pain relief, percent (computed)",
            scoring.percent_reduction(trial.pain_before_nrs, trial.pain_during_nrs),
        ),
        *computed(
            "trial.analgesic_reduction_percent",
            "Analgesic reduction, percent (computed)",
            scoring.percent_reduction(trial.mme_before, trial.mme_during),
        ),
        *computed("trial.odi_percent", "ODI during the trial, percent (computed)", odi_percent(trial.odi)),
    ]


def device_computed(facts: CaseFacts, today: date) -> list[dict]:
    """Return the relief the current system gave while it worked."""
    device = facts.device
    relief = scoring.percent_reduction(device.pain_before_implant_nrs, device.pain_with_device_nrs)
    return computed("device.relief_percent", "Relief while the system worked, percent (computed)", relief)


COMPUTED_BY_STEP: dict[str, Callable[[CaseFacts, date], list[dict]]] = {
    "diagnosis": diagnosis_computed,
    "therapy": therapy_computed,
    "baselines": baselines_computed,
    "trial": trial_computed,
    "device": device_computed,
}


def step_items(facts: CaseFacts, today: date, author: dict | None) -> list[dict]:
    """Return one group per step holding any fact, its typed answers first, then what was computed."""
    groups = []
    for step in STEPS:
        section = getattr(facts, step, None)
        if section is None:
            continue
        items = field_items(section, step, author)
        if items:
            items += COMPUTED_BY_STEP.get(step, lambda f, t: [])(facts, today)
        if items:
            groups.append({"linkId": step, "text": STEP_TITLES[step], "item": items})
    return groups


def build_questionnaire_response(facts: CaseFacts, *, case_key: str, today: date) -> dict:
    """Return the case's answers as a validated R4 QuestionnaireResponse (references into the PAS Bundle)."""
    clinician = facts.request.clinician
    author = reference(case_key, "practitioner", clinician.name) if clinician.name or clinician.npi else None
    response = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire_canonical(facts),
        "status": "completed",
        "subject": reference(case_key, "patient"),
        "authored": today.isoformat(),
    }
    items = step_items(facts, today, author)
    if items:
        # FHIR JSON never holds an empty list.
        response["item"] = items
    if author is not None:
        response["author"] = author
    return validated(QuestionnaireResponse, response)

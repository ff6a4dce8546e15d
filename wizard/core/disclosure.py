"""Minimum necessary (HIPAA §164.502(b)): the case file a letter carries holds only what the letter relies on."""

from __future__ import annotations

import dataclasses

from .case_format import dump_case
from .facts import CaseFacts
from .steps import applicable_steps

# Facts the letter never prints and no criterion, code or evidence rule reads; the clinic's record keeps them.
DROPPED_FIELDS = {
    "patient.sex": "printed nowhere and judged by no criterion; name and date of birth identify the patient",
}


def letter_case_file(facts: CaseFacts) -> dict:
    """Return the case file attached to a letter: the facts it relies on and nothing else."""
    request = facts.request
    # A section of a step this request does not ask for (a trial for a block) is a leftover of an earlier
    # choice of procedure: the letter neither prints nor judges it.
    needed = applicable_steps(request.procedure, request.has_existing_stimulator)
    sections = {f.name: getattr(facts, f.name) for f in dataclasses.fields(facts) if f.name in needed}
    for path in DROPPED_FIELDS:
        step, name = path.split(".")
        sections[step] = dataclasses.replace(sections[step], **{name: default_of(sections[step], name)})
    return dump_case(CaseFacts(**sections))


def default_of(section: object, name: str) -> object:
    """Return a field's "not documented" value."""
    field = next(f for f in dataclasses.fields(section) if f.name == name)
    return field.default_factory() if field.default is dataclasses.MISSING else field.default

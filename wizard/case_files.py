"""Reading a case file for import: bytes to validated facts, with messages a person can act on."""

import json
from dataclasses import replace
from datetime import date

from .core.case_format import CaseFormatError, dump_case, load_case
from .core.facts import CaseFacts
from .core.steps import STEPS
from .core.validation import problems
from .models import Case, Clinic, Membership

MAX_LISTED_PROBLEMS = 10


class CaseFileError(ValueError):
    """A file that cannot become a case; `messages` says every reason found."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def read_case_file(raw: bytes, today: date) -> tuple[CaseFacts, list[str]]:
    """Return a case file's facts and the steps it holds, or raise CaseFileError saying what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CaseFileError(["The file is not UTF-8 text; export the case again."]) from None
    except json.JSONDecodeError as error:
        raise CaseFileError(
            [f"This is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."]
        ) from None
    try:
        facts = load_case(data)
    except CaseFormatError as error:
        raise CaseFileError([str(error)]) from None
    found = problems(facts, today)
    if found:
        listed = [f"{path}: {message}" for path, message in found[:MAX_LISTED_PROBLEMS]]
        if len(found) > MAX_LISTED_PROBLEMS:
            listed.append(f"… and {len(found) - MAX_LISTED_PROBLEMS} more.")
        raise CaseFileError(listed)
    return facts, [k for k in data if k in STEPS]


def stored_case_file(facts: CaseFacts, saved_steps: list[str]) -> dict:
    """Return the case file as a Case stores it: every saved step listed, even an empty one."""
    stored = dump_case(facts)
    for step in saved_steps:
        stored.setdefault(step, {})
    return stored


def adopt_for_clinic(facts: CaseFacts, clinic: Clinic) -> CaseFacts:
    """Put the importing clinic's letterhead on the case, and its clinician with the same NPI."""
    request = facts.request
    clinician = request.clinician
    if clinician.npi:
        member = (
            Membership.objects.filter(clinic=clinic, role=Membership.Role.CLINICIAN, npi=clinician.npi)
            .select_related("user")
            .first()
        )
        if member is not None:
            clinician = member.signature()
    return replace(facts, request=replace(request, practice=clinic.letterhead(), clinician=clinician))


def create_imported_case(clinic: Clinic, user, facts: CaseFacts, saved_steps: list[str]) -> Case:
    """Create a draft case in the clinic from a case file's facts."""
    case = Case(clinic=clinic, created_by=user, updated_by=user)
    case.facts = stored_case_file(adopt_for_clinic(facts, clinic), saved_steps)
    case.save()
    return case

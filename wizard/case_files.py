"""Reading a case file for import: bytes to validated facts, with messages a person can act on."""

from dataclasses import dataclass, replace
from datetime import date

from .core.case_format import CaseFormatError, dump_case, load_case
from .core.case_json import parse_case_text
from .core.facts import CaseFacts, Clinician
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
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError(["The file is not UTF-8 text; export the case again."]) from None
    try:
        data = parse_case_text(text)
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


@dataclass(frozen=True)
class Adopted:
    """A case file's facts made the clinic's own; `unused` is the file's clinician when it was not kept."""

    facts: CaseFacts
    unused: Clinician | None = None


def clinic_signer(clinic: Clinic, user, named: Clinician) -> Clinician:
    """Return who signs an imported case: the clinician member with the file's NPI, else the importer."""
    clinicians = Membership.objects.filter(
        clinic=clinic, role=Membership.Role.CLINICIAN, user__is_active=True
    ).select_related("user")
    member = clinicians.filter(npi=named.npi).first() if named.npi else None
    if member is None:
        member = clinicians.filter(user=user).first()
    return member.signature() if member is not None else Clinician()


def adopt_for_clinic(facts: CaseFacts, clinic: Clinic, user) -> Adopted:
    """Put the clinic's letterhead on the case; only a clinician of the clinic ever signs it."""
    named = facts.request.clinician
    signer = clinic_signer(clinic, user, named)
    kept = not (named.name or named.npi) or (bool(named.npi) and named.npi == signer.npi)
    request = replace(facts.request, practice=clinic.letterhead(), clinician=signer)
    return Adopted(replace(facts, request=request), None if kept else named)


def save_imported_case(clinic: Clinic, user, facts: CaseFacts, saved_steps: list[str]) -> Case:
    """Create a draft case in the clinic from adopted facts."""
    case = Case(clinic=clinic, created_by=user, updated_by=user)
    case.facts = stored_case_file(facts, saved_steps)
    case.save()
    return case


def create_imported_case(clinic: Clinic, user, facts: CaseFacts, saved_steps: list[str]) -> Case:
    """Create a draft case in the clinic from a case file's facts, signed by one of its clinicians."""
    return save_imported_case(clinic, user, adopt_for_clinic(facts, clinic, user).facts, saved_steps)

"""A case's sequel: the permanent implant started from its trial, or a replacement from its implant.

Every fact is copied through the case file (dump_case, then load_case), the procedure changes, and only the
facts that belong to the earlier request and would be wrong for the new one are cleared.
"""

from dataclasses import replace
from datetime import date

from django.db import transaction

from .case_files import stored_case_file
from .core.assessment import assess
from .core.case_format import dump_case, field_metadata, load_case
from .core.choices import AnswerKind, Procedure, StimulatorKind
from .core.facts import CaseFacts, Device, Request
from .core.steps import PERMANENT_PROCEDURES, STEPS, applicable_steps
from .models import Case, PayerAnswer

SEQUEL_OF = {
    Procedure.SCS_TRIAL: Procedure.SCS_PERMANENT,
    Procedure.DRG_TRIAL: Procedure.DRG_PERMANENT,
    Procedure.SCS_PERMANENT: Procedure.SCS_REPLACEMENT,
    Procedure.DRG_PERMANENT: Procedure.SCS_REPLACEMENT,
}
ACTION_LABELS = {
    Procedure.SCS_PERMANENT: "Start the permanent implant from this trial",
    Procedure.DRG_PERMANENT: "Start the permanent implant from this trial",
    Procedure.SCS_REPLACEMENT: "Start a replacement from this implant",
}
IMPLANTED_KIND = {Procedure.SCS_PERMANENT: StimulatorKind.SCS, Procedure.DRG_PERMANENT: StimulatorKind.DRG}
TRIAL_AUTHORIZATION_LIMIT = field_metadata(Request)["trial_authorization"]["max_length"]


class SequelRefused(ValueError):
    """The case's procedure has no sequel (only trials and permanent implants have one)."""


def sequel_procedure(facts: CaseFacts) -> Procedure | None:
    """Return the procedure that follows this case's, or None when nothing follows it."""
    return SEQUEL_OF.get(facts.request.procedure)


def carried_authorization(parent: Case) -> str:
    """Return the parent's latest approval: its authorization number, else its submission's reference."""
    approved = (
        PayerAnswer.objects.filter(submission__case=parent, kind=AnswerKind.APPROVED.value)
        .select_related("submission")
        .order_by("-answered_on", "-recorded_at")
    )
    for answer in approved:
        found = answer.authorization_number.strip() or answer.submission.reference.strip()
        if found:
            return found
    return ""


def permanent_request(request: Request, procedure: Procedure, authorization: str) -> Request:
    """Return the trial's request as a permanent implant's: its date, trial count and repeat reason cleared."""
    # The trial just done changes the count of trials in the region; the clinician states it again.
    return replace(
        request,
        procedure=procedure,
        planned_on=None,
        prior_trials_in_region=None,
        repeat_trial_reason="",
        trial_authorization=authorization if len(authorization) <= TRIAL_AUTHORIZATION_LIMIT else "",
    )


def implanted_device(request: Request) -> Device:
    """Return the device history of the implant being replaced, from what its request documented."""
    return Device(
        kind=IMPLANTED_KIND.get(request.procedure),
        maker=request.device_maker,
        system=request.device_model,
        waveform=request.stimulation_mode,
        rechargeable=request.generator_rechargeable,
    )


def sequel_facts(facts: CaseFacts, authorization: str = "") -> CaseFacts:
    """Return the new request's facts: every fact copied, the earlier request's own facts cleared."""
    procedure = sequel_procedure(facts)
    if procedure is None:
        raise SequelRefused("Only a trial or a permanent implant can be followed by another request.")
    copied = load_case(dump_case(facts))
    if procedure in PERMANENT_PROCEDURES:
        return replace(copied, request=permanent_request(copied.request, procedure, authorization))
    # A replacement: the implant is now the existing system, and the device step describes it (an older
    # system's history would be wrong); the trial outcome stays, it is the evidence.
    request = replace(
        copied.request,
        procedure=procedure,
        revision_kind=None,
        planned_on=None,
        has_existing_stimulator=None,
        trial_authorization="",
    )
    return replace(copied, request=request, device=implanted_device(copied.request))


def step_needing_input(facts: CaseFacts, today: date) -> str:
    """Return the first step still needing input: the trial outcome for a permanent implant, else the
    first step holding an open required item, else the request (its date of service was cleared)."""
    steps = applicable_steps(facts.request.procedure, facts.request.has_existing_stimulator)
    if facts.request.procedure in PERMANENT_PROCEDURES and not dump_case(facts).get("trial"):
        return "trial"
    verdict = assess(facts, today=today).verdict
    open_steps = {r.criterion.step for r in verdict.blocking} | {b.step for b in verdict.blockers}
    return next((s for s in steps if s in open_steps and s != "review"), "request")


def start_sequel(parent: Case, user, today: date) -> tuple[Case, str]:
    """Create the sequel case in the parent's clinic; return it and the step that needs input first."""
    facts = parent.case_facts()
    authorization = carried_authorization(parent)
    new_facts = sequel_facts(facts, authorization)
    saved = [s for s in STEPS if s in parent.facts]
    with transaction.atomic():
        case = Case(
            clinic=parent.clinic,
            parent=parent,
            prior_authorization=authorization[: Case._meta.get_field("prior_authorization").max_length],
            created_by=user,
            updated_by=user,
        )
        case.facts = stored_case_file(new_facts, saved)
        case.save()
    return case, step_needing_input(new_facts, today)

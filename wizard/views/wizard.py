"""The case wizard: one URL per step, drafts kept on the case, nothing typed ever dropped."""

from dataclasses import replace

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import View
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of, refuse_archived
from ..core.anticoagulation import ADVISORY_NOTE
from ..core.assessment import assess
from ..core.changes import diff
from ..core.choices import Procedure
from ..core.derived import derived_values
from ..core.mme import compute_mme
from ..core.steps import STEP_TITLES, STEPS, step_applies
from ..drafts import draft_note
from ..forms.clinical import BaselinesForm, DiagnosisForm, PsychForm
from ..forms.outcomes import BlocksForm, DecisionForm, DeviceForm, ReviewForm, TrialForm
from ..forms.problems import step_problems
from ..forms.request import PatientForm, RequestForm
from ..forms.safety import SafetyForm
from ..forms.therapy import TherapyForm
from ..models import Case
from ..presenters import assessment_view, summarize_case
from ..storage import CaseStorage, version_key
from .conflicts import TAKE_THEIRS, EditConflictMixin
from .step_context import announce_ready, payer_step_context

STEP_FORMS = (
    ("request", RequestForm),
    ("patient", PatientForm),
    ("diagnosis", DiagnosisForm),
    ("therapy", TherapyForm),
    ("baselines", BaselinesForm),
    ("psych", PsychForm),
    ("safety", SafetyForm),
    ("trial", TrialForm),
    ("device", DeviceForm),
    ("blocks", BlocksForm),
    ("decision", DecisionForm),
    ("review", ReviewForm),
)
FORM_CLASSES = dict(STEP_FORMS)
assert tuple(FORM_CLASSES) == STEPS
RETURN_TO_REVIEW = "review"
PREFIX = "case_wizard"


def request_choice(case: Case) -> tuple[Procedure | None, bool | None]:
    """Return the saved procedure and whether a stimulator is already implanted."""
    saved = case.facts.get("request", {})
    procedure = Procedure._value2member_map_.get(saved.get("procedure"))
    return procedure, saved.get("has_existing_stimulator")


def case_steps(case: Case) -> list[str]:
    """Return the steps this case's request needs."""
    return [step for step in STEPS if step_applies(step, *request_choice(case))]


def build_step_form(step, case, membership, today, data=None):
    """Return the form of one step, filled from the saved facts or bound to posted data."""
    form_class = FORM_CLASSES[step]
    section = getattr(case.case_facts(), step, None)
    kwargs = {"data": data, "prefix": step, "today": today, "initial": {}}
    if section is not None:
        kwargs["initial"] = form_class.initial_for(section)
    if step == "request":
        kwargs.update(clinic=case.clinic, membership=membership)
    if step == "patient":
        kwargs["payer"] = case.case_facts().request.payer
    if step == "baselines":
        kwargs["computed_mme"] = compute_mme(case.case_facts().therapy.medications, today)
    return form_class(**kwargs)


def condition_for(step):
    """Return the formtools condition of a step; it reads only the saved request."""

    def applies(wizard) -> bool:
        return step_applies(step, *request_choice(wizard.case))

    return applies


@method_decorator(sensitive_post_parameters(), name="dispatch")
class CaseWizardView(EditConflictMixin, NamedUrlWizardView):
    form_list = STEP_FORMS
    condition_dict = {step: condition_for(step) for step in STEPS}
    template_name = "wizard/step.html"

    def dispatch(self, request, *args, **kwargs):
        self.membership = clinician_of(request)
        self.today = timezone.localdate()
        if request.method != "POST":
            return self.handle(request, *args, **kwargs)
        # Posts to one case take turns, so two tabs saving at once cannot undo each other.
        with transaction.atomic():
            return self.handle(request, *args, for_update=True, **kwargs)

    def handle(self, request, *args, for_update=False, **kwargs):
        """Load the case and its draft, run the step, and save what changed."""
        self.case = case_of(request, kwargs["case_id"], for_update=for_update)
        refuse_archived(self.case)
        self.facts_changed = False
        self.prefix = PREFIX
        self.storage = CaseStorage(self.prefix, request, self.case)
        self.steps = StepsHelper(self)
        response = View.dispatch(self, request, *args, **kwargs)
        self.persist()
        return response

    def persist(self) -> None:
        """Save what this request changed on the case, in one UPDATE."""
        fields = []
        if self.storage.changed:
            self.storage.write_to_case()
            fields.append("wizard_state")
        if self.facts_changed:
            fields += ["facts", "status", "updated_by", "updated_at"]
        if fields:
            self.case.save(update_fields=fields)

    def get_step_url(self, step):
        url = reverse(self.url_name, kwargs={"case_id": self.case.id, "step": step})
        if self.request.GET.get("return") == RETURN_TO_REVIEW and step != "review":
            url += "?return=review"
        return url

    def get_form(self, step=None, data=None, files=None):
        return build_step_form(step or self.steps.current, self.case, self.membership, self.today, data)

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        if step == self.done_step_name:
            return redirect(self.get_step_url("review"))
        if step in STEPS and step not in self.get_form_list():
            messages.info(request, f"“{STEP_TITLES[step]}” does not apply to this request.")
            return redirect(
                self.get_step_url(
                    self.steps.current if self.steps.current in self.get_form_list() else "request"
                )
            )
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        management = ManagementForm(self.request.POST, prefix=self.prefix)
        posted_step = management.cleaned_data["current_step"] if management.is_valid() else None
        if posted_step not in self.get_form_list():
            messages.warning(
                self.request,
                "That page was out of date, so nothing was saved from it. Please check this step.",
            )
            return redirect(
                self.get_step_url(
                    self.steps.current if self.steps.current in self.get_form_list() else "request"
                )
            )
        self.storage.current_step = posted_step
        if TAKE_THEIRS in self.request.POST:
            return self.take_theirs(posted_step)
        form = self.get_form(data=self.request.POST)
        if FORM_CLASSES[posted_step].base_fields and not form.field_names_posted():
            messages.warning(self.request, "The page arrived without its fields, so nothing was changed.")
            return redirect(self.get_step_url(posted_step))
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.get_form_list() and not form.has_changed():
            # Passing through a step untouched neither saves it nor marks it done.
            return self.render_goto_step(goto)
        self.read_opened_version()
        if posted_step == "review" and goto not in self.get_form_list() and self.review_is_stale():
            return redirect(self.get_step_url("review"))
        valid = form.is_valid()
        if not self.keep_input(posted_step, form, valid):
            return self.render(form, conflict=self.conflict_view(posted_step, form))
        if goto in self.get_form_list():
            return self.render_goto_step(goto)
        if not valid:
            return self.render(form)
        if posted_step == self.steps.last:
            return self.render_done(form, **kwargs)
        if self.request.GET.get("return") == RETURN_TO_REVIEW:
            return self.render_goto_step("review")
        return self.render_next_step(form)

    def keep_input(self, step, form, valid) -> bool:
        """Save valid input as the step's facts, keep invalid input raw; return False on an edit conflict."""
        saved = valid and (step == "review" or self.save_section(step, form.to_section()))
        if saved:
            self.storage.forget_input(step)
        else:
            # Input refused for its errors or for a conflict waits here, so nothing typed is lost.
            self.storage.keep_invalid_input(step, self.process_step(form))
        return saved or not valid

    def save_section(self, step, section) -> bool:
        """Replace one step's saved facts unless someone else changed them meanwhile; audit the change."""
        before = self.case.facts
        changed = self.case.set_step_facts(step, section)
        if self.refuses_overwrite(step, before):
            return False
        if changed and self.case.facts is not before:
            self.facts_changed = True
            self.case.updated_by = self.request.user
            changes = [list(change) for change in diff(before, self.case.facts)]
            record(Action.CHANGE, request=self.request, case_id=self.case.pk, step=step, changes=changes)
            # A changed case needs a new review; issued letters stay as they were. A case sent to the payer
            # keeps its tracking status (facts added for an appeal do not undo the sending).
            if self.case.status in (Case.Status.READY, Case.Status.ISSUED):
                self.set_status(Case.Status.DRAFT)
        if hasattr(self, "_resolved_form_list"):
            del self._resolved_form_list
        return True

    def set_status(self, status) -> None:
        """Move the case to a status and audit the move (the caller's persist() saves it)."""
        record(
            Action.STATUS,
            request=self.request,
            case_id=self.case.pk,
            **{"from": self.case.status, "to": status},
        )
        self.case.status = status
        self.case.updated_by = self.request.user
        self.facts_changed = True

    def render_done(self, form, **kwargs):
        missing = [
            s
            for s in self.get_form_list()
            if s != "review" and (s not in self.case.facts or s in self.storage.unsaved_steps)
        ]
        if missing:
            names = ", ".join(STEP_TITLES[s] for s in missing)
            messages.warning(self.request, f"Save these steps before marking the case ready: {names}.")
            return redirect(self.get_step_url(missing[0]))
        return self.done(form, **kwargs)

    def done(self, form_list, **kwargs):
        if self.case.status == Case.Status.DRAFT:
            self.set_status(Case.Status.READY)
        self.case.record_review(self.today)
        announce_ready(self.request, self.case, self.today)
        return redirect("case_detail", case_id=self.case.id)

    def get_context_data(self, form, conflict=None, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        opened, current = self.page_versions(step, form)
        facts = self.case.case_facts()
        if form.is_bound and step != "review":
            facts = replace(facts, **{step: form.to_section()})
        unsaved = self.storage.unsaved_steps
        context.update(
            case=self.case,
            step=step,
            step_title=STEP_TITLES[step],
            nav=[(s, STEP_TITLES[s], s in self.case.facts, s in unsaved) for s in self.get_form_list()],
            derived=derived_values(step, facts, self.today),
            returning_to_review=self.request.GET.get("return") == RETURN_TO_REVIEW,
            version_key=version_key(self.prefix),
            saved_version=opened,
            conflict=conflict,
            stale_draft=conflict is None and opened != current,
            problems=step_problems(form) if self.request.method == "POST" else [],
            draft=draft_note(self.storage, step) if self.request.method == "GET" else None,
        )
        if step == "review":
            context.update(assessment_context(self.case, self.get_form_list(), self.today, editable=True))
            context["summaries"] = summarize_case(
                self.case, list(self.get_form_list())[:-1], FORM_CLASSES, unsaved, self.today
            )
        context.update(payer_step_context(step, facts, self.today, context.get("view")))
        return context


def assessment_context(case, steps, today, *, editable: bool) -> dict:
    """Return the template context of the assessment panel: findings, risks, codes, advice."""
    steps = list(steps)

    def fix_url(step):
        return reverse("case_step", kwargs={"case_id": case.id, "step": step}) + "?return=review"

    assessment = assess(case.case_facts(), today=today)
    view = assessment_view(assessment, steps, fix_url if editable else None)
    # The same findings tell what changed since the review; judging the tables again would repeat them.
    change = case.policy_change_in(assessment.table_version, assessment.results)
    return {"view": view, "advisory_note": ADVISORY_NOTE, "policy_change": change}


@require_POST
def derived_panel(request, case_id, step):
    """Return the computed values of a step for what is typed right now (the live panel)."""
    membership = clinician_of(request)
    case = case_of(request, case_id)
    # Typing keeps the session alive, so a long form is not lost to an expired login.
    request.session.modified = True
    if step not in FORM_CLASSES or step == "review":
        return render(request, "wizard/_derived.html", {"derived": []})
    today = timezone.localdate()
    form = build_step_form(step, case, membership, today, data=request.POST)
    form.is_valid()
    facts = replace(case.case_facts(), **{step: form.to_section()})
    return render(request, "wizard/_derived.html", {"derived": derived_values(step, facts, today)})

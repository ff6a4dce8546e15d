"""The draft endpoint: what is typed on a step is kept on the case as it is typed, and before a logoff.

Rule for tabs: an autosave carries the version of the step's facts its page was opened with. If the step
has been saved since (in another tab, window or by someone else), the autosave is refused ("stale"): the
page keeps what was typed and a save shows both versions; a draft typed against older facts is never kept
to be restored over a newer save. Tabs on the same version share the case's one draft per step, and the
latest keystrokes win; the note on reload says when a draft came from another tab.
"""

from django.db import transaction
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.trail import record

from ..access import case_of, clinician_of
from ..drafts import TAB_FIELD, VISIT_FIELD, clock_time, note_draft
from ..session_limits import keep_step_draft
from ..storage import CaseStorage, version_key
from .conflicts import saved_version
from .wizard import FORM_CLASSES, PREFIX, build_step_form, case_steps


def now():
    """Return the current time; the one seam tests move the clock through."""
    return timezone.now()


def autosave(request, case, step, membership) -> dict:
    """Keep the posted input as the step's draft unless it is stale; return what the page is told."""
    post = request.POST
    if step == "review" or step not in case_steps(case):
        return {"kept": False}
    form = build_step_form(step, case, membership, timezone.localdate(), data=post)
    if not form.field_names_posted():
        return {"kept": False}
    opened = post.get(version_key(PREFIX))
    if opened and opened != saved_version(case, step):
        return {"kept": False, "stale": True}
    storage = CaseStorage(PREFIX, None, case)
    storage.current_step = step
    moment = now()
    if form.has_changed():
        storage.keep_invalid_input(step, form.data)
        # Audited once per visit of the step page, not per keystroke; the text itself is never logged.
        if note_draft(storage, step, post.get(TAB_FIELD, ""), post.get(VISIT_FIELD, ""), moment):
            record(Action.CHANGE, request=request, case_id=case.pk, step=step, what="draft")
    else:
        # Typed back to what is saved: there is nothing left to restore.
        storage.forget_input(step)
    if storage.changed:
        storage.write_to_case()
        case.save(update_fields=["wizard_state"])
    return {"kept": True, "saved_at": clock_time(moment)}


@sensitive_post_parameters()
@never_cache
@require_POST
def step_draft(request, case_id, step):
    """Keep the open step's typed input as its unsaved draft: autosaved while typing, or before a logoff."""
    membership = clinician_of(request)
    if step not in FORM_CLASSES:
        raise Http404("No such step.")
    with transaction.atomic():
        case = case_of(request, case_id, for_update=True)
        if TAB_FIELD in request.POST:
            return JsonResponse(autosave(request, case, step, membership))
        # Before a logoff the page is about to go: keep what it holds even if stale (a save then compares).
        kept = keep_step_draft(case, step, request.POST, membership.user)
    return JsonResponse({"kept": kept})

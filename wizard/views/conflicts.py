"""Edit conflicts in the wizard: a save never silently overwrites what someone else saved meanwhile."""

from dataclasses import replace

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats, timezone

from audit.models import Action
from audit.trail import record

from ..core.changes import version_of
from ..models import Case
from ..presenters import compare_versions
from ..storage import version_key

KEEP_MINE = "wizard_keep_mine"
TAKE_THEIRS = "wizard_take_theirs"


def saved_version(case: Case, step: str) -> str:
    """Return the version of what a step page shows as saved: its facts, or on review the whole case."""
    return version_of(case.facts if step == "review" else case.facts.get(step))


def editor_of(case: Case, viewer) -> str:
    """Return who saved the case last, by name, or "You" when it was the viewer in another window."""
    if case.updated_by_id == viewer.pk:
        return "You, in another window,"
    user = case.updated_by
    return (user.get_full_name() or user.get_username()) if user else "Someone"


class EditConflictMixin:
    """Compare a post with the version of the facts its page was opened with; the wizard view uses it."""

    opened = None

    def read_opened_version(self) -> None:
        """Remember the version this post was typed against; "keep mine" carries the newer one."""
        self.opened = self.request.POST.get(KEEP_MINE) or self.request.POST.get(version_key(self.prefix))

    def page_versions(self, step, form) -> tuple[str, str]:
        """Return the version a page carries and the version saved now."""
        current = saved_version(self.case, step)
        # A page shown again from posted or kept input still carries the version it was typed against.
        opened = form.data.get(version_key(self.prefix)) if form.is_bound else None
        return opened or current, current

    def refuses_overwrite(self, step, before: dict) -> bool:
        """Return whether the step's new facts would overwrite someone's save; then put the facts back."""
        theirs, mine = before.get(step), self.case.facts.get(step)
        if not self.opened or mine == theirs or self.opened == version_of(theirs):
            return False
        self.case.facts = before
        if version_of(mine) == self.opened:
            # Nothing was typed on this page: the other save stands and this post moves on.
            messages.info(
                self.request,
                f"{editor_of(self.case, self.request.user)} changed this step meanwhile; it was kept.",
            )
            return False
        record(Action.CONFLICT, request=self.request, case_id=self.case.pk, step=step)
        return True

    def review_is_stale(self) -> bool:
        """Refuse to mark ready a case that changed since its review page was opened."""
        if not self.opened or self.opened == saved_version(self.case, "review"):
            return False
        record(Action.CONFLICT, request=self.request, case_id=self.case.pk, step="review")
        when = formats.date_format(timezone.localtime(self.case.updated_at), "DATETIME_FORMAT")
        messages.warning(
            self.request,
            f"{editor_of(self.case, self.request.user)} changed the case on {when}, after you opened the review, "
            "so it was not marked ready. Check it again.",
        )
        return True

    def take_theirs(self, step):
        """Discard this user's input kept from an edit conflict; the step shows what is saved."""
        self.storage.forget_input(step)
        messages.info(self.request, "Your changes were discarded; the step shows what is saved now.")
        return redirect(self.get_step_url(step))

    def conflict_view(self, step, form) -> dict:
        """Return what the conflict panel shows: who saved, when, and both versions side by side."""
        saved = self.case.case_facts()
        typed = replace(saved, **{step: form.to_section()})
        return {
            "who": editor_of(self.case, self.request.user),
            "when": self.case.updated_at,
            "rows": compare_versions(step, self.form_list[step], saved, typed, self.today),
            "version": saved_version(self.case, step),
        }

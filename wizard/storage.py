"""Wizard storage kept on the Case row: drafts survive closed browsers and never mix across tabs."""

import copy

from django.utils.datastructures import MultiValueDict
from formtools.wizard.storage.base import BaseStorage

VERSION_FIELD = "saved_version"


def version_key(prefix: str) -> str:
    """Return the name of the posted field holding the version of the facts the page was opened with."""
    return f"{prefix}-{VERSION_FIELD}"


def step_input(step: str, data, prefix: str) -> dict:
    """Return only the posted keys of one step (its fields, its rows and their counts) and its version."""
    pairs = dict(data.lists()) if isinstance(data, MultiValueDict) else dict(data)
    keep = version_key(prefix)
    return {key: value for key, value in pairs.items() if key.startswith(f"{step}-") or key == keep}


class CaseStorage(BaseStorage):
    """formtools storage whose data lives in `Case.wizard_state`, one per case, never in a cookie."""

    def __init__(self, prefix, request, case):
        super().__init__(prefix, request, file_storage=None)
        self.form_prefix = prefix
        self.case = case
        self.init_data()
        self.data.update(copy.deepcopy(case.wizard_state or {}))

    @property
    def changed(self) -> bool:
        """Return whether the data differs from what the case row holds."""
        return self.data != (self.case.wizard_state or {})

    def get_step_data(self, step):
        # A saved step shows its facts; only input that failed validation is kept raw, to show again.
        return super().get_step_data(step) if step in self.unsaved_steps else None

    def keep_invalid_input(self, step: str, data) -> None:
        """Keep a step's raw input that failed validation (only that step's keys), so nothing typed is lost."""
        self.set_step_data(step, step_input(step, data, self.form_prefix))
        self.mark_unsaved(step, True)

    def forget_input(self, step: str) -> None:
        """Drop a step's raw input once it has been saved as facts."""
        self.data[self.step_data_key].pop(step, None)
        self.mark_unsaved(step, False)

    @property
    def unsaved_steps(self) -> set[str]:
        """Return the steps holding typed input that has not passed validation yet."""
        return set(self.extra_data.get("unsaved", []))

    def mark_unsaved(self, step: str, unsaved: bool) -> None:
        """Record whether a step's typed input is still waiting to pass validation."""
        steps = self.unsaved_steps | {step} if unsaved else self.unsaved_steps - {step}
        self.extra_data = {**self.extra_data, "unsaved": sorted(steps)}

    def write_to_case(self) -> None:
        """Hand the data to the case (the caller saves the row; this storage is not used afterwards)."""
        self.case.wizard_state = self.data

"""Wizard storage kept on the Case row: drafts survive closed browsers and never mix across tabs."""

import copy

from formtools.wizard.storage.base import BaseStorage


class CaseStorage(BaseStorage):
    """formtools storage whose data lives in `Case.wizard_state`, one per case, never in a cookie."""

    def __init__(self, prefix, request, case):
        super().__init__(prefix, request, file_storage=None)
        self.case = case
        self.init_data()
        self.data.update(copy.deepcopy(case.wizard_state or {}))

    @property
    def changed(self) -> bool:
        """Return whether the data differs from what the case row holds."""
        return self.data != (self.case.wizard_state or {})

    @property
    def unsaved_steps(self) -> set[str]:
        """Return the steps holding typed input that has not passed validation yet."""
        return set(self.extra_data.get("unsaved", []))

    def mark_unsaved(self, step: str, unsaved: bool) -> None:
        """Record whether a step's typed input is still waiting to pass validation."""
        steps = self.unsaved_steps | {step} if unsaved else self.unsaved_steps - {step}
        self.extra_data = {**self.extra_data, "unsaved": sorted(steps)}

    def write_to_case(self) -> None:
        """Copy the data onto the case (the caller saves the row)."""
        self.case.wizard_state = copy.deepcopy(self.data)

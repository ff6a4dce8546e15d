"""The Oswestry Disability Index v2.1a: its ten sections and one set of answers."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import fact

ODI_SECTIONS = (
    ("odi_pain", "Pain intensity"),
    ("odi_personal_care", "Personal care"),
    ("odi_lifting", "Lifting"),
    ("odi_walking", "Walking"),
    ("odi_sitting", "Sitting"),
    ("odi_standing", "Standing"),
    ("odi_sleeping", "Sleeping"),
    ("odi_sex_life", "Sex life"),
    ("odi_social_life", "Social life"),
    ("odi_travelling", "Travelling"),
)


def odi(label: str) -> object:
    """Declare one ODI v2.1a section score, 0-5; None is "not answered"."""
    return fact(f"ODI section: {label}, 0-5 or not answered", min=0, max=5)


@dataclass(frozen=True)
class OdiAnswers:
    odi_pain: int | None = odi("Pain intensity")
    odi_personal_care: int | None = odi("Personal care")
    odi_lifting: int | None = odi("Lifting")
    odi_walking: int | None = odi("Walking")
    odi_sitting: int | None = odi("Sitting")
    odi_standing: int | None = odi("Standing")
    odi_sleeping: int | None = odi("Sleeping")
    odi_sex_life: int | None = odi("Sex life")
    odi_social_life: int | None = odi("Social life")
    odi_travelling: int | None = odi("Travelling")

    def scores(self) -> list[int | None]:
        """Return the ten section scores in questionnaire order."""
        return [getattr(self, name) for name, _ in ODI_SECTIONS]

"""How a step form is laid out: titled groups of fields, shown only for the requests they concern."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """A titled group of fields; each row is one field name or a tuple shown side by side."""

    legend: str
    rows: tuple
    note: str = ""
    show_field: str = ""
    show_values: tuple = ()
    formset: str = ""

    @property
    def show_for(self) -> str:
        """Return the space-separated values of `show_field` that make this group visible."""
        return " ".join(self.show_values)

    def field_rows(self) -> list[tuple[str, ...]]:
        """Return every row as a tuple of field names."""
        return [row if isinstance(row, tuple) else (row,) for row in self.rows]

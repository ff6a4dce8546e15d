"""Form fields shaped like facts: tri-state answers, enum choices, ISO dates, 0-10 scales."""

from django import forms

from ..core.choices import Choice

NOT_DOCUMENTED = "Not documented"
# Messages shared by every field a helper makes; step forms replace them with ones naming the field.
DATE_INVALID = "Enter a date as YYYY-MM-DD or MM/DD/YYYY."
NRS_OUT_OF_RANGE = "Pain scores run from 0 to 10."
NRS_INVALID = "Enter a whole number from 0 to 10."
TIME_INVALID = "Enter a time as 24-hour HH:MM, e.g. 07:30 or 16:45."
SHARED_MESSAGES = (DATE_INVALID, NRS_OUT_OF_RANGE, NRS_INVALID, TIME_INVALID)


class TriStateRadio(forms.RadioSelect):
    """Yes / No / Not documented as radio buttons; 'not documented' is never read as 'no'."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=(("unknown", NOT_DOCUMENTED), ("true", "Yes"), ("false", "No")))

    def format_value(self, value):
        return [{True: "true", False: "false", "true": "true", "false": "false"}.get(value, "unknown")]

    def value_from_datadict(self, data, files, name):
        return {"true": True, "false": False}.get(data.get(name))


def tri_state(label: str, help_text: str = "") -> forms.NullBooleanField:
    """Return a Yes / No / Not documented field."""
    return forms.NullBooleanField(label=label, help_text=help_text, required=False, widget=TriStateRadio)


def choice(enum: type[Choice], label: str, help_text: str = "", required: bool = False, **kwargs):
    """Return a select of one enum's values, coerced to the enum; blank means not documented."""
    blank = "Choose…" if required else "—"
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        required=required,
        choices=[("", blank), *enum.choices()],
        coerce=enum,
        empty_value=None,
        **kwargs,
    )


def radio_choice(enum: type[Choice], label: str, help_text: str = ""):
    """Return radio buttons for a short enum, with 'Not documented' as the blank answer."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=[("", NOT_DOCUMENTED), *enum.choices()],
        coerce=enum,
        empty_value=None,
        widget=forms.RadioSelect,
    )


def multi_choice(enum: type[Choice], label: str, help_text: str = "", choices=None):
    """Return checkboxes for a set of enum values."""
    return forms.TypedMultipleChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=choices or enum.choices(),
        coerce=enum,
        widget=forms.CheckboxSelectMultiple,
    )


class IsoDateInput(forms.DateInput):
    """The browser's date picker, always exchanging YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, help_text: str = "", required: bool = False) -> forms.DateField:
    """Return a date field that accepts ISO and US (MM/DD/YYYY) input."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        widget=IsoDateInput,
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
        error_messages={"invalid": DATE_INVALID},
    )


def nrs_field(label: str, help_text: str = "") -> forms.IntegerField:
    """Return a 0-10 pain score."""
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=10,
        error_messages={
            "min_value": NRS_OUT_OF_RANGE,
            "max_value": NRS_OUT_OF_RANGE,
            "invalid": NRS_INVALID,
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "step": 1, "inputmode": "numeric"}),
    )


def count_field(label: str, help_text: str = "", max_value: int = 500, required: bool = False):
    """Return a non-negative whole number."""
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=0,
        max_value=max_value,
        widget=forms.NumberInput(attrs={"min": 0, "max": max_value, "inputmode": "numeric"}),
    )


def decimal_field(label: str, help_text: str = "", max_value: int = 2000, places: int = 1):
    """Return a non-negative decimal number."""
    step = "1" if places == 0 else "0." + "0" * (places - 1) + "1"
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=max_value,
        decimal_places=places,
        widget=forms.NumberInput(attrs={"min": 0, "step": step, "inputmode": "decimal"}),
    )


def text_field(label: str, help_text: str = "", max_length: int = 200, required: bool = False):
    """Return a one-line text field."""
    return forms.CharField(label=label, help_text=help_text, required=required, max_length=max_length)


def notes_field(label: str, help_text: str = "", max_length: int = 2000, rows: int = 3):
    """Return a multi-line text field."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TimeInput(forms.TimeInput):
    """The browser's time picker, always exchanging 24-hour HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def time_field(label: str, help_text: str = "", required: bool = False) -> forms.TimeField:
    """Return a time of day in 24-hour HH:MM."""
    return forms.TimeField(
        label=label,
        help_text=help_text,
        required=required,
        widget=TimeInput,
        input_formats=["%H:%M"],
        error_messages={"invalid": TIME_INVALID},
    )

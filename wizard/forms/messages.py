"""Error messages in plain words for step fields: each names its field and the form the answer takes."""

from django import forms

from .fields import SHARED_MESSAGES

EXAMPLE_DATE = "2026-03-14"
EXAMPLE_TIME = "07:30"


def field_name(label) -> str:
    """Return a field's label as a sentence names it: quoted, without a trailing colon."""
    return f"“{str(label or 'This answer').strip().rstrip(':')}”"


def number_range(field) -> str:
    """Return the range a number field accepts, in words (empty when it has no bounds)."""
    low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if high is not None:
        return f" of at most {high}"
    if low is not None:
        return f" of {low} or more"
    return ""


def number_messages(field, name: str) -> dict:
    """Return the messages of a whole or decimal number field."""
    if isinstance(field, forms.DecimalField):
        places = field.decimal_places
        shape = f"a number{number_range(field)}, e.g. 12.5"
        more = {
            "max_decimal_places": f"{name} takes at most {places} digit{'s' if places != 1 else ''} "
            "after the decimal point.",
            "max_digits": f"{name} must be {shape}.",
            "max_whole_digits": f"{name} must be {shape}.",
        }
    else:
        shape = f"a whole number{number_range(field)}"
        more = {}
    wrong = f"{name} must be {shape}."
    return {"invalid": wrong, "min_value": wrong, "max_value": wrong, "step_size": wrong, **more}


def plain_messages(field) -> dict:
    """Return the plain-word messages for one field, by its kind."""
    name = field_name(field.label)
    chooses = isinstance(field, forms.ChoiceField) or isinstance(field.widget, forms.CheckboxInput)
    messages = {"required": f"{'Choose' if chooses else 'Enter'} {name}."}
    if isinstance(field, forms.DateField):
        messages["invalid"] = f"Enter {name} as a date, e.g. {EXAMPLE_DATE} (or 03/14/2026)."
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"Enter {name} as a 24-hour time, e.g. {EXAMPLE_TIME} or 16:45."
    elif isinstance(field, (forms.IntegerField, forms.DecimalField)):
        messages.update(number_messages(field, name))
    elif isinstance(field, forms.ChoiceField):
        messages["invalid_choice"] = f"Choose {name} from the answers listed."
        messages["invalid_list"] = f"Choose {name} from the answers listed."
    if getattr(field, "max_length", None):
        messages["max_length"] = (
            f"{name} can be at most %(limit_value)d characters long (it has %(show_value)d)."
        )
    return messages


def django_defaults(field) -> dict:
    """Return the messages Django gives a field of this class when none are declared."""
    defaults = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return defaults


def use_plain_messages(fields: dict) -> None:
    """Give a form class's fields plain-word messages where they hold Django's or a shared one."""
    for field in fields.values():
        defaults = django_defaults(field)
        for code, message in plain_messages(field).items():
            declared = field.error_messages.get(code)
            # A message a form declared for its own field already says what that field needs.
            if declared is None or declared == defaults.get(code) or declared in SHARED_MESSAGES:
                field.error_messages[code] = message

"""Copy a form class's fields for each form without deep-copying every field, widget and choice list."""

from django.forms import fields, widgets

# Each form copies its class's fields (Django's BaseForm.__init__): the therapy step builds ~25 forms a
# page, and copy.deepcopy spent most of its time reconstructing objects through __reduce_ex__.
FIELD_COPIES = {fields.Field.__deepcopy__, fields.ChoiceField.__deepcopy__}
WIDGET_COPIES = {widgets.Widget.__deepcopy__, widgets.ChoiceWidget.__deepcopy__}


def shallow(obj):
    """Return a new object of the same class holding the same attributes."""
    copied = object.__new__(type(obj))
    copied.__dict__.update(obj.__dict__)
    return copied


def copy_widget(widget: widgets.Widget, memo: dict) -> widgets.Widget:
    """Copy a widget as Widget.__deepcopy__ does (its own attrs), sharing its choice list."""
    if type(widget).__deepcopy__ not in WIDGET_COPIES:
        return widget.__deepcopy__(memo)
    copied = shallow(widget)
    copied.attrs = widget.attrs.copy()
    # A ChoiceWidget's choice list stays shared (see copy_field).
    memo[id(widget)] = copied
    return copied


def copy_field(field: fields.Field, memo: dict) -> fields.Field:
    """Copy a field as Field.__deepcopy__ does (own widget, error messages, validators), sharing its choices."""
    if type(field).__deepcopy__ not in FIELD_COPIES:
        return field.__deepcopy__(memo)
    copied = shallow(field)
    memo[id(field)] = copied
    copied.widget = copy_widget(field.widget, memo)
    copied.error_messages = field.error_messages.copy()
    copied.validators = field.validators[:]
    # A ChoiceField's choice list is shared, not copied: nothing here changes one in place (a form that
    # needs other choices assigns a new list), and shared lists let wizard/option_html.py render each once.
    return copied


class QuickCopyFields(dict):
    """A form class's base_fields that each form copies field by field, cheaply (see copy_field)."""

    def __deepcopy__(self, memo):
        return {name: copy_field(field, memo) for name, field in self.items()}


class SharedFields(dict):
    """Fields that several forms use as they are: "copying" them for a form returns the same dict."""

    def __deepcopy__(self, memo):
        return self

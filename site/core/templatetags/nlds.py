"""NL Design System markup for Django's own output: the Utrecht component classes
on a form field's widget and label, and the alert type of a message."""

from django import forms, template

register = template.Library()

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
WIDGET_CLASSES = (
    # The first match wins: RadioSelect is a Select, CheckboxSelectMultiple too.
    # Django puts a multiple choice's class on its wrapper too, so those keep the
    # browser's own inputs (coloured by inspraak.css).
    (forms.RadioSelect, ""),
    (forms.CheckboxSelectMultiple, ""),
    (forms.CheckboxInput, CHECKBOX),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.ClearableFileInput, ""),
    (forms.FileInput, ""),
    (forms.widgets.Input, TEXTBOX),
)
ALERT_TYPES = {"success": "ok", "warning": "warning", "error": "error"}


def _widget_class(widget) -> str:
    for kind, css_class in WIDGET_CLASSES:
        if isinstance(widget, kind):
            return css_class
    return ""


@register.filter
def nlds_widget(field):
    """The field's widget with its NL Design System class added to its own."""
    css_class = _widget_class(field.field.widget)
    if not css_class:
        return field.as_widget()
    own = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{own} {css_class}".strip()})


@register.filter
def nlds_kind(field) -> str:
    """ "checkbox" for a single checkbox (input before label), else "text"."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "text"


@register.filter
def nlds_label(field):
    """The field's <label>, or <legend> for a group of options, with its class."""
    if field.use_fieldset:
        return field.legend_tag(
            attrs={"class": "utrecht-form-fieldset__legend utrecht-form-label"}
        )
    css_class = "utrecht-form-label"
    if nlds_kind(field) == "checkbox":
        css_class += " utrecht-form-label--checkbox"
    return field.label_tag(attrs={"class": css_class})


@register.filter
def alert_type(level_tag: str) -> str:
    """The NL Design System alert for a Django message level: info, ok, warning or
    error."""
    return ALERT_TYPES.get(level_tag, "info")

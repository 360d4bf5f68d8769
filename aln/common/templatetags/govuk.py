"""Template tags that render GOV.UK Design System components from Django forms and data.

`{% govuk_field form.email hint=_("...") %}` picks the component from the widget, so page
templates never hand-write component HTML.
"""

from django import forms, template
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from aln.common.forms.fields import GovukDateWidget

register = template.Library()


# Widget class to component, most specific first (CheckboxSelectMultiple is a RadioSelect).
_COMPONENTS = (
    (GovukDateWidget, "date"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Select, "select"),
    (forms.Textarea, "textarea"),
)


def _kind(widget) -> str:
    return next((kind for cls, kind in _COMPONENTS if isinstance(widget, cls)), "input")


@register.simple_tag
def govuk_field(bound_field, hint="", label_size="", input_classes="", autocomplete="", **kwargs):
    widget = bound_field.field.widget
    kind = _kind(widget)
    errors = list(bound_field.errors)
    value = bound_field.value()
    context = {
        "field": bound_field,
        "id": bound_field.auto_id,
        "name": bound_field.html_name,
        "label": bound_field.label,
        "hint": hint or bound_field.help_text,
        "errors": errors,
        "error": errors[0] if errors else "",
        "label_size": label_size,
        "input_classes": input_classes,
        "autocomplete": autocomplete or widget.attrs.get("autocomplete", ""),
        "input_type": kwargs.get("input_type") or getattr(widget, "input_type", "text"),
        "required": bound_field.field.required,
        "value": "" if value is None else value,
        "spellcheck": kwargs.get("spellcheck", ""),
        "inputmode": kwargs.get("inputmode", ""),
    }
    if kind in {"radios", "select", "checkboxes"}:
        values = value if isinstance(value, list | tuple) else [value]
        selected = {str(v) for v in values if v not in (None, "")}
        context["choices"] = [
            {
                "value": str(choice_value),
                "label": choice_label,
                "selected": str(choice_value) in selected,
            }
            for choice_value, choice_label in getattr(bound_field.field, "choices", widget.choices)
        ]
    if kind == "date":
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        context["parts"] = [
            ("day", _("Day"), parts[0] or "", "govuk-input--width-2"),
            ("month", _("Month"), parts[1] or "", "govuk-input--width-2"),
            ("year", _("Year"), parts[2] or "", "govuk-input--width-4"),
        ]
    return render_to_string(f"govuk/fields/{kind}.html", context)


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(*forms_with_errors):
    items = []
    for form in forms_with_errors:
        if form is not None and form.errors:
            items.extend(form.error_summary())
    return {"items": items}


@register.filter
def field_errors(form) -> bool:
    return bool(form is not None and form.errors)

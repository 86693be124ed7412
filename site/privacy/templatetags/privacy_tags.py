from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def cell(value):
    """One exported value as readable text in the "my data" table."""
    if value is None or value == "" or value == []:
        return "–"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "year"):
        return date_filter(
            value, "DATETIME_FORMAT" if hasattr(value, "hour") else "DATE_FORMAT"
        )
    return value

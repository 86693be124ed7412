"""Date fields of the public forms: the browser's date picker, and no day in the
future."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(day: date | None, today: date | None = None) -> date | None:
    """The day as given; refused when it lies after today."""
    if day and day > (today or timezone.localdate()):
        raise forms.ValidationError(_("This date is in the future."))
    return day

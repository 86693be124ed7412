"""The chair's form to extend a member's term (councils/terms.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm


class ExtendTermForm(BoundedForm):
    ends_on = forms.DateField(
        label=_("New last day of the term"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

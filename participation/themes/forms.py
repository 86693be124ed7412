"""Forms of the theme workspace."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm, BoundedModelForm

from ..models import FeedbackItem
from .models import (
    DEFAULT_MAX_THEMES,
    DEFAULT_MIN_THEMES,
    MAX_THEMES,
    MIN_THEMES,
    NAME_MAX,
)


class StartForm(BoundedForm):
    min_themes = forms.IntegerField(
        label=_("At least this many themes"),
        min_value=MIN_THEMES,
        max_value=MAX_THEMES,
        initial=DEFAULT_MIN_THEMES,
    )
    max_themes = forms.IntegerField(
        label=_("At most this many themes"),
        min_value=MIN_THEMES,
        max_value=MAX_THEMES,
        initial=DEFAULT_MAX_THEMES,
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("min_themes"), data.get("max_themes")
        if low is not None and high is not None and low > high:
            raise ValidationError(
                _("The lowest number of themes cannot be higher than the highest.")
            )
        return data


class NameForm(BoundedForm):
    name = forms.CharField(label=_("Name of the theme"), max_length=NAME_MAX)


class WriteForm(BoundedModelForm):
    class Meta:
        model = FeedbackItem
        fields = ["heading", "what_we_heard", "what_we_did"]
        labels = {
            "heading": _("Heading"),
            "what_we_heard": _("You said"),
            "what_we_did": _("We did"),
        }
        help_texts = {
            "what_we_heard": _("What people told you, in short sentences (B1)."),
            "what_we_did": _(
                "What you did or will do with it, and when. Say so too when you "
                "did not do something, and why."
            ),
        }
        widgets = {
            "what_we_heard": forms.Textarea(attrs={"rows": 4}),
            "what_we_did": forms.Textarea(attrs={"rows": 6}),
        }

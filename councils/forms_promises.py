"""Forms of the follow-up of promises: the council records a promise, the
addressee reports progress on it."""

from datetime import date

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm

from .models.promises import Promise, PromiseProgress
from .promises import visible_by_bounds


class PromiseForm(BoundedForm):
    """What was promised and by when it should be visible."""

    text = forms.CharField(
        label=_("What was promised?"),
        help_text=_("In plain words, as the answer says it."),
        max_length=Promise._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    visible_by = forms.DateField(
        label=_("Visible by"),
        help_text=_("The day by which people should see that the promise is kept."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, answered_on: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.earliest, self.latest = visible_by_bounds(
            answered_on, timezone.localdate()
        )
        attrs = self.fields["visible_by"].widget.attrs
        attrs["min"], attrs["max"] = self.earliest.isoformat(), self.latest.isoformat()

    def clean_visible_by(self):
        day = self.cleaned_data["visible_by"]
        if day < self.earliest:
            raise forms.ValidationError(
                _("Choose a day on or after the answer (%(day)s).")
                % {"day": formats.date_format(self.earliest, "DATE_FORMAT")}
            )
        if day > self.latest:
            raise forms.ValidationError(
                _("Choose a day at most five years from now (%(day)s at the latest).")
                % {"day": formats.date_format(self.latest, "DATE_FORMAT")}
            )
        return day


class ProgressForm(BoundedForm):
    """The addressee's report on one promise."""

    STATES = [
        (Promise.State.OPEN, _("Still in progress")),
        (Promise.State.KEPT, _("Done: the promise is kept")),
        (Promise.State.NOT_KEPT, _("This will not happen")),
    ]

    text = forms.CharField(
        label=_("What happened?"),
        help_text=_("What you did, what comes next, or why it will not happen."),
        max_length=PromiseProgress._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    state = forms.ChoiceField(
        label=_("Where does the promise stand now?"),
        choices=STATES,
        widget=forms.RadioSelect,
    )

"""Forms of the live-session pages: joining with a code."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm, BoundedModelForm

from .models import LiveSession

CODE_LENGTH = 6
# Letters and digits without look-alikes (docs/live-protocol.md).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_NOT_CODE = re.compile(r"[\s\-_.]")


def normalise_code(value: str) -> str:
    """A typed code as stored: upper case, without spaces or dashes."""
    return _NOT_CODE.sub("", value or "").upper()


class JoinForm(BoundedForm):
    """The code a participant types at /live/; the view looks the session up."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6 letters and digits on the screen or on your invitation."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "size": "8",
            }
        ),
    )

    def __init__(self, *args, lookup=None, **kwargs):
        # lookup(code) -> the session, or None; passed in so the form stays free of
        # queries the view already knows how to make.
        self.lookup = lookup
        self.session = None
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
            raise forms.ValidationError(
                _("A code has 6 letters and digits, for example K7PM2Q."),
                code="format",
            )
        session = self.lookup(code) if self.lookup else None
        if session is None:
            raise forms.ValidationError(
                _(
                    "There is no live session with this code. Check the code and try again."
                ),
                code="unknown",
            )
        if session.state == "ended":
            raise forms.ValidationError(
                _("This live session has ended. You can no longer join it."),
                code="ended",
            )
        self.session = session
        return code


class NewSessionForm(BoundedModelForm):
    """A moderator plans a live session for a consultation of their organisation."""

    class Meta:
        model = LiveSession
        fields = ["consultation", "title", "starts_at", "moderation", "quiz"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "moderation": forms.RadioSelect,
        }

    def __init__(self, *args, consultations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consultations is not None:
            self.fields["consultation"].queryset = consultations
        self.fields["consultation"].empty_label = None
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M"]

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm

from .kinds import KINDS, Frequency, NotificationKind
from .models import preferences_for
from .services import kinds_for, set_preference

ON, OFF = "on", "off"
ENABLED_CHOICES = [
    (ON, _("Yes, send me this e-mail")),
    (OFF, _("No, do not send me this e-mail")),
]


@dataclass
class Section:
    """One kind of notification on the form: a fieldset in the template."""

    kind: NotificationKind
    enabled: forms.BoundField | None = None  # None for kinds required by law
    frequency: forms.BoundField | None = None
    highlighted: bool = False


class PreferencesForm(BoundedForm):
    """Per kind: on or off, and straight away or once a day. Kinds required by law
    have no fields; a crafted POST that switches one off is refused."""

    def __init__(self, *args, user, highlight: NotificationKind | None = None, **kw):
        super().__init__(*args, **kw)
        self.user = user
        self.highlight = highlight
        self.kinds = kinds_for(user)
        self.current = preferences_for(user)
        for kind in self.kinds:
            if kind.required:
                continue
            preference = self.current[kind.key]
            self.fields[f"{kind.key}-enabled"] = forms.ChoiceField(
                label=_("Do you want this e-mail?"),
                choices=ENABLED_CHOICES,
                widget=forms.RadioSelect,
                initial=ON if preference.enabled else OFF,
            )
            self.fields[f"{kind.key}-frequency"] = forms.ChoiceField(
                label=_("When do you want it?"),
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                initial=preference.frequency.value,
            )

    def sections(self) -> list[Section]:
        sections = []
        for kind in self.kinds:
            section = Section(kind=kind, highlighted=kind == self.highlight)
            if not kind.required:
                section.enabled = self[f"{kind.key}-enabled"]
                section.frequency = self[f"{kind.key}-frequency"]
            sections.append(section)
        return sections

    def clean(self):
        cleaned = super().clean()
        for kind in KINDS.values():
            if not kind.required:
                continue
            enabled = self.data.get(f"{kind.key}-enabled")
            frequency = self.data.get(f"{kind.key}-frequency")
            if enabled == OFF or frequency not in (None, Frequency.IMMEDIATE):
                raise forms.ValidationError(
                    _(
                        "“%(kind)s” is required by law. You always get this e-mail "
                        "straight away, so it cannot be switched off."
                    ),
                    code="required_kind",
                    params={"kind": kind.label},
                )
        return cleaned

    @transaction.atomic
    def save(self) -> None:
        """Store only what changed, so that untouched kinds keep their defaults."""
        for kind in self.kinds:
            if kind.required:
                continue
            enabled = self.cleaned_data[f"{kind.key}-enabled"] == ON
            frequency = Frequency(self.cleaned_data[f"{kind.key}-frequency"])
            current = self.current[kind.key]
            if (enabled, frequency) != (current.enabled, current.frequency):
                set_preference(
                    self.user, kind.key, enabled=enabled, frequency=frequency
                )

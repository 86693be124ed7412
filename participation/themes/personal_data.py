"""What the themes hold on a person (see inspraak.privacy.registry): which
organiser started a suggestion and who accepted a theme. The themes are the
organisation's work on the consultation, so they stay without the name."""

from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import Erasure, PersonalData, register

from .models import SuggestedTheme, ThemeRun

GROUP = _("Consultations")
KEPT = _(
    "The themes stay with the consultation, without your name: they are the "
    "organisation's answer to what people said."
)


@register
class ThemeRunsStarted(PersonalData):
    model = ThemeRun
    group = GROUP
    user_fields = ("started_by",)
    label = _("Theme suggestions you started")
    purpose = _("Shows who asked for a suggestion of themes, and when.")
    export_fields = ("consultation", "status", "created_at", "theme_count")
    prefetch_related = ("consultation",)
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT


@register
class ThemesAccepted(PersonalData):
    model = SuggestedTheme
    group = GROUP
    user_fields = ("accepted_by",)
    label = _("Themes you accepted")
    purpose = _('Shows who accepted a theme for "you said, we did", and when.')
    export_fields = ("consultation", "name", "accepted_at")
    prefetch_related = ("consultation",)
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT

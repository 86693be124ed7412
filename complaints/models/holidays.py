"""The extra Atw holidays an administrator keeps (Algemene termijnenwet art. 3 lid
3), read by complaints.case_deadlines for complaints.deadlines."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


@register_snippet
class AtwExtraDay(models.Model):
    """A day a Royal Decree adds to the Atw holidays for a given year (for example
    the Friday after Ascension). Published every few years, so kept as data."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(
        _("decree and reason"),
        max_length=200,
        help_text=_("For example the Royal Decree and its date."),
    )

    panels = [FieldPanel("day"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("extra holiday (Algemene termijnenwet)")
        verbose_name_plural = _("extra holidays (Algemene termijnenwet)")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} – {self.reason}"

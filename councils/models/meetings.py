"""Council meetings with their agenda and minutes (services in councils/meetings.py,
the calendar feed through inspraak.core.calendar)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .councils import CouncilPage
from .fields import recorded_by


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def held(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    council = models.ForeignKey(
        CouncilPage,
        on_delete=models.CASCADE,
        related_name="council_meetings",
        verbose_name=_("council"),
    )
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    is_public = models.BooleanField(
        _("visitors welcome"),
        default=True,
        help_text=_("Public meetings and their public agenda items are on the site."),
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("minutes"),
    )
    minutes_public = models.BooleanField(_("minutes are public"), default=True)
    created_by = recorded_by(_("planned by"))

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["council", "starts_at"], name="councils_meeting_idx")
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d %H:%M})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting must end after it starts.")})
        if not self.place and not self.online_link:
            raise ValidationError(_("Give a place, an online link or both."))


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("agenda item"), max_length=200)
    description = models.TextField(_("explanation"), max_length=2000, blank=True)
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Not shown to visitors, for example when it is about a person."),
    )
    advice = models.ForeignKey(
        "councils.AdvicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        verbose_name=_("advice discussed"),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

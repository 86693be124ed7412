"""Follow-up of promises: after an answer that adopts advice (fully or partly), the
council records what was promised and by when; the addressee reports progress; the
tracker shows kept, late or not kept (services in councils/promises.py)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .advice import AdvicePage
from .fields import recorded_by


class PromiseStatus(models.TextChoices):
    """What the tracker shows beside the answer."""

    ON_TRACK = "on_track", _("Promise in progress")
    KEPT = "kept", _("Promise kept")
    LATE = "late", _("Promise late")
    NOT_KEPT = "not_kept", _("Promise not kept")


class Promise(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("In progress")
        KEPT = "kept", _("Done")
        NOT_KEPT = "not_kept", _("Will not happen")

    advice = models.ForeignKey(
        AdvicePage,
        on_delete=models.CASCADE,
        related_name="promises",
        verbose_name=_("advice"),
    )
    text = models.TextField(_("what was promised"), max_length=1000)
    visible_by = models.DateField(_("visible by"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.OPEN
    )
    # The day the addressee reported the promise done or not happening.
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    recorded_on = models.DateField(_("recorded on"), default=timezone.localdate)
    recorded_by = recorded_by(_("recorded by"))

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        ordering = ["visible_by", "pk"]

    def __str__(self):
        return self.text[:80]

    def status(self, today: date | None = None) -> PromiseStatus:
        """Kept (done, even if later than promised: the report says when), not kept,
        late (still open after its date) or in progress."""
        today = today or timezone.localdate()
        if self.state == self.State.KEPT:
            return PromiseStatus.KEPT
        if self.state == self.State.NOT_KEPT:
            return PromiseStatus.NOT_KEPT
        if self.visible_by < today:
            return PromiseStatus.LATE
        return PromiseStatus.ON_TRACK

    @property
    def kept_late(self) -> bool:
        return bool(
            self.state == self.State.KEPT
            and self.settled_on
            and self.settled_on > self.visible_by
        )


class PromiseProgress(models.Model):
    """The addressee's report on a promise, public on the advice page."""

    promise = models.ForeignKey(
        Promise,
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("promise"),
    )
    text = models.TextField(_("progress"), max_length=2000)
    state = models.CharField(
        _("state after this report"), max_length=20, choices=Promise.State.choices
    )
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    reported_by = recorded_by(_("reported by"))

    class Meta:
        verbose_name = _("progress on a promise")
        verbose_name_plural = _("progress on promises")
        ordering = ["reported_on", "pk"]

    def __str__(self):
        return f"{self.promise}: {self.reported_on}"


class AdviceFollower(models.Model):
    """A signed-in person who wants to hear when the answer or a promise moves."""

    advice = models.ForeignKey(
        AdvicePage,
        on_delete=models.CASCADE,
        related_name="followers",
        verbose_name=_("advice"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_advice",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("following since"), default=timezone.now)

    class Meta:
        verbose_name = _("follower of advice")
        verbose_name_plural = _("followers of advice")
        constraints = [
            models.UniqueConstraint(
                fields=["advice", "user"], name="councils_follower_once"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.advice}"

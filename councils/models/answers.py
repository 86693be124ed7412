"""The addressee's answer to advice, per point, and the council's one reaction."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..rules import Verdict
from .advice import AdvicePage
from .fields import recorded_by


class AdviceAnswer(models.Model):
    """The addressee's answer (Wmcz 2018 art. 7: reasons for any deviation)."""

    Verdict = Verdict

    advice = models.OneToOneField(
        AdvicePage, on_delete=models.CASCADE, related_name="answer"
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    summary = models.TextField(_("answer"))
    reasons = models.TextField(
        _("reasons"),
        blank=True,
        help_text=_("Required when the advice is not fully adopted."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answer letter"),
    )
    answered_on = models.DateField(_("answered on"), default=timezone.localdate)
    answered_by = recorded_by(_("answered by"))

    class Meta:
        verbose_name = _("answer to advice")
        verbose_name_plural = _("answers to advice")

    def __str__(self):
        return f"{self.advice}: {self.get_verdict_display()}"

    @property
    def is_late(self) -> bool:
        dispatch = getattr(self.advice, "dispatch", None)
        return bool(dispatch and self.answered_on > dispatch.answer_due_on)


class AnswerPoint(models.Model):
    """The answer to one point of the advice, with its own verdict and reasons."""

    answer = models.ForeignKey(
        AdviceAnswer, on_delete=models.CASCADE, related_name="points"
    )
    point = models.CharField(_("point of the advice"), max_length=300)
    verdict = models.CharField(
        _("verdict"), max_length=20, choices=AdviceAnswer.Verdict.choices
    )
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer per point")

    def __str__(self):
        return self.point


class FollowUp(models.Model):
    """The council's one reaction to the answer."""

    advice = models.OneToOneField(
        AdvicePage, on_delete=models.CASCADE, related_name="follow_up"
    )
    text = models.TextField(_("reaction of the council"))
    written_on = models.DateField(_("written on"), default=timezone.localdate)
    written_by = recorded_by(_("written by"))

    class Meta:
        verbose_name = _("follow-up reaction")

    def __str__(self):
        return f"{self.advice} – {self.written_on}"

"""Reminders to the addressee's answering staff: one in the week before the due
date of unanswered advice, one on the due date."""

from datetime import date, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspraak.notifications.services import notify

from ..models.advice import AdviceDispatch
from .mail import advice_url, answering_staff, formatted

# The first reminder goes out this many days before the due date.
REMINDER_DAYS_BEFORE = 7
# A reminder missed (the daily job did not run) is still sent within this many days.
REMINDER_CATCH_UP_DAYS = 7


class Reminder:
    BEFORE = "before"
    DUE = "due"


def reminder_due(dispatch: AdviceDispatch, today: date) -> str | None:
    """Which reminder `dispatch` needs today, if any: one in the week before the
    due date, one on the due date (a day the job missed is caught up within a
    week). Each goes out once."""
    due = dispatch.answer_due_on
    if dispatch.reminder_due_sent_on is None and due <= today < due + timedelta(
        days=REMINDER_CATCH_UP_DAYS
    ):
        return Reminder.DUE
    if (
        dispatch.reminder_before_sent_on is None
        and due - timedelta(days=REMINDER_DAYS_BEFORE) <= today < due
        and today > dispatch.sent_on
    ):
        return Reminder.BEFORE
    return None


def send_reminders(today: date | None = None) -> int:
    """Remind the answering staff of every unanswered advice whose due date is near
    or here. Safe to run more than once a day. Returns the number of reminders."""
    today = today or timezone.localdate()
    window_start = today - timedelta(days=REMINDER_CATCH_UP_DAYS - 1)
    window_end = today + timedelta(days=REMINDER_DAYS_BEFORE)
    dispatches = AdviceDispatch.objects.filter(
        advice__answer__isnull=True,
        advice__live=True,
        answer_due_on__gte=window_start,
        answer_due_on__lte=window_end,
    ).select_related("advice", "advice__addressee")
    sent = 0
    for dispatch in dispatches:
        kind = reminder_due(dispatch, today)
        if kind is None:
            continue
        field = (
            "reminder_due_sent_on"
            if kind == Reminder.DUE
            else "reminder_before_sent_on"
        )
        # Claim the reminder first: of two runs at once, only one sends it.
        claimed = AdviceDispatch.objects.filter(
            pk=dispatch.pk, **{f"{field}__isnull": True}
        ).update(**{field: today})
        if not claimed:
            continue
        sent += _remind(dispatch, kind)
    return sent


def _remind(dispatch: AdviceDispatch, kind: str) -> int:
    advice = dispatch.advice
    council = advice.council
    url = advice_url(advice)
    count = 0
    for user in answering_staff(advice.addressee_id):
        with translation.override(user.preferred_language):
            values = {
                "title": advice.title,
                "due": formatted(dispatch.answer_due_on),
                "sent": formatted(dispatch.sent_on),
                "council": council.title,
                "organisation": advice.addressee.name,
            }
            if kind == Reminder.DUE:
                subject = _("Answer needed now: advice “%(title)s”") % values
            else:
                subject = (
                    _("Reminder: answer the advice “%(title)s” by %(due)s") % values
                )
            body = "\n\n".join(
                [
                    _(
                        "%(council)s sent advice to %(organisation)s on %(sent)s: "
                        "“%(title)s”."
                    )
                    % values,
                    _("The answer is due by %(due)s at the latest.") % values,
                ]
            )
        notify(user, "staff_deadline_reminder", subject=subject, body=body, url=url)
        count += 1
    return count

"""Deadline reminders for handlers: 7 days before and on each open case's decision
deadline (manage.py send_case_reminders, once a day). Each reminder goes out once
per deadline (CaseReminder); a missed day is caught up."""

from datetime import date, timedelta

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspraak.notifications.services import notify
from inspraak.organisations.models import Membership, Role

from ..case_deadlines import refresh_stopped_clocks
from ..models import (
    Case,
    CaseReminder,
)
from ..permissions import is_handler
from .letters import letter_values, long_date

REMINDER_DAYS_BEFORE = 7


def reminder_recipients(case: Case) -> list:
    """The case's handler while they still handle cases there, else every current
    handler of the organisation."""
    if case.handler_id and is_handler(case.handler, case):
        return [case.handler]
    memberships = (
        Membership.objects.current()
        .filter(organisation_id=case.organisation_id, role=Role.CASE_HANDLER)
        .select_related("user")
        .order_by("user_id")
    )
    users = {m.user_id: m.user for m in memberships}
    return list(users.values())


def send_case_reminders(today: date | None = None) -> int:
    """Remind handlers 7 days before and on each open case's decision deadline.
    Returns the number of reminders sent or queued."""
    today = today or timezone.localdate()
    # A clock that stands still moved its deadline on since yesterday.
    refresh_stopped_clocks(today)
    cases = (
        Case.objects.filter(
            status__in=Case.OPEN_STATUSES,
            deadline__lte=today + timedelta(days=REMINDER_DAYS_BEFORE),
        )
        .select_related("organisation", "handler")
        .order_by("deadline", "pk")
    )
    count = 0
    for case in cases:
        deadline = case.deadline
        days_left = (deadline - today).days
        # Each reminder once per deadline, and a missed day is caught up.
        kind = CaseReminder.Kind.DUE if days_left <= 0 else CaseReminder.Kind.BEFORE
        _reminder, created = CaseReminder.objects.get_or_create(
            case=case, kind=kind, deadline=deadline, defaults={"sent_on": today}
        )
        if not created:
            continue
        try:
            url = reverse("complaints:handle", args=[case.reference])
        except NoReverseMatch:
            url = ""
        for user in reminder_recipients(case):
            with translation.override(
                user.preferred_language or settings.LANGUAGE_CODE
            ):
                values = letter_values(
                    case, deadline=long_date(deadline), rule=case.decision_rule()
                )
                if days_left < 0:
                    subject = _("Deadline passed: case %(reference)s") % values
                elif days_left == 0:
                    subject = _("Deadline today: case %(reference)s") % values
                else:
                    subject = _("Deadline in %(days)s days: case %(reference)s") % {
                        **values,
                        "days": days_left,
                    }
                body = "\n\n".join(
                    [
                        _(
                            "The decision on case %(reference)s (%(kind)s, "
                            "%(organisation)s) is due by %(deadline)s at the latest."
                        )
                        % values,
                        _("Rule: %(rule)s.") % values,
                    ]
                )
            notify(
                user,
                "staff_deadline_reminder",
                subject=subject,
                body=body,
                url=url,
            )
            count += 1
    return count

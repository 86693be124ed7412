"""The finance department's export of approved hours."""

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from inspraak.core import csv

from ..models import WorkLog

FINANCE_COLUMNS = (
    "booking",
    "assignment",
    "expert",
    "paid_as",
    "kvk_number",
    "session_date",
    "hours",
    "fee",
    "travel_costs",
    "total",
    "paid_on",
    "approved_by",
)


def finance_csv(organisation_ids: Iterable[int], year: int) -> str:
    """Approved hours of the organisations' bookings paid in `year`, one row per
    session, for the finance department."""
    logs = (
        WorkLog.objects.filter(
            booking__assignment__organisation_id__in=list(organisation_ids),
            status=WorkLog.Status.APPROVED,
            paid_on__year=year,
        )
        .select_related(
            "session",
            "decided_by",
            "booking__assignment",
            "booking__expert__expert_profile",
        )
        .order_by("paid_on", "pk")
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(FINANCE_COLUMNS)
    for log in logs:
        booking = log.booking
        expert = booking.expert
        profile = getattr(expert, "expert_profile", None) if expert else None
        writer.writerow(
            [
                booking.invoice_number,
                booking.assignment.title,
                (expert.display_name or expert.email) if expert else _("former member"),
                booking.get_pay_mode_display(),
                profile.kvk_number if profile else "",
                log.session.date.isoformat(),
                log.hours,
                log.amount,
                log.travel_costs,
                log.amount + log.travel_costs,
                log.paid_on.isoformat(),
                (log.decided_by.display_name or log.decided_by.email)
                if log.decided_by
                else "",
            ]
        )
    return out.getvalue()

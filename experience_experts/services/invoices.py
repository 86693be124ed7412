"""A freelancer's invoice for the approved hours of a booking."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import Refused
from ..models import Booking, ExpertProfile, WorkLog
from ..models.common import PayMode

VAT_RATE = Decimal("21")


def invoice_data(booking: Booking, *, issued_on: datetime.date | None = None):
    from ..invoice import InvoiceData, InvoiceLine

    profile = ExpertProfile.objects.get(user=booking.expert)
    organisation = booking.assignment.organisation
    logs = booking.work_logs.filter(status=WorkLog.Status.APPROVED).select_related(
        "session"
    )
    lines = []
    travel = Decimal("0")
    for log in logs:
        description = f"{booking.assignment.title} — {log.session.date:%d-%m-%Y}"
        if booking.is_hourly:
            lines.append(InvoiceLine(description, log.hours, booking.fee_amount))
        else:
            lines.append(InvoiceLine(description, Decimal("1"), booking.fee_amount))
        travel += log.travel_costs
    if not lines:
        raise Refused(_("There are no approved hours to invoice yet."))
    return InvoiceData(
        number=booking.invoice_number,
        issued_on=issued_on or timezone.localdate(),
        expert_name=profile.invoice_name or profile.name,
        expert_address=profile.invoice_address,
        kvk_number=profile.kvk_number,
        vat_number=profile.vat_number,
        vat_liable=profile.vat_liable,
        organisation_name=organisation.name,
        organisation_address=organisation.email,
        lines=lines,
        travel=travel,
        vat_rate=VAT_RATE,
    )


def invoice_pdf(booking: Booking) -> bytes:
    from ..invoice import render_invoice_pdf

    if booking.pay_mode != PayMode.FREELANCER:
        raise Refused(_("Only freelancers get an invoice."))
    return render_invoice_pdf(invoice_data(booking))

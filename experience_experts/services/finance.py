"""The finance department's export of approved hours, streamed: one row a session,
read from the database as plain values, so the first line leaves at once and memory
stays flat however many hours a year holds."""

from collections.abc import Iterable, Iterator
from itertools import chain

from django.utils.translation import gettext as _

from ..models import WorkLog
from ..models.bookings import invoice_number
from ..models.common import PayMode

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
# What each row reads, in this order (see `_row`).
FIELDS = (
    "booking_id",
    "booking__booked_at",
    "booking__assignment__title",
    "booking__expert_id",
    "booking__expert__display_name",
    "booking__expert__email",
    "booking__pay_mode",
    "booking__expert__expert_profile__kvk_number",
    "session__date",
    "hours",
    "amount",
    "travel_costs",
    "paid_on",
    "decided_by_id",
    "decided_by__display_name",
    "decided_by__email",
)
CHUNK = 2000  # rows fetched from the database at a time


def finance_rows(organisation_ids: Iterable[int], year: int) -> Iterator[tuple]:
    """The header and the approved hours of the organisations' bookings paid in
    `year`, one row per session, for the finance department. The rows are read
    while the file is sent; the words in them are chosen now, in the language of
    the request."""
    pay_modes = {value: str(label) for value, label in PayMode.choices}
    former_member = _("former member")
    values = (
        WorkLog.objects.filter(
            booking__assignment__organisation_id__in=list(organisation_ids),
            status=WorkLog.Status.APPROVED,
            paid_on__year=year,
        )
        .order_by("paid_on", "pk")
        .values_list(*FIELDS)
    )
    rows = values.iterator(chunk_size=CHUNK)
    return chain(
        [FINANCE_COLUMNS],
        (_row(row, pay_modes, former_member) for row in rows),
    )


def _row(row: tuple, pay_modes: dict, former_member: str) -> tuple:
    (
        booking_id,
        booked_at,
        title,
        expert_id,
        expert_name,
        expert_email,
        pay_mode,
        kvk_number,
        session_date,
        hours,
        amount,
        travel_costs,
        paid_on,
        approver_id,
        approver_name,
        approver_email,
    ) = row
    return (
        invoice_number(booking_id, booked_at),
        title,
        (expert_name or expert_email) if expert_id else former_member,
        pay_modes.get(pay_mode, pay_mode),
        kvk_number or "",
        session_date.isoformat(),
        hours,
        amount,
        travel_costs,
        amount + travel_costs,
        paid_on.isoformat(),
        (approver_name or approver_email) if approver_id else "",
    )

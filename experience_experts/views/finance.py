"""Money out: a freelancer's invoice and the finance department's export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET

from inspraak.core import csv
from inspraak.core.bounds import query_year

from .. import permissions
from ..exceptions import Refused
from ..services.finance import finance_rows
from ..services.invoices import invoice_pdf
from .shared import own_booking


@login_required
@require_GET
def invoice(request, pk):
    booking = own_booking(request, pk)
    try:
        pdf = invoice_pdf(booking)
    except Refused as error:
        messages.error(request, error.message)
        return redirect("experience_experts:booking", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="factuur-{booking.invoice_number}.pdf"'
    )
    return response


@login_required
@require_GET
def finance_export(request):
    ids = permissions.organiser_ids(request.user)
    if not ids:
        raise PermissionDenied
    year = query_year(request, default=timezone.localdate().year)
    # No byte order mark: the finance department's import reads the file as before.
    return csv.streaming_response(
        f"ervaringsdeskundigen-{year}.csv",
        finance_rows(ids, year),
        request=request,
        delimiter=";",
        bom=False,
    )

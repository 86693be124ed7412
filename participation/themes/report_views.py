"""The consultation report: an HTML page and a PDF for everyone once "you said, we
did" is published (a preview for the organisers before that), and the CSV of the
contributions with their theme for the organisers. The figures come from
report.py, the PDF from pdf.py."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from inspraak.core import csv

from ..models import ConsultationPage
from ..permissions import can_publish_feedback
from .pdf import render_report_pdf
from .report import consultation_report, csv_rows


def _report_or_404(request, consultation_id: int) -> tuple[ConsultationPage, bool]:
    """The consultation and whether this is the organisers' preview.

    Public once the page is live, its view restrictions let the person in (as when
    Wagtail serves it) and the feedback is published; before that only the
    organisers see it, as a preview. Everyone else gets a 404, so nobody learns a
    report is in the making."""
    page = get_object_or_404(
        ConsultationPage.objects.live().select_related("organisation"),
        pk=consultation_id,
    )
    public = page.feedback_is_published and all(
        restriction.accept_request(request)
        for restriction in page.get_view_restrictions()
    )
    if public:
        return page, False
    if can_publish_feedback(request.user, page):
        return page, not page.feedback_is_published
    raise Http404


def _private_if(response, preview: bool):
    if preview:
        add_never_cache_headers(response)
    return response


def _filename(prefix: str, page: ConsultationPage, extension: str) -> str:
    return f"{prefix}-{slugify(page.slug)[:60] or page.pk}.{extension}"


@require_GET
def report(request, consultation_id: int):
    page, preview = _report_or_404(request, consultation_id)
    response = render(
        request,
        "themes/report.html",
        {
            "consultation": page,
            "report": consultation_report(page),
            "preview": preview,
            "organiser": can_publish_feedback(request.user, page),
        },
    )
    return _private_if(response, preview)


@require_GET
def report_pdf(request, consultation_id: int):
    page, preview = _report_or_404(request, consultation_id)
    pdf = render_report_pdf(consultation_report(page), preview=preview)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{_filename("verslag", page, "pdf")}"'
    )
    return _private_if(response, preview)


@never_cache
@login_required
@require_GET
def contributions_csv(request, consultation_id: int):
    """Every visible contribution with its theme, streamed; no nicknames."""
    page = get_object_or_404(ConsultationPage, pk=consultation_id)
    if not can_publish_feedback(request.user, page):
        raise PermissionDenied
    return csv.streaming_response(
        _filename("bijdragen", page, "csv"),
        csv_rows(page),
        request=request,
    )

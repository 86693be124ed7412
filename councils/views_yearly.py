"""The yearly account's own URLs: its PDF, and the chair's action that makes the
draft for a year. The page itself is a Wagtail page (models/yearly.py); the work is
done in councils/yearly.py and councils/yearly_pdf.py."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from inspraak.core.bounds import FIRST_YEAR, LAST_YEAR, BoundedForm

from .models.councils import CouncilPage
from .models.yearly import CouncilYearReportPage
from .yearly import (
    YearTaken,
    council_of_report,
    default_year,
    is_public,
    make_year_report,
    may_make_report,
    may_preview,
)
from .yearly_pdf import render_year_report_pdf


@require_GET
def year_report_pdf(request, page_id: int):
    """The PDF of a published account for everyone who may see the page; of a
    draft (the latest revision) only for the council's members and its editors,
    as a preview. Everyone else: 404, so nobody learns a draft exists."""
    page = get_object_or_404(CouncilYearReportPage, pk=page_id)
    council = council_of_report(page)
    if council is None:
        raise Http404
    if is_public(page, request):
        preview = False
    elif may_preview(request.user, page, council):
        preview = not page.live
        page = page.get_latest_revision_as_object() if preview else page
    else:
        raise Http404
    response = HttpResponse(
        render_year_report_pdf(page, council, preview=preview),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'inline; filename="jaarverslag-{page.year}-{council.slug[:60]}.pdf"'
    )
    if preview or not page.live:
        add_never_cache_headers(response)
    return response


class YearReportForm(BoundedForm):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("The year the account is about. Usually the year that ended."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_report_new(request, council_id: int):
    """The chair or secretary makes the draft yearly account for a year and then
    edits it in the editor."""
    council = get_object_or_404(CouncilPage, pk=council_id)
    if not may_make_report(request.user, council):
        raise PermissionDenied
    existing = None
    if request.method == "POST":
        form = YearReportForm(request.POST)
        if form.is_valid():
            try:
                page = make_year_report(
                    council, form.cleaned_data["year"], request.user
                )
            except YearTaken as refusal:
                form.add_error("year", refusal.messages[0])
                existing = refusal.existing
            else:
                return redirect("wagtailadmin_pages:edit", page.pk)
    else:
        form = YearReportForm(initial={"year": default_year(timezone.localdate())})
    return render(
        request,
        "councils/year_report_new.html",
        {"council": council, "form": form, "existing": existing},
    )

"""The public figures page: cases per organisation and kind, and the share decided
within the legal deadline (complaints.figures counts them)."""

from collections import defaultdict

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..figures import case_figures


@require_GET
def figures(request):
    """The public page /klachten/cijfers/."""
    grouped = defaultdict(list)
    for figure in case_figures():
        grouped[figure.organisation].append(figure)
    return render(
        request,
        "complaints/figures.html",
        {"organisations": dict(grouped)},
    )

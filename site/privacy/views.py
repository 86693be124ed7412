"""My data: see what the platform holds, download it, delete the account."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from allauth.account.decorators import reauthentication_required

from inspraak.core import streaming

from . import services
from .forms import DeleteAccountForm
from .registry import Erasure


@login_required
def my_data(request):
    return render(
        request,
        "privacy/my_data.html",
        {"groups": services.overview(request.user)},
    )


@login_required
@reauthentication_required
def download(request):
    """The whole archive at once (AVG art. 15 and 20), streamed while it is
    written; logged as a data request."""
    filename = f"inspraak-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.zip"
    pieces = services.stream_archive(request.user)
    return StreamingHttpResponse(
        streaming.for_request(request, pieces),
        content_type="application/zip",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@login_required
@reauthentication_required
def delete_account(request):
    """Say what is deleted and what is kept (and why) before the person confirms."""
    groups = services.overview(request.user, only_with_data=True, preview_rows=0)
    kept = [
        section
        for group in groups
        for section in group.sections
        if section.erasure != Erasure.DELETE
    ]
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.erase_account(user)
        return redirect("privacy:deleted")
    return render(
        request,
        "privacy/delete_account.html",
        {"groups": groups, "kept": kept, "form": form},
    )


def deleted(request):
    return render(request, "privacy/deleted.html")

"""The files of a case and the download of everything held on it (AVG art. 15),
for the filer, a guest with their link, or a handler of the organisation."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from ..flows.archive import write_case_archive
from ..flows.records import log_access
from ..models import Case, CaseAccessLog, CaseAttachment
from ..permissions import can_view, case_from_link_token, is_filer, is_handler


def _serve(request, case: Case, attachment_id: int, actor: str):
    attachment = get_object_or_404(CaseAttachment, pk=attachment_id, case=case)
    log_access(
        case,
        request.user,
        CaseAccessLog.Action.DOWNLOAD,
        actor=actor,
        detail=f"attachment {attachment.pk}",
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment(request, reference, attachment_id):
    """A file of a case, for the signed-in filer or a handler of the organisation;
    anyone else gets "not found"."""
    case = get_object_or_404(Case, reference=reference)
    if not can_view(request.user, case):
        raise Http404
    actor = "handler" if is_handler(request.user, case) else "filer"
    return _serve(request, case, attachment_id, actor)


def guest_attachment(request, token, attachment_id):
    """A file of a case, through the guest's signed link."""
    case = case_from_link_token(token)
    if case is None or not can_view(request.user, case, guest_token_valid=True):
        raise Http404
    return _serve(request, case, attachment_id, "guest")


def _download(request, case: Case, actor: str):
    archive = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115
    write_case_archive(case, archive, user=request.user, actor=actor)
    archive.seek(0)
    response = FileResponse(
        archive, as_attachment=True, filename=f"{case.reference}.zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def case_download(request, reference):
    """Everything held on the case, for the signed-in filer (AVG art. 15)."""
    case = get_object_or_404(Case, reference=reference)
    if not is_filer(request.user, case):
        raise Http404
    return _download(request, case, "filer")


@never_cache
def guest_case_download(request, token):
    """The same, through the guest's signed link."""
    case = case_from_link_token(token)
    if case is None:
        raise Http404
    return _download(request, case, "guest")

"""The organiser's theme workspace on the public site: start a suggestion, follow
its progress, and accept, rename, merge, split or discard themes and move input
between them; then write "we did" for each accepted theme. Only the organisers of
the consultation (participation.permissions.can_publish_feedback) get in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..models import ConsultationPage
from ..permissions import can_publish_feedback
from ..services import ParticipationError
from ..views.contributions import UNPROCESSABLE
from . import editing, runs
from . import workspace as listing
from .forms import NameForm, StartForm, WriteForm
from .models import SuggestedTheme, ThemeInput, ThemeRun

STEPS = {
    "": gettext_lazy("Waiting for the worker"),
    "words": gettext_lazy("Reading the words"),
    "themes": gettext_lazy("Looking for themes"),
    "saving": gettext_lazy("Saving the themes"),
    "done": gettext_lazy("Done"),
}


def _organised(request, consultation_id: int) -> ConsultationPage:
    page = get_object_or_404(
        ConsultationPage.objects.select_related("organisation"), pk=consultation_id
    )
    if not can_publish_feedback(request.user, page):
        raise PermissionDenied
    return page


def _theme(request, theme_id: int) -> SuggestedTheme:
    theme = get_object_or_404(
        SuggestedTheme.objects.select_related(
            "consultation__organisation", "feedback_item"
        ),
        pk=theme_id,
    )
    if not can_publish_feedback(request.user, theme.consultation):
        raise PermissionDenied
    return theme


def step_label(run: ThemeRun | None) -> str:
    if run is None:
        return ""
    return str(STEPS.get(run.step, run.step))


def _workspace_context(page, start_form=None) -> dict:
    counts = listing.counts(page)
    found = listing.with_shares(listing.themes(page), counts.total)
    run = listing.last_run(page)
    return {
        "consultation": page,
        "counts": counts,
        "accepted": [theme for theme in found if theme.is_accepted],
        "suggested": [theme for theme in found if not theme.is_accepted],
        "all_themes": found,
        "run": run,
        "step": step_label(run),
        "start_form": start_form or StartForm(),
        "locked": page.feedback_is_published,
        "missing_we_did": sum(
            1
            for theme in found
            if theme.feedback_item and not theme.feedback_item.what_we_did
        ),
    }


@login_required
def workspace(request, consultation_id: int):
    page = _organised(request, consultation_id)
    return render(request, "themes/workspace.html", _workspace_context(page))


@require_POST
@login_required
def start(request, consultation_id: int):
    page = _organised(request, consultation_id)
    form = StartForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "themes/workspace.html",
            _workspace_context(page, start_form=form),
            status=UNPROCESSABLE,
        )
    try:
        runs.start(
            page,
            by=request.user,
            min_themes=form.cleaned_data["min_themes"],
            max_themes=form.cleaned_data["max_themes"],
        )
    except ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The suggestion has started."))
    return redirect("participation:themes:workspace", page.pk)


@login_required
def progress(request, consultation_id: int):
    """The last run's state, for the progress bar (polled by themes/progress.js)."""
    page = _organised(request, consultation_id)
    run = listing.last_run(page)
    if run is None:
        return JsonResponse({"status": None})
    return JsonResponse(
        {
            "status": run.status,
            "progress": run.progress,
            "step": step_label(run),
            "error": run.error,
            "themes": run.theme_count,
        }
    )


ACTIONS = ("accept", "rename", "merge", "split", "discard")


@login_required
def change(request, theme_id: int):
    """GET: one theme with all its input (paged) to move; POST: an action."""
    theme = _theme(request, theme_id)
    page = theme.consultation
    if request.method != "POST":
        inputs = listing.theme_inputs_page(theme, request.GET.get("page"))
        return render(
            request,
            "themes/theme.html",
            {
                "consultation": page,
                "theme": theme,
                "page_obj": inputs,
                "inputs": inputs.object_list,
                "others": SuggestedTheme.objects.filter(consultation=page)
                .exclude(pk=theme.pk)
                .order_by("-status", "sort_order", "pk"),
                "locked": page.feedback_is_published,
            },
        )
    action = request.POST.get("action")
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do with the theme."))
        return redirect("participation:themes:workspace", page.pk)
    try:
        message = _act(request, theme, action)
    except ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message)
    return redirect("participation:themes:workspace", page.pk)


def _act(request, theme: SuggestedTheme, action: str) -> str:
    if action in ("accept", "rename"):
        form = NameForm(request.POST)
        if not form.is_valid():
            raise ParticipationError(
                " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
        name = form.cleaned_data["name"]
        if action == "accept":
            editing.accept(theme, name=name, by=request.user)
            return _('Accepted: "%(name)s". Now write what you did.') % {"name": name}
        editing.rename(theme, name)
        return _('The theme is now called "%(name)s".') % {"name": name}
    if action == "merge":
        other = SuggestedTheme.objects.filter(
            consultation=theme.consultation, pk=_int(request.POST.get("into"))
        ).first()
        if other is None:
            raise ParticipationError(_("Choose the theme to merge with."))
        editing.merge(other, theme)
        return _('Merged into "%(name)s".') % {"name": other.name}
    if action == "split":
        new = editing.split(theme)
        return _('Split: the new theme is "%(name)s".') % {"name": new.name}
    editing.discard(theme)
    return _("The suggestion is gone; its input has no theme now.")


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


@require_POST
@login_required
def move(request, input_id: int):
    piece = get_object_or_404(
        ThemeInput.objects.select_related("theme__consultation__organisation"),
        pk=input_id,
    )
    source = piece.theme
    if not can_publish_feedback(request.user, source.consultation):
        raise PermissionDenied
    to = SuggestedTheme.objects.filter(
        consultation=source.consultation, pk=_int(request.POST.get("to"))
    ).first()
    if to is None:
        messages.error(request, _("Choose the theme to move it to."))
    else:
        try:
            editing.move(piece, to)
        except ParticipationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _('Moved to "%(name)s".') % {"name": to.name})
    return redirect("participation:themes:change", source.pk)


@login_required
def write(request, theme_id: int):
    """Write "you said" and "we did" of an accepted theme's draft item."""
    theme = _theme(request, theme_id)
    page = theme.consultation
    item = theme.feedback_item
    if item is None:
        messages.error(request, _("Accept the theme first."))
        return redirect("participation:themes:workspace", page.pk)
    if page.feedback_is_published:
        messages.error(
            request, _("The feedback is published: the themes can no longer change.")
        )
        return redirect("participation:themes:workspace", page.pk)
    form = WriteForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("participation:themes:workspace", page.pk)
    return render(
        request,
        "themes/write.html",
        {
            "consultation": page,
            "theme": theme,
            "form": form,
            "cited_contributions": item.contributions.count(),
            "cited_questions": item.live_questions.count(),
        },
        status=UNPROCESSABLE if request.method == "POST" else 200,
    )

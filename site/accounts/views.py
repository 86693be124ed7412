from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _

from .forms import ProfileForm


@login_required
def profile(request):
    """The person's own details: display name, language, date of birth."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            for field in ("display_name", "preferred_language", "date_of_birth"):
                setattr(user, field, form.cleaned_data[field])
            user.save(
                update_fields=["display_name", "preferred_language", "date_of_birth"]
            )
            messages.success(request, _("Your details have been saved."))
            return redirect(translate_url(request.path, user.preferred_language))
    else:
        form = ProfileForm(
            initial={
                "display_name": user.display_name,
                "preferred_language": user.preferred_language,
                "date_of_birth": user.date_of_birth,
            }
        )
    return render(request, "accounts/profile.html", {"form": form})

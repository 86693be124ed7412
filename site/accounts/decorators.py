"""Guards for views where a person posts under their account."""

from functools import wraps

from django.shortcuts import render


def posting_allowed(view):
    """Let a signed-in person post only when their account is not limited (under 16
    without a parent's consent). Anonymous visitors pass: the view decides whether
    it accepts posts without an account (for example in a live session)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.can_post:
            return render(
                request,
                "accounts/posting_restricted.html",
                {"consent": user.parental_consent},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper

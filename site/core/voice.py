"""Inspraak speaks to everyone with "je" (B1 Dutch). Django's own Dutch speaks
formally ("Uw wachtwoord ...") in the password messages people see when they sign
up or change a password. These are Django's messages, listed here so that
`makemessages` keeps them in Inspraak's catalogue, where locale/nl gives them the
informal voice: the project's locale comes before Django's (LOCALE_PATHS).

Nothing calls these; the lazy strings are never evaluated. A test checks that the
overrides are in force (tests/core/test_voice.py)."""

from django.utils.translation import gettext_lazy, ngettext_lazy

DJANGO_AUTH_MESSAGES = [
    gettext_lazy("Your old password was entered incorrectly. Please enter it again."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_lazy(
        "Your password can’t be too similar to your other personal information."
    ),
    gettext_lazy("Your password can’t be a commonly used password."),
    gettext_lazy("Your password can’t be entirely numeric."),
]

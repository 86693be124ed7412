"""Inspraak speaks to everyone with "je" (B1 Dutch), and calls making an account
"Account maken" / "Create account" everywhere. Django's own Dutch speaks formally
("Uw wachtwoord ...") in the password messages people see when they sign up or
change a password, and allauth says "Registreren" / "Sign Up" on its pages. Their
messages are listed here so that `makemessages` keeps them in Inspraak's
catalogue, where locale/nl and locale/en give them Inspraak's words: the
project's locale comes before Django's and allauth's (LOCALE_PATHS).

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

# allauth's words for signing up, as "Create account" (locale/en) and "Account
# maken" (locale/nl), like the link in every page's header.
ALLAUTH_SIGN_UP_MESSAGES = [
    gettext_lazy("Signup"),
    gettext_lazy("Sign Up"),
    gettext_lazy("Sign up using a passkey"),
    gettext_lazy("Passkey Sign Up"),
    gettext_lazy("Sign Up Closed"),
    gettext_lazy("We are sorry, but the sign up is currently closed."),
    gettext_lazy(
        "If you have not created an account yet, then please "
        "%(link)ssign up%(end_link)s first."
    ),
    gettext_lazy("If it was you, you can sign up for an account using the link below."),
    gettext_lazy(
        "We have sent an email to you for verification. Follow the link provided to "
        "finalize the signup process. If you do not see the verification email in "
        "your main inbox, check your spam folder. Please contact us if you do not "
        "receive the verification email within a few minutes."
    ),
]

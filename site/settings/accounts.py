"""Accounts: users, django-allauth (sign-in, rate limits, MFA) and sessions."""

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# The start page (inspraak.core.start), in the language of the sign-in page; a
# `next` in the sign-in request wins.
LOGIN_REDIRECT_URL = "start"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "inspraak.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "inspraak.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Inspraak] "
# Explicit so that a reader sees the limits. A class signs in behind one school
# address, so limits per address are generous. Failed sign-ins are counted by
# inspraak.accounts.ratelimit: "key" in login_failed is one account at one address
# (strict), "ip" the address; login_failed_account is one account from every
# address, above the 15 per 15 minutes one address can reach (5/5m), so that no
# one address can lock out someone else's account. Tests switch all limits off
# (settings/test.py) and turn them on where they test them.
ACCOUNT_RATE_LIMITS = {
    "login": "100/m/ip",
    "login_failed": "5/5m/key,100/15m/ip",
    "login_failed_account": "50/15m/key",
    "signup": "60/m/ip",  # a class of 30 signs up in the same lesson
    "confirm_email": "1/3m/key",
    "reset_password": "60/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Single sign-on through OpenID Connect (inspraak.signin): the providers are rows
# of signin.IdentityProvider, offered to allauth by the adapter. Staff addresses
# are vouched for by their organisation, so the first sign-in links to an account
# with the same address, or makes one without a form.
SOCIALACCOUNT_ADAPTER = "inspraak.signin.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
# How often a session that signed in through a provider asks it whether the account
# still exists (inspraak.signin.renewal), in seconds.
SIGNIN_CHECK_EVERY = 600

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Inspraak"

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

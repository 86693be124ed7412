"""Two-step verification wherever case data is. Whoever can see cases of others
(complaint handlers, confidential advisers, superusers) gets no case page, file,
download or admin view of a complaints model without a second factor used in this
session. One middleware holds the rule for every such URL; the views only decide
who may see which case (complaints.permissions)."""

from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import ResolverMatch, reverse
from django.utils.translation import gettext as _

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import organisation_ids_for

APP_LABEL = "complaints"

# Roles that see case files and so must sign in with a second step (docs/design.md).
MFA_ROLES = (Role.CASE_HANDLER, Role.CONFIDENTIAL_ADVISER)

# The complaints URLs that show no case: the guided questions, the filing form and
# the public figures. Every other URL of the namespace is case data, so a new one
# is protected until someone decides otherwise.
PUBLIC_URL_NAMES = frozenset({"start", "question", "result", "file", "figures"})


def needs_mfa(user) -> bool:
    """Complaint handlers, confidential advisers and superusers see case files."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or organisation_ids_for(user, MFA_ROLES))
    )


def has_totp(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def second_factor_used(request: HttpRequest) -> bool:
    """True when this session's sign-in (or a later check) included a code from
    the authenticator app or a recovery code, as allauth records it, or a sign-in
    through an identity provider that proved a second factor (recorded as "mfa" by
    inspraak.signin). A password-only sign-in, for example through an admin's own
    login page, does not count."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def model_of_view(func):
    """The model an admin view works on, if any."""
    # Wagtail's viewsets (snippets, ModelViewSet, choosers) pass the model to
    # as_view(); Django's admin marks each model view with its ModelAdmin.
    model = getattr(func, "view_initkwargs", {}).get("model")
    if model is None and getattr(func, "model_admin", None) is not None:
        model = func.model_admin.model
    if isinstance(model, str):  # some choosers name it "app_label.ModelName"
        model = apps.get_model(model)
    return model


def shows_case_data(request: HttpRequest, match: ResolverMatch | None) -> bool:
    """Whether the URL returns case data: the complaints namespace except its
    public pages, and every admin view (Django or Wagtail) of a complaints model."""
    if match is None:
        return False
    if match.namespace == APP_LABEL:
        return match.url_name not in PUBLIC_URL_NAMES
    model = model_of_view(match.func)
    if model is not None and model._meta.app_label == APP_LABEL:
        return True
    # The Django admin's page for the whole app, and its autocomplete endpoint.
    return "admin" in match.namespaces and APP_LABEL in (
        match.kwargs.get("app_label"),
        request.GET.get("app_label"),
    )


def may_see_case_data(request: HttpRequest) -> bool:
    """As far as two-step verification goes: whoever sees no cases of others, or
    used a second factor in this session (a code from the app, or an
    organisation's identity provider that proved one at sign-in, inspraak.signin)."""
    return not needs_mfa(request.user) or second_factor_used(request)


def refuse_without_second_factor(request: HttpRequest) -> HttpResponseRedirect | None:
    """None when the person may see case data as far as two-step verification
    goes; otherwise the way to set it up, or to use it in this session. Files are
    answered the same way: a redirect, never the file."""
    user = request.user
    if may_see_case_data(request):
        return None
    if not has_totp(user):
        messages.warning(
            request,
            _(
                "You work with case files. To protect the people in them, first "
                "switch on two-step verification with an authenticator app."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_index"))
    messages.warning(
        request,
        _(
            "You work with case files. To open them, first confirm that it is "
            "you with the code from your authenticator app."
        ),
    )
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")


class CaseDataSecondFactorMiddleware:
    """Applies refuse_without_second_factor to every URL that shows case data,
    after the URL is resolved and before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not shows_case_data(request, request.resolver_match):
            return None
        return refuse_without_second_factor(request)

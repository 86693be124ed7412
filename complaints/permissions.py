"""Who may see and handle a case. Every view asks these; nothing else decides."""

from django.core import signing

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import organisation_ids_for

from .models import Case

_SALT = "complaints.case-link"


def is_handler(user, case: Case) -> bool:
    """A current complaint handler of the organisation the case is about. Case files
    hold health data: being a superuser is not enough, a membership is needed."""
    return case.organisation_id in organisation_ids_for(user, Role.CASE_HANDLER)


def is_filer(user, case: Case) -> bool:
    return bool(user.is_authenticated and case.filed_by_id == user.pk)


def can_view(user, case: Case, *, guest_token_valid: bool = False) -> bool:
    """The person who filed it (by account or by their verified guest link) and the
    organisation's handlers; nobody else, superusers included."""
    return guest_token_valid or is_filer(user, case) or is_handler(user, case)


def case_link_token(case: Case) -> str:
    """The token in a guest's link to follow their case (signed; a new nonce on the
    case makes old links useless)."""
    return signing.dumps({"c": case.pk, "n": case.access_nonce}, salt=_SALT)


def case_from_link_token(token: str) -> Case | None:
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    case = Case.objects.filter(pk=data.get("c")).first()
    if case is None or not case.access_nonce or case.access_nonce != data.get("n"):
        return None
    return case

"""Who hears of advice and how: the addressee's answering staff, a council's
members, dates and links written in mails, and direct e-mail."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import formats
from django.utils.translation import gettext as _

from inspraak.core.tasks import send_email
from inspraak.notifications.services import absolute_url, deliverable_address
from inspraak.organisations.models import Membership, Organisation

from ..models.advice import AdvicePage
from ..models.councils import CouncilPage
from ..permissions import ANSWERING_ROLES


def answering_staff(organisation: Organisation | int) -> list:
    """The people who now answer advice for `organisation`."""
    user_ids = (
        Membership.objects.current()
        .filter(organisation=organisation, role__in=ANSWERING_ROLES)
        .values("user_id")
    )
    return list(
        get_user_model()
        ._default_manager.filter(pk__in=user_ids, is_active=True)
        .order_by("pk")
    )


def council_users(council: CouncilPage) -> list:
    """Each current member once, even with two roles."""
    users = {}
    for member in council.current_members():
        users.setdefault(member.user_id, member.user)
    return list(users.values())


def formatted(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def advice_url(advice: AdvicePage) -> str:
    return absolute_url(advice.url or "")


def email(user, subject: str, body: str, path: str) -> None:
    """A direct e-mail, built in the caller's translation.override, only to a
    confirmed address.

    Requests for advice are work addressed to the council (and decisions on them to
    the one who asked), not optional news one subscribes to, and no notification
    kind fits them: so they go out directly instead of through notify()."""
    address = deliverable_address(user)
    if address is None:
        return
    greeting = _("Hello %(name)s,") % {"name": user.display_name or user.email}
    text = f"{greeting}\n\n{body}\n\n{absolute_url(path)}\n"
    send_email.enqueue(subject=" ".join(subject.split())[:200], body=text, to=[address])

"""Requests for advice: an organisation asks a council, the chair or secretary
accepts or declines."""

from datetime import date

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from inspraak.organisations.models import Organisation

from ..models.councils import CouncilPage
from ..models.requests import AdviceRequest
from .errors import AdviceStateError
from .mail import council_users, email


def ask_advice(
    council: CouncilPage,
    organisation: Organisation,
    user,
    *,
    question: str,
    desired_on: date,
) -> AdviceRequest:
    """An organisation asks the council for advice; the council's members hear of
    it by e-mail."""
    if desired_on <= timezone.localdate():
        raise AdviceStateError("The desired date must be in the future.")
    advice_request = AdviceRequest.objects.create(
        council=council,
        organisation=organisation,
        question=question,
        desired_on=desired_on,
        requested_by=user,
        requested_on=timezone.localdate(),
    )
    for member in council_users(council):
        with translation.override(member.preferred_language):
            email(
                member,
                _("%(organisation)s asks %(council)s for advice")
                % {"organisation": organisation.name, "council": council.title},
                _(
                    "%(organisation)s asks your council for advice before "
                    "%(date)s. The chair or secretary accepts or declines the "
                    "request.\n\nThe question:\n%(question)s"
                )
                % {
                    "organisation": organisation.name,
                    "date": formats.date_format(desired_on, "j F Y"),
                    "question": question,
                },
                reverse("councils:request", args=[advice_request.pk]),
            )
    return advice_request


def decide_request(
    advice_request: AdviceRequest,
    user,
    *,
    accept: bool,
    reason: str = "",
) -> AdviceRequest:
    """The chair or secretary accepts or declines an open request; declining needs a
    reason. The person who asked hears of it by e-mail."""
    if not accept and not reason.strip():
        raise AdviceStateError("A reason is required to decline.")
    status = AdviceRequest.Status.ACCEPTED if accept else AdviceRequest.Status.DECLINED
    updated = AdviceRequest.objects.filter(
        pk=advice_request.pk, status=AdviceRequest.Status.OPEN
    ).update(
        status=status,
        decline_reason="" if accept else reason,
        decided_on=timezone.localdate(),
    )
    if not updated:
        raise AdviceStateError("The council already decided on this request.")
    advice_request.refresh_from_db()
    asker = advice_request.requested_by
    if asker is not None:
        council = advice_request.council.title
        with translation.override(asker.preferred_language):
            if accept:
                subject = _("%(council)s accepts your request for advice") % {
                    "council": council
                }
                body = _(
                    "%(council)s will give advice on your question. You see the "
                    "advice on the request page once it is published."
                ) % {"council": council}
            else:
                subject = _("%(council)s declines your request for advice") % {
                    "council": council
                }
                body = _(
                    "%(council)s will not give advice on your question. The "
                    "reason:\n%(reason)s"
                ) % {"council": council, "reason": reason}
            email(
                asker,
                subject,
                body,
                reverse("councils:request", args=[advice_request.pk]),
            )
    return advice_request

"""Sending adopted advice to its addressee, which starts the answer clock."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspraak.core.tasks import send_email
from inspraak.notifications.services import deliverable_address

from ..models.advice import AdviceDispatch, AdvicePage
from ..rules import answer_due_on
from .mail import advice_url, answering_staff, formatted


def send_advice(advice: AdvicePage, today: date | None = None) -> AdviceDispatch:
    """Send adopted advice to its addressee and start the answer clock, once: a
    second call (republishing) neither restarts the clock nor sends again."""
    today = today or timezone.localdate()
    council = advice.council
    with transaction.atomic():
        dispatch, created = AdviceDispatch.objects.get_or_create(
            advice=advice,
            defaults={
                "sent_on": today,
                "answer_due_on": answer_due_on(today, council.answer_period_weeks),
            },
        )
        if not created:
            return dispatch
        recipients = [
            (address, user.preferred_language, user.display_name)
            for user in answering_staff(advice.addressee_id)
            if (address := deliverable_address(user))
        ]
        if not recipients and advice.addressee.email:
            # Nobody holds an answering role yet: the organisation's general
            # address still receives the advice, so the clock never runs unseen.
            recipients = [(advice.addressee.email, settings.LANGUAGE_CODE, "")]
        for address, language, name in recipients:
            subject, body = _advice_email(advice, council, dispatch, language, name)
            # Queued in the same transaction (database backend): sent only if the
            # dispatch is stored.
            send_email.enqueue(subject=subject, body=body, to=[address])
    return dispatch


def _advice_email(advice, council, dispatch, language, name) -> tuple[str, str]:
    with translation.override(language):
        subject = _("Advice from %(council)s: %(title)s") % {
            "council": council.title,
            "title": advice.title,
        }
        greeting = _("Hello %(name)s,") % {"name": name} if name else _("Hello,")
        lines = [
            greeting,
            "",
            _("%(council)s sends advice to %(organisation)s.")
            % {"council": council.title, "organisation": advice.addressee.name},
            "",
            advice.title,
            advice.summary,
            "",
            _("Read the full advice: %(url)s") % {"url": advice_url(advice)},
            "",
            _(
                "Please answer by %(due)s at the latest. Your answer is shown to "
                "everyone in the advice tracker."
            )
            % {"due": formatted(dispatch.answer_due_on)},
        ]
    return subject, "\n".join(lines) + "\n"

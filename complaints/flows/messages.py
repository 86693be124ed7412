"""Messages inside a case, between the person and the handler. E-mails only say
that there is a message; the text stays in the case."""

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from inspraak.notifications.services import notify

from ..models import (
    Case,
    CaseAccessLog,
    CaseMessage,
)
from .attachments import add_attachment
from .letters import letter_values, tell_person
from .records import actor_for, log_access, record_step
from .reminders import reminder_recipients


@transaction.atomic
def add_message(
    case: Case, text: str, *, user=None, from_handler: bool = False, files=()
) -> CaseMessage:
    """A message in the case, from the person or from a handler, with files."""
    message = CaseMessage.objects.create(
        case=case,
        text=text.strip(),
        from_handler=from_handler,
        author=user if getattr(user, "is_authenticated", False) else None,
    )
    actor = "handler" if from_handler else actor_for(user)
    log_access(
        case, user, CaseAccessLog.Action.CHANGE, actor=actor, detail="message sent"
    )
    for uploaded in files:
        add_attachment(case, uploaded, user=user, from_handler=from_handler)
    if not from_handler:
        tell_handlers_about_message(case)
    return message


def tell_handlers_about_message(case: Case) -> None:
    """The case's handler (or every handler of the organisation) hears that the
    person wrote; the message itself stays in the case."""

    url = reverse("complaints:handle", args=[case.reference])
    for handler in reminder_recipients(case):
        with translation.override(handler.preferred_language):
            notify(
                handler,
                "case_message_for_staff",
                subject=_("New message in case %(reference)s")
                % {"reference": case.reference},
                body=_(
                    "The person sent a message in case %(reference)s. Read it in the "
                    "case."
                )
                % {"reference": case.reference},
                url=url,
            )


@transaction.atomic
def handler_message(case: Case, handler, text: str) -> CaseMessage:
    """A message from the handler to the person. The e-mail only says there is a
    message; the text stays in the case."""
    text = (text or "").strip()
    if not text:
        raise ValueError(_("Write a message."))
    message = CaseMessage.objects.create(
        case=case, from_handler=True, author=handler, text=text
    )
    record_step(case, handler, note=_("Message sent to the person."), detail="message")

    def build():
        values = letter_values(case)
        subject = _("New message about your case %(reference)s") % values
        body = (
            _(
                "%(organisation)s sent you a message about your case %(reference)s. "
                "Open your case to read it."
            )
            % values
        )
        return subject, body

    tell_person(case, "case_update", build)
    return message

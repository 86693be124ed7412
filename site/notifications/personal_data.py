"""What the notifications app holds on a person (see inspraak.privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import Erasure, PersonalData, register

from .models import NotificationPreference, PendingNotification


@register
class NotificationPreferenceData(PersonalData):
    model = NotificationPreference
    label = _("E-mail choices")
    purpose = _("Which e-mails you want from us and when, so we only send those.")
    export_fields = ("kind", "enabled", "frequency", "updated_at")
    erasure = Erasure.DELETE


@register
class PendingNotificationData(PersonalData):
    model = PendingNotification
    label = _("Messages for your daily e-mail")
    purpose = _(
        "Messages we collect to send you together in one e-mail a day. After "
        "sending we keep them so that we send nothing twice."
    )
    export_fields = ("kind", "subject", "body", "url", "created_at", "sent_at")
    erasure = Erasure.DELETE

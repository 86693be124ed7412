"""What people do in a consultation: contribute, support, report, subscribe; what
the organisation does: hide and restore, publish "you said, we did" and notify.

Views check who may act (permissions.py) and call these functions."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspraak.core.tasks import send_email
from inspraak.notifications.services import notify

from . import ratelimit
from .models.consultations import ConsultationPage, ConsultationQuestion
from .models.contributions import Contribution, ContributionReport, Support
from .models.feedback import FeedbackSubscription
from .participants import same_person
from .text import clean_text

# Subscriptions of a consultation without an end date are deleted this long after
# the promised feedback date, published or not.
SUBSCRIPTION_GRACE = timedelta(days=90)


class ParticipationError(Exception):
    """A refusal the person can understand; `str(error)` is the message."""


class RateLimited(ParticipationError):
    pass


class InputClosed(ParticipationError):
    pass


def _rate_limited() -> RateLimited:
    return RateLimited(
        _(
            "You sent a lot in a short time. Wait a few minutes and try again. "
            "Your text is still here."
        )
    )


def contribute(
    consultation: ConsultationPage,
    *,
    text: str,
    nickname: str,
    question: ConsultationQuestion | None = None,
    user=None,
    participant_key: str = "",
    ip: str = "",
    now=None,
) -> Contribution:
    """Store an answer to `question` (or an idea when None) while input is open."""
    now = now or timezone.now()
    if not consultation.accepts_input(now):
        raise InputClosed(_("This consultation does not take input right now."))
    if question is not None and question.page_id != consultation.pk:
        raise ParticipationError(_("This question belongs to another consultation."))
    if not ratelimit.allow(ratelimit.CONTRIBUTE, key=participant_key, ip=ip):
        raise _rate_limited()
    user = user if user is not None and user.is_authenticated else None
    return Contribution.objects.create(
        consultation=consultation,
        question=question,
        nickname=clean_text(nickname, multiline=False),
        user=user,
        participant_key=participant_key,
        text=clean_text(text),
        created_at=now,
    )


def support(
    contribution: Contribution, *, user=None, participant_key: str = "", ip: str = ""
) -> bool:
    """One support per person (account or participant key). True when counted."""
    user = user if user is not None and user.is_authenticated else None
    if user is None and not participant_key:
        raise ParticipationError(_("We could not recognise you. Try again."))
    if contribution.is_hidden or not contribution.consultation.accepts_input():
        raise InputClosed(_("You cannot support this contribution any more."))
    if not ratelimit.allow(ratelimit.SUPPORT, key=participant_key, ip=ip):
        raise _rate_limited()
    own = Contribution.objects.filter(pk=contribution.pk).filter(
        same_person(user, participant_key)
    )
    if own.exists():
        raise ParticipationError(_("You cannot support your own contribution."))
    if contribution.supports.filter(same_person(user, participant_key)).exists():
        return False
    try:
        with transaction.atomic():
            Support.objects.create(
                contribution=contribution, user=user, participant_key=participant_key
            )
            Contribution.objects.filter(pk=contribution.pk).update(
                support_count=F("support_count") + 1
            )
    except IntegrityError:  # a double click that raced the check above
        return False
    return True


def report(
    contribution: Contribution,
    *,
    reason: str,
    note: str = "",
    user=None,
    participant_key: str = "",
    ip: str = "",
) -> bool:
    """Flag a contribution for the moderators; once per person. True when new."""
    user = user if user is not None and user.is_authenticated else None
    if not ratelimit.allow(ratelimit.REPORT, key=participant_key, ip=ip):
        raise _rate_limited()
    if contribution.reports.filter(same_person(user, participant_key)).exists():
        return False
    try:
        with transaction.atomic():
            ContributionReport.objects.create(
                contribution=contribution,
                reason=reason,
                note=clean_text(note, multiline=False),
                user=user,
                participant_key=participant_key,
            )
    except IntegrityError:
        return False
    return True


def hide(contribution: Contribution, *, by, reason: str) -> None:
    """Hide from the public with a reason; open reports count as handled."""
    reason = clean_text(reason, multiline=False)
    if not reason:
        raise ParticipationError(_("Give a reason for hiding."))
    now = timezone.now()
    with transaction.atomic():
        Contribution.objects.filter(pk=contribution.pk).update(
            hidden_at=now, hidden_reason=reason, hidden_by=by
        )
        _resolve_reports(contribution, by, now)
    contribution.refresh_from_db()


def restore(contribution: Contribution, *, by) -> None:
    """Show a hidden contribution again."""
    Contribution.objects.filter(pk=contribution.pk).update(
        hidden_at=None, hidden_reason="", hidden_by=None
    )
    _resolve_reports(contribution, by, timezone.now())
    contribution.refresh_from_db()


def dismiss_reports(contribution: Contribution, *, by) -> int:
    """The moderator read the reports and keeps the contribution visible."""
    return _resolve_reports(contribution, by, timezone.now())


def _resolve_reports(contribution, by, now) -> int:
    return contribution.reports.filter(resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=by
    )


def subscribe(
    consultation: ConsultationPage,
    email: str,
    *,
    consent: bool,
    participant_key: str = "",
    ip: str = "",
) -> FeedbackSubscription:
    """Remember an e-mail address to tell when the feedback is published."""
    if not consent:
        raise ParticipationError(_("We can only e-mail you if you agree."))
    if consultation.feedback_is_published:
        raise ParticipationError(_("The answer is already published on this page."))
    if not ratelimit.allow(ratelimit.SUBSCRIBE, key=participant_key, ip=ip):
        raise _rate_limited()
    subscription, _created = FeedbackSubscription.objects.update_or_create(
        consultation=consultation,
        email=email.strip().lower(),
        defaults={"consent_given_at": timezone.now()},
    )
    return subscription


def unsubscribe(token: str) -> bool:
    deleted, _ = FeedbackSubscription.objects.filter(token=token).delete()
    return bool(deleted)


FEEDBACK_SUBJECT = gettext_lazy("What we did with your input: %(title)s")
FEEDBACK_BODY = gettext_lazy(
    "The organisation published what it did with the input for the consultation "
    '"%(title)s". Read it here: %(url)s'
)


def publish_feedback(consultation: ConsultationPage, *, by, base_url: str = "") -> int:
    """Publish "you said, we did" and tell the people who asked to hear about it.

    E-mail subscriptions are deleted once their message is on its way; signed-in
    contributors get the "consultation_feedback" notification. Returns how many
    people were told."""
    if consultation.feedback_is_published:
        raise ParticipationError(_("The feedback is already published."))
    if not consultation.feedback_items.exists():
        raise ParticipationError(_("Write at least one item before publishing."))
    if consultation.feedback_items.filter(what_we_did="").exists():
        raise ParticipationError(_('Write "we did" for every item before publishing.'))
    now = timezone.now()
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        feedback_published_at=now
    )
    consultation.feedback_published_at = now
    url = base_url + (consultation.url or "")
    params = {"title": consultation.title, "url": url}
    told = 0
    for subscription in FeedbackSubscription.objects.filter(consultation=consultation):
        unsubscribe_url = base_url + reverse(
            "participation:unsubscribe", args=[subscription.token]
        )
        body = str(FEEDBACK_BODY) % params
        body += "\n\n" + _(
            "You get this e-mail once, because you asked for it. We have now "
            "deleted your e-mail address. Did you not ask for this? Then you can "
            "ignore this e-mail."
        )
        send_email.enqueue(
            subject=str(FEEDBACK_SUBJECT) % params,
            body=body,
            to=[subscription.email],
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
        )
        subscription.delete()
        told += 1
    contributors = (
        get_user_model()
        .objects.filter(contributions__consultation=consultation, is_active=True)
        .distinct()
    )
    for person in contributors:
        notify(
            person,
            "consultation_feedback",
            subject=FEEDBACK_SUBJECT % params,
            body=FEEDBACK_BODY % params,
            url=url,
        )
        told += 1
    return told


def subscriptions_to_purge(today: date):
    """Subscriptions whose consultation has ended (or is long past its promised
    feedback date): the address is not needed any more."""
    return FeedbackSubscription.objects.filter(
        Q(consultation__ends_on__lte=today)
        | Q(
            consultation__ends_on__isnull=True,
            consultation__feedback_due_on__lte=today - SUBSCRIPTION_GRACE,
        )
    )


def purge_subscriptions(today: date | None = None) -> int:
    deleted, _ = subscriptions_to_purge(today or timezone.localdate()).delete()
    return deleted

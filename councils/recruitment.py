"""Recruitment: young people apply to a council's vacancy without an account; the
chair, secretary or coach invites them for a talk, accepts or declines. Accepting
makes (or finds) the account and the membership; under 16 the parent's consent
(inspraak.accounts.consent) comes first. Applications are deleted a set period
after the decision."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str

from inspraak.accounts.consent import (
    needs_parental_consent,
    send_request,
    start_consent,
)
from inspraak.core.dates import age_on
from inspraak.core.tasks import send_email
from inspraak.notifications.services import absolute_url

from .models.councils import CouncilMember
from .models.recruitment import Application, Vacancy
from .terms import term_end

# Applications are deleted this many days after the decision (AVG art. 5(1)(e)):
# long enough for questions about the decision, no longer.
APPLICATION_KEPT_DAYS = 90
# An application nobody decided on is not kept forever either.
UNDECIDED_KEPT_DAYS = 365

Status = Application.Status


class RecruitmentError(Exception):
    """A step the application's status does not allow (decided already)."""


# The steps a reviewer takes: the statuses each may follow and the status it sets.
STEPS = {
    "invite": ({Status.NEW, Status.INVITED}, Status.INVITED),
    "accept": ({Status.NEW, Status.INVITED}, Status.ACCEPTED),
    "decline": ({Status.NEW, Status.INVITED}, Status.DECLINED),
}


def possible_steps(application: Application) -> list[str]:
    return [step for step, (after, _s) in STEPS.items() if application.status in after]


def _claim(application: Application, step: str, **fields) -> None:
    """Move the application to the step's status, unless another reviewer moved it
    first (then RecruitmentError)."""
    after, status = STEPS[step]
    moved = Application.objects.filter(pk=application.pk, status__in=after).update(
        status=status, **fields
    )
    if not moved:
        raise RecruitmentError(step)
    application.status = status
    for name, value in fields.items():
        setattr(application, name, value)


# Applying ----------------------------------------------------------------------


def age_range_error(vacancy: Vacancy, born_on: date, today: date) -> str | None:
    """Why someone born on `born_on` is outside the vacancy's age range today."""
    age = age_on(born_on, today)
    values = {"age": age, "min": vacancy.min_age, "max": vacancy.max_age}
    if vacancy.min_age is not None and age < vacancy.min_age:
        return (
            _(
                "You are %(age)d. This council looks for people from %(min)d to "
                "%(max)d years old."
            )
            if vacancy.max_age is not None
            else _(
                "You are %(age)d. This council looks for people of %(min)d or older."
            )
        ) % values
    if vacancy.max_age is not None and age > vacancy.max_age:
        return (
            _(
                "You are %(age)d. This council looks for people from %(min)d to "
                "%(max)d years old."
            )
            if vacancy.min_age is not None
            else _("You are %(age)d. This council looks for people up to %(max)d.")
        ) % values
    return None


def needs_parent(born_on: date, today: date) -> bool:
    """Under 16 a parent or guardian consents before the membership counts."""
    return needs_parental_consent(born_on, today)


@dataclass
class ApplicationData:
    first_name: str
    last_name: str
    email: str
    date_of_birth: date
    parent_email: str
    motivation: str
    show_publicly: bool


def apply(vacancy: Vacancy, data: ApplicationData, language: str) -> Application:
    """Save an application and confirm it to the applicant, in their language."""
    application = Application.objects.create(
        vacancy=vacancy,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip().lower(),
        date_of_birth=data.date_of_birth,
        parent_email=data.parent_email.strip().lower(),
        motivation=data.motivation.strip(),
        show_publicly=data.show_publicly,
        language=_known_language(language),
    )
    _mail(
        application,
        "received",
        under_16=needs_parent(application.date_of_birth, timezone.localdate()),
    )
    return application


def _known_language(language: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


# Reviewing ---------------------------------------------------------------------


def invite(application: Application, by, *, talk_at: datetime, message: str) -> None:
    """Invite the applicant for a talk (again, with a new time, if need be)."""
    _claim(application, "invite", talk_at=talk_at, message=message.strip())
    with translation.override(application.language):
        when = formats.date_format(timezone.localtime(talk_at), "DATETIME_FORMAT")
    _mail(application, "invited", when=when, message=message.strip())


def default_decline_message(application: Application) -> str:
    """A kind default the reviewer may change, in the applicant's language."""
    with translation.override(application.language):
        return _(
            "Thank you for applying to %(council)s and for your time. We have "
            "chosen someone else this time. That is not about you as a person: we "
            "had more good applications than places. You are welcome to apply "
            "again next time."
        ) % {"council": application.vacancy.council.title}


def decline(application: Application, by, *, message: str) -> None:
    """Decline with a kind message, e-mailed to the applicant."""
    _claim(
        application,
        "decline",
        message=message.strip(),
        decided_at=timezone.now(),
        decided_by=by,
    )
    _mail(application, "declined", message=message.strip())


@dataclass
class Acceptance:
    member: CouncilMember
    new_account: bool
    waits_for_parent: bool


def accept(application: Application, by, today: date | None = None) -> Acceptance:
    """Make the applicant a member: find or make the account by e-mail, add the
    membership for the vacancy's term and, under 16, ask the parent's consent
    (the membership counts once the parent consents)."""
    today = today or timezone.localdate()
    vacancy = application.vacancy
    with transaction.atomic():
        _claim(application, "accept", decided_at=timezone.now(), decided_by=by)
        user, new_account = _account_for(application)
        # Someone who is a member already keeps their membership (and its term).
        member = (
            CouncilMember.objects.filter(council=vacancy.council, user=user)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .first()
        ) or CouncilMember.objects.create(
            council=vacancy.council,
            user=user,
            role=CouncilMember.Role.MEMBER,
            starts_on=today,
            ends_on=term_end(today, vacancy.term_months),
            show_publicly=application.show_publicly,
        )
        application.user, application.member = user, member
        application.save(update_fields=["user", "member"])
        waits = _ask_parent(application, user, today)
    _mail(
        application,
        "accepted",
        member=member,
        waits_for_parent=waits,
        password_url=_set_password_url(user, application.language)
        if not user.has_usable_password()
        else "",
        password_days=settings.PASSWORD_RESET_TIMEOUT // 86400,
    )
    return Acceptance(member, new_account, waits)


def _account_for(application: Application):
    """The account with the applicant's address, or a new one without a password
    (the applicant sets one through the link in the e-mail)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=application.email).first()
    if user is None:
        user = User.objects.create_user(
            email=application.email,
            password=None,  # unusable until they set one
            display_name=application.first_name[:80],
            preferred_language=application.language,
            date_of_birth=application.date_of_birth,
        )
        # Not verified: they confirm the address when they first sign in.
        EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=False
        )
        return user, True
    if user.date_of_birth is None:
        user.date_of_birth = application.date_of_birth
        user.save(update_fields=["date_of_birth"])
    return user, False


def _ask_parent(application: Application, user, today: date) -> bool:
    """Under 16 without a parent's consent: ask the parent from the application.
    Returns whether the membership waits for it."""
    born_on = user.date_of_birth or application.date_of_birth
    if not needs_parental_consent(born_on, today):
        return False
    consent = getattr(user, "parental_consent", None)
    if consent is not None and not consent.restricts:
        return False  # given before (or no longer needed)
    parent_email = application.parent_email or (consent and consent.parent_email)
    if not parent_email:
        return True  # the form requires it; an old row may lack it
    consent = start_consent(user, parent_email)
    send_request(consent)
    return True


def _set_password_url(user, language: str) -> str:
    """allauth's password-reset link, which lets a new account choose a password."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    with translation.override(language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
        )
    return absolute_url(path)


# Mail to the applicant -----------------------------------------------------------


def _mail(application: Application, template: str, **extra) -> None:
    """An e-mail to the applicant's own address (they have no account yet), in the
    language they applied in."""
    vacancy = application.vacancy
    context = {
        "application": application,
        "vacancy": vacancy,
        "council": vacancy.council,
        "kept_days": APPLICATION_KEPT_DAYS,
        **extra,
    }
    with translation.override(application.language):
        context["vacancy_url"] = absolute_url(
            reverse("councils:vacancy", kwargs={"vacancy_id": vacancy.pk})
        )
        if "member" in extra and extra["member"].ends_on:
            context["ends_on"] = formats.date_format(extra["member"].ends_on)
        subject = render_to_string(
            f"councils/email/application_{template}_subject.txt", context
        )
        body = render_to_string(f"councils/email/application_{template}.txt", context)
    send_email.enqueue(
        subject=" ".join(subject.split())[:200], body=body, to=[application.email]
    )


# Retention -----------------------------------------------------------------------


def delete_decided_applications(today: date | None = None) -> int:
    """Delete applications decided more than APPLICATION_KEPT_DAYS days ago, and
    those nobody decided on within UNDECIDED_KEPT_DAYS of being sent. The
    membership of an accepted applicant stays. Returns the number deleted."""
    today = today or timezone.localdate()

    def days_ago(days):
        return timezone.make_aware(
            datetime.combine(today - timedelta(days=days), time.min)
        )

    deleted, _rows = Application.objects.filter(
        Q(decided_at__lt=days_ago(APPLICATION_KEPT_DAYS))
        | Q(decided_at__isnull=True, submitted_at__lt=days_ago(UNDECIDED_KEPT_DAYS))
    ).delete()
    return deleted

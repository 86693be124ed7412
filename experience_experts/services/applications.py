"""Applying for an assignment, withdrawing, and inviting a findable expert."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inspraak.notifications.services import absolute_url, notify

from ..exceptions import Refused
from ..kinds import ASSIGNMENT_INVITATION
from ..models import Application, Assignment, ExpertProfile, Invitation


def apply(user, assignment: Assignment, motivation: str) -> Application:
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        raise Refused(_("Make your expert profile first."))
    if not Assignment.objects.open().filter(pk=assignment.pk).exists():
        raise Refused(_("You can no longer apply for this assignment."))
    if not motivation.strip():
        raise Refused(_("Write in a few sentences why you want to do this."))
    try:
        with transaction.atomic():
            return Application.objects.create(
                assignment=assignment, expert=user, motivation=motivation.strip()
            )
    except IntegrityError:
        raise Refused(_("You already applied for this assignment.")) from None


def withdraw(application: Application) -> None:
    if application.status != Application.Status.SUBMITTED:
        raise Refused(_("This application can no longer be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])


def invite(by, assignment: Assignment, profile: ExpertProfile, message: str = ""):
    """Invite a findable expert to apply; they get an e-mail."""
    if assignment.state != Assignment.State.OPEN:
        raise Refused(_("Only an open assignment can be shared with experts."))
    if not (profile.findable and profile.is_active):
        raise Refused(_("This expert does not want to be invited."))
    invitation, created = Invitation.objects.get_or_create(
        assignment=assignment,
        expert=profile.user,
        defaults={"invited_by": by, "message": message.strip()},
    )
    if not created:
        raise Refused(_("You already invited this expert."))
    user = profile.user
    with translation.override(user.preferred_language):
        notify(
            user,
            ASSIGNMENT_INVITATION.key,
            subject=_("Invitation: %(title)s") % {"title": assignment.title},
            body=_(
                "%(organisation)s invites you to apply for the paid assignment "
                "“%(title)s”. Apply before %(deadline)s.\n\n%(message)s"
            )
            % {
                "organisation": assignment.organisation.name,
                "title": assignment.title,
                "deadline": date_format(assignment.application_deadline),
                "message": invitation.message,
            },
            url=absolute_url(
                reverse("experience_experts:assignment", args=[assignment.pk])
            ),
        )
    return invitation

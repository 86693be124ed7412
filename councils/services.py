"""Workflows of the councils app that touch several models: answering advice, the
council's follow-up and requests for advice. Views call these and stay thin."""

from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.models import Collection

from inspraak.core.tasks import send_email
from inspraak.notifications.services import absolute_url, deliverable_address, notify
from inspraak.organisations.models import Organisation

from .models import (
    AdviceAnswer,
    AdviceDispatch,
    AdvicePage,
    AdviceRequest,
    AnswerPoint,
    CouncilPage,
    FollowUp,
)

Document = get_document_model()


# Answers, follow-up and requests for advice ---------------------------------


class AdviceStateError(Exception):
    """The advice, answer or request is not in a state that allows this step."""


# Wmcz 2018 art. 7 (client councils) and good practice for every council: a decision
# that deviates from the advice is written, with reasons.
def reasons_required(verdict: str) -> bool:
    """Reasons are required for any verdict other than fully adopted."""
    return verdict != AdviceAnswer.Verdict.ADOPTED


ANSWER_COLLECTION_NAME = "Antwoorden op adviezen"


def _answer_collection() -> Collection:
    """The collection answer letters are stored in, made on first use."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=ANSWER_COLLECTION_NAME).first()
    return existing or root.add_child(name=ANSWER_COLLECTION_NAME)


def _store_answer_document(advice: AdvicePage, upload, user) -> Document:
    document = Document(
        title=str(_("Answer to: %(title)s") % {"title": advice.title})[:255],
        file=upload,
        collection=_answer_collection(),
        uploaded_by_user=user,
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _council_users(council: CouncilPage) -> list:
    """Each current member once, even with two roles."""
    users = {}
    for member in council.current_members():
        users.setdefault(member.user_id, member.user)
    return list(users.values())


def record_answer(
    advice: AdvicePage,
    user,
    *,
    verdict: str,
    summary: str,
    reasons: str = "",
    points: Iterable[dict] = (),
    document_file=None,
) -> AdviceAnswer:
    """Store the addressee's answer with its points (and letter) in one go, dated
    today, and tell the council's members. The answer is late when today is after
    the dispatch's due date."""
    if not AdviceDispatch.objects.filter(advice=advice).exists():
        raise AdviceStateError("The advice has not been sent yet.")
    if reasons_required(verdict) and not reasons.strip():
        raise AdviceStateError("Reasons are required when not fully adopted.")
    points = list(points)
    for point in points:
        if reasons_required(point["verdict"]) and not point.get("reasons", "").strip():
            raise AdviceStateError("Reasons are required per point not adopted.")
    try:
        with transaction.atomic():
            document = (
                _store_answer_document(advice, document_file, user)
                if document_file
                else None
            )
            answer = AdviceAnswer.objects.create(
                advice=advice,
                verdict=verdict,
                summary=summary,
                reasons=reasons,
                document=document,
                answered_on=timezone.localdate(),
                answered_by=user,
            )
            AnswerPoint.objects.bulk_create(
                AnswerPoint(
                    answer=answer,
                    point=point["point"],
                    verdict=point["verdict"],
                    reasons=point.get("reasons", ""),
                )
                for point in points
            )
    except IntegrityError as error:
        # Someone else answered in the meantime (the OneToOne on advice).
        raise AdviceStateError("The advice has already been answered.") from error

    organisation = advice.addressee.name
    for member in _council_users(advice.council):
        with translation.override(member.preferred_language):
            notify(
                member,
                "advice_answered",
                subject=_("%(organisation)s answered your council's advice")
                % {"organisation": organisation},
                body=_(
                    "%(organisation)s answered the advice “%(title)s”: %(verdict)s. "
                    "Read the answer and the reasons on the advice page."
                )
                % {
                    "organisation": organisation,
                    "title": advice.title,
                    "verdict": answer.get_verdict_display(),
                },
                url=advice.get_url() or "",
            )
    return answer


def record_follow_up(advice: AdvicePage, user, *, text: str) -> FollowUp:
    """The council's one reaction to the answer."""
    if not AdviceAnswer.objects.filter(advice=advice).exists():
        raise AdviceStateError("The advice has not been answered yet.")
    try:
        with transaction.atomic():
            return FollowUp.objects.create(
                advice=advice,
                text=text,
                written_on=timezone.localdate(),
                written_by=user,
            )
    except IntegrityError as error:
        raise AdviceStateError("The council already reacted.") from error


def _email(user, subject: str, body: str, path: str) -> None:
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
    for member in _council_users(council):
        with translation.override(member.preferred_language):
            _email(
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
                    "date": date_format(desired_on, "j F Y"),
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
            _email(
                asker,
                subject,
                body,
                reverse("councils:request", args=[advice_request.pk]),
            )
    return advice_request

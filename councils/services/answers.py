"""The addressee's answer to advice (per point, with reasons where it deviates,
and an optional letter) and the council's one reaction to it."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.models import Collection

from inspraak.notifications.services import notify

from ..models.advice import AdviceDispatch, AdvicePage
from ..models.answers import AdviceAnswer, AnswerPoint, FollowUp
from ..promises import tell_followers_of_answer
from ..rules import reasons_required
from .errors import AdviceStateError
from .mail import council_users

Document = get_document_model()

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
    document.save()
    # Wagtail's public getters fill in and store the size and the hash (its upload
    # views do the same through a private method).
    document.get_file_size()
    document.get_file_hash()
    return document


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
    for member in council_users(advice.council):
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
    # People who follow the advice (not in the council) hear of it too.
    tell_followers_of_answer(advice, answer, user)
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

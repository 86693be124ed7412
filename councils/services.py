"""Workflows of the councils app that touch several models: adopting and sending
advice with its answer clock and reminders, answering advice, the council's
follow-up and requests for advice. Views call these and stay thin."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from inspraak.core.tasks import send_email
from inspraak.notifications.services import absolute_url, deliverable_address, notify
from inspraak.organisations.models import Membership, Organisation

from .models import (
    AdviceAnswer,
    AdviceDispatch,
    AdvicePage,
    AdviceRequest,
    AnswerPoint,
    CouncilMember,
    CouncilPage,
    FollowUp,
    answer_due_on,
)
from .permissions import ANSWERING_ROLES

Document = get_document_model()

# The first reminder goes out this many days before the due date.
REMINDER_DAYS_BEFORE = 7
# A reminder missed (the daily job did not run) is still sent within this many days.
REMINDER_CATCH_UP_DAYS = 7


# Adoption, sending and reminders ----------------------------------------


# Adoption -------------------------------------------------------------------


def record_adoption(
    advice: AdvicePage, on: date, revision: Revision | None = None
) -> bool:
    """Record that the council adopted `advice` on `on`, in the revision that is
    (or was just) published and on the page itself, so the next publication keeps
    it. A date already recorded stays: correcting adopted advice is no new
    adoption. Returns whether a date was written."""
    revision = revision or advice.get_latest_revision()
    if revision is not None and revision.content.get("adopted_on"):
        return False
    if revision is not None:
        revision.content["adopted_on"] = on.isoformat()
        revision.save(update_fields=["content"])
    AdvicePage.objects.filter(pk=advice.pk, adopted_on__isnull=True).update(
        adopted_on=on
    )
    advice.adopted_on = advice.adopted_on or on
    return True


def advice_published(advice: AdvicePage, revision: Revision | None = None) -> None:
    """Publishing is adopting and sending. Advice published without the workflow
    (by the chair, secretary or a superuser directly) counts as adopted that day."""
    today = timezone.localdate()
    if advice.adopted_on is None:
        record_adoption(advice, today, revision)
    send_advice(advice, today)


# Sending --------------------------------------------------------------------


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


def _formatted(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _advice_url(advice: AdvicePage) -> str:
    return absolute_url(advice.url or "")


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
            _("Read the full advice: %(url)s") % {"url": _advice_url(advice)},
            "",
            _(
                "Please answer by %(due)s at the latest. Your answer is shown to "
                "everyone in the advice tracker."
            )
            % {"due": _formatted(dispatch.answer_due_on)},
        ]
    return subject, "\n".join(lines) + "\n"


# Reminders ------------------------------------------------------------------


class Reminder:
    BEFORE = "before"
    DUE = "due"


def reminder_due(dispatch: AdviceDispatch, today: date) -> str | None:
    """Which reminder `dispatch` needs today, if any: one in the week before the
    due date, one on the due date (a day the job missed is caught up within a
    week). Each goes out once."""
    due = dispatch.answer_due_on
    if dispatch.reminder_due_sent_on is None and due <= today < due + timedelta(
        days=REMINDER_CATCH_UP_DAYS
    ):
        return Reminder.DUE
    if (
        dispatch.reminder_before_sent_on is None
        and due - timedelta(days=REMINDER_DAYS_BEFORE) <= today < due
        and today > dispatch.sent_on
    ):
        return Reminder.BEFORE
    return None


def send_reminders(today: date | None = None) -> int:
    """Remind the answering staff of every unanswered advice whose due date is near
    or here. Safe to run more than once a day. Returns the number of reminders."""
    today = today or timezone.localdate()
    window_start = today - timedelta(days=REMINDER_CATCH_UP_DAYS - 1)
    window_end = today + timedelta(days=REMINDER_DAYS_BEFORE)
    dispatches = AdviceDispatch.objects.filter(
        advice__answer__isnull=True,
        advice__live=True,
        answer_due_on__gte=window_start,
        answer_due_on__lte=window_end,
    ).select_related("advice", "advice__addressee")
    sent = 0
    for dispatch in dispatches:
        kind = reminder_due(dispatch, today)
        if kind is None:
            continue
        field = (
            "reminder_due_sent_on"
            if kind == Reminder.DUE
            else "reminder_before_sent_on"
        )
        # Claim the reminder first: of two runs at once, only one sends it.
        claimed = AdviceDispatch.objects.filter(
            pk=dispatch.pk, **{f"{field}__isnull": True}
        ).update(**{field: today})
        if not claimed:
            continue
        sent += _remind(dispatch, kind)
    return sent


def _remind(dispatch: AdviceDispatch, kind: str) -> int:
    advice = dispatch.advice
    council = advice.council
    url = _advice_url(advice)
    count = 0
    for user in answering_staff(advice.addressee_id):
        with translation.override(user.preferred_language):
            values = {
                "title": advice.title,
                "due": _formatted(dispatch.answer_due_on),
                "sent": _formatted(dispatch.sent_on),
                "council": council.title,
                "organisation": advice.addressee.name,
            }
            if kind == Reminder.DUE:
                subject = _("Answer needed now: advice “%(title)s”") % values
            else:
                subject = (
                    _("Reminder: answer the advice “%(title)s” by %(due)s") % values
                )
            body = "\n\n".join(
                [
                    _(
                        "%(council)s sent advice to %(organisation)s on %(sent)s: "
                        "“%(title)s”."
                    )
                    % values,
                    _("The answer is due by %(due)s at the latest.") % values,
                ]
            )
        notify(user, "staff_deadline_reminder", subject=subject, body=body, url=url)
        count += 1
    return count


# Setting up -----------------------------------------------------------------


def ensure_adoption_workflow(council_index_page: Page) -> Workflow:
    """Make sure advice under `council_index_page` goes through the workflow
    "Adoption by the council" (one CouncilAdoptionTask). Safe to call again: it
    finds the task and workflow by their type, not by their (translated) name."""
    from .workflow import CouncilAdoptionTask

    with translation.override(settings.LANGUAGE_CODE):
        task_name = _("Adoption by the chair or secretary")
        workflow_name = _("Adoption by the council")
    with transaction.atomic():
        task = CouncilAdoptionTask.objects.order_by("pk").first()
        if task is None:
            task = CouncilAdoptionTask.objects.create(name=task_name)
        workflow = (
            Workflow.objects.filter(workflow_tasks__task=task).order_by("pk").first()
        )
        if workflow is None:
            workflow = Workflow.objects.create(name=workflow_name)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(
            page=council_index_page, defaults={"workflow": workflow}
        )
    return workflow


# Answers, follow-up and requests for advice ---------------------------------


class AdviceStateError(Exception):
    """The advice, answer or request is not in a state that allows this step."""


# Wmcz 2018 art. 7 (client councils) and good practice for every council: a decision
# that deviates from the advice is written, with reasons.
def reasons_required(verdict: str) -> bool:
    """Reasons are required for any verdict other than fully adopted."""
    return verdict != AdviceAnswer.Verdict.ADOPTED


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


def tell_adopters(advice, *, submitted_by=None) -> int:
    """E-mail the council's current chair and secretary that advice waits for their
    adoption. Returns the number of e-mails."""
    advice = advice.specific
    council = advice.get_parent().specific
    adopters = (
        CouncilMember.objects.current()
        .filter(council=council, role__in=CouncilMember.ADOPTING_ROLES)
        .select_related("user")
    )
    sent = 0
    for member in adopters:
        if submitted_by is not None and member.user_id == submitted_by.pk:
            continue
        with translation.override(member.user.preferred_language):
            _email(
                member.user,
                _("Advice to adopt: %(title)s") % {"title": advice.title},
                _(
                    "%(member)s asks the council to adopt this advice. As chair or "
                    "secretary you can adopt it, or ask for changes, in the editor."
                )
                % {"member": submitted_by or _("A member")},
                reverse("wagtailadmin_pages:edit", args=[advice.pk]),
            )
        sent += 1
    return sent


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
            _email(
                asker,
                subject,
                body,
                reverse("councils:request", args=[advice_request.pk]),
            )
    return advice_request

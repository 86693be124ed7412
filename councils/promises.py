"""Follow-up of promises: after an answer that adopts advice (fully or partly) the
council's chair or secretary records what was promised and by when; the addressee
reports progress; followers of the advice hear of the answer and of each report.

The status of a promise is one rule (Promise.status) with its database twin
(`promise_status_q`), so lists count and filter without a query per row;
`promise_counts` is the one summary the tracker and the yearly account share."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from inspraak.core.dates import anniversary
from inspraak.notifications.services import notify

from .models.advice import AdvicePage
from .models.answers import AdviceAnswer
from .models.promises import AdviceFollower, Promise, PromiseProgress, PromiseStatus
from .permissions import can_adopt, can_answer
from .rules import Verdict
from .services.errors import AdviceStateError
from .services.mail import council_users

# The verdicts after which the council follows promises up.
ADOPTING_VERDICTS = (Verdict.ADOPTED, Verdict.PARTLY)
# A promise further ahead than this is no promise one can follow up.
PROMISE_HORIZON_YEARS = 5
FOLLOWED_KIND = "advice_followed"


class PromiseStateError(AdviceStateError):
    """No adopting answer yet, or the promise is already settled."""


# Rules ---------------------------------------------------------------------------


def adopting_answer(advice: AdvicePage) -> AdviceAnswer | None:
    """The answer when it adopts the advice fully or partly, else None."""
    return AdviceAnswer.objects.filter(
        advice=advice, verdict__in=ADOPTING_VERDICTS
    ).first()


def visible_by_bounds(answered_on: date, today: date) -> tuple[date, date]:
    """A promise is visible no earlier than the answer that made it, and at most
    PROMISE_HORIZON_YEARS ahead."""
    return answered_on, anniversary(today, PROMISE_HORIZON_YEARS)


def promise_status_q(status: PromiseStatus, today: date, prefix: str = "") -> Q:
    """Promise.status as a condition the database checks (`prefix` for a relation,
    e.g. "promises__"). The conditions exclude each other."""
    state, visible_by = f"{prefix}state", f"{prefix}visible_by"
    open_ = Q(**{state: Promise.State.OPEN})
    return {
        PromiseStatus.KEPT: Q(**{state: Promise.State.KEPT}),
        PromiseStatus.NOT_KEPT: Q(**{state: Promise.State.NOT_KEPT}),
        PromiseStatus.LATE: open_ & Q(**{f"{visible_by}__lt": today}),
        PromiseStatus.ON_TRACK: open_ & Q(**{f"{visible_by}__gte": today}),
    }[PromiseStatus(status)]


def kept_late_q(prefix: str = "") -> Q:
    """Promise.kept_late in the database: done after its date."""
    return Q(
        **{
            f"{prefix}state": Promise.State.KEPT,
            f"{prefix}settled_on__gt": F(f"{prefix}visible_by"),
        }
    )


def with_late_promise(advice_queryset, today: date):
    """Only advice with at least one open promise past its date."""
    late = Promise.objects.filter(advice=OuterRef("pk")).filter(
        promise_status_q(PromiseStatus.LATE, today)
    )
    return advice_queryset.filter(Exists(late))


# Counting --------------------------------------------------------------------------


@dataclass(frozen=True)
class PromiseCounts:
    """How many promises have each status; `kept_late` is part of `kept`."""

    total: int = 0
    kept: int = 0
    kept_late: int = 0
    late: int = 0
    not_kept: int = 0
    on_track: int = 0

    @property
    def open(self) -> int:
        """Not settled yet: on track or late."""
        return self.on_track + self.late

    @property
    def summary(self) -> str:
        """E.g. "2 promises: 1 kept, 1 late"; empty without promises."""
        if not self.total:
            return ""
        parts = [
            (self.kept - self.kept_late, _("%(count)d kept")),
            (self.kept_late, _("%(count)d kept late")),
            (self.late, _("%(count)d late")),
            (self.not_kept, _("%(count)d not kept")),
            (self.on_track, _("%(count)d in progress")),
        ]
        details = ", ".join(text % {"count": n} for n, text in parts if n)
        lead = ngettext("%(count)d promise", "%(count)d promises", self.total) % {
            "count": self.total
        }
        return f"{lead}: {details}"


def _count_expressions(today: date) -> dict:
    return {
        "total": Count("pk"),
        "kept": Count("pk", filter=promise_status_q(PromiseStatus.KEPT, today)),
        "kept_late": Count("pk", filter=kept_late_q()),
        "late": Count("pk", filter=promise_status_q(PromiseStatus.LATE, today)),
        "not_kept": Count("pk", filter=promise_status_q(PromiseStatus.NOT_KEPT, today)),
        "on_track": Count("pk", filter=promise_status_q(PromiseStatus.ON_TRACK, today)),
    }


def promise_counts(advice_queryset, today: date | None = None) -> PromiseCounts:
    """The promises on all advice of `advice_queryset`, per status, in one query
    (for the yearly account and any total)."""
    today = today or timezone.localdate()
    advice_ids = advice_queryset.order_by().values("pk")
    counts = Promise.objects.filter(advice__in=advice_ids).aggregate(
        **_count_expressions(today)
    )
    return PromiseCounts(**counts)


def promise_counts_by_advice(
    advice_ids, today: date | None = None
) -> dict[int, PromiseCounts]:
    """{advice id: PromiseCounts} for the given advice, in one grouped query;
    advice without promises are left out."""
    today = today or timezone.localdate()
    rows = (
        Promise.objects.filter(advice_id__in=list(advice_ids))
        .order_by()
        .values("advice_id")
        .annotate(**_count_expressions(today))
    )
    return {row.pop("advice_id"): PromiseCounts(**row) for row in rows}


def attach_promise_counts(advice_list, today: date | None = None) -> list:
    """Set `.promise_counts` on each advice of a page of rows (one query)."""
    rows = list(advice_list)
    counts = promise_counts_by_advice([row.pk for row in rows], today) if rows else {}
    for row in rows:
        row.promise_counts = counts.get(row.pk, PromiseCounts())
    return rows


# What the advice page shows ------------------------------------------------------

# The badge classes of status_badge.html that fit each status.
BADGES = {
    PromiseStatus.ON_TRACK: "awaiting",
    PromiseStatus.KEPT: "answered",
    PromiseStatus.LATE: "overdue",
    PromiseStatus.NOT_KEPT: "overdue",
}
KEPT_LATE_LABEL = gettext_lazy("Promise kept late")


def label_promise(promise: Promise, today: date | None = None) -> Promise:
    """Set `.badge` and `.status_label` (kept late is told apart from kept)."""
    status = promise.status(today or timezone.localdate())
    if status == PromiseStatus.KEPT and promise.kept_late:
        promise.badge, promise.status_label = "answered_late", KEPT_LATE_LABEL
    else:
        promise.badge, promise.status_label = BADGES[status], status.label
    return promise


def advice_promises(advice: AdvicePage, today: date | None = None) -> list[Promise]:
    """The advice's promises, labelled, each with `.reports` (its progress, newest
    last): two queries, however many there are."""
    today = today or timezone.localdate()
    promises = list(Promise.objects.filter(advice=advice))
    reports = {}
    for report in PromiseProgress.objects.filter(promise__advice=advice):
        reports.setdefault(report.promise_id, []).append(report)
    for promise in promises:
        promise.reports = reports.get(promise.pk, [])
        label_promise(promise, today)
    return promises


def promise_context(advice: AdvicePage, user, answer: AdviceAnswer | None) -> dict:
    """The promises section of the advice page: the promises, whether the visitor
    follows the advice, and which links they may use."""
    if not advice.pk:  # a preview of advice never saved
        return {"promises": [], "following": False}
    adopts = bool(answer and answer.verdict in ADOPTING_VERDICTS)
    signed_in = user.is_authenticated
    return {
        "promises": advice_promises(advice),
        "following": is_following(advice, user),
        "may_record_promises": adopts and signed_in and can_adopt(user, advice.council),
        "may_report_progress": adopts and can_answer(user, advice),
    }


# Flows ---------------------------------------------------------------------------


def record_promise(advice: AdvicePage, user, *, text: str, visible_by: date) -> Promise:
    """The chair or secretary records what the answer promised, by when."""
    if adopting_answer(advice) is None:
        raise PromiseStateError("No answer adopts this advice.")
    return Promise.objects.create(
        advice=advice,
        text=text,
        visible_by=visible_by,
        recorded_on=timezone.localdate(),
        recorded_by=user,
    )


def change_promise(promise: Promise, *, text: str, visible_by: date) -> Promise:
    """Correct the text or date of a promise that is still open."""
    with transaction.atomic():
        locked = Promise.objects.select_for_update().get(pk=promise.pk)
        if locked.state != Promise.State.OPEN:
            raise PromiseStateError("The promise is settled.")
        locked.text, locked.visible_by = text, visible_by
        locked.save(update_fields=["text", "visible_by"])
    return locked


def report_progress(
    promise: Promise, user, *, text: str, state: str
) -> PromiseProgress:
    """The addressee reports on an open promise; "done" or "will not happen" settle
    it today. Followers are told."""
    state = Promise.State(state)
    today = timezone.localdate()
    with transaction.atomic():
        locked = Promise.objects.select_for_update().get(pk=promise.pk)
        if locked.state != Promise.State.OPEN:
            raise PromiseStateError("The promise is settled.")
        progress = PromiseProgress.objects.create(
            promise=locked, text=text, state=state, reported_on=today, reported_by=user
        )
        if state != Promise.State.OPEN:
            locked.state, locked.settled_on = state, today
            locked.save(update_fields=["state", "settled_on"])
    tell_followers_of_progress(locked, progress, user)
    return progress


# Followers -----------------------------------------------------------------------


def is_following(advice: AdvicePage, user) -> bool:
    return bool(
        user.is_authenticated
        and AdviceFollower.objects.filter(advice=advice, user=user).exists()
    )


def toggle_follow(advice: AdvicePage, user) -> bool:
    """Follow the advice, or stop following it; True when `user` now follows."""
    deleted, _rows = AdviceFollower.objects.filter(advice=advice, user=user).delete()
    if deleted:
        return False
    AdviceFollower.objects.get_or_create(advice=advice, user=user)
    return True


def _explicit_followers(advice: AdvicePage) -> list:
    return list(
        get_user_model()
        ._default_manager.filter(
            is_active=True,
            pk__in=AdviceFollower.objects.filter(advice=advice).values("user_id"),
        )
        .order_by("pk")
    )


def followers(advice: AdvicePage, *, with_council: bool = True) -> list:
    """Who hears of the advice, each once: the people who follow it and (they follow
    their own advice without asking) the council's current members."""
    people = {}
    if with_council:
        for member in council_users(advice.council):
            people.setdefault(member.pk, member)
    for person in _explicit_followers(advice):
        people.setdefault(person.pk, person)
    return list(people.values())


def _tell(people, actor, subject, body, advice: AdvicePage) -> None:
    url = advice.get_url() or ""
    for person in people:
        if actor is not None and person.pk == actor.pk:
            continue
        with translation.override(person.preferred_language):
            notify(
                person,
                FOLLOWED_KIND,
                subject=subject(),
                body=body(),
                url=url,
            )


def tell_followers_of_answer(advice: AdvicePage, answer: AdviceAnswer, actor) -> None:
    """After the answer: the followers who are not in the council (its members are
    told by record_answer already), once each."""
    members = {member.pk for member in council_users(advice.council)}
    people = [p for p in followers(advice, with_council=False) if p.pk not in members]
    organisation = advice.addressee.name
    _tell(
        people,
        actor,
        lambda: _("Advice you follow was answered"),
        lambda: (
            _(
                "%(organisation)s answered the advice “%(title)s”: %(verdict)s. Read the "
                "answer on the advice page."
            )
            % {
                "organisation": organisation,
                "title": advice.title,
                "verdict": answer.get_verdict_display(),
            }
        ),
        advice,
    )


def tell_followers_of_progress(
    promise: Promise, progress: PromiseProgress, actor
) -> None:
    """After a progress report: every follower and council member, once each."""
    advice = promise.advice
    organisation = advice.addressee.name
    _tell(
        followers(advice),
        actor,
        lambda: _("News on a promise about advice you follow"),
        lambda: (
            _(
                "%(organisation)s reported on a promise about the advice “%(title)s”.\n\n"
                "Promise: %(promise)s\nNow: %(state)s\n\n%(text)s"
            )
            % {
                "organisation": organisation,
                "title": advice.title,
                "promise": promise.text,
                "state": Promise.State(progress.state).label,
                "text": progress.text,
            }
        ),
        advice,
    )

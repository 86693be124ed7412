"""The complaints' sections of the start page (inspraak.core.start): for a case
handler the cases due this week, for a person who filed cases their own. Each costs
a fixed number of queries; the page shows their items only after a second factor
(access.may_see_case_data, registered as the guard in apps.py)."""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.core.start import MAX_ITEMS, Item, Section
from inspraak.organisations.models import Role
from inspraak.organisations.permissions import organisation_ids_for

from .case_deadlines import DUE_SOON_DAYS
from .models import Case
from .models.cases import OPEN_STATUSES, open_first

# What a row of these lists reads; the long texts stay in the database.
ROW_FIELDS = ("reference", "kind", "status", "deadline")


def _locked_text() -> str:
    return _(
        "You work with case files. To see these cases here, first confirm that it "
        "is you with the code from your authenticator app."
    )


def _case_text(case: Case) -> str:
    return f"{case.reference} · {case.get_kind_display()}"


def cases_due(user, today: date) -> Section | None:
    """For a current complaint handler: the open cases of their organisations that
    are late or due within DUE_SOON_DAYS, nearest deadline first (the stored
    deadline, complaints.case_deadlines), and how many cases are open."""
    if not organisation_ids_for(user, Role.CASE_HANDLER):
        return None
    cases = Case.objects.for_handler(user)
    counts = cases.deadline_counts(today, DUE_SOON_DAYS)
    open_count = cases.filter(status__in=OPEN_STATUSES).count()
    due = counts["late"] + counts["due_soon"]
    rows = (
        cases.alias(open_rank=open_first())
        .filter(open_rank=0, deadline__lte=today + timedelta(days=DUE_SOON_DAYS))
        .order_by("deadline", "reference")
        .only(*ROW_FIELDS)[:MAX_ITEMS]
    )
    items = [
        Item(
            text=_case_text(case),
            url=reverse("complaints:handle", args=[case.reference]),
            when=case.deadline,
            when_label=_("decide by"),
            late=case.deadline < today,
            note=case.get_status_display(),
        )
        for case in rows
    ]
    open_text = ngettext(
        "You have %(count)d open case in all.",
        "You have %(count)d open cases in all.",
        open_count,
    ) % {"count": open_count}
    summary = ngettext(
        "%(count)d case is late or must be decided within 7 days.",
        "%(count)d cases are late or must be decided within 7 days.",
        due,
    ) % {"count": due}
    if counts["late"]:
        summary += " " + ngettext(
            "%(count)d of them is late.", "%(count)d of them are late.", counts["late"]
        ) % {"count": counts["late"]}
    return Section(
        title=_("Cases due this week"),
        total=due,
        items=items,
        summary=f"{summary} {open_text}",
        empty_text=_("No case is late or must be decided within 7 days.")
        + " "
        + open_text,
        see_all_url=reverse("complaints:queue") + "?state=open",
        see_all_label=_("All open cases in the queue, by deadline"),
        locked_text=_locked_text(),
    )


def own_cases(user, today: date) -> Section | None:
    """For a person who filed complaints or objections with their account: those
    cases with their status, open ones first. None for everyone else."""
    if not user.is_authenticated:
        return None
    cases = Case.objects.for_person(user)
    counts = cases.aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES))
    )
    if not counts["total"]:
        return None
    rows = cases.order_by(open_first(), "-received_on", "-pk").only(*ROW_FIELDS)[
        :MAX_ITEMS
    ]
    items = []
    for case in rows:
        still_open = case.status in OPEN_STATUSES and case.deadline is not None
        items.append(
            Item(
                text=_case_text(case),
                url=reverse("complaints:case", args=[case.reference]),
                when=case.deadline if still_open else None,
                when_label=_("decision expected by"),
                late=still_open and case.deadline < today,
                note=case.get_status_display(),
            )
        )
    summary = ngettext(
        "You filed %(count)d case.", "You filed %(count)d cases.", counts["total"]
    ) % {"count": counts["total"]}
    summary += " " + ngettext(
        "%(count)d is still open.", "%(count)d are still open.", counts["open"]
    ) % {"count": counts["open"]}
    return Section(
        title=_("Your complaints and objections"),
        total=counts["total"],
        items=items,
        summary=summary,
        empty_text="",
        locked_text=_locked_text(),
    )

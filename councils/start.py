"""The councils' sections of the start page (inspraak.core.start): advice waiting
for the chair's or secretary's adoption, advice waiting for the addressee's answer,
open requests for advice and the next meetings of one's councils. Each costs a
fixed number of queries, however many councils, advice or meetings there are."""

from datetime import date

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.core.start import MAX_ITEMS, Item, Section, moment
from inspraak.organisations.permissions import organisation_ids_for

from .dashboard import with_in_workflow
from .models.advice import AdviceStatus, status_q
from .models.councils import AdviceTrackerPage, CouncilMember, CouncilPage
from .models.meetings import Meeting
from .permissions import ANSWERING_ROLES
from .tracker import advice_pages, attach_councils, open_requests_in


def _member_council_ids(user, roles=None) -> list[int]:
    """The councils the person is a current member of (with one of `roles`)."""
    if not user.is_authenticated:
        return []
    members = CouncilMember.objects.current().filter(user=user)
    if roles is not None:
        members = members.filter(role__in=roles)
    return sorted(set(members.values_list("council_id", flat=True)))


def _dashboard() -> tuple[str, str]:
    return reverse("councils:dashboard"), _("Your council dashboard")


def advice_to_adopt(user, today: date) -> Section | None:
    """For a council's chair or secretary: the advice members submitted for
    adoption (in the workflow "Adoption by the council"), newest change first."""
    councils = list(
        CouncilPage.objects.filter(
            pk__in=_member_council_ids(user, CouncilMember.ADOPTING_ROLES)
        ).only("pk", "path", "depth", "title")
    )
    if not councils:
        return None
    in_councils = Q()
    for council in councils:
        in_councils |= Q(path__startswith=council.path, depth=council.depth + 1)
    advice = with_in_workflow(advice_pages().filter(in_councils)).filter(
        in_workflow=True
    )
    total = advice.count()
    rows = attach_councils(
        advice.order_by("-latest_revision_created_at", "-pk").only(
            "pk", "title", "path", "latest_revision_created_at"
        )[:MAX_ITEMS]
    )
    see_all_url, see_all_label = _dashboard()
    return Section(
        title=_("Advice to adopt"),
        total=total,
        items=[
            Item(
                text=row.title,
                url=reverse("wagtailadmin_pages:edit", args=[row.pk]),
                note=row.council_page.title if row.council_page else "",
            )
            for row in rows
        ],
        summary=ngettext(
            "%(count)d advice is waiting for you to adopt it, or to ask for changes.",
            "%(count)d pieces of advice are waiting for you to adopt them, or to ask "
            "for changes.",
            total,
        )
        % {"count": total},
        empty_text=_(
            "No advice is waiting for adoption. When a member submits advice, you "
            "get an e-mail and it appears here."
        ),
        see_all_url=see_all_url,
        see_all_label=see_all_label,
    )


def advice_to_answer(user, today: date) -> Section | None:
    """For the addressee's answering staff (councils.permissions.ANSWERING_ROLES):
    published advice without an answer, overdue first, by the answer deadline."""
    organisation_ids = organisation_ids_for(user, ANSWERING_ROLES)
    if not organisation_ids:
        return None
    waiting = status_q(AdviceStatus.AWAITING, today) | status_q(
        AdviceStatus.OVERDUE, today
    )
    advice = advice_pages().live().filter(addressee_id__in=organisation_ids)
    advice = advice.filter(waiting)
    counts = advice.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=status_q(AdviceStatus.OVERDUE, today)),
    )
    rows = attach_councils(
        advice.annotate(due=F("dispatch__answer_due_on"))
        .order_by("due", "pk")
        .only("pk", "title", "path")[:MAX_ITEMS]
    )
    summary = ngettext(
        "%(count)d advice is waiting for your organisation's answer.",
        "%(count)d pieces of advice are waiting for your organisation's answer.",
        counts["total"],
    ) % {"count": counts["total"]}
    if counts["overdue"]:
        summary += " " + ngettext(
            "The answer to %(count)d of them is late.",
            "The answers to %(count)d of them are late.",
            counts["overdue"],
        ) % {"count": counts["overdue"]}
    tracker = AdviceTrackerPage.objects.live().public().first()
    see_all_url = tracker.url if tracker else ""
    if see_all_url and len(organisation_ids) == 1:
        see_all_url += f"?organisation={next(iter(organisation_ids))}"
    return Section(
        title=_("Advice to answer"),
        total=counts["total"],
        items=[
            Item(
                text=row.title,
                url=reverse("councils:answer", args=[row.pk]),
                when=row.due,
                when_label=_("answer due"),
                late=row.due < today,
                note=row.council_page.title if row.council_page else "",
            )
            for row in rows
        ],
        summary=summary,
        empty_text=_(
            "No advice is waiting for your answer. When a council sends advice to "
            "your organisation, you get an e-mail and it appears here."
        ),
        see_all_url=see_all_url,
        see_all_label=_("All advice in the advice tracker") if see_all_url else "",
    )


def requests_for_advice(user, today: date) -> Section | None:
    """For council members: the requests for advice their councils have not
    answered with published advice yet, the soonest wanted first."""
    council_ids = _member_council_ids(user)
    if not council_ids:
        return None
    requests = open_requests_in(council_ids)
    total = requests.count()
    rows = requests.order_by("desired_on", "pk")[:MAX_ITEMS]
    see_all_url, see_all_label = _dashboard()
    return Section(
        title=_("Requests for advice"),
        total=total,
        items=[
            Item(
                text=Truncator(row.question).words(15),
                url=reverse("councils:request", args=[row.pk]),
                when=row.desired_on,
                when_label=_("wanted by"),
                late=row.desired_on < today,
                note=f"{row.organisation.name} · {row.get_status_display()}",
            )
            for row in rows
        ],
        summary=ngettext(
            "%(count)d request for advice is open.",
            "%(count)d requests for advice are open.",
            total,
        )
        % {"count": total},
        empty_text=_(
            "No organisation is waiting for advice from your council. Your council "
            "can also give advice that nobody asked for: write a draft."
        ),
        see_all_url=see_all_url,
        see_all_label=see_all_label,
    )


def next_meetings(user, today: date) -> Section | None:
    """For council members: their councils' meetings still to come, soonest
    first."""
    council_ids = _member_council_ids(user)
    if not council_ids:
        return None
    meetings = Meeting.objects.upcoming(moment(today)).filter(
        council_id__in=council_ids
    )
    total = meetings.count()
    rows = (
        meetings.annotate(council_title=F("council__title"))
        .only("pk", "title", "starts_at")
        .order_by("starts_at", "pk")[:MAX_ITEMS]
    )
    if len(council_ids) == 1:
        see_all_url = reverse("councils:meetings", args=[council_ids[0]])
        see_all_label = _("All meetings of your council")
    else:
        see_all_url, see_all_label = _dashboard()
    return Section(
        title=_("Your council's next meetings"),
        total=total,
        items=[
            Item(
                text=row.title,
                url=reverse("councils:meeting", args=[row.pk]),
                when=row.starts_at,
                when_label=_("starts"),
                note=row.council_title,
            )
            for row in rows
        ],
        summary=ngettext(
            "%(count)d meeting is planned.", "%(count)d meetings are planned.", total
        )
        % {"count": total},
        empty_text=_(
            "No meeting is planned yet. The chair or the secretary plans the meetings."
        ),
        see_all_url=see_all_url,
        see_all_label=see_all_label,
    )

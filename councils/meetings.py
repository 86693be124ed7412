"""A council's meetings: the chair or secretary plans them with their agenda and adds
the minutes; visitors see the public meetings and the public agenda items, members
see everything; each council has a calendar feed of its public meetings.

Who may see what is decided here once (`may_see`, `visible_meetings`,
`visible_agenda`), and the pages, the feed and the council page all ask."""

import datetime
import secrets
from dataclasses import dataclass
from pathlib import PurePath

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from inspraak.core.calendar import CalendarEvent, build_calendar
from inspraak.notifications.services import absolute_url
from inspraak.pages.translation import originals

from .models.advice import AdvicePage
from .models.councils import CouncilPage
from .models.meetings import AgendaItem, Meeting
from .paging import ChainedLists, IndexedList
from .permissions import is_member

Document = get_document_model()

# The council page shows the next few meetings; the rest are on the meetings page.
MEETINGS_SHOWN = 3
MEETINGS_PER_PAGE = 20
MAX_AGENDA_ITEMS = 30
# The feed: meetings from about three months back, and every planned one ahead.
FEED_DAYS_BACK = 92
# A meeting is planned at most this far back (to record one held before the
# council used the site) and ahead.
PLAN_DAYS_BACK = 366
PLAN_DAYS_AHEAD = 2 * 366

MINUTES_COLLECTION_NAME = "Notulen van raden"


# Who sees what -------------------------------------------------------------------


def may_see(user, meeting: Meeting) -> bool:
    """Public meetings are for everyone; the others for the council's members."""
    return meeting.is_public or is_member(user, meeting.council)


def may_read_minutes(user, meeting: Meeting) -> bool:
    if not meeting.minutes_id:
        return False
    if meeting.is_public and meeting.minutes_public:
        return True
    return is_member(user, meeting.council)


def visible_meetings(council: CouncilPage, *, member: bool) -> QuerySet:
    """The council's meetings a visitor may see: members all, others public ones."""
    meetings = Meeting.objects.filter(council=council)
    return meetings if member else meetings.filter(is_public=True)


@dataclass
class Agenda:
    items: list[AgendaItem]
    hidden_count: int  # members-only items left out for this visitor


def visible_agenda(meeting: Meeting, *, member: bool) -> Agenda:
    """The agenda in its order; for non-members without the members-only items
    (which are counted, not read)."""
    items = meeting.agenda_items.select_related("advice")
    if member:
        return Agenda(list(items), 0)
    return Agenda(
        list(items.filter(members_only=False)),
        meeting.agenda_items.filter(members_only=True).count(),
    )


def public_advice_ids(advice_ids) -> set[int]:
    """Of these advice pages, those anyone may open (live and not restricted)."""
    ids = {pk for pk in advice_ids if pk}
    if not ids:
        return set()
    return set(
        AdvicePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )


def adopted_advice(meeting: Meeting) -> list[AdvicePage]:
    """The published advice the council adopted at this meeting."""
    return list(
        originals(AdvicePage.objects.live().public())
        .filter(adopted_at_meeting=meeting)
        .order_by("title", "pk")
    )


def upcoming(council: CouncilPage, *, member: bool, limit: int = MEETINGS_SHOWN):
    """The next meetings (and one that is going on now), soonest first."""
    return list(
        visible_meetings(council, member=member)
        .upcoming()
        .order_by("starts_at", "pk")[:limit]
    )


def meetings_page(council: CouncilPage, number, *, member: bool) -> PaginatorPage:
    """One page of the meetings list: upcoming soonest first, then held ones newest
    first. A fixed number of queries: one counts both, one or two read the page."""
    now = timezone.now()
    meetings = visible_meetings(council, member=member)
    counts = meetings.aggregate(
        upcoming=Count("pk", filter=Q(ends_at__gte=now)),
        held=Count("pk", filter=Q(ends_at__lt=now)),
    )
    listed = ChainedLists(
        IndexedList(
            meetings.filter(ends_at__gte=now).order_by("starts_at", "pk"),
            counts["upcoming"],
        ),
        IndexedList(
            meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk"),
            counts["held"],
        ),
    )
    page_obj = Paginator(listed, MEETINGS_PER_PAGE).get_page(number)
    for meeting in page_obj.object_list:
        meeting.is_held = meeting.ends_at < now
    return page_obj


# Planning ------------------------------------------------------------------------


def local_moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A date and wall-clock time in the site's time zone as an aware moment."""
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


def planning_window(today: datetime.date | None = None) -> tuple:
    """The first and last day a meeting may be planned on."""
    today = today or timezone.localdate()
    return (
        today - datetime.timedelta(days=PLAN_DAYS_BACK),
        today + datetime.timedelta(days=PLAN_DAYS_AHEAD),
    )


def _replace_agenda(meeting: Meeting, items: list[dict]) -> None:
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            title=item["title"],
            description=item.get("description", ""),
            members_only=item.get("members_only", False),
            advice=item.get("advice"),
            sort_order=number,
        )
        for number, item in enumerate(items[:MAX_AGENDA_ITEMS])
    )


@transaction.atomic
def plan_meeting(
    council: CouncilPage, user, *, agenda: list[dict], **fields
) -> Meeting:
    """A new meeting with its agenda (`fields`: title, starts_at, ends_at, place,
    online_link, is_public)."""
    meeting = Meeting(council=council, created_by=user, **fields)
    meeting.full_clean()
    meeting.save()
    _replace_agenda(meeting, agenda)
    return meeting


@transaction.atomic
def change_meeting(meeting: Meeting, *, agenda: list[dict], **fields) -> Meeting:
    """New details and a new agenda for a planned (or held) meeting."""
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    _replace_agenda(meeting, agenda)
    return meeting


# Minutes -------------------------------------------------------------------------


def _minutes_collection() -> Collection:
    """Where minutes are stored, made on first use. Wagtail's own document links
    serve it to superusers only (a view restriction for no group): minutes are read
    through the meeting's download link, which knows who is a member."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=MINUTES_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=MINUTES_COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.GROUPS,
        )
    return collection


@transaction.atomic
def add_minutes(meeting: Meeting, user, *, upload=None, public: bool) -> Meeting:
    """Store the minutes (when a file is given) and whether the public may read
    them. The stored file gets a name nobody can guess."""
    if upload is not None:
        extension = PurePath(upload.name).suffix.lower()
        upload.name = f"notulen-{secrets.token_hex(16)}{extension}"
        document = Document(
            title=str(_("Minutes of meeting %(number)s") % {"number": meeting.pk}),
            file=upload,
            collection=_minutes_collection(),
            uploaded_by_user=user,
        )
        document.save()
        document.get_file_size()
        document.get_file_hash()
        meeting.minutes = document
    meeting.minutes_public = public
    meeting.save(update_fields=["minutes", "minutes_public"])
    return meeting


# Calendar ------------------------------------------------------------------------


def meeting_uid(meeting: Meeting) -> str:
    """Stable across feeds and downloads, so a calendar updates the one event."""
    return f"council-meeting-{meeting.pk}@inspraak"


def meeting_event(meeting: Meeting, public_items: list[AgendaItem]) -> CalendarEvent:
    """A meeting as a calendar event; its description lists only `public_items`
    (members-only items never go into a calendar, which may be shared)."""
    url = absolute_url(reverse("councils:meeting", args=[meeting.pk]))
    lines = [f"- {item.title}" for item in public_items]
    if lines:
        lines.insert(0, _("Agenda:"))
    if meeting.online_link:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_link})
    lines.append(url)
    location = meeting.place or _("Online")
    return CalendarEvent(
        uid=meeting_uid(meeting),
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=f"{meeting.council.title}: {meeting.title}",
        location=location,
        description="\n".join(lines),
        url=url,
    )


def _events(meetings: list[Meeting]) -> list[CalendarEvent]:
    items: dict[int, list[AgendaItem]] = {meeting.pk: [] for meeting in meetings}
    for item in AgendaItem.objects.filter(
        meeting__in=list(items), members_only=False
    ).order_by("meeting_id", "sort_order", "pk"):
        items[item.meeting_id].append(item)
    return [meeting_event(meeting, items[meeting.pk]) for meeting in meetings]


def council_calendar(council: CouncilPage, now: datetime.datetime | None = None) -> str:
    """The council's public meetings from FEED_DAYS_BACK days ago on, as iCalendar."""
    since = (now or timezone.now()) - datetime.timedelta(days=FEED_DAYS_BACK)
    meetings = list(
        Meeting.objects.filter(council=council, is_public=True, ends_at__gte=since)
        .select_related("council")
        .order_by("starts_at", "pk")
    )
    return build_calendar(
        _("Meetings of %(council)s") % {"council": council.title},
        _events(meetings),
        product="Adviesraden",
    )


def meeting_calendar(meeting: Meeting) -> str:
    """One meeting as iCalendar, for "add to your calendar"."""
    return build_calendar(
        meeting.council.title, _events([meeting]), product="Adviesraden"
    )

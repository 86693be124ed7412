"""Terms of council members: when a term ends, the chair's reminder two months
before, and extending a term. Views, the daily command and the recruitment flow
call these functions."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspraak.core.dates import anniversary
from inspraak.notifications.services import notify

from .kinds import TERM_ENDING
from .models.councils import CouncilMember, CouncilPage
from .services.mail import formatted

# The chair hears this many months before a term ends.
REMINDER_MONTHS_BEFORE = 2
# A term is extended to at most this many years from today.
MAX_EXTENSION_YEARS = 4


class TermError(ValueError):
    """An extension that is not allowed; the message says why, for the form."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier). A day the month lacks (31 April)
    becomes the first of the next month, the rule inspraak.core.dates uses for 29
    February, so that "12 months after" and "a year after" agree."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    try:
        return day.replace(year=year, month=month)
    except ValueError:  # 29-31 in a shorter month (never December)
        return date(year, month + 1, 1)


def term_end(starts_on: date, months: int) -> date:
    """The last day of a term of `months` that starts on `starts_on`."""
    return add_months(starts_on, months) - timedelta(days=1)


def first_name(user) -> str:
    """The first word of the name the person chose to show: the public page shows
    no more of it."""
    words = (user.display_name or "").split()
    return words[0] if words else ""


# The public page and the members page -------------------------------------------


def members_of(council: CouncilPage, on: date | None = None) -> list[CouncilMember]:
    """Current members, strongest role first, then the longest serving."""
    members = list(council.current_members(on))
    order = {role: index for index, role in enumerate(CouncilMember.Role.values)}
    members.sort(
        key=lambda m: (order[m.role], m.starts_on or date.min, m.user.display_name)
    )
    return members


def past_members(council: CouncilPage, on: date | None = None) -> QuerySet:
    """Former members, the most recently ended first (history, never deleted here;
    "my data" handles each person's own rows)."""
    return (
        CouncilMember.objects.past(on)
        .filter(council=council)
        .select_related("user")
        .order_by("-ends_on", "-pk")
    )


# Extending ---------------------------------------------------------------------


def latest_extension(today: date) -> date:
    return anniversary(today, MAX_EXTENSION_YEARS)


def extension_error(member: CouncilMember, new_end: date, today: date) -> str | None:
    """Why `new_end` cannot be the member's new last day, or None when it can."""
    if new_end <= today:
        return _("Choose a day after today.")
    if member.ends_on and new_end <= member.ends_on:
        return _("Choose a day after the current end of the term (%(end)s).") % {
            "end": formatted(member.ends_on)
        }
    if new_end > latest_extension(today):
        return _(
            "A term can be extended by at most %(years)d years: choose a day before "
            "%(latest)s."
        ) % {"years": MAX_EXTENSION_YEARS, "latest": formatted(latest_extension(today))}
    return None


def extend_term(member: CouncilMember, new_end: date, today: date | None = None):
    """Set the member's new last day; a new reminder goes out two months before it.
    Raises TermError when the day is not allowed."""
    today = today or timezone.localdate()
    problem = extension_error(member, new_end, today)
    if problem:
        raise TermError(problem)
    member.ends_on = new_end
    member.term_reminder_sent_on = None
    # save() keeps the council's Wagtail groups in step with the term.
    member.save(update_fields=["ends_on", "term_reminder_sent_on"])
    return member


# The chair's reminder ------------------------------------------------------------


def reminder_from(ends_on: date) -> date:
    """The first day the chair is reminded of a term that ends on `ends_on`."""
    return add_months(ends_on, -REMINDER_MONTHS_BEFORE)


def reminder_due(member: CouncilMember, today: date) -> bool:
    """Whether the chair needs the reminder for `member` today: from two months
    before the last day up to that day, once."""
    return (
        member.ends_on is not None
        and member.term_reminder_sent_on is None
        and reminder_from(member.ends_on) <= today <= member.ends_on
    )


def chairs_of(council: CouncilPage, today: date) -> list:
    """Who is reminded: the chairs, or the secretaries when the council has no
    chair."""
    current = council.current_members(today)
    for role in CouncilMember.ADOPTING_ROLES:
        users = [member.user for member in current if member.role == role]
        if users:
            return users
    return []


def send_term_reminders(today: date | None = None) -> int:
    """Remind the chair of every term that ends within two months, once per term.
    Safe to run more than once a day. Returns the number of notifications."""
    today = today or timezone.localdate()
    ending = (
        CouncilMember.objects.current(today)
        .filter(
            term_reminder_sent_on__isnull=True,
            ends_on__lte=add_months(today, REMINDER_MONTHS_BEFORE),
        )
        .select_related("user", "council")
        .order_by("council_id", "ends_on", "pk")
    )
    sent = 0
    for member in ending:
        if not reminder_due(member, today):
            continue
        # Claim the reminder first: of two runs at once, only one sends it.
        with transaction.atomic():
            claimed = CouncilMember.objects.filter(
                pk=member.pk, term_reminder_sent_on__isnull=True
            ).update(term_reminder_sent_on=today)
        if claimed:
            sent += _remind(member, today)
    return sent


def _remind(member: CouncilMember, today: date) -> int:
    council = member.council
    count = 0
    for chair in chairs_of(council, today):
        with translation.override(chair.preferred_language):
            url = reverse("councils:members", kwargs={"council_id": council.pk})
            values = {
                "name": member.user.display_name or _("a member"),
                "role": member.get_role_display().lower(),
                "council": council.title,
                "end": formatted(member.ends_on),
            }
            subject = _("A term ends on %(end)s: %(name)s") % values
            body = "\n\n".join(
                [
                    _(
                        "The term of %(name)s as %(role)s of %(council)s ends on "
                        "%(end)s."
                    )
                    % values,
                    _(
                        "Talk about it together. Do you both want to go on? Extend "
                        "the term on the members page."
                    ),
                ]
            )
        notify(chair, TERM_ENDING.key, subject=subject, body=body, url=url)
        count += 1
    return count

"""The start page after sign-in: what waits for this person, by role.

The project package names no domain app, so each app registers its sections in its
`AppConfig.ready()` (`register_section`), as the home page's doors get their facts
(inspraak.pages.doors). A section is a plain function of the app,
`(user, today) -> Section | None`: None when it does not apply to the person (no
such role, nothing of their own), else a title, at most MAX_ITEMS items, the total,
a text for when there is nothing and a link to the full list. Each costs a fixed
number of queries, however many rows lie behind it."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.http import HttpRequest
from django.utils import timezone

# Items a section shows; the rest is behind its "see all" link.
MAX_ITEMS = 5


@dataclass(frozen=True)
class Item:
    """One thing that waits. `when` is a due date, a start or a deadline, named by
    `when_label`; `late` says it in words ("late"), not only in colour."""

    text: str
    url: str = ""
    when: date | datetime | None = None
    when_label: str = ""
    late: bool = False
    note: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    total: int
    empty_text: str
    items: list[Item] = field(default_factory=list)
    # The counts in words ("3 cases are due within 7 days."), shown above the list.
    summary: str = ""
    see_all_url: str = ""
    see_all_label: str = ""
    # Shown instead of the items when the page may not show them to this session
    # (see `register_section`'s `guard`).
    locked_text: str = ""
    locked: bool = False


Provider = Callable[[object, date], Section | None]
Guard = Callable[[HttpRequest], bool]


@dataclass(frozen=True)
class Registration:
    key: str
    provider: Provider
    order: int
    guard: Guard | None = None


_registry: dict[str, Registration] = {}


def register_section(
    key: str, provider: Provider, *, order: int, guard: Guard | None = None
) -> None:
    """Add a section to the start page, shown in `order` (smaller first: what to
    act on before one's own things). `guard(request)` False shows the section
    without its items (its `locked_text` instead), for data the session may not
    see yet, such as case files before a second factor."""
    _registry[key] = Registration(key, provider, order, guard)


def registrations() -> list[Registration]:
    return sorted(_registry.values(), key=lambda entry: (entry.order, entry.key))


def sections_for(request: HttpRequest, today: date | None = None) -> list[Section]:
    """The sections that apply to the signed-in person, in order."""
    today = today or timezone.localdate()
    found = []
    for entry in registrations():
        section = entry.provider(request.user, today)
        if section is None:
            continue
        if entry.guard is not None and not entry.guard(request):
            section = replace(section, items=[], locked=True)
        found.append(section)
    return found


def moment(today: date) -> datetime:
    """Now, when `today` is today; else noon of `today` (for tests and sections
    that compare times, such as a consultation's phase)."""
    if today == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(today, time(12)))


def start_of(today: date) -> datetime:
    """The first moment of `today` in the site's time zone."""
    return timezone.make_aware(datetime.combine(today, time.min))

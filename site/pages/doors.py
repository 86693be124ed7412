"""The doors of the home page (HomePage.doors): where people can go, edited in
Wagtail. A door leads to a page or to one of the routes below, and may show a few
live facts that an app provides (`register_facts`, called in the app's `ready`),
so this module imports no domain app.

The main menu shows the doors that have a menu title (inspraak_tags.main_menu)."""

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Views outside the page tree that a door may lead to (route name, label).
ROUTES = [
    ("complaints:start", _("Complaints and objections: the questions")),
    ("experience_experts:home", _("Experience experts")),
    ("live:join", _("Join a live session with a code")),
]
# Live facts a door may show (key, label); an app provides each (register_facts).
FACTS = [
    ("take_part", _("Consultations open now and live sessions today")),
]

_providers: dict[str, Callable[[], list[str]]] = {}


def register_facts(key: str, provider: Callable[[], list[str]]) -> None:
    """`provider()` returns a few short sentences, in the active language."""
    if key not in dict(FACTS):
        raise ValueError(f"Unknown door facts: {key}")
    _providers[key] = provider


def facts(key: str) -> list[str]:
    provider = _providers.get(key)
    return provider() if provider else []


def door_links(request) -> list[tuple[str, str, str]]:
    """(title, text, url) of every door of the home page that leads somewhere, in
    the active language; cached like the main menu (inspraak.core.layout). The
    start page offers them to people for whom nothing waits."""
    from wagtail.models import Site

    from inspraak.core import layout

    site = Site.find_for_request(request)
    language = get_language()

    def build():
        if site is None:
            return []
        home = site.root_page.localized.specific
        links = []
        for block in getattr(home, "doors", None) or []:
            url = door_url(block.value)
            if url:
                links.append((block.value["title"], block.value["text"], url))
        return links

    return layout.cached("door_links", (site.pk if site else 0, language), build)


def door_url(door, request=None) -> str | None:
    """Where a door leads in the active language, or None (an unpublished page, a
    route that is gone): such a door is left out rather than lead to a 404."""
    page = door.get("page")
    if page is not None:
        localized = page.specific_deferred.localized
        target = localized if localized.live else page
        return target.get_url(request) if target.live else None
    route = door.get("route")
    if route:
        try:
            return reverse(route)
        except NoReverseMatch:
            return None
    return None

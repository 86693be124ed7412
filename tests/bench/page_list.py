"""The pages the page benchmark measures (tests/bench/pages.py) and the volume test
checks (tests/core/test_volume_queries.py): every list page, feed and export, and the
"my data" download, each as the person who uses it.

A URL may name a target in braces (`{case}`); `targets()` finds it in the database:
always the object with the most rows behind it, so that at volume the page shows
the volume (the demo expert's biggest booking, the live session with the most
questions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

HTML, FEED, EXPORT, DOWNLOAD = "html", "feed", "export", "download"

# Who signs in (demo people, password inspraak-demo; handlers add a TOTP code).
HANDLER = "klachten@voorstad.test"
EXPERT = "ervaringsdeskundige@inspraak.test"
POLICY = "beleid@voorstad.test"
CHAIR = "voorzitter@jongerenraad.test"
MODERATOR = "moderator@voorstad.test"
PERSON = "{person}"  # the person with data in every app (seed_volume)


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    who: str | None = None  # None: anonymous
    kind: str = HTML


PAGES = [
    Page("home", "/"),
    Page("search ?q=advies", "/zoeken/?q=advies"),
    Page("consultations", "/raadplegingen/"),
    Page(
        "consultation, 10,000 contributions",
        "/raadplegingen/praat-mee-over-wachttijden/",
    ),
    Page("consultation, live results", "/raadplegingen/sporten-en-vrije-tijd/"),
    Page("live session results (all)", "/live/{live}/resultaten/"),
    Page("consultation report, live results", "/doe-mee/{sport}/verslag/"),
    Page(
        "consultation report, 10,000 contributions (preview)",
        "/doe-mee/{waiting}/verslag/",
        POLICY,
    ),
    Page(
        "theme workspace, 10,000 contributions",
        "/doe-mee/{waiting}/themas/",
        POLICY,
    ),
    Page("councils", "/adviesraden/"),
    Page("council page", "/adviesraden/jongerenraad-voorstad/"),
    Page("advice page", "{advice}"),
    Page("council yearly account", "{year_report}"),
    Page(
        "council yearly account (PDF)",
        "/raden/jaarverslag/{year_report_id}.pdf",
        kind=EXPORT,
    ),
    Page("advice tracker, first page", "/adviesraden/adviezen/"),
    Page("advice tracker, last page", "/adviesraden/adviezen/?page={tracker_last}"),
    # In English: the translated pages list the Dutch advice at English addresses.
    Page("advice tracker (English)", "/en/adviesraden/adviezen/"),
    Page("council page (English)", "/en/adviesraden/jongerenraad-voorstad/"),
    Page("advice page (English, only in Dutch)", "/en{advice}"),
    Page("advice feed (RSS)", "/raden/feeds/rss/", kind=FEED),
    Page("advice feed (Atom)", "/raden/feeds/atom/", kind=FEED),
    Page("sitemap index", "/sitemap.xml", kind=FEED),
    Page("sitemap, last page", "/sitemap-pages.xml?p={sitemap_last}", kind=FEED),
    Page("complaint figures", "/klachten/cijfers/"),
    Page("live: join", "/live/"),
    Page("handler queue, first page", "/klachten/behandelen/", HANDLER),
    Page(
        "handler queue, last page", "/klachten/behandelen/?page={queue_last}", HANDLER
    ),
    Page("handler: a case", "/klachten/behandelen/{case}/", HANDLER),
    Page("expert: home", "/ervaringsdeskundigen/", EXPERT),
    Page("expert: agenda", "/ervaringsdeskundigen/agenda/", EXPERT),
    Page("expert: booking", "/ervaringsdeskundigen/boekingen/{booking}/", EXPERT),
    Page("expert: year statement", "/ervaringsdeskundigen/overzicht/{year}/", EXPERT),
    Page("expert: iCal feed", "/ervaringsdeskundigen/agenda/{token}.ics", kind=FEED),
    Page("policy: my assignments", "/ervaringsdeskundigen/opdrachten/beheer/", POLICY),
    Page("policy: finance CSV", "/ervaringsdeskundigen/export/", POLICY, EXPORT),
    Page(
        "policy: contributions CSV with themes",
        "/doe-mee/{waiting}/bijdragen.csv",
        POLICY,
        EXPORT,
    ),
    Page("council meetings", "/raden/{council}/vergaderingen/"),
    Page("council meetings (members)", "/raden/{council}/vergaderingen/", CHAIR),
    Page(
        "council meetings feed (iCal)", "/raden/{council}/vergaderingen.ics", kind=FEED
    ),
    Page("council dashboard", "/raden/dashboard/", CHAIR),
    Page("council applications", "/raden/{council}/aanmeldingen/", CHAIR),
    Page("moderation list", "/doe-mee/moderatie/", MODERATOR),
    Page("live: moderator", "/live/{live}/moderator/", MODERATOR),
    Page("live: export CSV", "/live/{live}/export.csv", MODERATOR, EXPORT),
    Page("start page (handler)", "/start/", HANDLER),
    Page("start page (policy officer)", "/start/", POLICY),
    Page("start page (person with data everywhere)", "/start/", PERSON),
    Page("my data", "/mijn-gegevens/", PERSON),
    Page("my data: download", "/mijn-gegevens/download/", PERSON, DOWNLOAD),
    Page("notification settings", "/accounts/meldingen/", PERSON),
]


def targets(person_email: str) -> dict[str, str]:
    """The objects the URLs name, found in the database (Django must be set up)."""
    from django.db.models import Count
    from django.utils import timezone

    from wagtail.models import Site

    from complaints.models import Case
    from councils.models import AdvicePage, CouncilPage, CouncilYearReportPage
    from experience_experts.models import Booking
    from inspraak.accounts.models import User
    from participation.live.models import LiveSession
    from participation.models import ConsultationPage

    expert = User.objects.get(email=EXPERT)
    booking = (
        Booking.objects.filter(expert=expert)
        .annotate(n=Count("work_logs"))
        .order_by("-n", "pk")
        .first()
    )
    live = (
        LiveSession.objects.filter(consultation__slug="sporten-en-vrije-tijd")
        .annotate(n=Count("questions"))
        .order_by("-n", "pk")
        .first()
    )
    case = (
        Case.objects.filter(organisation__slug="gemeente-voorstad")
        .annotate(n=Count("events"))
        .order_by("-n", "pk")
        .first()
    )
    consultations = dict(
        ConsultationPage.objects.filter(
            slug__in=["praat-mee-over-wachttijden", "sporten-en-vrije-tijd"],
            locale__language_code="nl",
        ).values_list("slug", "pk")
    )
    site = Site.objects.get(is_default_site=True)
    advice = (
        AdvicePage.objects.live()
        .descendant_of(site.root_page)
        .order_by("-first_published_at", "-pk")
        .first()
    )
    # The demo council's account of this year: the year the volume's advice is in.
    year_report = (
        CouncilYearReportPage.objects.live()
        .filter(year=timezone.localdate().year)
        .order_by("pk")
        .first()
    )
    return {
        "person": person_email,
        "year_report": year_report.get_url(),
        "year_report_id": str(year_report.pk),
        "booking": str(booking.pk),
        "live": live.code,
        "waiting": str(consultations["praat-mee-over-wachttijden"]),
        "sport": str(consultations["sporten-en-vrije-tijd"]),
        "case": case.reference,
        "advice": advice.get_url(),
        "year": str(timezone.localdate().year),
        "token": expert.expert_profile.calendar_token,
        "council": str(
            CouncilPage.objects.get(
                slug="jongerenraad-voorstad", locale__language_code="nl"
            ).pk
        ),
    }


# A page's last page: the highest ?page= (or the sitemap's ?p=) number its first
# page links to.
LAST_PAGE_OF = {
    "tracker_last": "/adviesraden/adviezen/",
    "queue_last": "/klachten/behandelen/",
    "sitemap_last": "/sitemap.xml",
}


def last_page_number(html: str) -> str:
    numbers = [int(n) for n in re.findall(r"[?&;](?:page|p)=(\d+)", html)]
    return str(max(numbers, default=1))

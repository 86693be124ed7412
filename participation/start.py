"""The participation sections of the start page (inspraak.core.start): live
sessions to moderate, the consultations an organiser runs (with the "we did" still
to publish), and for anyone the consultations they took part in and whether what
was done with their input is published. Each costs a fixed number of queries."""

from dataclasses import replace
from datetime import date, timedelta

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Locale

from inspraak.core.start import MAX_ITEMS, Item, Section, moment, start_of
from inspraak.organisations.permissions import organisation_ids_for
from inspraak.pages.translation import originals

from .live.models import LiveSession
from .live.permissions import MODERATING_ROLES, moderated_sessions
from .models import ConsultationPage, Contribution
from .permissions import ORGANISER_ROLES
from .phases import Phase


def _localized_urls(pages) -> dict[int, str]:
    """The URL of each page in the active language: its live translation when there
    is one (one query for all), else the page itself."""
    active = Locale.get_active()
    keys = [page.translation_key for page in pages if page.locale_id != active.pk]
    translations = (
        {
            page.translation_key: page.url
            for page in ConsultationPage.objects.live()
            .filter(translation_key__in=keys, locale=active)
            .only("pk", "url_path", "translation_key", "locale_id")
        }
        if keys
        else {}
    )
    return {
        page.pk: translations.get(page.translation_key) or page.url for page in pages
    }


def sessions_to_moderate(user, today: date) -> Section | None:
    """Live sessions of today and later that the person may moderate
    (live.permissions.moderated_sessions, the queryset form of can_moderate), and a
    session that is live now; the soonest first."""
    if not user.is_authenticated:
        return None
    if not (
        user.is_superuser
        or organisation_ids_for(user, MODERATING_ROLES)
        or LiveSession.objects.filter(moderators=user).exists()
    ):
        return None
    day = start_of(today)
    sessions = moderated_sessions(user).filter(
        Q(state=LiveSession.State.LIVE)
        | Q(state=LiveSession.State.SCHEDULED, starts_at__gte=day)
    )
    counts = sessions.aggregate(
        total=Count("pk", distinct=True),
        today=Count(
            "pk",
            distinct=True,
            filter=Q(state=LiveSession.State.LIVE)
            | Q(starts_at__lt=day + timedelta(days=1)),
        ),
    )
    rows = (
        sessions.annotate(consultation_title=F("consultation__title"))
        .only("pk", "title", "code", "state", "starts_at")
        .order_by("starts_at", "pk")[:MAX_ITEMS]
    )
    summary = ngettext(
        "%(count)d live session is planned.",
        "%(count)d live sessions are planned.",
        counts["total"],
    ) % {"count": counts["total"]}
    if counts["today"]:
        summary += " " + ngettext(
            "%(count)d of them is today.",
            "%(count)d of them are today.",
            counts["today"],
        ) % {"count": counts["today"]}
    return Section(
        title=_("Live sessions to moderate"),
        total=counts["total"],
        items=[
            Item(
                text=row.title,
                url=reverse("live:moderator", args=[row.code]),
                when=row.starts_at,
                when_label=_("starts"),
                note=" · ".join(
                    [row.consultation_title, _("Live now")]
                    if row.state == LiveSession.State.LIVE
                    else [row.consultation_title]
                ),
            )
            for row in rows
        ],
        summary=summary,
        empty_text=_(
            "No live sessions are planned. When an organiser plans one for your "
            "organisation, it appears here."
        ),
    )


def own_consultations(user, today: date) -> Section | None:
    """For organisers (policy officers, administrators): their organisations'
    consultations that are still running and have no published "we did" yet; first
    those whose input is closed (the feedback is next), by the promised date."""
    organisation_ids = organisation_ids_for(user, ORGANISER_ROLES)
    if not organisation_ids:
        return None
    now = moment(today)
    # The records only: an English translation is the same consultation.
    pages = (
        originals(ConsultationPage.objects.filter(organisation_id__in=organisation_ids))
        .exclude(ends_on__lte=today)
        .filter(
            Q(feedback_published_at__isnull=True) | Q(feedback_published_at__gt=now)
        )
    )
    input_closed = Q(closes_at__lte=now)
    counts = pages.aggregate(
        total=Count("pk"), to_publish=Count("pk", filter=input_closed)
    )
    rows = list(
        pages.annotate(
            rank=Case(
                When(input_closed, then=Value(0)),
                When(opens_at__lte=now, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .defer("body")
        .order_by("rank", "feedback_due_on", "closes_at", "pk")[:MAX_ITEMS]
    )
    urls = _localized_urls([row for row in rows if row.live])
    items = []
    for row in rows:
        phase = row.phase_at(now)
        url = urls.get(row.pk) or reverse("wagtailadmin_pages:edit", args=[row.pk])
        if phase == Phase.PROCESSING:
            item = Item(
                text=row.title,
                url=url,
                when=row.feedback_due_on,
                when_label=_("feedback promised by"),
                late=row.feedback_due_on < today,
                note=_('Publish what you did with the input ("we did")'),
            )
        elif phase == Phase.ANNOUNCED:
            item = Item(
                text=row.title,
                url=url,
                when=row.opens_at,
                when_label=_("opens"),
                note=phase.label,
            )
        else:
            item = Item(
                text=row.title,
                url=url,
                when=row.closes_at,
                when_label=_("input closes"),
                note=phase.label,
            )
        if not row.live:
            item = replace(item, note=" · ".join([item.note, _("Draft")]))
        items.append(item)
    summary = ngettext(
        "Your organisation runs %(count)d consultation.",
        "Your organisation runs %(count)d consultations.",
        counts["total"],
    ) % {"count": counts["total"]}
    if counts["to_publish"]:
        summary += " " + ngettext(
            "For %(count)d of them the input is closed: tell people what you did "
            'with it ("we did").',
            "For %(count)d of them the input is closed: tell people what you did "
            'with it ("we did").',
            counts["to_publish"],
        ) % {"count": counts["to_publish"]}
    return Section(
        title=_("Your consultations"),
        total=counts["total"],
        items=items,
        summary=summary,
        empty_text=_(
            "Your organisation has no consultation running. Start one in the admin, "
            "under Consultations."
        ),
        see_all_url=reverse("wagtailadmin_home"),
        see_all_label=_("The admin, where you manage your consultations"),
    )


def my_input(user, today: date) -> Section | None:
    """For anyone signed in: the published consultations they wrote something for,
    the latest first, and whether what was done with it is published."""
    if not user.is_authenticated:
        return None
    now = moment(today)
    own = Contribution.objects.filter(user=user)
    pages = ConsultationPage.objects.live().filter(pk__in=own.values("consultation_id"))
    published = Q(feedback_published_at__lte=now)
    counts = pages.aggregate(total=Count("pk"), published=Count("pk", filter=published))
    if not counts["total"]:
        return None
    rows = list(
        pages.annotate(
            last=Subquery(
                own.filter(consultation=OuterRef("pk"))
                .order_by("-created_at")
                .values("created_at")[:1]
            )
        )
        .defer("body")
        .order_by("-last", "-pk")[:MAX_ITEMS]
    )
    urls = _localized_urls(rows)
    items = []
    for row in rows:
        if row.feedback_published_at and row.feedback_published_at <= now:
            items.append(
                Item(
                    text=row.title,
                    url=f"{urls[row.pk]}#feedback",
                    note=_("Read what was done with your input"),
                )
            )
        else:
            items.append(
                Item(
                    text=row.title,
                    url=urls[row.pk],
                    when=row.feedback_due_on,
                    when_label=_("you hear what was done with it by"),
                    late=row.feedback_due_on < today,
                )
            )
    summary = ngettext(
        "You took part in %(count)d consultation.",
        "You took part in %(count)d consultations.",
        counts["total"],
    ) % {"count": counts["total"]}
    if counts["published"]:
        summary += " " + ngettext(
            "For %(count)d of them you can read what was done with the input.",
            "For %(count)d of them you can read what was done with the input.",
            counts["published"],
        ) % {"count": counts["published"]}
    return Section(
        title=_("Consultations you took part in"),
        total=counts["total"],
        items=items,
        summary=summary,
        empty_text="",
    )

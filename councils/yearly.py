"""The council's yearly account ("you said, we did" of a council): the figures of
one year, what the page shows, and making the chair's draft.

The advice figures are the tracker's own: the tracker's query filtered on the
council and the year sent (`tracker_queryset`) and its counts per status
(`status_counts`), so the yearly account and the tracker never disagree. Every
figure is counted in the database, in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.coreutils import find_available_slug

from inspraak.pages.translation import localize, localized_url, originals
from participation.models import ConsultationPage

from .models.advice import AdviceStatus
from .models.councils import AdviceTrackerPage, CouncilMember, CouncilPage
from .models.meetings import Meeting
from .models.yearly import CouncilYearReportPage
from .paging import IndexedList
from .permissions import can_adopt, is_member
from .promises import attach_promise_counts, promise_counts
from .rules import Verdict
from .tracker import attach_timelines, label_statuses, status_counts, tracker_queryset

ADVICE_PER_PAGE = 20
# The page and the PDF list this many held meetings and consultations; the figures
# count them all.
MEETINGS_SHOWN = 50
CONSULTATIONS_SHOWN = 10
# A real council gives a few dozen advice a year; the PDF lists at most this many
# and points to the tracker for the rest.
PDF_ADVICE_LIMIT = 200


@dataclass(frozen=True)
class YearFigures:
    """What the council did in one calendar year. Statuses (overdue, promises late)
    are those of `counted_on`, as the tracker shows them that day."""

    year: int
    counted_on: date
    organisation: str
    advice_sent: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    overdue: int = 0
    awaiting: int = 0
    adopted: int = 0
    partly_adopted: int = 0
    not_adopted: int = 0
    promises_kept: int = 0
    promises_late: int = 0
    promises_not_kept: int = 0
    promises_open: int = 0
    meetings_held: int = 0
    members_at_year_end: int = 0
    supporters_at_year_end: int = 0
    members_joined: int = 0
    members_left: int = 0
    consultations: int = 0

    @property
    def answered(self) -> int:
        return self.answered_on_time + self.answered_late

    @property
    def promises(self) -> int:
        return (
            self.promises_kept
            + self.promises_late
            + self.promises_not_kept
            + self.promises_open
        )

    @property
    def is_empty(self) -> bool:
        """Nothing happened this year that the account could tell."""
        return not (
            self.advice_sent
            or self.meetings_held
            or self.members_joined
            or self.members_left
            or self.consultations
        )


def year_span(year: int) -> tuple[date, date]:
    """The first and the last day of `year`."""
    return date(year, 1, 1), date(year, 12, 31)


def _local_midnight(day: date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def year_advice(council: CouncilPage, year: int, today: date | None = None):
    """The council's published advice sent in `year`: the tracker's rows for this
    council and year, with their status."""
    return tracker_queryset({"council": council, "year": year}, today)


def held_meetings(council: CouncilPage, year: int, now=None):
    """Meetings of the council that started in `year` (local time) and have ended."""
    first, last = year_span(year)
    return Meeting.objects.filter(
        council=council,
        starts_at__gte=_local_midnight(first),
        starts_at__lt=_local_midnight(last + datetime.timedelta(days=1)),
    ).held(now)


def year_consultations(council: CouncilPage, year: int):
    """Published consultations of the council's organisation whose input ran in
    `year`. A consultation names no council, only its organisation, so these are
    the consultations the council could take part in."""
    first, last = year_span(year)
    return (
        originals(ConsultationPage.objects.live().public())
        .filter(
            organisation_id=council.organisation_id,
            opens_at__lt=_local_midnight(last + datetime.timedelta(days=1)),
            closes_at__gte=_local_midnight(first),
        )
        .order_by("opens_at", "pk")
    )


def year_figures(
    council: CouncilPage, year: int, today: date | None = None
) -> YearFigures:
    """The figures of the yearly account, in nine queries whatever the numbers
    (the organisation, the consultations' view restrictions and seven counts)."""
    today = today or timezone.localdate()
    first, last = year_span(year)
    advice = year_advice(council, year, today)
    statuses = status_counts(advice)
    verdicts = advice.order_by().aggregate(
        **{
            str(verdict.value): Count("pk", filter=Q(answer__verdict=verdict))
            for verdict in Verdict
        }
    )
    promises = promise_counts(advice, today)
    year_end = min(last, today)
    at_end = (
        CouncilMember.objects.current(year_end)
        .filter(council_id=council.pk)
        .aggregate(
            members=Count("pk", filter=Q(role__in=CouncilMember.VOTING_ROLES)),
            supporters=Count("pk", filter=Q(role__in=CouncilMember.SUPPORTING_ROLES)),
        )
    )
    # A term that ends on 31 December ends in that year; the member still counts
    # on the last day of the year.
    moves = CouncilMember.objects.filter(
        council_id=council.pk, role__in=CouncilMember.VOTING_ROLES
    ).aggregate(
        joined=Count(
            "pk",
            filter=Q(starts_on__gte=first, starts_on__lte=min(last, today)),
        ),
        left=Count(
            "pk",
            filter=Q(
                ends_on__gte=first,
                ends_on__lte=min(last, today - datetime.timedelta(days=1)),
            ),
        ),
    )
    return YearFigures(
        year=year,
        counted_on=today,
        organisation=council.organisation.name,
        advice_sent=sum(statuses.values()),
        answered_on_time=statuses[AdviceStatus.ANSWERED.value],
        answered_late=statuses[AdviceStatus.ANSWERED_LATE.value],
        overdue=statuses[AdviceStatus.OVERDUE.value],
        awaiting=statuses[AdviceStatus.AWAITING.value],
        adopted=verdicts[Verdict.ADOPTED.value],
        partly_adopted=verdicts[Verdict.PARTLY.value],
        not_adopted=verdicts[Verdict.NOT_ADOPTED.value],
        promises_kept=promises.kept,
        promises_late=promises.late,
        promises_not_kept=promises.not_kept,
        promises_open=promises.on_track,
        meetings_held=held_meetings(council, year).count(),
        members_at_year_end=at_end["members"],
        supporters_at_year_end=at_end["supporters"],
        members_joined=moves["joined"],
        members_left=moves["left"],
        consultations=year_consultations(council, year).count(),
    )


def summary_sentences(figures: YearFigures) -> list[str]:
    """The figures in plain sentences (language level B1), for the page and PDF."""
    if figures.is_empty:
        return [
            _(
                "In %(year)s the council sent no advice, held no meetings on this "
                "site and no members joined or left."
            )
            % {"year": figures.year}
        ]
    sentences = [
        ngettext(
            "In %(year)s the council sent %(count)s advice to an organisation.",
            "In %(year)s the council sent %(count)s pieces of advice to organisations.",
            figures.advice_sent,
        )
        % {"year": figures.year, "count": figures.advice_sent}
    ]
    if figures.advice_sent:
        sentences.append(
            _(
                "%(on_time)s answered on time, %(late)s answered late, %(overdue)s "
                "not answered while the answer is overdue, %(awaiting)s still "
                "waiting for an answer."
            )
            % {
                "on_time": figures.answered_on_time,
                "late": figures.answered_late,
                "overdue": figures.overdue,
                "awaiting": figures.awaiting,
            }
        )
    if figures.answered:
        sentences.append(
            _(
                "The organisation adopted %(adopted)s fully, %(partly)s partly and "
                "%(not)s not."
            )
            % {
                "adopted": figures.adopted,
                "partly": figures.partly_adopted,
                "not": figures.not_adopted,
            }
        )
    if figures.promises:
        sentences.append(
            ngettext(
                "It made %(count)s promise: %(kept)s kept, %(late)s late, "
                "%(not_kept)s not kept, %(open)s still in progress.",
                "It made %(count)s promises: %(kept)s kept, %(late)s late, "
                "%(not_kept)s not kept, %(open)s still in progress.",
                figures.promises,
            )
            % {
                "count": figures.promises,
                "kept": figures.promises_kept,
                "late": figures.promises_late,
                "not_kept": figures.promises_not_kept,
                "open": figures.promises_open,
            }
        )
    sentences.append(
        ngettext(
            "The council met %(count)s time.",
            "The council met %(count)s times.",
            figures.meetings_held,
        )
        % {"count": figures.meetings_held}
    )
    sentences.append(
        ngettext(
            "At the end of the year the council had %(count)s member.",
            "At the end of the year the council had %(count)s members.",
            figures.members_at_year_end,
        )
        % {"count": figures.members_at_year_end}
        + " "
        + _("%(joined)s joined and %(left)s left during the year.")
        % {"joined": figures.members_joined, "left": figures.members_left}
    )
    sentences.append(
        ngettext(
            "%(organisation)s held %(count)s consultation in this year.",
            "%(organisation)s held %(count)s consultations in this year.",
            figures.consultations,
        )
        % {"organisation": figures.organisation, "count": figures.consultations}
    )
    return sentences


def figure_rows(figures: YearFigures) -> list[tuple[str, list[tuple[str, int]]]]:
    """The figures as groups of (label, number), for the table and the PDF."""
    return [
        (
            _("Advice"),
            [
                (_("Advice sent"), figures.advice_sent),
                (_("Answered on time"), figures.answered_on_time),
                (_("Answered late"), figures.answered_late),
                (_("Overdue, no answer yet"), figures.overdue),
                (_("Waiting for an answer"), figures.awaiting),
            ],
        ),
        (
            _("What the organisation did"),
            [
                (_("Adopted"), figures.adopted),
                (_("Partly adopted"), figures.partly_adopted),
                (_("Not adopted"), figures.not_adopted),
            ],
        ),
        (
            _("Promises"),
            [
                (_("Promises kept"), figures.promises_kept),
                (_("Promises late"), figures.promises_late),
                (_("Promises not kept"), figures.promises_not_kept),
                (_("Promises in progress"), figures.promises_open),
            ],
        ),
        (
            _("The council"),
            [
                (_("Meetings held"), figures.meetings_held),
                (_("Members at the end of the year"), figures.members_at_year_end),
                (_("Coaches and civil servants"), figures.supporters_at_year_end),
                (_("Members who joined"), figures.members_joined),
                (_("Members who left"), figures.members_left),
                (
                    _("Consultations of %(organisation)s")
                    % {"organisation": figures.organisation},
                    figures.consultations,
                ),
            ],
        ),
    ]


def year_advice_rows(
    council: CouncilPage, year: int, figures: YearFigures, number, per_page: int
):
    """One page of the year's advice, newest sent first, with status, answer and
    promise summary: a fixed number of queries (the count comes from `figures`)."""
    listed = IndexedList(
        year_advice(council, year, figures.counted_on), figures.advice_sent
    )
    page_obj = Paginator(listed, per_page).get_page(number)
    page_obj.object_list = attach_promise_counts(
        label_statuses(attach_timelines(page_obj.object_list)), figures.counted_on
    )
    return page_obj


def council_of_report(page: CouncilYearReportPage) -> CouncilPage | None:
    """The council the report is under; None for a preview of a page not saved yet
    (it has no place in the tree)."""
    if not page.path:
        return None
    parent = page.get_parent()
    parent = parent.specific if parent is not None else None
    return parent if isinstance(parent, CouncilPage) else None


def tracker_link(council: CouncilPage, year: int, request=None) -> str | None:
    """The tracker, in the reader's language, filtered on the council and year."""
    tracker = originals(AdviceTrackerPage.objects.live().public()).first()
    if tracker is None:
        return None
    return f"{localized_url(tracker, request)}?council={council.pk}&year={year}"


def year_report_context(page: CouncilYearReportPage, request) -> dict:
    """Everything the page template shows beside the page's own fields; `page` is
    the record (a translation shows its original's figures). The council, the
    advice and the consultations come in the reader's language (`shown`)."""
    council = council_of_report(page)
    if council is None:
        return {"council": None, "figures": None}
    figures = year_figures(council, page.year)
    advice_page = year_advice_rows(
        council, page.year, figures, request.GET.get("page"), ADVICE_PER_PAGE
    )
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "council": localize([council], request)[0],
        "figures": figures,
        "summary": summary_sentences(figures),
        "figure_rows": figure_rows(figures),
        "advice_page": advice_page,
        "advice_list": localize(advice_page.object_list, request),
        "meetings": list(
            held_meetings(council, page.year)
            .filter(is_public=True)
            .order_by("starts_at", "pk")[:MEETINGS_SHOWN]
        ),
        "consultations": localize(
            year_consultations(council, page.year)[:CONSULTATIONS_SHOWN], request
        ),
        "tracker_url": tracker_link(council, page.year, request),
        "pdf_url": (
            reverse("councils:year_report_pdf", args=[page.pk]) if page.pk else None
        ),
        "preview": not page.live,
        "query_string": query.urlencode(),
    }


# Who may see what --------------------------------------------------------------


def may_preview(user, page: CouncilYearReportPage, council: CouncilPage) -> bool:
    """The council's members and whoever may edit the page see it as a draft."""
    if not user.is_authenticated:
        return False
    return is_member(user, council) or page.permissions_for_user(user).can_edit()


def is_public(page: CouncilYearReportPage, request) -> bool:
    """Live, and its view restrictions (if any) let the visitor in, as when Wagtail
    serves the page."""
    return page.live and all(
        restriction.accept_request(request)
        for restriction in page.get_view_restrictions()
    )


def may_make_report(user, council: CouncilPage) -> bool:
    """Only the chair or the secretary make the council's yearly account."""
    return can_adopt(user, council)


# Making the draft --------------------------------------------------------------


def report_for(council: CouncilPage, year: int) -> CouncilYearReportPage | None:
    """The council's yearly account for `year`, draft or published, if any."""
    return (
        CouncilYearReportPage.objects.child_of(council)
        .filter(year=year)
        .order_by("pk")
        .first()
    )


def published_reports(council: CouncilPage):
    """The council's live, public yearly accounts, newest year first."""
    return (
        CouncilYearReportPage.objects.live()
        .public()
        .child_of(council)
        .order_by("-year", "-pk")
    )


def default_year(today: date | None = None) -> int:
    """The chair makes the account of the year that has just ended."""
    return (today or timezone.localdate()).year - 1


def year_refusal(council: CouncilPage, year: int, today: date | None = None):
    """Why the chair cannot make an account for `year` now (a message and the
    existing account, if that is the reason), or None."""
    today = today or timezone.localdate()
    if year > today.year:
        return _("A yearly account cannot be made for a year that has not begun."), None
    existing = report_for(council, year)
    if existing is not None:
        return (
            _("The council already has a yearly account for %(year)s.")
            % {"year": year},
            existing,
        )
    return None


def generated_intro(figures: YearFigures) -> str:
    """The draft of the chair's word: the year in short, and what the chair still
    writes (rich text)."""
    paragraphs = [
        " ".join(summary_sentences(figures)[:2]),
        _(
            "[Chair: write here, in your own words, what the council is proud of, "
            "what did not go well and what the council wants to do next year.]"
        ),
    ]
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


class YearTaken(ValidationError):
    """The year already has an account, or has not begun."""

    def __init__(self, message, existing=None):
        super().__init__(message)
        self.existing = existing


@transaction.atomic
def make_year_report(
    council: CouncilPage, year: int, user, today: date | None = None
) -> CouncilYearReportPage:
    """Create the draft yearly account of `council` for `year`, with a generated
    chair's word, as a first revision by `user`. Raises YearTaken."""
    # One at a time per council: a second click waits and then finds the first.
    CouncilPage.objects.select_for_update().filter(pk=council.pk).first()
    refusal = year_refusal(council, year, today)
    if refusal is not None:
        raise YearTaken(*refusal)
    figures = year_figures(council, year, today)
    page = council.add_child(
        instance=CouncilYearReportPage(
            title=_("Yearly account %(year)s") % {"year": year},
            slug=find_available_slug(council, f"jaarverslag-{year}"),
            year=year,
            intro=generated_intro(figures),
            live=False,
            owner=user,
        )
    )
    page.save_revision(user=user, log_action=True)
    return page


def year_report_offer(user, council: CouncilPage, today: date | None = None):
    """For the dashboard: the year the chair or secretary may make the account of
    (last year) and its account if it exists already; None for everyone else."""
    if not may_make_report(user, council):
        return None
    year = default_year(today)
    return {"year": year, "existing": report_for(council, year)}

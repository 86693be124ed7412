"""The figures of a consultation's report: how many took part (online and live),
their ages where they gave them, the accepted themes with a few quotes and the
"you said, we did" items with their status. The HTML page, the PDF (pdf.py) and
the CSV read them from here.

Every figure is counted in the database, so the report makes the same number of
queries with 10 contributions as with 10,000. Only visible contributions count
(and the support they got); names and nicknames are never read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from inspraak.accounts.models import User

from ..live.models import LiveSession, Participant, Poll, Question
from ..live.services.results import poll_result
from ..models import ConsultationPage, Contribution, FeedbackItem, Support
from .models import SuggestedTheme, ThemeInput

QUOTES_PER_THEME = 3
QUOTE_MAX = 300  # characters of a quote; the CSV has the whole text

SMALL_GROUP = 5  # age bands with fewer people are not counted exactly

# Age bands of signed-in participants who gave a date of birth (accounts.User):
# (label, lowest age, highest age or None). Younger than 12 only shows when found.
AGE_BANDS = (
    ("under_12", gettext_lazy("younger than 12"), 0, 11),
    ("12_15", gettext_lazy("12–15"), 12, 15),
    ("16_17", gettext_lazy("16–17"), 16, 17),
    ("18_23", gettext_lazy("18–23"), 18, 23),
    ("24_plus", gettext_lazy("24 and older"), 24, None),
)


class ItemStatus:
    """The state of a "you said, we did" item in the report."""

    PUBLISHED = "published"
    DRAFT = "draft"
    TO_WRITE = "to_write"  # a draft whose "we did" is still empty

    LABELS = {
        PUBLISHED: gettext_lazy("Published"),
        DRAFT: gettext_lazy("Draft"),
        TO_WRITE: gettext_lazy('Draft: "we did" still to write'),
    }


@dataclass(frozen=True)
class Participation:
    contributions: int
    supports: int
    people: int  # accounts plus browsers without an account
    accounts: int


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: str
    count: int

    @property
    def shown(self) -> str:
        """The count as the report prints it: a band of one to four people says
        "fewer than 5", so that a small group cannot be told apart."""
        if 0 < self.count < SMALL_GROUP:
            return _("fewer than %(count)s") % {"count": SMALL_GROUP}
        return str(self.count)


@dataclass(frozen=True)
class SessionFigures:
    session: LiveSession
    participants: int  # participants who joined (moderators not counted)
    questions: int  # published questions
    polls: list[dict]  # closed polls as live.services.results.poll_result gives them


@dataclass(frozen=True)
class ThemeSummary:
    theme: SuggestedTheme
    inputs: int  # visible contributions and published live questions in the theme
    quotes: list[str]

    @property
    def input_label(self) -> str:
        return ngettext(
            "%(n)s contribution or live question",
            "%(n)s contributions and live questions",
            self.inputs,
        ) % {"n": self.inputs}


@dataclass(frozen=True)
class ItemSummary:
    item: FeedbackItem
    status: str
    contributions: int  # visible contributions it cites
    live_questions: int  # published live questions it cites

    @property
    def status_label(self) -> str:
        return str(ItemStatus.LABELS[self.status])

    @property
    def cites(self) -> str:
        """ "Answers 3 contributions and 1 live question." """
        return _("Answers %(contributions)s and %(questions)s.") % {
            "contributions": ngettext(
                "%(n)s contribution", "%(n)s contributions", self.contributions
            )
            % {"n": self.contributions},
            "questions": ngettext(
                "%(n)s live question", "%(n)s live questions", self.live_questions
            )
            % {"n": self.live_questions},
        }


@dataclass(frozen=True)
class Report:
    consultation: ConsultationPage
    participation: Participation
    # None: nobody who took part gave a date of birth, so there are no ages to show.
    ages: list[AgeBand] | None
    ages_on: date
    sessions: list[SessionFigures]
    themes: list[ThemeSummary]
    items: list[ItemSummary]
    generated_at: object = field(default_factory=timezone.now)

    @property
    def published(self) -> bool:
        return self.consultation.feedback_is_published

    @property
    def live_participants(self) -> int:
        return sum(s.participants for s in self.sessions)

    @property
    def live_questions(self) -> int:
        return sum(s.questions for s in self.sessions)


def visible_contributions(consultation) -> QuerySet[Contribution]:
    return Contribution.objects.filter(consultation=consultation).visible()


def _supports(consultation) -> QuerySet[Support]:
    return Support.objects.filter(
        contribution__consultation=consultation, contribution__hidden_at__isnull=True
    )


def participation(consultation) -> Participation:
    """Visible contributions, their support and the distinct people behind both."""
    totals = visible_contributions(consultation).aggregate(
        contributions=Count("pk"), supports=Coalesce(Sum("support_count"), 0)
    )
    accounts = _accounts(consultation)
    return Participation(
        contributions=totals["contributions"],
        supports=totals["supports"],
        people=accounts + _browsers(consultation),
        accounts=accounts,
    )


def _accounts(consultation) -> int:
    """Accounts that contributed or supported (one query)."""
    contributors = visible_contributions(consultation).filter(user__isnull=False)
    supporters = _supports(consultation).filter(user__isnull=False)
    return (
        contributors.order_by()
        .values("user_id")
        .union(supporters.order_by().values("user_id"))
        .count()
    )


def _browsers(consultation) -> int:
    """Participant keys of rows without an account, except keys also used with an
    account: a browser is that person's, as `participants.same_person` decides."""
    contributions = visible_contributions(consultation)
    supports = _supports(consultation)
    signed_in = [
        rows.filter(user__isnull=False)
        .exclude(participant_key="")
        .values("participant_key")
        for rows in (contributions, supports)
    ]

    def anonymous(rows):
        rows = rows.filter(user__isnull=True).exclude(participant_key="")
        for keys in signed_in:
            rows = rows.exclude(participant_key__in=keys)
        return rows.order_by().values("participant_key")

    return anonymous(contributions).union(anonymous(supports)).count()


def age_reference_day(consultation, today: date | None = None) -> date:
    """Ages are counted on the day input closed (today while it is still open)."""
    today = today or timezone.localdate()
    return min(timezone.localdate(consultation.closes_at), today)


def born_by(day: date, age: int) -> date:
    """The last date of birth of someone who is `age` or older on `day`, by the rule
    of inspraak.core.dates (born on 29 February: a year older on 1 March)."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # `day` is 29 February, that year has none: 28 February
        return day.replace(year=day.year - age, day=28)


def age_bands(consultation, people: int, day: date) -> list[AgeBand] | None:
    """Signed-in participants by age band on `day`, and "not given" for everyone
    else who took part (no account, or no date of birth). One query; None when
    nobody gave a date of birth."""
    contributors = visible_contributions(consultation).values("user_id")
    supporters = _supports(consultation).values("user_id")
    counts = {}
    for key, _label, lowest, highest in AGE_BANDS:
        condition = Q(date_of_birth__lte=born_by(day, lowest))
        if highest is not None:
            condition &= Q(date_of_birth__gt=born_by(day, highest + 1))
        counts[key] = Count("pk", filter=condition)
    found = (
        User.objects.filter(Q(pk__in=contributors) | Q(pk__in=supporters))
        .filter(date_of_birth__isnull=False)
        .aggregate(**counts)
    )
    given = sum(found.values())
    if not given:
        return None
    bands = [
        AgeBand(key, str(label), found[key])
        for key, label, _lowest, _highest in AGE_BANDS
        if key != "under_12" or found[key]
    ]
    bands.append(AgeBand("not_given", _("not given"), max(people - given, 0)))
    return bands


def _count_of(queryset: QuerySet, link: str) -> Coalesce:
    """The number of rows of `queryset` whose `link` is the outer row (a subquery, so
    that two counts do not multiply each other's rows)."""
    counted = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def live_sessions(consultation) -> list[SessionFigures]:
    """Ended sessions (their results are public) with attendance, published
    questions and closed polls: two queries, whatever the number of sessions."""
    sessions = list(
        LiveSession.objects.of_consultation(consultation)
        .with_public_results()
        .annotate(
            joined=_count_of(Participant.objects.filter(user__isnull=True), "session"),
            published=_count_of(
                Question.objects.filter(status=Question.Status.PUBLISHED), "session"
            ),
        )
        .order_by("starts_at", "pk")
    )
    polls = defaultdict(list)
    closed = (
        Poll.objects.filter(
            session__in=[s.pk for s in sessions],
            state=Poll.State.CLOSED,
            opened_at__isnull=False,
        )
        .annotate(total=Count("votes"))
        .order_by("session_id", "opened_at", "pk")
    )
    for poll in closed if sessions else ():
        polls[poll.session_id].append(poll_result(poll, poll.total))
    return [SessionFigures(s, s.joined, s.published, polls[s.pk]) for s in sessions]


def accepted_themes(consultation) -> list[ThemeSummary]:
    """Accepted themes in their order, each with its input still shown and the
    texts of its best ranked visible contributions (two queries)."""
    counted = Q(
        inputs__contribution__isnull=False,
        inputs__contribution__hidden_at__isnull=True,
    ) | Q(inputs__live_question__status=Question.Status.PUBLISHED)
    themes = list(
        SuggestedTheme.objects.filter(
            consultation=consultation, status=SuggestedTheme.Status.ACCEPTED
        )
        .select_related("feedback_item")
        .annotate(input_count=Count("inputs", filter=counted))
        .order_by("sort_order", "pk")
    )
    quotes = defaultdict(list)
    if themes:
        best = (
            ThemeInput.objects.filter(
                theme__in=[t.pk for t in themes],
                contribution__isnull=False,
                contribution__hidden_at__isnull=True,
            )
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("theme_id"),
                    order_by=(F("score").desc(), F("pk").asc()),
                )
            )
            .filter(rank__lte=QUOTES_PER_THEME)
            .order_by("theme_id", "rank")
            .values_list("theme_id", "contribution__text")
        )
        for theme_id, text in best:
            quotes[theme_id].append(Truncator(text).chars(QUOTE_MAX))
    return [ThemeSummary(t, t.input_count, quotes[t.pk]) for t in themes]


def item_status(item: FeedbackItem, consultation) -> str:
    if consultation.feedback_is_published:
        return ItemStatus.PUBLISHED
    return ItemStatus.DRAFT if item.what_we_did.strip() else ItemStatus.TO_WRITE


def feedback_items(consultation) -> list[ItemSummary]:
    """The "you said, we did" items with their status and what they cite (one
    query)."""
    through_contributions = FeedbackItem.contributions.through.objects.filter(
        contribution__hidden_at__isnull=True
    )
    through_questions = Question.feedback_items.through.objects.filter(
        question__status=Question.Status.PUBLISHED
    )
    items = (
        FeedbackItem.objects.filter(consultation=consultation)
        .select_related("theme")
        .annotate(
            cited_contributions=_count_of(through_contributions, "feedbackitem"),
            cited_questions=_count_of(through_questions, "feedbackitem"),
        )
        .order_by("sort_order", "pk")
    )
    return [
        ItemSummary(
            item,
            item_status(item, consultation),
            item.cited_contributions,
            item.cited_questions,
        )
        for item in items
    ]


def consultation_report(consultation: ConsultationPage) -> Report:
    """Everything the report shows, in a fixed number of queries."""
    figures = participation(consultation)
    day = age_reference_day(consultation)
    return Report(
        consultation=consultation,
        participation=figures,
        ages=age_bands(consultation, figures.people, day),
        ages_on=day,
        sessions=live_sessions(consultation),
        themes=accepted_themes(consultation),
        items=feedback_items(consultation),
    )


def csv_rows(consultation) -> Iterator[list]:
    """The organiser's CSV: a header and a row per visible contribution (oldest
    first, read as they are written) with its theme. No nicknames, no accounts."""
    header = [
        _("Number"),
        _("Date"),
        _("Question"),
        _("Text"),
        _("Support"),
        _("Theme"),
        _("Theme status"),
    ]
    theme_of = ThemeInput.objects.filter(contribution=OuterRef("pk"))
    rows = (
        visible_contributions(consultation)
        .annotate(
            theme_name=Subquery(theme_of.values("theme__name")[:1]),
            theme_status=Subquery(theme_of.values("theme__status")[:1]),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "created_at",
            "question__text",
            "text",
            "support_count",
            "theme_name",
            "theme_status",
        )
    )
    statuses = {value: str(label) for value, label in SuggestedTheme.Status.choices}
    idea = _("Idea")

    def lines():
        yield header
        for pk, created_at, question, text, support, theme, status in rows.iterator(
            chunk_size=2000
        ):
            yield [
                pk,
                timezone.localtime(created_at).strftime("%Y-%m-%d %H:%M"),
                question or idea,
                text,
                support,
                theme or "",
                statuses.get(status, ""),
            ]

    return lines()

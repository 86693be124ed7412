"""What the theme workspace shows: the consultation's input counts, the last run
and the themes with their best input, in a fixed number of queries."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from ..live.models import Question
from ..models import Contribution
from .models import SuggestedTheme, ThemeInput, ThemeRun

TOP_INPUT = 5
PER_PAGE = 50


@dataclass
class InputCounts:
    total: int
    in_accepted: int
    in_suggested: int

    @property
    def without_theme(self) -> int:
        return max(0, self.total - self.in_accepted - self.in_suggested)


def visible_inputs():
    """Input whose source anyone can still read (hidden contributions drop out)."""
    return ThemeInput.objects.exclude(contribution__hidden_at__isnull=False)


def input_total(consultation) -> int:
    contributions = Contribution.objects.visible().filter(consultation=consultation)
    questions = Question.objects.filter(
        session__consultation=consultation, status=Question.Status.PUBLISHED
    )
    return contributions.count() + questions.count()


def counts(consultation) -> InputCounts:
    by_status = dict(
        visible_inputs()
        .filter(theme__consultation=consultation)
        .values_list("theme__status")
        .annotate(count=Count("pk"))
    )
    return InputCounts(
        total=input_total(consultation),
        in_accepted=by_status.get(SuggestedTheme.Status.ACCEPTED, 0),
        in_suggested=by_status.get(SuggestedTheme.Status.SUGGESTED, 0),
    )


def with_sources(queryset):
    return queryset.select_related("contribution", "live_question__session")


def themes(consultation) -> list[SuggestedTheme]:
    """The consultation's themes, each with `input_count`, `top_inputs` and
    `share` (of all input, in %)."""
    top = with_sources(visible_inputs().order_by("-score", "pk"))[:TOP_INPUT]
    found = list(
        SuggestedTheme.objects.filter(consultation=consultation)
        .select_related("feedback_item")
        .annotate(
            input_count=Count(
                "inputs", filter=~Q(inputs__contribution__hidden_at__isnull=False)
            )
        )
        .prefetch_related(Prefetch("inputs", queryset=top, to_attr="top_inputs"))
        .order_by("-status", "sort_order", "pk")
    )
    return found


def with_shares(found: list[SuggestedTheme], total: int) -> list[SuggestedTheme]:
    for theme in found:
        theme.share = round(100 * theme.input_count / total) if total else 0
    return found


def last_run(consultation) -> ThemeRun | None:
    return ThemeRun.objects.filter(consultation=consultation).first()


def theme_inputs_page(theme: SuggestedTheme, page_number):
    queryset = with_sources(visible_inputs().filter(theme=theme)).order_by(
        "-score", "pk"
    )
    return Paginator(queryset, PER_PAGE).get_page(page_number)

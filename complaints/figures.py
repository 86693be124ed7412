"""Public figures per organisation: cases per kind and the share decided within the
legal deadline. Counts only; no names, texts or references. The page is
complaints.views.figures."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .case_deadlines import all_atw_extra_days, decision_deadline
from .models import Case

# Only what the deadline needs; nothing that names or describes a person.
FIGURE_FIELDS = (
    "kind",
    "status",
    "organisation__name",
    "organisation__complaint_period_weeks",
    "received_on",
    "decision_made_known_on",
    "repair_requested_on",
    "repaired_on",
    "committee",
    "postponed_weeks",
    "decided_on",
)


@dataclass
class Figure:
    organisation: str
    kind: str
    kind_label: str
    cases: int = 0
    decided: int = 0
    on_time: int = 0

    @property
    def on_time_percent(self) -> int | None:
        """Share of decided cases decided within the deadline, rounded; None when
        nothing was decided yet."""
        if not self.decided:
            return None
        return round(100 * self.on_time / self.decided)


def case_figures(today: date | None = None) -> list[Figure]:
    """One row per organisation and kind, in two queries however many cases."""
    today = today or timezone.localdate()
    extra_days = all_atw_extra_days()
    cases = (
        Case.objects.exclude(status=Case.Status.AWAITING_VERIFICATION)
        .select_related("organisation")
        .only(*FIGURE_FIELDS)
        .order_by()
    )
    labels = dict(Case.Kind.choices)
    rows: dict[tuple[str, str], Figure] = {}
    for case in cases:
        key = (case.organisation.name, case.kind)
        figure = rows.get(key)
        if figure is None:
            figure = rows[key] = Figure(
                case.organisation.name, case.kind, str(labels.get(case.kind, ""))
            )
        figure.cases += 1
        if case.decided_on:
            figure.decided += 1
            if case.decided_on <= decision_deadline(case, today, extra_days=extra_days):
                figure.on_time += 1
    kinds = list(labels)
    return sorted(
        rows.values(), key=lambda f: (f.organisation.lower(), kinds.index(f.kind))
    )

"""Public figures per organisation: cases per kind and the share decided within the
legal deadline. Counts only; no names, texts or references. The page is
complaints.views.figures. Counted in the database on the stored deadline
(complaints.case_deadlines.refresh_deadline keeps it current)."""

from dataclasses import dataclass

from django.db.models import Count, F, Q

from .models import Case


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


def case_figures() -> list[Figure]:
    """One row per organisation and kind, in one query however many cases."""
    decided = Q(decided_on__isnull=False)
    counts = (
        Case.objects.exclude(status=Case.Status.AWAITING_VERIFICATION)
        .order_by()
        .values("organisation__name", "kind")
        .annotate(
            cases=Count("pk"),
            decided=Count("pk", filter=decided),
            on_time=Count("pk", filter=decided & Q(decided_on__lte=F("deadline"))),
        )
    )
    labels = dict(Case.Kind.choices)
    rows = [
        Figure(
            row["organisation__name"],
            row["kind"],
            str(labels.get(row["kind"], "")),
            row["cases"],
            row["decided"],
            row["on_time"],
        )
        for row in counts
    ]
    kinds = list(labels)
    return sorted(rows, key=lambda f: (f.organisation.lower(), kinds.index(f.kind)))

"""Matching experts and assignments: one score, used both ways (the expert's list of
open assignments and the organisation's list of candidates).

Theme of lived experience weighs most, then region, then the kind of work and whether
the expert is free on the days of the sessions. Pure functions over plain values; the
database work is in services.py."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

THEME_WEIGHT = 4
REGION_WEIGHT = 3
WORK_KIND_WEIGHT = 2
AVAILABILITY_WEIGHT = 1


@dataclass(frozen=True)
class Fit:
    themes: frozenset[str]  # the assignment's themes the expert has
    work_kinds: frozenset[str]
    in_region: bool
    available: bool  # free on the weekday of every session (or no sessions yet)

    @property
    def score(self) -> int:
        return (
            THEME_WEIGHT * len(self.themes)
            + REGION_WEIGHT * self.in_region
            + WORK_KIND_WEIGHT * len(self.work_kinds)
            + AVAILABILITY_WEIGHT * self.available
        )

    @property
    def fits_themes(self) -> bool:
        return bool(self.themes)


def fit(
    *,
    expert_themes: Iterable[str],
    expert_work_kinds: Iterable[str],
    expert_region_ids: Iterable[int],
    expert_days: Iterable[str],
    assignment_themes: Iterable[str],
    assignment_work_kinds: Iterable[str],
    organisation_id: int,
    session_dates: Iterable[date],
) -> Fit:
    """How well one expert fits one assignment. `expert_region_ids` already holds
    the regions' member municipalities and the municipalities' regions."""
    days = {str(day) for day in expert_days}
    dates = list(session_dates)
    return Fit(
        themes=frozenset(expert_themes) & frozenset(assignment_themes),
        work_kinds=frozenset(expert_work_kinds) & frozenset(assignment_work_kinds),
        in_region=organisation_id in set(expert_region_ids),
        available=all(str(day.weekday()) in days for day in dates),
    )


def ranked(items: Iterable, key_fit) -> list:
    """`items` best fit first; ties keep their order (e.g. by deadline)."""
    return sorted(items, key=lambda item: -key_fit(item).score)

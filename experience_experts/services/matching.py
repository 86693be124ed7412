"""Matching from the database: the expert's open assignments, an assignment's
candidates and its applications, each ranked by the one score of
experience_experts.matching."""

from collections.abc import Iterable

from django.db.models import Min, Q

from inspraak.organisations.models import Organisation

from .. import matching
from ..models import Application, Assignment, ExpertProfile

RegionPairs = list[tuple[int, int]]


def region_pairs(organisation_ids: set[int] | None = None) -> RegionPairs:
    """(region, member municipality) pairs, all of them or those touching
    `organisation_ids`."""
    pairs = Organisation.member_municipalities.through.objects.all()
    if organisation_ids is not None:
        pairs = pairs.filter(
            Q(from_organisation_id__in=organisation_ids)
            | Q(to_organisation_id__in=organisation_ids)
        )
    return list(pairs.values_list("from_organisation_id", "to_organisation_id"))


def widen(organisation_ids: Iterable[int], pairs: RegionPairs) -> set[int]:
    """The organisations plus the member municipalities of the regions among them,
    plus the regions the municipalities among them belong to."""
    own = set(organisation_ids)
    ids = set(own)
    for region, municipality in pairs:
        if region in own or municipality in own:
            ids.update((region, municipality))
    return ids


def region_ids(organisation_ids: Iterable[int]) -> set[int]:
    """`widen` with the pairs read for just these organisations."""
    ids = set(organisation_ids)
    if not ids:
        return ids
    return widen(ids, region_pairs(ids))


def session_days(assignment: Assignment) -> list:
    """A date for each weekday the assignment meets on: all that the fit needs of
    its sessions (free on those days), in at most seven rows however many sessions
    it has."""
    return list(
        assignment.sessions.order_by()
        .values("date__week_day")
        .annotate(day=Min("date"))
        .values_list("day", flat=True)
    )


def fit_for(
    profile: ExpertProfile,
    assignment: Assignment,
    regions: set[int],
    session_dates: list | None = None,
) -> matching.Fit:
    """The score of one expert for one assignment; `regions` comes from `widen`.
    Pass `session_dates` (`session_days`) unless the sessions are prefetched."""
    if session_dates is None:
        session_dates = [session.date for session in assignment.sessions.all()]
    return matching.fit(
        expert_themes=profile.themes,
        expert_work_kinds=profile.work_kinds,
        expert_region_ids=regions,
        expert_days=profile.available_days,
        assignment_themes=assignment.themes,
        assignment_work_kinds=assignment.work_kinds,
        organisation_id=assignment.organisation_id,
        session_dates=session_dates,
    )


def _fit_of_profile(profile: ExpertProfile, assignment: Assignment, pairs, dates):
    own = (region.pk for region in profile.regions.all())
    return fit_for(profile, assignment, widen(own, pairs), dates)


def matching_assignments(profile: ExpertProfile) -> list[Assignment]:
    """Open assignments, best fit first; each gets `.fit`. Few assignments are open
    at a time, so the score is computed in Python over all of them."""
    regions = region_ids(profile.regions.values_list("pk", flat=True))
    assignments = list(
        Assignment.objects.open()
        .select_related("organisation", "procurement_round")
        .prefetch_related("sessions")
    )
    for assignment in assignments:
        assignment.fit = fit_for(profile, assignment, regions)
    return matching.ranked(assignments, lambda a: a.fit)


def candidates(assignment: Assignment) -> list[ExpertProfile]:
    """Experts who let organisations find them, best fit first (`.fit` on each)."""
    profiles = list(
        ExpertProfile.objects.active()
        .filter(findable=True)
        .select_related("user")
        .prefetch_related("regions")
        .order_by("user__display_name", "pk")
    )
    pairs = region_pairs()
    dates = session_days(assignment)
    for profile in profiles:
        profile.fit = _fit_of_profile(profile, assignment, pairs, dates)
    return matching.ranked(profiles, lambda p: p.fit)


def ranked_applications(assignment: Assignment) -> list[Application]:
    """The applications with the applicant's profile and `.fit`, best fit first."""
    applications = list(
        assignment.applications.select_related("expert", "expert__expert_profile")
        .prefetch_related("expert__expert_profile__regions")
        .order_by("created_at")
    )
    dates = session_days(assignment)
    pairs = region_pairs()
    for application in applications:
        profile = getattr(application.expert, "expert_profile", None)
        application.profile = profile
        if profile is None:
            application.fit = matching.Fit(frozenset(), frozenset(), False, False)
            continue
        application.fit = _fit_of_profile(profile, assignment, pairs, dates)
    return matching.ranked(applications, lambda a: a.fit)

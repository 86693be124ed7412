"""Ranking polls: a participant puts every option in order (one ranking each, a
`Vote` whose `choices` are the order), and the results are the average rank per
option, lower is better, counted in the database in one aggregate query over the
rankings' places (`RankedOption`)."""

from __future__ import annotations

from django.db.models import Avg, Count

from .. import protocol as p
from ..models import Poll, RankedOption, Vote
from .base import LiveError


def empty_ranking(options: list[str]) -> dict:
    """The results of a ranking nobody sent yet."""
    return {"average": [None] * len(options), "rankings": 0}


def ranking_row(poll: Poll, order: list[int] | None) -> dict:
    """The vote's fields for a ranking: `order` must hold every option index of the
    poll exactly once (the protocol already refused other shapes)."""
    if order is None:
        raise LiveError(p.MISSING_FIELD, "order")
    if sorted(order) != list(range(len(poll.options))):
        raise LiveError(p.INVALID_RANKING, "order")
    return {"choices": list(order)}


def store_places(vote: Vote) -> None:
    """The places of a stored ranking, one row per option (1: the first)."""
    RankedOption.objects.bulk_create(
        RankedOption(vote=vote, poll_id=vote.poll_id, option=option, position=place)
        for place, option in enumerate(vote.choices, start=1)
    )


def average_ranks(poll: Poll) -> dict:
    """`{"average": [per option, 2 decimals, or None], "rankings": n}`: one
    aggregate query. Every ranking places every option, so n is the same for all."""
    results = empty_ranking(poll.options)
    rows = (
        RankedOption.objects.filter(poll_id=poll.pk)
        .order_by()
        .values_list("option")
        .annotate(average=Avg("position"), n=Count("pk"))
    )
    for option, average, n in rows:
        if 0 <= option < len(results["average"]):
            results["average"][option] = round(float(average), 2)
            results["rankings"] = max(results["rankings"], n)
    return results


def is_ranking(results) -> bool:
    """Results of a ranking poll? (A word cloud's values are numbers, never lists.)"""
    return isinstance(results, dict) and isinstance(results.get("average"), list)


def newer_ranking(known, results: dict) -> dict:
    """Of two copies of a ranking's results, the one that counts more rankings (the
    number only grows; averages do not, so they are not merged by the larger)."""
    if is_ranking(known) and known["rankings"] > results["rankings"]:
        return known
    return results

"""An organisation's assignment: its criteria and round, and the steps between its
states (TRANSITIONS)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import Refused
from ..models import Assignment, Criterion
from .bookings import ACTIVE, end_booking

# The states an assignment may move to from each state.
TRANSITIONS = {
    Assignment.State.DRAFT: {Assignment.State.OPEN, Assignment.State.CANCELLED},
    Assignment.State.OPEN: {
        Assignment.State.FILLED,
        Assignment.State.IN_PROGRESS,
        Assignment.State.CANCELLED,
    },
    Assignment.State.FILLED: {
        Assignment.State.OPEN,
        Assignment.State.IN_PROGRESS,
        Assignment.State.CANCELLED,
    },
    Assignment.State.IN_PROGRESS: {
        Assignment.State.COMPLETED,
        Assignment.State.CANCELLED,
    },
    Assignment.State.COMPLETED: set(),
    Assignment.State.CANCELLED: set(),
}


def check_criteria(assignment: Assignment, criteria: Iterable[Criterion]) -> None:
    """Only published criteria of the assignment's own round may be attached
    (Aanbestedingswet: only published criteria may be scored)."""
    for criterion in criteria:
        if assignment.procurement_round_id is None or (
            criterion.procurement_round_id != assignment.procurement_round_id
        ):
            raise Refused(_("A criterion must belong to the assignment's round."))
        if not criterion.is_published():
            raise Refused(
                _(
                    "“%(title)s” is not published yet. Only published criteria may be "
                    "used."
                )
                % {"title": criterion.title}
            )


def check_round(assignment: Assignment) -> None:
    procurement_round = assignment.procurement_round
    if (
        procurement_round is not None
        and procurement_round.organisation_id != assignment.organisation_id
    ):
        raise Refused(_("Choose a procurement round of your own organisation."))


def set_state(assignment: Assignment, state: str) -> Assignment:
    if state not in TRANSITIONS[Assignment.State(assignment.state)]:
        raise Refused(_("This step is not possible for this assignment now."))
    if state == Assignment.State.OPEN and not assignment.sessions.exists():
        raise Refused(_("Add at least one session before you publish."))
    assignment.state = state
    assignment.save(update_fields=["state"])
    if state == Assignment.State.CANCELLED:
        for booking in assignment.bookings.filter(status__in=ACTIVE).select_related(
            "expert"
        ):
            end_booking(
                booking,
                gettext_lazy("Assignment cancelled: %(title)s"),
                gettext_lazy("The organisation cancelled the assignment “%(title)s”."),
            )
    return assignment

"""After the work: the organisation says what it did with the input, the expert
rates the assignment."""

from django.utils.translation import gettext as _

from ..exceptions import Refused
from ..models import Assignment, AssignmentOutcome, Booking, Rating


def record_outcome(by, assignment: Assignment, text: str) -> AssignmentOutcome:
    if assignment.state not in (
        Assignment.State.IN_PROGRESS,
        Assignment.State.COMPLETED,
    ):
        raise Refused(_("Write what you did with the input once the work has started."))
    if not text.strip():
        raise Refused(_("Write what you did with the experts' input."))
    outcome, _created = AssignmentOutcome.objects.update_or_create(
        assignment=assignment, defaults={"text": text.strip(), "written_by": by}
    )
    return outcome


def rate(user, booking: Booking, stars: int, comment: str = "") -> Rating:
    if booking.expert_id != user.pk or booking.status != Booking.Status.CONFIRMED:
        raise Refused(_("You can only rate assignments you worked on."))
    if booking.assignment.state != Assignment.State.COMPLETED:
        raise Refused(_("You can rate the assignment once it is completed."))
    if not 1 <= stars <= 5:
        raise Refused(_("Choose 1 to 5 stars."))
    rating, _created = Rating.objects.update_or_create(
        booking=booking,
        defaults={"expert": user, "stars": stars, "comment": comment.strip()},
    )
    return rating

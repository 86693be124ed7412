"""The steps a handler can take on a case, as one table: when each step is on offer
and which flow performs it. Views list the steps with `allowed_actions` and run
one with `perform`; the flows check the law again (a step the law does not allow
raises ValueError with a message for the handler).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from .flows import closing, decision, handling, messages
from .models import Case


@dataclass(frozen=True)
class Done:
    """What a step did, for the handler: a confirmation and, rarely, a warning."""

    message: str
    warning: str = ""


@dataclass(frozen=True)
class Transition:
    # Whether the step is on offer for this case and this handler.
    allowed: Callable[[Case, object], bool]
    # Runs the flow with the form's cleaned data.
    run: Callable[[Case, object, dict], Done]


def _open(case: Case, user) -> bool:
    return case.is_open


def _take(case, user, data):
    handling.take_case(case, user)
    return Done(_("You now handle this case."))


def _acknowledge(case, user, data):
    handling.acknowledge(case, user)
    return Done(_("Receipt confirmed. The person got a written confirmation."))


def _in_progress(case, user, data):
    handling.set_status(case, Case.Status.IN_PROGRESS, user)
    return Done(_("The case is now being handled."))


def _committee(case, user, data):
    handling.note_committee(case, user)
    return Done(
        _("Advisory committee noted. The deadline is now %(date)s.")
        % {"date": formats.date_format(case.decision_deadline(), "j F Y")}
    )


def _postpone(case, user, data):
    deadline = handling.postpone(case, data["weeks"], data["notice"], user)
    return Done(
        _("Postponed. The new deadline is %(date)s. The person got your notice.")
        % {"date": formats.date_format(deadline, "j F Y")}
    )


def _hearing(case, user, data):
    short = handling.plan_hearing(case, data["at"], data["place"], user)
    warning = ""
    if short:
        warning = _(
            "The hearing is less than 10 days away. For an objection, invite "
            "the person well ahead: more than 10 days is the rule in case law."
        )
    return Done(_("Hearing planned. The person got an invitation."), warning)


def _decide(case, user, data):
    decision.decide(
        case, data["outcome"], data["text"], user, jeugdwet=data.get("jeugdwet", True)
    )
    return Done(_("Decided. The person got the written outcome with the next step."))


def _decline(case, user, data):
    closing.decline(case, data["reason"], user)
    return Done(_("The complaint is not handled. The person got the reason."))


def _forward(case, user, data):
    closing.forward(case, data["reason"], user)
    return Done(_("The case was forwarded. The person was told."))


def _withdraw(case, user, data):
    closing.withdraw(case, data["note"], user)
    return Done(_("The case is withdrawn."))


def _close(case, user, data):
    closing.close_case(case, user)
    return Done(_("The case is closed."))


def _message(case, user, data):
    messages.handler_message(case, user, data["text"])
    return Done(_("Message sent."))


TRANSITIONS: dict[str, Transition] = {
    "take": Transition(
        lambda case, user: _open(case, user) and case.handler_id != user.pk, _take
    ),
    "acknowledge": Transition(
        lambda case, user: _open(case, user) and not case.acknowledged_on,
        _acknowledge,
    ),
    "in_progress": Transition(
        lambda case, user: _open(case, user) and case.status != Case.Status.IN_PROGRESS,
        _in_progress,
    ),
    "committee": Transition(
        lambda case, user: (
            _open(case, user)
            and case.kind in handling.COMMITTEE_KINDS
            and not case.committee
        ),
        _committee,
    ),
    "postpone": Transition(
        lambda case, user: _open(case, user) and not case.postponed_weeks, _postpone
    ),
    "hearing": Transition(_open, _hearing),
    "decide": Transition(_open, _decide),
    "decline": Transition(
        lambda case, user: _open(case, user) and case.kind != Case.Kind.OBJECTION,
        _decline,
    ),
    "forward": Transition(_open, _forward),
    "withdraw": Transition(_open, _withdraw),
    "close": Transition(lambda case, user: case.status == Case.Status.DECIDED, _close),
    "message": Transition(lambda case, user: True, _message),
}


def allowed_actions(case: Case, user) -> set[str]:
    """The steps that make sense now for this case and handler."""
    return {
        name
        for name, transition in TRANSITIONS.items()
        if transition.allowed(case, user)
    }


def perform(action: str, case: Case, user, data: dict) -> Done:
    """Run one step with the form's cleaned data. Raises KeyError for an unknown
    step and ValueError when the law does not allow it now."""
    return TRANSITIONS[action].run(case, user, data)

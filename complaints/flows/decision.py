"""The written, reasoned outcome of a case and the next step the person can take
when they do not agree (court or ombudsman), with its deadline."""

from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspraak.core.dates import anniversary

from .. import deadlines
from ..case_deadlines import all_atw_extra_days
from ..models import (
    Case,
)
from .letters import letter_values, long_date, person_language, tell_person
from .records import record_step, require_open

OMBUDSMAN_YEARS = 1  # Awb 9:24: the ombudsman may refuse a request after a year


def one_year_after(day: date) -> date:
    """The last day for the ombudsman (Awb 9:24), by the one rule of
    inspraak.core.dates for 29 February."""
    return anniversary(day, OMBUDSMAN_YEARS)


def next_step(case: Case, decided_on: date, *, jeugdwet: bool = True) -> str:
    """What the person can do when they do not agree, with its deadline: appeal to
    the court within 6 weeks (Awb 6:7, 8:1), or the ombudsman within a year
    (9:24)."""
    if case.kind == Case.Kind.OBJECTION:
        # The appeal period runs from the day after the decision was sent (6:8).
        until = deadlines.objection_period_end(decided_on, all_atw_extra_days())
        court = (
            _("the juvenile judge (kinderrechter) of the court")
            if jeugdwet
            else _("the administrative court")
        )
        return _(
            "Do you not agree with this decision? Then you can appeal to "
            "%(court)s. Do this within 6 weeks, by %(date)s at the latest (Awb 6:7 "
            "and 8:1)."
        ) % {"court": court, "date": long_date(until)}
    until = one_year_after(decided_on)
    if case.kind == Case.Kind.MUNICIPAL_COMPLAINT:
        return _(
            "Are you not satisfied with how we handled your complaint? Then you can "
            "go to the municipal ombudsman or the Nationale ombudsman, and for the "
            "rights of children to the Kinderombudsman. Do this within one year, by "
            "%(date)s at the latest (Awb 9:24)."
        ) % {"date": long_date(until)}
    return _(
        "Are you not satisfied with the outcome? Then you can go to the "
        "Kinderombudsman or the Nationale ombudsman within one year, by %(date)s at "
        "the latest. You can also go to the civil court."
    ) % {"date": long_date(until)}


@transaction.atomic
def decide(
    case: Case,
    outcome: str,
    text: str,
    handler,
    today: date | None = None,
    *,
    jeugdwet: bool = True,
) -> None:
    """The written, reasoned outcome (Awb 9:12; 7:12 for objections). The next step
    and its deadline are added to the text and sent to the person."""
    today = today or timezone.localdate()
    require_open(case)
    text = (text or "").strip()
    if not text:
        raise ValueError(_("Write the reasons for the outcome."))
    if outcome not in Case.Outcome.values:
        raise ValueError(_("Choose an outcome."))
    with translation.override(person_language(case)):
        step = next_step(case, today, jeugdwet=jeugdwet)
    case.decided_on = today
    case.outcome = outcome
    case.outcome_text = f"{text}\n\n{step}"
    case.status = Case.Status.DECIDED
    case.handler = case.handler or handler
    case.save(
        update_fields=["decided_on", "outcome", "outcome_text", "status", "handler"]
    )
    record_step(
        case,
        handler,
        note=_("Decided: %(outcome)s.") % {"outcome": case.get_outcome_display()},
        detail="decide",
    )

    def build():
        values = letter_values(case, outcome=case.get_outcome_display())
        subject = _("Decision on your case %(reference)s") % values
        body = "\n\n".join([_("Outcome: %(outcome)s.") % values, case.outcome_text])
        return subject, body

    tell_person(case, "case_decision", build)

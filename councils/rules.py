"""Rules of advice and its answer, as pure functions. Nothing here reads the
database; the models, forms and flows all ask these."""

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_ANSWER_WEEKS = 6


class Verdict(models.TextChoices):
    """What the addressee does with the advice (or with one of its points)."""

    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


def answer_due_on(sent_on: date, weeks: int) -> date:
    """The last day for an answer: `weeks` after the day the advice was sent. No law
    sets this period (Jeugdwet 2.10 leaves it to the municipal bylaw), so the council
    sets it; the default is 6 weeks."""
    return sent_on + timedelta(weeks=weeks)


# Wmcz 2018 art. 7 (client councils) and good practice for every council: a decision
# that deviates from the advice is written, with reasons.
def reasons_required(verdict: str) -> bool:
    """Reasons are required for any verdict other than fully adopted."""
    return verdict != Verdict.ADOPTED

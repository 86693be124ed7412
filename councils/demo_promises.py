"""Demo promises for `manage.py seed_demo`: the answered advice "Jongeren praten mee
over inkoop" (adopted) gets one promise kept, with the addressee's report, and one
still open past its date; a young person follows the advice.

Dates are relative to today, so the demo keeps showing a kept and a late promise.
Idempotent: nothing is made twice."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspraak.pages.translation import originals

from .models import AdviceFollower, AdvicePage, Promise, PromiseProgress

ADVICE_SLUG = "jongeren-praten-mee-over-inkoop"
CHAIR = "voorzitter@jongerenraad.test"
# Answers advice for Gemeente Voorstad (policy officer and advice responder).
ADDRESSEE_STAFF = "beleid@voorstad.test"
FOLLOWER = "jongere@inspraak.test"


def seed_promises() -> None:
    advice = originals(AdvicePage.objects.filter(slug=ADVICE_SLUG)).first()
    answer = getattr(advice, "answer", None) if advice else None
    if answer is None:
        return
    users = {
        user.email: user
        for user in get_user_model().objects.filter(
            email__in=[CHAIR, ADDRESSEE_STAFF, FOLLOWER]
        )
    }
    if FOLLOWER in users:
        AdviceFollower.objects.get_or_create(advice=advice, user=users[FOLLOWER])
    if Promise.objects.filter(advice=advice).exists():
        return  # made by an earlier run
    today = timezone.localdate()
    answered_on = answer.answered_on
    kept = Promise.objects.create(
        advice=advice,
        text="Bij de volgende inkoopronde zitten twee jongeren in het "
        "beoordelingspanel.",
        visible_by=today - timedelta(weeks=2),
        state=Promise.State.KEPT,
        settled_on=today - timedelta(weeks=3),
        recorded_on=answered_on + timedelta(days=7),
        recorded_by=users.get(CHAIR),
    )
    PromiseProgress.objects.create(
        promise=kept,
        text="Eerst gaven we een training over het beoordelen van aanbieders. "
        "Daarna zaten Noor en Daan in het panel.",
        state=Promise.State.OPEN,
        reported_on=today - timedelta(weeks=5),
        reported_by=users.get(ADDRESSEE_STAFF),
    )
    PromiseProgress.objects.create(
        promise=kept,
        text="Twee jongeren hebben alle inschrijvingen mee beoordeeld. Hun "
        "oordeel telde even zwaar als dat van de ambtenaren.",
        state=Promise.State.KEPT,
        reported_on=today - timedelta(weeks=3),
        reported_by=users.get(ADDRESSEE_STAFF),
    )
    Promise.objects.create(
        advice=advice,
        text="We vragen de jongeren na afloop wat beter kan, en zetten hun "
        "antwoorden op deze pagina.",
        visible_by=today - timedelta(days=5),
        recorded_on=answered_on + timedelta(days=7),
        recorded_by=users.get(CHAIR),
    )

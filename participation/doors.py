"""The live facts of the home page's "take part" door (inspraak.pages.doors):
how many consultations are open now and how many live sessions are on today."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import ngettext

from inspraak.pages.translation import originals

from .live.models import LiveSession
from .models import ConsultationPage


def take_part_facts(now=None) -> list[str]:
    now = now or timezone.now()
    open_now = originals(ConsultationPage.objects.live().public()).open_on(now).count()
    today = timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(today, time.min))
    sessions = (
        LiveSession.objects.filter(
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=1),
            consultation__live=True,
        )
        .exclude(state=LiveSession.State.ENDED)
        .count()
    )
    facts = [
        ngettext(
            "%(count)d consultation is open now.",
            "%(count)d consultations are open now.",
            open_now,
        )
        % {"count": open_now}
    ]
    if sessions:
        facts.append(
            ngettext(
                "%(count)d live session today.",
                "%(count)d live sessions today.",
                sessions,
            )
            % {"count": sessions}
        )
    return facts

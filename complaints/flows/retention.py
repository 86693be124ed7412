"""The retention period of a closed case and the anonymisation when it ends
(manage.py anonymise_closed_cases)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from inspraak.core.dates import anniversary

from ..models import (
    Case,
    CaseAccessLog,
    CaseAttachment,
    CaseEvent,
    CaseMessage,
)

# Municipal complaint files (Selectielijst gemeenten, docs/domain.md).
RETENTION_YEARS = 5


def retention_ends_on(closed_on: date, years: int = RETENTION_YEARS) -> date:
    """The day a closed case's personal data goes: `years` after closing, by the one
    rule of inspraak.core.dates (29 February becomes 1 March in a common year)."""
    return anniversary(closed_on, years)


@transaction.atomic
def anonymise_case(case: Case) -> None:
    """Remove every personal detail from a closed case; keep what the public figures
    need (kind, organisation, dates, status, outcome)."""
    for attachment in CaseAttachment.objects.filter(case=case):
        attachment.file.delete(save=False)
        attachment.delete()
    CaseMessage.objects.filter(case=case).delete()
    CaseEvent.objects.filter(case=case).update(note="", by=None)
    CaseAccessLog.objects.filter(case=case).update(user=None, detail="")
    Case.objects.filter(pk=case.pk).update(
        filed_by=None,
        handler=None,
        guest_email="",
        name="",
        address="",
        phone="",
        on_behalf_of="",
        decision_description="",
        decision_reference="",
        conduct_description="",
        grounds="",
        wish="",
        late_reason="",
        missing_parts=[],
        postponement_notice="",
        hearing_place="",
        outcome_text="",
        closing_reason="",
        anonymised_on=timezone.localdate(),
    )


def anonymise_closed_cases(
    today: date | None = None, years: int = RETENTION_YEARS
) -> int:
    """Anonymise every closed case whose retention period has ended."""
    today = today or timezone.localdate()
    due = [
        case
        for case in Case.objects.filter(
            closed_on__isnull=False, anonymised_on__isnull=True
        )
        if retention_ends_on(case.closed_on, years) <= today
    ]
    for case in due:
        anonymise_case(case)
    return len(due)

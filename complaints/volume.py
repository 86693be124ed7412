"""Volume data for `manage.py seed_volume`: cases of the demo municipality
(Voorstad) in every state, with their events and messages, and a person's own
cases.

References come from the real counter (ReferenceCounter), raised once per prefix
and year for the whole batch; each case's events follow the statuses it went
through, in order, ending in its current status."""

import secrets
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from inspraak.organisations.models import Organisation

from .case_deadlines import all_atw_extra_days, refresh_deadline
from .models import Case, CaseEvent, CaseMessage
from .models.cases import ReferenceCounter

BATCH = 1000
S = Case.Status
PATHS = [
    [S.RECEIVED],
    [S.RECEIVED, S.REPAIR_REQUESTED],
    [S.RECEIVED, S.ACKNOWLEDGED],
    [S.RECEIVED, S.ACKNOWLEDGED, S.IN_PROGRESS],
    [S.RECEIVED, S.ACKNOWLEDGED, S.HEARING_PLANNED],
    [S.RECEIVED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.DECIDED],
    [S.RECEIVED, S.ACKNOWLEDGED, S.DECIDED, S.CLOSED],
    [S.RECEIVED, S.WITHDRAWN],
]


def seed_volume(rows: int, person, person_rows: int) -> dict[str, int]:
    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    handler = get_user_model().objects.get(email="klachten@voorstad.test")
    added = {"cases": 0, "case events": 0, "case messages": 0}
    for n, filed_by in ((rows, None), (person_rows, person)):
        for what, count in _cases(voorstad, handler, n, filed_by=filed_by).items():
            added[what] += count
    return added


def _cases(organisation, handler, n: int, *, filed_by) -> dict[str, int]:
    today = timezone.localdate()
    plans = []
    for i in range(n):
        kind = Case.Kind.OBJECTION if i % 2 else Case.Kind.MUNICIPAL_COMPLAINT
        received = today - timedelta(days=(i * 7) % 365)
        plans.append((i, kind, received, PATHS[i % len(PATHS)]))
    references = _references(
        [(kind, received.year) for _i, kind, received, _p in plans]
    )
    extra_days = all_atw_extra_days()
    cases = [
        _case(i, kind, received, path, organisation, handler, filed_by, reference)
        for (i, kind, received, path), reference in zip(plans, references, strict=True)
    ]
    # bulk_create does not call Case.save: store each deadline as save would.
    for case in cases:
        refresh_deadline(case, today, extra_days=extra_days)
    Case.objects.bulk_create(cases, batch_size=BATCH)
    events, messages = [], []
    for case, (_i, _kind, received, path) in zip(cases, plans, strict=True):
        for step, status in enumerate(path):
            at = datetime.combine(received + timedelta(days=2 * step), time(10))
            events.append(
                CaseEvent(
                    case=case,
                    status=status,
                    at=timezone.make_aware(at),
                    by=handler if step else None,
                )
            )
        messages.append(
            CaseMessage(
                case=case,
                author=handler,
                from_handler=True,
                text="We hebben je zaak ontvangen en nemen contact met je op.",
                sent_at=timezone.make_aware(datetime.combine(received, time(11))),
            )
        )
    CaseEvent.objects.bulk_create(events, batch_size=BATCH)
    CaseMessage.objects.bulk_create(messages, batch_size=BATCH)
    return {"cases": len(cases), "case events": len(events), "case messages": n}


def _references(kinds_years: list[tuple[str, int]]) -> list[str]:
    """The next free references, as `next_reference` gives them one by one: each
    counter is raised once, under its row lock, by the number it hands out."""
    needed: dict[tuple[str, int], int] = {}
    for kind, year in kinds_years:
        key = (Case.PREFIXES[kind], year)
        needed[key] = needed.get(key, 0) + 1
    nexts = {}
    with transaction.atomic():
        for (prefix, year), count in needed.items():
            counter, _created = (
                ReferenceCounter.objects.select_for_update().get_or_create(
                    prefix=prefix, year=year
                )
            )
            nexts[prefix, year] = counter.last
            counter.last += count
            counter.save(update_fields=["last"])
    references = []
    for kind, year in kinds_years:
        key = (Case.PREFIXES[kind], year)
        nexts[key] += 1
        references.append(f"{key[0]}-{year}-{nexts[key]:06d}")
    return references


def _case(i, kind, received, path, organisation, handler, filed_by, reference):
    status = path[-1]
    fields = {
        "reference": reference,
        "kind": kind,
        "status": status,
        "organisation": organisation,
        "received_on": received,
        "access_nonce": secrets.token_urlsafe(16),
        "name": filed_by.display_name if filed_by else f"Indiener {i}",
        "filed_by": filed_by,
        "guest_email": "" if filed_by else f"indiener{i}@example.test",
        "guest_verified_at": None if filed_by else timezone.now(),
        "wish": "Dat het beter gaat.",
    }
    if kind == Case.Kind.OBJECTION:
        fields.update(
            decision_description="Besluit over jeugdhulp.",
            decision_made_known_on=received - timedelta(days=10),
            grounds="Ik ben het niet eens met het besluit.",
        )
    else:
        fields.update(
            conduct_description="Niemand belde terug.",
            conduct_date=received - timedelta(days=14),
        )
    if S.ACKNOWLEDGED in path:
        fields.update(acknowledged_on=received + timedelta(days=2), handler=handler)
    if status == S.REPAIR_REQUESTED:
        fields.update(
            missing_parts=["grounds"],
            repair_requested_on=received + timedelta(days=2),
            repair_due_on=received + timedelta(days=16),
        )
    if status == S.HEARING_PLANNED:
        fields.update(
            hearing_at=timezone.make_aware(
                datetime.combine(received + timedelta(days=30), time(14))
            ),
            hearing_place="Stadhuis Voorstad",
        )
    if S.DECIDED in path:
        fields.update(
            decided_on=received + timedelta(days=30),
            outcome=Case.Outcome.choices[i % 3][0],
            outcome_text="Het besluit, met redenen.",
        )
    if status in (S.CLOSED, S.WITHDRAWN):
        fields["closed_on"] = received + timedelta(days=35)
    if status == S.WITHDRAWN:
        fields["closing_reason"] = "Ingetrokken: opgelost in een gesprek."
    return Case(**fields)

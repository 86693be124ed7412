"""Public figures: cases per organisation and kind, the share decided in time, and
no personal data."""

from datetime import date, timedelta

from django.urls import reverse

import pytest

from complaints.figures import case_figures
from complaints.models import Case
from complaints.models.cases import next_reference

pytestmark = pytest.mark.django_db


def make(organisation, kind=Case.Kind.MUNICIPAL_COMPLAINT, **fields):
    return Case.objects.create(
        reference=next_reference(kind, 2026),
        kind=kind,
        organisation=organisation,
        name="Fleur Jansen",
        guest_email="fleur@example.test",
        grounds="Geheime klacht over mijn dochter",
        **fields,
    )


def test_empty_state(client):
    response = client.get(reverse("complaints:figures"))
    assert response.status_code == 200
    assert response.context["organisations"] == {}


def test_share_decided_within_the_deadline_without_personal_data(
    client, organisation_factory, django_assert_max_num_queries
):
    town = organisation_factory(name="Gemeente Cijfers")
    received = date(2026, 3, 2)
    on_time = make(town, received_on=received)
    make(town, received_on=received, decided_on=on_time.decision_deadline())
    make(
        town,
        received_on=received,
        decided_on=on_time.decision_deadline() + timedelta(days=1),
    )
    make(town, kind=Case.Kind.OBJECTION, received_on=received)
    make(town, status=Case.Status.AWAITING_VERIFICATION)
    with django_assert_max_num_queries(2):
        rows = case_figures()
    complaint = next(r for r in rows if r.kind == Case.Kind.MUNICIPAL_COMPLAINT)
    assert (complaint.cases, complaint.decided, complaint.on_time) == (3, 2, 1)
    assert complaint.on_time_percent == 50
    objection = next(r for r in rows if r.kind == Case.Kind.OBJECTION)
    assert objection.on_time_percent is None

    page = client.get(reverse("complaints:figures")).content.decode()
    assert "Gemeente Cijfers" in page and "50%" in page
    for personal in ("Fleur", "Jansen", "fleur@example.test", "Geheime", "KL-2026"):
        assert personal not in page

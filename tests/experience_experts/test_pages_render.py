"""Every page renders for the people who use it, on the demo content."""

import pytest

from experience_experts.models import (
    Assignment,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
)
from inspraak.accounts.models import User

pytestmark = pytest.mark.django_db

BASE = "/ervaringsdeskundigen"


def login(client, email):
    client.force_login(User.objects.get(email=email))


def test_expert_pages_render(client, demo_site):
    login(client, "ervaringsdeskundige@inspraak.test")
    sam_booking = Booking.objects.filter(
        expert__email="ervaringsdeskundige@inspraak.test",
        assignment__state="in_progress",
    ).get()
    completed = Booking.objects.filter(
        expert__email="ervaringsdeskundige@inspraak.test",
        assignment__state="completed",
    ).first()
    for url in (
        f"{BASE}/",
        f"{BASE}/profiel/",
        f"{BASE}/opdrachten/",
        f"{BASE}/agenda/",
        f"{BASE}/overzicht/2025/",
        f"{BASE}/overzicht/2026/",
        f"{BASE}/boekingen/{sam_booking.pk}/",
        f"{BASE}/boekingen/{sam_booking.pk}/overzicht/",
        f"{BASE}/boekingen/{completed.pk}/",
        f"{BASE}/profiel/verwijderen/",
    ) + tuple(
        f"{BASE}/opdrachten/{pk}/"
        for pk in Assignment.objects.exclude(state="draft").values_list("pk", flat=True)
    ):
        assert client.get(url).status_code == 200, url


def test_pages_of_ravi_with_a_pending_declaration(client, demo_site):
    login(client, "ravi@inspraak.test")
    booking = Booking.objects.get(expert__email="ravi@inspraak.test")
    response = client.get(f"{BASE}/boekingen/{booking.pk}/")
    assert response.status_code == 200
    assert response.context["blocker"]
    declaration = ConflictDeclaration.objects.get(expert=booking.expert)
    assert client.get(f"{BASE}/verklaringen/{declaration.pk}/").status_code == 200


def test_a_freelancer_gets_the_invoice_of_the_demo(client, demo_site):
    login(client, "fleur@inspraak.test")
    booking = Booking.objects.get(
        expert__email="fleur@inspraak.test", assignment__state="completed"
    )
    response = client.get(f"{BASE}/boekingen/{booking.pk}/factuur/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_organisation_pages_render(client, demo_site):
    login(client, "inkoop@midden-voorland.test")
    panel = Assignment.objects.get(procurement_round__reference="MV-2027-JH")
    booking = panel.bookings.get()
    declaration = ConflictDeclaration.objects.get(
        procurement_round__reference="MV-2027-JH"
    )
    application = panel.applications.first()
    for url in (
        f"{BASE}/",
        f"{BASE}/opdrachten/beheer/",
        f"{BASE}/opdrachten/nieuw/",
        f"{BASE}/opdrachten/{panel.pk}/",
        f"{BASE}/opdrachten/{panel.pk}/bewerken/",
        f"{BASE}/opdrachten/{panel.pk}/kandidaten/",
        f"{BASE}/opdrachten/{panel.pk}/aanmeldingen/{application.pk}/",
        f"{BASE}/boekingen/{booking.pk}/",
        f"{BASE}/verklaringen/{declaration.pk}/",
        f"{BASE}/export/?year=2025",
    ):
        assert client.get(url).status_code == 200, url
    assert ExpertProfile.objects.count() == 4


def test_admin_lists_rounds_and_limits(client, demo_site):
    login(client, "beheer@inspraak.test")
    for url in (
        "/admin/snippets/experience_experts/procurementround/",
        "/admin/snippets/experience_experts/allowancelimits/",
        "/admin/snippets/experience_experts/procurementround/add/",
        "/admin/snippets/experience_experts/allowancelimits/add/",
    ):
        assert client.get(url).status_code == 200, url

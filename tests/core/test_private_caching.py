"""Private pages are never kept by a browser or a shared cache: every response to a
signed-in person says `no-store, private` (inspraak.core.middleware), and so do
the pages a parent or guest opens with a signed link; public pages stay cacheable."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

import pytest

from experience_experts.services import applications, bookings
from inspraak.accounts.consent import consent_token, start_consent
from inspraak.core.middleware import PrivateResponseCacheMiddleware
from inspraak.organisations.models import Role
from tests.experience_experts.conftest import make_assignment, make_expert

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {
        part.strip() for part in response.get("Cache-Control", "").split(",") if part
    }
    return {"no-store", "private"} <= directives


@pytest.fixture
def booking(organisation_factory, membership_factory):
    municipality = organisation_factory()
    organiser = membership_factory(organisation=municipality, role=Role.POLICY).user
    expert = make_expert(regions=[municipality]).user
    assignment = make_assignment(
        municipality,
        sessions=[(timezone.localdate() + datetime.timedelta(days=7), (10,), (12,))],
        application_deadline=timezone.localdate() + datetime.timedelta(days=3),
    )
    booking = bookings.book(organiser, applications.apply(expert, assignment, "Graag"))
    bookings.confirm(expert, booking)
    return booking, organiser


def test_every_private_page_says_no_store(client, booking, user_factory):
    booking, organiser = booking
    expert = booking.expert
    pages = {
        expert: [
            reverse("experience_experts:profile"),
            reverse("experience_experts:booking", args=[booking.pk]),
            reverse(
                "experience_experts:year_statement", args=[timezone.localdate().year]
            ),
            reverse("experience_experts:invoice", args=[booking.pk]),
            reverse("privacy:my_data"),
        ],
        organiser: [
            reverse("experience_experts:finance_export"),
            reverse("experience_experts:booking", args=[booking.pk]),
        ],
        user_factory(): [reverse("councils:dashboard")],
    }
    for person, urls in pages.items():
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            assert no_store(response), (url, response.get("Cache-Control"))


def test_the_parents_consent_page_says_no_store(client, user_factory):
    consent = start_consent(user_factory(), "ouder@example.test")
    response = client.get(reverse("parental_consent", args=[consent_token(consent)]))
    assert response.status_code == 200
    assert no_store(response)


def test_a_public_page_stays_cacheable(client):
    response = client.get(reverse("complaints:start"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_stricter_header_of_a_view_is_kept(rf, user_factory):
    def view(request):
        from django.http import HttpResponse

        response = HttpResponse()
        patch_cache_control(response, no_cache=True, must_revalidate=True, max_age=0)
        return response

    request = rf.get("/")
    request.user = user_factory()
    response = PrivateResponseCacheMiddleware(view)(request)
    header = response["Cache-Control"]
    for directive in ("no-cache", "must-revalidate", "max-age=0", "no-store"):
        assert directive in header

"""The demo consultations: one per phase, stable slugs, safe to seed twice."""

from django.core.management import call_command

from participation.demo import FEEDBACK_SLUG, OPEN_SLUG, PROCESSING_SLUG, UPCOMING_SLUG
from participation.models import ConsultationPage, Contribution


def test_demo_consultations_in_every_phase(demo_site, settings, client):
    dutch = ConsultationPage.objects.filter(locale__language_code="nl")
    pages = {p.slug: p for p in dutch}
    assert pages[OPEN_SLUG].phase == "open"
    assert pages[UPCOMING_SLUG].phase == "announced"
    assert pages[PROCESSING_SLUG].phase == "processing"
    assert pages[FEEDBACK_SLUG].phase == "feedback"
    assert pages[OPEN_SLUG].url == f"/raadplegingen/{OPEN_SLUG}/"
    assert pages[OPEN_SLUG].themes.count() == 2
    count = Contribution.objects.count()
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    assert dutch.count() == 4
    assert ConsultationPage.objects.filter(locale__language_code="en").count() == 4
    assert Contribution.objects.count() == count
    settings.DEBUG = False
    for page in pages.values():
        assert client.get(page.url).status_code == 200
    assert client.get("/raadplegingen/").status_code == 200

"""Every public page of the demo answers in English: the structural pages are
translated, a council's advice exists only in Dutch and is shown under /en/ with a
notice, and no figure counts a record twice because it has a translation."""

from django.utils import timezone

from wagtail.models import Locale

import pytest

from councils.models import (
    AdviceDispatch,
    AdvicePage,
    AdviceTrackerPage,
    CouncilIndexPage,
    CouncilPage,
)
from councils.page_permissions import sync_all_council_permissions
from councils.tracker import TrackerFilterForm, status_counts, tracker_queryset
from councils.yearly import year_figures
from participation.doors import take_part_facts
from participation.models import ConsultationIndexPage, ConsultationPage, Contribution

pytestmark = pytest.mark.django_db

NOTICE = "This page is only available in Dutch."
YOUTH = "/adviesraden/jongerenraad-voorstad/"
ADVICE = YOUTH + "sneller-hulp-bij-somberheid/"
OPEN = "/raadplegingen/praat-mee-over-wachttijden/"


def _dutch(model, **filters):
    return model.objects.get(locale__language_code="nl", **filters)


def test_the_demo_has_its_structural_pages_in_english(client, demo_site):
    english = {
        "/en/": "Your voice in youth care",
        "/en/adviesraden/": "Advisory councils",
        "/en/adviesraden/adviezen/": "Follow the advice",
        "/en" + YOUTH: "Youth Council Voorstad",
        "/en/adviesraden/clientenraad-de-brug/": "Client Council of Youth Care De Brug",
        "/en/raadplegingen/": "Municipalities and youth care want to know",
        "/en" + OPEN: "Have your say about waiting for youth care",
        "/en/raadplegingen/veilig-online/": "Safe online",
        "/en/hulp/": "Help and safety",
        f"/en{YOUTH}jaarverslag-{timezone.localdate().year}/": "This year our youth",
    }
    for path, text in english.items():
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200, path
        assert text in html, path
        assert NOTICE not in html, path
    # The Dutch demo is as it was.
    assert _dutch(CouncilIndexPage).title == "Adviesraden"
    assert _dutch(CouncilPage, slug="jongerenraad-voorstad").title == (
        "Jongerenraad Voorstad"
    )
    assert _dutch(ConsultationIndexPage).title == "Raadplegingen"
    # Advice exists in Dutch only.
    assert not AdvicePage.objects.filter(locale__language_code="en").exists()


def test_a_councils_dutch_advice_is_shown_in_english_with_a_notice(client, demo_site):
    council = client.get("/en" + YOUTH).content.decode()
    # The English council page lists the council's advice at English addresses.
    assert f'<a href="/en{ADVICE}" lang="nl">Sneller hulp bij somberheid</a>' in council
    record = _dutch(CouncilPage, slug="jongerenraad-voorstad")
    assert f"/en/raden/feeds/{record.pk}/rss/" in council
    # The members are the record's (a translation has none of its own).
    assert "And 1 member who is not shown by name." in council

    response = client.get("/en" + ADVICE)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert NOTICE in html
    assert '<div class="page-content" lang="nl">' in html
    assert "Sneller hulp bij somberheid · Inspraak</title>" in html
    assert f'<link rel="canonical" href="http://localhost{ADVICE}">' in html
    assert f'<a href="/en{YOUTH}">Youth Council Voorstad</a>' in html  # back
    # The switch goes to the Dutch page; from there back to this one.
    assert f'<a class="utrecht-link" href="{ADVICE}" lang="nl" hreflang="nl">' in html
    dutch = client.get(ADVICE).content.decode()
    assert (
        f'<a class="utrecht-link" href="/en{ADVICE}" lang="en" hreflang="en">' in dutch
    )
    assert NOTICE not in dutch


def test_the_english_tracker_links_in_english_and_counts_the_same(client, demo_site):
    english = client.get("/en/adviesraden/adviezen/").content.decode()
    dutch = client.get("/adviesraden/adviezen/").content.decode()
    assert f'href="/en{ADVICE}"' in english
    assert f'<a href="/en{YOUTH}">Youth Council Voorstad</a>' in english
    assert "5 advice found" in english
    assert "5 adviezen gevonden" in dutch
    form = TrackerFilterForm()
    assert [c.slug for c in form.fields["council"].queryset] == [
        "clientenraad-de-brug",
        "jongerenraad-voorstad",
    ]


def test_no_figure_counts_a_record_twice(demo_site):
    today = timezone.localdate()
    counts = status_counts(tracker_queryset({}, today))
    assert sum(counts.values()) == 5  # the demo's five sent advice
    assert "1 raadpleging is nu open." in take_part_facts()  # one open, not two
    youth = _dutch(CouncilPage, slug="jongerenraad-voorstad")
    figures = year_figures(youth, today.year)
    dutch_only = ConsultationPage.objects.filter(
        locale__language_code="nl", organisation=youth.organisation
    )
    assert figures.consultations <= dutch_only.count()
    assert figures.advice_sent == sum(
        status_counts(tracker_queryset({"council": youth, "year": today.year})).values()
    )
    assert sync_all_council_permissions() == 2  # the records, not their translations


def test_the_english_consultation_page_takes_part_in_the_record(client, demo_site):
    record = _dutch(ConsultationPage, slug="praat-mee-over-wachttijden")
    html = client.get("/en" + OPEN).content.decode()
    assert "How long did you wait for help?" in html  # the English question
    # The form sends to the record.
    assert html_action(html) == f"/en/doe-mee/{record.pk}/bijdragen/"
    question = record.questions.first()

    response = client.post(
        html_action(html),
        {"question": str(question.pk), "nickname": "Sam", "text": "Two months."},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/en" + OPEN)
    contribution = Contribution.objects.get(nickname="Sam")
    assert contribution.consultation_id == record.pk
    assert contribution.question_id == question.pk
    # The English page shows it with the English words of the question.
    page = client.get("/en" + OPEN).content.decode()
    assert "Answer to: How long did you wait for help?" in page


def html_action(html: str) -> str:
    start = html.index('id="contribution-form"')
    form = html[html.rindex("<form", 0, start) : start]
    return form.split('action="', 1)[1].split('"', 1)[0]


def test_records_are_made_in_dutch_and_translations_hold_no_data(demo_site):
    en = Locale.objects.get(language_code="en")
    dutch_index = _dutch(CouncilIndexPage)
    english_index = dutch_index.get_translation(en)
    assert CouncilPage.can_create_at(dutch_index)
    assert not CouncilPage.can_create_at(english_index)
    consultations_en = _dutch(ConsultationIndexPage).get_translation(en)
    assert not ConsultationPage.can_create_at(consultations_en)
    assert AdviceTrackerPage.objects.filter(locale=en).exists()

    youth = _dutch(CouncilPage, slug="jongerenraad-voorstad")
    assert youth.members.exists()
    assert not youth.get_translation(en).specific.members.exists()

    # An editor translating an advice does not send it a second time.
    advice = _dutch(AdvicePage, slug="sneller-hulp-bij-somberheid")
    translated = advice.copy_for_translation(en)
    translated.save_revision().publish()
    assert not AdviceDispatch.objects.filter(advice_id=translated.pk).exists()
    assert sum(status_counts(tracker_queryset({})).values()) == 5


def test_the_language_switch_of_a_view_keeps_its_path_and_query(client, demo_site):
    youth = _dutch(CouncilPage, slug="jongerenraad-voorstad")
    html = client.get(f"/en/raden/{youth.pk}/verzoeken/").content.decode()
    assert f'href="/raden/{youth.pk}/verzoeken/" lang="nl"' in html
    html = client.get("/zoeken/?q=advies").content.decode()
    assert 'href="/en/zoeken/?q=advies" lang="en"' in html


def test_organisers_explore_from_the_root_but_see_no_other_councils_advice(
    client, demo_site
):
    """Organisers edit consultations under the overview in both languages, so the
    admin lets them explore from the tree's root; the page policy still hides
    another organisation's council advice (tests/security's access matrix)."""
    from inspraak.accounts.models import User

    client.force_login(User.objects.get(email="beleid@noorddorp.test"))
    youth = _dutch(CouncilPage, slug="jongerenraad-voorstad")
    response = client.get(f"/admin/pages/{youth.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for advice in AdvicePage.objects.child_of(youth):
        assert advice.title not in html

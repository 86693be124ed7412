"""Bounds on complaints and objections: free texts have a length limit, dates lie
between 1900 and today, handlers' numbers stay within the law; a refusal keeps
what was typed and nothing gives a server error."""

import pytest

from complaints.forms.handling import HearingForm, PostponeForm
from complaints.models import Case
from inspraak.core.bounds import MAX_TEXT_LENGTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory(name="Gemeente Oosterdam", slug="oosterdam")


def complaint_data(organisation, **extra):
    return {
        "organisation": organisation.pk,
        "filed_as": "self",
        "name": "Sam de Vries",
        "guest_email": "sam@example.test",
        "conduct_description": "Niemand belde terug.",
        "wish": "Dat iemand terugbelt.",
        **extra,
    }


def test_a_complaint_description_has_a_length_limit(client, municipality):
    too_long = "x" * (MAX_TEXT_LENGTH + 1)
    response = client.post(
        "/en/klachten/indienen/municipal_complaint/",
        complaint_data(municipality, conduct_description=too_long),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This text is too long" in page
    assert 'value="Sam de Vries"' in page and too_long in page
    assert not Case.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_date_outside_sense_is_refused_and_kept(client, municipality, day):
    response = client.post(
        "/en/klachten/indienen/municipal_complaint/",
        complaint_data(municipality, conduct_date=day),
    )
    assert response.status_code == 200
    assert f'value="{day}"' in response.content.decode()
    assert "conduct_date" in response.context["form"].errors
    assert not Case.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "x"])
def test_the_period_check_answers_any_date_without_an_error(client, day):
    response = client.get("/klachten/indienen/objection/", {"received_on": day})
    assert response.status_code == 200


def test_a_postponement_stays_within_a_year():
    form = PostponeForm({"weeks": "99999999999", "notice": "Meer tijd nodig."})
    assert "weeks" in form.errors
    # Up to a year the form lets the service say what the law allows (6 or 4).
    assert PostponeForm({"weeks": "7", "notice": "Meer tijd nodig."}).is_valid()


def test_a_hearing_in_the_year_9999_is_refused():
    form = HearingForm({"at": "9999-12-31T10:00", "place": "Stadhuis"})
    assert "at" in form.errors


def test_a_handlers_text_has_a_length_limit():
    form = PostponeForm({"weeks": "2", "notice": "x" * (MAX_TEXT_LENGTH + 1)})
    assert "notice" in form.errors

"""The shared bounds (inspraak.core.bounds): limits from the model field and from
sense on every bounded form, GET parameters parsed within range, NUL characters
refused, and the date of birth on the profile."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.test import RequestFactory
from django.utils import timezone

import pytest

from experience_experts.models import WorkLog
from inspraak.accounts.models import User
from inspraak.core.bounds import (
    MAX_TEXT_LENGTH,
    BoundedForm,
    BoundedModelForm,
    YearConverter,
    parse_ids,
    query_int,
)

# The form -------------------------------------------------------------------


class LogForm(BoundedModelForm):
    class Meta:
        model = WorkLog
        fields = ["hours", "amount", "paid_on", "note"]


class FreeForm(BoundedForm):
    text = forms.CharField()
    count = forms.IntegerField()
    day = forms.DateField()
    when = forms.DateTimeField()
    short = forms.CharField(max_length=20)


def test_a_model_form_takes_its_limits_from_the_columns():
    form = LogForm({"hours": "3", "amount": "10000000", "paid_on": "2025-01-01"})
    assert form.errors.keys() == {"amount"}  # max_digits=9, decimal_places=2
    assert form.fields["amount"].max_value == Decimal("9999999.99")
    assert form.fields["amount"].widget.attrs["max"] == "9999999.99"
    assert LogForm({"hours": "3", "amount": "9999999.99"}).is_valid()


@pytest.mark.parametrize(
    "field, value",
    [
        ("text", "x" * (MAX_TEXT_LENGTH + 1)),
        ("count", str(2**31)),
        ("count", str(-(2**31) - 1)),
        ("day", "9999-12-31"),
        ("day", "1899-12-31"),
        ("when", "0001-01-01 10:00"),
    ],
)
def test_a_plain_form_gets_limits_from_sense(field, value):
    data = {
        "text": "Goed",
        "count": "3",
        "day": "2025-01-01",
        "when": "2025-01-01 10:00",
        "short": "kort",
    }
    assert FreeForm(data).is_valid()
    data[field] = value
    form = FreeForm(data)
    assert form.errors.keys() == {field}
    assert form[field].value() == value  # what was typed is shown again


def test_limits_a_form_sets_itself_are_kept():
    form = FreeForm()
    assert form.fields["short"].max_length == 20
    assert form.fields["text"].widget.attrs["maxlength"] == str(MAX_TEXT_LENGTH)


def test_fields_added_after_the_form_was_made_are_bounded_too():
    form = FreeForm({"text": "a", "count": "1", "day": "2025-01-01", "short": "b"})
    form.fields["extra"] = forms.CharField()
    form.data = {**form.data, "extra": "y" * (MAX_TEXT_LENGTH + 1)}
    assert "extra" in form.errors


def test_a_nul_character_in_a_text_is_refused_by_the_form():
    form = FreeForm({"text": "a\x00b", "count": "1", "day": "2025-01-01"})
    assert "text" in form.errors


# GET parameters and URL values ---------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [("", 7), ("2025", 2025), (" 12 ", 12)],
)
def test_query_int_reads_a_number_in_range(raw, expected):
    request = RequestFactory().get("/", {"n": raw})
    assert query_int(request, "n", default=7, min_value=1, max_value=3000) == expected


@pytest.mark.parametrize("raw", ["-1", "3001", str(2**70), "1e3", "²", "abc"])
def test_query_int_refuses_anything_else_with_a_400(raw):
    request = RequestFactory().get("/", {"n": raw})
    with pytest.raises(BadRequest):
        query_int(request, "n", default=7, min_value=1, max_value=3000)


@pytest.mark.parametrize("raw", ["1999", "2101", "0000", "9999"])
def test_the_year_converter_refuses_years_out_of_range(raw):
    with pytest.raises(ValueError):
        YearConverter().to_python(raw)
    assert YearConverter().to_python("2025") == 2025


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/zoeken/?q=%00", "/zoeken/?q=a%00b&page=2", "/zoeken/?%00=1", "/zoek%00en/"],
)
def test_a_nul_character_in_the_address_is_a_friendly_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Dit adres klopt niet" in response.content.decode()


@pytest.mark.django_db
def test_a_query_value_of_unreasonable_length_is_a_friendly_400(client):
    assert client.get("/zoeken/", {"q": "a" * 2000}).status_code == 200
    response = client.get("/zoeken/", {"q": "a" * 2001})
    assert response.status_code == 400
    assert "Dit adres klopt niet" in response.content.decode()


@pytest.mark.django_db
def test_search_still_answers_ordinary_questions(client):
    assert (
        client.get("/zoeken/", {"q": "privacy", "page": str(2**70)}).status_code == 200
    )


# The date of birth on the profile ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "born, message",
    [
        ("9999-01-01", "A date of birth cannot be in the future."),
        ("1850-01-01", "it is before 1900"),
    ],
)
def test_the_profile_refuses_a_date_of_birth_outside_life(
    client, user_factory, born, message
):
    user = user_factory(date_of_birth=datetime.date(1990, 1, 1))
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {"display_name": "Sam", "preferred_language": "en", "date_of_birth": born},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and f'value="{born}"' in page
    user.refresh_from_db()
    assert user.date_of_birth == datetime.date(1990, 1, 1)


@pytest.mark.django_db
def test_the_model_refuses_a_date_of_birth_in_the_future():
    user = User(email="a@example.test", display_name="A")
    user.date_of_birth = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="in de toekomst"):
        user.full_clean(exclude=["password"])


def test_parse_ids_keeps_only_row_numbers():
    values = ["3", " 4 ", "0", "-1", "1e20", "²", "abc", str(2**70), ""]
    assert parse_ids(values) == [3, 4]

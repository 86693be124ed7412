"""The "my data" pages as a person uses them, and who must not get in."""

import io
import json
import zipfile

import pytest

from inspraak.accounts.models import User
from inspraak.privacy.models import DataRequest
from tests.factories import PASSWORD

from .conftest import EMAIL

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    # A password sign-in, so it counts as recent; without the two-step step.
    user.authenticator_set.all().delete()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})


@pytest.mark.parametrize(
    "path",
    ["/mijn-gegevens/", "/mijn-gegevens/download/", "/mijn-gegevens/verwijderen/"],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_my_data_shows_my_data_and_nobody_elses(
    client, person, user_factory, membership_factory
):
    other = user_factory(
        email="iemand.anders@example.test", display_name="Iemand Anders"
    )
    membership_factory(user=other)
    sign_in(client, person)

    page = client.get("/mijn-gegevens/")

    assert page.status_code == 200
    html = page.content.decode()
    assert EMAIL in html
    assert "Gemeente Voorbeeld" in html
    assert "iemand.anders@example.test" not in html
    assert "Iemand Anders" not in html


def test_my_data_for_a_new_person_says_nothing_is_stored(client, user_factory):
    user = user_factory()
    sign_in(client, user)
    page = client.get("/en/mijn-gegevens/")
    assert page.status_code == 200
    html = page.content.decode()
    nothing = html[html.index('id="nothing-stored"') :]
    assert "Your roles in organisations" in nothing
    assert user.email in html[: html.index('id="nothing-stored"')]


def test_download_is_one_archive_of_my_data(client, person):
    sign_in(client, person)

    response = client.get("/mijn-gegevens/download/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["data"]["accounts.user"][0]["email"] == EMAIL
    assert DataRequest.objects.filter(
        user=person, kind="export", status="completed"
    ).exists()


def test_download_asks_for_the_password_again_after_a_while(client, person):
    client.force_login(person)  # no recent password entry in this session
    response = client.get("/mijn-gegevens/download/")
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response.url


def test_deleting_needs_the_confirmation_box(client, person):
    sign_in(client, person)
    page = client.get("/mijn-gegevens/verwijderen/")
    assert page.status_code == 200
    # What stays, and why, is said before confirming.
    assert "kept" in page.context and page.context["kept"]

    response = client.post("/mijn-gegevens/verwijderen/", {})
    assert response.status_code == 200
    assert "understood" in response.context["form"].errors
    assert User.objects.filter(pk=person.pk).exists()


def test_deleting_my_account(client, person):
    sign_in(client, person)
    account_number = person.pk

    response = client.post("/mijn-gegevens/verwijderen/", {"understood": "on"})

    assert response.status_code == 302
    assert response.url.endswith("/mijn-gegevens/verwijderd/")
    assert not User.objects.filter(pk=account_number).exists()
    assert "_auth_user_id" not in client.session
    assert client.get(response.url).status_code == 200
    logged = DataRequest.objects.get(account_number=account_number, kind="erasure")
    assert logged.status == DataRequest.Status.COMPLETED
    assert logged.completed_at.date() <= logged.due_on


def test_staff_see_open_data_requests_in_the_admin(client, user_factory):
    admin = user_factory(is_staff=True, is_superuser=True)
    person = user_factory()
    DataRequest.objects.create(
        user=person, account_number=person.pk, kind="erasure", status="failed"
    )
    client.force_login(admin)
    listing = client.get("/admin/data_requests/")
    assert listing.status_code == 200
    assert str(person.pk) in listing.content.decode()
    client.force_login(person)
    assert client.get("/admin/data_requests/").status_code in (302, 403)

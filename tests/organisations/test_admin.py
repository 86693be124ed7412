"""Organisations and people are managed in the Wagtail admin; the Django admin has
its own path. People without staff rights do not get in."""

import pytest

from inspraak.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, user_factory):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    return client


def test_wagtail_admin_lists_and_creates_organisations(
    admin_client, organisation_factory
):
    organisation_factory(name="Gemeente Voorstad")
    listing = admin_client.get("/admin/snippets/organisations/organisation/")
    assert listing.status_code == 200
    assert "Gemeente Voorstad" in listing.content.decode()

    add_url = "/admin/snippets/organisations/organisation/add/"
    assert admin_client.get(add_url).status_code == 200
    response = admin_client.post(
        add_url,
        {
            "name": "Jeugdhulp Noord",
            "slug": "jeugdhulp-noord",
            "kind": "provider",
            "is_active": "on",
            "complaint_period_weeks": "8",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Organisation.objects.get(slug="jeugdhulp-noord").complaint_period_weeks == 8


def test_wagtail_user_admin_works_with_our_user_model(admin_client, user_factory):
    person = user_factory(display_name="Yara")
    assert "Yara" in admin_client.get("/admin/users/").content.decode()
    assert admin_client.get(f"/admin/users/edit/{person.pk}/").status_code == 200
    assert admin_client.get("/admin/users/new/").status_code == 200


def test_django_admin_has_its_own_path(admin_client):
    assert admin_client.get("/django-admin/accounts/user/").status_code == 200
    assert (
        admin_client.get("/django-admin/organisations/organisation/").status_code == 200
    )


def test_person_without_staff_rights_cannot_enter_the_admins(client, user_factory):
    client.force_login(user_factory())

    wagtail = client.get("/admin/")
    django = client.get("/django-admin/")
    assert wagtail.status_code == 302 and "/admin/login/" in wagtail.url
    assert django.status_code == 302 and "login" in django.url


def test_staff_member_without_permissions_cannot_edit_organisations(
    client, user_factory
):
    from django.contrib.auth.models import Permission

    staff = user_factory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/snippets/organisations/organisation/add/")
    assert response.status_code in (302, 403)
    assert not Organisation.objects.exists()

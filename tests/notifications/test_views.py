"""The preference link in every e-mail works without signing in, and only for the
person it was made for; GET never changes anything; one click switches a kind off."""

from django.core import signing
from django.test import Client

import pytest

from inspraak.notifications.kinds import KINDS
from inspraak.notifications.models import NotificationPreference, preferences_for
from inspraak.notifications.tokens import SALT, make_token


def _off(user, kind):
    return not preferences_for(user)[kind].enabled


def _form_data(**overrides):
    """Every kind a person may choose for on, at its default frequency."""
    data = {}
    for kind in KINDS.values():
        if kind.required:
            continue
        data[f"{kind.key}-enabled"] = "on"
        data[f"{kind.key}-frequency"] = kind.default_frequency
    data.update(overrides)
    return data


# Through the link, without signing in ---------------------------------------


def test_the_link_shows_the_form_without_signing_in(client, person, link):
    response = client.get(link)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanne" in html
    assert 'class="preference preference--highlighted" id="kind-advice_answered"' in (
        html
    )
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_the_link_saves_the_choices_without_signing_in(client, person, link):
    response = client.post(
        link, _form_data(**{"advice_answered-enabled": "off"}), follow=True
    )

    assert response.redirect_chain[0][0] == link
    assert _off(person, "advice_answered")
    assert "Je keuzes zijn opgeslagen." in response.content.decode()


def test_saving_stores_only_what_changed(client, person, link):
    client.post(link, _form_data(**{"case_update-frequency": "daily"}))

    assert list(
        NotificationPreference.objects.filter(user=person).values_list(
            "kind", "enabled", "frequency"
        )
    ) == [("case_update", True, "daily")]


def test_opening_the_link_changes_nothing(client, person):
    # Mail scanners open every link in an e-mail, including the one-click address.
    token = make_token(person, "advice_answered")

    client.get(f"/meldingen/{token}/")
    client.get(f"/meldingen/{token}/uitschrijven/")

    assert not NotificationPreference.objects.exists()


def test_a_changed_token_gives_a_not_found_page(client, person, link):
    response = client.get(link.replace("/meldingen/", "/meldingen/x"))

    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_a_token_cannot_be_pointed_at_someone_else(client, person, other_person):
    mine = make_token(person, "advice_answered")
    # Someone else's pk in the payload, with my signature.
    theirs_unsigned = signing.dumps({"u": other_person.pk}, salt="made-up")
    forged = ":".join([theirs_unsigned.split(":")[0], *mine.split(":")[1:]])
    # A token for someone else signed with another key or salt.
    wrong_salt = signing.dumps({"u": other_person.pk, "k": "case_update"})
    wrong_key = signing.dumps(
        {"u": other_person.pk}, key="not-our-secret-key", salt=SALT
    )

    for token in (forged, wrong_salt, wrong_key):
        for path in (f"/meldingen/{token}/", f"/meldingen/{token}/uitschrijven/"):
            response = client.post(path, _form_data(**{"case_update-enabled": "off"}))
            assert response.status_code == 404, (token, path)

    assert not NotificationPreference.objects.filter(user=other_person).exists()


def test_a_token_for_someone_deleted_gives_not_found(client, user_factory):
    gone = user_factory()
    token = make_token(gone)
    gone.delete()

    assert client.get(f"/meldingen/{token}/").status_code == 404


def test_the_link_opens_in_the_persons_language(client, user_factory):
    english = user_factory(preferred_language="en")

    response = client.get(f"/en/meldingen/{make_token(english)}/")

    assert "Choose which e-mails you get" in response.content.decode()


# One click (RFC 8058) -------------------------------------------------------


@pytest.fixture
def mail_client():
    """A mail client: no session, no CSRF token."""
    return Client(enforce_csrf_checks=True)


def test_one_click_switches_off_the_kind_in_the_link(mail_client, person):
    token = make_token(person, "advice_answered")

    response = mail_client.post(
        f"/meldingen/{token}/uitschrijven/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert _off(person, "advice_answered")
    assert not _off(person, "case_update")


def test_one_click_without_a_kind_switches_off_all_optional_kinds(mail_client, person):
    mail_client.post(f"/meldingen/{make_token(person)}/uitschrijven/")

    preferences = preferences_for(person)
    assert [key for key, p in preferences.items() if p.enabled] == [
        "staff_deadline_reminder",  # never sent to someone who is not staff
        "case_message_for_staff",  # idem
        "case_acknowledgement",
        "case_decision",
    ]


def test_one_click_cannot_switch_off_a_required_kind(mail_client, person):
    token = make_token(person, "case_acknowledgement")

    response = mail_client.post(f"/meldingen/{token}/uitschrijven/")

    assert response.status_code == 200
    assert "Er is niets veranderd" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_crafted_post_cannot_switch_off_a_required_kind(client, person, link):
    response = client.post(
        link,
        _form_data(
            **{
                "case_acknowledgement-enabled": "off",
                "case_acknowledgement-frequency": "daily",
                "case_update-enabled": "off",
            }
        ),
    )

    assert response.status_code == 200
    assert "moet van de wet" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    assert preferences_for(person)["case_acknowledgement"].enabled


# Who sees which kinds --------------------------------------------------------


def test_staff_kinds_are_hidden_from_people_who_are_not_staff(client, person, link):
    html = client.get(link).content.decode()
    client.post(link, _form_data(**{"staff_deadline_reminder-enabled": "off"}))

    assert "staff_deadline_reminder" not in html
    assert not NotificationPreference.objects.filter(
        kind="staff_deadline_reminder"
    ).exists()


def test_staff_kinds_are_shown_to_staff_and_members(
    client, user_factory, membership_factory
):
    for user in (user_factory(is_staff=True), membership_factory().user):
        html = client.get(f"/meldingen/{make_token(user)}/").content.decode()
        assert 'id="kind-staff_deadline_reminder"' in html


def test_required_kinds_are_shown_as_always_on(client, link):
    html = client.get(link).content.decode()

    assert 'id="kind-case_acknowledgement"' in html
    assert "Staat altijd aan, dit moet van de wet." in html
    assert 'name="case_acknowledgement-enabled"' not in html


# For the signed-in person ---------------------------------------------------


def test_the_account_page_needs_signing_in(client, db):
    response = client.get("/accounts/meldingen/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_account_page_saves_for_the_signed_in_person(client, person, other_person):
    client.force_login(person)

    assert client.get("/accounts/meldingen/").status_code == 200
    client.post("/accounts/meldingen/", _form_data(**{"case_update-enabled": "off"}))

    assert _off(person, "case_update")
    assert not _off(other_person, "case_update")

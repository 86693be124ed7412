"""Filing an objection or complaint, with an account or as a guest: what the law
asks per route, the guest's e-mail link, files, late objections and repair."""

import re
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.html import escape

import pytest

from complaints.models import Case, CaseAccessLog, CaseEvent
from inspraak.organisations.models import Organisation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory(name="Gemeente Oosterdam", slug="oosterdam")


@pytest.fixture
def provider(organisation_factory):
    return organisation_factory(
        name="Jeugdzorg De Haven", slug="de-haven", kind=Organisation.Kind.PROVIDER
    )


@pytest.fixture
def person(user_factory):
    return user_factory()


def days_ago(days):
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def objection_data(organisation, **extra):
    return {
        "organisation": organisation.pk,
        "filed_as": "self",
        "name": "Sam de Vries",
        "address": "Kerkstraat 1, 1234 AB Oosterdam",
        "decision_description": "Geen vergoeding voor vervoer naar de zorg.",
        "decision_date": days_ago(10),
        "decision_made_known_on": days_ago(8),
        "grounds": "Ik kan niet zelf naar de zorg reizen.",
        **extra,
    }


def complaint_data(organisation, **extra):
    return {
        "organisation": organisation.pk,
        "filed_as": "self",
        "name": "Sam de Vries",
        "conduct_description": "Niemand belde terug.",
        "wish": "Dat iemand terugbelt.",
        **extra,
    }


def data_for(kind, municipality, provider):
    if kind == Case.Kind.OBJECTION:
        return objection_data(municipality)
    if kind == Case.Kind.PROVIDER_COMPLAINT:
        return complaint_data(provider)
    return complaint_data(municipality)


@pytest.mark.parametrize("kind", Case.Kind.values)
def test_a_signed_in_person_files_each_kind(
    client, person, municipality, provider, kind
):
    client.force_login(person)
    response = client.post(
        f"/klachten/indienen/{kind}/", data_for(kind, municipality, provider)
    )
    case = Case.objects.get()
    assert response.url == f"/klachten/ingediend/{case.reference}/"
    assert case.filed_by == person
    assert case.status == Case.Status.RECEIVED
    assert case.reference.startswith(Case.PREFIXES[kind])
    assert CaseEvent.objects.filter(case=case).exists()
    assert case.access_log.filter(action=CaseAccessLog.Action.CHANGE).exists()
    page = client.get(f"/en/klachten/zaak/{case.reference}/")
    assert page.status_code == 200
    with translation.override("en"):
        # The rule in plain words, with its article beside it; the handlers'
        # short form ("Awb 9:11: 6 weeks after receipt") stays on their pages.
        assert escape(case.decision_explained()) in page.content.decode()
        assert escape(case.decision_rule()) not in page.content.decode()
    assert case.access_log.filter(action=CaseAccessLog.Action.VIEW).exists()


def test_an_objection_cannot_be_filed_about_a_provider(client, person, provider):
    client.force_login(person)
    response = client.post("/klachten/indienen/objection/", objection_data(provider))
    assert response.status_code == 200
    assert not Case.objects.exists()


@pytest.mark.parametrize("kind", Case.Kind.values)
def test_a_guest_confirms_by_the_link_which_opens_the_case(
    client, mailoutbox, municipality, provider, kind
):
    data = data_for(kind, municipality, provider) | {"guest_email": "sam@example.test"}
    response = client.post(f"/en/klachten/indienen/{kind}/", data)
    case = Case.objects.get()
    assert case.filed_by is None
    assert case.status == Case.Status.AWAITING_VERIFICATION
    filed = client.get(response.url)
    assert "sam@example.test" in filed.content.decode()

    [mail] = mailoutbox
    assert mail.to == ["sam@example.test"]
    assert case.reference in mail.subject
    link = re.search(r"https?://\S+/klachten/bevestigen/\S+/", mail.body).group(0)
    assert "/en/" in link  # in the language the guest used

    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED
    assert case.guest_verified_at is not None


def test_a_wrong_or_tampered_link_is_not_found(client, mailoutbox, municipality):
    client.post(
        "/klachten/indienen/municipal_complaint/",
        complaint_data(municipality) | {"guest_email": "sam@example.test"},
    )
    token = re.search(r"/bevestigen/(\S+)/", mailoutbox[0].body).group(1)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for url in (
        f"/klachten/bevestigen/{tampered}/",
        f"/klachten/volgen/{tampered}/",
        "/klachten/volgen/not-a-token/",
    ):
        assert client.get(url).status_code == 404
    assert Case.objects.get().status == Case.Status.AWAITING_VERIFICATION


def test_a_guest_needs_an_email_address(client, municipality):
    response = client.post(
        "/en/klachten/indienen/municipal_complaint/", complaint_data(municipality)
    )
    assert "Fill in your e-mail address." in response.content.decode()
    assert not Case.objects.exists()


def test_filing_for_someone_else_needs_their_name(client, person, municipality):
    client.force_login(person)
    url = "/en/klachten/indienen/municipal_complaint/"
    response = client.post(url, complaint_data(municipality, filed_as="parent"))
    assert "Fill in the name of the young person" in response.content.decode()
    assert not Case.objects.exists()

    client.post(
        url, complaint_data(municipality, filed_as="parent", on_behalf_of="Noa")
    )
    case = Case.objects.get()
    assert (case.filed_as, case.on_behalf_of) == (Case.FiledAs.PARENT, "Noa")
    assert "Noa" in case.events.get().note


def test_a_young_person_files_alone_without_a_representative(
    client, person, municipality
):
    client.force_login(person)
    client.post(
        "/klachten/indienen/municipal_complaint/",
        complaint_data(municipality, on_behalf_of="ignored"),
    )
    case = Case.objects.get()
    assert (case.filed_as, case.on_behalf_of) == (Case.FiledAs.SELF, "")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("besluit.pdf", b"MZ\x90\x00 not a pdf"),  # the name lies
        ("foto.png", b"\xff\xd8\xff\xe0 a jpeg"),
        ("brief.docx", b"PK\x03\x04 but no document inside"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_and_typed_text_stays(
    client, person, municipality, name, content
):
    client.force_login(person)
    data = objection_data(municipality) | {
        "attachments": SimpleUploadedFile(name, content)
    }
    response = client.post("/en/klachten/indienen/objection/", data)
    html = response.content.decode()
    assert f"{name} cannot be added" in html
    assert "Ik kan niet zelf naar de zorg reizen." in html
    assert not Case.objects.exists()


def test_a_file_too_big_is_refused(client, person, municipality, monkeypatch):
    monkeypatch.setattr("complaints.forms.attachments.MAX_ATTACHMENT_SIZE", 100)
    client.force_login(person)
    data = objection_data(municipality) | {
        "attachments": SimpleUploadedFile("besluit.pdf", PDF + b"x" * 200)
    }
    response = client.post("/en/klachten/indienen/objection/", data)
    assert "besluit.pdf is too big" in response.content.decode()
    assert not Case.objects.exists()


def test_more_than_five_files_are_refused(client, person, municipality):
    client.force_login(person)
    files = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(6)]
    data = objection_data(municipality) | {"attachments": files}
    response = client.post("/en/klachten/indienen/objection/", data)
    assert "at most 5 files" in response.content.decode()


def test_files_are_stored_privately_and_downloaded_through_the_view(
    client, person, municipality, settings
):
    client.force_login(person)
    data = objection_data(municipality) | {
        "attachments": [
            SimpleUploadedFile("besluit.pdf", PDF),
            SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ]
    }
    client.post("/klachten/indienen/objection/", data)
    case = Case.objects.get()
    first, second = case.attachments.all()
    assert first.original_name == "besluit.pdf"
    path = Path(first.file.path)
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert "besluit" not in path.name  # stored under a random name

    response = client.get(f"/klachten/zaak/{case.reference}/bijlage/{first.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    assert case.access_log.filter(action=CaseAccessLog.Action.DOWNLOAD).exists()


def test_a_late_objection_is_accepted_flagged_and_asked_why(
    client, person, municipality
):
    client.force_login(person)
    url = "/en/klachten/indienen/objection/"
    late = objection_data(municipality, decision_made_known_on=days_ago(90))
    response = client.post(url, late)
    assert "tell us why you are later" in response.content.decode()
    assert not Case.objects.exists()

    client.post(url, late | {"late_reason": "Ik lag in het ziekenhuis."})
    case = Case.objects.get()
    assert case.is_late
    assert case.late_reason == "Ik lag in het ziekenhuis."
    assert case.status == Case.Status.RECEIVED


def test_a_late_objection_without_a_reason_is_asked_on_the_case_page(
    client, person, municipality
):
    from complaints.flows.filing import file_case

    case = file_case(
        kind=Case.Kind.OBJECTION,
        data={
            "organisation": municipality,
            "name": "Sam",
            "address": "Kerkstraat 1",
            "decision_description": "Besluit",
            "decision_date": timezone.localdate() - timedelta(days=100),
            "decision_made_known_on": timezone.localdate() - timedelta(days=90),
            "grounds": "Oneens",
        },
        user=person,
    )
    assert case.is_late
    client.force_login(person)
    url = f"/en/klachten/zaak/{case.reference}/"
    assert "Why are you later?" in client.get(url).content.decode()
    client.post(url, {"form": "late", "late-late_reason": "De brief kwam te laat."})
    case.refresh_from_db()
    assert case.late_reason == "De brief kwam te laat."
    assert "Why are you later?" not in client.get(url).content.decode()


def test_missing_parts_of_an_objection_are_asked_for_not_refused(
    client, person, municipality
):
    client.force_login(person)
    data = objection_data(municipality, grounds="", decision_date="", address="")
    response = client.post("/en/klachten/indienen/objection/", data)
    case = Case.objects.get()
    today = timezone.localdate()
    assert case.status == Case.Status.REPAIR_REQUESTED
    assert case.missing_parts == ["address", "decision_date", "grounds"]
    assert case.repair_requested_on == today
    assert case.repair_due_on == today + timedelta(weeks=2)
    filed = client.get(response.url).content.decode()
    assert "Something is missing from your objection" in filed

    url = f"/en/klachten/zaak/{case.reference}/"
    page = client.get(url).content.decode()
    assert 'name="repair-grounds"' in page
    # Adding only part of it keeps the request open.
    client.post(url, {"form": "repair", "repair-grounds": "Ik ben het oneens."})
    case.refresh_from_db()
    assert case.status == Case.Status.REPAIR_REQUESTED
    client.post(
        url,
        {
            "form": "repair",
            "repair-grounds": "Ik ben het oneens.",
            "repair-address": "Kerkstraat 1",
            "repair-decision_date": days_ago(10),
        },
    )
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED
    assert case.repaired_on == today
    assert case.missing_parts == []
    assert case.grounds == "Ik ben het oneens."


def test_a_guest_with_missing_parts_is_asked_once_confirmed(
    client, mailoutbox, municipality
):
    data = objection_data(municipality, grounds="") | {"guest_email": "g@example.test"}
    client.post("/klachten/indienen/objection/", data)
    case = Case.objects.get()
    assert case.status == Case.Status.AWAITING_VERIFICATION
    link = re.search(r"https?://\S+/bevestigen/\S+/", mailoutbox[0].body).group(0)
    client.get(link)
    case.refresh_from_db()
    assert case.status == Case.Status.REPAIR_REQUESTED
    assert case.repair_requested_on == timezone.localdate()


def test_the_person_sends_a_message_with_a_file(client, person, municipality):
    client.force_login(person)
    client.post("/klachten/indienen/municipal_complaint/", complaint_data(municipality))
    case = Case.objects.get()
    url = f"/klachten/zaak/{case.reference}/"
    client.post(
        url,
        {
            "form": "message",
            "message-text": "Hier is de brief.",
            "message-attachments": SimpleUploadedFile("brief.pdf", PDF),
        },
    )
    message = case.messages.get()
    assert (message.text, message.from_handler, message.author) == (
        "Hier is de brief.",
        False,
        person,
    )
    assert case.attachments.get().original_name == "brief.pdf"
    assert "Hier is de brief." in client.get(url).content.decode()


def test_the_objection_form_is_prefilled_from_the_period_check(client):
    response = client.get("/klachten/indienen/objection/", {"received_on": days_ago(3)})
    assert f'value="{days_ago(3)}"' in response.content.decode()

"""Who must not see a case on the public side: another complainant, a handler of
another municipality, an anonymous visitor guessing a URL or reference, and a guest
with the link to another case."""

import io
import json
import secrets
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from complaints.flows.attachments import add_attachment
from complaints.flows.filing import file_case, verify_guest
from complaints.models import Case
from complaints.permissions import case_link_token

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def complaint(organisation, *, user=None, guest_email=""):
    case = file_case(
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        data={"organisation": organisation, "name": "Sam", "conduct_description": "x"},
        user=user,
        guest_email=guest_email,
    )
    add_attachment(case, SimpleUploadedFile("brief.pdf", PDF), user=user)
    return case


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory()


@pytest.fixture
def filer(user_factory):
    return user_factory()


@pytest.fixture
def case(municipality, filer):
    return complaint(municipality, user=filer)


def urls(case):
    attachment = case.attachments.get()
    return (
        f"/klachten/zaak/{case.reference}/",
        f"/klachten/zaak/{case.reference}/bijlage/{attachment.pk}/",
    )


def test_the_filer_sees_their_case_and_file(client, filer, case):
    client.force_login(filer)
    page, file = urls(case)
    assert client.get(page).status_code == 200
    assert client.get(file).status_code == 200


def test_another_complainant_sees_nothing(client, user_factory, case, municipality):
    other = user_factory()
    complaint(municipality, user=other)
    client.force_login(other)
    for url in urls(case):
        response = client.get(url)
        assert response.status_code == 404
        assert b"brief.pdf" not in response.content
    post = client.post(urls(case)[0], {"form": "message", "message-text": "hoi"})
    assert post.status_code == 404
    assert not case.messages.exists()


def test_a_handler_of_another_municipality_sees_nothing(
    client, sign_in, with_totp, case, membership_factory
):
    handler = with_totp(membership_factory().user)  # case handler elsewhere
    sign_in(handler)
    for url in urls(case):
        assert client.get(url).status_code == 404


def test_a_handler_of_the_organisation_uses_the_handler_pages_not_this_one(
    client, sign_in, with_totp, case, membership_factory, municipality
):
    handler = with_totp(membership_factory(organisation=municipality).user)
    sign_in(handler)
    page, file = urls(case)
    assert client.get(page).status_code == 404
    assert client.get(file).status_code == 200  # may read the file (can_view)


def test_an_anonymous_visitor_guessing_urls_gets_no_case(client, case):
    page, file = urls(case)
    response = client.get(page)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.get(file).status_code == 404
    # The confirmation page only works in the session that filed the case.
    assert client.get(f"/klachten/ingediend/{case.reference}/").status_code == 404
    assert client.get("/klachten/zaak/KL-2099-000001/").status_code == 302


def test_a_guest_link_opens_only_its_own_case(client, mailoutbox, municipality):
    mine = complaint(municipality, guest_email="mine@example.test")
    theirs = complaint(municipality, guest_email="theirs@example.test")
    verify_guest(theirs)
    token = case_link_token(mine)

    response = client.get(f"/klachten/volgen/{token}/")
    html = response.content.decode()
    assert mine.reference in html and theirs.reference not in html

    other_file = theirs.attachments.get()
    assert (
        client.get(f"/klachten/volgen/{token}/bijlage/{other_file.pk}/").status_code
        == 404
    )
    own_file = mine.attachments.get()
    assert (
        client.get(f"/klachten/volgen/{token}/bijlage/{own_file.pk}/").status_code
        == 200
    )
    # A guest link is no key to the signed-in pages.
    assert client.get(f"/klachten/zaak/{theirs.reference}/").status_code == 302


def test_a_new_nonce_makes_old_guest_links_useless(client, municipality):
    case = complaint(municipality, guest_email="g@example.test")
    token = case_link_token(case)
    case.access_nonce = secrets.token_hex(16)
    case.save(update_fields=["access_nonce"])
    assert client.get(f"/klachten/volgen/{token}/").status_code == 404


def test_every_read_is_logged(client, filer, case):
    client.force_login(filer)
    before = case.access_log.count()
    client.get(urls(case)[0])
    client.get(urls(case)[1])
    actions = list(case.access_log.order_by("-pk").values_list("action", flat=True)[:2])
    assert case.access_log.count() == before + 2
    assert actions == ["download", "view"]


def test_the_guest_page_keeps_the_token_out_of_referers(client, municipality):
    case = complaint(municipality, guest_email="g@example.test")
    response = client.get(f"/klachten/volgen/{case_link_token(case)}/")
    assert response["Referrer-Policy"] == "same-origin"


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_filer_downloads_everything_held_on_the_case(
    client, filer, case, user_factory
):
    client.force_login(user_factory())
    assert client.get(f"/klachten/zaak/{case.reference}/download/").status_code == 404
    client.force_login(filer)
    response = client.get(f"/klachten/zaak/{case.reference}/download/")
    archive = _archive(response)
    data = json.loads(archive.read("case.json"))
    assert data["reference"] == case.reference
    assert data["name"] == "Sam"
    assert data["timeline"] and data["access_log"]
    assert [n for n in archive.namelist() if n.startswith("files/")]
    assert (
        archive.read(next(n for n in archive.namelist() if n.startswith("files/")))[:4]
        == b"%PDF"
    )
    assert case.access_log.filter(action="export").exists()


def test_a_guest_downloads_their_case_through_the_link(client, municipality):
    mine = complaint(municipality, guest_email="mine@example.test")
    theirs = complaint(municipality, guest_email="theirs@example.test")
    response = client.get(f"/klachten/volgen/{case_link_token(mine)}/download/")
    data = json.loads(_archive(response).read("case.json"))
    assert data["reference"] == mine.reference
    assert theirs.reference not in json.dumps(data)
    assert client.get("/klachten/volgen/not-a-token/download/").status_code == 404


def test_a_confidential_adviser_needs_two_step_verification_for_a_case(
    client, sign_in, municipality, user_factory, membership_factory
):
    from allauth.mfa.totp.internal.auth import TOTP

    adviser = user_factory()
    membership_factory(user=adviser, role="confidential_adviser")
    filed = complaint(municipality, user=adviser)
    client.force_login(adviser)
    response = client.get(f"/klachten/zaak/{filed.reference}/")
    assert response.status_code == 302 and "/2fa/" in response.url
    TOTP.activate(adviser, "JBSWY3DPEHPK3PXP")
    sign_in(adviser)  # with the code from the app, as at sign-in
    assert client.get(f"/klachten/zaak/{filed.reference}/").status_code == 200


def test_the_handler_hears_of_a_message_and_a_closed_case_takes_none(
    client, filer, case, user_factory, membership_factory, mailoutbox
):
    handler = user_factory()
    membership_factory(
        user=handler, organisation=case.organisation, role="case_handler"
    )
    client.force_login(filer)
    page = f"/klachten/zaak/{case.reference}/"
    client.post(page, {"form": "message", "message-text": "Is er nieuws?"})
    assert case.messages.count() == 1
    assert [m for m in mailoutbox if handler.email in m.to]

    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    client.post(page, {"form": "message", "message-text": "Nog iets"})
    assert case.messages.count() == 1

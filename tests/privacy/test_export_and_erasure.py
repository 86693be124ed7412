"""My data: everything a person has is exported, and deletion leaves nothing
personal behind."""

import io
import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest

from inspraak.accounts.models import User
from inspraak.privacy import services
from inspraak.privacy.models import DataRequest
from inspraak.privacy.registry import Erasure, registry

from .conftest import EMAIL, NAME, PARENT_EMAIL

pytestmark = pytest.mark.django_db


def export(user) -> tuple[dict, zipfile.ZipFile]:
    buffer = io.BytesIO()
    services.write_archive(user, buffer)
    archive = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    return json.loads(archive.read("data.json")), archive


def test_export_holds_data_from_every_registered_model(person):
    data, archive = export(person)

    empty = [key for key, rows in data["data"].items() if not rows]
    assert not empty, f"no rows exported for {empty}: add a builder in conftest.py"
    assert set(data["data"]) == {handler.key for handler in registry.handlers()}
    assert data["data"]["accounts.user"][0]["email"] == EMAIL
    assert data["data"]["accounts.parentalconsent"][0]["parent_email"] == PARENT_EMAIL
    assert data["data"]["organisations.membership"][0]["organisation"] == (
        "Gemeente Voorbeeld"
    )
    # Secrets are never exported.
    assert "not-exported" not in archive.read("data.json").decode()
    # The files the person uploaded are in the archive.
    names = archive.namelist()
    assert "README.txt" in names
    assert any(n.startswith("files/wagtailusers.userprofile/") for n in names)
    assert any(n.startswith("files/wagtaildocs.document/") for n in names)
    avatar = next(n for n in names if n.startswith("files/wagtailusers.userprofile/"))
    assert archive.read(avatar) == b"avatar-bytes"


def test_export_is_logged_as_an_answered_request(person):
    export(person)
    logged = DataRequest.objects.filter(user=person, kind="export").latest(
        "requested_at"
    )
    assert logged.status == DataRequest.Status.COMPLETED
    assert logged.completed_at is not None


def test_export_holds_nothing_of_someone_else(person, user_factory, membership_factory):
    other = user_factory(email="iemand.anders@example.test", display_name="Iemand")
    membership_factory(user=other)
    data, _archive = export(person)
    assert "iemand.anders@example.test" not in json.dumps(data)


def database_text(exclude=()) -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        stdout=out,
        exclude=["contenttypes", "auth.permission", *exclude],
    )
    return out.getvalue().lower()


# Case files are kept for their legal retention period: the name in them goes when
# that ends (anonymise_closed_cases), not when the account is deleted.
RETAINED = ["complaints.case"]


def test_deletion_leaves_no_personal_data_behind(person):
    assert EMAIL in database_text()  # the search can find it while it is there
    avatar = Path(settings.MEDIA_ROOT) / person.wagtail_userprofile.avatar.name
    assert avatar.exists()
    account_number = person.pk

    services.erase_account(person)

    text = database_text(exclude=RETAINED)
    for needle in (EMAIL, NAME.lower(), PARENT_EMAIL, "quirijn"):
        assert needle not in text, f"{needle!r} is still in the database"
    assert EMAIL not in database_text()  # the case keeps the name, not the account
    assert not User.objects.filter(pk=account_number).exists()
    assert not avatar.exists()
    logged = DataRequest.objects.get(account_number=account_number, kind="erasure")
    assert logged.user is None and logged.status == DataRequest.Status.COMPLETED


def test_deletion_keeps_what_belongs_to_the_organisation(person):
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageLogEntry

    services.erase_account(person)

    page = Page.objects.get(slug="over-de-jeugdraad")
    assert page.live and page.owner is None and not page.locked
    document = get_document_model().objects.get(title="Advies over wachttijden")
    assert document.uploaded_by_user is None
    assert Path(document.file.path).exists()
    assert PageLogEntry.objects.filter(page=page, user__isnull=True).exists()


def test_deletion_explains_what_is_kept_before_confirming(person):
    groups = services.overview(person, only_with_data=True)
    kept = {
        section.handler.key: section
        for group in groups
        for section in group.sections
        if section.erasure != Erasure.DELETE
    }
    assert "wagtailcore.page" in kept
    assert kept["wagtailcore.page"].erasure_note
    assert "accounts.user" not in kept


def test_a_failed_deletion_is_logged_for_staff(person, monkeypatch):
    handler = registry.get(User)

    def broken(user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(handler, "erase", broken)
    with pytest.raises(RuntimeError):
        services.erase_account(person)
    assert User.objects.filter(pk=person.pk).exists()  # nothing half-deleted
    logged = DataRequest.objects.get(user=person, kind="erasure")
    assert logged.status == DataRequest.Status.FAILED
    assert logged in DataRequest.objects.open()


def test_deleting_a_user_in_the_admin_also_goes_through_the_registry(client, person):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    account_number = person.pk

    response = client.post(f"/admin/users/delete/{person.pk}/")

    assert response.status_code == 302
    assert not User.objects.filter(pk=account_number).exists()
    text = database_text(exclude=RETAINED)
    for needle in (EMAIL, NAME.lower(), PARENT_EMAIL):
        assert needle not in text, f"{needle!r} is still in the database"
    assert DataRequest.objects.filter(
        account_number=account_number, kind="erasure", status="completed"
    ).exists()


def test_a_retained_case_loses_the_name_when_its_period_ends(person):
    from datetime import date

    from complaints.flows.retention import anonymise_closed_cases
    from complaints.models import Case

    services.erase_account(person)
    case = Case.objects.get(name=NAME)
    assert case.filed_by is None
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=date(2021, 11, 1))

    assert anonymise_closed_cases(today=date(2026, 10, 31)) == 0
    assert anonymise_closed_cases(today=date(2026, 11, 1)) == 1

    assert NAME.lower() not in database_text()
    assert "quirijn" not in database_text()

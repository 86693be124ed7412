"""My data at volume: the download and the overview take the same number of queries
for a person with 2 rows in every model as with 20, and the download is a ZIP that is
streamed while it is written (issue 14)."""

import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest
from asgiref.sync import async_to_sync

from inspraak.organisations.models import Organisation
from inspraak.privacy import archive, services
from inspraak.privacy.models import DataRequest
from inspraak.privacy.registry import PersonalData, registry

from .conftest import add_rows, build_person_with_data_everywhere
from .test_views import sign_in

pytestmark = pytest.mark.django_db

# Models a person has at most one row of; every other registered model grows.
ONE_PER_PERSON = {
    "accounts.user",
    "accounts.parentalconsent",
    "experience_experts.expertprofile",
    "mfa.authenticator",
    "notifications.notificationpreference",
    "signin.deactivation",
    "wagtailusers.userprofile",
}


def grow_to(person, rows: int) -> None:
    """Give the person `rows` rows in every model that takes more than one."""
    existing = registry.counts(person)["organisations.membership"]
    add_rows(
        person,
        Organisation.objects.get(name="Gemeente Voorbeeld"),
        range(existing, rows),
    )
    counts = registry.counts(person)
    small = {key for key, n in counts.items() if n < rows}
    assert small == ONE_PER_PERSON, "add a builder for these in conftest.add_rows"


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def export_queries(person) -> dict[str, int]:
    """The queries of each registered model's part of the archive."""
    return {
        handler.key: queries(
            lambda h=handler: (list(h.rows(person)), list(h.files(person)))
        )
        for handler in registry.handlers()
    }


def download(client) -> bytes:
    return b"".join(client.get("/mijn-gegevens/download/").streaming_content)


def test_the_download_takes_as_many_queries_for_20_rows_as_for_2(client):
    person = build_person_with_data_everywhere(rows=2)
    sign_in(client, person)
    download(client)  # the first request fills caches (content types, site)
    small, small_per_model = queries(lambda: download(client)), export_queries(person)

    grow_to(person, 20)
    download(client)  # new pages emptied the site's caches
    large, large_per_model = queries(lambda: download(client)), export_queries(person)

    assert large_per_model == small_per_model
    assert large == small
    assert large <= 3 * len(registry.handlers())


def test_the_overview_counts_rows_and_reads_only_the_first_few(client, monkeypatch):
    person = build_person_with_data_everywhere(rows=2)
    sign_in(client, person)
    client.get("/en/mijn-gegevens/")
    small = queries(lambda: client.get("/en/mijn-gegevens/"))
    grow_to(person, 20)
    client.get("/en/mijn-gegevens/")  # new pages emptied the site's caches
    read = []
    objects = PersonalData.objects

    def spy(handler, user, limit=None):
        read.append((handler.key, limit))
        return objects(handler, user, limit)

    monkeypatch.setattr(PersonalData, "objects", spy)

    with CaptureQueriesContext(connection) as captured:
        page = client.get("/en/mijn-gegevens/")

    assert len(captured.captured_queries) == small
    assert read and all(limit == services.PREVIEW_ROWS for _key, limit in read)
    html = page.content.decode()
    assert "Your roles in organisations <span" in html
    assert "(20 items)" in html
    assert f"And {20 - services.PREVIEW_ROWS} more items in the download." in html


def test_the_streamed_archive_holds_what_the_whole_export_holds(client, person):
    sign_in(client, person)

    response = client.get("/mijn-gegevens/download/")

    assert response.streaming and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert zipped.testzip() is None
    files = [
        f"files/{exported.name}"
        for handler in registry.handlers()
        for exported in handler.files(person)
    ]
    assert files and zipped.namelist() == ["data.json", "README.txt", *files]
    text = zipped.read("data.json").decode()
    # Written piece by piece, laid out as json.dumps lays out the whole document.
    document = json.loads(text)
    assert text == json.dumps(document, indent=2, ensure_ascii=False)
    whole = {
        handler.key: handler.export(person)
        for handler in registry.handlers()
        if handler.model is not DataRequest  # the download changed it
    }
    expected = json.loads(json.dumps(whole, cls=DjangoJSONEncoder))
    data = document["data"]
    assert list(data) == [handler.key for handler in registry.handlers()]
    assert {key: data[key] for key in expected} == expected
    assert document["account_number"] == person.pk


def test_the_archive_goes_out_in_pieces_and_is_logged_when_done(
    client, person, monkeypatch
):
    monkeypatch.setattr(archive, "PIECE_SIZE", 512)
    sign_in(client, person)

    pieces = iter(client.get("/mijn-gegevens/download/").streaming_content)
    first = next(pieces)

    logged = DataRequest.objects.filter(user=person, kind="export").latest("pk")
    assert first.startswith(b"PK") and logged.status == DataRequest.Status.RECEIVED
    rest = list(pieces)
    assert len(rest) > 1
    logged.refresh_from_db()
    assert logged.status == DataRequest.Status.COMPLETED


def test_under_asgi_the_pieces_are_sent_as_they_are_written(client, person):
    sign_in(client, person)
    asgi_client = AsyncClient()
    asgi_client.cookies = client.cookies

    async def download_under_asgi():
        response = await asgi_client.get("/mijn-gegevens/download/")
        # An async iterator: Django would collect a plain one into a list first.
        assert response.is_async
        return b"".join([piece async for piece in response.streaming_content])

    body = async_to_sync(download_under_asgi)()

    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
    logged = DataRequest.objects.filter(user=person, kind="export").latest("pk")
    assert logged.status == DataRequest.Status.COMPLETED


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_choice_is_exported_as_its_label(person, language):
    with translation.override(language):
        for handler in registry.handlers():
            if type(handler).export_row is not PersonalData.export_row:
                continue
            objects = list(handler.export_queryset(person))
            for obj, row in zip(objects, handler.rows(person), strict=True):
                for name in handler.export_fields:
                    display = getattr(obj, f"get_{name}_display", None)
                    if display is not None:
                        assert row[name] == str(display()), (handler.key, name)

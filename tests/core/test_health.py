from unittest import mock

from django.db import connection

import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_channel_layer(client):
    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["channel_layer"]["ok"] is True


def test_health_is_503_when_the_channel_layer_fails(client):
    broken = mock.AsyncMock(side_effect=ConnectionError("redis down"))
    with mock.patch("inspraak.core.health._round_trip", broken):
        response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["channel_layer"] == {
        "ok": False,
        "backend": body["channel_layer"]["backend"],
        "error": "ConnectionError",
    }


def test_health_is_503_when_the_database_fails(client):
    with mock.patch("inspraak.core.health.connection") as connection:
        connection.vendor = "postgresql"
        connection.cursor.side_effect = OSError("connection refused")
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


def test_health_only_answers_get(client):
    assert client.post("/health/").status_code == 405

"""Every CSV goes through inspraak.core.csv, which neutralises formulas."""

import ast
import csv as stdlib_csv
import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings

import pytest

from inspraak.core import csv

HELPER = Path(csv.__file__).resolve()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Fleur = Freelance", "Fleur = Freelance"),  # only a leading sign counts
        ("-12.50", "-12.50"),  # a plain negative number stays a number
        ("+3", "+3"),
        ("-1,5", "-1,5"),
        (Decimal("-12.50"), Decimal("-12.50")),
        (-3, -3),
        (None, ""),
    ],
)
def test_a_cell_never_starts_a_formula(value, written):
    assert csv.safe_cell(value) == written


def test_the_writer_passes_every_cell_through_the_helper():
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([["=1+1", Decimal("-4.00"), "ok"]])
    assert next(stdlib_csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == [
        "'=1+1",
        "-4.00",
        "ok",
    ]


def _project_modules():
    for folder in (
        "site",
        "participation",
        "councils",
        "experience_experts",
        "complaints",
    ):
        for path in (settings.BASE_DIR / folder).rglob("*.py"):
            if "migrations" not in path.parts and path.resolve() != HELPER:
                yield path


def test_no_module_writes_csv_except_through_the_helper():
    offenders = []
    for path in _project_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if "csv" in names:
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    assert offenders == [], "use inspraak.core.csv.writer instead: " + ", ".join(
        offenders
    )


def test_the_scan_sees_the_exports():
    # Guards the test above against scanning nothing.
    names = {path.name for path in _project_modules()}
    assert {"services.py", "views.py"} <= names


def test_stream_writes_safe_lines_after_the_bom():
    from inspraak.core import csv as safe_csv

    text = "".join(safe_csv.stream([["=1+1", 2], ["gewoon", "-3"]], delimiter=";"))
    assert text == "\ufeff'=1+1;2\r\ngewoon;-3\r\n"


def test_stream_comes_in_pieces_of_about_the_chunk_size():
    from inspraak.core import csv as safe_csv

    rows = ([n, "x" * 90] for n in range(1000))
    pieces = list(safe_csv.stream(rows, chunk=10_000))
    assert len(pieces) > 5
    assert all(len(piece) < 10_200 for piece in pieces)
    assert "".join(pieces).count("\r\n") == 1000


def test_streaming_response_is_a_csv_download_that_streams():
    from inspraak.core import csv as safe_csv

    rows = ([n, f"rij {n}"] for n in range(3))
    response = safe_csv.streaming_response("uit.csv", rows)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="uit.csv"'
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body == "\ufeff0,rij 0\r\n1,rij 1\r\n2,rij 2\r\n"


def test_under_asgi_the_rows_stream_as_they_are_made():
    """Daphne gets an asynchronous iterator (Django would collect a plain one into
    a list before the first byte); the rows are made one piece at a time."""
    from django.test import AsyncRequestFactory

    from asgiref.sync import async_to_sync

    from inspraak.core import csv as safe_csv

    made = []

    def rows():
        for n in range(3000):
            made.append(n)
            yield [n, "y" * 40]

    request = AsyncRequestFactory().get("/export.csv")
    response = safe_csv.streaming_response("uit.csv", rows(), request=request)
    assert response.is_async

    async def first_piece():
        iterator = aiter(response.streaming_content)
        piece = await anext(iterator)
        await iterator.aclose()
        return piece

    piece = async_to_sync(first_piece)()
    assert piece.startswith("\ufeff0,".encode())
    assert len(made) < 3000  # the first piece left before the last row was made

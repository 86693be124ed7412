"""The one way the platform writes CSV: a `csv.writer` whose every cell is made safe
for spreadsheet programs, so that text typed by anyone (a display name, a question)
can never run as a formula on the computer of the person who opens the file.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading apostrophe (OWASP "CSV injection"); spreadsheet programs then show it as text.
Numbers stay numbers: an int, float or Decimal is written as it is, and so is a text
that is nothing but a number (`-12.50`, `+3`, `-1,5`), so a negative amount in a
finance export still sums. `-1+1` or `-2*A1` are not plain numbers and get the
apostrophe.
"""

import csv as _csv
import re
from collections.abc import Iterable
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def safe_cell(value) -> object:
    """`value` as a spreadsheet shows it without evaluating anything."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """`csv.writer` with every cell passed through `safe_cell`."""

    def __init__(self, out, **options):
        self._writer = _csv.writer(out, **options)

    def writerow(self, row: Iterable):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out, **options) -> SafeWriter:
    """Like `csv.writer(out, **options)`; the only CSV writer apps may use."""
    return SafeWriter(out, **options)


class _Echo:
    """A file-like object whose `write` hands back the line it was given, so that a
    writer can produce one CSV line at a time for a streamed response."""

    def write(self, value: str) -> str:
        return value


def stream(
    rows: Iterable[Iterable], *, bom: bool = True, chunk: int = 32_768, **options
):
    """The CSV text of `rows` in pieces of about `chunk` characters (each line through
    `safe_cell`), for `StreamingHttpResponse`: memory stays flat whatever the number
    of rows. With `bom`, a UTF-8 byte order mark first, so spreadsheet programs read
    UTF-8."""
    line_writer = SafeWriter(_Echo(), **options)
    lines, size = (["\ufeff"], 1) if bom else ([], 0)
    for row in rows:
        line = line_writer.writerow(row)
        lines.append(line)
        size += len(line)
        if size >= chunk:
            yield "".join(lines)
            lines, size = [], 0
    if lines:
        yield "".join(lines)


def streaming_response(
    filename: str, rows: Iterable[Iterable], *, request=None, **options
):
    """A `StreamingHttpResponse` that downloads `rows` as `filename` (CSV, UTF-8).
    Pass a generator over `values_list(...).iterator()` to keep memory flat, and the
    `request`, so that under daphne the file streams (inspraak.core.streaming)."""
    from django.http import StreamingHttpResponse

    from .streaming import for_request

    response = StreamingHttpResponse(
        for_request(request, stream(rows, **options)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""The "my data" archive, written as it goes: data.json, a README in the person's
language and the files they uploaded, in one ZIP that is streamed out in chunks while
the rows are read, so memory stays flat for a person with thousands of rows."""

from __future__ import annotations

import json
import logging
import time
import zipfile
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .registry import registry

logger = logging.getLogger(__name__)

# Bytes gathered before a piece of the archive is handed on.
PIECE_SIZE = 64 * 1024


class _Pipe:
    """A write-only stream without seek or tell: zipfile then writes each member's
    sizes after its data, and what it wrote is taken out piece by piece."""

    def __init__(self):
        self._pieces: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        self._pieces.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._pieces)
        self._pieces.clear()
        self.size = 0
        return data


def chunks(user) -> Iterator[bytes]:
    """The ZIP archive of everything registered about `user`, piece by piece."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(_member("data.json"), "w") as member:
            texts, length = [], 0
            for text in data_json(user):
                texts.append(text)
                length += len(text)
                if length >= PIECE_SIZE:  # compressed in runs, not row by row
                    member.write("".join(texts).encode())
                    texts, length = [], 0
                if pipe.size >= PIECE_SIZE:
                    yield pipe.take()
            member.write("".join(texts).encode())
        with translation.override(user.preferred_language):
            archive.writestr("README.txt", _readme())
        for handler in registry.handlers():
            for exported in handler.files(user):
                try:
                    source = exported.file.open("rb")
                except FileNotFoundError:
                    logger.warning("Missing file in export: %s", exported.file.name)
                    continue
                with source, archive.open(_member(f"files/{exported.name}"), "w") as f:
                    for block in source.chunks():
                        f.write(block)
                        if pipe.size >= PIECE_SIZE:
                            yield pipe.take()
    yield pipe.take()


def data_json(user) -> Iterator[str]:
    """data.json in pieces; joined, the same text as `json.dumps(..., indent=2)` of
    {"exported_at", "account_number", "data": {model: [rows]}}."""
    yield "{\n"
    yield f'  "exported_at": {_dumps(timezone.now())},\n'
    yield f'  "account_number": {_dumps(user.pk)},\n'
    yield '  "data": {'
    handlers = registry.handlers()
    for position, handler in enumerate(handlers):
        yield f"{',' if position else ''}\n    {_dumps(handler.key)}: ["
        empty = True
        for row in handler.rows(user):
            # Indented as inside the whole document (a row's text has no blank lines).
            text = _dumps(row).replace("\n", "\n      ")
            yield f"{'' if empty else ','}\n      {text}"
            empty = False
        yield "]" if empty else "\n    ]"
    yield "\n  }\n}" if handlers else "}\n}"


def _dumps(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _member(name: str) -> zipfile.ZipInfo:
    """A new member as `ZipFile.writestr` makes one: dated now, compressed."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def _readme() -> str:
    return "\n\n".join(
        [
            _("Your data from Inspraak"),
            _(
                "data.json holds everything Inspraak stores about you, grouped by the "
                "kind of data. The folder files holds the files you uploaded."
            ),
            _(
                "Do you think something is wrong or missing? Tell us through the "
                "contact details on the website. You can also delete your account on "
                "the page My data."
            ),
        ]
    )

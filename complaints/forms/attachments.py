"""Files with a case: at most five, each checked by name and by its first bytes."""

import zipfile
from pathlib import PurePath

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
ALLOWED_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "docx", "odt")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five files: PDF, JPEG, PNG, .docx or .odt, at most 10 MB each, checked
    by name and by their first bytes."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
            ),
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault(
            "help_text",
            _(
                "Optional. At most %(count)s files of at most %(size)s each: PDF, "
                "photo (JPEG or PNG) or a Word or OpenDocument text."
            )
            % {"count": MAX_ATTACHMENTS, "size": filesizeformat(MAX_ATTACHMENT_SIZE)},
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        files = [item for item in items if item]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"])
            return []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("You can add at most %(count)s files."),
                params={"count": MAX_ATTACHMENTS},
            )
        for uploaded in files:
            super().clean(uploaded, initial)
            check_attachment(uploaded)
        return files


def check_attachment(uploaded) -> None:
    """Refuse a file that is too big or not what its name says."""
    name = uploaded.name
    if uploaded.size > MAX_ATTACHMENT_SIZE:
        raise forms.ValidationError(
            _("%(name)s is too big. A file can be at most %(size)s."),
            params={"name": name, "size": filesizeformat(MAX_ATTACHMENT_SIZE)},
        )
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS or not _content_matches(uploaded, extension):
        raise forms.ValidationError(
            _(
                "%(name)s cannot be added. Use a PDF, a photo (JPEG or PNG) or a Word "
                "or OpenDocument text."
            ),
            params={"name": name},
        )


def _content_matches(uploaded, extension: str) -> bool:
    uploaded.seek(0)
    head = uploaded.read(64)
    uploaded.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if not head.startswith(b"PK\x03\x04"):
        return False
    if extension == "odt":
        # The OpenDocument package starts with its uncompressed mimetype entry.
        return head[30:38] == b"mimetype" and head[38:].startswith(ODT_MIMETYPE[:26])
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded.seek(0)

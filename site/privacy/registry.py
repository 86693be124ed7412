"""The register of personal data: every app says here, per model, how the rows about
one person are shown on "my data", exported and erased.

An app adds a `personal_data.py` module that registers a `PersonalData` subclass per
model that points at the user (autodiscovered at start-up). The registry coverage test
fails when a foreign key to the user is not covered, so a new app cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

FORMER_MEMBER = _("former member")


class Erasure(models.TextChoices):
    """What happens to a model's rows when the person deletes their account."""

    DELETE = "delete", _("deleted")
    ANONYMISE = "anonymise", _("kept without your name")
    RETAIN = "retain", _("kept for the legal period, then your details are removed")


@dataclass(frozen=True)
class ExportedFile:
    name: str  # path inside the archive, below files/
    file: File


class PersonalData:
    """How one model's rows about a person are shown, exported and erased.

    Subclasses set `model`, `user_fields` (the fields on `model` that point at the
    user), `label`, `export_fields` and `erasure`; override `erase` for anything but
    deleting the rows.
    """

    model: ClassVar[type[models.Model]]
    user_fields: ClassVar[tuple[str, ...]] = ("user",)
    label: ClassVar[str] = ""
    # The heading on "my data"; defaults to the app's name.
    group: ClassVar[str] = ""
    # A plain sentence for "my data": what this is and why we hold it.
    purpose: ClassVar[str] = ""
    export_fields: ClassVar[tuple[str, ...]] = ()
    file_fields: ClassVar[tuple[str, ...]] = ()
    erasure: ClassVar[Erasure] = Erasure.DELETE
    # Shown before the person confirms deletion when rows are kept (anonymised or
    # retained): what stays and why.
    erasure_note: ClassVar[str] = ""
    # Handlers with a higher number erase later; the account itself goes last.
    erase_order: ClassVar[int] = 0

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    def queryset(self, user) -> models.QuerySet:
        condition = Q()
        for field in self.user_fields:
            condition |= Q(**{field: user})
        return self.model._default_manager.filter(condition)

    def count(self, user) -> int:
        return self.queryset(user).count()

    def export(self, user) -> list[dict]:
        return [self.export_row(obj) for obj in self.queryset(user).order_by("pk")]

    def columns(self) -> list[str]:
        """Readable names of the exported fields, for the "my data" page."""
        names = []
        for name in self.export_fields:
            try:
                names.append(str(self.model._meta.get_field(name).verbose_name))
            except Exception:  # a property or a computed value
                names.append(name.replace("_", " "))
        return names

    def export_row(self, obj) -> dict:
        row = {}
        for name in self.export_fields:
            value = getattr(obj, name)
            display = getattr(obj, f"get_{name}_display", None)
            if display is not None:
                value = str(display())  # the label a person understands
            elif isinstance(value, models.Model):
                value = str(value)
            elif isinstance(value, models.fields.files.FieldFile):
                value = value.name or None
            elif hasattr(value, "all") and callable(value.all):  # many-to-many
                value = [str(item) for item in value.all()]
            row[name] = value
        return row

    def files(self, user) -> Iterable[ExportedFile]:
        if not self.file_fields:
            return
        for obj in self.queryset(user).order_by("pk"):
            for name in self.file_fields:
                field_file = getattr(obj, name)
                if field_file:
                    filename = field_file.name.rsplit("/", 1)[-1]
                    yield ExportedFile(f"{self.key}/{obj.pk}-{filename}", field_file)

    def erase(self, user) -> None:
        """Remove this model's personal data about `user`: delete the rows, or for
        rows that are kept (anonymised or retained) only drop the link to the
        person. Override for anything else."""
        if self.erasure != Erasure.DELETE:
            self.clear_user_fields(user)
            return
        queryset = self.queryset(user)
        if self.file_fields:
            for obj in queryset:
                for name in self.file_fields:
                    getattr(obj, name).delete(save=False)
        queryset.delete()

    def clear_user_fields(self, user, **extra) -> int:
        """Anonymise: keep the rows, drop the link to the person (and set `extra`)."""
        changed = 0
        for field in self.user_fields:
            changed += self.model._default_manager.filter(**{field: user}).update(
                **{field: None}, **extra
            )
        return changed


class Registry:
    def __init__(self):
        self._handlers: dict[type[models.Model], PersonalData] = {}

    def register(self, handler_class: type[PersonalData]) -> type[PersonalData]:
        """Register a handler; usable as a class decorator."""
        model = handler_class.model
        if model in self._handlers:
            raise ValueError(f"{model._meta.label} is already in the privacy registry.")
        user_model = get_user_model()
        for name in handler_class.user_fields:
            if name == "pk" and model is user_model:
                continue
            field = model._meta.get_field(name)
            if field.related_model is not user_model:
                raise ValueError(
                    f"{model._meta.label}.{name} does not point at the user model."
                )
        self._handlers[model] = handler_class()
        return handler_class

    def handlers(self) -> list[PersonalData]:
        """All handlers, in the order they are erased."""
        return sorted(self._handlers.values(), key=lambda h: (h.erase_order, h.key))

    def get(self, model) -> PersonalData | None:
        return self._handlers.get(model)

    def covered_fields(self) -> set[tuple[str, str]]:
        return {
            (handler.model._meta.label_lower, field)
            for handler in self._handlers.values()
            for field in handler.user_fields
        }


registry = Registry()
register = registry.register


def fields_pointing_at_user() -> list[tuple[str, str]]:
    """Every (model, field) in the project that is a relation to the user model."""
    from django.apps import apps

    user_model = get_user_model()
    found = []
    for model in apps.get_models(include_auto_created=False):
        for field in model._meta.get_fields():
            # Inherited fields (a page's owner) are counted once, on their model.
            if (
                field.is_relation
                and field.concrete
                and field.model is model
                and not field.auto_created
                and field.related_model is user_model
            ):
                found.append((model._meta.label_lower, field.name))
    return found

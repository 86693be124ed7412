"""The register of personal data: every app says here, per model, how the rows about
one person are shown on "my data", exported and erased.

An app adds a `personal_data.py` module that registers a `PersonalData` subclass per
model that points at the user (autodiscovered at start-up). The registry coverage test
fails when a foreign key to the user is not covered, so a new app cannot be forgotten.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import FieldDoesNotExist
from django.core.files import File
from django.db import models
from django.db.models import F, Func, Q, Subquery
from django.utils import translation
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

FORMER_MEMBER = _("former member")
# Rows read per round trip in an export; relations are prefetched per chunk.
CHUNK_SIZE = 2000


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
    deleting the rows. Exported foreign keys are loaded with the row and exported
    many-to-many and generic relations prefetched; name in `select_related` what a
    related object's `__str__` reads in turn, so an export takes the same number of
    queries for one row or a thousand.
    """

    model: ClassVar[type[models.Model]]
    user_fields: ClassVar[tuple[str, ...]] = ("user",)
    label: ClassVar[str] = ""
    # The heading on "my data"; defaults to the app's name.
    group: ClassVar[str] = ""
    # A plain sentence for "my data": what this is and why we hold it.
    purpose: ClassVar[str] = ""
    export_fields: ClassVar[tuple[str, ...]] = ()
    # Relations beyond the exported fields themselves, e.g. "booking__assignment"
    # when `str(booking)` names the assignment. An exported foreign key named in
    # `prefetch_related` is read in one query of its own instead of joined: for a
    # few heavy objects shared by many rows (the council of every request).
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
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

    def export_queryset(self, user) -> models.QuerySet:
        """The rows about `user` in a stable order, with every relation the export
        reads loaded up front."""
        joined, prefetched = list(self.select_related), list(self.prefetch_related)
        for name in self.export_fields:
            field = _model_field(self.model, name)
            if field is None or not field.is_relation:
                continue
            if name in prefetched:
                continue
            if isinstance(field, GenericForeignKey) or field.many_to_many:
                prefetched.append(name)
            elif field.many_to_one or field.one_to_one:
                joined.append(name)
        queryset = self.queryset(user).order_by("pk").prefetch_related(*prefetched)
        # select_related() without names would follow every foreign key.
        return queryset.select_related(*joined) if joined else queryset

    def objects(self, user, limit: int | None = None) -> Iterator[models.Model]:
        """The rows to export, read in chunks (or only the first `limit`)."""
        queryset = self.export_queryset(user)
        if limit is not None:
            return iter(queryset[:limit])
        return queryset.iterator(chunk_size=CHUNK_SIZE)

    def rows(self, user, limit: int | None = None) -> Iterator[dict]:
        """The exported rows about `user`, one dict per row, as they are read."""
        for obj in self.objects(user, limit):
            yield self.export_row(obj)

    def export(self, user) -> list[dict]:
        return list(self.rows(user))

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
        choices = _choice_labels(
            self.model, self.export_fields, translation.get_language()
        )
        for name in self.export_fields:
            value = getattr(obj, name)
            labels = choices.get(name)
            if labels is not None:  # what get_FOO_display() says, without its cost
                value = str(labels.get(make_hashable(value), value))
            elif (display := getattr(obj, f"get_{name}_display", None)) is not None:
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
        objects = self.queryset(user).order_by("pk").iterator(chunk_size=CHUNK_SIZE)
        for obj in objects:
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

    def counts(self, user) -> dict[str, int]:
        """The number of rows about `user` per handler key, all in one query (a
        handler with its own `count` is asked separately)."""
        counts, subqueries = {}, {}
        for handler in self._handlers.values():
            if type(handler).count is not PersonalData.count:
                counts[handler.key] = handler.count(user)
                continue
            rows = handler.queryset(user).order_by()
            # COUNT as a plain function: one number, without a GROUP BY.
            number = rows.annotate(n=Func(F("pk"), function="COUNT")).values("n")
            subqueries[f"n{len(subqueries)}"] = (handler.key, Subquery(number))
        if subqueries:
            found = (
                get_user_model()
                ._default_manager.filter(pk=user.pk)
                .values(**{name: query for name, (_key, query) in subqueries.items()})
                .get()
            )
            for name, (key, _query) in subqueries.items():
                counts[key] = found[name]
        return counts

    def covered_fields(self) -> set[tuple[str, str]]:
        return {
            (handler.model._meta.label_lower, field)
            for handler in self._handlers.values()
            for field in handler.user_fields
        }


registry = Registry()
register = registry.register


def _model_field(model, name):
    """The field `name` of `model`, or None for a property or computed value."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@functools.cache
def _choice_labels(model, names: tuple[str, ...], language: str | None) -> dict:
    """Per field of `names` with choices, the labels in `language`: what Django's own
    get_FOO_display says, without rebuilding them for every call. Fields with a
    get_FOO_display of the model's own are left out."""
    found = {}
    for name in names:
        field = _model_field(model, name)
        generated = inspect.getattr_static(model, f"get_{name}_display", None)
        own_display = not isinstance(generated, functools.partialmethod)
        if field is not None and field.choices and not own_display:
            found[name] = {
                make_hashable(value): str(label) for value, label in field.flatchoices
            }
    return found


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

"""Bounds on every input: form fields get limits from their model field (digits,
column range, length) and from sense (dates between 1900 and 2100, a date of birth
not in the future); GET parameters and URL years are parsed through one helper that
answers a wrong value with a 400 or a 404, never a server error."""

import contextlib
import datetime
import functools
from decimal import Decimal

from django import forms
from django.core.exceptions import BadRequest, FieldDoesNotExist, ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
FIRST_YEAR, LAST_YEAR = 2000, 2100
# A free text without a limit of its own (a description, a message, an answer).
MAX_TEXT_LENGTH = 10_000
# Column ranges as PostgreSQL has them, so SQLite refuses what PostgreSQL would.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
INTEGER_RANGE = INTEGER_RANGES["IntegerField"]
MAX_ID = INTEGER_RANGES["BigAutoField"][1]
# A number typed in a form that has no column behind it.
MAX_PLAIN_DECIMAL = Decimal("999999999.99")

TEXT_TOO_LONG = _(
    "This text is too long. Use at most %(limit_value)d characters (now "
    "%(show_value)d)."
)


@deconstructible
class DateRangeValidator:
    """A date (or the day of a date and time) between two days."""

    def __init__(self, earliest=EARLIEST_DATE, latest=LATEST_DATE):
        self.earliest = earliest
        self.latest = latest

    def __call__(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if not self.earliest <= day <= self.latest:
            raise ValidationError(
                _("Check the date: use a day from %(earliest)s to %(latest)s."),
                code="date_range",
                params={
                    "earliest": date_format(self.earliest),
                    "latest": date_format(self.latest),
                },
            )

    def __eq__(self, other):
        return (
            isinstance(other, DateRangeValidator)
            and self.earliest == other.earliest
            and self.latest == other.latest
        )


@deconstructible
class DateOfBirthValidator(DateRangeValidator):
    """Born after 1900 and not in the future."""

    def __init__(self):
        super().__init__(EARLIEST_DATE, None)

    def __call__(self, value):
        if value < EARLIEST_DATE:
            raise ValidationError(
                _("Check the year of the date of birth: it is before 1900."),
                code="born_before_1900",
            )
        if value > timezone.localdate():
            raise ValidationError(
                _("A date of birth cannot be in the future."), code="future"
            )

    def __eq__(self, other):
        return isinstance(other, DateOfBirthValidator)


DATE_OF_BIRTH_VALIDATORS = [DateOfBirthValidator()]


def decimal_maximum(max_digits: int, decimal_places: int) -> Decimal:
    """The largest value a column of `max_digits` with `decimal_places` holds."""
    whole = Decimal(10) ** (max_digits - decimal_places)
    return whole - Decimal(1).scaleb(-decimal_places)


def model_field_range(field: models.Field) -> tuple:
    """(lowest, highest) a numeric model field's column holds, or (None, None)."""
    if isinstance(field, models.DecimalField) and field.max_digits is not None:
        highest = decimal_maximum(field.max_digits, field.decimal_places)
        return -highest, highest
    return INTEGER_RANGES.get(field.get_internal_type(), (None, None))


# Forms -------------------------------------------------------------------------


def _has(field: forms.Field, kind: type) -> bool:
    return any(isinstance(validator, kind) for validator in field.validators)


def _limit_number(field: forms.Field, lowest, highest) -> None:
    if lowest is not None and not _has(field, MinValueValidator):
        field.min_value = lowest
        field.validators.append(MinValueValidator(lowest))
        field.widget.attrs.setdefault("min", str(lowest))
    if highest is not None and not _has(field, MaxValueValidator):
        field.max_value = highest
        field.validators.append(MaxValueValidator(highest))
        field.widget.attrs.setdefault("max", str(highest))


class OverflowSafeChoiceMixin:
    """A choice of a row by a number too large for the database (SQLite raises
    OverflowError, which Django's choice fields do not catch) is an invalid choice."""

    def clean(self, value):
        try:
            return super().clean(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


@functools.cache
def _overflow_safe(cls: type) -> type:
    return type(cls.__name__, (OverflowSafeChoiceMixin, cls), {})


def bound_field(field: forms.Field, model_field: models.Field | None = None) -> None:
    """Give one form field the limits it lacks. Idempotent."""
    if getattr(field, "_bounded", False):
        return
    field._bounded = True
    if isinstance(field, forms.ModelChoiceField) and not isinstance(
        field, OverflowSafeChoiceMixin
    ):
        field.__class__ = _overflow_safe(type(field))
    if model_field is not None and isinstance(
        field, forms.DateField | forms.DateTimeField
    ):
        for validator in model_field.validators:
            if validator not in field.validators:
                field.validators.append(validator)
    if isinstance(field, forms.CharField):
        if field.max_length is None:
            field.max_length = MAX_TEXT_LENGTH
            field.validators.append(
                MaxLengthValidator(MAX_TEXT_LENGTH, message=TEXT_TOO_LONG)
            )
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("maxlength", str(MAX_TEXT_LENGTH))
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        if not _has(field, DateRangeValidator):
            field.validators.append(DateRangeValidator())
            if isinstance(field, forms.DateField):
                field.widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
                field.widget.attrs.setdefault("max", LATEST_DATE.isoformat())
    elif isinstance(field, forms.DecimalField):
        if model_field is not None:
            lowest, highest = model_field_range(model_field)
        elif field.max_digits is not None:
            highest = decimal_maximum(field.max_digits, field.decimal_places or 0)
            lowest = -highest
        else:
            lowest, highest = -MAX_PLAIN_DECIMAL, MAX_PLAIN_DECIMAL
        _limit_number(field, lowest, highest)
    elif isinstance(field, forms.IntegerField):  # also FloatField
        if model_field is not None:
            lowest, highest = model_field_range(model_field)
        else:
            lowest, highest = INTEGER_RANGE
        _limit_number(field, lowest, highest)


def bound_form(form: forms.BaseForm) -> None:
    """Bound every field of a form; a model form's fields after their model field."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, field in form.fields.items():
        model_field = None
        if model is not None:
            with contextlib.suppress(FieldDoesNotExist):
                model_field = model._meta.get_field(name)
            if model_field is not None and not model_field.concrete:
                model_field = None
        bound_field(field, model_field)


class BoundsMixin:
    """Bounds on every field: when the form is made (so the page shows min, max and
    maxlength) and again before cleaning, for fields added later."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_form(self)

    def full_clean(self):
        bound_form(self)
        super().full_clean()


class BoundedForm(BoundsMixin, forms.Form):
    pass


class BoundedModelForm(BoundsMixin, forms.ModelForm):
    pass


# GET parameters and URL values -------------------------------------------------


def query_int(
    request,
    name: str,
    *,
    default: int | None = None,
    min_value: int = INTEGER_RANGE[0],
    max_value: int = INTEGER_RANGE[1],
) -> int | None:
    """An integer GET parameter within bounds: `default` when it is absent or empty,
    a 400 (BadRequest) with a plain message when it is not a number in range."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number.") from None
    if not min_value <= value <= max_value:
        raise BadRequest(f"{name} must be from {min_value} to {max_value}.")
    return value


def query_year(request, name: str = "year", *, default: int | None = None) -> int:
    return query_int(
        request, name, default=default, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )


def parse_id(value) -> int | None:
    """A row number from text (a GET value, a chooser's pk), or None when it is not
    a whole number the id columns hold."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if 0 < number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The row numbers among `values`; anything else is left out."""
    return [number for value in values if (number := parse_id(value)) is not None]


class IdConverter:
    """`<id:pk>` in a URL: a row number the id columns can hold (BigAutoField), so a
    longer number is a 404 rather than an overflow in the database driver."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(number)
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class YearConverter:
    """`<year:year>` in a URL: a year from FIRST_YEAR to LAST_YEAR, else 404."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(year)
        return year

    def to_url(self, value) -> str:
        return str(int(value))


# A query value longer than this is no search or filter a person typed; a search
# over it is refused by SQLite ("LIKE pattern too complex") and slow elsewhere.
MAX_QUERY_VALUE_LENGTH = 2000


def has_unreadable_query(request) -> bool:
    """A GET parameter a view must not read: one holding a NUL character (PostgreSQL
    refuses NUL in any text) or longer than MAX_QUERY_VALUE_LENGTH."""
    return has_nul(request) or any(
        len(value) > MAX_QUERY_VALUE_LENGTH
        for _name, values in request.GET.lists()
        for value in values
    )


def has_nul(request) -> bool:
    """Whether a GET parameter (name or value) holds a NUL character, which
    PostgreSQL refuses in any text."""
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )
